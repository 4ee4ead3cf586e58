"""Hypothesis strategies for valid budget trees.

Texts are drawn from words that cannot be mistaken for the document's own furniture: no
digits (a leading ``12`` of an unnumbered indicator cannot be told from its number), no
labels (``Indikator RO``), no brackets, tabs or markup. That is the format's own limit, not
the reader's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from anggaran.core.money import jumlah_sakti
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Alokasi,
    Detail,
    Dokumen,
    Indikator,
    Kegiatan,
    Keluaran,
    KodeNama,
    Komponen,
    Penandatangan,
    Program,
    RencanaPenarikan,
    RkaSatker,
    Sasaran,
    SubKomponen,
    hitung_alokasi,
)

WORDS = [
    "Layanan",
    "Dukungan",
    "Manajemen",
    "Pembinaan",
    "pengawasan",
    "persentase",
    "jumlah",
    "pegawai",
    "dokumen",
    "kualitas",
    "dan",
    "yang",
    "Anak",
    "klien",
    "Umum",
    "perkantoran",
    "Rehabilitasi/Renovasi",
    "(ibu",
    "hamil)",
    "HIV-",
    "Pemasyarakatan",
    "café",
    "tepat",
    "waktu",
    "Basan",
    "Baran",
]
UPPER = ["KOTA", "BALIKPAPAN", "KABUPATEN", "KUTAI", "TIMUR", "BARAT"]
SATUAN = ["Orang", "Layanan", "Dokumen", "Laporan", "Unit", "Rekomendasi", "Miliar Rp"]

text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
rupiah = st.integers(min_value=0, max_value=10**13)
volume = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False)
two_digits = st.integers(1, 99).map(lambda n: f"{n:02d}")


@st.composite
def alokasi(draw: st.DrawFn) -> Alokasi:
    ad, ib = draw(rupiah), draw(rupiah)
    return Alokasi(ad, ib, draw(st.sampled_from([ad + ib, draw(rupiah)])))


def indikator(numbered: bool = True) -> st.SearchStrategy[Indikator]:
    # an unnumbered text starting in lower case continues the previous one (a wrapped
    # line), so unnumbered indicators start in upper case, as real ones do
    kode = two_digits if numbered else st.none()
    uraian = text if numbered else text.map(lambda t: t[:1].upper() + t[1:])
    target = st.one_of(st.none(), st.tuples(volume, st.sampled_from(["Persen", "Dokumen"])))
    return st.builds(lambda k, u, t: Indikator(k, u, *(t or (None, None))), kode, uraian, target)


indikator_list = st.lists(st.one_of(indikator(), indikator(numbered=False)), max_size=4)


@st.composite
def keluaran(draw: st.DrawFn, many: bool = False) -> Keluaran:
    if draw(st.booleans()):
        return Keluaran()
    satuan = draw(st.lists(st.sampled_from(SATUAN), min_size=1, max_size=3 if many else 1, unique=True))
    return Keluaran(draw(st.one_of(volume, st.none())), ", ".join(satuan))


ro_kode = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)


@st.composite
def ro(draw: st.DrawFn) -> RO:
    return RO(draw(ro_kode), draw(text), draw(keluaran()), draw(alokasi()), draw(indikator_list))


@st.composite
def kro(draw: st.DrawFn, kegiatan: str) -> KRO:
    letters = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3))
    lokasi = draw(
        st.one_of(
            st.none(),
            st.tuples(
                st.from_regex(r"[0-9]{2}\.[0-9]{2}", fullmatch=True),
                st.lists(st.sampled_from(UPPER), min_size=1, max_size=3).map(" ".join),
            ),
        )
    )
    # the writer prints [SBK] before the name and other labels after it (as SAKTI does),
    # so a label list reads back in that order
    labels = draw(
        st.lists(st.sampled_from(["SBK", "Program Baru - Perubahan Kebijakan"]), unique=True).map(
            lambda ls: sorted(ls, key=lambda x: x != "SBK")
        )
    )
    return KRO(
        f"{kegiatan}.{letters}",
        draw(text),
        labels,
        lokasi[0] if lokasi else None,
        lokasi[1] if lokasi else None,
        draw(keluaran(many=True)),
        draw(alokasi()),
        draw(indikator_list),
        draw(st.lists(ro(), max_size=3)),
    )


@st.composite
def kegiatan(draw: st.DrawFn) -> Kegiatan:
    kode = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    return Kegiatan(
        kode, draw(text), draw(alokasi()), draw(indikator_list), draw(st.lists(kro(kode), max_size=3))
    )


@st.composite
def sasaran(draw: st.DrawFn) -> Sasaran:
    kode = draw(two_digits)
    ikp = draw(st.lists(two_digits.map(lambda n: f"{kode}.{n}"), max_size=3))
    return Sasaran(kode, draw(text), [Indikator(k, draw(text)) for k in ikp])


@st.composite
def program(draw: st.DrawFn, prefix: str) -> Program:
    letters = draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2))
    return Program(
        f"{prefix}.{letters}",
        draw(text),
        draw(alokasi()),
        draw(st.lists(sasaran(), max_size=2)),
        draw(st.lists(kegiatan(), max_size=2)),
    )


@st.composite
def rka_satker(draw: st.DrawFn) -> RkaSatker:
    kl = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    unit = draw(st.from_regex(r"[0-9]{2}", fullmatch=True))
    signed = draw(st.booleans())
    dokumen = Dokumen(
        tahun_anggaran=draw(st.integers(2020, 2030)),
        tempat=draw(
            st.sampled_from(["Balikpapan", "Samarinda", "Jakarta", "Kota Balikpapan, Kalimantan Timur"])
        )
        if signed
        else None,
        tanggal=draw(st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31))) if signed else None,
        penandatangan=Penandatangan(
            "Kuasa Pengguna Anggaran",
            draw(
                st.lists(st.sampled_from(["BUDI", "SITI", "SANTOSO", "AMINAH"]), min_size=1, max_size=3).map(
                    " ".join
                )
            ),
            draw(st.from_regex(r"[0-9]{18}", fullmatch=True)),
            draw(st.sampled_from([None, "Pembina (IV/a)", "Penata Tk. I (III/d)"])),
        )
        if signed
        else None,
    )

    def kn(kode: str) -> KodeNama:
        return KodeNama(kode, draw(st.lists(st.sampled_from(UPPER), min_size=1, max_size=4).map(" ".join)))

    return RkaSatker(
        dokumen,
        kn(kl),
        kn(unit),
        kn(draw(st.from_regex(r"[0-9]{6}", fullmatch=True))),
        kn(draw(st.from_regex(r"[0-9]{2}", fullmatch=True))),
        kn(draw(st.from_regex(r"[0-9]{2}", fullmatch=True))),
        # a document prints each program once (printed twice, it is two documents)
        draw(st.lists(program(f"{kl}.{unit}"), min_size=1, max_size=2, unique_by=lambda p: p.kode)),
    )


def amounts_of(tree: RkaSatker) -> list[int]:
    """Every amount of the tree (programs down to RO)."""
    out = []
    for p in tree.program:
        out.append(p.alokasi)
        for k in p.kegiatan:
            out.append(k.alokasi)
            for x in k.kro:
                out.append(x.alokasi)
                out.extend(r.alokasi for r in x.ro)
    return [v for a in out for v in (a.angka_dasar, a.inisiatif_baru, a.jumlah)]


# -- Bagian B (full trees, as read from an ADK) -------------------------------------------

AKUN = ["511129", "512211", "521211", "521213", "522111", "524111", "533121"]
SATUAN_ITEM = ["OK", "OH", "OB", "KEG", "ORG", "PKT", "M2"]


@st.composite
def detail(draw: st.DrawFn, kode: str) -> Detail:
    if draw(st.integers(0, 5)) == 0:
        return Detail(
            draw(text), Decimal(0), "", 0, 0, kode=kode, tingkat=draw(st.sampled_from([1, 2])), kdib="00"
        )
    faktor = draw(
        st.lists(st.tuples(st.integers(1, 500).map(Decimal), st.sampled_from(SATUAN_ITEM)), max_size=4)
    )
    vol = Decimal(1)
    for v, _ in faktor:
        vol *= v
    if not faktor:
        vol = draw(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
    # a line of at most Rp 10^15 (a whole budget stays far below what a database's bigint
    # holds: 500^4 x 10^9 would not)
    harga = draw(st.integers(0, min(10**9, 10**15 // max(1, int(vol)))))
    jumlah = jumlah_sakti(vol, harga)
    months = draw(st.lists(st.integers(0, 12), min_size=12, max_size=12))
    plan = [0] * 12
    plan[draw(st.integers(0, 11))] = jumlah
    return Detail(
        draw(text),
        vol,
        draw(st.sampled_from(SATUAN_ITEM)),
        harga,
        jumlah,
        faktor,
        "A",
        draw(st.sampled_from([0, 0, 1000])),
        plan if any(months) else [],
        kode,
        kdib=draw(st.sampled_from(["00", "01", None])),
    )


@st.composite
def akun(draw: st.DrawFn) -> Akun:
    n = draw(st.integers(0, 4))
    return Akun(
        draw(st.sampled_from(AKUN)),
        draw(text),
        sumber_dana="A",
        detail=[draw(detail(str(i + 1))) for i in range(n)],
        kppn=draw(st.sampled_from([None, "019", "129"])),
        uraian_blokir=draw(st.sampled_from([None, "menunggu reviu"])),
        catatan=draw(st.lists(text, max_size=2)),
    )


@st.composite
def komponen(draw: st.DrawFn) -> Komponen:
    subs = [
        SubKomponen(k, draw(text), akun=draw(st.lists(akun(), max_size=2)))
        for k in draw(st.lists(st.sampled_from([" A", " B", "RB", "JC"]), max_size=2, unique=True))
    ]
    return Komponen(draw(st.from_regex(r"[0-9]{3}", fullmatch=True)), draw(text), sub_komponen=subs)


@st.composite
def rka_satker_b(draw: st.DrawFn) -> RkaSatker:
    """A full tree: a Bagian A tree whose RO carry komponen .. detail lines, every level's
    alokasi derived from the lines (as the ADK reader builds it), and a withdrawal plan."""
    tree = draw(rka_satker())
    for *_, r in tree.ro():
        r.komponen = draw(st.lists(komponen(), max_size=2))
    hitung_alokasi(tree)
    tree.dokumen.bagian = "A+B"
    tree.rencana_penarikan = [
        RencanaPenarikan(
            p.kode,
            k.kode,
            draw(st.sampled_from(["51", "52", "53"])),
            draw(rupiah),
            draw(st.lists(rupiah, min_size=12, max_size=12)),
            draw(st.sampled_from(["1", "6"])),
        )
        for p, k in tree.kegiatan()
    ]
    return tree
