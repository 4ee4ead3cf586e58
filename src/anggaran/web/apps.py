"""The web application's Django app: its templates (``jinja2/``) and static files."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "anggaran.web"
    label = "web"
    verbose_name = "Anggaran web"

    def ready(self) -> None:
        from anggaran.web import sinyal  # noqa: F401  (logins and failed logins in the audit log)
