/*
 * The full-size view of an article's photos (partials/article/photo-viewer.html). Each
 * photo of the text links to its own file; here that link opens the photo in a modal
 * <dialog> instead, with its caption. Keyboard: Enter on the photo opens it, Escape or
 * the close button closes it, and the focus returns to the photo. A click that asks for
 * a new tab or window keeps the browser's own behaviour. Without this script (or without
 * <dialog>), the link simply opens the photo.
 */
(function () {
  "use strict";
  var dialog = document.querySelector("[data-news-photo]");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var frame = dialog.querySelector("[data-news-photo-frame]");
  var caption = dialog.querySelector("[data-news-photo-caption]");
  var close = dialog.querySelector("[data-news-photo-close]");
  var opener = null;

  function photoOf(link) {
    var image = link.children.length === 1 ? link.firstElementChild : null;
    if (!image || image.tagName !== "IMG" || link.textContent.trim()) return null;
    return link.href === image.src ? image : null;  // a link to the photo's own file
  }

  function open(link, image) {
    var big = document.createElement("img");
    big.src = link.href;
    big.alt = image.alt;
    frame.replaceChildren(big);
    var figure = link.closest("figure");
    var text = figure && figure.querySelector("figcaption");
    caption.textContent = text ? text.textContent.trim() : "";
    caption.hidden = !caption.textContent;
    opener = link;
    dialog.showModal();
    close.focus();
  }

  document.querySelectorAll(".news-article__body a[href]").forEach(function (link) {
    var image = photoOf(link);
    if (!image) return;
    link.setAttribute("aria-haspopup", "dialog");
    link.setAttribute("aria-describedby", "news-photo-hint");
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      open(link, image);
    });
  });

  close.addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });
  dialog.addEventListener("close", function () {
    frame.replaceChildren();
    if (opener) opener.focus();
    opener = null;
  });
})();
