"""Logins, logouts and failed logins go to the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from anggaran.store import Store, tim


def _alamat(request: Any) -> str:
    return str(getattr(request, "META", {}).get("REMOTE_ADDR", "")) if request is not None else ""


@receiver(user_login_failed)
def gagal(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    name = str(credentials.get("username", ""))[:150]
    tim.catat(
        Store.default(), dt.datetime.now(dt.UTC), name, "masuk_gagal", name, None, None, _alamat(request)
    )


@receiver(user_logged_in)
def masuk(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    tim.catat(
        Store.default(),
        dt.datetime.now(dt.UTC),
        user.username,
        "masuk",
        user.username,
        None,
        None,
        _alamat(request),
    )


@receiver(user_logged_out)
def keluar(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        tim.catat(
            Store.default(),
            dt.datetime.now(dt.UTC),
            user.username,
            "keluar",
            user.username,
            None,
            None,
            _alamat(request),
        )
