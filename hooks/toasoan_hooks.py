"""The MkDocs hook file listed in mkdocs.yml: the events of toasoan's adapter.

Everything is in ``toasoan_mkdocs.events`` (the event table and its phases); this file
only hands those functions to MkDocs, which looks for ``on_*`` names on the module.
"""

from toasoan_mkdocs.events import *  # noqa: F403 (MkDocs reads the on_* functions)
from toasoan_mkdocs.events import __all__  # noqa: F401
