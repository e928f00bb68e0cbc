/* The masthead: today's date in the page's language and the paper's time zone
   ("Thứ Ba, 01/12/2026", "Tuesday, December 1, 2026": the format comes from the
   language strings, data-format), and the menu drawer from the keyboard (the menu
   button is a <label> of Material's #__drawer checkbox, turned into a <button> here:
   Enter or Space opens the drawer, Escape closes it). Without JavaScript the date
   stays hidden and the drawer opens by click or tap. */
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
  // The <label>s work by click and tap without JavaScript; with it they become real
  // buttons, which the keyboard reaches and screen readers announce with their state.
  var labels = document.querySelectorAll("label[data-news-menu]");
  var buttons = [];
  for (var i = 0; i < labels.length; i++) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = labels[i].className;
    button.innerHTML = labels[i].innerHTML;
    button.setAttribute("aria-controls", "news-drawer");
    button.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      sync(true);
    });
    labels[i].parentNode.replaceChild(button, labels[i]);
    buttons.push(button);
  }
  function sync(moveFocus) {
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    }
    if (moveFocus && drawer.checked) {
      var first = document.querySelector("#news-drawer a");
      if (first) {
        first.focus({ preventScroll: true });
      }
    }
  }
  drawer.addEventListener("change", function () {
    sync(false);
  });
  sync(false);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      sync(false);
      if (buttons.length) {
        buttons[0].focus();
      }
    }
  });
})();
