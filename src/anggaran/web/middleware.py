"""Every request: the user's roles and the store on it; pages need a login (the API
answers 401 itself); a satker outside the user's scope is a 404, an action their roles do
not allow a 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from anggaran.core.errors import OutOfScope
from anggaran.services import akses, referensi
from anggaran.services.akses import Forbidden
from anggaran.store import Store

#: paths open without a login
TERBUKA = ("/masuk/", "/static/", "/api/", "/bahasa/")


class BahasaMiddleware:
    """Bahasa Indonesia unless the user chose English with the switch (its cookie): the
    browser's own languages do not decide, so every page reads as the team expects."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        lang = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


def alamat(request: Any) -> str:
    """Where a request came from, for the audit log: the client's address as the login
    throttling sees it (behind the proxy ``ANGGARAN_PROXY_SSL`` names: the forwarded one)."""
    if request is None:
        return ""
    from axes.helpers import get_client_ip_address

    return str(get_client_ip_address(request) or request.META.get("REMOTE_ADDR", ""))


class PenggunaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        store = Store.default()
        request.store = store
        request.pengguna = None
        if request.user.is_authenticated:
            request.pengguna = akses.pengguna(store, request.user.id)
        if request.pengguna is None and not request.path.startswith(TERBUKA):
            return redirect_to_login(request.get_full_path())
        if not request.path.startswith("/static/"):
            # the names loaded by the administrators (another worker's load included): one
            # small query when nothing changed
            referensi.aktifkan(store)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        if isinstance(exception, OutOfScope):
            raise Http404() from None
        if isinstance(exception, Forbidden):  # an expected refusal: a page, no traceback in the log
            return render(request, "403.html", status=403)
        return None
