"""Suite-wide: the network fence, the fixture modules, the shared demo shop, and migrations' rows put back."""

import pytest
from pytest_django.plugin import blocking_manager_key

from tests.demo_shop import DemoShop, demo_media_settings, run_load_demo

# Every fixture module of the suite, registered once: a test anywhere reaches its fixtures.
pytest_plugins = [
    "pytester",
    "tests.service_markers",
    "tests.cache_keys",
    "tests.shop_fixtures",
    "tests.analytics_sales",
    "tests.asgi_server",
    "tests.fakes.localstripe_process",
    "tests.fakes.paypal_fixtures",
]

# Tests talk to this machine only: the live server, PostgreSQL, Redis, local fakes.
LOCAL_HOSTS = "127.0.0.1,::1,localhost"

_demo_shop_key = pytest.StashKey[DemoShop]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    # pytest-socket reads --allow-hosts in its own pytest_configure, which runs after this one.
    if hasattr(config.option, "allow_hosts") and not config.option.allow_hosts:
        config.option.allow_hosts = LOCAL_HOSTS


def uses_demo_shop(item):
    return item is not None and "demo_shop" in getattr(item, "fixturenames", ())


def is_transactional(item):
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and bool(marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    return marked or "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the demo shop's tests one after another, where pytest-django put the first of them.

    The demo is loaded once for the run of them and rolled back after the last; tests between
    them would otherwise see it, or make it load again.
    """
    # Every transactional test restores the database as migrations left it (serialized rollback,
    # and restore_what_migrations_made after its flush). A plain flush would re-run post_migrate,
    # whose new content types clash with the restored ones.
    for item in items:
        if is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    demo_items = [item for item in items if uses_demo_shop(item)]
    if not demo_items:
        return
    first = items.index(demo_items[0])
    others = [item for item in items if not uses_demo_shop(item)]
    items[:] = others[:first] + demo_items + others[first:]


def pytest_runtest_setup(item):
    if not uses_demo_shop(item):
        return
    if is_transactional(item):
        pytest.fail(
            "demo_shop is one uncommitted load shared by TestCase-style tests; a transactional test "
            "(transactional_db, live_server) uses committed_demo_shop instead",
            pytrace=False,
        )
    shop = item.config.stash.get(_demo_shop_key, None)
    if shop is not None:
        # Loaded before this test's own transaction opens, so the test nests inside it.
        shop.load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        if is_transactional(item):
            restore_what_migrations_made(item.config)
        shop = item.config.stash.get(_demo_shop_key, None)
        if shop is not None and not uses_demo_shop(nextitem):
            shop.unload()


def restore_what_migrations_made(config):
    """Put back the rows migrations created, which a transactional test's flush has just emptied.

    Serialized rollback restores them only when the next transactional test starts: without this,
    the tests after it, and the next run on a reused database, would find no Site, Wagtail locale,
    root page or root collection.
    """
    from django.db import connections

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def pytest_terminal_summary(terminalreporter, config):
    shop = config.stash.get(_demo_shop_key, None)
    if shop is not None and shop.loads:
        terminalreporter.write_line(
            f"demo shop: loaded {shop.loads} time(s) into the test database, {shop.load_seconds:.1f} s in all"
        )


@pytest.fixture(scope="session")
def demo_media_root(tmp_path_factory):
    """This run's media folder for the demo's painted images, renditions and thumbnails."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="session")
def _demo_shop_transaction(request, django_db_setup, django_db_blocker, demo_media_root):
    shop = DemoShop(django_db_blocker, demo_media_root)
    request.config.stash[_demo_shop_key] = shop
    shop.load()
    yield shop
    shop.unload()


@pytest.fixture
def demo_shop(_demo_shop_transaction, db):
    """The demo shop of `manage.py load_demo` (catalogue, stock, shipping, offers, home page,
    staff logins), loaded once per run; changes a test makes are rolled back after it."""
    return _demo_shop_transaction


@pytest.fixture
def committed_demo_shop(transactional_db, django_db_serialized_rollback, demo_media_root, settings):
    """The demo shop committed, for tests whose server runs in another thread or process.

    Serialized rollback puts back what migrations created (Wagtail's root page and collection,
    which load_demo builds on) in case an earlier transactional test flushed them away.
    """
    with demo_media_settings(demo_media_root, settings.CACHES):
        run_load_demo()
        yield
