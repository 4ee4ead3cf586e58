"""Golden values of the real example (shared/seeds, satker 109141, TA 2023)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from anggaran.formats.result import ReadResult


def test_header(example: ReadResult) -> None:
    t = example.tree
    assert (t.kementerian.kode, t.kementerian.nama) == ("013", "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA RI")
    assert (t.unit_organisasi.kode, t.unit_organisasi.nama) == ("05", "Ditjen Pemasarakatan")
    assert (t.satker.kode, t.satker.nama) == ("109141", "BALAI PEMASYARAKATAN BALIKPAPAN")
    assert (t.provinsi.kode, t.provinsi.nama) == ("16", "KALIMANTAN TIMUR")
    assert (t.lokasi.kode, t.lokasi.nama) == ("52", "KOTA BALIKPAPAN")
    d = t.dokumen
    assert d.tahun_anggaran == 2023
    assert d.bagian == "A"
    assert d.jumlah_halaman == 6
    assert [p.printed_number for p in d.halaman] == [1, 2, 3, 4, 5, 6]
    assert d.tempat == "Balikpapan"
    assert d.tanggal == dt.date(2023, 3, 30)
    assert d.penandatangan is not None
    assert d.penandatangan.jabatan == "Kuasa Pengguna Anggaran"
    assert d.penandatangan.nama == "BUDI SANTOSO"
    assert d.penandatangan.nip == "197003152000121001"
    assert d.kop == [
        "BALAI PEMASYARAKATAN KELAS II BALIKAPAPAN",
        "KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAK",
        "ASASI MANUSIA KALIMANTAN TIMUR",
    ]


def test_nothing_reported_by_the_reader(example: ReadResult) -> None:
    assert example.findings == []


def test_programs_and_totals(example: ReadResult) -> None:
    t = example.tree
    assert [(p.kode, p.alokasi.jumlah) for p in t.program] == [
        ("013.05.BF", 609_139_000),
        ("013.05.WA", 2_603_162_000),
    ]
    assert t.program[0].nama == "Program Penegakan dan Pelayanan Hukum"
    assert t.program[1].nama == "Program Dukungan Manajemen"
    assert t.jumlah().jumlah == 3_212_301_000
    # printed under INISIATIF BARU at program, kegiatan and KRO level
    assert (t.program[0].alokasi.angka_dasar, t.program[0].alokasi.inisiatif_baru) == (0, 609_139_000)


def test_kegiatan_kro_ro_codes(example: ReadResult) -> None:
    t = example.tree
    assert [
        (k.kode, k.alokasi.angka_dasar, k.alokasi.inisiatif_baru, k.alokasi.jumlah) for _, k in t.kegiatan()
    ] == [("5252", 0, 609_139_000, 609_139_000), ("6231", 0, 2_603_162_000, 2_603_162_000)]
    assert [k.nama for _, k in t.kegiatan()] == [
        "Penyelenggaraan Pemasarakatan di Wilayah",
        "Dukungan Manajemen dan Teknis Lainnya UPT Pemasarakatan",
    ]
    assert [kro.kode for _, _, kro in t.kro()] == ["5252.BAH", "5252.BDC", "6231.EBA", "6231.EBC", "6231.EBD"]
    ros = [f"{kro.kode}.{ro.kode}" for _, _, kro, ro in t.ro()]
    assert ros == [
        "5252.BAH.002",
        "5252.BDC.003",
        "5252.BDC.009",
        "5252.BDC.U01",
        "5252.BDC.U02",
        "5252.BDC.U03",
        "6231.EBA.956",
        "6231.EBA.958",
        "6231.EBA.962",
        "6231.EBA.994",
        "6231.EBC.954",
        "6231.EBD.952",
        "6231.EBD.953",
        "6231.EBD.955",
        "6231.EBD.961",
    ]
    assert len(ros) == 15


def test_every_amount(example: ReadResult) -> None:
    t = example.tree
    assert [
        (kro.kode, kro.alokasi.angka_dasar, kro.alokasi.inisiatif_baru, kro.alokasi.jumlah)
        for _, _, kro in t.kro()
    ] == [
        ("5252.BAH", 0, 5_660_000, 5_660_000),
        ("5252.BDC", 0, 603_479_000, 603_479_000),
        ("6231.EBA", 0, 2_502_162_000, 2_502_162_000),
        ("6231.EBC", 0, 60_300_000, 60_300_000),
        ("6231.EBD", 0, 40_700_000, 40_700_000),
    ]
    assert [
        (ro.kode, ro.alokasi.angka_dasar, ro.alokasi.inisiatif_baru, ro.alokasi.jumlah)
        for _, _, _, ro in t.ro()
    ] == [
        ("002", 5_660_000, 0, 5_660_000),
        ("003", 77_560_000, 0, 77_560_000),
        ("009", 7_929_000, 0, 7_929_000),
        ("U01", 141_340_000, 0, 141_340_000),
        ("U02", 350_150_000, 0, 350_150_000),
        ("U03", 26_500_000, 0, 26_500_000),
        ("956", 9_600_000, 0, 9_600_000),
        ("958", 6_500_000, 0, 6_500_000),
        ("962", 22_900_000, 0, 22_900_000),
        ("994", 2_463_162_000, 0, 2_463_162_000),
        ("954", 60_300_000, 0, 60_300_000),
        ("952", 10_300_000, 0, 10_300_000),
        ("953", 6_000_000, 0, 6_000_000),
        ("955", 6_000_000, 0, 6_000_000),
        ("961", 18_400_000, 0, 18_400_000),
    ]


def test_kro_5252_bdc(example: ReadResult) -> None:
    kro = next(k for _, _, k in example.tree.kro() if k.kode == "5252.BDC")
    assert kro.nama == "Fasilitas dan Pembinaan Masyarakat"
    assert kro.label == ["SBK", "Program Baru - Perubahan Kebijakan"]
    assert (kro.lokasi, kro.lokasi_nama) == ("16.52", "KOTA BALIKPAPAN")
    assert (kro.keluaran.volume, kro.keluaran.satuan) == (Decimal("237.00"), "Orang")
    assert [ro.keluaran.volume for ro in kro.ro] == [Decimal(v) for v in (20, 10, 42, 149, 16)]
    assert {ro.keluaran.satuan for ro in kro.ro} == {"Orang"}
    assert [i.kode for i in kro.indikator] == [f"{n:02d}" for n in range(1, 51)]
    # the list runs across pages 2-4
    assert {i.source.page for i in kro.indikator if i.source} == {2, 3, 4}
    assert kro.indikator[43].uraian == (
        "Persentase anak yang mendapatkan pendidikan dan pengentasan anak sesuai standar"
    )


def test_shifted_volume_of_6231_eba(example: ReadResult) -> None:
    kro = next(k for _, _, k in example.tree.kro() if k.kode == "6231.EBA")
    assert kro.keluaran.volume == Decimal("4.00")
    assert kro.keluaran.satuan == "Layanan, Laporan, Dokumen, Rekomendasi, Unit"
    assert kro.keluaran.satuan_set() == ["Layanan", "Laporan", "Dokumen", "Rekomendasi", "Unit"]
    assert (kro.alokasi.angka_dasar, kro.alokasi.inisiatif_baru, kro.alokasi.jumlah) == (
        0,
        2_502_162_000,
        2_502_162_000,
    )
    assert kro.label == ["Program Baru - Perubahan Kebijakan"]
    assert kro.nama == "Layanan Dukungan Manajemen Internal"


def test_sasaran_and_ikp(example: ReadResult) -> None:
    bf, wa = example.tree.program
    assert [(s.kode, len(s.indikator)) for s in bf.sasaran] == [("06", 4), ("07", 6), ("08", 1)]
    assert [i.kode for i in bf.sasaran[1].indikator] == [f"07.0{n}" for n in range(1, 7)]
    assert bf.sasaran[0].uraian == "Terwujudnya Penyelenggaraan Pemasarakatan yang Berkualitas"
    assert bf.sasaran[2].indikator[0].uraian == "Indeks Keamanan dan Ketertiban UPT Pemasarakatan"
    assert [(s.kode, [i.kode for i in s.indikator]) for s in wa.sasaran] == [("07", ["07.10"])]
    assert wa.sasaran[0].indikator[0].uraian.startswith("Layanan Tata Kelola Pemerintah")


def test_ikk_flattened_and_continued(example: ReadResult) -> None:
    k5252, k6231 = (k for _, k in example.tree.kegiatan())
    codes = [i.kode for i in k5252.indikator]
    # page 1: a flattened paragraph of 15 items; page 2: 17 rows
    assert len(codes) == 32
    assert codes[:10] == ["01", "01", "02", "03", "04", "05", "06", "07", "08", "01"]
    assert k5252.indikator[3].uraian == "Persentase Tahanan dan Narapidana perempuan (ibu hamil"
    assert k5252.indikator[7].uraian == "Persentase keberhasilan penanganan penyakit menular HIV-"
    assert [i.kode for i in k6231.indikator] == [f"{n:02d}" for n in range(1, 7)] + [
        f"{n:02d}" for n in range(1, 10)
    ]


def test_indikator_ro_label_merged_with_content(example: ReadResult) -> None:
    ro994 = next(ro for _, _, _, ro in example.tree.ro() if ro.kode == "994")
    assert [(i.kode, i.uraian) for i in ro994.indikator] == [("01", "Jumlah Layanan Perkantoran")]
    assert ro994.indikator[0].source is not None and ro994.indikator[0].source.page == 6


def test_indicator_gap_kept_as_printed(example: ReadResult) -> None:
    kro = next(k for _, _, k in example.tree.kro() if k.kode == "6231.EBD")
    assert [i.kode for i in kro.indikator] == ["01", "03"]
