/*
 * Live reload for `mkdocs serve`, as a file: the pages carry the public site's
 * Content-Security-Policy (no inline scripts), which blocks the server's own inline
 * live-reload script. Same protocol as MkDocs' (mkdocs/livereload): /livereload/E/ID
 * answers with the server's build number once it is newer than E.
 * Included only when the page is built by `mkdocs serve`.
 */
(function () {
  "use strict";
  var id = String(Math.floor(Math.random() * 1e9));
  var known = null;

  function poll() {
    fetch("/livereload/" + (known === null ? 0 : known) + "/" + id, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (text) {
        var epoch = parseFloat(text);
        if (known !== null && epoch > known) {
          location.reload();
          return;
        }
        known = epoch;
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", poll);
  } else {
    poll();
  }
})();
