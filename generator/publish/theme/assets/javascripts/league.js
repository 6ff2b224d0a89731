// The league table, filtered and sorted in the browser. Without JavaScript the same rows are
// the plain table, a page at a time. With it, a reader picks a state: only that state's
// rows are fetched (a JSON slice), never the whole country at once; then district,
// category and status narrow them; the order is chosen in the form (on a phone the column
// headers are hidden) or by a column header. Names are looked up in Maps: a code named
// like a built-in ("constructor") finds nothing it should not.
(function () {
  var form = document.querySelector("form.jd-league");
  if (!form) return;
  var words = JSON.parse(document.getElementById("jd-league-words").textContent);
  var states = mapOf(words.states), status = mapOf(words.status), category = mapOf(words.category);
  var table = document.querySelector("table.jd-league-table");
  var body = table.querySelector("tbody");
  var listed = Array.prototype.slice.call(body.children);  // this page's rows, shown again when no state is chosen
  var note = document.querySelector(".jd-league-note");
  var pager = document.querySelector(".jd-pages");
  var count = document.querySelector(".jd-league-count");
  var fields = { state: form.elements.state, district: form.elements.district, category: form.elements.category,
                 status: form.elements.status, sort: form.elements.sort };
  var rows = [], sortKey = null, ascending = false, shown = 200;
  form.hidden = false;

  // Row fields, as the slices give them.
  var F = { id: 0, nameHi: 1, nameEn: 2, district: 3, districtHi: 4, category: 5, platform: 6, handle: 7,
            followers: 8, status: 9, observed: 10, rank: 11, of: 12, growth: 13, reply: 14, grade: 15,
            shared: 16, followersOn: 17 };
  function mapOf(object) { return new Map(Object.entries(object || {})); }
  var columns = mapOf({ name: function (r) { return words.lang === "hi" ? r[F.nameHi] : r[F.nameEn]; },
                  followers: function (r) { return r[F.followers]; }, growth: function (r) { return r[F.growth]; },
                  reply: function (r) { return r[F.reply]; }, observed: function (r) { return r[F.observed]; },
                  rank: function (r) { return r[F.rank]; }, grade: function (r) { return r[F.grade]; },
                  status: function (r) { return status.get(r[F.status]); },
                  district: function (r) { return r[F.districtHi] && words.lang === "hi" ? r[F.districtHi] : r[F.district]; } });

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }
  function day(iso) {
    if (!iso) return "–";
    var p = iso.split("-");
    return Number(p[2]) + " " + words.months[Number(p[1]) - 1] + " " + p[0];
  }
  function number(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString(words.locale); }
  function cell(tr, text, label, cls) {
    var td = document.createElement("td");
    if (label) td.dataset.label = label;
    if (cls) td.className = cls;
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    tr.appendChild(td);
  }
  function link(id, text) {
    var a = document.createElement("a");
    a.href = form.dataset.root + "departments/" + id + "/";
    a.textContent = text;
    return a;
  }
  // "@JointDesk (shared with City Police)": the other departments that run a shared account.
  function handle(r) {
    var text = r[F.handle] ? "@" + r[F.handle] : "–";
    if (!r[F.shared]) return text;
    var span = document.createElement("span"), note = document.createElement("span");
    var around = words.sharedWith.split("{departments}");
    span.appendChild(document.createTextNode(text + " "));
    note.className = "jd-muted";
    note.appendChild(document.createTextNode("(" + around[0]));
    r[F.shared].forEach(function (d, n) {
      if (n) note.appendChild(document.createTextNode(", "));
      note.appendChild(link(d[0], words.lang === "hi" ? d[1] : d[2]));
    });
    note.appendChild(document.createTextNode((around[1] || "") + ")"));
    span.appendChild(note);
    return span;
  }
  function render() {
    var wanted = rows.filter(function (r) {
      return (!fields.district.value || r[F.district] === fields.district.value) &&
        (!fields.category.value || r[F.category] === fields.category.value) &&
        (!fields.status.value || r[F.status] === fields.status.value);
    });
    if (sortKey) {
      var key = columns.get(sortKey) || columns.get("name");
      wanted.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === null || x === undefined || x === "") return 1;
        if (y === null || y === undefined || y === "") return -1;
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), words.locale);
        return ascending ? order : -order;
      });
    }
    body.textContent = "";
    wanted.slice(0, shown).forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, link(r[F.id], columns.get("name")(r)));
      cell(tr, states.get(form.elements.state.value) || "", words.head.state);
      cell(tr, columns.get("district")(r) || "–", words.head.district);
      cell(tr, category.get(r[F.category]) || r[F.category], words.head.category);
      cell(tr, handle(r), words.head.handle);
      // A count older than the row's observation carries its own date.
      var counted = r[F.followers] !== null && r[F.followersOn] !== r[F.observed] ? " (" + day(r[F.followersOn]) + ")" : "";
      cell(tr, number(r[F.followers]) + counted, words.head.followers, "jd-num");
      cell(tr, r[F.growth] === null ? "–" : (r[F.growth] > 0 ? "+" : "") + number(r[F.growth]), words.head.growth, "jd-num");
      cell(tr, status.get(r[F.status]) || r[F.status], words.head.status);
      cell(tr, r[F.rank] ? words.rankOf.replace("{rank}", number(r[F.rank])).replace("{n}", number(r[F.of])) : "–",
           words.head.rank, "jd-num");
      cell(tr, r[F.reply] === null ? "–" : number(Math.round(r[F.reply])), words.head.reply, "jd-num");
      cell(tr, r[F.grade] || "–", words.head.grade);
      cell(tr, day(r[F.observed]), words.head.observed_on);
      body.appendChild(tr);
    });
    note.textContent = words.shown.replace("{n}", number(Math.min(shown, wanted.length)))
      .replace("{total}", number(wanted.length));
  }
  // The plain pages (and their "1-200 of 300") stand for the whole country, not a chosen state.
  function paging(on) {
    if (pager) pager.hidden = !on;
    if (count) count.hidden = !on;
  }
  function load(state) {
    if (!state) {
      rows = []; body.textContent = "";
      listed.forEach(function (tr) { body.appendChild(tr); });
      note.textContent = words.choose; paging(true); return;
    }
    paging(false);
    note.textContent = words.loading;
    fetch(form.dataset.slices + state + ".json").then(function (r) { return r.json(); }).then(function (slice) {
      rows = slice.rows;
      fields.district.textContent = "";
      option(fields.district, "", words.all);
      slice.districts.forEach(function (d) { option(fields.district, d[0], words.lang === "hi" && d[1] ? d[1] : d[0]); });
      render();
    }).catch(function () { note.textContent = words.failed; });
  }
  function sortBy(key, up) {
    sortKey = key; ascending = up;
    table.querySelectorAll("th[data-sort]").forEach(function (h) {
      if (h.dataset.sort === key) h.setAttribute("aria-sort", up ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
    var chosen = key + ":" + (up ? "asc" : "desc");
    fields.sort.value = fields.sort.querySelector('option[value="' + chosen + '"]') ? chosen : "";
    if (rows.length) render();
  }
  form.addEventListener("change", function (event) {
    if (event.target === fields.state) load(fields.state.value);
    else if (event.target === fields.sort) {
      var parts = fields.sort.value.split(":");
      if (parts[0]) sortBy(parts[0], parts[1] === "asc");
      else sortBy("", false);
    } else render();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(th.dataset.sort, sortKey === th.dataset.sort ? !ascending : th.dataset.sort === "name");
    });
  });
  note.textContent = words.choose;
})();
