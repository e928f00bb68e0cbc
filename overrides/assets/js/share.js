/* Share buttons (the block at the end of an article, and the icons under its title):
   Zalo, copy link, print, and the browser's own Share… sheet (Web Share API). The
   buttons are hidden in the HTML and shown only where they can work; the share
   links work without this script.
   Zalo has no share address for web pages (only its SDK, a third-party script): on
   phones the Share… sheet lists Zalo; elsewhere the link is copied, to paste into
   a Zalo chat, and the status line says so. */
(function () {
  "use strict";

  var canShare = typeof navigator.share === "function";
  var canCopy = !!(navigator.clipboard && window.isSecureContext);

  function reveal(button) {
    button.parentElement.hidden = false;
  }

  function setup(block) {
    var url = block.getAttribute("data-share-url");
    var title = block.getAttribute("data-share-title");
    var status = block.querySelector("[data-share-status]");

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function share() {
      return navigator.share({ title: title, url: url }).catch(function () {
        /* the reader closed the share sheet */
      });
    }

    function copy() {
      return navigator.clipboard.writeText(url);
    }

    var buttons = block.querySelectorAll("[data-share-action]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var action = button.getAttribute("data-share-action");
      if (action === "copy" && canCopy) {
        reveal(button);
        button.addEventListener("click", function (event) {
          var clicked = event.currentTarget;
          copy().then(function () {
            var done = block.getAttribute("data-share-copied");
            say(done);
            clicked.textContent = done;
          });
        });
      } else if (action === "print" && typeof window.print === "function") {
        reveal(button);
        button.addEventListener("click", function () {
          window.print();
        });
      } else if (action === "native" && canShare) {
        reveal(button);
        button.addEventListener("click", share);
      } else if (action === "zalo" && (canShare || canCopy)) {
        reveal(button);
        button.addEventListener("click", function () {
          if (canShare) {
            share();
          } else {
            copy().then(function () {
              say(block.getAttribute("data-share-zalo-copied"));
            });
          }
        });
      }
    }
  }

  var blocks = document.querySelectorAll("[data-share-url]");
  for (var i = 0; i < blocks.length; i++) {
    setup(blocks[i]);
  }
})();
