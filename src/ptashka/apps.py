"""The project-level app: management commands (load_demo) and health checks."""

from django.apps import AppConfig


class PtashkaConfig(AppConfig):
    name = "ptashka"
    label = "ptashka"
    verbose_name = "Ptashka"
