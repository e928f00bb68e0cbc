"""toasoan: the news logic of a bilingual Vietnamese/English newsroom.

Nothing in this package imports MkDocs, Material or mkdocs-static-i18n: it is
the content contract (front matter, validation, slugs, dates) and the news
model that the thin MkDocs hooks in ``hooks/*.py`` adapt to a site build, and
that the ``toasoan`` editor command uses without building.
"""

__version__ = "0.1.0"
