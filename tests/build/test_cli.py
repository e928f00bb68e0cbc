"""Files made by the `toasoan` command, built by the real site: published, or held back while pending."""

from __future__ import annotations

import pytest

from toasoan.cli import main

pytestmark = pytest.mark.slow


def test_created_articles_build_and_a_pending_translation_is_held_back(project, capsys, monkeypatch):
    monkeypatch.chdir(project.root)
    site = ["--site", str(project.root / "base.yml")]
    assert main([*site, "new", "Đà Nẵng đón khách", "--author", "Trần Thị Đào", "--ready",
                 "--category", "kinh te", "--date", "2026-03-14 08:30"]) == 0
    assert main([*site, "new", "Bản nháp", "--author", "Lan", "--date", "2026-03-15 08:30"]) == 0
    assert main([*site, "translate", "docs/news/2026/da-nang-don-khach", "--to", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "docs/news/2026/da-nang-don-khach/index.vi.md",
        "docs/news/2026/ban-nhap/index.vi.md",
        "docs/news/2026/da-nang-don-khach/index.en.md",
    ]

    # An unfinished translation does not block the site: the rest is published, it is not.
    held = project.build()
    assert held.ok, held.output
    assert held.exists("news/2026/da-nang-don-khach/index.html")
    assert not held.exists("en/news/2026/da-nang-don-khach/index.html")
    assert "Đà Nẵng đón khách" not in held.text("en/index.html")
    assert main([*site, "check"]) == 1
    assert ("docs/news/2026/da-nang-don-khach/index.en.md:5: translation not finished"
            in capsys.readouterr().out)

    english = project.docs / "news/2026/da-nang-don-khach/index.en.md"
    text = english.read_text(encoding="utf-8")
    text = text.replace('title: "Đà Nẵng đón khách"', 'title: "Da Nang welcomes visitors"')
    text = text.replace("translation: pending\n", "")
    text = "\n".join(line for line in text.split("\n") if "translation pending" not in line)
    english.write_text(text + "Visitors arrived in Da Nang.\n", encoding="utf-8")

    built = project.build()
    assert built.ok, built.output
    vi = built.html("news/2026/da-nang-don-khach/index.html")
    en = built.html("en/news/2026/da-nang-don-khach/index.html")
    assert vi.get("lang") == "vi" and en.get("lang") == "en"
    assert "Đà Nẵng đón khách" in vi.findtext(".//h1")
    assert "Da Nang welcomes visitors" in en.findtext(".//h1")
    assert "Visitors arrived in Da Nang." in en.text_content()
    assert not built.exists("news/2026/ban-nhap/index.html")  # `new` makes drafts by default
