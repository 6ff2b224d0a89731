// The directory search: loaded only on the search page. It fetches the index of
// departments once and matches every word typed as the start of a word of a department's
// names, place, handle or common short forms (DM, SP, ...), whatever the script, case or
// nukta. `normalise` is the same rule as generator/render/search.py. Names are looked up
// in Maps: a code named like a built-in ("constructor") finds nothing it should not.
(function () {
  var form = document.querySelector("form.jd-search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var list = document.querySelector(".jd-search-results");
  var note = document.querySelector(".jd-search-note");
  var words = JSON.parse(document.getElementById("jd-search-words").textContent);
  var states = mapOf(words.states), status = mapOf(words.status), stateNames = mapOf(words.stateNames),
      categoryNames = mapOf(words.categoryNames), statusNames = mapOf(words.statusNames);
  var entries = null;

  function mapOf(object) { return new Map(Object.entries(object || {})); }

  function normalise(text) {
    text = text.toLowerCase().normalize("NFD");
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === "\u093c" || c === "\u200c" || c === "\u200d") continue;
      if (c >= "\u0300" && c <= "\u036f") continue;
      out += c === "\u0901" ? "\u0902" : c;
    }
    return out.replace(/[^\p{L}\p{M}\p{N}_@\u0900-\u097f]+/gu, " ").trim();
  }
  window.jdNormalise = normalise;

  // The same composition as search_text in generator/render/search.py.
  function searchText(e) {
    var parts = [e[1], e[2], e[4], e[5], (stateNames.get(e[3]) || []).join(" "), e[6],
                 (categoryNames.get(e[8]) || []).join(" "), (statusNames.get(e[7]) || []).join(" ")];
    e[9].forEach(function (g) { parts.push(words.synonyms[g]); });
    parts.push(e[10] || "");
    return normalise(parts.join(" "));
  }

  function matches(tokens, text) {
    var have = (" " + text).split(" ");
    return tokens.every(function (t) {
      return have.some(function (w) { return w.lastIndexOf(t, 0) === 0; });
    });
  }

  function show(query) {
    var tokens = normalise(query).split(" ").filter(Boolean);
    list.textContent = "";
    if (!tokens.length) { note.textContent = ""; return; }
    var found = entries.filter(function (e) { return matches(tokens, e.text); });
    note.textContent = words.found.replace("{n}", found.length);
    found.slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = form.dataset.root + "departments/" + e[0] + "/";
      a.textContent = words.lang === "hi" ? e[1] : e[2];
      li.appendChild(a);
      var place = [words.lang === "hi" ? (e[5] || e[4]) : e[4], states.get(e[3]) || e[3]].filter(Boolean);
      var facts = document.createElement("span");
      facts.className = "jd-muted";
      facts.textContent = " · " + place.join(", ") + " · " + (status.get(e[7]) || e[7]) + (e[6] ? " · " + e[6] : "");
      li.appendChild(facts);
      list.appendChild(li);
    });
  }

  function run(event) {
    if (event) event.preventDefault();
    var query = input.value;
    if (entries) { show(query); return; }
    note.textContent = words.loading;
    fetch(form.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
      entries = index.entries;
      entries.forEach(function (e) { e.text = searchText(e); });
      show(query);
    }).catch(function () { note.textContent = words.failed; });
  }

  form.addEventListener("submit", run);
  input.addEventListener("input", function () { if (entries) show(input.value); });
  var given = new URLSearchParams(location.search).get("q");
  if (given) { input.value = given; run(); }
})();
