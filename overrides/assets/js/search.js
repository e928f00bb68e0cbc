/*
 * toasoan search page (issue 6): runs the reader's query against this language's
 * Pagefind index and lists the articles.
 *
 * The index is in shards by language and period (hooks/toasoan/search_shards.py):
 * /pagefind/pagefind-entry.json lists this language's shards, newest first, and the
 * filter values of the whole archive. A search merges the newest shard into Pagefind
 * (mergeIndex) and goes back in time only while it has fewer results than the page
 * shows, up to a number of articles per step; "search older articles" takes another,
 * twice as large step. A first search fetches the newest shards, not the archive.
 * Results are ordered by score across the shards searched, or by date: shards are
 * periods that do not overlap, so newest first is shard by shard.
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
  // A first search stops going back in time once it has FIRST_RESULTS results, or has
  // searched FIRST_STEP_PAGES articles (the newest shard is always searched); each
  // "search older articles" then goes on until a page of results, twice as far back.
  var FIRST_RESULTS = 10;
  var FIRST_STEP_PAGES = 500;
  // The synthetic filter naming a result's shard (Pagefind's mergeFilter).
  var SHARD_FILTER = "toasoan_shard";

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
  var lang = (document.documentElement.lang || "vi").toLowerCase();
  // The entry is read here, then by Pagefind: the same address (Pagefind's
  // metaCacheTag) lets the second read come from the browser's cache.
  var stamp = String(Date.now());

  var pagefind = null;
  var ready = false;
  var shards = []; // this language's shards, newest first: {period, pages, url, merged}
  var generation = 0;
  var current = null; // the search on screen (see run())

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  sortSelect.value = params.get("sort") === "date" ? "date" : "";

  function say(text) {
    status.textContent = text;
  }

  // "12 results", or "12+ results" while older shards are left to search.
  function countLabel(n, more) {
    if (n === 1 && !more) return labels.results_one;
    return labels.results_other.replace("{n}", n.toLocaleString(lang) + (more ? "+" : ""));
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

  // ------------------------------------------------------------------ shards

  function mergedCount() {
    var n = 0;
    while (n < shards.length && shards[n].merged) n++;
    return n;
  }

  function mergedPages() {
    return shards.slice(0, mergedCount()).reduce(function (sum, s) { return sum + s.pages; }, 0);
  }

  // Merge the newest `count` shards into Pagefind (each once, in order).
  function mergeThrough(count) {
    var pending = [];
    for (var i = 0; i < count; i++) {
      var shard = shards[i];
      if (!shard.merged) {
        var tag = {};
        tag[SHARD_FILTER] = shard.period;
        shard.merged = pagefind.mergeIndex(shard.url, {
          language: lang, baseUrl: siteRoot.pathname, excerptLength: 30, metaCacheTag: stamp,
          mergeFilter: tag
        });
      }
      pending.push(shard.merged);
    }
    return Promise.all(pending);
  }

  // Whether the search may merge one more shard in this step.
  function mayMerge(state) {
    return mergedCount() < shards.length && (mergedCount() === 0 || mergedPages() < state.limit);
  }

  // Every variant of the query over the shards merged so far: a list of results each.
  function searchMerged(variants, options) {
    return Promise.all(variants.map(function (variant) {
      return pagefind.search(variant, options);
    })).then(function (found) {
      return found.map(function (one) { return one ? one.results : []; });
    });
  }

  function distinct(lists) {
    var ids = new Set();
    lists.forEach(function (results) { results.forEach(function (r) { ids.add(r.id); }); });
    return ids.size;
  }

  // By score: the best score of each page over the variants, best first. Shards are
  // merged, newest first, while fewer than `minimum` results are known.
  function gatherByScore(state, minimum) {
    var first = mergedCount() ? Promise.resolve() : mergeThrough(1);
    return first.then(function () {
      return searchMerged(state.variants, { filters: state.filters });
    }).then(function (lists) {
      var best = new Map();
      lists.forEach(function (results) {
        results.forEach(function (result) {
          var known = best.get(result.id);
          if (!known || result.score > known.score) best.set(result.id, result);
        });
      });
      var ordered = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; });
      state.known = ordered.length;
      state.searched = mergedCount();
      if (ordered.length < minimum && mayMerge(state)) {
        return mergeThrough(mergedCount() + 1).then(function () {
          return gatherByScore(state, minimum);
        });
      }
      var ranked = isAscii(state.query) ? Promise.resolve(ordered) : exactFirst(state.query, ordered);
      return ranked.then(function (ranked) { state.ordered = ranked; });
    });
  }

  // By date: shard after shard, newest first; within a shard, Pagefind's date sort.
  // Up to `needed` results from the shards merged; more shards while under `minimum`.
  function gatherByDate(state, needed, minimum) {
    if (state.ordered.length >= needed) return Promise.resolve();
    if (!state.lists) {
      var index = state.searched;
      var merge = index >= mergedCount();
      if (index >= shards.length ||
          (merge && (state.ordered.length >= minimum || !mayMerge(state)))) {
        return Promise.resolve();
      }
      return mergeThrough(index + 1).then(function () {
        var filters = Object.assign({}, state.filters);
        filters[SHARD_FILTER] = shards[index].period;
        return searchMerged(state.variants, { filters: filters, sort: { date: "desc" } });
      }).then(function (lists) {
        state.lists = lists;
        state.taken = 0;
        state.total = distinct(lists);
        state.known += state.total;
        state.searched = index + 1;
        return gatherByDate(state, needed, minimum);
      });
    }
    var wanted = state.taken + needed - state.ordered.length;
    return byDate(state.lists, wanted).then(function (picked) {
      var fresh = picked.slice(state.taken);
      state.ordered = state.ordered.concat(fresh);
      state.taken += fresh.length;
      if (state.taken >= state.total) {
        state.lists = null;
        return gatherByDate(state, needed, minimum);
      }
    });
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

  // ------------------------------------------------------------------ results

  // Every shard searched, or (by date) the last one being read.
  function allSearched(state) {
    return state.searched >= shards.length;
  }

  function showMore(state, mine) {
    var needed = state.shown.size + PAGE_SIZE;
    var minimum = state.shown.size ? needed : FIRST_RESULTS;
    var gather = state.dated ? gatherByDate(state, needed, minimum) : gatherByScore(state, minimum);
    return gather.then(function () {
      var fresh = state.ordered.filter(function (r) { return !state.shown.has(r.id); })
        .slice(0, PAGE_SIZE);
      return Promise.all(fresh.map(dataOf)).then(function (datas) {
        if (mine !== generation) return;
        datas.forEach(function (data) { list.appendChild(renderResult(data)); });
        fresh.forEach(function (r) { state.shown.add(r.id); });
        var complete = allSearched(state);
        say(state.known ? countLabel(state.known, !complete) : labels.results_none);
        var more = root.querySelector("[data-search-more]");
        if (more) more.remove();
        var left = state.known - state.shown.size;
        if (left <= 0 && complete) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.setAttribute("data-search-more", "");
        button.textContent = left > 0 ? "+ " + countLabel(Math.min(PAGE_SIZE, left), false)
          : labels.older;
        button.addEventListener("click", function () {
          var next = list.children.length;
          state.limit = Math.max(state.limit, mergedPages()) * 2;  // a larger step back in time
          root.setAttribute("data-search-state", "busy");
          showMore(state, generation).then(function () {
            if (state === current) root.setAttribute("data-search-state", "done");
            var link = list.children[next] && list.children[next].querySelector("a");
            if (link) link.focus();
          }).catch(failed);
        });
        list.after(button);
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
    if (!shards.length) {
      say(labels.results_none);
      root.setAttribute("data-search-state", "done");
      return Promise.resolve();
    }
    say(labels.loading);
    root.setAttribute("data-search-state", "busy");
    current = {
      query: query, filters: filters, dated: sortSelect.value === "date",
      variants: query ? queryVariants(query) : [null],
      limit: FIRST_STEP_PAGES, // articles merged, at most, before showing results
      ordered: [], shown: new Set(), known: 0, searched: 0,
      lists: null, taken: 0, total: 0 // by date: the shard being read
    };
    var state = current;
    return showMore(state, mine).then(function () {
      if (mine === generation) root.setAttribute("data-search-state", "done");
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
    if (ready) run().catch(failed);
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

  fetch(new URL("pagefind-entry.json?ts=" + stamp, bundle).href)
    .then(function (response) {
      if (!response.ok) throw new Error("no search index");
      return response.json();
    })
    .then(function (entry) {
      var mine = ((entry.toasoan || {}).languages || {})[lang] || { shards: [], filters: {} };
      shards = mine.shards.map(function (shard) {
        return { period: shard[0], pages: shard[1], url: new URL(lang + "/" + shard[0] + "/", bundle).pathname, merged: null };
      });
      fillFilters(mine.filters || {});
      if (!shards.length) return null;
      return import(new URL("pagefind.js", bundle).href).then(function (module) {
        pagefind = module;
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 30, metaCacheTag: stamp });
      }).then(function () {
        // Starts Pagefind (its empty top-level index and the WebAssembly) and fails here
        // if it cannot: merging a shard would wait for the WebAssembly forever.
        return pagefind.filters();
      });
    })
    .then(function () {
      ready = true;
      return run();
    })
    .catch(failed);
})();
