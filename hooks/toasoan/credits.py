"""Photo credits: the end of a caption that says who took the photo.

Editors end a caption the way papers print it, with the credit word of a site language
(``photo_credit`` in its language file: "Ảnh" in Vietnamese, "Photo" in English)::

    ![Tàu cá neo đậu](tau.jpg "Tàu cá neo đậu lúc rạng sáng. Ảnh: Nguyễn Văn Đức")
    ![Boats at dawn](tau.jpg "Boats at dawn (Photo: Nguyễn Văn Đức)")

:func:`split_credit` finds it; the figure extension shows it apart (``<small>``), and the
build gives it to structured data and feeds. Pure functions, no MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Credit:
    """A caption's credit: the text as written ("Ảnh: Nguyễn Văn Đức", with its brackets if
    any), and the name alone."""

    text: str
    name: str


@lru_cache(maxsize=32)
def _pattern(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({label.strip() for label in labels if label.strip()}, key=len, reverse=True)
    if not words:
        return None
    choice = "|".join(re.escape(word) for word in words)
    # At the end of the caption: in brackets after a space, or alone after the start, the
    # end of a sentence, a dash or a line break ("… ảnh: Lan" mid-sentence is not a credit).
    return re.compile(
        rf"(?:(?<=\s)(?P<credit_b>\((?:{choice})\s*:\s*(?P<bracketed>[^()]+?)\))"
        rf"|(?:^|(?<=[.!?…;]\s)|(?<=\s[-–—]\s)|(?<=\n))(?P<credit>(?:{choice})\s*:\s*"
        rf"(?P<name>[^()]+?)))\s*$")


def split_credit(caption: str, labels: Iterable[str]) -> tuple[str, Credit | None]:
    """(the caption without its credit, the credit) — or (caption, None) when it has none."""
    pattern = _pattern(tuple(labels))
    match = pattern.search(caption) if pattern is not None else None
    if match is None:
        return caption, None
    name = " ".join((match.group("bracketed") or match.group("name") or "").split())
    if not name:
        return caption, None
    text = (match.group("credit_b") or match.group("credit")).strip()
    return caption[:match.start()].rstrip().rstrip("-–—").rstrip(), Credit(text, name)


@lru_cache(maxsize=1)
def packaged_labels() -> tuple[str, ...]:
    """The credit words of the languages the package ships (``languages/*.yml``): what the
    figure extension uses when nothing configures it (``toasoan check``, the desk's
    preview); a build passes the site's own languages' words."""
    import yaml

    from .locales import PACKAGE_DIR

    found = []
    for path in sorted(PACKAGE_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        word = (data.get("strings") or {}).get("photo_credit")
        if isinstance(word, str) and word.strip():
            found.append(word.strip())
    return tuple(found)
