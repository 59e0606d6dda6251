"""A GIN index on the tsvector the PostgreSQL search backend matches: title || body.

Wagtail indexes title and body apart, but its query matches their concatenation, which neither
index serves: every search scanned every entry (44.6 ms at 10k products, 0.5 ms with this index).
"""

from django.db import migrations

INDEX = "ptashka_search_entry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches its own FTS table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_one_product_collection_block"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
