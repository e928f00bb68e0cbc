"""A Pagefind bundle rewritten in a stable order (hooks/toasoan/search_index.py)."""

from __future__ import annotations

import gzip
import json

import pytest

from toasoan.search_index import (
    SIGNATURE,
    BundleError,
    cbor_decode,
    cbor_encode,
    make_reproducible,
    read_file,
)


@pytest.mark.parametrize("value", [0, 23, 24, 255, 256, 65536, 2**32, "", "Đà Nẵng", b"\x00",
                                   [], [1, ["a", [2, 3]]], {"k": [1]}])
def test_cbor_round_trip(value):
    assert cbor_decode(cbor_encode(value)) == value


def test_cbor_uses_the_shortest_forms():
    assert cbor_encode(23) == b"\x17"
    assert cbor_encode(24) == b"\x18\x18"
    assert cbor_encode(500) == b"\x19\x01\xf4"
    assert cbor_encode(["ab"]) == b"\x81\x62ab"


def test_cbor_rejects_what_pagefind_filters_do_not_use():
    with pytest.raises(BundleError):
        cbor_decode(b"\x20")  # a negative integer
    with pytest.raises(BundleError):
        cbor_decode(b"\x01\x02")  # trailing bytes


def _write(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor_encode(value)))


def _bundle(tmp_path, authors, order):
    bundle = tmp_path / "pagefind"
    _write(bundle / "filter" / "vi_aaaaaaa.pf_filter", ["author", authors])
    _write(bundle / "filter" / "vi_bbbbbbb.pf_filter", ["category", [["Thời sự", [0]]]])
    filters = [["author", "vi_aaaaaaa"], ["category", "vi_bbbbbbb"]]
    _write(bundle / "pagefind.vi_0123456789.pf_meta",
           ["1.5.2", [["vi_frag001", 500]], [["00", "zz", "vi_index01"]],
            filters if order else filters[::-1], [], ["title"]])
    entry = {"version": "1.5.2", "languages": {
        "vi": {"hash": "vi_0123456789", "wasm": None, "page_count": 1}}}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    return bundle


def test_bundles_differing_only_in_hash_map_order_become_identical(tmp_path):
    one = _bundle(tmp_path / "1", [["Trần Thị Đào", [1]], ["Lê Minh Châu", [0]]], True)
    two = _bundle(tmp_path / "2", [["Lê Minh Châu", [0]], ["Trần Thị Đào", [1]]], False)
    make_reproducible(one)
    make_reproducible(two)

    def files(bundle):
        return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*")
                if p.is_file()}

    assert files(one) == files(two)
    entry = json.loads((one / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_name = f"pagefind.{entry['languages']['vi']['hash']}.pf_meta"
    meta = read_file(one / meta_name)
    assert [name for name, _ in meta[3]] == ["author", "category"]
    author_file = one / "filter" / f"{meta[3][0][1]}.pf_filter"
    assert read_file(author_file) == ["author", [["Lê Minh Châu", [0]], ["Trần Thị Đào", [1]]]]
    assert meta[1:3] == [[["vi_frag001", 500]], [["00", "zz", "vi_index01"]]]  # untouched
    assert sorted(p.name for p in (one / "filter").iterdir()) == sorted(
        f"{chunk}.pf_filter" for _, chunk in meta[3])
    assert not (one / "pagefind.vi_0123456789.pf_meta").exists()
