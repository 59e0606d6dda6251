"""Demo product pictures: the thing itself (jug, shirt, candle, doll...), in its colour, no text.

Each product's title decides its kind (the first words of KINDS found in it), its colour (the first
COLOURS word found, else the kind's own) and its ornament's threads (seeded by the title), so
every load paints the same pictures and no two kinds look alike. A product gets GALLERY_VIEWS
pictures: the whole thing, a close-up of its ornament, and the thing set on a table.
Painted at twice the size and scaled down, so edges are smooth.
"""

import math
import random
import re

from PIL import Image, ImageDraw, ImageFilter

SIZE = 600
SCALE = 2
S = SIZE * SCALE

# Thread pairs of Ukrainian embroidery and painting: red and black, red and blue, green and red...
THREADS = [
    ("#b3261e", "#1f1a17"),
    ("#8c1c13", "#2f4858"),
    ("#9b2226", "#3a5a40"),
    ("#bb3e03", "#283618"),
    ("#c1121f", "#1d3557"),
    ("#d62828", "#003049"),
]
# Soft backdrops: linen, clay, meadow, sky, rose, straw.
BACKDROPS = ["#f3ead8", "#efe3d3", "#e4ebdf", "#e3e9f1", "#f2e4de", "#f5efd6"]

COLOURS = {
    "black": "#262322",
    "smoked": "#2d2a28",
    "charcoal": "#3d3b3a",
    "white": "#f4f1ea",
    "porcelain": "#f5f5f2",
    "natural": "#d9c9a7",
    "sage": "#9caf88",
    "red": "#b5412a",
    "coral": "#d65a4a",
    "amber": "#d98c1f",
    "honey": "#d9a13b",
    "sunflower": "#efb21f",
    "beeswax": "#e7b44c",
    "lavender": "#9b7bb8",
    "linden": "#d8d59a",
    "pine": "#4a7355",
    "silver": "#b9bdc3",
    "enamel": "#f3f1ea",
    "glass": "#8fb8c9",
    "felt": "#6b4a33",
    "kilim": "#9b2226",
    "straw": "#d8b85e",
    "oak": "#b07d4f",
    "beech": "#c99a6b",
    "ash": "#d2b48c",
    "sycamore": "#dcc3a0",
    "birch": "#e6dcc8",
    "wood": "#b8875a",
    "clay": "#b5562f",
    "majolica": "#f1e6cf",
    "stoneware": "#9a9486",
    "linen": "#e3d5b8",
}


def jug(draw, box, colour, threads, rng):
    vessel(draw, box, colour, threads, rng, handle=True)


def vessel(draw, box, colour, threads, rng, handle=False):
    """A vase or pot (a jug: with its handle): a turned profile, mirrored, with a painted band."""
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    belly = rng.uniform(0.36, 0.46) * width
    neck = rng.uniform(0.14, 0.2) * width
    profile = []
    for step in range(41):
        t = step / 40
        # Wide belly low down, narrowing to the neck, a lip at the rim.
        radius = neck + (belly - neck) * math.sin(math.pi * min(1.0, (1 - t) * 1.1)) ** 1.3
        if t > 0.9:
            radius = neck * (1 + (t - 0.9) * 3)
        profile.append((radius, bottom - t * height))
    outline = [(cx - r, y) for r, y in profile] + [(cx + r, y) for r, y in reversed(profile)]
    if handle:
        # From the neck, out past the belly and back in under it: the body hides the inner half.
        reach = belly * 0.9
        draw.arc(
            (cx + neck - reach, top + height * 0.12, cx + neck + reach, top + height * 0.62),
            start=-90,
            end=90,
            fill=_shade(colour, -40),
            width=int(width * 0.05),
        )
    draw.polygon(outline, fill=colour, outline=_shade(colour, -45))
    _highlight(draw, [(cx - r * 0.55, y) for r, y in profile[5:32]], colour, width * 0.04)
    band_y = bottom - height * 0.55
    _flower_band(draw, cx, band_y, belly * 1.6, threads, rng)


