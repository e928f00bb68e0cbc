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

  function loadStatus() {
    return fetch("/desk/api/status").then(function (r) { return r.json(); })
      .then(function (data) { state.status = data; });
  }

  /* ------------------------------------------------------------------ start */
  fetch("config.json").then(function (r) { return r.json(); }).then(function (setup) {
    var config = setup.cms;
    state.config = config;
    state.words = setup.desk.words;
    state.main = config.i18n.default_locale;
    CMS.registerEditorComponent(photoComponent(state.words));
    CMS.init({ config: config });
    loadStatus();
  });
})();
