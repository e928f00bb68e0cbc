/* The editor's desk: the CMS (Decap) set up for the toasoan content contract.
   No inline script, no third-party request: everything comes from this server. */
"use strict";

(function () {
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var FORMAT = "toasoan-view";
  var state = { config: null, main: null, status: null };

  /* ----------------------------------------------------------- the file view
     The CMS never parses Markdown files: the backend sends a JSON view of each
     file and merges the view it gets back into the file, field by field. */
  CMS.registerCustomFormat(FORMAT, "md", {
    fromFile: function (text) { return text ? JSON.parse(text) : {}; },
    toFile: function (data) { return JSON.stringify(data); },
  });

  /* ``extra`` with ``own`` on top: the CMS's own phrases win over the desk's. */
  function underneath(extra, own) {
    var merged = {};
    Object.keys(extra).forEach(function (key) { merged[key] = extra[key]; });
    Object.keys(own).forEach(function (key) {
      var mine = extra[key];
      merged[key] = mine && typeof mine === "object" && own[key] && typeof own[key] === "object"
        ? underneath(mine, own[key]) : own[key];
    });
    return merged;
  }

  function toJS(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    });
  }

  /* -------------------------------------------------------- authors widget
     A text box with the site's known authors as suggestions; several authors
     are separated by commas. Stored as a list of names. */
  var NamesControl = createClass({
    getInitialState: function () {
      return { text: (toJS(this.props.value) || []).join(", ") };
    },
    componentDidUpdate: function (previous) {
      var names = toJS(this.props.value) || [];
      if (previous.value !== this.props.value && names.join(", ") !== split(this.state.text).join(", ")) {
        this.setState({ text: names.join(", ") });
      }
    },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      this.props.onChange(split(text));
    },
    render: function () {
      var listId = this.props.forID + "-authors";
      var options = toJS(this.props.field.get("options")) || [];
      return h("div", null,
        h("input", {
          type: "text", id: this.props.forID, className: this.props.classNameWrapper,
          value: this.state.text, list: listId, autoComplete: "off",
          onChange: this.handleChange,
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }),
        h("datalist", { id: listId }, options.map(function (name) {
          return h("option", { key: name, value: name });
        })));
    },
  });

  function split(text) {
    return text.split(",").map(function (name) { return name.trim(); })
      .filter(function (name) { return name.length > 0; });
  }

  var NamesPreview = createClass({
    render: function () { return h("span", null, (toJS(this.props.value) || []).join(", ")); },
  });

  CMS.registerWidget("toasoan-names", NamesControl, NamesPreview);

  /* ---------------------------------------------------- photos in the text
     Replaces the CMS's own image component (same id, so existing photos open
     in it): a photo with its alt text and caption, written as
     ![alt](photo.jpg "Caption"), one of the contract's two caption forms. */
  function photoComponent(words) {
    return {
      id: "image",
      label: words.photo,
      fields: [
        { name: "image", label: words.photo_file, widget: "image", choose_url: false,
          media_library: { allow_multiple: false } },
        { name: "alt", label: words.photo_alt, widget: "string" },
        { name: "title", label: words.photo_caption, widget: "string" },
      ],
      pattern: /^!\[((?:[^\]\\]|\\.)*)\]\((\S*?)(\s"([^"]*)")?\)$/,
      fromBlock: function (match) {
        return match && { image: match[2], alt: match[1].replace(/\\([\[\]\\])/g, "$1"),
                          title: match[4] || "" };
      },
      toBlock: function (data) {
        var alt = oneLine(data.alt).replace(/([\[\]\\])/g, "\\$1");
        var caption = curlyQuotes(oneLine(data.title));
        return "![" + alt + "](" + (data.image || "") + (caption ? ' "' + caption + '"' : "") + ")";
      },
      toPreview: function (data, getAsset, fields) {
        var field = fields && fields.find(function (f) { return f.get("widget") === "image"; });
        var src = data.image ? String(getAsset(data.image, field) || "") : "";
        return h("figure", { className: "news-figure" },
          h("img", { src: src, alt: data.alt || "" }),
          data.title ? h("figcaption", null, data.title) : null);
      },
    };
  }

  function oneLine(text) { return String(text || "").replace(/\s+/g, " ").trim(); }

  /* A caption is written between straight quotes: quotes inside it become
     typographic ones, as Vietnamese and English print them. */
  function curlyQuotes(text) {
    var open = true;
    return text.replace(/"/g, function () { var q = open ? "\u201c" : "\u201d"; open = !open; return q; });
  }

  /* ------------------------------------------------------------ before save
     The backend checks the article with the build's own rules and, for a new
     article, gives its folder (the build's slug rule, the year in site time). */
  function pendingPhotos(entry) {
    var files = toJS(entry.get("mediaFiles")) || [];
    return files.filter(function (file) { return file.draft; }).map(function (file) {
      var name = file.name || String(file.path || "").split("/").pop();
      return { name: name, size: file.size || (file.file && file.file.size) || 0 };
    });
  }

  function registerChecks() {
    CMS.registerEventListener({
      name: "preSave",
      handler: function (event) {
        var entry = event.entry;
        var data = entry.get("data");
        var versions = {};
        versions[state.main] = toJS(data);
        var i18n = toJS(entry.get("i18n")) || {};
        Object.keys(i18n).forEach(function (lang) {
          if (i18n[lang] && i18n[lang].data) { versions[lang] = i18n[lang].data; }
        });
        var isNew = !!entry.get("newRecord");
        return post("/desk/api/prepare", {
          versions: versions,
          path: isNew ? "" : entry.get("path"),
          photos: pendingPhotos(entry),
        }).then(function (result) {
          showReview(result);
          if (result.errors.length) {
            throw new Error(result.errors.join("\n"));
          }
          if (isNew) {
            return data.set("desk_slug", result.slug).set("desk_year", result.year);
          }
          return undefined;
        }, function (error) {
          showReview({ errors: [error.message], warnings: [], notes: [] });
          throw error;
        });
      },
    });

    CMS.registerEventListener({
      name: "postSave",
      handler: function () { loadStatus(); },
    });
  }

  /* ---------------------------------------------------------------- preview
     The article as the site shows it: the build's Markdown extensions (photos
     with captions become figures), its dateline and signature, its styles. */
  function previewLanguage(entry) {
    var data = entry.get("data");
    var found = state.main;
    var i18n = entry.get("i18n");
    if (i18n) {
      i18n.forEach(function (version, lang) {
        if (version && version.get("data") === data) { found = lang; }
      });
    }
    return found;
  }

  var ArticlePreview = createClass({
    getInitialState: function () { return { shown: null }; },
    componentDidMount: function () { this.refresh(); },
    componentDidUpdate: function (previous) {
      if (previous.entry !== this.props.entry) {
        window.clearTimeout(this.timer);
        this.timer = window.setTimeout(this.refresh, 300);
      }
      this.showPhotos();
    },
    componentWillUnmount: function () { window.clearTimeout(this.timer); this.gone = true; },
    refresh: function () {
      var entry = this.props.entry;
      var self = this;
      post("/desk/api/preview", {
        path: entry.get("newRecord") ? "" : entry.get("path"),
        lang: previewLanguage(entry),
        data: toJS(entry.get("data")) || {},
      }).then(function (shown) { if (!self.gone) { self.setState({ shown: shown }); } },
              function () { /* the next change tries again */ });
    },
    /* Photos not saved yet exist only in the browser: ask the CMS for them. */
    showPhotos: function () {
      var body = this.body;
      var getAsset = this.props.getAsset;
      if (!body) { return; }
      Array.prototype.forEach.call(body.querySelectorAll("img"), function (image) {
        var src = image.getAttribute("src") || "";
        if (src && src.indexOf("/desk/photo/") !== 0 && !/^(blob:|data:|https?:)/.test(src)) {
          var asset = getAsset(src);
          var url = asset ? String(asset) : "";
          if (url) { image.setAttribute("src", url); }
        }
      });
    },
    render: function () {
      var shown = this.state.shown;
      var self = this;
      if (!shown) { return h("p", { className: "desk-preview__wait" }, "…"); }
      return h("article", { className: "md-typeset news-article", lang: shown.lang },
        h("header", { className: "news-article__header" },
          h("p", { className: "news-dateline" },
            h("time", { className: "news-dateline__published", dateTime: shown.dateline.iso },
              shown.dateline.text)),
          h("h1", { className: "news-article__title" }, shown.title),
          shown.lead ? h("p", { className: "news-lead" }, shown.lead) : null),
        h("div", {
          className: "news-article__body",
          ref: function (node) { self.body = node; },
          dangerouslySetInnerHTML: { __html: shown.body },
        }),
        shown.signature ? h("p", { className: "news-signature" }, shown.signature) : null);
    },
  });

  /* Remote editors (the GitHub backend) have no desk server: the text as the CMS
     renders it, with the site's styles. */
  var RemotePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      return h("article", { className: "md-typeset news-article" },
        h("header", { className: "news-article__header" },
          h("h1", { className: "news-article__title" }, data.get("title")),
          data.get("lead") ? h("p", { className: "news-lead" }, data.get("lead")) : null),
        h("div", { className: "news-article__body" }, this.props.widgetFor("body")));
    },
  });

  /* ------------------------------------------------------- the desk's panel
     The build's findings for the last save, and the translation state of the
     article open in the editor. */
  var panel = document.createElement("aside");
  panel.className = "desk-panel";
  panel.setAttribute("aria-live", "polite");
  panel.hidden = true;
  document.body.appendChild(panel);

  function showReview(result) {
    panel.textContent = "";
    var groups = [["errors", "desk-panel__error"], ["warnings", "desk-panel__warning"],
                  ["notes", "desk-panel__note"]];
    var any = false;
    groups.forEach(function (group) {
      (result[group[0]] || []).forEach(function (text) {
        var line = document.createElement("p");
        line.className = group[1];
        line.textContent = text;
        panel.appendChild(line);
        any = true;
      });
    });
    if (any) {
      var close = document.createElement("button");
      close.type = "button";
      close.className = "desk-panel__close";
      close.textContent = "×";
      close.setAttribute("aria-label", "Close");
      close.addEventListener("click", function () { panel.hidden = true; });
      panel.insertBefore(close, panel.firstChild);
    }
    panel.hidden = !any;
  }

  /* ------------------------------------------------ translation state
     `toasoan status` in the desk: the state of the article being edited, in a
     bar at the bottom, and every article's in a list it opens. */
  var bar = document.createElement("div");
  bar.className = "desk-status";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "desk-status__toggle";
  toggle.setAttribute("aria-expanded", "false");
  var current = document.createElement("span");
  current.className = "desk-status__current";
  current.setAttribute("aria-live", "polite");
  bar.appendChild(toggle);
  bar.appendChild(current);
  var overview = document.createElement("section");
  overview.className = "desk-overview";
  overview.hidden = true;
  overview.id = "desk-overview";
  toggle.setAttribute("aria-controls", overview.id);
  toggle.addEventListener("click", function () {
    overview.hidden = !overview.hidden;
    toggle.setAttribute("aria-expanded", String(!overview.hidden));
    if (!overview.hidden) { loadStatus(); }
  });

  function stateText(row) {
    var words = state.words;
    if (row.state === "translated") { return words.state_translated; }
    if (row.state === "stale") { return words.state_stale; }
    if (row.state === "pending") { return words.state_pending; }
    if (/-only$/.test(row.state)) {
      var lang = row.state.replace(/-only$/, "");
      return words.state_only.replace("{lang}", state.languages[lang] || lang);
    }
    return words.state_partial;
  }

  function marks(row) {
    return state.codes.map(function (code) {
      var version = row.versions[code];
      return code + " " + (version ? (version.pending ? "~" : "\u2713") : "\u2013");
    }).join("  ");
  }

  function entryLink(row) {
    var slug = row.bundle.slice(state.newsFolder.length + 1);
    return "#/collections/" + state.collection + "/entries/" + slug + "/index";
  }

  function currentRow() {
    var match = window.location.hash.match(/^#\/collections\/[^/]+\/entries\/(.+)\/index$/);
    if (!match || !state.status) { return null; }
    var bundle = state.newsFolder + "/" + decodeURIComponent(match[1]);
    return state.status.articles.filter(function (row) { return row.bundle === bundle; })[0] || null;
  }

  function renderStatus() {
    var words = state.words;
    toggle.textContent = words.status;
    var row = currentRow();
    var text = row ? row.state + " \u00b7 " + stateText(row) + " \u00b7 " + marks(row) : "";
    if (row && !row.versions[state.main]) {
      var only = state.codes.filter(function (c) { return row.versions[c]; })[0];
      text += " \u2014 " + words.only_hint.replace(/\{lang\}/g, state.languages[only] || only)
        .replace(/\{main\}/g, state.languages[state.main] || state.main);
    }
    current.textContent = text;
    current.setAttribute("data-state", row ? row.state : "");
    overview.textContent = "";
    if (!state.status) { return; }
    var heading = document.createElement("h2");
    heading.textContent = words.status_title;
    overview.appendChild(heading);
    var table = document.createElement("table");
    /* The order of `toasoan status`: what needs work first. */
    var order = ["stale", "pending", "translated"].concat(state.codes.map(function (c) {
      return c + "-only";
    }), ["partial"]);
    function rank(row) { var i = order.indexOf(row.state); return i < 0 ? order.length : i; }
    state.status.articles.slice().sort(function (a, b) {
      return rank(a) - rank(b) || (a.bundle < b.bundle ? -1 : a.bundle > b.bundle ? 1 : 0);
    }).forEach(function (row) {
      var line = table.insertRow();
      line.setAttribute("data-bundle", row.bundle);
      var cell = line.insertCell();
      var name = document.createElement("strong");
      name.textContent = row.state;
      var explained = document.createElement("small");
      explained.textContent = stateText(row);
      cell.appendChild(name);
      cell.appendChild(document.createElement("br"));
      cell.appendChild(explained);
      line.insertCell().textContent = marks(row);
      var link = document.createElement("a");
      link.href = entryLink(row);
      var titles = state.codes.map(function (c) { return row.versions[c] && row.versions[c].title; })
        .filter(Boolean);
      link.textContent = titles[0] || row.bundle;
      line.insertCell().appendChild(link);
    });
    overview.appendChild(table);
  }

  function loadStatus() {
    return fetch("/desk/api/status").then(function (r) { return r.json(); })
      .then(function (data) { state.status = data; renderStatus(); });
  }

  window.addEventListener("hashchange", function () {
    renderStatus();
    if (!overview.hidden && /\/entries\//.test(window.location.hash)) {
      overview.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    }
  });

  /* ------------------------------------------------------------------ start */
  fetch("config.json").then(function (r) { return r.json(); }).then(function (setup) {
    var config = setup.cms;
    state.config = config;
    state.words = setup.desk.words;
    state.main = config.i18n.default_locale;
    state.newsFolder = setup.desk.news_folder;
    state.languages = setup.desk.languages;
    state.codes = config.i18n.locales;
    state.collection = config.collections[0].name;
    var local = setup.desk.mode === "local";
    var ui = config.locale;
    if (CMS.getLocale && CMS.getLocale(ui)) {
      CMS.registerLocale(ui, underneath(setup.desk.phrases || {}, CMS.getLocale(ui)));
    }
    CMS.registerEditorComponent(photoComponent(state.words));
    CMS.registerPreviewStyle("preview.css");
    CMS.registerPreviewStyle("article.css");
    CMS.registerPreviewTemplate(state.collection, local ? ArticlePreview : RemotePreview);
    if (local) {
      registerChecks();
      document.body.appendChild(overview);
      document.body.appendChild(bar);
    }
    CMS.init({ config: config });
    if (local) { loadStatus(); }
  });
})();
