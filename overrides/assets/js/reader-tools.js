/* Reader tools: text size A− / A+ on articles (remembered on the device: localStorage,
   applied before the first paint by text-size-early.js; the text column keeps its
   width, only the text grows), and the floating "back to top" button. Without
   JavaScript the size buttons stay hidden; the footer's "back to top" link works. */
(function () {
  "use strict";

  var KEY = "toasoan.textSize";
  var MIN = -1;
  var MAX = 3;
  var root = document.documentElement;

  function current() {
    var value = parseInt(root.getAttribute("data-news-text-size") || "0", 10);
    return isNaN(value) ? 0 : value;
  }

  function show(size, controls) {
    if (size === 0) {
      root.removeAttribute("data-news-text-size");
    } else {
      root.setAttribute("data-news-text-size", String(size));
    }
    var buttons = controls.querySelectorAll("[data-news-text-step]");
    for (var i = 0; i < buttons.length; i++) {
      var step = parseInt(buttons[i].getAttribute("data-news-text-step"), 10);
      buttons[i].disabled = (step < 0 && size <= MIN) || (step > 0 && size >= MAX);
    }
  }

  var controls = document.querySelector("[data-news-text-tools]");
  if (controls) {
    controls.hidden = false;
    show(current(), controls);
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-news-text-step]");
      if (!button) {
        return;
      }
      var step = parseInt(button.getAttribute("data-news-text-step"), 10);
      var size = Math.min(MAX, Math.max(MIN, current() + step));
      show(size, controls);
      try {
        window.localStorage.setItem(KEY, String(size));
      } catch (error) {
        /* storage blocked: the size holds for this page only */
      }
    });
  }

  var top = document.querySelector("[data-news-totop]");
  if (top) {
    var shown = false;
    var update = function () {
      var wanted = window.scrollY > window.innerHeight * 1.5;
      if (wanted !== shown) {
        shown = wanted;
        top.hidden = !wanted;
      }
    };
    window.addEventListener("scroll", update, { passive: true });
    update();
  }
})();
