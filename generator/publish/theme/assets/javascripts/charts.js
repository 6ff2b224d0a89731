// The interactive chart, on request. A scorecard shows its chart as an SVG drawn at build
// time (it works without JavaScript); the ~800 KB of Vega are fetched only when a reader
// presses the button, so a first visit stays light. The chart's spec is one file per kind
// and language (data-spec); the page's own data file (data-url) goes in its slot.
(function () {
  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function draw(el) {
    var vendor = el.dataset.vendor;
    var ready = typeof vegaEmbed === "function" ? Promise.resolve() :
      load(vendor + "vega.min.js").then(function () { return load(vendor + "vega-lite.min.js"); })
        .then(function () { return load(vendor + "vega-embed.min.js"); });
    var spec = fetch(el.dataset.spec).then(function (response) {
      if (!response.ok) throw new Error(el.dataset.spec + ": " + response.status);
      return response.text();
    });
    return Promise.all([ready, spec]).then(function (done) {
      var url = JSON.stringify(el.dataset.url).slice(1, -1);  // as a JSON string's contents
      var target = el.querySelector(".jd-chart__draw");
      return vegaEmbed(target, JSON.parse(done[1].split("JD-DATA-URL").join(url)),
                       { actions: false, renderer: "svg" });
    });
  }
  function setUp() {
    document.querySelectorAll(".jd-chart[data-spec]").forEach(function (el) {
      var button = el.querySelector("button");
      if (!button || el.dataset.ready) return;
      el.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        draw(el).then(function () {
          // The focused button goes: focus moves to the chart's group, whose name is the
          // chart's summary; the drawing itself (axis ticks, marks) is not read out again.
          var drawn = el.querySelector(".jd-chart__draw svg");
          if (drawn) drawn.setAttribute("aria-hidden", "true");
          el.setAttribute("role", "group");
          el.setAttribute("aria-label", el.dataset.label);
          el.setAttribute("tabindex", "-1");
          el.focus();
          button.hidden = true;
          var failed = el.querySelector(".jd-chart__failed");
          if (failed) failed.remove();
        }, function (err) {
          // Not drawn (offline, a file missing): say so and let the reader try again;
          // the chart drawn into the page is still there.
          console.warn("chart not drawn:", err && err.message);
          button.disabled = false;
          var note = el.querySelector(".jd-chart__failed") || document.createElement("p");
          note.className = "jd-chart__failed jd-muted";
          note.setAttribute("role", "status");
          note.textContent = el.dataset.failed;
          el.appendChild(note);
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
