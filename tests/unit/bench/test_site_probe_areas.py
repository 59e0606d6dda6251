"""bench/site_probe.py's profile: own time by area, a C function's counted where it was called.

time_by_area reads only a pstats.Stats's .stats, so a namespace with made-up stats stands in."""

from types import SimpleNamespace

from bench.site_probe import OTHER, area_of, time_by_area


def test_files_fall_in_their_areas():
    assert area_of("/venv/site-packages/django/template/base.py", "render") == "templates"
    assert area_of("/repo/cms/templatetags/shop_block_tags.py", "offer_price") == "templates"
    assert area_of("/venv/site-packages/django/db/models/query.py", "__iter__") == (
        "ORM (building SQL, making objects)"
    )
    assert area_of("/venv/site-packages/oscar/apps/offer/applicator.py", "apply") == "basket and offers"
    assert area_of("/repo/forked_apps/basket/models.py", "num_lines") == "basket and offers"
    assert area_of("/venv/site-packages/django/urls/base.py", "reverse") == "URL reversing"
    assert area_of("/venv/site-packages/redis/client.py", "get") == "Redis and the cache"
    assert area_of("/repo/src/ptashka/page_cache/middleware.py", "__call__") == OTHER


def test_psycopg2s_execute_is_the_database_and_other_c_functions_have_no_area_of_their_own():
    assert area_of("~", "<method 'execute' of 'psycopg2.extensions.cursor' objects>") == (
        "database (waiting on PostgreSQL)"
    )
    assert area_of("~", "<built-in method builtins.getattr>") is None


def test_a_c_functions_time_goes_to_the_area_that_called_it():
    template_render = ("/venv/django/template/base.py", 10, "render")
    view = ("/repo/src/ptashka/views.py", 5, "get")
    join = ("~", 0, "<method 'join' of 'str' objects>")
    stats = SimpleNamespace(
        stats={
            template_render: (1, 1, 0.30, 0.50, {}),
            view: (1, 1, 0.10, 0.60, {}),
            join: (3, 3, 0.20, 0.20, {template_render: (2, 2, 0.15, 0.15), view: (1, 1, 0.05, 0.05)}),
        }
    )
    areas = time_by_area(stats)
    assert round(areas["templates"], 3) == 0.45
    assert round(areas[OTHER], 3) == 0.15
