"""The editor's desk: a web editor (Decap CMS) over the content contract.

``toasoan edit`` serves the CMS's admin page and an editing backend of ours on
127.0.0.1. The CMS speaks its local-backend ("proxy") protocol to that backend,
which reads and writes the article bundles itself:

- :mod:`.schema` — the article field list, read from the validator (one function);
- :mod:`.cmsconfig` — the CMS configuration, generated from the site's settings;
- :mod:`.document` — an article file as the CMS sees it, and the field-level merge
  that writes back only what changed;
- :mod:`.backend` — the protocol's actions: every save is checked by the build's
  own validator before anything is written, and nothing is ever overwritten
  that the editor did not change;
- :mod:`.server` — the HTTP server (stdlib), :mod:`.edit` — the command.

Nothing here imports MkDocs: the live site preview is ``mkdocs serve`` run as a
separate process.
"""
