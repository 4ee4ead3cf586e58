"""The rules as set-based queries (``konsolidasi.aturan``) give, for every satker at once, the
findings the per-tree rules give on the trees the ADK reader builds: the same rule,
severity, path, source, arguments and message; on the real archives (both sides), on a
generated set with planted faults, on a real archive with faults planted here by editing
its tables.

The per-tree side is the reader's trees checked by ``run_rules``; its findings of the ids
the set-based side does not give (``aturan.RULES_SET``) and the reader's own findings
(``READ_*``: about the input, not rules) are left out. One argument differs by design:
AKUN_KOMPONEN's ``komponen_nama`` (the komponen's name is in ``d_kmpnen``, which a
consolidation does not hold), compared as empty.
"""

from __future__ import annotations

import functools
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anggaran.core.findings import Finding, SourceRef
from anggaran.formats.adk.reader import read_adk
from anggaran.formats.adk.table import read_table
from anggaran.i18n import message
from anggaran.konsolidasi import aturan
from anggaran.konsolidasi import mesin as ms
from anggaran.konsolidasi.muat import muat_semua
from anggaran.reference import referensi
from anggaran.rules import run_rules
from tests.conftest import ADK_1D01, ADK_2D01, ADK_527010

Kunci = tuple[object, ...]


def kunci(satker: str, f: Finding) -> Kunci:
    """What the two sides must agree on, for one finding."""
    args = dict(f.args)
    if f.rule == "AKUN_KOMPONEN":
        args["komponen_nama"] = ""  # not in a consolidation (see the module docstring)
    f = Finding(f.rule, f.severity, f.path, args, f.source, f.variant)
    src = f.source
    return (
        satker,
        f.rule,
        f.severity.value,
        f.path,
        src.file if src else None,
        src.line if src else None,
        f.variant,
        repr(sorted(args.items())),
        message(f, "en"),
    )


def per_pohon(archive: Path, versi: str = "menjadi") -> Counter[Kunci]:
    """The per-tree rules' findings of the set-based ids on the archive's trees (on the
    ``versi`` side)."""
    return Counter(_per_pohon(archive)[versi])


@functools.cache
def _per_pohon(archive: Path) -> dict[str, Counter[Kunci]]:
    """Both sides' findings of an archive, read once (an archive is not changed once read)."""
    result = read_adk(archive)
    sides = (("menjadi", result.arsip.satker), ("semula", result.arsip.semula or []))
    return {
        versi: Counter(
            kunci(t.satker.kode, f) for t in trees for f in run_rules(t) if f.rule in aturan.RULES_SET
        )
        for versi, trees in sides
    }


def set_based(temuan: Iterable[aturan.Temuan], arsip: str | None = None) -> Counter[Kunci]:
    return Counter(kunci(t.satker, t.temuan) for t in temuan if arsip is None or t.arsip == arsip)


def konsolidasi(folder: Path, *archives: Path) -> Path:
    list(muat_semua([("uji", a) for a in archives], folder))
    return folder


def selisih(got: Counter[Kunci], expected: Counter[Kunci]) -> str:
    """The difference, readable in a failed assertion."""
    lines = [f"missing {k}" for k in (expected - got)] + [f"extra   {k}" for k in (got - expected)]
    return "\n".join(lines[:20])


# -- the real archives --------------------------------------------------------------------


@pytest.fixture(scope="module")
def nyata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ms.Mesin]:
    folder = konsolidasi(tmp_path_factory.mktemp("aturan") / "nyata", ADK_1D01, ADK_2D01, ADK_527010)
    m = ms.buka(folder)
    yield m
    m.close()


@pytest.fixture(scope="module")
def nyata_temuan(nyata: ms.Mesin) -> dict[str, list[aturan.Temuan]]:
    return {versi: aturan.temuan(nyata, versi=versi) for versi in ("menjadi", "semula")}


@pytest.mark.parametrize("versi", ["menjadi", "semula"])
@pytest.mark.parametrize("archive", [ADK_1D01, ADK_2D01, ADK_527010], ids=lambda p: p.name[:6])
def test_the_real_archives_give_the_per_tree_findings(
    archive: Path, versi: str, nyata_temuan: dict[str, list[aturan.Temuan]]
) -> None:
    got = set_based(nyata_temuan[versi], archive.name.removesuffix(".zip"))
    expected = per_pohon(archive, versi)
    assert expected  # every archive has some (KODE_TANPA_NAMA at least)
    assert got == expected, selisih(got, expected)


def test_findings_come_sorted_by_satker_then_rule_then_path(
    nyata_temuan: dict[str, list[aturan.Temuan]],
) -> None:
    found = nyata_temuan["menjadi"]
    assert found == sorted(found, key=aturan.kunci_urut)
    order = list(aturan.RULES_SET)
    rules = [(t.tahun, t.tahap, t.satker, t.arsip, order.index(t.temuan.rule)) for t in found]
    assert rules == sorted(rules)
    assert {t.tahap for t in found} == {"uji"}


