"""The URLs of the web application (pages in Indonesian, as users read them)."""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import path, register_converter
from django.views.i18n import set_language

from anggaran.web.api import api
from anggaran.web.views import halaman, konsep, konsolidasi, tindakan


class Nomor:
    """A stored row's number in a URL (a version, comment or import job): 1 to 18 digits,
    so that no number past a 64-bit key reaches the database (beyond: 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(Nomor, "nomor")

urlpatterns = [
    path("", halaman.daftar, name="daftar"),
    path("satker/<str:kode>/", halaman.satker, name="satker"),
    path("versi/<nomor:n>/", halaman.versi, name="versi"),
    path("versi/<nomor:n>/simpul/<str:level>/<nomor:node>/", halaman.anak, name="anak"),
    path("versi/<nomor:n>/dokumen/<str:nama>.<str:ext>", halaman.dokumen, name="dokumen"),
    path("versi/<nomor:n>/komentar/", tindakan.komentar_tambah, name="komentar_tambah"),
    path("komentar/<nomor:k>/selesai/", tindakan.komentar_selesai, name="komentar_selesai"),
    path("banding/", halaman.bandingkan, name="bandingkan"),
    path("banding/<nomor:a>/<nomor:b>/", halaman.banding, name="banding"),
    path("banding/<nomor:a>/<nomor:b>/matriks.<str:ext>", halaman.matriks, name="matriks"),
    path("konsolidasi/", konsolidasi.halaman, name="konsolidasi"),
    path("konsep/", konsep.daftar, name="konsep_daftar"),
    path("konsep/<nomor:n>/", konsep.halaman, name="konsep"),
    path("konsep/<nomor:n>/rincian/", konsep.rincian, name="konsep_rincian"),
    path("konsep/<nomor:n>/baris/", konsep.simpan_baris, name="konsep_baris"),
    path("konsep/<nomor:n>/aksi/", konsep.aksi, name="konsep_aksi"),
    path("konsep/<nomor:n>/tambah/", konsep.tambah, name="konsep_tambah"),
    path("konsep/<nomor:n>/hapus/", konsep.hapus, name="konsep_hapus"),
    path("konsep/<nomor:n>/ubah/", konsep.ubah_node, name="konsep_ubah"),
    path("konsep/<nomor:n>/indikator/", konsep.indikator, name="konsep_indikator"),
    path("konsep/<nomor:n>/pindah/", konsep.pindah, name="konsep_pindah"),
    path("konsep/<nomor:n>/salin/", konsep.salin, name="konsep_salin"),
    path("konsep/<nomor:n>/komentar/", konsep.komentar, name="konsep_komentar"),
    path("konsep/<nomor:n>/tempel/", konsep.tempel, name="konsep_tempel"),
    path("konsep/<nomor:n>/urung/", konsep.urung, name="konsep_urung"),
    path("konsep/<nomor:n>/revisi/", konsep.revisi, name="konsep_revisi"),
    path("konsep/<nomor:n>/alur/<str:aksi>/", konsep.alur, name="konsep_alur"),
    path("konsep/<nomor:n>/dokumen/<str:nama>.<str:ext>", konsep.dokumen, name="konsep_dokumen"),
    path("satker/<str:kode>/pagu/", konsep.pagu, name="pagu"),
    path("impor/", tindakan.impor, name="impor"),
    path("impor/<nomor:job>/", tindakan.impor_status, name="impor_status"),
    path("pengguna/", tindakan.pengguna, name="pengguna"),
    path("referensi/", tindakan.referensi, name="referensi"),
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
