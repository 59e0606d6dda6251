"""Oscar-api's remote file retrieval, refused: a URL in a request never makes the server fetch it."""

from django.utils.translation import gettext as _
from rest_framework import serializers


class RetrieveFileMixin:
    """Behind the image fields (ptashka.api.serializers.fields), which already refuse remote URLs.

    Kept as a second lock: any oscar-api code path that still builds a LazyRemoteFile gets a 400
    instead of a request from the server to wherever the URL points (cloud metadata, the LAN).
    """

    def retrieve_file(self):
        raise serializers.ValidationError(
            _("Files are not fetched from URLs; give one already in the shop's media, or upload it.")
        )