_TEMPAT = st.tuples(
    st.sampled_from(["2025", "2026"]),
    st.sampled_from(["dipa", "revisi-1"]),
    st.sampled_from(["010001", "527010"]),
    st.sampled_from(["KODE_TANPA_NAMA", "DETAIL_JUMLAH", "AKUN_REFERENSI"]),
    st.sampled_from(["", "015.08.WA/6212", "015.08.WA/6212/6212.FAL"]),
    st.one_of(st.none(), st.integers(1, 3)),
)


@given(st.lists(st.tuples(_TEMPAT, st.dictionaries(st.sampled_from("abc"), st.integers(0, 2))), max_size=30))
def test_findings_of_one_place_are_ordered_by_their_arguments_as_the_sort_key_says(
    rows: list[tuple[tuple[str, str, str, str, str, int | None], dict[str, int]]],
) -> None:
    found = [
        aturan.Temuan(
            satker,
            Finding.of(rule, path, SourceRef("d_item.csv", None, line) if line else None, **args),
            "arsip",
            tahun,
            tahap,
        )
        for (tahun, tahap, satker, rule, path, line), args in rows
    ]
    assert aturan.urutkan(found) == sorted(found, key=aturan.kunci_urut)


def test_one_stage_and_unknown_ids(nyata: ms.Mesin) -> None:
    assert aturan.temuan(nyata, tahap="lain") == []
    only = aturan.temuan(nyata, aturan=["AKUN_TIDAK_DIKENAL"])
    assert only and {t.temuan.rule for t in only} == {"AKUN_TIDAK_DIKENAL"}
    with pytest.raises(ValueError, match="PAGE_NUMBER"):
        aturan.temuan(nyata, aturan=["PAGE_NUMBER"])
    with pytest.raises(ValueError):
        aturan.temuan(nyata, versi="sebelum")


#: volume, harga satuan and the four factors: SAKTI's own lines and the edges of the types
ANGKA = [
    ("3979.3", 5000, "3979", "0", "0", "0"),
    ("248", 31174, "248", "0", "0", "0"),
    ("6", 188000, "2", "1", "3", "0"),
    ("6.0001", 1000, "2", "3", "0", "0"),
    ("2", 999, "0.5", "4", "0", "0"),
    ("0.0625", 1, "0.5", "0.5", "0.5", "0.5"),
    ("0.0001", 1, "0", "0", "0", "0"),
    ("0", 5000, "0", "0", "0", "0"),
    ("1.5", 999, "1.5", "0", "0", "0"),
    ("2", 500, "0", "0", "0", "2"),
    ("12345678.1234", 7, "12345678.1234", "1", "1", "1"),
    ("99999999999999.9999", 999_999_999_999_999_999, "99999999", "99999999", "99999999", "99999999"),
    ("10000000000", 3, "99999999999999.9999", "0.0001", "0", "0"),
    ("1", 1, "99999999999999.9999", "99999999999999.9999", "0.0001", "0.0001"),
]


def hasil_kali(faktor: Iterable[str]) -> Decimal:
    """The product of a line's non-zero factors, exactly (80 digits: Decimal's default 28
    would round a product of 32)."""
    with localcontext(prec=80):
        product = Decimal(1)
        for f in faktor:
            product *= Decimal(f) if Decimal(f) else 1
        return product


def cek_angka(m: ms.Mesin) -> None:
    """SAKTI's rounding (down, at least Rp 1,000; up for DETAIL_JUMLAH_KE_ATAS) and the
    product of a line's factors, as the queries compute them on ``m``, against
    ``core.money`` and Decimal arithmetic (with the digits the largest need: Decimal's
    default 28 would round a product of 32 digits)."""
    from anggaran.core.money import jumlah_sakti, ribuan_ke_atas

    d = "DECIMAL(18,4)"
    kolom = [("id", "INTEGER"), ("volume", d), ("harga_satuan", "BIGINT")]
    kolom += [(f"vol{n}", d) for n in (1, 2, 3, 4)]
    m.daftar_tabel("uji_angka", kolom, [(i, *row) for i, row in enumerate(ANGKA)])
    got = m.sql(
        "SELECT id, seharusnya, ke_atas, sama_faktor FROM "
        f"({aturan._faktor(aturan._rupiah('SELECT * FROM uji_angka'))}) AS t ORDER BY id"
    )
    for (i, bawah, atas, sama), (volume, harga, *faktor) in zip(got, ANGKA, strict=True):
        v = Decimal(volume)
        with localcontext(prec=80):  # the money of the largest has 32 digits
            expected = (jumlah_sakti(v, harga), ribuan_ke_atas(v, harga), hasil_kali(faktor) == v)
        assert (int(bawah), int(atas), bool(sama)) == expected, ANGKA[i]


