"""Oscar-api's serializer fields, refusing malformed input with a 400 and never fetching files by URL."""

import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from oscarapi.serializers import fields
from rest_framework import serializers

# Oscar's longest names (a category's, an attribute option's) fit in this many characters.
LONGEST_NAME = 255


class MediaFileMixin:
    """A file named by its URL under MEDIA_URL, read from the media storage, or an uploaded file.

    oscar-api's ImageUrlField downloads any http(s) URL it is given (a request to any host the
    server can reach) and opens MEDIA_ROOT joined with the path of a URL on our own host, `../`
    included. This fetches nothing over the network and reads only what the media storage finds
    under its own root.
    """

    default_error_messages = {
        "not_in_media": _(
            "Give the URL of a file already in the shop's media (under {media_url}) or upload the file; "
            "files at other addresses are not fetched."
        ),
        "missing_in_media": _("There is no such file in the shop's media."),
    }

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = self.media_file(data)
        return super().to_internal_value(data)

    def media_file(self, url):
        name = self.media_name(url)
        try:
            found = default_storage.exists(name)
        except (SuspiciousFileOperation, ValueError, OSError):
            found = False
        if not found:
            self.fail("missing_in_media")
        return File(default_storage.open(name, "rb"), name=posixpath.basename(name))

    def media_name(self, url):
        """The storage name of a URL under MEDIA_URL, on our host or relative; anything else fails."""
        if "\x00" in url or "\\" in url:
            self.refuse_address()
        try:
            address = urlsplit(url)
        except ValueError:
            self.refuse_address()
        media = urlsplit(settings.MEDIA_URL)
        if address.scheme or address.netloc:
            request = self.context.get("request")
            own_host = media.netloc or (request.get_host() if request is not None else None)
            if address.scheme not in ("http", "https") or address.netloc != own_host:
                self.refuse_address()
        path = unquote(address.path)
        if not path.startswith(media.path):
            self.refuse_address()
        name = path[len(media.path) :]
        # Percent-decoded, so `%2e%2e` is caught too; the storage then resolves inside its root.
        if not name or any(part in ("", ".", "..") for part in name.split("/")):
            self.refuse_address()
        return name

    def refuse_address(self):
        self.fail("not_in_media", media_url=settings.MEDIA_URL)


class ImageUrlField(MediaFileMixin, serializers.ImageField):
    pass


class MediaFileField(MediaFileMixin, serializers.FileField):
    pass


class AttributeValueField(fields.AttributeValueField):
    """An attribute value whose wrong type or out-of-range number answers 400, not 500."""

    def to_attribute_type_value(self, attribute, code, value):
        if attribute.type in (attribute.IMAGE, attribute.FILE):
            # Not oscar-api's: its image field fetches URLs (see MediaFileMixin).
            if value is None:
                if attribute.required:
                    self.fail("attribute_required", code=code)
                return None
            field = ImageUrlField() if attribute.type == attribute.IMAGE else MediaFileField()
            field._context = self.context
            return field.to_internal_value(value)
        if attribute.type == attribute.OPTION and not (value is None or isinstance(value, str)):
            self.fail("invalid", error=_("an option is given by its name"))
        if attribute.type == attribute.MULTI_OPTION and not (
            isinstance(value, list) and all(isinstance(option, str) for option in value)
        ):
            self.fail("invalid", error=_("give a list of option names"))
        return super().to_attribute_type_value(attribute, code, value)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except (TypeError, ValueError, OverflowError) as error:
            # Oscar's validators call int(), float() and friends on whatever JSON brought.
            self.fail("invalid", error=error)


class CategoryField(fields.CategoryField):
    """A category named by its full name ("Homeware > Ceramics"), created when it does not exist yet."""

    default_error_messages = {
        "invalid_name": _(
            'Name a category by its full name, like "Homeware > Ceramics": text, each part '
            "at most {longest} characters."
        ),
        "ambiguous": _("More than one category has this name; use the admin category API."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid_name", longest=LONGEST_NAME)
        names = [name.strip() for name in data.split(">")]
        if not all(names) or any(len(name) > LONGEST_NAME for name in names):
            self.fail("invalid_name", longest=LONGEST_NAME)
        try:
            return super().to_internal_value(data)
        except ValueError:  # Oscar's create_from_breadcrumbs, for two categories of that name
            self.fail("ambiguous")


class SingleValueSlugRelatedField(fields.SingleValueSlugRelatedField):
    """An attribute option by its name: text only, since oscar-api stores what it gets."""

    default_error_messages = {
        "invalid": _("Give an option's name: text of 1 to {longest} characters."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.strip() or len(data) > LONGEST_NAME or "\x00" in data:
            self.fail("invalid", longest=LONGEST_NAME)
        return super().to_internal_value(data)
