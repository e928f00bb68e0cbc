"""Draw the illustrative photos used by the sample articles under docs/news/.

Every picture in the sample content was made by this script: simple scenes
(sky and ground gradients, hills, a bridge, rice fields, boats, buildings...)
drawn with Pillow from a fixed seed, so running it again gives the same files.
No photograph from any publication is used.

Usage (from the repository root):

    python bench/sample_photos.py              # (re)write every photo
    python bench/sample_photos.py --check      # only report missing/oversized files
    python bench/sample_photos.py --docs DIR   # write into another docs/ tree

Only the standard library and Pillow are needed.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

MAX_BYTES = 60 * 1024
SCALE = 2  # draw at twice the size, then downsample: smoother edges

# (bundle folder under docs/, file name, scene, size, seed)
PHOTOS: list[tuple[str, str, str, tuple[int, int], int]] = [
    ("news/2026/khanh-thanh-cau-song-lam", "cau-song-lam.jpg", "bridge", (960, 600), 101),
    ("news/2026/khanh-thanh-cau-song-lam", "le-khanh-thanh.jpg", "ceremony", (800, 533), 102),
    (
        "news/2026/doan-cong-tac-da-nang-khao-sat-tuyen-duong-ven-bien-cua-lam",
        "duong-ven-bien-cua-lam.jpg",
        "coastal_road",
        (960, 600),
        201,
    ),
    (
        "news/2026/doan-cong-tac-da-nang-khao-sat-tuyen-duong-ven-bien-cua-lam",
        "bai-bien-cua-lam.jpg",
        "beach",
        (800, 533),
        202,
    ),
    (
        "news/2026/nong-dan-tan-hoa-thu-hoach-lua-xuan-duoc-mua",
        "canh-dong-lua-tan-hoa.jpg",
        "rice_field",
        (960, 600),
        301,
    ),
    (
        "news/2026/nong-dan-tan-hoa-thu-hoach-lua-xuan-duoc-mua",
        "may-gat-dap-lien-hop.jpg",
        "harvest",
        (800, 533),
        302,
    ),
    (
        "news/2026/soi-noi-le-hoi-dua-thuyen-truyen-thong-tren-song-lam",
        "dua-thuyen-song-lam.jpg",
        "boat_race",
        (960, 600),
        401,
    ),
    (
        "news/2026/soi-noi-le-hoi-dua-thuyen-truyen-thong-tren-song-lam",
        "ben-song-lang-phuoc-lam.jpg",
        "riverbank",
        (800, 533),
        402,
    ),
    (
        "news/2026/soi-noi-le-hoi-dua-thuyen-truyen-thong-tren-song-lam",
        "co-vu-ven-song.jpg",
        "crowd_bank",
        (800, 533),
        403,
    ),
    (
        "news/2026/nang-cao-nang-luc-doi-ngu-can-bo-co-so",
        "hoi-nghi-can-bo-co-so.jpg",
        "meeting_hall",
        (960, 600),
        501,
    ),
    (
        "news/2026/lam-giang-chinh-trang-via-he-mo-rong-khong-gian-di-bo",
        "pho-di-bo-lam-giang.jpg",
        "pedestrian_street",
        (960, 600),
        601,
    ),
    (
        "news/2026/lam-giang-chinh-trang-via-he-mo-rong-khong-gian-di-bo",
        "via-he-duong-hoa-sua.jpg",
        "sidewalk_works",
        (800, 533),
        602,
    ),
    (
        "news/2026/phien-cho-vung-cao-khe-may-giu-nep-xua",
        "cho-phien-khe-may.jpg",
        "market",
        (960, 600),
        701,
    ),
    (
        "news/2026/day-nhanh-giai-ngan-von-dau-tu-cong",
        "cong-truong-khu-cong-nghiep.jpg",
        "construction",
        (960, 600),
        801,
    ),
    (
        "news/2026/khan-truong-khac-phuc-hau-qua-mua-lu-tai-cac-xa-ven-song",
        "nuoc-lu-xa-dong-xuan.jpg",
        "flood",
        (960, 600),
        901,
    ),
    (
        "news/2026/khan-truong-khac-phuc-hau-qua-mua-lu-tai-cac-xa-ven-song",
        "don-dep-sau-lu.jpg",
        "cleanup",
        (800, 533),
        902,
    ),
    (
        "news/2026/song-lam-fishing-fleet-returns-with-record-autumn-catch",
        "fishing-boats-cua-lam.jpg",
        "fishing_boats",
        (960, 600),
        1001,
    ),
]

RGB = tuple[int, int, int]


# --------------------------------------------------------------------------- helpers


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = max(0.0, min(1.0, t))
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def jitter(rng: random.Random, c: RGB, amount: int = 12) -> RGB:
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)  # type: ignore[return-value]


def vgradient(
    d: ImageDraw.ImageDraw, box: tuple[int, int, int, int], top: RGB, bottom: RGB
) -> None:
    x0, y0, x1, y1 = box
    h = max(1, y1 - y0)
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / h))


def sky(d, w, h, horizon, top=(92, 148, 214), bottom=(200, 225, 245)) -> None:
    vgradient(d, (0, 0, w, horizon), top, bottom)


def sun(d, x, y, r, color=(255, 236, 170)) -> None:
    for k in range(4, 0, -1):
        rr = r + k * r // 3
        d.ellipse(
            [x - rr, y - rr, x + rr, y + rr], fill=mix(color, (230, 235, 245), 0.35 + k * 0.12)
        )
    d.ellipse([x - r, y - r, x + r, y + r], fill=color)


def cloud(d, rng, x, y, s, color=(248, 250, 252)) -> None:
    for _ in range(6):
        dx, dy = rng.uniform(-1.6, 1.6) * s, rng.uniform(-0.4, 0.3) * s
        r = rng.uniform(0.5, 0.9) * s
        d.ellipse([x + dx - r * 1.4, y + dy - r, x + dx + r * 1.4, y + dy + r], fill=color)


def hills(d, rng, w, base, height, color, step=None) -> None:
    step = step or w // 8
    pts = [(0, base)]
    x = -step
    while x <= w + step:
        pts.append((x, base - rng.uniform(0.35, 1.0) * height))
        x += step
    pts += [(w + step, base), (w + step, base + 2), (0, base + 2)]
    # smooth the ridge a little by adding mid points
    smooth = [pts[0]]
    for (ax, ay), (bx, by) in zip(pts[1:-3], pts[2:-3], strict=False):
        smooth += [(ax, ay), ((ax + bx) / 2, (ay + by) / 2 + rng.uniform(-0.1, 0.1) * height)]
    smooth += pts[-3:]
    d.polygon(smooth + [(w, base + 4), (0, base + 4)], fill=color)


def water(d, rng, w, top, bottom, c1=(70, 120, 160), c2=(40, 80, 120), ripples=80) -> None:
    vgradient(d, (0, top, w, bottom), c1, c2)
    light = mix(c1, (235, 245, 255), 0.45)
    for _ in range(ripples):
        y = rng.uniform(top + 4, bottom)
        t = (y - top) / max(1, bottom - top)
        length = 12 + 60 * t
        x = rng.uniform(0, w)
        d.line([(x, y), (x + length, y)], fill=light, width=max(1, round(1 + 2 * t)))


def tree(d, rng, x, base, size, leaf=(58, 120, 62)) -> None:
    d.rectangle([x - size * 0.08, base - size * 0.9, x + size * 0.08, base], fill=(96, 70, 48))
    for _ in range(5):
        cx = x + rng.uniform(-0.35, 0.35) * size
        cy = base - size * rng.uniform(0.85, 1.25)
        r = size * rng.uniform(0.28, 0.42)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=jitter(rng, leaf, 14))


def palm(d, rng, x, base, size) -> None:
    top = (x + size * 0.15, base - size)
    d.line([(x, base), top], fill=(120, 92, 60), width=max(2, int(size * 0.06)))
    for a in range(0, 360, 45):
        ang = math.radians(a + rng.uniform(-12, 12))
        ex, ey = (
            top[0] + math.cos(ang) * size * 0.45,
            top[1] + math.sin(ang) * size * 0.25 + size * 0.08,
        )
        d.line([top, (ex, ey)], fill=jitter(rng, (50, 120, 60), 12), width=max(2, int(size * 0.05)))


def person(d, rng, x, base, size, shirt=None, hat=False) -> None:
    shirt = shirt or jitter(
        rng,
        rng.choice([(200, 60, 50), (40, 90, 160), (240, 240, 235), (70, 130, 80), (230, 180, 60)]),
        10,
    )
    head = size * 0.16
    d.rectangle([x - size * 0.09, base - size * 0.45, x + size * 0.09, base], fill=(55, 55, 70))
    d.rounded_rectangle(
        [x - size * 0.14, base - size * 0.82, x + size * 0.14, base - size * 0.42],
        radius=size * 0.05,
        fill=shirt,
    )
    d.ellipse(
        [x - head, base - size * 0.82 - head * 2, x + head, base - size * 0.82],
        fill=(222, 184, 150),
    )
    if hat:  # nón lá
        hy = base - size * 0.82 - head * 1.5
        d.polygon(
            [
                (x - head * 2.2, hy + head * 0.6),
                (x + head * 2.2, hy + head * 0.6),
                (x, hy - head * 1.6),
            ],
            fill=(236, 220, 170),
        )


def house(d, rng, x, base, w, h, wall=None, roof=None) -> None:
    wall = wall or jitter(
        rng, rng.choice([(236, 222, 196), (245, 240, 225), (222, 206, 170), (210, 226, 232)]), 8
    )
    roof = roof or jitter(rng, rng.choice([(170, 72, 52), (150, 60, 45), (120, 70, 60)]), 10)
    d.rectangle([x, base - h, x + w, base], fill=wall)
    d.polygon(
        [(x - w * 0.1, base - h), (x + w * 1.1, base - h), (x + w / 2, base - h - h * 0.55)],
        fill=roof,
    )
    d.rectangle([x + w * 0.4, base - h * 0.55, x + w * 0.6, base], fill=(110, 80, 60))


def building(d, rng, x, base, w, h, color=None) -> None:
    color = color or jitter(
        rng, rng.choice([(228, 224, 214), (206, 214, 222), (236, 214, 190), (190, 200, 190)]), 10
    )
    d.rectangle([x, base - h, x + w, base], fill=color)
    win = mix(color, (70, 100, 130), 0.55)
    cols = max(1, int(w // 44))
    rows = max(1, int(h // 52))
    for i in range(cols):
        for j in range(rows):
            wx = x + (i + 0.5) * w / cols
            wy = base - h + (j + 0.5) * h / rows
            d.rectangle([wx - 9, wy - 12, wx + 9, wy + 12], fill=win)


def boat(d, x, y, length, hull=(150, 70, 40), stripe=(240, 200, 60), flag=None) -> None:
    h = length * 0.16
    d.polygon(
        [
            (x - length / 2, y - h),
            (x + length / 2, y - h * 1.3),
            (x + length * 0.42, y),
            (x - length * 0.4, y),
        ],
        fill=hull,
    )
    d.line(
        [(x - length * 0.46, y - h * 0.7), (x + length * 0.46, y - h * 0.9)],
        fill=stripe,
        width=max(2, int(h * 0.18)),
    )
    if flag:
        d.line([(x, y - h), (x, y - h * 4)], fill=(80, 60, 40), width=max(2, int(h * 0.1)))
        d.polygon([(x, y - h * 4), (x + h * 1.6, y - h * 3.6), (x, y - h * 3.1)], fill=flag)


# --------------------------------------------------------------------------- scenes


def scene_bridge(d, rng, w, h):
    hz = int(h * 0.52)
    sky(d, w, h, hz, (110, 160, 220), (226, 236, 246))
    sun(d, int(w * 0.82), int(h * 0.16), int(h * 0.05))
    for _ in range(4):
        cloud(d, rng, rng.uniform(0, w * 0.7), rng.uniform(h * 0.08, h * 0.3), h * 0.04)
    hills(d, rng, w, hz, h * 0.1, (128, 158, 150))
    water(d, rng, w, hz, h, (120, 160, 185), (50, 90, 120), 140)
    # far bank with trees
    d.rectangle([0, hz - 6, w, hz + 4], fill=(96, 130, 90))
    for _ in range(30):
        tree(d, rng, rng.uniform(0, w), hz + 2, h * 0.05, (70, 115, 70))
    # deck
    deck_y = hz - h * 0.04
    d.rectangle([-10, deck_y, w + 10, deck_y + h * 0.035], fill=(214, 210, 200))
    d.rectangle([-10, deck_y + h * 0.035, w + 10, deck_y + h * 0.05], fill=(150, 145, 140))
    for px in (w * 0.3, w * 0.7):
        top = deck_y - h * 0.3
        d.polygon(
            [
                (px - 14, deck_y + h * 0.05),
                (px - 5, top),
                (px + 5, top),
                (px + 14, deck_y + h * 0.05),
            ],
            fill=(232, 230, 224),
        )
        for k in range(1, 11):
            off = k * w * 0.018
            for sgn in (-1, 1):
                d.line([(px, top + k * 5), (px + sgn * off, deck_y)], fill=(245, 245, 240), width=2)
        # pier into water
        d.rectangle([px - 18, deck_y + h * 0.05, px + 18, hz + h * 0.09], fill=(170, 165, 158))
    for i in range(0, w, 24):
        d.line([(i, deck_y - 6), (i, deck_y)], fill=(200, 80, 60), width=2)
    d.line([(0, deck_y - 6), (w, deck_y - 6)], fill=(200, 80, 60), width=2)
    # near bank
    d.polygon([(0, h * 0.86), (w * 0.35, h * 0.9), (w * 0.5, h), (0, h)], fill=(110, 140, 80))
    boat(d, w * 0.62, h * 0.8, w * 0.1, (60, 90, 140), (240, 240, 240))


def scene_ceremony(d, rng, w, h):
    sky(d, w, h, int(h * 0.45), (120, 170, 225), (220, 232, 245))
    for _ in range(3):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.06, h * 0.2), h * 0.04)
    d.rectangle([0, h * 0.45, w, h], fill=(190, 186, 176))
    vgradient(d, (0, int(h * 0.45), w, h), (180, 176, 168), (140, 136, 130))
    # stage backdrop
    d.rectangle([w * 0.12, h * 0.12, w * 0.88, h * 0.5], fill=(196, 32, 40))
    d.rectangle([w * 0.12, h * 0.12, w * 0.88, h * 0.17], fill=(230, 190, 60))
    for i in range(3):  # text-like bars of the banner
        ln = rng.uniform(0.4, 0.9)
        y = h * (0.22 + i * 0.025)
        d.rectangle(
            [w * (0.5 - 0.3 * ln), y, w * (0.5 + 0.3 * ln), y + h * 0.014], fill=(250, 230, 120)
        )
    for x in (w * 0.1, w * 0.9):
        d.rectangle([x - 5, h * 0.05, x + 5, h * 0.62], fill=(120, 110, 100))
        d.polygon(
            [(x + 5, h * 0.05), (x + w * 0.08, h * 0.09), (x + 5, h * 0.13)], fill=(210, 40, 40)
        )
    # officials in a row with ribbon
    n = 9
    for i in range(n):
        x = w * 0.18 + i * w * 0.64 / (n - 1)
        person(
            d,
            rng,
            x,
            h * 0.8,
            h * 0.34,
            shirt=rng.choice([(240, 242, 245), (40, 50, 80), (240, 242, 245)]),
        )
    ry = h * 0.6
    pts = [
        (w * 0.12 + t * w * 0.76, ry + math.sin(t * math.pi * 6) * 6)
        for t in [i / 40 for i in range(41)]
    ]
    d.line(pts, fill=(220, 30, 40), width=9)
    for x in (w * 0.36, w * 0.64):
        d.ellipse([x - 22, ry - 18, x + 22, ry + 18], fill=(230, 40, 50))
    # crowd from behind
    for _ in range(40):
        person(d, rng, rng.uniform(0, w), rng.uniform(h * 0.98, h * 1.15), h * 0.3)


def scene_coastal_road(d, rng, w, h):
    hz = int(h * 0.42)
    sky(d, w, h, hz, (80, 150, 220), (210, 232, 248))
    for _ in range(5):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.05, h * 0.25), h * 0.035)
    water(d, rng, w, hz, h, (90, 170, 200), (40, 120, 160), 90)
    # sand strip
    d.polygon([(w * 0.45, hz), (w, hz), (w, h), (w * 0.1, h)], fill=(228, 210, 160))
    d.polygon(
        [(w * 0.42, hz), (w * 0.45, hz), (w * 0.1, h), (0, h), (0, h * 0.95)], fill=(240, 236, 220)
    )
    # road curving to the horizon
    road = [(w * 0.5, hz), (w * 0.56, hz), (w * 0.95, h), (w * 0.3, h)]
    d.polygon(road, fill=(92, 94, 100))
    for k in range(12):
        t0, t1 = k / 12, (k + 0.5) / 12
        x0 = w * 0.53 + (w * 0.625 - w * 0.53) * t0
        x1 = w * 0.53 + (w * 0.625 - w * 0.53) * t1
        y0, y1 = hz + (h - hz) * t0, hz + (h - hz) * t1
        d.line([(x0, y0), (x1, y1)], fill=(245, 240, 220), width=max(2, int(2 + 8 * t0)))
    # land side: fields and trees to the right
    d.polygon([(w * 0.58, hz), (w, hz), (w, h), (w * 0.98, h)], fill=(120, 160, 90))
    for _ in range(12):
        y = rng.uniform(hz + 10, h * 0.9)
        palm(
            d,
            rng,
            w * 0.62 + (y - hz) / (h - hz) * w * 0.38 + rng.uniform(0, w * 0.05),
            y,
            h * 0.08 + (y - hz) * 0.25,
        )
    # survey team
    for i in range(4):
        person(d, rng, w * 0.32 + i * 26, h * 0.93, h * 0.2, hat=(i % 2 == 0))


def scene_beach(d, rng, w, h):
    hz = int(h * 0.48)
    sky(d, w, h, hz, (100, 165, 225), (225, 238, 250))
    sun(d, int(w * 0.2), int(h * 0.15), int(h * 0.05))
    for _ in range(4):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.08, h * 0.3), h * 0.04)
    water(d, rng, w, hz, int(h * 0.72), (80, 165, 200), (60, 150, 190), 70)
    for k in range(4):
        y = h * (0.66 + k * 0.02)
        d.line([(0, y), (w, y + rng.uniform(-6, 6))], fill=(240, 248, 250), width=3)
    vgradient(d, (0, int(h * 0.72), w, h), (236, 220, 180), (220, 200, 150))
    for i in range(6):
        x = w * (0.1 + i * 0.15)
        boat(
            d,
            x,
            h * 0.82 + rng.uniform(-10, 10),
            w * 0.09,
            jitter(rng, (40, 90, 150), 30),
            (230, 60, 50),
        )
    for _ in range(5):
        palm(d, rng, rng.uniform(w * 0.75, w), h * 0.78, h * 0.35)


def rice_rows(d, rng, w, top, bottom, c1, c2):
    vgradient(d, (0, top, w, bottom), c1, c2)
    rows = 26
    for k in range(rows):
        t = (k / rows) ** 1.7
        y = top + (bottom - top) * t
        d.line([(0, y), (w, y)], fill=mix(c2, (60, 70, 20), 0.35), width=max(1, int(1 + 4 * t)))
    for _ in range(400):
        y = rng.uniform(top, bottom)
        t = (y - top) / (bottom - top)
        x = rng.uniform(0, w)
        ln = 3 + 16 * t
        d.line(
            [(x, y), (x + rng.uniform(-3, 3), y - ln)],
            fill=jitter(rng, mix(c1, c2, t), 18),
            width=max(1, int(1 + 2 * t)),
        )


def scene_rice_field(d, rng, w, h):
    hz = int(h * 0.4)
    sky(d, w, h, hz, (120, 170, 225), (236, 240, 240))
    for _ in range(5):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.05, h * 0.22), h * 0.035)
    hills(d, rng, w, hz, h * 0.16, (120, 150, 150), w // 5)
    hills(d, rng, w, hz, h * 0.07, (92, 130, 100), w // 7)
    rice_rows(d, rng, w, hz, h, (210, 190, 90), (190, 150, 40))
    # dike path
    d.polygon([(w * 0.48, hz), (w * 0.5, hz), (w * 0.2, h), (w * 0.08, h)], fill=(150, 130, 90))
    for _i in range(5):
        x = rng.uniform(w * 0.3, w * 0.95)
        y = rng.uniform(h * 0.55, h * 0.85)
        person(d, rng, x, y, h * 0.06 + (y - hz) * 0.35, hat=True)


def scene_harvest(d, rng, w, h):
    hz = int(h * 0.38)
    sky(d, w, h, hz, (140, 185, 230), (240, 240, 235))
    hills(d, rng, w, hz, h * 0.08, (110, 140, 120))
    for _ in range(16):
        tree(d, rng, rng.uniform(0, w), hz + 4, h * 0.06, (70, 120, 70))
    rice_rows(d, rng, w, hz, h, (215, 195, 95), (195, 160, 50))
    # harvested stripe
    d.polygon([(0, h * 0.62), (w, h * 0.55), (w, h * 0.7), (0, h * 0.8)], fill=(170, 150, 90))
    # combine harvester
    x, y = w * 0.45, h * 0.66
    d.rectangle([x, y - h * 0.2, x + w * 0.22, y], fill=(210, 60, 40))
    d.rectangle([x + w * 0.14, y - h * 0.32, x + w * 0.22, y - h * 0.2], fill=(60, 70, 80))
    d.rectangle([x + w * 0.145, y - h * 0.31, x + w * 0.215, y - h * 0.24], fill=(170, 210, 230))
    d.polygon(
        [(x - w * 0.08, y - h * 0.05), (x, y - h * 0.1), (x, y), (x - w * 0.08, y + h * 0.01)],
        fill=(120, 120, 120),
    )
    d.rectangle([x - w * 0.02, y - h * 0.02, x + w * 0.24, y + h * 0.04], fill=(50, 50, 55))
    d.line([(x + w * 0.04, y - h * 0.2), (x - w * 0.02, y - h * 0.3)], fill=(90, 90, 95), width=10)
    for i in range(3):
        person(d, rng, w * (0.15 + i * 0.06), h * 0.9, h * 0.3, hat=True)
    for i in range(5):  # rice sacks
        d.rounded_rectangle(
            [w * (0.72 + i * 0.045), h * 0.82, w * (0.755 + i * 0.045), h * 0.9],
            radius=6,
            fill=(236, 232, 220),
        )


def scene_boat_race(d, rng, w, h):
    hz = int(h * 0.34)
    sky(d, w, h, hz, (110, 170, 230), (235, 240, 245))
    hills(d, rng, w, hz, h * 0.08, (110, 150, 120))
    d.rectangle([0, hz - 4, w, hz + 10], fill=(90, 130, 80))
    for _ in range(60):  # spectators on the far bank
        person(d, rng, rng.uniform(0, w), hz + 10, h * 0.05)
    water(d, rng, w, hz + 10, h, (110, 150, 150), (60, 100, 110), 120)
    colors = [(200, 40, 40), (40, 90, 170), (230, 180, 40), (40, 140, 80)]
    for i, c in enumerate(colors):
        y = h * (0.48 + i * 0.13)
        length = w * (0.42 + i * 0.07)
        x0 = w * 0.08 + i * w * 0.05 + rng.uniform(0, w * 0.04)
        d.polygon(
            [
                (x0, y),
                (x0 + length, y - 8),
                (x0 + length * 0.97, y + 12 + i * 3),
                (x0 + 10, y + 10 + i * 3),
            ],
            fill=c,
        )
        size = h * (0.05 + i * 0.012)
        for k in range(14):
            px = x0 + 30 + k * (length - 60) / 13
            d.ellipse(
                [px - size * 0.25, y - size * 0.9, px + size * 0.25, y - size * 0.4],
                fill=(222, 184, 150),
            )
            d.rectangle(
                [px - size * 0.22, y - size * 0.45, px + size * 0.22, y],
                fill=mix(c, (255, 255, 255), 0.4),
            )
            d.line(
                [(px + size * 0.1, y - size * 0.3), (px - size * 0.5, y + size * 0.6)],
                fill=(140, 100, 60),
                width=max(2, int(size * 0.12)),
            )
        for k in range(6):
            d.line(
                [
                    (x0 + length * 0.2 + k * 40, y + 14 + i * 3),
                    (x0 + length * 0.2 + k * 40 + 30, y + 14 + i * 3),
                ],
                fill=(235, 245, 250),
                width=3,
            )
    for x in range(0, w, 60):  # buoys line
        d.ellipse([x - 5, h * 0.43 - 5, x + 5, h * 0.43 + 5], fill=(240, 120, 40))


def scene_riverbank(d, rng, w, h):
    hz = int(h * 0.5)
    sky(d, w, h, hz, (240, 190, 140), (250, 230, 200))  # late afternoon
    sun(d, int(w * 0.7), int(h * 0.3), int(h * 0.06), (255, 220, 150))
    hills(d, rng, w, hz - int(h * 0.08), h * 0.1, (150, 140, 150))
    d.rectangle([0, hz - h * 0.1, w, hz], fill=(110, 130, 90))
    for i in range(8):
        house(d, rng, w * 0.05 + i * w * 0.12 + rng.uniform(-10, 10), hz - 2, w * 0.07, h * 0.08)
    for _ in range(10):
        tree(d, rng, rng.uniform(0, w), hz - 2, h * 0.1, (60, 110, 60))
    water(d, rng, w, hz, h, (200, 170, 140), (90, 100, 110), 100)
    for i in range(5):
        boat(
            d,
            w * (0.12 + i * 0.18),
            h * (0.68 + (i % 2) * 0.1),
            w * 0.13,
            jitter(rng, (120, 60, 40), 20),
            jitter(rng, (230, 200, 60), 20),
            flag=(220, 40, 40) if i % 2 else None,
        )


def scene_crowd_bank(d, rng, w, h):
    hz = int(h * 0.3)
    sky(d, w, h, hz, (120, 175, 230), (230, 238, 245))
    water(d, rng, w, hz, int(h * 0.55), (100, 140, 150), (80, 120, 130), 50)
    boat(d, w * 0.5, h * 0.48, w * 0.5, (40, 90, 170), (250, 250, 250))
    vgradient(d, (0, int(h * 0.55), w, h), (120, 150, 90), (90, 120, 70))
    for x in range(0, w, 70):  # festival flags
        d.polygon(
            [(x, h * 0.56), (x + 30, h * 0.56), (x + 15, h * 0.62)],
            fill=rng.choice([(220, 40, 40), (240, 200, 40), (40, 120, 200)]),
        )
    d.line([(0, h * 0.56), (w, h * 0.56)], fill=(90, 80, 70), width=2)
    for row in range(5):
        y = h * (0.7 + row * 0.075)
        for _ in range(14 - row):
            person(
                d, rng, rng.uniform(-20, w + 20), y, h * (0.1 + row * 0.03), hat=rng.random() < 0.3
            )


def scene_meeting_hall(d, rng, w, h):
    vgradient(d, (0, 0, w, h), (235, 225, 210), (200, 190, 175))
    # stage with backdrop
    d.rectangle([w * 0.1, h * 0.05, w * 0.9, h * 0.45], fill=(190, 30, 36))
    d.rectangle([w * 0.1, h * 0.05, w * 0.9, h * 0.1], fill=(225, 185, 60))
    for i in range(3):
        ln = (0.8, 0.6, 0.7)[i]
        d.rectangle(
            [
                w * (0.5 - 0.3 * ln),
                h * (0.17 + i * 0.06),
                w * (0.5 + 0.3 * ln),
                h * (0.195 + i * 0.06),
            ],
            fill=(250, 225, 120),
        )
    d.ellipse([w * 0.47, h * 0.35, w * 0.53, h * 0.43], fill=(240, 200, 60))
    d.rectangle([w * 0.05, h * 0.45, w * 0.95, h * 0.52], fill=(150, 100, 70))
    # podium and presidium table
    d.rectangle([w * 0.2, h * 0.39, w * 0.65, h * 0.47], fill=(236, 232, 224))
    for i in range(6):
        person(d, rng, w * (0.24 + i * 0.075), h * 0.43, h * 0.13, shirt=(245, 245, 245))
    d.rectangle([w * 0.72, h * 0.35, w * 0.8, h * 0.5], fill=(160, 110, 70))
    person(d, rng, w * 0.76, h * 0.36, h * 0.13, shirt=(245, 245, 245))
    for x in (w * 0.12, w * 0.88):  # flowers
        for _ in range(12):
            fx, fy = x + rng.uniform(-25, 25), h * 0.47 + rng.uniform(-20, 10)
            d.ellipse(
                [fx - 7, fy - 7, fx + 7, fy + 7],
                fill=rng.choice([(230, 60, 80), (250, 220, 80), (250, 250, 250)]),
            )
    # audience, seen from behind
    for row in range(6):
        y = h * (0.62 + row * 0.075)
        size = h * (0.06 + row * 0.012)
        for k in range(int(16 - row)):
            x = w * 0.06 + (k + 0.5) * (w * 0.88) / (16 - row) + rng.uniform(-4, 4)
            d.rectangle(
                [x - size * 0.7, y - size * 0.2, x + size * 0.7, y + size * 0.7], fill=(60, 80, 120)
            )
            d.ellipse(
                [x - size * 0.35, y - size * 0.9, x + size * 0.35, y - size * 0.1],
                fill=(40, 35, 35),
            )
            d.rectangle(
                [x - size * 0.6, y - size * 0.1, x + size * 0.6, y + size * 0.3],
                fill=rng.choice([(245, 245, 245), (230, 236, 245), (70, 80, 100)]),
            )


def paving(d, rng, w, top, bottom, c):
    vgradient(d, (0, top, w, bottom), c, mix(c, (120, 110, 100), 0.3))
    rows = 14
    for k in range(rows):
        y = top + (bottom - top) * (k / rows) ** 1.5
        d.line([(0, y), (w, y)], fill=mix(c, (90, 80, 70), 0.35), width=1 + k // 5)
    for k in range(-12, 13):
        d.line(
            [(w / 2 + k * 10, top), (w / 2 + k * 90, bottom)],
            fill=mix(c, (90, 80, 70), 0.3),
            width=1,
        )


def scene_pedestrian_street(d, rng, w, h):
    hz = int(h * 0.45)
    sky(d, w, h, hz, (130, 180, 230), (230, 238, 245))
    # shopfronts converging
    for i in range(6):
        t = i / 6
        bw = w * (0.16 - t * 0.02)
        bh = h * (0.55 - t * 0.28)
        bh *= 0.8
        building(d, rng, w * 0.02 + i * bw * 0.9 * (1 - t * 0.5), hz + h * 0.15 * (1 - t), bw, bh)
        building(
            d, rng, w * 0.98 - bw - i * bw * 0.9 * (1 - t * 0.5), hz + h * 0.15 * (1 - t), bw, bh
        )
    paving(d, rng, w, hz + int(h * 0.12), h, (214, 190, 160))
    for side in (0.18, 0.82):
        for k in range(4):
            t = k / 4
            x = w * (side + (0.5 - side) * t * 0.6)
            base = h * (0.98 - t * 0.35)
            tree(d, rng, x, base, h * (0.28 - t * 0.17), (60, 130, 70))
            d.rectangle(
                [x - 30 * (1 - t * 0.6), base - 4, x + 30 * (1 - t * 0.6), base + 6],
                fill=(140, 130, 120),
            )
    for _ in range(18):
        y = rng.uniform(h * 0.62, h * 0.98)
        person(d, rng, rng.uniform(w * 0.25, w * 0.75), y, h * 0.04 + (y - hz) * 0.38)
    for k in range(5):  # lamp posts
        t = k / 5
        x = w * (0.5 + 0.3 * (1 - t))
        base = h * (0.95 - t * 0.35)
        d.line([(x, base), (x, base - h * 0.3 * (1 - t * 0.6))], fill=(50, 60, 60), width=3)
        d.ellipse(
            [x - 7, base - h * 0.3 * (1 - t * 0.6) - 7, x + 7, base - h * 0.3 * (1 - t * 0.6) + 7],
            fill=(250, 240, 200),
        )


def scene_sidewalk_works(d, rng, w, h):
    hz = int(h * 0.35)
    sky(d, w, h, hz, (150, 185, 220), (230, 236, 240))
    for i in range(7):
        building(d, rng, i * w * 0.15 - 20, hz + h * 0.1, w * 0.15, h * rng.uniform(0.28, 0.45))
    d.rectangle([0, hz + h * 0.1, w, h * 0.55], fill=(200, 190, 175))
    # road
    d.rectangle([0, h * 0.55, w, h * 0.62], fill=(180, 170, 160))
    vgradient(d, (0, int(h * 0.62), w, h), (100, 102, 108), (80, 82, 88))
    # new tiles on the left half, dug-up earth on the right
    for x in range(0, int(w * 0.55), 40):
        for y in range(int(hz + h * 0.1), int(h * 0.55), 26):
            d.rectangle([x + 1, y + 1, x + 39, y + 25], fill=jitter(rng, (196, 120, 90), 10))
    d.rectangle([w * 0.55, hz + h * 0.1, w, h * 0.55], fill=(150, 120, 90))
    for _ in range(6):  # stacks of tiles and cones
        x = rng.uniform(w * 0.6, w * 0.95)
        d.rectangle([x, h * 0.45, x + 50, h * 0.53], fill=(196, 120, 90))
    for x in [w * 0.56, w * 0.66, w * 0.76, w * 0.86, w * 0.96]:
        d.polygon([(x - 12, h * 0.6), (x + 12, h * 0.6), (x, h * 0.52)], fill=(240, 110, 30))
        d.line([(x - 7, h * 0.57), (x + 7, h * 0.57)], fill=(250, 250, 250), width=3)
    for i in range(3):
        person(d, rng, w * (0.65 + i * 0.1), h * 0.52, h * 0.2, shirt=(240, 140, 40), hat=False)
    for i in range(4):  # motorbikes as simple shapes on the road
        x, y = w * (0.1 + i * 0.25), h * (0.75 + (i % 2) * 0.12)
        u = h * 0.02
        person(d, rng, x + 1.5 * u, y - 1.2 * u, h * 0.16)
        d.ellipse([x - 4 * u, y - 1.5 * u, x - 1 * u, y + 1.5 * u], fill=(30, 30, 30))
        d.ellipse([x + 4 * u, y - 1.5 * u, x + 7 * u, y + 1.5 * u], fill=(30, 30, 30))
        d.rounded_rectangle(
            [x - 3 * u, y - 3 * u, x + 6 * u, y - 0.5 * u],
            radius=u,
            fill=jitter(rng, (180, 40, 40), 40),
        )


def scene_market(d, rng, w, h):
    hz = int(h * 0.42)
    sky(d, w, h, hz, (150, 190, 225), (236, 236, 232))
    for _ in range(4):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.05, h * 0.2), h * 0.04, (244, 244, 246))
    hills(d, rng, w, int(h * 0.36), h * 0.18, (120, 140, 150), w // 5)
    hills(d, rng, w, hz, h * 0.12, (80, 120, 90), w // 6)
    vgradient(d, (0, hz, w, h), (170, 140, 100), (140, 110, 80))
    stall_colors = [(30, 90, 170), (200, 40, 60), (230, 170, 40), (40, 140, 90), (140, 60, 150)]
    for row in range(2):
        y = h * (0.58 + row * 0.16)
        for k in range(5):
            x = w * (0.04 + k * 0.2) + row * w * 0.08
            c = jitter(rng, stall_colors[(k + row * 2) % 5], 12)
            sw = w * 0.16
            d.polygon(
                [
                    (x, y - h * 0.14),
                    (x + sw, y - h * 0.14),
                    (x + sw * 1.06, y - h * 0.08),
                    (x - sw * 0.06, y - h * 0.08),
                ],
                fill=c,
            )
            for post in (x, x + sw):
                d.line([(post, y - h * 0.08), (post, y)], fill=(90, 70, 50), width=3)
            d.rectangle([x, y - h * 0.03, x + sw, y], fill=(150, 110, 70))
            for _ in range(8):  # goods
                gx = x + rng.uniform(8, sw - 8)
                d.ellipse(
                    [gx - 7, y - h * 0.045, gx + 7, y - h * 0.02],
                    fill=rng.choice([(230, 90, 40), (250, 210, 60), (90, 160, 60), (200, 40, 60)]),
                )
    for _ in range(26):
        y = rng.uniform(h * 0.62, h * 1.02)
        person(
            d,
            rng,
            rng.uniform(0, w),
            y,
            h * 0.12 + (y - hz) * 0.25,
            shirt=rng.choice(
                [(30, 40, 90), (200, 40, 60), (40, 40, 40), (230, 170, 40), (40, 120, 160)]
            ),
            hat=rng.random() < 0.25,
        )


def scene_construction(d, rng, w, h):
    hz = int(h * 0.55)
    sky(d, w, h, hz, (150, 185, 215), (230, 230, 225))
    sun(d, int(w * 0.15), int(h * 0.14), int(h * 0.04), (255, 245, 210))
    hills(d, rng, w, hz, h * 0.08, (150, 160, 160))
    vgradient(d, (0, hz, w, h), (190, 150, 110), (150, 110, 80))
    # building frames
    for k, (x, floors) in enumerate([(w * 0.12, 6), (w * 0.42, 9), (w * 0.7, 4)]):
        fw = w * 0.2
        fh = h * 0.045
        for f in range(floors):
            y = hz + h * 0.05 - f * fh
            d.rectangle([x, y - 5, x + fw, y], fill=(170, 170, 165))
            for c in range(5):
                cx = x + c * fw / 4
                d.rectangle([cx - 3, y - fh, cx + 3, y], fill=(160, 160, 155))
        if k == 1:
            d.rectangle([x, hz + h * 0.05 - 3 * fh, x + fw, hz + h * 0.05], fill=(205, 200, 190))
    # tower crane
    cx = w * 0.62
    d.rectangle([cx - 8, h * 0.1, cx + 8, hz + h * 0.05], fill=(235, 180, 40))
    for y in range(int(h * 0.1), int(hz + h * 0.05), 18):
        d.line([(cx - 8, y), (cx + 8, y + 18)], fill=(200, 150, 30), width=2)
    d.rectangle([w * 0.3, h * 0.1, w * 0.92, h * 0.125], fill=(235, 180, 40))
    d.rectangle([w * 0.3, h * 0.125, w * 0.36, h * 0.16], fill=(120, 120, 120))
    d.line([(w * 0.8, h * 0.125), (w * 0.8, h * 0.35)], fill=(60, 60, 60), width=2)
    d.rectangle([w * 0.78, h * 0.35, w * 0.82, h * 0.38], fill=(150, 90, 50))
    # truck and excavator
    tx, ty = w * 0.1, h * 0.86
    d.rectangle([tx, ty - h * 0.1, tx + w * 0.16, ty], fill=(230, 140, 30))
    d.rectangle([tx + w * 0.16, ty - h * 0.08, tx + w * 0.22, ty], fill=(40, 90, 150))
    for wx in (tx + 25, tx + w * 0.12, tx + w * 0.19):
        d.ellipse([wx - 16, ty - 12, wx + 16, ty + 20], fill=(30, 30, 30))
    ex, ey = w * 0.72, h * 0.9
    d.rectangle([ex, ey - h * 0.09, ex + w * 0.1, ey - h * 0.02], fill=(240, 190, 40))
    d.rounded_rectangle(
        [ex - 10, ey - h * 0.02, ex + w * 0.11, ey + h * 0.03], radius=10, fill=(50, 50, 50)
    )
    d.line(
        [
            (ex + w * 0.09, ey - h * 0.08),
            (ex + w * 0.17, ey - h * 0.2),
            (ex + w * 0.21, ey - h * 0.04),
        ],
        fill=(240, 190, 40),
        width=12,
    )
    for i in range(4):
        person(d, rng, w * (0.35 + i * 0.07), h * 0.8, h * 0.13, shirt=(250, 150, 40))


def scene_flood(d, rng, w, h):
    hz = int(h * 0.45)
    sky(d, w, h, hz, (110, 120, 135), (170, 175, 180))
    for _ in range(7):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.02, h * 0.2), h * 0.07, (130, 135, 145))
    hills(d, rng, w, hz - int(h * 0.05), h * 0.1, (110, 125, 120))
    for i in range(7):
        house(d, rng, w * 0.04 + i * w * 0.14, hz + h * 0.14, w * 0.09, h * 0.16)
    for _ in range(10):
        tree(d, rng, rng.uniform(0, w), hz + h * 0.08, h * 0.12, (70, 100, 70))
    water(d, rng, w, hz + int(h * 0.03), h, (150, 120, 85), (120, 95, 65), 120)
    # rescue boat
    bx, by = w * 0.55, h * 0.8
    boat(d, bx, by, w * 0.3, (40, 100, 60), (250, 250, 250), flag=(220, 40, 40))
    for i in range(4):
        person(
            d,
            rng,
            bx - w * 0.09 + i * w * 0.06,
            by - h * 0.045,
            h * 0.14,
            shirt=(250, 130, 30) if i % 2 == 0 else None,
            hat=(i == 3),
        )
    for _ in range(260):  # rain
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        d.line([(x, y), (x - 6, y + 22)], fill=(200, 205, 210), width=1)


def scene_cleanup(d, rng, w, h):
    hz = int(h * 0.4)
    sky(d, w, h, hz, (170, 190, 210), (220, 225, 228))
    for i in range(5):
        house(d, rng, w * 0.02 + i * w * 0.2, hz + h * 0.25, w * 0.16, h * 0.22)
    vgradient(d, (0, int(hz + h * 0.25), w, h), (150, 125, 95), (125, 100, 75))
    d.line(
        [(0, hz + h * 0.15), (w, hz + h * 0.15)], fill=(120, 100, 75), width=4
    )  # water mark on walls
    for _ in range(30):  # puddles
        x, y = rng.uniform(0, w), rng.uniform(h * 0.7, h)
        d.ellipse([x - 30, y - 6, x + 30, y + 6], fill=(160, 150, 130))
    for i in range(7):
        person(
            d,
            rng,
            w * (0.08 + i * 0.13),
            h * (0.82 + (i % 2) * 0.08),
            h * 0.26,
            shirt=(40, 110, 60) if i % 3 else (40, 90, 160),
            hat=(i % 2 == 0),
        )
    for i in range(3):  # pushcarts of mud
        x = w * (0.2 + i * 0.28)
        d.rectangle([x, h * 0.78, x + 60, h * 0.83], fill=(110, 90, 60))
        d.ellipse([x + 20, h * 0.82, x + 40, h * 0.86], fill=(40, 40, 40))


def scene_fishing_boats(d, rng, w, h):
    hz = int(h * 0.46)
    sky(d, w, h, hz, (90, 110, 170), (250, 190, 140))  # dawn
    sun(d, int(w * 0.5), hz - int(h * 0.02), int(h * 0.06), (255, 210, 140))
    for _ in range(4):
        cloud(d, rng, rng.uniform(0, w), rng.uniform(h * 0.06, h * 0.25), h * 0.04, (240, 190, 180))
    hills(d, rng, w, hz, h * 0.05, (90, 90, 120))
    water(d, rng, w, hz, h, (220, 170, 150), (50, 80, 120), 160)
    for k in range(12):  # sun reflection
        y = hz + 6 + k * 12
        d.line(
            [(w * 0.5 - 50 + k * 2, y), (w * 0.5 + 50 - k * 2, y)], fill=(255, 220, 170), width=3
        )
    colors = [(40, 90, 160), (30, 120, 110), (180, 50, 40), (50, 70, 140), (200, 150, 40)]
    for i in range(9):
        t = i / 9
        y = hz + (h - hz) * (0.2 + 0.75 * t)
        x = rng.uniform(0.05, 0.95) * w
        length = w * (0.08 + 0.22 * t)
        c = colors[i % len(colors)]
        boat(d, x, y, length, c, (250, 250, 250), flag=(220, 30, 40))
        d.rectangle(
            [x - length * 0.1, y - length * 0.3, x + length * 0.12, y - length * 0.17],
            fill=mix(c, (255, 255, 255), 0.6),
        )


SCENES: dict[str, Callable] = {
    name[len("scene_") :]: fn for name, fn in globals().items() if name.startswith("scene_")
}


# --------------------------------------------------------------------------- main


def render(scene: str, size: tuple[int, int], seed: int) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - pictures, not cryptography
    big = (size[0] * SCALE, size[1] * SCALE)
    img = Image.new("RGB", big, (255, 255, 255))
    SCENES[scene](ImageDraw.Draw(img), rng, *big)
    img = img.resize(size, Image.Resampling.LANCZOS)
    for quality in (70, 66, 62, 58, 54, 50):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
        if buf.tell() <= MAX_BYTES:
            return buf.getvalue()
    raise SystemExit(f"{scene}: cannot get under {MAX_BYTES} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=Path, default=Path(__file__).resolve().parent.parent / "docs"
    )
    parser.add_argument("--check", action="store_true", help="write nothing, report problems")
    args = parser.parse_args(argv)
    problems = 0
    for bundle, name, scene, size, seed in PHOTOS:
        target = args.docs / bundle / name
        if args.check:
            if not target.is_file() or target.stat().st_size > MAX_BYTES:
                print(f"problem: {target}")
                problems += 1
            continue
        if not target.parent.is_dir():
            print(f"skip (no bundle folder): {target.parent}", file=sys.stderr)
            problems += 1
            continue
        data = render(scene, size, seed)
        target.write_bytes(data)
        print(f"{len(data):6d} B  {size[0]}x{size[1]}  {target.relative_to(args.docs)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
