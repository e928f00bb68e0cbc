/* The masthead: today's date in the page's language and the paper's time zone
   ("Thứ Ba, 01/12/2026", "Tuesday, December 1, 2026": the format comes from the
   language strings, data-format), and the menu drawer from the keyboard (the menu
   button is the <label> of Material's #__drawer checkbox: Enter or Space opens it,
   Escape closes it). Without JavaScript the date stays hidden and the drawer opens
   by click or tap. */
(function () {
  "use strict";

  var today = document.querySelector("[data-news-today]");
  if (today && window.Intl) {
    try {
      var options = JSON.parse(today.getAttribute("data-format") || "{}");
      options.timeZone = today.getAttribute("data-timezone") || undefined;
      var now = new Date();
      today.textContent = new Intl.DateTimeFormat(document.documentElement.lang, options).format(now);
      today.hidden = false;
    } catch (error) {
      /* an unknown time zone or format: no date rather than a wrong one */
    }
  }

  var drawer = document.getElementById("__drawer");
  if (!drawer) {
    return;
  }
  var buttons = document.querySelectorAll("[data-news-menu]");
  for (var i = 0; i < buttons.length; i++) {
    var button = buttons[i];
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-controls", "news-drawer");
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        drawer.checked = !drawer.checked;
        drawer.dispatchEvent(new Event("change"));
      }
    });
  }
  function sync() {
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    }
    if (drawer.checked) {
      var first = document.querySelector("#news-drawer a");
      if (first) {
        first.focus({ preventScroll: true });
      }
    }
  }
  drawer.addEventListener("change", sync);
  sync();
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      sync();
      buttons[0].focus();
    }
  });
})();
