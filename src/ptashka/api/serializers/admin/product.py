"""Oscar-api's admin product and category serializers: malformed bodies get a 400 and change nothing."""

import re

from django.db import models
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.utils import slugify
from oscarapi.serializers.admin import product
from oscarapi.utils.categories import create_from_full_slug
from rest_framework import serializers

from ptashka.api.serializers.fields import ImageUrlField
from ptashka.api.serializers.product import ProductAttributeValueSerializer, ProductImageSerializer

Product = get_model("catalogue", "Product")

# What the schema says a category's slug is (DRF's SlugField), so every category the API makes has one.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

# Model image fields (a category's image) take the shop's own media only, never a URL to fetch.
SAFE_FIELD_MAPPING = {
    **product.AdminProductSerializer.serializer_field_mapping,
    models.ImageField: ImageUrlField,
}


class AdminProductSerializer(product.AdminProductSerializer):
    serializer_field_mapping = SAFE_FIELD_MAPPING
    attributes = ProductAttributeValueSerializer(many=True, required=False, source="attribute_values")
    images = ProductImageSerializer(many=True, required=False)

    def validate(self, attrs):
        """The product as it will be must have a product class: its own, or its parent's for a child.

        oscar-api checks this only when the body names both the structure and the class, and then
        fails (500) reading the class's options and attributes.
        """
        attrs = super().validate(attrs)
        instance = self.instance

        def will_be(name, default):
            if name in attrs:
                return attrs[name]
            return getattr(instance, name) if instance is not None else default

        structure = will_be("structure", Product.STANDALONE)
        parent = will_be("parent", None)
        errors = {}
        if structure == Product.CHILD:
            if parent is None or parent.structure != Product.PARENT or parent == instance:
                errors["parent"] = _(
                    "A child product needs a parent product (one whose structure is parent)."
                )
        else:
            if will_be("product_class", None) is None:
                errors["product_class"] = _("A %(structure)s product needs a product class.") % {
                    "structure": structure
                }
            if parent is not None:
                errors["parent"] = _("Only a child product has a parent.")
        if attrs.get("children") and structure != Product.PARENT:
            errors["children"] = _("Only a product whose structure is parent has children.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AdminCategorySerializer(product.AdminCategorySerializer):
    serializer_field_mapping = SAFE_FIELD_MAPPING

    def create(self, validated_data):
        # Oscar's slugify transliterates a Ukrainian name (Django's drops its letters, leaving an empty
        # slug), and two categories of one name under a parent are a 400, not oscar-api's 500.
        slug = validated_data.get("slug") or slugify(validated_data["name"])
        if not SLUG.fullmatch(slug):
            raise serializers.ValidationError({"slug": [_("Give a slug: the name makes none.")]})
        breadcrumbs = self.context.get("breadcrumbs")
        # oscar-api creates the parents the path names, each named and slugged by its part.
        if breadcrumbs is not None and not all(SLUG.fullmatch(part) for part in breadcrumbs.split("/")):
            raise serializers.ValidationError(
                {
                    "breadcrumbs": [
                        _("The parent's path in the URL is made of category slugs, like ceramics/jugs.")
                    ]
                }
            )
        full_slug = slug if breadcrumbs is None else f"{breadcrumbs}/{slug}"
        try:
            instance = create_from_full_slug(full_slug, separator="/")
        except ValueError as ambiguous:
            raise serializers.ValidationError({"slug": [str(ambiguous)]}) from ambiguous
        return self.update(instance, validated_data)
