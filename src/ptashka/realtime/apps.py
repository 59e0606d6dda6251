"""App config of live order tracking; the order's EventHandler publishes its changes (publishing.py)."""

from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "ptashka.realtime"
    label = "ptashka_realtime"
    verbose_name = "Live order tracking"
