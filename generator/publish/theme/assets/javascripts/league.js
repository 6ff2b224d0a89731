// The league table, filtered and sorted in the browser. Without JavaScript the same rows are
// the plain table, a page at a time. With it, a reader sorts by a column header (or, on a
// phone where the headers are hidden, in the form) and filters by state, district,
// category, platform, status and days since the last post. A chosen state fetches only that
// state's rows (a JSON slice); sorting or filtering without one fetches, once, the slice of
// all India. Slices carry every figure already written, beside the raw value it sorts by:
// this script never formats a number or a date. The view lives in the address
// (?state=IN-BR&sort=followers), so it can be linked. A state's own list
// (accounts/in-br/) starts from its state: its rows are the plain page, and choosing
// another state goes to that state's list. Names are looked up in Maps: a code
// named like a built-in ("constructor") finds nothing it should not.
(function () {
  var form = document.querySelector("form.jd-league");
  if (!form) return;
  var words = JSON.parse(document.getElementById("jd-league-words").textContent);
  var F = new Map(words.fields.map(function (name, n) { return [name, n]; }));
  var codes = mapOf(words.codes), keys = new Map();
  codes.forEach(function (code, key) { keys.set(code, key); });
  var table = document.querySelector("table.jd-league-table");
  var body = table.querySelector("tbody");
  var listed = Array.prototype.slice.call(body.children);  // this page's rows, shown again when nothing is chosen
  // The table is named by what it holds, as each state's own list is: all India's filtered to
  // a state is that state's accounts (a screen reader that jumps to a table hears its caption).
  var caption = table.caption.firstChild, everyAccount = caption.nodeValue;
  var note = document.querySelector(".jd-league-note");
  var pager = document.querySelector(".jd-pages");
  var count = document.querySelector(".jd-league-count");
  var fields = { state: form.elements.state, district: form.elements.district, category: form.elements.category,
                 platform: form.elements.platform, status: form.elements.status, idle: form.elements.idle,
                 sort: form.elements.sort };
  var FILTERS = ["district", "category", "platform", "status", "idle"];
  // The direction a column sorts in first: the form's first choice for it (most columns are
  // offered both ways), else ascending.
  var FIRST = new Map();
  Array.prototype.forEach.call(fields.sort.options, function (o) {
    var parts = o.value.split(":");
    if (o.value && !FIRST.has(parts[0])) FIRST.set(parts[0], parts[1] === "asc");
  });
  var own = form.dataset.state || "";  // the state whose list this page is, if any
  var STEP = 200;  // rows drawn at a time: a phone draws 200 rows quickly, not 10,000
  var slice = null, loaded = null, sortKey = null, ascending = false, shown = STEP, pending = null;
  var cache = new Map();
  form.hidden = false;
  // The rest of a long list, STEP rows at a time: every row the choice keeps can be reached.
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button jd-league-more";
  more.hidden = true;
  (table.closest(".jd-table-wrap") || table).insertAdjacentElement("afterend", more);
  // The rows drawn come above the button, which is hidden once none is left: the focus would
  // stay below the new rows, or fall to the page's top with the button. It goes to the first
  // new row's department, where a keyboard or a screen reader reads on.
  more.addEventListener("click", function () {
    var first = shown;
    shown += STEP;
    render();
    var link = body.rows[first] && body.rows[first].querySelector("a[href]");
    if (link) link.focus();
  });
  // On a state's own list, another state is another page: choosing it offers a link there
  // rather than leaving the page on the first arrow key (WCAG 3.2.2).
  var go = document.createElement("a");
  go.className = "md-button jd-league-go";
  go.hidden = true;
  fields.state.closest("label").insertAdjacentElement("afterend", go);

  function mapOf(object) { return new Map(Object.entries(object || {})); }
  function get(r, name) { return r[F.get(name)]; }
  function named(list, r, name) { var i = get(r, name); return i === null || i === undefined ? null : slice[list][i]; }
  // The raw value each sortable column orders by.
  var columns = new Map([
    ["name", function (r) { return get(r, "name"); }],
    ["district", function (r) { var d = named("district", r, "district"); return d ? d[1] : null; }],
    ["followers", function (r) { return get(r, "followers"); }], ["growth", function (r) { return get(r, "growth"); }],
    ["reply", function (r) { return get(r, "reply"); }], ["rank", function (r) { return get(r, "rank"); }],
    ["grade", function (r) { return get(r, "grade"); }],
    ["status", function (r) { return named("status", r, "status")[3]; }],  // its place from active to gone
    ["observed", function (r) { var d = named("day", r, "observed"); return d ? d[0] : null; }]]);

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o);
  }
  // The department names its row, as in the table without JavaScript: a screen reader says it before each figure.
  function rowHeader(tr, content) {
    var th = document.createElement("th");
    th.scope = "row";
    th.appendChild(content);
    tr.appendChild(th);
  }
  function cell(tr, content, label, cls, raw) {
    var td = document.createElement("td");
    if (label) td.dataset.label = label;
    if (cls) td.className = cls;
    if (raw !== undefined) td.dataset.value = raw === null ? "" : raw;
    if (content instanceof Node) td.appendChild(content); else td.textContent = content;
    tr.appendChild(td);
  }
  // A figure with a note after it, "0 (1 jump left out)", "42 (as reported for the period to Oct 2026)": the note on a line of its own, as
  // the table without JavaScript shows it, so a narrow column is not pushed wide.
  function noted(text) {
    var at = text.indexOf(" ("), out = document.createDocumentFragment(), note;
    if (at < 0) return text;
    out.appendChild(document.createTextNode(text.slice(0, at) + " "));
    note = document.createElement("span");
    note.className = "jd-muted jd-note";
    note.textContent = text.slice(at + 1);
    out.appendChild(note);
    return out;
  }
  function link(href, text, external) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (external) { a.rel = "nofollow noopener"; a.lang = "en"; a.setAttribute("translate", "no"); }
    return a;
  }
  function page(id) { return form.dataset.root + "departments/" + id + "/"; }
  // A reported figure's note ends with its source, linked as the table without JavaScript links
  // it (league.py _cited: [ref, address, label, name]): to its own address, or else to the
  // scorecard's list of sources (formatter.cited_href).
  function cited(content, r, source) {
    if (!source || !(content instanceof Node) || !content.lastChild) return content;
    var note = content.lastChild, said = note.textContent, around = words.cited.split("{source}");
    var a = link(source[1] || page(get(r, "id")) + "#sources", source[3]);
    if (source[1]) a.rel = "nofollow noopener";
    note.textContent = said.slice(0, -1) + around[0];  // inside its closing ")"
    note.appendChild(a);
    note.appendChild(document.createTextNode((around[1] || "") + said.slice(-1)));
    return content;
  }
  // The handle as the plain table shows it; a shared account names the other departments.
  function handle(r) {
    var span = document.createElement("span"), text = get(r, "handle_text");
    var platform = named("platform", r, "platform");
    if (get(r, "handle") && platform && platform[0] === "x") span.appendChild(link("https://x.com/" + get(r, "handle"), text, true));
    else span.appendChild(document.createTextNode(text));
    if (get(r, "unverified")) {
      var label = document.createElement("span");
      label.className = "jd-muted";
      label.textContent = "(" + words.unverified + ")";
      span.appendChild(document.createTextNode(" "));
      span.appendChild(label);
    }
    var shared = get(r, "shared");
    if (!shared) return span;
    var other = document.createElement("span"), around = words.sharedWith.split("{departments}");
    other.className = "jd-muted";
    other.appendChild(document.createTextNode("(" + around[0]));
    shared.forEach(function (d, n) {
      if (n) other.appendChild(document.createTextNode(", "));
      other.appendChild(link(page(d[0]), d[1]));
    });
    other.appendChild(document.createTextNode((around[1] || "") + ")"));
    span.appendChild(document.createTextNode(" "));
    span.appendChild(other);
    return span;
  }
  function status(r) {
    var s = named("status", r, "status"), span = document.createElement("span"), icon = document.createElement("span");
    span.className = "jd-status jd-status--" + s[0];
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = s[2];
    span.appendChild(icon);
    span.appendChild(document.createTextNode(" " + s[1]));
    var since = get(r, "post_text"), out;  // since when a silent account has been silent
    if (!since) return span;
    out = document.createDocumentFragment();
    out.appendChild(span);
    out.appendChild(noted(" (" + since + ")"));
    return out;
  }
  function observed(r) {
    var d = named("day", r, "observed"), span = document.createElement("span");
    span.appendChild(document.createTextNode(d ? d[1] : "–"));
    if (get(r, "stale") || get(r, "overdue")) {  // older than the stale limit, or than the refresh floor
      var old = document.createElement("span");
      old.className = "jd-stale";
      old.textContent = get(r, "stale") ? words.stale : words.overdue;
      span.appendChild(document.createTextNode(" "));
      span.appendChild(old);
    }
    return span;
  }
  function text(list, r, name) { var d = named(list, r, name); return d ? d[1] : "–"; }
  // A figure's cell; one with no figure ("–") is left out of a phone's compact row.
  function numeric(r, name) { return get(r, name) === null || get(r, name) === undefined ? "jd-num jd-none" : "jd-num"; }
  function row(r) {
    var tr = document.createElement("tr"), h = words.head;
    var platform = named("platform", r, "platform"), day = named("day", r, "observed");
    tr.dataset.id = get(r, "id") + "/" + platform[0];
    rowHeader(tr, link(page(get(r, "id")), get(r, "name")));
    // "jd-word": a value that names itself, shown without its column's name in a phone's compact row.
    cell(tr, text("state", r, "state"), h.state, "jd-word jd-place jd-state-cell");
    cell(tr, text("district", r, "district"), h.district, named("district", r, "district") ? "jd-word jd-place" : "jd-word jd-place jd-none");
    cell(tr, text("category", r, "category"), h.category, "jd-word");
    cell(tr, platform[1], h.platform, "jd-word");
    // No account: the status says so; a bare dash in a compact row would name nothing.
    cell(tr, handle(r), h.handle, get(r, "handle_text") === "–" ? "jd-word jd-none" : "jd-word");
    cell(tr, noted(get(r, "followers_text")), h.followers, "jd-num", get(r, "followers"));
    cell(tr, noted(get(r, "growth_text")), h.growth, numeric(r, "growth"), get(r, "growth"));
    cell(tr, status(r), h.status, "jd-word", get(r, "idle"));
    cell(tr, get(r, "rank_text"), h.rank, numeric(r, "rank"), get(r, "rank"));
    cell(tr, cited(noted(get(r, "reply_text")), r, get(r, "reply_source")), h.reply, numeric(r, "reply"), get(r, "reply"));
    cell(tr, get(r, "grade") || "–", h.grade, "jd-grade-cell");
    cell(tr, observed(r), h.observed_on, "", day ? day[0] : null);
    return tr;
  }
  function wanted() {
    var district = fields.district.value, category = fields.category.value, platform = fields.platform.value;
    var state = own || fields.state.value, status = fields.status.value, idle = fields.idle.value === "" ? null : Number(fields.idle.value);
    return slice.rows.filter(function (r) {
      var d = named("district", r, "district"), s = named("state", r, "state");
      return (!state || !s || keys.get(s[0]) === state) && (!district || (d && d[0] === district)) &&
        (!category || named("category", r, "category")[0] === category) &&
        (!platform || named("platform", r, "platform")[0] === platform) &&
        (!status || named("status", r, "status")[0] === status) &&
        (idle === null || (get(r, "idle") !== null && get(r, "idle") > idle));
    });
  }
  function nameTable() {
    caption.nodeValue = own || !fields.state.value ? everyAccount
      : words.stateCaption.replace("{state}", fields.state.selectedOptions[0].textContent);
  }
  function render() {
    var rows = wanted();
    nameTable();
    if (sortKey) {
      var key = columns.get(sortKey) || columns.get("name");
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var xn = x === null || x === undefined || x === "", yn = y === null || y === undefined || y === "";
        if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;  // blanks last, in either order
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), words.locale);
        return ascending ? order : -order;
      });
    }
    body.textContent = "";
    rows.slice(0, shown).forEach(function (r) { body.appendChild(row(r)); });
    var said = rows.length ? words.shown.replace("{n}", countText(Math.min(shown, rows.length)))
      .replace("{total}", countText(rows.length)) : words.none;
    // A sort button keeps the focus and says only its column's name: the note read out is
    // what tells a screen reader (TalkBack reads no aria-sort) which way the rows now go.
    if (rows.length && sortKey) {
      said = words.sorted.replace("{shown}", said).replace("{order}", fields.sort.selectedOptions[0].textContent);
    }
    note.textContent = said;
    more.hidden = rows.length <= shown;
    more.textContent = words.more.replace("{n}", countText(Math.min(STEP, Math.max(rows.length - shown, 0))));
  }
  // A count of rows, as the slice writes it: below 1,000 a count is its plain digits in
  // both languages; from 1,000 on, the slice lists each count's text.
  function countText(n) { return n < slice.numbers_from ? String(n) : slice.numbers[n - slice.numbers_from]; }
  function paging(on) {
    if (pager) pager.hidden = !on;
    if (count) count.hidden = !on;
  }
  function state() { return own || fields.state.value; }  // a state's own list shows its own rows
  function chosen() {
    return state() !== own || sortKey || FILTERS.some(function (f) { return fields[f].value; });
  }
  function offer() {
    var to = fields.state.value;
    go.hidden = !own || to === own;
    if (go.hidden) return;
    var params = new URLSearchParams(query());
    params.delete("district");  // this state's districts are not the other's
    var text = params.toString();
    go.href = form.dataset.root + "accounts/" + (to ? to + "/" : "") + (text ? "?" + text : "") + location.hash;
    go.textContent = words.go.replace("{place}", to ? fields.state.selectedOptions[0].textContent : words.allIndia);
  }
  function query() {
    var params = new URLSearchParams();
    if (fields.state.value && !own) params.set("state", codes.get(fields.state.value) || fields.state.value);
    FILTERS.forEach(function (f) { if (fields[f].value) params.set(f, fields[f].value); });
    if (sortKey) params.set("sort", sortKey + (FIRST.get(sortKey) === ascending ? "" : ":" + (ascending ? "asc" : "desc")));
    var text = params.toString();
    return text ? "?" + text : "";
  }
  function address() {
    var tail = query() + location.hash;
    history.replaceState(history.state, "", location.pathname + tail);
    offer();
    // The other language's links open the same view: the same filters and order there.
    document.querySelectorAll("a[hreflang], a.md-select__link").forEach(function (a) {
      a.href = a.href.split(/[?#]/)[0] + tail;
    });
  }
  function fetchSlice(name) {
    if (!cache.has(name)) {
      cache.set(name, fetch(form.dataset.slices + name + ".json").then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }));
    }
    return cache.get(name);
  }
  // Shows the rows the form asks for: the state's slice, all India's, or the plain page.
  function update() {
    address();
    shown = STEP;
    more.hidden = true;
    if (!chosen()) {
      slice = null; loaded = null; body.textContent = "";
      listed.forEach(function (tr) { body.appendChild(tr); });
      nameTable();
      note.textContent = own ? words.chooseState : words.choose; paging(true); return;
    }
    paging(false);
    var name = state() || words.national;
    if (loaded === name) { render(); return; }
    note.textContent = words.loading;
    pending = name;
    fetchSlice(name).then(function (data) {
      if (pending !== name) return;  // a later choice is on its way
      slice = data; loaded = name;
      districts();
      render();
    }).catch(function () { note.textContent = words.failed; });
  }
  function districts() {
    var keep = fields.district.value;
    fields.district.textContent = "";
    option(fields.district, "", words.all);
    if (!state()) { fields.district.disabled = true; return; }
    fields.district.disabled = false;
    slice.districts.forEach(function (i) { option(fields.district, slice.district[i][0], slice.district[i][1]); });
    fields.district.value = keep;
    if (fields.district.value !== keep) fields.district.value = "";
  }
  function sortBy(key, up) {
    sortKey = key || null; ascending = up;
    table.querySelectorAll("th[data-sort]").forEach(function (h) {
      if (h.dataset.sort === key) h.setAttribute("aria-sort", up ? "ascending" : "descending");
      else h.removeAttribute("aria-sort");
    });
    var value = key + ":" + (up ? "asc" : "desc"), head = table.querySelector('th[data-sort="' + key + '"]');
    // A header's order the menu does not offer is added to it, so the menu never says "as listed" of a sorted table.
    if (key && head && !fields.sort.querySelector('option[value="' + value + '"]')) {
      option(fields.sort, value, head.textContent + (up ? " ↑" : " ↓"));
    }
    fields.sort.value = key ? value : "";
  }
  form.addEventListener("change", function (event) {
    if (own && event.target === fields.state) { offer(); return; }  // another state's list keeps the filters
    if (event.target === fields.state) fields.district.value = "";
    if (event.target === fields.sort) {
      var parts = fields.sort.value.split(":");
      sortBy(parts[0], parts[1] === "asc");
    }
    update();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.dataset.sort;
      sortBy(key, sortKey === key ? !ascending : FIRST.has(key) ? FIRST.get(key) : true);
      update();
    });
  });
  // A linked view: ?state=IN-BR&district=Muzaffarpur&status=dormant&idle=365&sort=followers
  function restore() {
    var params = new URLSearchParams(location.search);
    var state = params.get("state");
    if (state && !own) fields.state.value = keys.get(state.toUpperCase()) || "";
    FILTERS.forEach(function (f) {
      if (f === "district") return;
      fields[f].value = params.get(f) || "";
      if (fields[f].selectedIndex < 0) fields[f].value = "";  // a value the form does not offer
    });
    if (params.get("district") && fields.state.value) {
      fields.district.value = params.get("district");  // a state's own list names its districts
      if (fields.district.value !== params.get("district")) {  // the rest come with the state's rows
        option(fields.district, params.get("district"), params.get("district"));
        fields.district.value = params.get("district");
      }
    }
    var sort = (params.get("sort") || "").split(":");
    if (sort[0] && columns.has(sort[0])) sortBy(sort[0], sort[1] ? sort[1] === "asc" : FIRST.has(sort[0]) ? FIRST.get(sort[0]) : true);
  }
  fields.district.disabled = !own;
  restore();
  if (chosen()) update(); else note.textContent = own ? words.chooseState : words.choose;
})();