def test_money_and_factors_are_exact_in_whole_numbers(nyata: ms.Mesin) -> None:
    cek_angka(nyata)


#: lines about the edges of the 64-bit fast paths of ``_calon_garis`` (whole factors below
#: 50,000, whole volume below 10^6, price below 10^12), besides :data:`ANGKA`
TEPI = [
    ("49999", 1000, "49999", "0", "0", "0"),
    ("50000", 1, "50000", "0", "0", "0"),
    ("2499900001", 1, "49999", "49999", "1", "0"),
    ("2500000000", 1, "50000", "50000", "0", "0"),
    ("99999999999999.9999", 1, "49999", "49999", "49999", "49999"),
    ("999999", 999_999_999_999, "999999", "0", "0", "0"),
    ("1000000", 999_999_999_999, "1000", "1000", "0", "0"),
    ("3", 1_000_000_000_000, "3", "0", "0", "0"),
    ("2.5", 1000, "5", "0.5", "0", "0"),
    ("2.6", 1000, "5", "0.5", "0", "0"),
    ("7", 1000, "2", "3", "0", "0"),
    ("2500000001", 1, "50000", "50000", "0", "0"),
    ("99999999999999", 1, "400000", "400000", "400000", "400000"),
]


def cek_garis(m: ms.Mesin) -> None:
    """The line rules' flags (``aturan._garis``, whose candidates ``_calon_garis`` finds in
    64 bits where it can) against ``core.money`` and Decimal arithmetic: each line of
    :data:`ANGKA` and :data:`TEPI` with SAKTI's jumlah and a plan that adds up, and again
    with a jumlah Rp 1,000 off (its plan adding up to it), and with a plan Rp 1 off."""
    from anggaran.core.money import jumlah_sakti
    from anggaran.core.tree import BULAN

    d, v, b = "DECIMAL(18,4)", "VARCHAR", "BIGINT"
    kolom = [(c, v) for c in aturan._POHON]
    kolom += [(c, v) for c in aturan._KUNCI_AKUN]
    kolom += [("item", v), ("uraian", v), ("volume", d), ("satuan", v), ("harga_satuan", b), ("jumlah", b)]
    kolom += [(f"vol{n}", d) for n in (1, 2, 3, 4)] + [(f"sat{n}", v) for n in (1, 2, 3, 4)]
    kolom += [("berkas", v), ("baris", "INTEGER"), ("tingkat", "TINYINT")] + [(x, b) for x in BULAN]
    rows, expected = [], {}
    for i, (volume, harga, *faktor) in enumerate([*ANGKA, *TEPI]):
        with localcontext(prec=80):
            sakti = jumlah_sakti(Decimal(volume), harga)
        salah_faktor = any(Decimal(f) for f in faktor) and hasil_kali(faktor) != Decimal(volume)
        for off in (0, 1, 2):
            jumlah = (sakti if sakti < 2**62 else 0) + (1000 if off == 1 else 0)
            row = ["2026", "uji", "a", "000001", *("x" for _ in aturan._KUNCI_AKUN), "001", "baris"]
            row += [volume, "OH", harga, jumlah, *faktor, "", "", "", "", "d_item.csv", 3 * i + off, 0]
            rows.append(row + [jumlah + (1 if off == 2 else 0), *(0 for _ in BULAN[1:])])
            expected[3 * i + off] = (salah_faktor, jumlah != sakti, off == 2)
    m.daftar_tabel("t_item", kolom, rows)
    got = {
        baris: (bool(f), bool(j), bool(r))
        for baris, f, j, r in m.sql(
            f"SELECT baris, salah_faktor, salah_jumlah, salah_bulanan FROM ({aturan._garis()}) AS g"
        )
    }
    assert got == {k: e for k, e in expected.items() if any(e)}


def test_the_line_rules_fast_paths_keep_every_line_the_exact_arithmetic_reports(nyata: ms.Mesin) -> None:
    cek_garis(nyata)


def test_the_rules_not_set_based_are_named_in_the_module() -> None:
    from anggaran.rules import RULES

    doc = aturan.__doc__ or ""
    for r in RULES:
        assert r.id in doc, r.id
    assert set(aturan.RULES_SET) == {
        "KRO_VOLUME_SUM",
        "RO_SATUAN_OUTSIDE_KRO",
        "KODE_FORMAT",
        "KODE_HIERARCHY",
        "KODE_DUPLICATE",
        "KEGIATAN_PROGRAM",
        "KODE_TANPA_NAMA",
        "DETAIL_VOLUME_FAKTOR",
        "DETAIL_JUMLAH",
        "DETAIL_JUMLAH_KE_ATAS",
        "RENCANA_BULANAN_SUM",
        "RENCANA_PENARIKAN",
        "DETAIL_HEADER_BERNILAI",
        "AKUN_REFERENSI",
        "AKUN_TIDAK_DIKENAL",
        "AKUN_KOMPONEN",
        "AKUN_TANPA_RINCIAN",
        "BLOKIR_TANPA_URAIAN",
    }


