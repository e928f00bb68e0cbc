"""Share links for an article: plain URLs, no third-party scripts.

Every value is percent-encoded as plain text (UTF-8, spaces as %20): a title is
never HTML here; the template escapes the finished URL for its attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

FACEBOOK = "https://www.facebook.com/sharer/sharer.php"
X = "https://x.com/intent/tweet"
LINKEDIN = "https://www.linkedin.com/sharing/share-offsite/"


@dataclass(frozen=True)
class ShareLink:
    network: str  # "facebook", "x", "linkedin", "email"
    name: str  # "Facebook", "X", "LinkedIn", "Email" (templates may translate by network)
    href: str

    @property
    def opens_tab(self) -> bool:
        """Web share pages open in a new tab; mailto: hands over to the mail program."""
        return self.href.startswith("https://")


def encode(text: str) -> str:
    """Percent-encode text for a query value: every reserved character, UTF-8."""
    return quote(text, safe="")


def _query(**params: str) -> str:
    return "&".join(f"{key}={encode(value)}" for key, value in params.items())


def share_links(url: str, title: str) -> list[ShareLink]:
    """Facebook, X, LinkedIn and email links sharing ``url`` (absolute) titled ``title``."""
    return [
        ShareLink("facebook", "Facebook", f"{FACEBOOK}?{_query(u=url)}"),
        ShareLink("x", "X", f"{X}?{_query(url=url, text=title)}"),
        ShareLink("linkedin", "LinkedIn", f"{LINKEDIN}?{_query(url=url)}"),
        ShareLink("email", "Email", f"mailto:?{_query(subject=title, body=url)}"),
    ]
