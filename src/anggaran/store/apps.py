"""The Django application of the store: its models and migrations carry the label
``anggaran`` (tables ``anggaran_versi``, ``anggaran_detail`` …)."""

from __future__ import annotations

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "anggaran.store"
    label = "anggaran"
    verbose_name = "Anggaran"
    default_auto_field = "django.db.models.BigAutoField"