def mug(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    body = (left + width * 0.18, top + height * 0.2, right - width * 0.28, bottom - height * 0.08)
    draw.arc(
        (body[2] - width * 0.12, body[1] + height * 0.12, body[2] + width * 0.22, body[3] - height * 0.2),
        start=-90,
        end=90,
        fill=_shade(colour, -40),
        width=int(width * 0.06),
    )
    draw.rounded_rectangle(body, radius=width * 0.06, fill=colour, outline=_shade(colour, -45), width=4)
    draw.ellipse(
        (body[0], body[1] - height * 0.05, body[2], body[1] + height * 0.05), fill=_shade(colour, -25)
    )
    _flower_band(
        draw, (body[0] + body[2]) / 2, (body[1] + body[3]) / 2, (body[2] - body[0]) * 0.8, threads, rng
    )


def plate(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    draw.ellipse(box, fill=colour, outline=_shade(colour, -40), width=6)
    inset = (right - left) * 0.12
    draw.ellipse((left + inset, top + inset, right - inset, bottom - inset), outline=threads[1], width=8)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    for index in range(12):
        angle = index * math.pi / 6
        radius = (right - left) * 0.3
        _flower(
            draw, cx + radius * math.cos(angle), cy + radius * math.sin(angle), (right - left) * 0.05, threads
        )
    _flower(draw, cx, cy, (right - left) * 0.14, threads)


def bowl(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    rim_top = top + height * 0.3
    draw.chord(
        (left, rim_top - height * 0.45, right, bottom),
        start=0,
        end=180,
        fill=colour,
        outline=_shade(colour, -45),
    )
    draw.ellipse((left, rim_top - height * 0.08, right, rim_top + height * 0.08), fill=_shade(colour, -30))
    draw.ellipse(
        (left + width * 0.04, rim_top - height * 0.06, right - width * 0.04, rim_top + height * 0.06),
        fill=_shade(colour, 25),
    )
    _flower_band(draw, (left + right) / 2, rim_top + height * 0.25, width * 0.7, threads, rng)


def candle(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    count = 2 if rng.random() < 0.3 else 1
    for index in range(count):
        offset = (index - (count - 1) / 2) * width * 0.32
        body_width = width * (0.32 if count == 1 else 0.18)
        cx = (left + right) / 2 + offset
        wax_top = top + height * (0.32 if count == 1 else 0.22)
        draw.rounded_rectangle(
            (cx - body_width / 2, wax_top, cx + body_width / 2, bottom),
            radius=body_width * 0.12,
            fill=colour,
            outline=_shade(colour, -35),
            width=4,
        )
        draw.line((cx, wax_top, cx, wax_top - height * 0.06), fill="#2a2420", width=6)
        flame = [
            (cx, wax_top - height * 0.2),
            (cx + body_width * 0.14, wax_top - height * 0.09),
            (cx, wax_top - height * 0.055),
            (cx - body_width * 0.14, wax_top - height * 0.09),
        ]
        draw.polygon(flame, fill="#f2b134")
        draw.ellipse(
            (
                cx - body_width * 0.05,
                wax_top - height * 0.12,
                cx + body_width * 0.05,
                wax_top - height * 0.07,
            ),
            fill="#fff1c1",
        )
        _highlight(
            draw,
            [(cx - body_width * 0.28, wax_top + 20), (cx - body_width * 0.28, bottom - 20)],
            colour,
            body_width * 0.08,
        )


def garment(draw, box, colour, threads, rng):
    """A vyshyvanka or blouse: body and sleeves, embroidered at the collar, the chest and the cuffs."""
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    shoulder = top + height * 0.08
    shape = [
        (cx - width * 0.14, shoulder),
        (cx - width * 0.3, shoulder + height * 0.02),
        (left, shoulder + height * 0.42),
        (left + width * 0.12, shoulder + height * 0.5),
        (cx - width * 0.26, shoulder + height * 0.3),
        (cx - width * 0.26, bottom),
        (cx + width * 0.26, bottom),
        (cx + width * 0.26, shoulder + height * 0.3),
        (right - width * 0.12, shoulder + height * 0.5),
        (right, shoulder + height * 0.42),
        (cx + width * 0.3, shoulder + height * 0.02),
        (cx + width * 0.14, shoulder),
        (cx, shoulder + height * 0.08),
    ]
    draw.polygon(shape, fill=colour, outline=_shade(colour, -40))
    stitch = max(8, int(width * 0.022))
    _cross_column(draw, cx, shoulder + height * 0.1, shoulder + height * 0.45, stitch, threads)
    for sleeve_x in (left + width * 0.09, right - width * 0.09):
        _cross_row(
            draw, sleeve_x - width * 0.06, sleeve_x + width * 0.06, shoulder + height * 0.43, stitch, threads
        )
    _cross_row(draw, cx - width * 0.24, cx + width * 0.24, bottom - height * 0.07, stitch, threads)


def apron(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    bib = (cx - width * 0.18, top + height * 0.12, cx + width * 0.18, top + height * 0.38)
    draw.arc(
        (cx - width * 0.2, top - height * 0.05, cx + width * 0.2, top + height * 0.3),
        180,
        360,
        fill=_shade(colour, -40),
        width=10,
    )
    draw.rectangle(bib, fill=colour, outline=_shade(colour, -40), width=4)
    draw.polygon(
        [
            (cx - width * 0.2, top + height * 0.38),
            (cx + width * 0.2, top + height * 0.38),
            (cx + width * 0.32, bottom),
            (cx - width * 0.32, bottom),
        ],
        fill=colour,
        outline=_shade(colour, -40),
    )
    draw.rectangle(
        (cx - width * 0.16, top + height * 0.58, cx + width * 0.16, top + height * 0.75),
        outline=_shade(colour, -40),
        width=5,
    )
    _cross_row(
        draw, cx - width * 0.3, cx + width * 0.3, bottom - height * 0.06, max(8, int(width * 0.02)), threads
    )


def folded_textile(draw, box, colour, threads, rng):
    """A folded cloth (tablecloth, napkins, towels, scarf, rushnyk): a stack, its hems embroidered."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    layers = rng.choice((3, 4))
    layer_height = height * 0.8 / layers
    first = top + (height - layers * layer_height) / 2
    for index in range(layers):
        y = first + index * layer_height
        inset = (layers - 1 - index) * width * 0.025
        draw.rounded_rectangle(
            (left + inset, y, right - inset, y + layer_height * 0.96),
            radius=layer_height * 0.18,
            fill=_shade(colour, -6 * (layers - 1 - index)),
            outline=_shade(colour, -35),
            width=4,
        )
        _cross_row(
            draw,
            left + inset + 24,
            right - inset - 24,
            y + layer_height * 0.62,
            max(8, int(width * 0.018)),
            threads,
        )


def cushion(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width = right - left
    inner = (left + width * 0.1, top + width * 0.1, right - width * 0.1, bottom - width * 0.1)
    draw.rounded_rectangle(inner, radius=width * 0.12, fill=colour, outline=_shade(colour, -40), width=6)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    _diamond_motif(draw, cx, cy, width * 0.28, threads)


def bag(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    body = (left + width * 0.12, top + height * 0.32, right - width * 0.12, bottom)
    for x in (body[0] + width * 0.18, body[2] - width * 0.18):
        draw.arc(
            (x - width * 0.12, top + height * 0.05, x + width * 0.12, top + height * 0.55),
            180,
            360,
            fill=_shade(colour, -45),
            width=12,
        )
    draw.rounded_rectangle(body, radius=width * 0.04, fill=colour, outline=_shade(colour, -40), width=5)
    _diamond_motif(draw, (body[0] + body[2]) / 2, (body[1] + body[3]) / 2, width * 0.2, threads)


def board(draw, box, colour, threads, rng):
    """A bread board, box or mould: wood with its grain and a carved or painted ornament."""
    left, top, right, bottom = box
    height = bottom - top
    plank = (left, top + height * 0.22, right, bottom - height * 0.12)
    draw.rounded_rectangle(plank, radius=height * 0.08, fill=colour, outline=_shade(colour, -45), width=6)
    for index in range(9):
        y = plank[1] + (plank[3] - plank[1]) * (index + 0.5) / 9
        points = [
            (x, y + math.sin(x / 60 + index) * 6) for x in range(int(plank[0]) + 20, int(plank[2]) - 20, 20)
        ]
        draw.line(points, fill=_shade(colour, -22), width=3)
    _flower(draw, (left + right) / 2, (plank[1] + plank[3]) / 2, height * 0.12, threads)


def spoons(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    for index in range(3):
        cx = left + width * (0.28 + index * 0.22)
        angle = (index - 1) * 0.12
        head = (cx - width * 0.08, top + height * 0.05, cx + width * 0.08, top + height * 0.32)
        draw.line(
            (cx, top + height * 0.3, cx + math.sin(angle) * height * 0.6, bottom),
            fill=colour,
            width=int(width * 0.045),
        )
        draw.ellipse(head, fill=colour, outline=_shade(colour, -40), width=4)
        _flower(draw, cx, top + height * 0.18, width * 0.035, threads)


def motanka(draw, box, colour, threads, rng):
    """A motanka doll: a faceless head with a cross, a wrapped skirt, an apron and a headscarf."""
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    head_r = width * 0.13
    head_cy = top + head_r * 1.4
    draw.polygon(
        [(cx, head_cy + head_r * 0.6), (cx - width * 0.36, bottom), (cx + width * 0.36, bottom)],
        fill=colour,
        outline=_shade(colour, -40),
    )
    draw.polygon(
        [
            (cx - width * 0.12, head_cy + head_r * 1.4),
            (cx + width * 0.12, head_cy + head_r * 1.4),
            (cx + width * 0.2, bottom - height * 0.05),
            (cx - width * 0.2, bottom - height * 0.05),
        ],
        fill="#f4efe4",
        outline=_shade(colour, -40),
    )
    _cross_row(
        draw, cx - width * 0.18, cx + width * 0.18, bottom - height * 0.1, max(8, int(width * 0.02)), threads
    )
    draw.ellipse(
        (cx - head_r, head_cy - head_r, cx + head_r, head_cy + head_r),
        fill="#efe3cc",
        outline="#8b7b62",
        width=3,
    )
    draw.line((cx - head_r * 0.8, head_cy, cx + head_r * 0.8, head_cy), fill=threads[0], width=6)
    draw.line((cx, head_cy - head_r * 0.8, cx, head_cy + head_r * 0.8), fill=threads[0], width=6)
    draw.chord(
        (cx - head_r * 1.25, head_cy - head_r * 1.3, cx + head_r * 1.25, head_cy + head_r * 0.9),
        180,
        360,
        fill=threads[0],
    )
    for side in (-1, 1):
        draw.line(
            (cx + side * head_r * 0.6, head_cy + head_r * 1.5, cx + side * width * 0.3, head_cy + head_r * 3),
            fill="#efe3cc",
            width=int(width * 0.04),
        )


def egg(draw, box, colour, threads, rng):
    """A pysanka: an egg in bands of triangles, waves and stars."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    egg_box = (left + width * 0.18, top, right - width * 0.18, bottom)
    draw.ellipse(egg_box, fill=colour, outline=_shade(colour, -40), width=6)
    cx = (egg_box[0] + egg_box[2]) / 2
    for index, fraction in enumerate((0.3, 0.5, 0.7)):
        y = top + height * fraction
        half = (egg_box[2] - egg_box[0]) / 2 * math.sqrt(max(0.0, 1 - ((fraction - 0.5) / 0.5) ** 2)) * 0.95
        draw.line((cx - half, y, cx + half, y), fill=threads[1], width=8)
        teeth = 8
        for tooth in range(teeth):
            x0 = cx - half + tooth * 2 * half / teeth
            x1 = x0 + 2 * half / teeth
            apex = y - 34 if index % 2 == 0 else y + 34
            draw.polygon([(x0, y), (x1, y), ((x0 + x1) / 2, apex)], fill=threads[tooth % 2])
    _highlight(
        draw,
        [(egg_box[0] + width * 0.1, top + height * 0.25), (egg_box[0] + width * 0.08, top + height * 0.6)],
        colour,
        width * 0.03,
    )


def necklace(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    cx, cy = (left + right) / 2, top + height * 0.15
    beads = 23
    radius = width * 0.04
    for index in range(beads):
        angle = math.pi * (0.1 + 0.8 * index / (beads - 1))
        x = cx + math.cos(angle) * width * 0.42
        y = cy + math.sin(angle) * height * 0.62
        bead_colour = colour if index % 3 else threads[0]
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=bead_colour,
            outline=_shade(bead_colour, -40),
            width=3,
        )
        draw.ellipse(
            (x - radius * 0.5, y - radius * 0.6, x - radius * 0.1, y - radius * 0.2),
            fill=_shade(bead_colour, 50),
        )
    pendant_y = cy + height * 0.7
    draw.ellipse(
        (cx - width * 0.09, pendant_y - width * 0.09, cx + width * 0.09, pendant_y + width * 0.09),
        fill=_shade(colour, 15),
        outline=_shade(colour, -50),
        width=6,
    )
    _flower(draw, cx, pendant_y, width * 0.05, threads)


def earrings(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    for cx in (left + width * 0.3, right - width * 0.3):
        draw.arc(
            (cx - width * 0.06, top, cx + width * 0.06, top + height * 0.2), 180, 360, fill="#a7a9ac", width=8
        )
        draw.line((cx + width * 0.06, top + height * 0.1, cx, top + height * 0.3), fill="#a7a9ac", width=6)
        drop = [
            (cx, top + height * 0.3),
            (cx + width * 0.13, top + height * 0.68),
            (cx, top + height * 0.9),
            (cx - width * 0.13, top + height * 0.68),
        ]
        draw.polygon(drop, fill=colour, outline=_shade(colour, -50))
        draw.ellipse(
            (cx - width * 0.05, top + height * 0.55, cx, top + height * 0.65), fill=_shade(colour, 60)
        )


def ring(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    width = right - left
    pairs = 2 if rng.random() < 0.5 else 1
    for index in range(pairs):
        cx = (left + right) / 2 + (index - (pairs - 1) / 2) * width * 0.45
        cy = (top + bottom) / 2 + width * 0.08
        r = width * (0.26 if pairs == 1 else 0.18)
        draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), outline=colour, width=int(r * 0.22))
        draw.ellipse(
            (cx - r * 0.35, cy - r * 1.35, cx + r * 0.35, cy - r * 0.65),
            fill=threads[0],
            outline=_shade(threads[0], -40),
            width=4,
        )


def bird(draw, box, colour, threads, rng):
    """A clay whistle bird, or a painted horse: a folk toy's silhouette, dotted with paint."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    body = (left + width * 0.1, top + height * 0.35, right - width * 0.2, bottom - height * 0.1)
    draw.ellipse(body, fill=colour, outline=_shade(colour, -45), width=5)
    head = (right - width * 0.38, top + height * 0.15, right - width * 0.08, top + height * 0.45)
    draw.ellipse(head, fill=colour, outline=_shade(colour, -45), width=5)
    draw.polygon(
        [
            (right - width * 0.09, top + height * 0.27),
            (right, top + height * 0.31),
            (right - width * 0.09, top + height * 0.35),
        ],
        fill=threads[0],
    )
    draw.polygon(
        [
            (left + width * 0.12, top + height * 0.6),
            (left - width * 0.02, top + height * 0.35),
            (left + width * 0.05, top + height * 0.72),
        ],
        fill=colour,
        outline=_shade(colour, -45),
    )
    draw.ellipse(
        (right - width * 0.2, top + height * 0.25, right - width * 0.16, top + height * 0.29), fill="#1f1a17"
    )
    for index in range(9):
        x = body[0] + (body[2] - body[0]) * (0.2 + 0.6 * (index % 3) / 2)
        y = body[1] + (body[3] - body[1]) * (0.3 + 0.4 * (index // 3) / 2)
        _flower(draw, x, y, width * 0.03, threads)


def sheaf(draw, box, colour, threads, rng):
    """A didukh or straw mobile: stalks gathered under a red tie, ears fanning out above."""
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    tie_y = top + height * 0.62
    for index in range(21):
        spread = (index - 10) / 10
        top_x = cx + spread * width * 0.42
        top_y = top + height * 0.12 + abs(spread) * height * 0.12
        draw.line(
            (cx + spread * width * 0.06, bottom, cx + spread * width * 0.03, tie_y), fill=colour, width=8
        )
        draw.line((cx + spread * width * 0.03, tie_y, top_x, top_y), fill=colour, width=7)
        draw.ellipse((top_x - 12, top_y - 30, top_x + 12, top_y + 10), fill=_shade(colour, -25))
    draw.rectangle((cx - width * 0.08, tie_y - 14, cx + width * 0.08, tie_y + 14), fill=threads[0])


def hoop(draw, box, colour, threads, rng):
    """An embroidery kit: linen in a wooden hoop, a motif half stitched, threads beside it."""
    left, top, right, bottom = box
    width = right - left
    draw.ellipse((left, top, right, bottom), fill="#b8875a")
    draw.ellipse(
        (left + width * 0.04, top + width * 0.04, right - width * 0.04, bottom - width * 0.04), fill=colour
    )
    _diamond_motif(draw, (left + right) / 2, (top + bottom) / 2, width * 0.24, threads)
    draw.rectangle(((left + right) / 2 - 18, top - 30, (left + right) / 2 + 18, top + 10), fill="#8c6239")


def diffuser(draw, box, colour, threads, rng):
    left, top, right, bottom = box
    cx, width, height = (left + right) / 2, right - left, bottom - top
    jar = (cx - width * 0.2, top + height * 0.45, cx + width * 0.2, bottom)
    for index in range(5):
        spread = (index - 2) * width * 0.06
        draw.line((cx + spread * 0.3, top + height * 0.5, cx + spread * 2.2, top), fill="#6b4a33", width=6)
    draw.rounded_rectangle(jar, radius=width * 0.08, fill=colour, outline=_shade(colour, -45), width=5)
    draw.rectangle(
        (cx - width * 0.07, jar[1] - height * 0.06, cx + width * 0.07, jar[1]), fill=_shade(colour, -30)
    )
    _flower(draw, cx, (jar[1] + jar[3]) / 2, width * 0.07, threads)


def wreath(draw, box, colour, threads, rng):
    """A vinok: a band of flowers and leaves with ribbons falling from it."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    cx, cy = (left + right) / 2, top + height * 0.45
    for index in range(13):
        angle = math.pi * (1.05 + 0.9 * index / 12)
        x = cx + math.cos(angle) * width * 0.42
        y = cy + math.sin(angle) * height * 0.3
        draw.ellipse((x - 22, y - 12, x + 22, y + 12), fill="#4a7355")
        _flower(draw, x, y - 8, width * 0.05 if index % 2 else width * 0.035, (threads[0], colour))
    for index, ribbon in enumerate((threads[0], "#f2c14e", "#2f5d8a", "#4a7355")):
        x = cx - width * 0.15 + index * width * 0.1
        draw.line((x, cy, x + (index - 1.5) * 20, bottom), fill=ribbon, width=14)


# Words in a title (lower case) and what they are, first match wins: candles before pots (a candle
# in a pot), kits after what they make.
KINDS = (
    (("candle", "taper", "candlestick"), candle, "#e7dcc4"),
    (("embroidery kit",), hoop, "#efe6d2"),
    (("pysank",), egg, "#b3261e"),
    (("motanka", "doll"), motanka, "#9b2226"),
    (("shirt", "blouse", "vyshyvanka", "waistcoat"), garment, "#f4f1ea"),
    (("apron",), apron, "#d9c9a7"),
    (("cushion",), cushion, "#e3d5b8"),
    (("tote", "bread bag", "sachet"), bag, "#e3d5b8"),
    (("tablecloth", "napkin", "towel", "rushnyk", "runner", "scarf", "throw"), folded_textile, "#f1ead9"),
    (("necklace", "namysto", "gerdan", "collar", "pendant", "medallion"), necklace, "#c9a227"),
    (("earring",), earrings, "#d98c1f"),
    (("ring", "cufflink"), ring, "#b9bdc3"),
    (("hair band", "vinok"), wreath, "#efb21f"),
    (("plate",), plate, "#f1e6cf"),
    (("mug", "cup"), mug, "#f1e6cf"),
    (("bowl", "makitra"), bowl, "#c9a27a"),
    (("jug",), jug, "#b5562f"),
    (("vase", "pot"), vessel, "#b5562f"),
    (("spoon", "servers"), spoons, "#c99a6b"),
    (("board", "box", "mould"), board, "#c99a6b"),
    (("whistle", "horse", "bird"), bird, "#e8dcc3"),
    (("didukh", "wheat", "straw", "mobile"), sheaf, "#d8b85e"),
    (("diffuser", "incense", "lamp"), diffuser, "#9caf88"),
)
GALLERY_VIEWS = ("whole", "close-up", "on the table")


def _starts_a_word(word, text):
    """Where a word of the text starts with `word` ("cups" has cup, "embroidered" has no red), or -1."""
    found = re.search(r"\b" + re.escape(word), text)
    return found.start() if found else -1


def kind_of(title):
    """(painter, default colour) for this title; a vessel for a title no word names."""
    text = title.lower()
    for words, painter, default in KINDS:
        if any(_starts_a_word(word, text) >= 0 for word in words):
            return painter, default
    return vessel, "#b5562f"


def colour_of(title, default):
    """The colour of the first colour word in the title ("Black Smoked Clay Vase": black)."""
    text = title.lower()
    found = [(_starts_a_word(word, text), hex_colour) for word, hex_colour in COLOURS.items()]
    found = [(at, hex_colour) for at, hex_colour in found if at >= 0]
    return min(found)[1] if found else default


def paint(title, view="whole"):
    """The picture of the product with this title, as a 600 px square RGB image."""
    rng = random.Random(title)
    painter, default = kind_of(title)
    colour = colour_of(title, default)
    threads = rng.choice(THREADS)
    backdrop = rng.choice(BACKDROPS)
    canvas = Image.new("RGB", (S, S), backdrop)
    draw = ImageDraw.Draw(canvas)
    margin = S * 0.2
    box = (margin, margin * 0.9, S - margin, S - margin * 0.8)
    if view == "on the table":
        draw.rectangle((0, S * 0.68, S, S), fill=_shade(backdrop, -28))
        margin = S * 0.3
        box = (margin, S * 0.22, S - margin, S * 0.78)
    _shadow(canvas, box)
    draw = ImageDraw.Draw(canvas)
    # The same ornament in every view: the painter's own random draws are seeded alike.
    painter(draw, box, colour, threads, random.Random(f"{title} shape"))
    if view == "close-up":
        crop = S * 0.27
        canvas = canvas.crop((crop, crop, S - crop, S - crop))
    return canvas.resize((SIZE, SIZE), Image.LANCZOS)


def _shadow(canvas, box):
    left, top, right, bottom = box
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).ellipse((left + 20, bottom - 30, right - 20, bottom + 40), fill=90)
    shadow = shadow.filter(ImageFilter.GaussianBlur(28))
    canvas.paste((60, 50, 40), mask=shadow)


def _flower(draw, x, y, radius, threads):
    """A petrykivka-style flower: five petals around a dark heart."""
    for index in range(5):
        angle = index * 2 * math.pi / 5
        px, py = x + math.cos(angle) * radius * 0.7, y + math.sin(angle) * radius * 0.7
        draw.ellipse(
            (px - radius * 0.5, py - radius * 0.5, px + radius * 0.5, py + radius * 0.5), fill=threads[0]
        )
    draw.ellipse(
        (x - radius * 0.35, y - radius * 0.35, x + radius * 0.35, y + radius * 0.35), fill=threads[1]
    )


def _flower_band(draw, cx, y, width, threads, rng):
    count = rng.choice((3, 5))
    for index in range(count):
        x = cx - width / 2 + width * (index + 0.5) / count
        _flower(draw, x, y, width / count * 0.32, threads)


def _cross(draw, x, y, size, colour):
    width = max(3, int(size // 2))
    draw.line((x - size, y - size, x + size, y + size), fill=colour, width=width)
    draw.line((x - size, y + size, x + size, y - size), fill=colour, width=width)


def _cross_row(draw, x0, x1, y, stitch, threads):
    """A band of cross stitches, red and black in turn, two rows of them."""
    step = stitch * 2.4
    count = int((x1 - x0) / step)
    for index in range(count + 1):
        x = x0 + index * step
        _cross(draw, x, y - stitch, stitch // 1.5, threads[index % 2])
        _cross(draw, x + step / 2, y + stitch, stitch // 1.5, threads[(index + 1) % 2])


def _cross_column(draw, x, y0, y1, stitch, threads):
    step = stitch * 2.4
    count = int((y1 - y0) / step)
    for index in range(count + 1):
        y = y0 + index * step
        for offset in (-stitch * 1.6, 0, stitch * 1.6):
            colour = threads[0] if offset == 0 else threads[1]
            if offset == 0 or index % 2 == 0:
                _cross(draw, x + offset, y, stitch // 1.5, colour)


def _diamond_motif(draw, cx, cy, half, threads):
    """A cross-stitched diamond with a cross at its heart, as on a rushnyk: every other ring of
    stitches, and the outermost."""
    stitch = max(8, int(half / 9))
    step = stitch * 2.2
    rings = int(half / step)
    for ring_index in range(rings + 1):
        if ring_index % 2 and ring_index != rings:
            continue
        reach = ring_index * step
        corners = [(cx, cy - reach), (cx + reach, cy), (cx, cy + reach), (cx - reach, cy)]
        stitches = max(1, ring_index * 4)
        for k in range(stitches):
            # Along the diamond's four sides, ring_index stitches to a side.
            side, along = divmod(k * 4 / stitches, 1)
            (ax, ay), (bx, by) = corners[int(side)], corners[(int(side) + 1) % 4]
            _cross(
                draw, ax + (bx - ax) * along, ay + (by - ay) * along, stitch // 1.5, threads[ring_index % 2]
            )


def _highlight(draw, points, colour, width):
    if len(points) >= 2:
        draw.line(points, fill=_shade(colour, 45), width=max(2, int(width)), joint="curve")


def _shade(hex_colour, amount):
    """The colour lighter (amount > 0) or darker, as an RGB tuple."""
    if isinstance(hex_colour, tuple):
        red, green, blue = hex_colour
    else:
        red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(max(0, min(255, channel + amount)) for channel in (red, green, blue))
