"""The permission to read the analytics exports; the export files themselves live in the exports storage."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalyticsExport(models.Model):  # noqa: DJ008  never instantiated
    """No table: a model only so the export permission has a content type to belong to."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("download_exports", _("Can list and download the analytics exports (revenue figures)"))
        ]
