/*
 * The side column's latest news (partials/article/aside.html): the language's newest
 * articles, read from latest.json (written at every build) and shown without the page
 * itself having to change at every publication. Without JavaScript the block keeps its
 * link to the latest news.
 */
(function () {
  "use strict";
  var list = document.querySelector("[data-news-latest]");
  if (!list || !window.fetch) return;
  var shown = 5;
  var base = new URL(list.getAttribute("data-news-base"), document.baseURI);
  var here = list.getAttribute("data-news-here");
  var fallback = document.querySelector("[data-news-latest-fallback]");

  fetch(new URL(list.getAttribute("data-news-latest"), document.baseURI), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
    .then(function (data) {
      var count = 0;
      (data.articles || []).forEach(function (article) {
        if (count >= shown || article.url === here) return;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(article.url, base).href;
        link.textContent = article.title;
        var time = document.createElement("time");
        time.dateTime = article.iso;
        time.textContent = article.date;
        item.appendChild(link);
        item.appendChild(time);
        list.appendChild(item);
        count += 1;
      });
      if (count) {
        list.hidden = false;
        if (fallback) fallback.hidden = true;
      }
    })
    .catch(function () { /* the link to the latest news stays */ });
})();