# -- a generated set with planted faults ----------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], ms.Mesin]:
    from anggaran.services.generate import generate

    base = tmp_path_factory.mktemp("aturan-gen")
    manifest = generate(base / "set", 60, 20261, faults=40, semula=0.3)
    return base / "set", manifest, ms.buka(konsolidasi(base / "kons", base / "set"))


@pytest.mark.parametrize("versi", ["menjadi", "semula"])
def test_planted_faults_are_found_by_both_and_nothing_else(
    generated: tuple[Path, dict[str, object], ms.Mesin], versi: str
) -> None:
    folder, manifest, m = generated
    found = aturan.temuan(m, versi=versi)
    expected: Counter[Kunci] = Counter()
    for a in sorted(folder.glob("*.zip")):
        expected += per_pohon(a, versi)
    got = set_based(found)
    assert got == expected, selisih(got, expected)
    if versi == "menjadi":
        faults = manifest["faults"]
        assert isinstance(faults, list) and len(faults) == 40
        planted = Counter((f["satker"], f["rule"], f["path"], f["severity"]) for f in faults)
        seen = Counter(
            (t.satker, t.temuan.rule, t.temuan.path, t.temuan.severity.value)
            for t in found
            if t.temuan.rule != "KODE_TANPA_NAMA"  # info: the generated codes have no names
        )
        assert seen == planted


# -- a real archive with faults planted here -------------------------------------------------


class Tabel:
    """One table of an unpacked archive, its CSV rows and its XML rows edited in step (the
    same rows, as SAKTI writes them)."""

    def __init__(self, folder: Path, nama: str) -> None:
        (self.csv,) = [p for p in folder.iterdir() if re.fullmatch(rf"{nama}\d+\.csv", p.name)]
        self.xml = self.csv.with_suffix(".xml")
        data, xml = self.csv.read_bytes(), self.xml.read_bytes()
        self.kolom = read_table(nama, data, xml, self.csv.name, self.xml.name).kolom
        text = data.decode("latin-1")
        body = text.rstrip("\r\n\x1a")
        self.eof = text[len(body) :]
        self.lines = [line.split("|") for line in body.split("\r\n")]
        assert all(len(f) == len(self.kolom) for f in self.lines), nama
        x = xml.decode("latin-1")
        found = re.search(r"<(c_\w+)>", x[x.index("</xsd:schema>") :])
        assert found is not None
        self.blocks = re.findall(rf"<{found.group(1)}>.*?</{found.group(1)}>", x, re.S)
        assert len(self.blocks) == len(self.lines) > 0, nama
        self.head = x[: x.index(self.blocks[0])]
        self.tail = x[x.rindex(self.blocks[-1]) + len(self.blocks[-1]) :]

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> dict[str, str]:
        return {k: v.strip("^") for k, v in zip(self.kolom, self.lines[i], strict=True)}

    def set(self, i: int, **values: object) -> None:
        for k, v in values.items():
            p = self.kolom.index(k)
            self.lines[i][p] = f"^{v}^" if self.lines[i][p].startswith("^") else str(v)
            self.blocks[i], n = re.subn(rf"<{k}>[^<]*</{k}>|<{k}/>", f"<{k}>{v}</{k}>", self.blocks[i])
            assert n == 1, k

    def copy(self, i: int, **values: object) -> int:
        """A copy of row ``i`` (with ``values``) appended; its index."""
        self.lines.append(list(self.lines[i]))
        self.blocks.append(self.blocks[i])
        self.set(len(self) - 1, **values)
        return len(self) - 1

    def drop(self, i: int) -> None:
        del self.lines[i], self.blocks[i]

    def save(self) -> None:
        self.csv.write_bytes(("\r\n".join("|".join(f) for f in self.lines) + self.eof).encode("latin-1"))
        self.xml.write_bytes((self.head + "\n\t".join(self.blocks) + self.tail).encode("latin-1"))


#: the d_* tables that name nodes (a change of a code goes to every one of them)
LEVEL_TABLES = ("d_output", "d_soutput", "d_kmpnen", "d_skmpnen", "d_akun", "d_item", "d_cttakun")


