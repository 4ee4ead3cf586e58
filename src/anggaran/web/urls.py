"""The URLs of the web application (pages in Indonesian, as users read them)."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import path
from django.views.i18n import set_language

from anggaran.web.api import api
from anggaran.web.views import halaman, tindakan

urlpatterns = [
    path("", halaman.daftar, name="daftar"),
    path("satker/<str:kode>/", halaman.satker, name="satker"),
    path("versi/<int:n>/", halaman.versi, name="versi"),
    path("versi/<int:n>/simpul/<str:level>/<int:node>/", halaman.anak, name="anak"),
    path("versi/<int:n>/dokumen/<str:nama>.<str:ext>", halaman.dokumen, name="dokumen"),
    path("versi/<int:n>/komentar/", tindakan.komentar_tambah, name="komentar_tambah"),
    path("komentar/<int:k>/selesai/", tindakan.komentar_selesai, name="komentar_selesai"),
    path("banding/", halaman.bandingkan, name="bandingkan"),
    path("banding/<int:a>/<int:b>/", halaman.banding, name="banding"),
    path("banding/<int:a>/<int:b>/matriks.<str:ext>", halaman.matriks, name="matriks"),
    path("impor/", tindakan.impor, name="impor"),
    path("impor/<int:job>/", tindakan.impor_status, name="impor_status"),
    path("pengguna/", tindakan.pengguna, name="pengguna"),
    path("audit/", tindakan.audit, name="audit"),
    path(
        "masuk/",
        auth.LoginView.as_view(template_name="anggaran/masuk.html", redirect_authenticated_user=True),
        name="masuk",
    ),
    path("keluar/", auth.LogoutView.as_view(), name="keluar"),
    path("bahasa/", set_language, name="bahasa"),
    path("api/v1/", api.urls),
]
