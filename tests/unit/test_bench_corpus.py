"""The benchmark corpus (bench/corpus.py) is deterministic and follows the content contract."""

from __future__ import annotations

import collections
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from toasoan.config import Language, load_settings
from toasoan.content import scan

REPO = Path(__file__).resolve().parents[2]
SIZE = 60


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml holds !!python/name tags; only extra.news matters here."""


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _site_settings():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    languages = (Language("vi", "Tiếng Việt", "", True), Language("en", "English", "en/", False))
    return load_settings(config["extra"]["news"], languages)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    target = tmp_path_factory.mktemp("corpus")
    counts = corpus.write_corpus(SIZE, target, seed=7)
    return target / "docs", counts


def _digest(docs: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in docs.rglob("*") if p.is_file()):
        digest.update(path.relative_to(docs).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_corpus_passes_the_sites_content_validation_without_a_single_problem(written):
    docs, _ = written
    newsroom = scan(docs, _site_settings())
    assert [str(p) for p in newsroom.problems] == []
    assert len(newsroom.articles) == len(list(docs.glob("news/*/*/index.*.md")))


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(written, tmp_path):
    docs, _ = written
    corpus.write_corpus(SIZE, tmp_path / "again", seed=7)
    corpus.write_corpus(SIZE, tmp_path / "other", seed=8)
    assert _digest(tmp_path / "again" / "docs") == _digest(docs)
    assert _digest(tmp_path / "other" / "docs") != _digest(docs)


def test_stories_are_70_percent_pairs_20_vi_only_10_en_only(written):
    docs, counts = written
    kinds = collections.Counter(
        tuple(sorted(p.name.split(".")[1] for p in bundle.glob("index.*.md")))
        for bundle in docs.glob("news/*/*"))
    total = sum(kinds.values())
    assert counts["vi"] == SIZE
    assert kinds[("en", "vi")] / total == pytest.approx(0.7, abs=0.02)
    assert kinds[("vi",)] / total == pytest.approx(0.2, abs=0.02)
    assert kinds[("en",)] / total == pytest.approx(0.1, abs=0.02)


def test_articles_spread_over_years_and_every_configured_category(written):
    docs, _ = written
    newsroom = scan(docs, _site_settings())
    years = {a.date.year for a in newsroom.articles}
    assert len(years) >= 6
    vi_labels = {label for a in newsroom.articles if a.lang == "vi" for label in a.categories}
    assert vi_labels == {pair["vi"] for pair in _site_settings().categories}
    assert any(label.startswith("Đ") for label in vi_labels)


def test_vietnamese_text_has_diacritics_and_english_text_is_english(written):
    docs, _ = written
    newsroom = scan(docs, _site_settings())
    vi = [a for a in newsroom.articles if a.lang == "vi"]
    en = [a for a in newsroom.articles if a.lang == "en"]
    assert all(re.search("[đĐ]", a.body) and re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệ]", a.body)
               for a in vi)
    assert not any(re.search("[đĐạảấầẩẫậắằẳẵặẹẻẽếềểễệ]", a.body + a.title) for a in en)
    assert all(len(a.body.split()) > 150 for a in vi + en)


def test_every_article_shows_one_to_three_captioned_photos_that_are_valid_images(written):
    docs, _ = written
    newsroom = scan(docs, _site_settings())
    for article in newsroom.articles:
        assert 1 <= len(article.photos) <= 3, article.path
        assert all(photo.caption for photo in article.photos), article.path
        for photo in article.photos:
            with Image.open(docs / article.bundle / photo.src) as image:
                image.verify()
