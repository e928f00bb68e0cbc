/* Share block buttons (issue 3): copy link, print, and the browser's own Share…
   sheet (Web Share API; how phone readers reach Zalo). The buttons are hidden in
   the HTML and shown only where they can work; the share links work without this. */
(function () {
  "use strict";

  function reveal(button) {
    button.parentElement.hidden = false;
  }

  function setup(block) {
    var url = block.getAttribute("data-share-url");
    var title = block.getAttribute("data-share-title");
    var status = block.querySelector(".news-share__status");
    var copy = block.querySelector('[data-share-action="copy"]');
    var print = block.querySelector('[data-share-action="print"]');
    var native = block.querySelector('[data-share-action="native"]');

    if (copy && navigator.clipboard && window.isSecureContext) {
      reveal(copy);
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () {
          status.textContent = block.getAttribute("data-share-copied");
          copy.textContent = block.getAttribute("data-share-copied");
        });
      });
    }
    if (print && typeof window.print === "function") {
      reveal(print);
      print.addEventListener("click", function () {
        window.print();
      });
    }
    if (native && typeof navigator.share === "function") {
      reveal(native);
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () {
          /* the reader closed the share sheet */
        });
      });
    }
  }

  var blocks = document.querySelectorAll(".news-share[data-share-url]");
  for (var i = 0; i < blocks.length; i++) {
    setup(blocks[i]);
  }
})();
