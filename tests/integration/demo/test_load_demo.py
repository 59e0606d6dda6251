"""manage.py load_demo: the demo shop it builds, the logins it prints, and a second run that adds nothing."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
)

from cms.home import HomePage
from cms.journal import ArticlePageTag
from cms.navigation import AnnouncementBar, Footer, FooterLink, MainMenu, MainMenuItem
from ptashka.demo.images import paint_product_picture
from ptashka.demo.product_pictures import colour_of, kind_of

AttributeOption = get_model("catalogue", "AttributeOption")
Benefit = get_model("offer", "Benefit")
Category = get_model("catalogue", "Category")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Country = get_model("address", "Country")
OrderAndItemCharges = get_model("shipping", "OrderAndItemCharges")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Range = get_model("offer", "Range")
StockAlert = get_model("partner", "StockAlert")
StockRecord = get_model("partner", "StockRecord")
Voucher = get_model("voucher", "Voucher")

DEV_LOGINS = {
    "admin": ("admin@ptashka.localhost", "ptashka-admin"),
    "merchandiser": ("merchandiser@ptashka.localhost", "ptashka-merch"),
    "manager": ("manager@ptashka.localhost", "ptashka-manager"),
}

# Everything a load creates; a second load must leave every one of these counts as it was.
LOADED_MODELS = [
    AttributeOption,
    Benefit,
    Category,
    Condition,
    ConditionalOffer,
    Country,
    Group,
    GroupCollectionPermission,
    GroupPagePermission,
    OrderAndItemCharges,
    Page,
    Partner,
    Product,
    ProductAttribute,
    ProductAttributeValue,
    ProductCategory,
    ProductClass,
    ProductImage,
    Range,
    Revision,
    Site,
    StockAlert,
    StockRecord,
    Voucher,
    get_image_model(),
    get_user_model(),
    # the shoppable content: pages are counted above, their tags and the navigation snippets here
    AnnouncementBar,
    ArticlePageTag,
    Footer,
    FooterLink,
    MainMenu,
    MainMenuItem,
]


@pytest.fixture
def media_root(settings, tmp_path):
    """Painted images go to a folder of this test's own, so a test can count the files it made."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def load_demo(*args):
    output = StringIO()
    call_command("load_demo", *args, stdout=output)
    return output.getvalue()


def counts():
    return {model._meta.label: model.objects.count() for model in LOADED_MODELS}


def sign_in_request():
    # The sign-in lockout (django-axes) judges every authenticate() by its request.
    return RequestFactory().post("/accounts/login/")