@dataclass
class Baris:
    """A row's codes as the tree's path names them."""

    r: dict[str, str]

    @property
    def program(self) -> str:
        return f"{self.r['kddept']}.{self.r['kdunit']}.{self.r['kdprogram']}"

    def jalur(self, level: str) -> str:
        r = self.r
        parts = [self.program, r["kdgiat"], f"{r['kdgiat']}.{r['kdoutput']}"]
        if level in ("ro", "akun", "item"):
            parts.append(r["kdsoutput"])
        if level in ("akun", "item"):
            parts += [r["kdkmpnen"], r["kdskmpnen"].strip(), r["kdakun"]]
        if level == "item":
            parts.append(r["noitem"])
        return "/".join(parts[: {"kegiatan": 2, "kro": 3}.get(level, len(parts))])

    @property
    def akun_key(self) -> tuple[str, ...]:
        cols = (
            "kdprogram",
            "kdgiat",
            "kdoutput",
            "kdlokasi",
            "kdkabkota",
            "kdsoutput",
            "kdkmpnen",
            "kdskmpnen",
        )
        return tuple(self.r[c] for c in (*cols, "kdakun", "kdkppn", "kdbeban"))


def tanam(folder: Path) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]]]:
    """Plant faults in the unpacked archive 527010 (its d_* tables): (rule, path, variant)
    of the findings it gains, and of those it loses. Each fault takes its own akun, KRO and
    group of the withdrawal plan, none that the archive's own findings are on."""
    t = {n: Tabel(folder, n) for n in (*LEVEL_TABLES, "d_trktrm")}
    it, ak, out, sout, tr = t["d_item"], t["d_akun"], t["d_output"], t["d_soutput"], t["d_trktrm"]
    new: Counter[tuple[str, str, str]] = Counter()
    gone: Counter[tuple[str, str, str]] = Counter()
    items = [Baris(it[i]) for i in range(len(it))]
    ro_rows = [Baris(sout[i]) for i in range(len(sout))]
    kros = [Baris(out[i]) for i in range(len(out))]
    ref = referensi()

    def kro(b: Baris) -> tuple[str, str, str]:
        return (b.program, b.r["kdgiat"], b.r["kdoutput"])

    def group(b: Baris) -> tuple[str, str, str]:
        return (b.program, b.r["kdgiat"], b.r["kdakun"][:2])

    def trktrm(i: int) -> tuple[str, str, str]:
        r = Baris(tr[i])
        return (r.program, r.r["kdgiat"], r.r["jnsbelanja"])

    # the KRO and groups of the archive's own findings (and of the KRO moved below)
    used_kro = {("015.08.CD", "6212", "UAL")}
    used_group = {("015.08.CD", "6212", "52")}
    for tree in read_adk(ADK_527010).arsip.satker:
        for f in run_rules(tree):
            parts = f.path.split("/")
            if f.rule != "KODE_TANPA_NAMA" and len(parts) >= 7:
                used_kro.add((parts[0], parts[1], parts[2].split(".")[-1]))
                used_group.add((parts[0], parts[1], parts[6][:2]))

    def free(b: Baris, own_group: bool = False) -> bool:
        return kro(b) not in used_kro and not (own_group and group(b) in used_group)

    def take(b: Baris, own_group: bool = False) -> Baris:
        used_kro.add(kro(b))
        if own_group:
            used_group.add(group(b))
        return b

    def line(cond: object = None, own_group: bool = False) -> int:
        """A line (not a header) of akun 52x of a KRO no other fault has (then taken), and
        of a group of the withdrawal plan no other fault has with ``own_group``; from the
        end (the first akun is the first place of its sumber dana, unnamed)."""
        for i, b in reversed(list(enumerate(items))):
            if b.r["kdheader"] in ("1", "2") or not b.r["kdakun"].startswith("52"):
                continue
            if free(b, own_group) and (cond is None or cond(b)):  # type: ignore[operator]
                take(b, own_group)
                return i
        raise AssertionError("no line left to plant in")

    def rows(match: dict[str, str], tables: Iterable[str] = LEVEL_TABLES) -> Iterator[tuple[Tabel, int]]:
        """Every row of ``tables`` that matches (backwards: a row may be dropped)."""
        for name in tables:
            for i in reversed(range(len(t[name]))):
                if all(t[name][i].get(c) == v for c, v in match.items()):
                    yield t[name], i

    def ro_of(b: Baris) -> dict[str, str]:
        return {c: b.r[c] for c in ("kdprogram", "kdgiat", "kdoutput", "kdsoutput")}

    def recode(match: dict[str, str], **values: str) -> None:
        for tab, i in list(rows(match)):
            tab.set(i, **values)

    def akun_of(b: Baris) -> dict[str, str]:
        return {**ro_of(b), **{c: b.r[c] for c in ("kdkmpnen", "kdskmpnen", "kdakun")}}

    # AKUN_TIDAK_DIKENAL: two akun recoded to one code the reference lacks: once, at the
    # first (kegiatan 6212 before 6213), "and 1 more place"
    first = items[line(lambda b: b.r["kdgiat"] == "6212")]
    second = items[line(lambda b: b.r["kdgiat"] == "6213")]
    for b in (first, second):
        recode(akun_of(b), kdakun="529991")
    new[("AKUN_TIDAK_DIKENAL", Baris({**first.r, "kdakun": "529991"}).jalur("akun"), "lain_satu")] += 1

    # DETAIL_JUMLAH: jumlah (and its plan, and the withdrawal plan) 1,000 more
    i = line(own_group=True)
    b = items[i]
    it.set(i, jumlah=int(b.r["jumlah"]) + 1000, januari=int(b.r["januari"]) + 1000)
    (g,) = [j for j in range(len(tr)) if trktrm(j) == group(b)]
    tr.set(g, rphpagu=int(tr[g]["rphpagu"]) + 1000, jml01=int(tr[g]["jml01"]) + 1000)
    new[("DETAIL_JUMLAH", b.jalur("item"), "")] += 1

    # RENCANA_BULANAN_SUM on a line without an item number: its path is #n, its place
    i = line(own_group=True)
    b = items[i]
    it.set(i, noitem="", pebruari=int(b.r["pebruari"]) + 5000)
    n = sum(1 for x in items if x.akun_key == b.akun_key)
    new[("RENCANA_BULANAN_SUM", b.jalur("akun") + f"/#{n}", "")] += 1

    # DETAIL_VOLUME_FAKTOR: a factor of a line of two or more changed
    i = line(lambda b: sum(1 for k in ("vol1", "vol2", "vol3", "vol4") if b.r[k] not in ("0", "")) >= 2)
    it.set(i, vol1=int(items[i].r["vol1"]) + 1)
    new[("DETAIL_VOLUME_FAKTOR", items[i].jalur("item"), "kali")] += 1

    # DETAIL_HEADER_BERNILAI: header lines with a price, a jumlah, a plan
    for values, variant in (
        ({"hargasat": 5000}, "volume"),
        ({"jumlah": 1000}, ""),
        ({"januari": 2000}, "rencana"),
    ):
        i = next(i for i, b in enumerate(items) if b.r["kdheader"] in ("1", "2") and free(b))
        it.set(i, **values)
        new[("DETAIL_HEADER_BERNILAI", take(items[i]).jalur("item"), variant)] += 1

    # KRO_VOLUME_SUM: a KRO's volume one more; another without the rows of one of its RO
    def kro_free(k: Baris, ros: int) -> bool:
        mine = [r for r in ro_rows if kro(r) == kro(k)]
        return kro(k) not in used_kro and len(mine) >= ros and all(float(r.r["volsout"]) > 0 for r in mine)

    k = next(i for i, x in enumerate(kros) if kro_free(x, 1))
    out.set(k, vol=int(float(kros[k].r["vol"])) + 1)
    new[("KRO_VOLUME_SUM", take(kros[k]).jalur("kro"), "")] += 1
    k = next(i for i, x in enumerate(kros) if kro_free(x, 2))
    r7 = next(r for r in ro_rows if kro(r) == kro(take(kros[k])))
    new[("KRO_VOLUME_SUM", kros[k].jalur("kro"), "tanpa")] += 1
    new[("KODE_TANPA_NAMA", r7.jalur("ro"), "")] += 1  # its name was on its row

    # RO_SATUAN_OUTSIDE_KRO: an RO's satuan none of its KRO's
    i = next(i for i, r in enumerate(ro_rows) if free(r) and ref.kro.get(r.jalur("kro").split("/")[-1]))
    sout.set(i, sbmksat="Paket")
    new[("RO_SATUAN_OUTSIDE_KRO", take(ro_rows[i]).jalur("ro"), "")] += 1

    # (the RO of the second KRO loses its own rows: its node comes from its akun rows)
    for tab, i in rows(ro_of(r7), ("d_soutput", "d_kmpnen", "d_skmpnen")):
        tab.drop(i)

    # AKUN_REFERENSI: an akun recoded to a revenue akun; its group's withdrawal plan loses
    # its lines, and they make a group of their own without a row
    b = items[line(own_group=True)]
    recode(akun_of(b), kdakun="425131")
    new[("AKUN_REFERENSI", Baris({**b.r, "kdakun": "425131"}).jalur("akun"), "")] += 1
    if ref.akun_dikenal("425131") and not ref.nama("akun", "425131"):  # known, without a name
        new[("KODE_TANPA_NAMA", Baris({**b.r, "kdakun": "425131"}).jalur("akun"), "")] += 1
    new[("RENCANA_PENARIKAN", f"{b.program}/{b.r['kdgiat']}", "")] += 1
    new[("RENCANA_PENARIKAN", f"{b.program}/{b.r['kdgiat']}", "tanpa_baris")] += 1

    # AKUN_TANPA_RINCIAN: an akun row without lines (a named akun of the same jenis)
    b = items[line()]
    (a,) = [i for i in range(len(ak)) if Baris(ak[i]).akun_key == b.akun_key]
    there = {Baris(ak[i]).akun_key[:-3] + (ak[i]["kdakun"],) for i in range(len(ak))}
    kode = next(
        k for k in sorted(ref.akun) if k[:2] == "52" and ref.akun[k] and b.akun_key[:-3] + (k,) not in there
    )
    ak.copy(a, kdakun=kode)
    new[("AKUN_TANPA_RINCIAN", Baris({**b.r, "kdakun": kode}).jalur("akun"), "")] += 1

    # BLOKIR_TANPA_URAIAN: a blocked line, its akun's reason on its row, but the row comes
    # twice and the later one (which the reader keeps) has none
    i = line()
    b = items[i]
    it.set(i, rphblokir=50000)
    (a,) = [j for j in range(len(ak)) if Baris(ak[j]).akun_key == b.akun_key]
    ak.set(a, uraiblokir="menunggu dokumen")
    ak.copy(a, uraiblokir="")
    new[("BLOKIR_TANPA_URAIAN", b.jalur("akun"), "")] += 1

    # KODE_DUPLICATE: a named KRO's row again at another lokasi (02.51, a kab/kota without
    # a name)
    k = next(i for i, x in enumerate(kros) if kro(x) not in used_kro and ref.kro.get(x.jalur("kro")[-8:]))
    out.copy(k, kdlokasi="02", kdkabkota="51")
    new[("KODE_DUPLICATE", take(kros[k]).jalur("kro"), "di_bawah")] += 1
    assert ref.nama("lokasi", "02.51") is None
    new[("KODE_TANPA_NAMA", kros[k].jalur("kro"), "")] += 1

    # KEGIATAN_PROGRAM: KRO 6212.UAL moved to program WA; its lines leave CD's withdrawal
    # plan and have none in WA; its missing name moves with it
    recode({"kdprogram": "CD", "kdgiat": "6212", "kdoutput": "UAL"}, kdprogram="WA")
    new[("KEGIATAN_PROGRAM", "015.08.WA/6212", "")] += 1
    new[("RENCANA_PENARIKAN", "015.08.CD/6212", "")] += 1
    new[("RENCANA_PENARIKAN", "015.08.WA/6212", "tanpa_baris")] += 1
    new[("KODE_TANPA_NAMA", "015.08.WA/6212/6212.UAL", "")] += 1
    gone[("KODE_TANPA_NAMA", "015.08.CD/6212/6212.UAL", "")] += 1
    if not ref.nama("kegiatan", "6212"):  # unnamed: now in two places
        new[("KODE_TANPA_NAMA", "015.08.CD/6212", "lain")] += 1
        gone[("KODE_TANPA_NAMA", "015.08.CD/6212", "")] += 1

    # KODE_FORMAT: an RO code recoded to one of a wrong format
    r = next(r for r in ro_rows if free(r) and r.r["kdsoutput"] == "001")
    recode(ro_of(take(r)), kdsoutput="A-1")
    new[("KODE_FORMAT", Baris({**r.r, "kdsoutput": "A-1"}).jalur("ro"), "")] += 1

    # RENCANA_PENARIKAN: a row whose months do not add up to its pagu, and one whose months
    # add up but differ from its lines'
    j3, j4 = [j for j in range(len(tr)) if trktrm(j) not in used_group and int(tr[j]["jml05"]) >= 1000][:2]
    tr.set(j3, jml03=int(tr[j3]["jml03"]) + 1000)
    tr.set(j4, jml04=int(tr[j4]["jml04"]) + 1000, jml05=int(tr[j4]["jml05"]) - 1000)
    for j, variant in ((j3, "bulanan"), (j4, "bulan")):
        new[("RENCANA_PENARIKAN", "/".join(trktrm(j)[:2]), variant)] += 1

    for tab in t.values():
        tab.save()
    return new, gone


