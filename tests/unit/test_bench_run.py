"""What bench/run.py measures: page weight, search index size, and its report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


run = _load("run")


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())


def test_article_page_weight_is_html_plus_the_local_css_and_js_it_loads(tmp_path: Path):
    page = ('<html><head><link rel="stylesheet" href="../../../assets/main.css">'
            '<link rel="icon" href="../../../assets/logo.png">'
            '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
            '</head><body><img src="anh-1.png"><script src="/assets/app.js"></script>'
            '<script src="../../../assets/app.js"></script><script>inline()</script></body></html>')
    _write(tmp_path / "news/2026/x/index.html", page)
    _write(tmp_path / "news/2026/x/anh-1.png", b"p" * 5000)
    _write(tmp_path / "assets/main.css", "c" * 300)
    _write(tmp_path / "assets/logo.png", b"l" * 7000)
    _write(tmp_path / "assets/app.js", "j" * 200)

    weight = run.page_weight(tmp_path, "news/2026/x/")

    assert weight["html"] == len(page)
    assert weight["css"] == 300
    assert weight["js"] == 200  # the same script loaded twice counts once
    assert weight["total"] == len(page) + 500  # photos and icons are not counted
    assert weight["external"] == ["https://cdn.example.com/x.css"]


def test_search_weight_sums_every_pagefind_folder_and_reads_the_index_time(tmp_path: Path):
    _write(tmp_path / "site/pagefind/pagefind.js", "x" * 100)
    _write(tmp_path / "site/pagefind/index/vi_1.pf_index", b"i" * 50)
    _write(tmp_path / "site/news/a/index.html", "<html></html>")
    log = tmp_path / "site.log"
    log.write_text("INFO    -  search: Pagefind indexed 5504 pages in 12.5 s (en: 2504, vi: 3000; "
                   "3 of 18 shards indexed, 15 reused; Pagefind peak 95 MB)\n", encoding="utf-8")

    found = run.search_weight(tmp_path / "site", log)

    assert found == {"folders": ["pagefind"], "files": 2, "bytes": 150,
                     "indexed_pages": 5504, "index_s": 12.5, "shards": 18, "shards_indexed": 3,
                     "pagefind_peak_mb": 95}
    assert run.search_weight(tmp_path / "site/news", log) == {}


def _build(name: str, wall: float, cpu: float) -> object:
    return run.Build(name=name, ok=True, wall_s=wall, cpu_s=cpu, peak_rss_mb=100, pages=10,
                     files=20, bytes_written=1000, warnings=0)


def test_report_gives_ratio_and_growth_of_the_cost_per_article():
    small = run.SizeResult(500, {"vi": 500, "en": 500}, _build("project", 13, 12),
                           _build("baseline", 10, 10))
    large = run.SizeResult(2000, {"vi": 2000, "en": 2000}, _build("project", 55, 48),
                           _build("baseline", 40, 40))

    text, data = run.report([small, large], run.dt.datetime(2026, 11, 27, 11, 0), seed=1)

    assert "ratio project/baseline wall 1.30, CPU 1.20" in text
    assert "ratio project/baseline wall 1.38, CPU 1.20" in text
    assert "wall cost per article from 500 to 2000/lang: project 1.06x, baseline 1.00x" in text
    assert [s["ratio_wall"] for s in data["sizes"]] == [1.3, 1.375]
