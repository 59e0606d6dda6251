"""Give the Shop managers group the refund permission the dashboard's refund page now asks for."""

from django.db import migrations

GROUP = "Shop managers"
CODENAME = "refund_payment"


def grant(apps, schema_editor):
    # Permissions are otherwise created after all migrations ran (post_migrate); this one is needed now.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="ptashka_payments", model="paymentrefund")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can refund payments from the dashboard"},
    )
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="ptashka_payments", codename=CODENAME
    ):
        for group in Group.objects.filter(name=GROUP):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("ptashka_payments", "0003_refund_payment_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
