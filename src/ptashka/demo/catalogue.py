"""The demo catalogue: product classes, categories, products with their variants, and their stock."""

from dataclasses import dataclass, field
from decimal import Decimal

from oscar.core.loading import get_model

from ptashka.demo.fixture_files import read_fixture
from ptashka.demo.tally import Tally

AttributeOption = get_model("catalogue", "AttributeOption")
AttributeOptionGroup = get_model("catalogue", "AttributeOptionGroup")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


@dataclass
class DemoCatalogue:
    """The loaded catalogue, looked up by the natural keys the other data files use."""

    categories: dict[str, object] = field(default_factory=dict)  # by category code
    products: dict[str, object] = field(default_factory=dict)  # by UPC, variants included

    def listed_products(self):
        """The products a shopper browses: stand-alone ones and the parents of variants."""
        return [product for product in self.products.values() if not product.is_child]


@dataclass(frozen=True)
class KindOfProduct:
    """A product class with its attributes by code, as the product entries name them."""

    product_class: object
    attributes: dict


@dataclass(frozen=True)
class StockTerms:
    """How every demo product is stocked: one warehouse, one currency, one low-stock line."""

    partner: object
    currency: str
    low_stock_threshold: int


def load_catalogue(tally: Tally) -> DemoCatalogue:
    data = read_fixture("catalogue.json")
    option_groups = _load_option_groups(data["attribute_option_groups"], tally)
    kinds = _load_product_classes(data["product_classes"], option_groups, tally)
    catalogue = DemoCatalogue()
    _load_categories(data["categories"], catalogue, tally)
    stock_terms = StockTerms(
        partner=_load_partner(data["partner"], tally),
        currency=data["currency"],
        low_stock_threshold=data["low_stock_threshold"],
    )
    for entry in data["products"]:
        _load_product(entry, catalogue, kinds[entry["product_class"]], stock_terms, tally)
    return catalogue


def _load_option_groups(entries, tally):
    groups = {}
    for entry in entries:
        group, created = AttributeOptionGroup.objects.get_or_create(
            code=entry["code"], defaults={"name": entry["name"]}
        )
        tally.count("attribute option groups", created)
        for option in entry["options"]:
            AttributeOption.objects.get_or_create(group=group, option=option)
        groups[entry["code"]] = group
    return groups


def _load_product_classes(entries, option_groups, tally):
    kinds = {}
    for entry in entries:
        product_class, created = ProductClass.objects.get_or_create(
            slug=entry["slug"],
            defaults={"name": entry["name"], "requires_shipping": True, "track_stock": True},
        )
        tally.count("product classes", created)
        attributes = {}
        for spec in entry["attributes"]:
            attributes[spec["code"]], _ = ProductAttribute.objects.get_or_create(
                product_class=product_class,
                code=spec["code"],
                defaults={
                    "name": spec["name"],
                    "type": spec["type"],
                    "option_group": option_groups.get(spec.get("option_group")),
                },
            )
        kinds[entry["slug"]] = KindOfProduct(product_class, attributes)
    return kinds


def _load_categories(entries, catalogue, tally, parent=None):
    for entry in entries:
        category = Category.objects.filter(code=entry["code"]).first()
        created = category is None
        if created:
            fields = {
                "name": entry["name"],
                "code": entry["code"],
                "slug": entry["code"],
                "description": entry["description"],
            }
            category = parent.add_child(**fields) if parent else Category.add_root(**fields)
        tally.count("categories", created)
        catalogue.categories[entry["code"]] = category
        _load_categories(entry.get("children", []), catalogue, tally, parent=category)


def _load_partner(entry, tally):
    partner, created = Partner.objects.get_or_create(code=entry["code"], defaults={"name": entry["name"]})
    tally.count("partners", created)
    return partner


def _load_product(entry, catalogue, kind, stock_terms, tally):
    variants = entry.get("variants", [])
    product = Product.objects.filter(upc=entry["upc"]).first()
    created = product is None
    if created:
        product = Product(
            upc=entry["upc"],
            structure=Product.PARENT if variants else Product.STANDALONE,
            title=entry["title"],
            description=entry["description"],
            product_class=kind.product_class,
        )
        _set_attributes(product, entry.get("attributes", {}), kind.attributes)
        product.save()
        for code in entry["categories"]:
            ProductCategory.objects.create(product=product, category=catalogue.categories[code])
    tally.count("products", created)
    catalogue.products[product.upc] = product

    if not variants:
        _stock(product, entry, stock_terms, tally)
    for variant in variants:
        child = Product.objects.filter(upc=variant["upc"]).first()
        created = child is None
        if created:
            # A variant takes its class from the parent. Its own title names the variant, as
            # Oscar lists a parent's variants by title and would otherwise repeat the parent's.
            child = Product(
                upc=variant["upc"], title=variant["title"], structure=Product.CHILD, parent=product
            )
            _set_attributes(child, variant["attributes"], kind.attributes)
            child.save()
        tally.count("products", created)
        catalogue.products[child.upc] = child
        _stock(child, variant, stock_terms, tally)


def _set_attributes(product, values, attributes):
    for code, value in values.items():
        attribute = attributes[code]
        if attribute.is_option:
            value = AttributeOption.objects.get(group=attribute.option_group, option=value)
        product.attr.set(code, value)


def _stock(product, entry, terms, tally):
    _, created = StockRecord.objects.get_or_create(
        partner=terms.partner,
        partner_sku=product.upc,
        defaults={
            "product": product,
            "price_currency": terms.currency,
            "price": Decimal(entry["price"]),
            "num_in_stock": entry["num_in_stock"],
            "low_stock_threshold": terms.low_stock_threshold,
        },
    )
    tally.count("stock records", created)
