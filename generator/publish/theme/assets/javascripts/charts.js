// The interactive chart, on request. A scorecard shows its chart as an SVG drawn at build
// time (it works without JavaScript); the ~800 KB of Vega are fetched only when a reader
// presses the button, so a first visit stays light.
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
    return ready.then(function () {
      var target = el.querySelector(".jd-chart__draw");
      return vegaEmbed(target, JSON.parse(el.dataset.spec), { actions: false, renderer: "svg" });
    }).catch(function (err) { console.warn("chart not drawn:", err && err.message); });
  }
  function setUp() {
    document.querySelectorAll(".jd-chart[data-spec]").forEach(function (el) {
      var button = el.querySelector("button");
      if (!button || el.dataset.ready) return;
      el.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        button.disabled = true;
        draw(el).then(function () { button.hidden = true; });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
