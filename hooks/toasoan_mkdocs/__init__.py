"""toasoan's MkDocs adapter: the only code that knows MkDocs, Material and static-i18n.

``events`` declares every MkDocs event the site uses, in the order they run, with the
priority each needs relative to mkdocs-static-i18n and why (see ARCHITECTURE.md, "The
build"). The news logic it adapts lives in the MkDocs-free package ``toasoan``.
mkdocs.yml lists ``hooks/toasoan_hooks.py``, which only imports these events.
"""
