"""Every model change has its migration."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # raises SystemExit(1) when makemigrations would write a migration
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