def tempat(found: Counter[Kunci]) -> Counter[tuple[str, str, str]]:
    return Counter({(str(k[1]), str(k[3]), str(k[6])): n for k, n in found.items()})


@pytest.fixture(scope="module")
def ditanam(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ms.Mesin, Counter, Counter]:  # type: ignore[type-arg]
    base = tmp_path_factory.mktemp("aturan-tanam")
    folder = base / ADK_527010.name.removesuffix(".zip")
    with zipfile.ZipFile(ADK_527010) as z:
        z.extractall(folder)
    new, gone = tanam(folder)
    return folder, ms.buka(konsolidasi(base / "kons", folder)), new, gone


def test_faults_planted_in_a_real_archive_are_found_by_both_and_nothing_else(
    ditanam: tuple[Path, ms.Mesin, Counter, Counter],  # type: ignore[type-arg]
) -> None:
    folder, m, new, gone = ditanam
    expected = per_pohon(folder)
    got = set_based(aturan.temuan(m))
    assert got == expected, selisih(got, expected)
    before = tempat(per_pohon(ADK_527010))
    after = tempat(got)
    assert after - before == new
    assert before - after == gone
    # the merged akun row: its source is the later row, the one the reader keeps
    (blokir,) = [k for k in got if k[1] == "BLOKIR_TANPA_URAIAN"]
    assert blokir[5] == len(Tabel(folder, "d_akun"))