def files_under(folder):
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()}


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_categories_with_descriptions_and_over_sixty_products_exist():
    load_demo("--no-images")

    categories = Category.objects.all()
    assert categories.count() >= 5
    assert all(category.description for category in categories)
    assert {"Ceramics", "Textiles & Embroidery", "Jewellery"} <= {c.name for c in categories}

    listed = Product.objects.exclude(structure=Product.CHILD)
    assert listed.count() >= 60
    for product in listed:
        assert product.title and product.description and product.upc
        assert product.product_class is not None
        assert product.categories.exists()


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_variants_are_children_told_apart_by_attribute():
    load_demo("--no-images")

    shirt = Product.objects.get(title="Poltava Vyshyvanka Shirt, Men's Linen")
    assert shirt.is_parent
    assert not shirt.stockrecords.exists()
    sizes = {child.attr.size.option for child in shirt.children.all()}
    assert sizes == {"S", "M", "L", "XL"}
    assert shirt.attr.fabric == "Linen"

    tablecloth = Product.objects.get(title="Reshetylivka Linen Tablecloth")
    assert {child.attr.colour.option for child in tablecloth.children.all()} == {"Natural", "White", "Sage"}
    assert Product.objects.filter(structure=Product.PARENT).count() >= 3


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_everything_for_sale_is_stocked_in_euros_at_one_warehouse():
    load_demo("--no-images")

    warehouse = Partner.objects.get(name="Ptashka Warehouse")
    for_sale = Product.objects.exclude(structure=Product.PARENT)
    records = StockRecord.objects.filter(product__in=for_sale, partner=warehouse)
    assert records.count() == for_sale.count()
    assert set(records.values_list("price_currency", flat=True)) == {"EUR"}
    assert all(record.price > 0 and record.low_stock_threshold for record in records)

    sold_out = [record for record in records if record.num_in_stock == 0]
    running_low = [record for record in records if 0 < record.num_in_stock < record.low_stock_threshold]
    assert len(sold_out) >= 2
    assert len(running_low) >= 2


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_two_shipping_methods_an_open_offer_and_a_voucher_exist():
    load_demo("--no-images")

    standard = OrderAndItemCharges.objects.get(name="Standard delivery (Nova Poshta)")
    assert standard.price_per_order == Decimal("4.90")
    assert standard.free_shipping_threshold == Decimal("60.00")
    assert OrderAndItemCharges.objects.get(name="Express courier").price_per_order == Decimal("12.00")
    assert Country.objects.filter(is_shipping_country=True, iso_3166_1_a2="UA").exists()

    offer = ConditionalOffer.active.get(offer_type=ConditionalOffer.SITE)
    assert offer.is_open and offer.end_datetime is None
    jug = Product.objects.get(title="Opishnia Red Clay Jug")
    earrings = Product.objects.get(title="Enamel Sunflower Earrings")
    assert offer.benefit.range.contains_product(jug)
    assert not offer.benefit.range.contains_product(earrings)

    voucher = Voucher.objects.get(code="PTASHKA10")
    assert voucher.is_active()
    assert voucher.end_datetime > timezone.now() + timedelta(days=360)
    assert voucher.offers.get().offer_type == ConditionalOffer.VOUCHER


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_the_published_home_page_is_the_default_sites_root(
    media_root, client
):
    load_demo()

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("testserver", 80, "Ptashka")  # SHOP_BASE_URL
    assert site.root_page.specific == home
    assert home.get_parent().is_root()
    assert not Page.objects.exact_type(Page).filter(depth=2).exists(), "Wagtail's welcome page is gone"
    assert home.live and home.live_revision is not None
    assert home.hero_image is not None and home.hero_title

    blocks = {block.block_type: block.value for block in home.body}
    collections = {
        block.value["source"]: block.value for block in home.body if block.block_type == "product_collection"
    }
    assert {"heading", "paragraph", "image", "product_collection", "category_tiles"} <= set(blocks)
    assert len(collections["hand_picked"]["products"]) == 8
    assert collections["newest"]["category"].name == "Ceramics"
    assert blocks["call_to_action"]["link"]

    response = client.get("/")
    assert response.status_code == 200
    assert home.hero_title in response.content.decode()


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_every_listed_product_has_a_painted_picture(media_root):
    load_demo()

    listed = Product.objects.exclude(structure=Product.CHILD)
    assert (
        ProductImage.objects.filter(product__in=listed).values("product").distinct().count() == listed.count()
    )
    picture = ProductImage.objects.select_related("product").first()
    with Image.open(picture.original.path) as image:
        assert image.format == "JPEG" and image.size == (600, 600)


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_each_product_has_a_gallery_whole_first(media_root):
    load_demo()

    jug = Product.objects.get(title="Opishnia Red Clay Jug")
    views = list(jug.images.order_by("display_order").values_list("caption", flat=True))
    assert views == [
        "Opishnia Red Clay Jug",
        "Opishnia Red Clay Jug, close-up",
        "Opishnia Red Clay Jug, on the table",
    ]
    assert jug.primary_image().caption == "Opishnia Red Clay Jug"


def dominant_colour(picture_bytes):
    """The most common colour of the picture's middle, in coarse steps (the thing, not the backdrop)."""
    with Image.open(BytesIO(picture_bytes)) as image:
        middle = image.convert("RGB").crop((240, 240, 360, 360)).quantize(colors=4).convert("RGB")
        return max(middle.getcolors(), key=lambda found: found[0])[1]


def test_given_titles_of_different_things_when_painting_then_each_is_drawn_in_its_own_colour():
    red_jug = dominant_colour(paint_product_picture("Opishnia Red Clay Jug"))
    black_vase = dominant_colour(paint_product_picture("Black Smoked Clay Vase"))
    amber = dominant_colour(paint_product_picture("Rivne Amber Drop Earrings"))

    assert red_jug[0] > 150 and red_jug[1] < 110  # red clay
    assert max(black_vase) < 80  # smoked black
    assert paint_product_picture("Poltava Vyshyvanka Shirt, Men's Linen") != paint_product_picture(
        "Poltava Vyshyvanka Shirt, Women's Linen"
    )
    assert amber != red_jug


