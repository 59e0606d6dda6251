"""The shop's date formats per language (FORMAT_MODULE_PATH), matched by static/ptashka/js/live-orders.js.

Django's English says "2 Dec 2026, 1:07 a.m." while a browser's toLocaleString said
"12/1/2026, 11:04:40 PM" in its own time zone; the live script now formats with Intl in the
shop's zone to the same "2 Dec 2026, 01:07". Ukrainian keeps Django's until issue #14 sets it.
"""
