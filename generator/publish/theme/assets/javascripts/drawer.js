// The menu of a narrow screen (a phone, a laptop zoomed in) is the theme's drawer, opened by
// a label that a pointer can tap but a keyboard cannot reach. With this script the label is a
// button: Tab reaches it, Enter or Space opens the drawer and moves into it, Escape closes it
// and comes back, Tab out of it closes it, and a screen reader hears whether it is open.
// Without the script the label works for a tap, as before.
(function () {
  var box = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!box || !button || !drawer) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  // The button is now the way in: the checkbox under it would be a second, unseen Tab stop
  // before the skip link, which a screen reader reads first on every page as a checkbox
  // named by both its labels. It still holds the state that the theme follows.
  box.setAttribute("tabindex", "-1");
  box.setAttribute("aria-hidden", "true");
  drawer.id = drawer.id || "jd-drawer";
  button.setAttribute("aria-controls", drawer.id);

  function said() { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); }

  function toggle(open) {
    if (box.checked !== open) box.click();  // its change event: the theme follows, and `said`
  }

  said();
  box.addEventListener("change", said);
  button.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    toggle(!box.checked);
    if (!box.checked) return;
    var first = drawer.querySelector("a[href]");
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !box.checked) return;
    toggle(false);
    button.focus();
  });
  // Tab past the menu's last link goes on to the page: the menu closes rather than cover
  // what has the focus.
  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (box.checked && next && !drawer.contains(next) && next !== button) toggle(false);
  });
})();
