"""The one audit trail: django-auditlog's shop entries and Wagtail's page and content log, newest first."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, PageLogEntry

SHOP, PAGES, CONTENT = "shop", "pages", "content"
SYSTEM = _("system")
SHOP_ACTIONS = dict(LogEntry.Action.choices)


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class TrailEntry:
    timestamp: datetime
    actor: str
    object_type: str
    object_label: str
    action: str
    object_url: str = ""
    changes: list[Change] = field(default_factory=list)
    message: str = ""
    remote_addr: str = ""


def object_kinds():
    """(value, label) of what the trail can be narrowed to: each tracked shop model, pages, other content."""
    shop = sorted(
        (f"{model._meta.app_label}.{model._meta.model_name}", capfirst(model._meta.verbose_name_plural))
        for model in auditlog.get_models()
    )
    return [
        *[(value, f"{label} ({value.split('.')[0]})") for value, label in shop],
        (PAGES, _("Wagtail pages")),
        (CONTENT, _("Wagtail snippets, images and other content")),
    ]


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class AuditTrail:
    """The three logs filtered alike; `keys()` pages through them together, `entries()` reads one page."""

    def __init__(self, kind="", actor="", date_from=None, date_to=None):
        self.sources = {
            SHOP: LogEntry.objects.all(),
            PAGES: PageLogEntry.objects.all(),
            CONTENT: ModelLogEntry.objects.all(),
        }
        if kind in (PAGES, CONTENT):
            self.sources = {kind: self.sources[kind]}
        elif kind:
            content_type = ContentType.objects.get_for_model(apps.get_model(kind))
            self.sources = {SHOP: self.sources[SHOP].filter(content_type=content_type)}
        if actor:
            self.sources = {
                name: entries.filter(self.actor_filter(name, actor)) for name, entries in self.sources.items()
            }
        if date_from:
            self.sources = {
                name: qs.filter(timestamp__gte=day_start(date_from)) for name, qs in self.sources.items()
            }
        if date_to:
            end = day_start(date_to + timedelta(days=1))
            self.sources = {name: qs.filter(timestamp__lt=end) for name, qs in self.sources.items()}

    @staticmethod
    def actor_filter(source, actor):
        if source == SHOP:
            if actor.lower() == str(SYSTEM):
                return Q(actor__isnull=True, actor_email__isnull=True) | Q(actor__isnull=True, actor_email="")
            return Q(actor__username__icontains=actor) | Q(actor_email__icontains=actor)
        if actor.lower() == str(SYSTEM):
            return Q(user__isnull=True)
        return Q(user__username__icontains=actor) | Q(user__email__icontains=actor)

    def keys(self):
        """(source, id, timestamp) of every matching entry, newest first, as one query to slice."""
        parts = [
            entries.order_by()
            .annotate(source=Value(name, output_field=CharField()))
            .values_list("source", "id", "timestamp")
            for name, entries in self.sources.items()
        ]
        merged = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        return merged.order_by("-timestamp", "source", "-id")

    def entries(self, keys):
        """The page of `keys` read back as TrailEntry rows: one query per log, whatever the page size."""
        wanted = {SHOP: [], PAGES: [], CONTENT: []}
        for source, pk, _timestamp in keys:
            wanted[source].append(pk)
        found = {}
        if wanted[SHOP]:
            for entry in LogEntry.objects.filter(pk__in=wanted[SHOP]).select_related("actor", "content_type"):
                found[SHOP, entry.pk] = shop_entry(entry)
        for source, model in ((PAGES, PageLogEntry), (CONTENT, ModelLogEntry)):
            if wanted[source]:
                for entry in model.objects.filter(pk__in=wanted[source]).select_related(
                    "user", "content_type"
                ):
                    found[source, entry.pk] = wagtail_entry(source, entry)
        return [found[source, pk] for source, pk, _timestamp in keys if (source, pk) in found]


def person(user, email=None):
    if user is not None:
        return user.email or user.get_username()
    # auditlog keeps the e-mail of an actor whose account was deleted since.
    return email or SYSTEM


def field_label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


def shop_entry(entry):
    model = entry.content_type.model_class()
    changes = []
    for name, values in sorted((entry.changes_dict or {}).items()):
        # A many-to-many change is {"type": "m2m", "operation": "add", "objects": [...]}.
        if isinstance(values, dict):
            objects = ", ".join(str(obj) for obj in values.get("objects", []))
            before, after = ("", objects) if values.get("operation") == "add" else (objects, "")
            changes.append(Change(field_label(model, name), before, after))
        else:
            before, after = values
            changes.append(Change(field_label(model, name), "" if before == "None" else before, after))
    return TrailEntry(
        timestamp=entry.timestamp,
        actor=person(entry.actor, entry.actor_email),
        object_type=capfirst(model._meta.verbose_name) if model else entry.content_type.model,
        object_label=entry.object_repr,
        action=str(SHOP_ACTIONS.get(entry.action, entry.action)),
        changes=changes,
        remote_addr=entry.remote_addr or "",
    )


def wagtail_entry(source, entry):
    object_url = ""
    if source == PAGES and not entry.deleted:
        object_url = reverse("wagtailadmin_pages:edit", args=[entry.page_id])
    if entry.user_id is None:
        actor = SYSTEM  # scheduled publishing and other work no one signed in did
    elif entry.user is None:
        actor = entry.user_display_name  # Wagtail's words for a since-deleted user
    else:
        actor = person(entry.user)
    return TrailEntry(
        timestamp=entry.timestamp,
        actor=actor,
        object_type=capfirst(entry.object_verbose_name),
        object_label=entry.label,
        action=str(entry.formatter.label) if entry.formatter else entry.action,
        object_url=object_url,
        message=entry.message,
    )
