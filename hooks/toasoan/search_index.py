"""Make a Pagefind 1.5 bundle byte-identical from one build of the same site to the next.

Pagefind writes each filter's values, and the list of filters, in hash-map order,
which changes from run to run; the filter files are named after a hash of their
content, the language metadata
(``pagefind.<lang>_<hash>.pf_meta``) lists those names and is named after its own
hash, and ``pagefind-entry.json`` lists the languages in the order they finished.
:func:`make_reproducible` sorts the filter values, renames the files after their
new content and rewrites the references, so that two builds of the same content
give the same files (``SOURCE_DATE_EPOCH`` builds are otherwise identical).

The files are gzip'd CBOR after a ``pagefind_dcd`` signature; the few CBOR types
Pagefind uses (unsigned integers, text, arrays, maps) are read and written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


class BundleError(ValueError):
    """A Pagefind file this module does not understand (another Pagefind version?)."""


def cbor_decode(data: bytes) -> Any:
    value, end = _decode(data, 0)
    if end != len(data):
        raise BundleError(f"{len(data) - end} bytes left after the CBOR value")
    return value


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    else:
        raise BundleError(f"unsupported CBOR item {head:#x}")
    if major == 0:
        return n, i
    if major == 2:
        return bytes(data[i:i + n]), i + n
    if major == 3:
        return data[i:i + n].decode("utf-8"), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    if major == 5:
        mapping = {}
        for _ in range(n):
            key, i = _decode(data, i)
            mapping[key], i = _decode(data, i)
        return mapping, i
    raise BundleError(f"unsupported CBOR major type {major}")


def cbor_encode(value: Any) -> bytes:
    """Shortest-form definite-length CBOR, as Pagefind writes it."""
    if isinstance(value, bool) or value is None:
        raise BundleError(f"unsupported value {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v)
                                                for k, v in value.items())
    raise BundleError(f"unsupported value {value!r}")


def _head(major: int, n: int) -> bytes:
    if n < 0:
        raise BundleError("negative integers are not used by Pagefind")
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise BundleError(f"integer {n} too large")


def read_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{path.name}: no Pagefind signature")
    return cbor_decode(data[len(SIGNATURE):])


def _write(path: Path, value: Any) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor_encode(value), compresslevel=9, mtime=0))


def _content_hash(value: Any, length: int) -> str:
    return hashlib.sha256(cbor_encode(value)).hexdigest()[:length]


def make_reproducible(bundle: Path) -> None:
    """Rewrite the bundle's filter files, language metadata and entry in a stable order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    renamed: dict[str, str] = {}  # old filter hash -> new
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = read_file(path)
        values = sorted(values, key=lambda pair: pair[0])
        lang = path.stem.rsplit("_", 1)[0]
        new = f"{lang}_{_content_hash([name, values], 7)}"
        path.unlink()
        _write(bundle / "filter" / f"{new}.pf_filter", [name, values])
        renamed[path.stem] = new
    languages = {}
    for code, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_file(meta_path)
        if len(meta) < 4 or not isinstance(meta[3], list):
            raise BundleError(f"{meta_path.name}: unexpected layout")
        meta[3] = sorted([name, renamed.get(chunk, chunk)] for name, chunk in meta[3])
        new = f"{code}_{_content_hash(meta, 10)}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{new}.pf_meta", meta)
        languages[code] = {**info, "hash": new}
    entry["languages"] = languages
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def empty_meta(version: str) -> bytes:
    """A Pagefind language metadata file with no pages: the index search.js starts from
    (Pagefind's "primary" instance, which loads the WebAssembly) before merging shards."""
    # version, pages, index chunks, filters, sorts, metadata field names
    return gzip.compress(SIGNATURE + cbor_encode([version, [], [], [], [], []]), compresslevel=9,
                         mtime=0)


def read_filters(bundle: Path) -> dict[str, dict[str, int]]:
    """The filters of a one-language bundle: {filter: {value: number of pages}}."""
    found: dict[str, dict[str, int]] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = read_file(path)
        into = found.setdefault(name, {})
        for value, pages in values:
            into[value] = into.get(value, 0) + len(pages)
    return found
