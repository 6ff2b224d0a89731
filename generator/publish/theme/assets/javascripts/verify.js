// The handle check: loaded only on the verify page. It fetches the accounts files
// (api/accounts/<platform>.json) once and answers in the page; what the reader types never
// leaves the browser. Every answer is built from text nodes: names and handles come from
// the registry, and a registry cell must never become markup. Data is looked up in Maps
// only: a handle or key named like a built-in ("__proto__", "constructor") is just a name.
(function () {
  var form = document.querySelector("form.jd-verify");
  if (!form) return;
  var input = form.querySelector("input");
  var answer = document.querySelector(".jd-verify-answer");
  var said = document.querySelector(".jd-verify-said");
  var data = JSON.parse(document.getElementById("jd-verify-words").textContent);
  var w = data.words;
  var statusNames = mapOf(data.status), platformNames = mapOf(data.platform_names);
  var loaded = null;

  function mapOf(object) { return new Map(Object.entries(object || {})); }

  // The site each link is on: a name on Instagram is not the X account of the same name.
  var HOSTS = mapOf({ "x.com": "x", "mobile.x.com": "x", "twitter.com": "x", "mobile.twitter.com": "x",
    "instagram.com": "instagram", "m.instagram.com": "instagram",
    "facebook.com": "facebook", "m.facebook.com": "facebook", "fb.com": "facebook",
    "youtube.com": "youtube", "m.youtube.com": "youtube" });

  // Handles are ASCII, and so is their case: only A-Z is folded. toLowerCase() would also
  // fold look-alikes such as the Kelvin sign (U+212A) into "k" and answer for a fake.
  function fold(text) { return text.replace(/[A-Z]+/g, function (c) { return c.toLowerCase(); }); }

  // What people paste: "@Name", " name ", "https://x.com/Name?s=20", "twitter.com/Name/status/1",
  // "instagram.com/name/". A link's site is kept as the platform it asks about.
  function clean(text) {
    text = text.replace(/\s+/g, "");
    var url = text.match(/^(?:https?:\/\/)?(?:www\.)?([a-z0-9.-]+\.[a-z]+)\/+@?([^\/?#]*)/i);
    var platform = url ? HOSTS.get(fold(url[1])) : undefined;
    return { platform: platform || null, handle: (platform ? url[2] : text).replace(/^@+/, "") };
  }

  function normalise(text) { return fold(clean(text).handle); }
  window.jdVerifyNormalise = normalise;

  function add(map, handle, account) {
    var key = fold(handle);
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(account);
  }

  function platformName(platform) { return platformNames.get(platform) || platform; }

  function load() {
    if (!loaded) {
      loaded = Promise.all(Object.keys(data.platforms).map(function (platform) {
        return fetch(form.dataset.api + platform + ".json").then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      })).then(function (files) {
        var index = { current: new Map(), earlier: new Map(), asOf: null };
        files.forEach(function (file) {
          if (file.as_of && (!index.asOf || file.as_of > index.asOf)) index.asOf = file.as_of;
          file.accounts.forEach(function (a) {
            a.platform = file.platform;
            add(index.current, a.handle, a);
            a.earlier_handles.forEach(function (h) { add(index.earlier, h, a); });
          });
        });
        return index;
      });
      loaded.catch(function () { loaded = null; });  // the next try fetches again
    }
    return loaded;
  }

  function day(iso) {
    var d = iso.slice(0, 10).split("-");
    return Number(d[2]) + " " + data.months[Number(d[1]) - 1] + " " + d[0];
  }

  // A handle is Latin letters a screen reader must spell as written, on a Hindi page too.
  var HANDLES = new Set(["handle", "now"]);
  function handleText(text) {
    var span = document.createElement("span");
    span.lang = "en";
    span.setAttribute("translate", "no");
    span.textContent = text;
    return span;
  }

  // A sentence of words.py with its {placeholders} filled by text or by an element.
  function fill(template, values, tag) {
    var p = document.createElement(tag || "p");
    var given = mapOf(values);
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = part.match(/^\{(\w+)\}$/);
      var value = key && given.has(key[1]) ? given.get(key[1]) : part;
      if (key && HANDLES.has(key[1]) && typeof value === "string") value = handleText(value);
      p.appendChild(typeof value === "string" ? document.createTextNode(value) : value.cloneNode(true));
    });
    return p;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function department(a) {
    return link(form.dataset.root + a.scorecard, data.lang === "hi" ? a.department_name_hi : a.department_name_en);
  }

  function source(a) {
    var title = a.source_title;
    // Evidence that the body runs it, or only where an unverified handle is listed.
    var said = a.official === "yes" ? w.source : w.listed;
    if (a.source_url && /^https?:\/\//.test(a.source_url)) {
      var shown = a.source_url.replace(/^https?:\/\//, "");
      if (shown.length > 50) shown = shown.split("/")[0] + "/…";
      var evidence = link(a.source_url, title || shown);
      evidence.rel = "nofollow noopener";
      return fill(said, { source: evidence });
    }
    return title ? fill(said, { source: title }) : fill(w.no_source);
  }

  function box(kind, title) {
    var div = document.createElement("div");
    div.className = "admonition " + kind;
    var head = fill(title.text, title.values);
    head.className = "admonition-title";
    div.appendChild(head);
    return div;
  }

  // `renamed`: the answer for an old handle, which says first which handle is current and
  // which is not; "official" alone under it would read as vouching for the old one.
  function facts(div, a, renamed) {
    if (renamed) {
      div.appendChild(fill(a.official === "yes" ? w.renamed_current : w.renamed_current_unverified,
        { now: a.handle, handle: renamed }));
    } else {
      div.appendChild(fill(a.official === "yes" ? w.official : w.unverified));
    }
    div.appendChild(fill(w.status, { status: statusNames.get(a.status) || a.status }));
    a.shared_with.forEach(function (other) { div.appendChild(fill(w.shared, { department: department(other) })); });
    if (a.since) div.appendChild(fill(w.since, { date: day(a.since) }));
    div.appendChild(source(a));
  }

  // What the live region says: each answer's headline, or the whole answer where it is one line.
  // A handle found is headed the same whether it is official or not (the box's colour differs):
  // the line under the headline that says which, and not to give an unverified one money or
  // an OTP, is said with it. The rest of the facts stay for the reader to go on to.
  function announce() {
    var heads = Array.prototype.map.call(answer.querySelectorAll(".admonition"), function (box) {
      var head = box.querySelector(".admonition-title");
      var verdict = box.classList.contains("danger") ? null : head.nextElementSibling;
      return head.textContent + (verdict ? " " + verdict.textContent : "");
    });
    said.textContent = heads.length ? heads.join(" ") : answer.textContent;
  }

  function show(index, typed) {
    answer.textContent = "";
    var asked = clean(typed);
    var key = fold(asked.handle);
    if (!key) { answer.appendChild(fill(w.empty)); return; }
    function onPlatform(a) { return !asked.platform || a.platform === asked.platform; }
    var current = (index.current.get(key) || []).filter(onPlatform);
    var earlier = (index.earlier.get(key) || []).filter(onPlatform);
    current.forEach(function (a) {
      var div = box(a.official === "yes" ? "success" : "warning", { text: w.found, values: {
        handle: a.handle, department: department(a), platform: platformName(a.platform) } });
      facts(div, a);
      answer.appendChild(div);
    });
    if (!current.length) {
      earlier.forEach(function (a) {
        var old = a.earlier_handles.filter(function (h) { return fold(h) === key; })[0];
        var div = box("warning", { text: w.renamed, values: { handle: old, now: a.handle, department: department(a),
          platform: platformName(a.platform) } });
        facts(div, a, old);
        answer.appendChild(div);
      });
    }
    if (!current.length && !earlier.length) {
      var div = box("danger", asked.platform ?
        { text: w.unknown_on, values: { handle: asked.handle, platform: platformName(asked.platform) } } :
        { text: w.unknown, values: { handle: asked.handle } });
      div.appendChild(fill(w.advice));
      var report = document.getElementById("jd-verify-report").cloneNode(true);
      report.removeAttribute("id");
      report.hidden = false;
      div.appendChild(report);
      answer.appendChild(div);
    }
    if (index.asOf) answer.appendChild(fill(w.as_of, { date: day(index.asOf) }));
  }

  function run(event) {
    if (event) event.preventDefault();
    var typed = input.value;
    if (!loaded) answer.textContent = w.loading;
    announce();
    load().then(function (index) { show(index, typed); announce(); }).catch(function () {
      answer.textContent = "";
      answer.appendChild(fill(w.failed));
      announce();
    });
  }

  form.addEventListener("submit", run);
  var given = new URLSearchParams(location.search).get("handle");
  if (given) { input.value = given; run(); }
})();
