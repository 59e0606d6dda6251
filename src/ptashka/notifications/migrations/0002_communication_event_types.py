"""Register our email types with Oscar, so shop managers can edit their templates in the dashboard."""

from django.db import migrations

EVENT_TYPES = [
    ("ORDER_STATUS_CHANGED", "Order status changed", "Order related"),
    ("ORDER_DISPATCHED", "Order dispatched", "Order related"),
    ("NEW_ORDER_FOR_MANAGER", "New order (to shop managers)", "Order related"),
    ("LOW_STOCK_DIGEST", "Daily low-stock digest (to shop managers)", "Order related"),
    ("BASKET_REMINDER", "Abandoned basket reminder", "User related"),
]


def add_event_types(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    for code, name, category in EVENT_TYPES:
        # Empty template fields (None) make Oscar use the file templates under templates/oscar/.
        CommunicationEventType.objects.get_or_create(code=code, defaults={"name": name, "category": category})


def remove_event_types(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.filter(code__in=[code for code, _name, _category in EVENT_TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ptashka_notifications", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(add_event_types, remove_event_types)]
