// The menu of a narrow screen (a phone, a laptop zoomed in) is the theme's drawer, opened by
// a label that a pointer can tap but a keyboard cannot reach. With this script a button takes
// the label's place (a label may not take a button's role): Tab reaches it, Enter or Space
// opens the drawer and moves into it, Escape closes it and comes back, Tab out of it closes
// it, and a screen reader hears whether it is open. Without the script the label works for a
// tap, as before.
(function () {
  var box = document.getElementById("__drawer");
  var label = document.querySelector('label.md-header__button[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!box || !label || !drawer) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " jd-menu";
  while (label.firstChild) button.appendChild(label.firstChild);  // its name and icon
  label.replaceWith(button);
  // The button is now the way in: the checkbox under it would be a second, unseen Tab stop
  // before the skip link, which a screen reader reads first on every page as a checkbox
  // named by its label. It still holds the state that the theme follows.
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
  button.addEventListener("click", function (event) {
    toggle(!box.checked);
    // Opened by Enter, Space or a screen reader (a click with no pointer's count): on into
    // the menu. A tap leaves the focus where it was, as the label did.
    if (!box.checked || event.detail !== 0) return;
    var first = drawer.querySelector("a[href]");
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !box.checked) return;
    toggle(false);
    button.focus();
  });
  // Shift+Tab from the menu's first link goes back to the button that opened it: the page's
  // order led to the language list behind the open menu, and closed the menu.
  drawer.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || !event.shiftKey || event.target !== drawer.querySelector("a[href]")) return;
    event.preventDefault();
    button.focus();
  });
  // Tab past the menu's last link goes on to the page: the menu closes rather than cover
  // what has the focus.
  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (box.checked && next && !drawer.contains(next) && next !== button) toggle(false);
  });
})();
