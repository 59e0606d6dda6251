"""The demo shop of `manage.py load_demo`, shared by the tests that browse it.

`demo_shop` (tests/conftest.py) loads it once per run into the test database, inside a transaction
of its own that every test using it nests in and that is rolled back as soon as the next test does
not want the demo: tests that never asked for it keep their empty shop, and the database is left
as migrations made it. Transactional tests, whose server threads need committed rows, load their
own copy with `committed_demo_shop`.
"""

import time
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# The staff logins load_demo promises (README, "make run").
DEMO_PASSWORDS = {
    "admin": "ptashka-admin",
    "merchandiser": "ptashka-merch",
    "manager": "ptashka-manager",
}
DEMO_EMAILS = {username: f"{username}@ptashka.localhost" for username in DEMO_PASSWORDS}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    email: str
    password: str


def demo_login(username):
    return DemoLogin(username, DEMO_EMAILS[username], DEMO_PASSWORDS[username])


def demo_media_settings(media_root, cache_settings):
    """Painted images go to this run's own folder; renditions and thumbnails are not cached.

    A Redis cache outlives the run, and a thumbnail or rendition cached by an earlier run names a
    file in that run's media folder, which this run does not have: the page would show a hole.
    """
    uncached = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return override_settings(
        MEDIA_ROOT=media_root,
        CACHES={**cache_settings, "renditions": uncached, "thumbnails": uncached},
        THUMBNAIL_CACHE="thumbnails",
    )


def run_load_demo():
    """`manage.py load_demo` with images; returns the seconds it took."""
    started = time.monotonic()
    call_command("load_demo", stdout=StringIO())
    return time.monotonic() - started


class DemoShop:
    """The demo shop, loaded into an open transaction of the test database until `unload()`."""

    def __init__(self, django_db_blocker, media_root):
        self._blocker = django_db_blocker
        self._media_root = media_root
        self._transaction = None
        self._media_settings = None
        self.loads = 0
        self.load_seconds = 0.0

    @property
    def is_loaded(self):
        return self._transaction is not None

    def load(self):
        if self.is_loaded:
            return
        from django.conf import settings

        self._media_settings = demo_media_settings(self._media_root, settings.CACHES)
        self._media_settings.enable()
        with self._blocker.unblock():
            self._transaction = transaction.atomic()
            self._transaction.__enter__()
            try:
                self.load_seconds += run_load_demo()
            except BaseException:
                self.unload()
                raise
        self.loads += 1

    def unload(self):
        if not self.is_loaded:
            return
        from wagtail.models import Site

        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._transaction.__exit__(None, None, None)
            # Wagtail caches the site's root path; it named the home page just rolled back.
            Site.clear_site_root_paths_cache()
        self._transaction = None
        self._media_settings.disable()
        self._media_settings = None
