/*
 * toasoan search page (issue 6): runs the reader's query against this language's
 * Pagefind index (/pagefind/, one index per <html lang>) and lists the articles.
 *
 * Pagefind folds tone marks but keeps "đ" apart from "d": a word typed without any
 * mark and starting with d is also searched as đ, and the results of all variants
 * are merged by best score. queryVariants() mirrors toasoan.search.query_variants
 * (hooks/toasoan/search.py); a browser test holds them to the same answers.
 */
(function () {
  "use strict";

  var MAX_EXPANDED_WORDS = 4;
  var PAGE_SIZE = 20;
  var RERANKED = 30;

  function isExpandable(word) {
    // A word typed with any mark is deliberate: its d is a d (Telex types đ as "dd").
    return (word[0] === "d" || word[0] === "D") && /^[\x00-\x7f]*$/.test(word);
  }

  /** The searches to run: the query itself first, then each unmarked d-word as đ. */
  function queryVariants(query, maxWords) {
    var limit = maxWords === undefined ? MAX_EXPANDED_WORDS : maxWords;
    var words = query.normalize("NFC").match(/\S+/gu) || [];
    if (!words.length) return [];
    var slots = [];
    words.forEach(function (word, index) {
      if (isExpandable(word) && slots.length < limit) slots.push(index);
    });
    var variants = [];
    for (var mask = 0; mask < 1 << slots.length; mask++) {
      var variant = words.slice();
      slots.forEach(function (index, k) {
        if ((mask >> (slots.length - 1 - k)) & 1) {
          var word = variant[index];
          variant[index] = (word[0] === "d" ? "đ" : "Đ") + word.slice(1);
        }
      });
      variants.push(variant.join(" "));
    }
    return variants;
  }

  window.toasoanSearch = { queryVariants: queryVariants };

  var root = document.querySelector("[data-toasoan-search]");
  if (!root) return;

  var noscript = root.querySelector("[data-search-noscript]");
  if (noscript) noscript.hidden = true;  // the note is for browsers without JavaScript
  var labels = JSON.parse(root.getAttribute("data-labels"));
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var filterBox = root.querySelector("[data-search-filters]");
  var filterSelects = root.querySelectorAll("[data-search-filter]");
  var sortSelect = root.querySelector("[data-search-sort]");
  var bundle = new URL(root.getAttribute("data-bundle"), document.baseURI);
  var siteRoot = new URL("../", bundle);
  var lang = document.documentElement.lang || "vi";

  var pagefind = null;
  var generation = 0;
  var current = null; // {ordered: [result], shown: n, byDate: bool, lists: [[result]]}

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  sortSelect.value = params.get("sort") === "date" ? "date" : "";

  function say(text) {
    status.textContent = text;
  }

  function countLabel(n) {
    return n === 1 ? labels.results_one : labels.results_other.replace("{n}", n.toLocaleString(lang));
  }

  function chosenFilters() {
    var filters = {};
    filterSelects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-search-filter")] = select.value;
    });
    return filters;
  }

  function rememberInUrl(query, filters) {
    var next = new URLSearchParams();
    if (query) next.set("q", query);
    Object.keys(filters).forEach(function (key) { next.set(key, filters[key]); });
    if (sortSelect.value) next.set("sort", sortSelect.value);
    var search = next.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  // Pagefind's excerpt is text with < and > escaped and <mark> around matches:
  // rebuilt as DOM nodes, never assigned as HTML.
  function excerptNodes(excerpt, parent) {
    excerpt.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      if (part) {
        var text = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
        if (marked) {
          var mark = document.createElement("mark");
          mark.appendChild(text);
          parent.appendChild(mark);
        } else {
          parent.appendChild(text);
        }
      }
      return marked;
    }, false);
  }

  function renderResult(data) {
    var item = document.createElement("li");
    item.className = "toasoan-search__result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var byline = [];
    if (data.meta.date) byline.push(data.meta.date);
    if (data.filters && data.filters.author) byline.push(data.filters.author.join(", "));
    if (byline.length) {
      var meta = document.createElement("p");
      meta.className = "toasoan-search__meta";
      meta.textContent = byline.join(" · ");
      item.appendChild(meta);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "toasoan-search__excerpt";
    excerptNodes(data.excerpt || "", excerpt);
    item.appendChild(excerpt);
    return item;
  }

  function dataOf(result) {
    if (!result._toasoanData) result._toasoanData = result.data();
    return result._toasoanData;
  }

  // Newest first across variants: each variant's list is already newest first, so
  // the first `needed` of each list hold the overall first `needed`.
  function byDate(lists, needed) {
    var seen = new Map();
    lists.forEach(function (results) {
      results.slice(0, needed).forEach(function (result) {
        if (!seen.has(result.id)) seen.set(result.id, result);
      });
    });
    var candidates = Array.from(seen.values());
    return Promise.all(candidates.map(dataOf)).then(function (datas) {
      var order = candidates.map(function (result, i) { return [datas[i].meta.published || "", i]; });
      order.sort(function (a, b) { return a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : a[1] - b[1]; });
      return order.slice(0, needed).map(function (pair) { return candidates[pair[1]]; });
    });
  }

  function isAscii(text) {
    return /^[\x00-\x7f]*$/.test(text);
  }

  function wordsOf(text) {
    return text.normalize("NFC").toLocaleLowerCase(lang).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // A query typed with marks: Pagefind folds them (and matches prefixes), so "cần bò"
  // scores "Bồi dưỡng cán bộ" high. Among the best RERANKED results, those holding
  // more of the query's words exactly as typed come first; then by score.
  function exactFirst(query, ordered) {
    var head = ordered.slice(0, RERANKED);
    var wanted = wordsOf(query);
    return Promise.all(head.map(dataOf)).then(function (datas) {
      var exact = datas.map(function (data) {
        var present = new Set(wordsOf((data.meta.title || "") + " " + data.content));
        return wanted.filter(function (word) { return present.has(word); }).length;
      });
      var order = head.map(function (_, i) { return i; });
      order.sort(function (a, b) {
        return exact[b] - exact[a] || head[b].score - head[a].score || a - b;
      });
      return order.map(function (i) { return head[i]; }).concat(ordered.slice(RERANKED));
    });
  }

  function showMore(mine) {
    var needed = current.shown + PAGE_SIZE;
    var pick = current.byDate
      ? byDate(current.lists, needed)
      : Promise.resolve(current.ordered.slice(0, needed));
    return pick.then(function (results) {
      var fresh = results.slice(current.shown);
      return Promise.all(fresh.map(dataOf)).then(function (datas) {
        if (mine !== generation) return;
        datas.forEach(function (data) { list.appendChild(renderResult(data)); });
        current.shown = results.length;
        var more = root.querySelector("[data-search-more]");
        if (more) more.remove();
        if (current.shown < current.total) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button";
          button.setAttribute("data-search-more", "");
          button.textContent = "+ " + countLabel(Math.min(PAGE_SIZE, current.total - current.shown));
          button.addEventListener("click", function () {
            var next = list.children.length;
            showMore(generation).then(function () {
              var link = list.children[next] && list.children[next].querySelector("a");
              if (link) link.focus();
            });
          });
          list.after(button);
        }
      });
    });
  }

  function run() {
    var query = input.value.normalize("NFC").trim();
    var filters = chosenFilters();
    rememberInUrl(query, filters);
    var mine = ++generation;
    list.textContent = "";
    var more = root.querySelector("[data-search-more]");
    if (more) more.remove();
    if (!query && !Object.keys(filters).length) {
      say(labels.prompt);
      root.setAttribute("data-search-state", "done");
      return Promise.resolve();
    }
    say(labels.loading);
    root.setAttribute("data-search-state", "busy");
    var options = { filters: filters };
    var dated = sortSelect.value === "date";
    if (dated) options.sort = { date: "desc" };
    var variants = query ? queryVariants(query) : [null];
    return Promise.all(variants.map(function (variant) {
      return pagefind.search(variant, options);
    })).then(function (searches) {
      if (mine !== generation) return;
      var best = new Map();
      var lists = searches.map(function (found) { return found ? found.results : []; });
      lists.forEach(function (results) {
        results.forEach(function (result) {
          var known = best.get(result.id);
          if (!known || result.score > known.score) best.set(result.id, result);
        });
      });
      var ordered = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
      var ranked = dated || isAscii(query) ? Promise.resolve(ordered) : exactFirst(query, ordered);
      return ranked.then(function (ordered) {
        if (mine !== generation) return;
        current = { ordered: ordered, lists: lists, byDate: dated, shown: 0, total: ordered.length };
        say(ordered.length ? countLabel(ordered.length) : labels.results_none);
        return showMore(mine).then(function () {
          if (mine === generation) root.setAttribute("data-search-state", "done");
        });
      });
    });
  }

  function fillFilters(available) {
    var any = false;
    filterSelects.forEach(function (select) {
      var key = select.getAttribute("data-search-filter");
      var values = Object.keys(available[key] || {}).sort(function (a, b) {
        return a.localeCompare(b, lang);
      });
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + available[key][value] + ")";
        select.appendChild(option);
      });
      if (params.get(key) && values.indexOf(params.get(key)) >= 0) select.value = params.get(key);
      any = any || values.length > 0;
    });
    filterBox.hidden = !any;
  }

  function failed() {
    say(labels.unavailable);
    root.setAttribute("data-search-state", "failed");
  }

  function search() {
    if (pagefind) run().catch(failed);
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  filterSelects.forEach(function (select) {
    select.addEventListener("change", search);
  });
  sortSelect.addEventListener("change", search);

  import(new URL("pagefind.js", bundle).href)
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30 });
    })
    .then(function () { return pagefind.filters(); })
    .then(function (available) {
      fillFilters(available);
      return run();
    })
    .catch(failed);
})();
