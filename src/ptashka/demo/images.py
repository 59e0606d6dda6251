"""Pictures for the demo shop, painted with Pillow: each product's own, and page banners without text."""

import random
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

from ptashka.demo import product_pictures
from ptashka.demo.product_pictures import GALLERY_VIEWS
from ptashka.demo.tally import Tally

ProductImage = get_model("catalogue", "ProductImage")

# (background, thread, second thread, title panel) - linen, clay and meadow shades with the red
# and black threads of Ukrainian cross stitch.
PALETTES = [
    ("#f3ead8", "#b3261e", "#1f1a17", "#fffaf0"),
    ("#e9dcc3", "#8c1c13", "#2f4858", "#fbf6ec"),
    ("#dfe8d8", "#9b2226", "#3a5a40", "#f8fbf4"),
    ("#f6e3c7", "#bb3e03", "#283618", "#fffaf2"),
    ("#e3e9f1", "#1d3557", "#c1121f", "#f9fbfd"),
    ("#f2dfd7", "#7f1d1d", "#344e41", "#fff8f5"),
    ("#fbf3d5", "#d62828", "#003049", "#fffdf3"),
    ("#e7e1f0", "#5a189a", "#9d0208", "#fbf9fd"),
]


def paint_product_picture(title: str, view: str = GALLERY_VIEWS[0]) -> bytes:
    """A square JPEG of the thing the title names, in its colour, without text (product_pictures)."""
    # Seeded by the title, never downloaded: a product gets the same pictures on every load.
    return _as_jpeg(product_pictures.paint(title, view))


def paint_banner(caption: str, size: tuple[int, int]) -> bytes:
    """A wide JPEG for page heroes: cross-stitch bands and stars on linen, no words.

    The page writes its own headline over a hero; words painted into the picture under it could
    not be read (the caption seeds the colours and stays the image's title)."""
    rng = random.Random(caption or "hero")
    background, thread, second_thread, panel = rng.choice(PALETTES)
    width, height = size
    picture = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    _weave_linen(draw, size, background)
    _stitch_band(draw, top=24, width=width, colours=(thread, second_thread), rng=rng)
    _stitch_band(draw, top=height - 64, width=width, colours=(second_thread, thread), rng=rng)
    for centre_x in (width // 6, width // 2, width - width // 6):
        # One seed for every star, so they repeat across the banner like a printed border.
        star_rng = random.Random(f"{caption or 'hero'} star")
        _stitch_star(draw, centre=(centre_x, height // 2), colours=(thread, second_thread), rng=star_rng)
    return _as_jpeg(picture)


def attach_product_images(products, tally: Tally) -> None:
    """Give every product without an image its painted picture; products with one keep theirs."""
    with_images = set(ProductImage.objects.filter(product__in=products).values_list("product_id", flat=True))
    for product in products:
        created = product.pk not in with_images
        if created:
            # The gallery: the whole thing first (listings show it), then a close-up, then on a table.
            for order, view in enumerate(GALLERY_VIEWS):
                picture = ContentFile(
                    paint_product_picture(product.title, view),
                    name=f"{slugify(product.title)}-{slugify(view)}.jpg",
                )
                caption = product.title if order == 0 else f"{product.title}, {view}"
                ProductImage.objects.create(
                    product=product, original=picture, caption=caption, display_order=order
                )
        tally.count("product images", created)


def wagtail_banner(title: str, caption: str, size: tuple[int, int], tally: Tally):
    """The Wagtail image of that title, painted and saved the first time it is asked for."""
    WagtailImage = get_image_model()
    image = WagtailImage.objects.filter(title=title).first()
    created = image is None
    if created:
        image = WagtailImage(
            title=title,
            file=ImageFile(BytesIO(paint_banner(caption, size)), name=f"{slugify(title)}.jpg"),
        )
        # Wagtail's upload form fills in the file size and hash this way before saving.
        image._set_image_file_metadata()
        image.save()
    tally.count("wagtail images", created)
    return image


def _weave_linen(draw, size, background):
    """Faint threads across the background, so it reads as cloth rather than flat colour."""
    width, height = size
    shade = _darker(background, 10)
    for y in range(0, height, 6):
        draw.line([(0, y), (width, y)], fill=shade, width=1)
    for x in range(0, width, 9):
        draw.line([(x, 0), (x, height)], fill=shade, width=1)


def _stitch_band(draw, top, width, colours, rng):
    """A border of diamonds, each with a cross at its heart, like the hem of a rushnyk."""
    size = rng.choice((30, 36, 40))
    half = size // 2
    for index, left in enumerate(range(-half, width + size, size)):
        colour = colours[index % 2]
        centre_x, centre_y = left + half, top + half
        draw.polygon(
            [(centre_x, top), (left + size, centre_y), (centre_x, top + size), (left, centre_y)],
            outline=colour,
            width=3,
        )
        arm = size // 6
        draw.line([(centre_x - arm, centre_y), (centre_x + arm, centre_y)], fill=colours[1], width=3)
        draw.line([(centre_x, centre_y - arm), (centre_x, centre_y + arm)], fill=colours[1], width=3)


def _stitch_star(draw, centre, colours, rng):
    """A cross-stitch star on a square grid: each stitch is an X, the motif mirrored eight ways."""
    cells = 17
    cell = 15
    middle = cells // 2
    density = rng.uniform(0.45, 0.65)
    pattern = {}
    for row in range(middle + 1):
        for column in range(row, middle + 1):
            # Stitches stay inside a diamond around the centre, which gives the star its points.
            inside_star = (middle - row) + (middle - column) <= middle + 1
            if inside_star and (rng.random() < density or row == column == middle):
                colour = colours[0] if rng.random() < 0.7 else colours[1]
                for r, c in ((row, column), (column, row)):
                    for rr in (r, cells - 1 - r):
                        for cc in (c, cells - 1 - c):
                            pattern[(rr, cc)] = colour
    origin_x = centre[0] - cells * cell // 2
    origin_y = centre[1] - cells * cell // 2
    for (row, column), colour in pattern.items():
        x, y = origin_x + column * cell, origin_y + row * cell
        draw.line([(x + 2, y + 2), (x + cell - 3, y + cell - 3)], fill=colour, width=3)
        draw.line([(x + cell - 3, y + 2), (x + 2, y + cell - 3)], fill=colour, width=3)


def _darker(hex_colour, amount):
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return (max(red - amount, 0), max(green - amount, 0), max(blue - amount, 0))


def _as_jpeg(picture):
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
