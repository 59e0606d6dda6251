"""The content API at /api/cms/: Wagtail API v2 for published pages, images and the storefront's snippets."""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.links import is_safe_link
from cms.navigation import AnnouncementBar, Footer, MainMenu


class ShopPagesAPIViewSet(PagesAPIViewSet):
    """Published pages; a page's StreamField `body` is served with the live shop data its blocks render."""

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        # Pages that do not declare their own api_fields still give a headless front end their body.
        if any(field.name == "body" for field in model._meta.get_fields()) and "body" not in {
            field.name for field in fields
        }:
            fields.append(APIField("body"))
        return fields


class MenuLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class SafeLinkField(serializers.CharField):
    """A merchandiser's link, served as "" if it was saved unsafe before links were checked."""

    def to_representation(self, value):
        return value if is_safe_link(value) else ""


class LiveSnippetAPIViewSet(BaseAPIViewSet):
    """A snippet merchandisers publish: only live (published) ones are served."""

    def get_queryset(self):
        return self.model.objects.filter(live=True).order_by("id")


class MainMenuAPIViewSet(LiveSnippetAPIViewSet):
    model = MainMenu
    body_fields = [*BaseAPIViewSet.body_fields, "name", APIField("items", MenuLinkSerializer(many=True))]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "items"]


class FooterAPIViewSet(LiveSnippetAPIViewSet):
    model = Footer
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "text",
        APIField("links", MenuLinkSerializer(many=True)),
    ]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "text", "links"]


class AnnouncementAPIViewSet(LiveSnippetAPIViewSet):
    model = AnnouncementBar
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "text",
        APIField("link_url", SafeLinkField()),
        "starts_at",
        "ends_at",
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "text",
        "link_url",
        "starts_at",
        "ends_at",
    ]


content_api = WagtailAPIRouter("content_api")
content_api.register_endpoint("pages", ShopPagesAPIViewSet)
content_api.register_endpoint("images", ImagesAPIViewSet)
content_api.register_endpoint("menus", MainMenuAPIViewSet)
content_api.register_endpoint("footers", FooterAPIViewSet)
content_api.register_endpoint("announcements", AnnouncementAPIViewSet)
