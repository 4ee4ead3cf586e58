"""The administrators' upload of a code table (``/referensi/``): refused to anyone else
(nothing stored), audited, and every document downloaded from then on names its codes."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anggaran.store import Store, tim
from tests.web.conftest import Demo, login

TABLE = (
    b"jenis,kode,nama,contoh\n"
    b"program,015.08.CD,Program Pengelolaan Perbendaharaan Negara,\n"
    b"kegiatan,6212,Pembinaan Pelaksanaan Anggaran,\n"
    b"kro,6212.UAL,,\n"
)


@pytest.fixture(autouse=True)
def _shipped_tables() -> Iterator[None]:
    from anggaran.services import referensi

    referensi.lepas()
    yield
    referensi.lepas()  # the rows loaded in the test's transaction are rolled back


def _upload(data: bytes = TABLE, name: str = "nama-djpb.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize("who", ["operator", "kpa", "reviewer", "lain"])
def test_who_is_no_administrator_may_not_load_a_table(web: Demo, who: str) -> None:
    response = login(who).post("/referensi/", {"berkas": _upload()})
    assert response.status_code == 403
    store = Store.default()
    assert tim.daftar_audit(store, aksi="referensi_impor")[1] == 0
    from anggaran.store.referensi import referensi_dimuat

    assert referensi_dimuat(store) == []


def test_an_administrator_loads_a_table_and_the_documents_name_its_codes(web: Demo) -> None:
    import pypdfium2 as pdfium

    admin = login("admin")
    versi = web.latest("527010")
    before = admin.get(f"/versi/{versi}/dokumen/bagian-a.pdf").content
    response = admin.post("/referensi/", {"berkas": _upload()}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "nama-djpb.csv" in page
    assert "program 1" in page and "kegiatan 1" in page
    log, _ = tim.daftar_audit(Store.default(), aksi="referensi_impor")
    assert [(r.oleh, r.objek, r.baru["baru"]) for r in log] == [
        ("admin", "nama-djpb.csv", {"program": 1, "kegiatan": 1})
    ]
    after = admin.get(f"/versi/{versi}/dokumen/bagian-a.pdf").content

    def text(data: bytes) -> str:
        doc = pdfium.PdfDocument(io.BytesIO(data))
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))

    assert "Program Pengelolaan Perbendaharaan Negara" not in text(before)
    assert "Program Pengelolaan Perbendaharaan Negara" in text(after)
    assert "Pembinaan Pelaksanaan Anggaran" in text(after)
    # the stored version's Bagian A carries its KPA from d_kpa and its letterhead
    lines = [line.strip() for line in text(after).splitlines() if line.strip()]
    assert lines[0] == "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN"
    assert lines[-3:] == ["Kuasa Pengguna Anggaran", "BUDI SANTOSO", "NIP -"]


def test_a_table_that_cannot_be_read_stores_nothing_and_says_why(web: Demo) -> None:
    admin = login("admin")
    response = admin.post("/referensi/", {"berkas": _upload(b"kode,nama\n6212,X\n", "x.csv")}, follow=True)
    assert response.status_code == 200 and "x.csv" in response.content.decode()
    assert tim.daftar_audit(Store.default(), aksi="referensi_impor")[1] == 0
