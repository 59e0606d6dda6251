"""Give the Shop managers group the permission the analytics exports now ask for (they asked for is_staff)."""

from django.db import migrations

GROUP = "Shop managers"
CODENAME = "download_exports"
NAME = "Can list and download the analytics exports (revenue figures)"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Django creates permissions only after all migrations ran; the same row, made now if need be.
    content_type, _ = ContentType.objects.get_or_create(app_label="ptashka_analytics", model="analyticsexport")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="ptashka_analytics", codename=CODENAME):
        for group in Group.objects.filter(name=GROUP):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("ptashka_analytics", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
