// The handle check: loaded only on the verify page. It fetches the accounts files
// (api/accounts/<platform>.json) once and answers in the page; what the reader types never
// leaves the browser. Every answer is built from text nodes: names and handles come from
// the registry, and a registry cell must never become markup.
(function () {
  var form = document.querySelector("form.jd-verify");
  if (!form) return;
  var input = form.querySelector("input");
  var answer = document.querySelector(".jd-verify-answer");
  var data = JSON.parse(document.getElementById("jd-verify-words").textContent);
  var w = data.words;
  var loaded = null;

  // What people paste: "@Name", " name ", "https://x.com/Name?s=20", "twitter.com/Name/status/1".
  function clean(text) {
    text = text.replace(/\s+/g, "");
    var url = text.match(/^(?:https?:\/\/)?(?:www\.|mobile\.|m\.)?(?:x|twitter|facebook|instagram)\.com\/+@?([^\/?#]*)/i);
    return (url ? url[1] : text).replace(/^@+/, "");
  }

  function normalise(text) { return clean(text).toLowerCase(); }
  window.jdVerifyNormalise = normalise;

  function add(map, handle, account) {
    var key = handle.toLowerCase();
    (map[key] = map[key] || []).push(account);
  }

  function load() {
    if (!loaded) {
      loaded = Promise.all(Object.keys(data.platforms).map(function (platform) {
        return fetch(form.dataset.api + platform + ".json").then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        });
      })).then(function (files) {
        var index = { current: {}, earlier: {}, asOf: null };
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

  // A sentence of words.py with its {placeholders} filled by text or by an element.
  function fill(template, values, tag) {
    var p = document.createElement(tag || "p");
    template.split(/(\{\w+\})/).forEach(function (part) {
      var key = part.match(/^\{(\w+)\}$/);
      var value = key && values && key[1] in values ? values[key[1]] : part;
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
    if (a.source_url && /^https?:\/\//.test(a.source_url)) {
      var shown = a.source_url.replace(/^https?:\/\//, "");
      if (shown.length > 50) shown = shown.split("/")[0] + "/…";
      var evidence = link(a.source_url, title || shown);
      evidence.rel = "nofollow noopener";
      return fill(w.source, { source: evidence });
    }
    return title ? fill(w.source, { source: title }) : fill(w.no_source);
  }

  function box(kind, title) {
    var div = document.createElement("div");
    div.className = "admonition " + kind;
    var head = fill(title.text, title.values);
    head.className = "admonition-title";
    div.appendChild(head);
    return div;
  }

  function facts(div, a) {
    div.appendChild(fill(a.official === "yes" ? w.official : w.unverified));
    div.appendChild(fill(w.status, { status: data.status[a.status] || a.status }));
    if (a.since) div.appendChild(fill(w.since, { date: day(a.since) }));
    div.appendChild(source(a));
  }

  function show(index, typed) {
    answer.textContent = "";
    var key = normalise(typed);
    if (!key) { answer.appendChild(fill(w.empty)); return; }
    var current = index.current[key] || [];
    var earlier = index.earlier[key] || [];
    current.forEach(function (a) {
      var div = box(a.official === "yes" ? "success" : "warning", { text: w.found, values: {
        handle: a.handle, department: department(a), platform: data.platforms[a.platform] || a.platform } });
      facts(div, a);
      answer.appendChild(div);
    });
    if (!current.length) {
      earlier.forEach(function (a) {
        var old = a.earlier_handles.filter(function (h) { return h.toLowerCase() === key; })[0];
        var div = box("warning", { text: w.renamed, values: { handle: old, now: a.handle, department: department(a),
          platform: data.platforms[a.platform] || a.platform } });
        facts(div, a);
        answer.appendChild(div);
      });
    }
    if (!current.length && !earlier.length) {
      var div = box("danger", { text: w.unknown, values: { handle: clean(typed) } });
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
    load().then(function (index) { show(index, typed); }).catch(function () {
      answer.textContent = "";
      answer.appendChild(fill(w.failed));
    });
  }

  form.addEventListener("submit", run);
  var given = new URLSearchParams(location.search).get("handle");
  if (given) { input.value = given; run(); }
})();
