"""Logins, logouts and failed logins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from anggaran.services import akses
from anggaran.store import Store
from anggaran.web.middleware import alamat


def _alamat(request: Any) -> str:
    return alamat(request) if getattr(request, "META", None) is not None else ""


@receiver(user_login_failed)
def gagal(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    akses.catat_masuk(
        Store.default(), "masuk_gagal", str(credentials.get("username", ""))[:150], _alamat(request)
    )


@receiver(user_logged_in)
def masuk(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    akses.catat_masuk(Store.default(), "masuk", user.username, _alamat(request))


@receiver(user_logged_out)
def keluar(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        akses.catat_masuk(Store.default(), "keluar", user.username, _alamat(request))
