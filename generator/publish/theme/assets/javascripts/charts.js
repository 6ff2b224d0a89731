// Draws every chart on the page from its Vega-Lite spec. The figures are also in a
// table beside each chart, so a reader without JavaScript loses nothing.
(function () {
  function draw() {
    if (typeof vegaEmbed !== "function") return;
    document.querySelectorAll(".jd-chart[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = "1";
      var spec = JSON.parse(el.dataset.spec);
      vegaEmbed(el, spec, { actions: false, renderer: "svg" }).catch(function (err) {
        el.textContent = "";
        console.warn("chart not drawn:", err && err.message);
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(draw);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