@pytest.mark.parametrize("versi", ["menjadi", "semula"])
def test_the_semula_side_of_the_planted_archive(
    ditanam: tuple[Path, ms.Mesin, Counter, Counter],
    versi: str,  # type: ignore[type-arg]
) -> None:
    folder, m, _, _ = ditanam
    got = set_based(aturan.temuan(m, versi=versi))
    assert got == per_pohon(folder, versi)


# -- rows without a line, as a document gives them ------------------------------------------


def _tanpa_baris(tmp_path: Path, kegiatan: str, kros: tuple[str, ...]) -> ms.Mesin:
    """One satker's rows of a document that names no line (``baris`` 0 on every row): a KRO
    of volume 5 per code of ``kros`` (under ``kegiatan``), two ROs of volume 1 under the
    first, an akun whose own row gives a reason for the Rp 1,000 its one line blocks."""
    from anggaran.core.tree import BULAN
    from anggaran.konsolidasi import pohon, skema

    asal = {"tahun": "2026", "tahap": "uji", "versi": "menjadi", "arsip": "dok", "berkas": "dok.json"}
    asal |= {"baris": 0, "kl": "015", "unit": "015.08", "satker": "000001"}
    kode = {"program": "015.08.WA", "kegiatan": kegiatan, "kro": f"{kegiatan}.{kros[0]}"}
    tempat = {"provinsi": "31", "kabkota": "51"}
    rows: dict[str, list[dict[str, object]]] = {k: [] for k in skema.DATASET}
    for kro in kros:
        rows["kro"].append({**asal, **kode, "kro": f"{kegiatan}.{kro}", **tempat, "volume": Decimal(5)})
    for ro in ("001", "002"):
        rows["ro"].append(
            {**asal, **kode, **tempat, "ro": ro, "uraian": "u", "volume": Decimal(1), "satuan": "x"}
        )
    akun = {**kode, **tempat, "ro": "001", "komponen": "051", "sub_komponen": "A", "akun": "521211"}
    akun |= {"jenis_belanja": "52", "sumber_dana": "A", "kppn": "019"}
    rows["akun"].append({**asal, **akun, "kdblokir": "1", "uraian_blokir": "alasan"})
    nol = {f"vol{i}": Decimal(0) for i in (1, 2, 3, 4)} | {f"sat{i}": "" for i in (1, 2, 3, 4)}
    rows["item"].append(
        {**asal, **akun, "item": "1", "tingkat": 0, "uraian": "x", **nol, "volume": Decimal(1)}
        | {"satuan": "OH", "harga_satuan": 1000, "jumlah": 1000, "blokir": 1000, "kdib": ""}
        | {b: (1000 if b == BULAN[0] else 0) for b in BULAN}
    )
    pohon.tulis(rows, tmp_path, "dok")
    return ms.buka(tmp_path)


def test_rows_without_a_line_each_give_their_own_node(tmp_path: Path) -> None:
    # rows that share their place (baris 0) are still told apart by what they are: the
    # KRO's volume is not its ROs' sum, the akun's own row gives the reason of its blokir
    m = _tanpa_baris(tmp_path / "a", "6212", ("FAL",))
    ids = ["KRO_VOLUME_SUM", "BLOKIR_TANPA_URAIAN", "AKUN_TANPA_RINCIAN", "KODE_FORMAT"]
    got = [(t.temuan.rule, t.temuan.path, t.temuan.source) for t in aturan.temuan(m, aturan=ids)]
    assert got == [("KRO_VOLUME_SUM", "015.08.WA/6212/6212.FAL", SourceRef("dok.json", None, 0))]
    m = _tanpa_baris(tmp_path / "b", "62X", ("FAL", "FBA"))
    got = [(t.temuan.path, t.temuan.source) for t in aturan.temuan(m, aturan=["KODE_FORMAT"])]
    assert got == [
        (path, SourceRef("dok.json", None, 0))
        for path in ("015.08.WA/62X", "015.08.WA/62X/62X.FAL", "015.08.WA/62X/62X.FBA")
    ]
