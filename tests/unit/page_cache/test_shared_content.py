"""What each worker keeps of the navigation and listing counts, and when it stops keeping it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from cms.navigation import AnnouncementBar
from ptashka.page_cache import invalidation, keys, shared_content

requests = RequestFactory()


@pytest.fixture(autouse=True)
def nothing_kept():
    shared_content._entries.clear()
    yield
    shared_content._entries.clear()


def counting_loader():
    calls = []

    def load():
        calls.append(1)
        return len(calls)

    return load, calls


def test_a_value_is_loaded_once_while_the_generation_stays_the_same():
    load, calls = counting_loader()
    cache.set(keys.GENERATION_KEY, 1, timeout=None)

    first = shared_content.kept("menu", load, requests.get("/"))
    second = shared_content.kept("menu", load, requests.get("/catalogue/"))

    assert (first, second) == (1, 1)
    assert len(calls) == 1


@pytest.mark.django_db
def test_a_content_change_makes_the_next_request_load_it_again():
    load, calls = counting_loader()
    shared_content.kept("menu", load, requests.get("/"))

    invalidation.bump_generation()
    again = shared_content.kept("menu", load, requests.get("/"))

    assert again == 2 and len(calls) == 2


def test_a_request_reads_the_generation_once_and_keeps_it():
    request = requests.get("/")
    cache.set(keys.GENERATION_KEY, 7, timeout=None)
    assert shared_content.current_generation(request) == 7

    cache.set(keys.GENERATION_KEY, 8, timeout=None)

    assert shared_content.current_generation(request) == 7
    assert shared_content.current_generation(requests.get("/")) == 8


def test_without_a_generation_one_is_made_so_values_can_be_kept():
    cache.delete(keys.GENERATION_KEY)
    load, calls = counting_loader()

    shared_content.kept("menu", load, requests.get("/"))
    shared_content.kept("menu", load, requests.get("/"))

    assert cache.get(keys.GENERATION_KEY) is not None
    assert len(calls) == 1


class DownCache:
    """What the fail-open Redis cache answers while Redis is down."""

    def get(self, *args, **kwargs):
        return None

    def add(self, *args, **kwargs):
        return False


def test_with_the_cache_down_nothing_is_kept_and_every_request_loads(monkeypatch):
    monkeypatch.setattr(shared_content, "cache", DownCache())
    load, calls = counting_loader()

    shared_content.kept("menu", load, requests.get("/"))
    shared_content.kept("menu", load, requests.get("/"))

    assert len(calls) == 2
    assert shared_content._entries == {}


def test_an_entry_lives_at_most_page_cache_seconds(monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.set(keys.GENERATION_KEY, 1, timeout=None)
    load, calls = counting_loader()
    now = [1000.0]
    monkeypatch.setattr(shared_content.time, "monotonic", lambda: now[0])
    shared_content.kept("menu", load, requests.get("/"))

    now[0] += 599
    shared_content.kept("menu", load, requests.get("/"))
    now[0] += 2
    shared_content.kept("menu", load, requests.get("/"))

    assert len(calls) == 2


def test_past_the_entry_limit_the_store_starts_afresh(monkeypatch):
    monkeypatch.setattr(shared_content, "MAX_ENTRIES", 3)
    cache.set(keys.GENERATION_KEY, 1, timeout=None)
    for name in ("a", "b", "c", "d"):
        shared_content.kept(name, lambda name=name: name, requests.get("/"))

    assert list(shared_content._entries) == ["d"]


@pytest.mark.django_db
def test_a_kept_announcement_starts_and_ends_on_time_without_a_save():
    # given a bar scheduled from tomorrow for a day, kept as the bars still to come
    now = timezone.now()
    bar = AnnouncementBar.objects.create(
        text="Winter sale", live=True, starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
    )
    kept = shared_content.kept("announcement_bars", AnnouncementBar.not_over, requests.get("/"))

    # then it shows only inside its window, from the same kept list
    assert AnnouncementBar.showing_of(kept, now) is None
    assert AnnouncementBar.showing_of(kept, now + timedelta(days=1, hours=1)) == bar
    assert AnnouncementBar.showing_of(kept, now + timedelta(days=3)) is None
