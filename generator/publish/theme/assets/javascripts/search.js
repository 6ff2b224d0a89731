// The directory search: loaded only on the search page. It fetches the index of
// departments once (generator/render/search.py writes it) and ranks departments by how
// well each word typed matches a word of their names, place (former names included),
// handles, or what people call their office (the registry's titles table): the same word,
// its start, or the same word misspelt (its normalised key within a small edit distance).
// A handle may be typed with or without @, or pasted as an x.com or twitter.com address.
// Names are looked up in Maps: a word like "constructor" finds nothing it should not.
//
// The ranking part needs no page: under Node (module.exports) it is what the tests run.
(function () {
  "use strict";

  // The same rule as normalise in generator/render/search.py.
  function normalise(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u093c\u200c\u200d\u0300-\u036f]/g, "")
      .replace(/\u0901/g, "\u0902").replace(/[^\p{L}\p{M}\p{N}_@\u0900-\u097f]+/gu, " ").trim();
  }

  // Independent vowels written as their short forms: आ/अ, ई/इ, ऊ/उ, ऐ/ए, औ/ओ; and the
  // consonants people write for one another: ण/न (सारण, सारन), ष/श (विशेष, विशेश).
  var FOLDED = new Map([["\u0906", "\u0905"], ["\u0908", "\u0907"], ["\u090a", "\u0909"],
                        ["\u0910", "\u090f"], ["\u0914", "\u0913"], ["\u0923", "\u0928"],
                        ["\u0937", "\u0936"]]);

  // A word's spelling-blind key: Devanagari without vowel signs, virama, anusvara or
  // visarga; Latin with one letter for each doubled one (zz/z, aa/a, ff/f) and the
  // common vowel spellings (ee/i, oo/u) alike. Two spellings of one name share a key.
  function key(word) {
    word = word.replace(/ee/g, "i").replace(/oo/g, "u").replace(/w/g, "v").replace(/ph/g, "f");
    var out = "";
    for (var i = 0; i < word.length; i++) {
      var c = word[i];
      if ((c >= "\u093e" && c <= "\u094d") || (c >= "\u0900" && c <= "\u0903") || c === "\u0962" || c === "\u0963") {
        continue;
      }
      c = FOLDED.get(c) || c;
      if (c === "_" || c === "@") continue;
      if (out[out.length - 1] === c) continue;
      out += c;
    }
    return out;
  }

  // Edit distance (with swapped neighbours) of a and b, or limit + 1 once it is larger.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        row.push(v);
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  var HANDLE_URL = /(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\/@?([A-Za-z0-9_]{1,15})\S*/gi;

  // The words of a query: a pasted address of a profile becomes its handle; @ is dropped.
  function tokens(query) {
    var text = normalise(String(query).replace(HANDLE_URL, " $1 "));
    return text.split(" ").map(function (t) { return t.replace(/^@+/, ""); }).filter(Boolean);
  }

  // The words of an index text (no addresses to read there).
  function words(text) {
    return normalise(text || "").split(" ").map(function (t) { return t.replace(/^@+/, ""); }).filter(Boolean);
  }

  // Joining words of a question ("DM of Gorakhpur", "गोरखपुर के डीएम"): never a name's
  // distinguishing part, so a query is matched without them.
  var JOINING = new Set(["of", "the", "and", "in", "for", "at", "ka", "ki", "ke", "ko", "se", "me",
                         "का", "की", "के", "को", "से", "में", "और", "एवं", "व"]);

  // How much a match in each part of an entry counts.
  var NAME = 1, HANDLE = 1, PLACE = 0.95, TITLE = 0.9, STATE = 0.8, CATEGORY = 0.7, STATUS = 0.4;
  var DEVANAGARI = /[\u0900-\u097f]/;

  function Index(data, names) {
    names = names || {};
    var categoryNames = new Map(Object.entries(names.categoryNames || {}));
    var statusNames = new Map(Object.entries(names.statusNames || {}));
    this.data = data;
    this.states = new Map(Object.entries(data.states || {}));
    this.entries = data.entries;
    this.vocabulary = new Map();  // word -> Map(entry number -> weight)
    this.keys = new Map();        // key -> [words]
    var self = this;
    this.nameWords = [];
    this.stateWords = new Map();
    this.states.forEach(function (value, code) { self.stateWords.set(code, new Set(words(value[0].join(" ")))); });
    // What many entries share (a state, category, status, place or title) is indexed once,
    // as a group: a word of it points to the group, the group lists its entries.
    this.groups = new Map();
    var texts = new Map();
    function join(group, n, weight, text) {
      if (!self.groups.has(group)) {
        self.groups.set(group, []);
        texts.set(group, [text(), weight]);
      }
      self.groups.get(group).push(n);
    }
    data.entries.forEach(function (e, n) {
      var names = [words(e[1]), words(e[2])];
      names[0].concat(names[1]).forEach(function (w) { self.add(w, n, NAME); });
      words(e[5]).forEach(function (w) { self.add(w, n, HANDLE); });
      join("s" + e[3], n, STATE, function () { return (self.states.get(e[3]) || [[]])[0].join(" "); });
      join("c" + e[7], n, CATEGORY, function () { return (categoryNames.get(e[7]) || []).join(" "); });
      join("t" + e[6], n, STATUS, function () { return (statusNames.get(e[6]) || []).join(" "); });
      if (e[4] >= 0) {
        join("p" + e[4], n, PLACE, function () {
          var place = data.places[e[4]];
          return place[1] + " " + place[2] + " " + place[3];
        });
      }
      e[8].forEach(function (t) {
        join("T" + t, n, TITLE, function () { return data.titles[t].join(" "); });
      });
      self.nameWords.push(names);
    });
    texts.forEach(function (value, group) {
      words(value[0]).forEach(function (w) { self.add(w, group, value[1]); });
    });
    this.placeKeys = data.places.map(function (p) {
      return [p[1], p[2]].concat(p[3].split(";")).map(function (name) {
        return words(name).map(key).join(" ");
      }).filter(Boolean);
    });
  }

  // `target`: an entry's number, or a group's name.
  Index.prototype.add = function (word, target, weight) {
    var posting = this.vocabulary.get(word);
    if (!posting) {
      posting = new Map();
      this.vocabulary.set(word, posting);
      var k = key(word);
      if (!this.keys.has(k)) this.keys.set(k, []);
      this.keys.get(k).push(word);
    }
    if (!(posting.get(target) >= weight)) posting.set(target, weight);
  };

  // The index's words a query word may mean, each with how sure the match is.
  Index.prototype.meanings = function (t) {
    var found = new Map(), self = this;
    function offer(word, quality) { if (!(found.get(word) >= quality)) found.set(word, quality); }
    if (this.vocabulary.has(t)) offer(t, 1);
    var long = t.length >= (DEVANAGARI.test(t) ? 2 : 3);
    var k = key(t);
    // Short keys (डीएम, सीएम) are whole short forms: one letter off is another office.
    var limit = k.length >= 7 ? 2 : k.length >= 4 ? 1 : 0;
    this.vocabulary.forEach(function (_, word) {
      if (long && word.length > t.length && word.lastIndexOf(t, 0) === 0) offer(word, 0.85);
    });
    this.keys.forEach(function (list, other) {
      var d = other === k ? 0 : limit ? distance(k, other, limit) : 1;
      if (d <= limit) {
        var quality = d === 0 ? 0.8 : d === 1 ? 0.6 : 0.45;
        list.forEach(function (word) { offer(word, quality); });
      }
    });
    return found;
  };

  // Departments for a query, best first: [{entry, matched, score}]; `partial` when no
  // department matches every known word and these match all but one. A word that means
  // nothing anywhere in the index ("of", "ka") is left out.
  Index.prototype.search = function (query) {
    var self = this, known = [], scores = new Map(), matchedWords = new Set();
    var ts = tokens(query), places = this.places(query);
    var asked = ts.filter(function (t) { return !JOINING.has(t); });
    (asked.length ? asked : ts).forEach(function (t) {
      var meanings = self.meanings(t);
      // A word is known when it means something in the index or names a place: a district
      // with no department yet must not be dropped, or its neighbours' offices would answer.
      if (!meanings.size && !places.some(function (p) { return p.words.indexOf(key(t)) >= 0; })) return;
      known.push(t);
      var best = new Map();
      meanings.forEach(function (quality, word) {
        matchedWords.add(word);
        self.vocabulary.get(word).forEach(function (weight, target) {
          var s = quality * weight;
          (typeof target === "number" ? [target] : self.groups.get(target)).forEach(function (n) {
            if (!(best.get(n) >= s)) best.set(n, s);
          });
        });
      });
      best.forEach(function (s, n) {
        var total = scores.get(n) || {n: n, matched: 0, score: 0};
        total.matched += 1;
        total.score += s;
        scores.set(n, total);
      });
    });
    if (!known.length) return {results: [], partial: false, known: 0};
    var all = Array.from(scores.values());
    var full = all.filter(function (r) { return r.matched === known.length; });
    var partial = !full.length && known.length > 1;
    var chosen = partial ? all.filter(function (r) { return r.matched === known.length - 1; }) : full;
    chosen.forEach(function (r) {
      var e = self.entries[r.n], state = self.stateWords.get(e[3]) || new Set();
      r.uncovered = Math.min.apply(null, self.nameWords[r.n].map(function (ws) {
        return ws.filter(function (w) { return !matchedWords.has(w) && !state.has(w); }).length;
      }));
      r.entry = e;
    });
    chosen.sort(function (a, b) {
      return b.score - a.score || a.uncovered - b.uncovered || a.entry[2].length - b.entry[2].length ||
        (a.entry[0] < b.entry[0] ? -1 : 1);
    });
    return {results: chosen, partial: partial, known: known.length};
  };

  // The districts and states a query names (one or two words, spelt loosely): where a
  // search that finds no department can send the reader.
  Index.prototype.places = function (query) {
    var ts = tokens(query).map(key), self = this;
    var phrases = ts.slice();
    for (var i = 0; i + 1 < ts.length; i++) phrases.push(ts[i] + " " + ts[i + 1]);
    // Districts named exactly (by key) if any, else within one edit of a longer name.
    function districts(limit) {
      var out = [];
      self.placeKeys.forEach(function (names, n) {
        var by = null;
        names.forEach(function (name) {
          phrases.forEach(function (p) {
            if (p === name || (limit && p.length >= 6 && distance(p, name, limit) <= limit)) by = p;
          });
        });
        if (by !== null) {
          var place = self.data.places[n];
          out.push({kind: "district", state: place[0], name_en: place[1], name_hi: place[2], key: place[4],
                    words: by.split(" ")});
        }
      });
      return out;
    }
    var states = [];
    this.states.forEach(function (value, code) {
      var by = null;
      value[0].forEach(function (name) {
        var k = words(name).map(key).join(" ");
        if (k && phrases.indexOf(k) >= 0) by = k;
      });
      if (by !== null) states.push({kind: "state", state: code, page: value[1], words: by.split(" ")});
    });
    var found = districts(0);
    if (!found.length && !states.length) found = districts(1);
    var named = new Set(states.map(function (s) { return s.state; }));
    found.forEach(function (d) {
      if (!named.has(d.state)) {
        named.add(d.state);
        states.push({kind: "state", state: d.state, page: (self.states.get(d.state) || [[], false])[1], words: []});
      }
    });
    return found.concat(states);
  };

  var api = {normalise: normalise, key: key, distance: distance, tokens: tokens, Index: Index};
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  window.jdNormalise = normalise;
  window.jdSearch = api;

  var form = document.querySelector("form.jd-search[data-index]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = document.querySelector(".jd-search-results");
  var note = document.querySelector(".jd-search-note");
  var next = document.querySelector(".jd-search-next");
  var nextPlaces = next && next.querySelector(".jd-search-places");
  var text = JSON.parse(document.getElementById("jd-search-words").textContent);
  var stateNames = new Map(Object.entries(text.states)), status = new Map(Object.entries(text.status));
  var index = null;

  function link(href, label) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = form.dataset.root + href;
    a.textContent = label;
    li.appendChild(a);
    return li;
  }

  function showNext(query) {
    if (!next) return;
    nextPlaces.textContent = "";
    index.places(query).forEach(function (p) {
      var state = stateNames.get(p.state) || p.state;
      if (p.kind === "district" && p.key) {
        var name = text.lang === "hi" ? p.name_hi || p.name_en : p.name_en;
        nextPlaces.appendChild(link("districts/" + p.key + "/", text.district.replace("{place}", name + ", " + state)));
      } else if (p.kind === "state" && p.page) {
        nextPlaces.appendChild(link("states/" + p.state.toLowerCase() + "/", text.state.replace("{place}", state)));
      }
    });
    next.hidden = false;
  }

  function show(query) {
    var asked = tokens(query).length ? "?q=" + encodeURIComponent(query) : "";
    // The other language's links search for the same words there.
    document.querySelectorAll("a[hreflang], a.md-select__link").forEach(function (a) {
      a.href = a.href.split(/[?#]/)[0] + asked;
    });
    // So does this page's address: a search can be shared, and Back from a department comes
    // back to its results (replaced, not added: Back still leaves the search page).
    if (location.search !== asked) history.replaceState(history.state, "", location.pathname + asked);
    list.textContent = "";
    if (next) next.hidden = true;
    if (!asked) { note.textContent = ""; return; }
    var found = index.search(query);
    var count = found.results.length;
    note.textContent = found.partial ? text.partial
      : count ? (count === 1 ? text.foundOne : text.found).replace("{n}", count.toLocaleString(text.lang + "-IN"))
      : text.none;
    found.results.slice(0, 50).forEach(function (r) {
      var e = r.entry;
      var li = link("departments/" + e[0] + "/", text.lang === "hi" ? e[1] : e[2]);
      var place = e[4] >= 0 ? index.data.places[e[4]] : null;
      var where = [place ? (text.lang === "hi" ? place[2] || place[1] : place[1]) : "", stateNames.get(e[3]) || e[3]];
      // The name, place, status and handles side by side, spaced (.jd-parts): a dot between
      // them was left at the end of a line on a phone.
      var line = document.createElement("span");
      line.className = "jd-parts";
      line.appendChild(li.firstChild);
      [where.filter(Boolean).join(", "), status.get(e[6]) || e[6], e[5]].forEach(function (words, i) {
        if (!words) return;
        var fact = document.createElement("span");
        fact.className = "jd-muted";
        fact.textContent = words;
        if (i === 2) {
          // A handle is Latin letters: marked English, as on every page, so a Hindi voice
          // does not read "@Uppolice" as if it were Hindi.
          fact.lang = "en";
          fact.setAttribute("translate", "no");
        }
        line.append(" ", fact);
      });
      li.appendChild(line);
      list.appendChild(li);
    });
    if (!found.results.length || found.partial) showNext(query);
  }

  function run(event) {
    if (event) event.preventDefault();
    var query = input.value;
    if (index) { show(query); return; }
    note.textContent = text.loading;
    fetch(form.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
      index = new Index(data, text);
      show(query);
    }).catch(function () { note.textContent = text.failed; });
  }

  form.addEventListener("submit", run);
  input.addEventListener("input", function () { if (index) show(input.value); });
  var given = new URLSearchParams(location.search).get("q");
  if (given) { input.value = given; run(); }
})();