def test_given_a_title_when_choosing_what_to_paint_then_words_decide_and_parts_of_words_do_not():
    assert kind_of("Carpathian Pine Soy Candle in a Ceramic Pot")[0].__name__ == "candle"
    assert kind_of("Embroidery Kit: Poltava Bird Sampler")[0].__name__ == "hoop"
    assert kind_of("Sterling Silver Kalyna Berry Ring")[0].__name__ == "ring"
    assert kind_of("Rivne Amber Drop Earrings")[0].__name__ == "earrings"
    # "embroidered" has no "red" in it as a word: the scarf is linen.
    assert colour_of('Embroidered Linen Scarf "Kalyna"', "#000000") == colour_of("Linen", "#111111")


def test_given_a_product_title_when_painting_twice_then_the_picture_is_the_same():
    first = paint_product_picture('Motanka Doll "Berehynia"')

    assert first == paint_product_picture('Motanka Doll "Berehynia"')
    assert first != paint_product_picture("Rivne Amber Drop Earrings")
    assert Image.open(BytesIO(first)).size == (600, 600)


@pytest.mark.django_db
def test_given_an_empty_shop_when_loading_then_each_staff_role_has_its_own_login_and_rights(client):
    load_demo("--no-images")

    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff

    merchandiser = User.objects.get(username="merchandiser")
    assert not merchandiser.is_staff and not merchandiser.is_superuser
    assert merchandiser.groups.filter(name="Merchandisers").exists()
    assert merchandiser.has_perm("wagtailadmin.access_admin")
    home = HomePage.objects.get()
    page_actions = GroupPagePermission.objects.filter(group__name="Merchandisers", page=home)
    assert {p.permission.codename for p in page_actions} >= {"add_page", "change_page", "publish_page"}
    assert GroupCollectionPermission.objects.filter(
        group__name="Merchandisers",
        collection=Collection.get_first_root_node(),
        permission__codename="add_image",
    ).exists()

    manager = User.objects.get(username="manager")
    assert manager.is_staff and not manager.is_superuser
    assert manager.groups.filter(name="Shop managers").exists()
    assert manager.has_perm("catalogue.change_product") and manager.has_perm("voucher.add_voucher")
    assert not manager.has_perm("wagtailadmin.access_admin")

    for username, (email, password) in DEV_LOGINS.items():
        signed_in = authenticate(sign_in_request(), username=email, password=password)
        assert signed_in == User.objects.get(username=username)

    client.force_login(merchandiser)
    assert client.get(f"/cms/pages/{home.pk}/edit/").status_code == 200
    assert client.get("/dashboard/").status_code in (302, 403)

    client.force_login(manager)
    assert client.get("/dashboard/").status_code == 200
    assert client.get("/cms/").status_code == 302, "Wagtail sends the manager to its login page"


@pytest.mark.django_db
def test_given_a_loaded_shop_when_loading_again_then_nothing_is_created_twice_and_no_image_is_repainted(
    media_root,
):
    load_demo()
    counts_after_first_load = counts()
    files_after_first_load = files_under(media_root)

    output = load_demo()

    assert counts() == counts_after_first_load
    assert files_under(media_root) == files_after_first_load
    summary = [line for line in output.splitlines() if line.endswith("already present")]
    assert "products: 0 created" in output
    assert summary and all(": 0 created," in line for line in summary)


@pytest.mark.django_db
def test_given_a_loaded_shop_when_loading_again_then_the_development_passwords_are_printed_and_still_work():
    load_demo("--no-images")

    output = load_demo("--no-images")

    for username, (email, password) in DEV_LOGINS.items():
        assert username in output and email in output and password in output
        assert authenticate(sign_in_request(), username=email, password=password) is not None


def test_given_an_unknown_option_when_loading_then_the_command_refuses_it():
    with pytest.raises(CommandError, match="unrecognized arguments: --everything"):
        call_command("load_demo", "--everything")


@pytest.mark.django_db
def test_given_a_database_emptied_after_migrating_when_loading_then_it_says_so_and_loads_nothing():
    # given: what `manage.py flush` leaves (Wagtail's migrations made the roots; nothing makes them again)
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()

    # when / then
    with pytest.raises(CommandError, match="Wagtail's root page is missing"):
        call_command("load_demo", "--no-images", stdout=StringIO())
    assert not Product.objects.exists()
    assert not Page.objects.exists()
