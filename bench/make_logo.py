"""Draw the default logo mark (and favicon) of a toasoan site, in pure Python.

    .venv/bin/python bench/make_logo.py            # writes overrides/assets/images/favicon.png

A square in the paper's colour with a river (two white waves) under a red sun: our
own drawing, no font and no image library needed. The file replaces Material's
favicon (same path in the theme) and is the masthead's mark when
``extra.news.logo`` is not set. Anti-aliased by 4×4 supersampling; deterministic.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from pathlib import Path

SIZE = 180  # an Apple touch icon's size; browsers scale it down for the tab
SAMPLES = 4
PAPER = (10, 74, 110)  # --news-brand in overrides/assets/css/newspaper.css
SUN = (200, 16, 46)  # --news-accent
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "overrides/assets/images/favicon.png"


def colour_at(x: float, y: float) -> tuple[tuple[int, int, int], float]:
    """(colour, alpha) of the mark at (x, y) in 0..1 coordinates."""
    radius = 0.16  # rounded corners of the square
    cx = min(max(x, radius), 1 - radius)
    cy = min(max(y, radius), 1 - radius)
    if (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2:
        return WHITE, 0.0
    if (x - 0.66) ** 2 + (y - 0.33) ** 2 < 0.15 ** 2:
        return SUN, 1.0
    for base in (0.62, 0.78):  # two waves of the river
        wave = base + 0.045 * math.sin(2 * math.pi * (x * 1.6 + 0.15))
        if abs(y - wave) < 0.045:
            return WHITE, 1.0
    return PAPER, 1.0


def pixels(size: int = SIZE) -> list[bytes]:
    rows = []
    step = 1 / (size * SAMPLES)
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px * SAMPLES + sx + 0.5) * step
                    y = (py * SAMPLES + sy + 0.5) * step
                    (cr, cg, cb), alpha = colour_at(x, y)
                    r, g, b, a = r + cr * alpha, g + cg * alpha, b + cb * alpha, a + alpha
            n = SAMPLES * SAMPLES
            row += bytes((round(r / a) if a else 0, round(g / a) if a else 0,
                          round(b / a) if a else 0, round(255 * a / n)))
        rows.append(bytes(row))
    return rows


def png(rows: list[bytes], size: int = SIZE) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + row for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(png(pixels()))
    print(f"{target}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
