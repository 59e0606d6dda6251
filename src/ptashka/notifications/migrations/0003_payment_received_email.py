"""Register the customer's "payment received" email, so shop managers can edit it in the dashboard."""

from django.db import migrations

CODE = "ORDER_PAID"


def add_event_type(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    # Empty template fields (None) make Oscar use the file templates under templates/oscar/.
    CommunicationEventType.objects.get_or_create(
        code=CODE, defaults={"name": "Payment received", "category": "Order related"}
    )


def remove_event_type(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("ptashka_notifications", "0002_communication_event_types")]

    operations = [migrations.RunPython(add_event_type, remove_event_type)]
