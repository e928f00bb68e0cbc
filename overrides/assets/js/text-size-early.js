/* The reader's text size (set with A− / A+, assets/js/reader-tools.js), applied in the
   <head> before the first paint so that the article does not jump when it loads. */
try {
  var toasoanTextSize = window.localStorage.getItem("toasoan.textSize");
  if (toasoanTextSize && /^-?[0-9]$/.test(toasoanTextSize) && toasoanTextSize !== "0") {
    document.documentElement.setAttribute("data-news-text-size", toasoanTextSize);
  }
} catch (error) {
  /* storage blocked: the default size */
}
