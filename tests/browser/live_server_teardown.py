"""Ending a browser test against Django's live server without leaving work behind in its threads."""

import threading
import time


def leave_quietly(page, seconds=15):
    """Leave the last page, close the browser context and wait for the live server to be done.

    On SQLite the live server's request threads share the test's database connection: a request
    still running (a favicon, a WebSocket retry) while the test database is flushed and restored
    would write into it, and the next test would find no Wagtail root page.
    """
    try:
        page.goto("about:blank")
    finally:
        page.context.close()  # and with it the keep-alive connections each server thread waits on
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and any(
            thread.is_alive() and "process_request_thread" in thread.name for thread in threading.enumerate()
        ):
            time.sleep(0.05)
        remember_content_types()


def remember_content_types():
    """Put every content type in ContentType's cache before the test database is flushed.

    Restoring the rows migrations made saves them again, and a save receiver (the audit log's)
    looks up its model's content type: one this process never looked up yet would be created
    afresh, before the restored row of the same name, whose insert then fails as a duplicate.
    """
    from django.contrib.contenttypes.models import ContentType

    for content_type in ContentType.objects.all():
        ContentType.objects._add_to_cache(ContentType.objects.db, content_type)
