"""Bagian B rules: detail lines (volume, jumlah, monthly plan), the withdrawal plan per
jenis belanja, and akun (known, fitting its komponen, blocked with a reason).

Sources: DOMAIN.md rules 5-8 and 11, measured on real SAKTI ADK archives; SAKTI refuses a
monthly plan that does not add up to the line (its error 053).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from anggaran.core.findings import N_, Finding, Severity
from anggaran.core.kode import Level
from anggaran.core.money import jumlah_sakti, ribuan_ke_atas
from anggaran.core.tree import Akun, Detail, Kegiatan, Komponen, Program, RkaSatker, Step, nodes
from anggaran.reference import referensi
from anggaran.rules.registry import rule


def _lines(tree: RkaSatker) -> Iterator[tuple[Step, Detail]]:
    """Every detail line that is not a group header, with its step of the walk."""
    for step in nodes(tree, Level.DETAIL):
        d = step.node
        assert isinstance(d, Detail)
        if not d.header:
            yield step, d


def _akun(tree: RkaSatker) -> Iterator[tuple[Step, Akun]]:
    for step in nodes(tree, Level.AKUN):
        assert isinstance(step.node, Akun)
        yield step, step.node


def _item(d: Detail) -> dict[str, Any]:
    """The arguments naming a line in messages: its number and the start of its uraian."""
    return {"item": d.kode or "?", "uraian": d.uraian.strip()[:60]}


@rule(
    "DETAIL_VOLUME_FAKTOR",
    Severity.WARNING,
    N_("A detail line's volume = the product of its non-zero factors"),
    "DOMAIN.md rule 5",
    N_("item {item} {uraian!r}: volume {volume:n} {satuan}, its factors {faktor}"),
    {"kali": N_("item {item} {uraian!r}: volume {volume:n} {satuan}, its factors {faktor} = {hasil_kali:n}")},
)
def volume_faktor(tree: RkaSatker) -> Iterator[Finding]:
    """A line with factors (``1 KEG x 75 ORG``) has volume = their product. A warning: the
    ADK exports factors without decimals (a volume of 3979.3 shows the factor 3979)."""
    for step, d in _lines(tree):
        product = d.volume_faktor()
        if product is None or product == d.volume:
            continue
        yield Finding.of(
            "DETAIL_VOLUME_FAKTOR",
            step.path,
            d.source,
            variant="kali" if len(d.faktor) > 1 else "",
            **_item(d),
            volume=str(d.volume),
            satuan=d.satuan,
            faktor=d.volume_text(),
            hasil_kali=str(product),
        )


def _rounded_up(a: Akun, d: Detail) -> bool:
    product = d.volume * d.harga_satuan
    return a.kode.startswith("51") and product > 0 and d.jumlah == ribuan_ke_atas(d.volume, d.harga_satuan)


def _jumlah_lain(tree: RkaSatker, ke_atas: bool) -> Iterator[tuple[Step, Detail, int]]:
    """The lines whose jumlah is not volume x harga satuan as SAKTI rounds it (down to the
    thousand), with that amount: those a belanja pegawai line rounded up explains
    (``ke_atas``), or the others."""
    for step, d in _lines(tree):
        expected = jumlah_sakti(d.volume, d.harga_satuan)
        akun = step.parent
        assert isinstance(akun, Akun)
        if expected != d.jumlah and _rounded_up(akun, d) == ke_atas:
            yield step, d, expected


def _hitungan(d: Detail, expected: int) -> dict[str, Any]:
    """The figures of a line's jumlah and the amount expected, for a finding."""
    return {
        **_item(d),
        "volume": str(d.volume),
        "harga_satuan": d.harga_satuan,
        "hasil_kali": str(d.volume * d.harga_satuan),
        "jumlah": d.jumlah,
        "seharusnya": expected,
    }


@rule(
    "DETAIL_JUMLAH",
    Severity.ERROR,
    N_("A detail line's jumlah = volume x harga satuan rounded down to Rp 1,000 (at least 1,000)"),
    "SAKTI rounding, DOMAIN.md rule 6",
    N_(
        "item {item} {uraian!r}: jumlah {jumlah:rp}, volume x harga satuan = {volume:n} x {harga_satuan:rp} "
        "= {hasil_kali:rp}, expected {seharusnya:rp} (difference {selisih:rp})"
    ),
)
def detail_jumlah(tree: RkaSatker) -> Iterator[Finding]:
    """jumlah = floor(volume x harga satuan / 1,000) x 1,000, at least Rp 1,000 when the
    product is positive. A belanja pegawai (51x) line rounded *up* to the thousand is left
    to DETAIL_JUMLAH_KE_ATAS."""
    for step, d, expected in _jumlah_lain(tree, ke_atas=False):
        yield Finding.of(
            "DETAIL_JUMLAH",
            step.path,
            d.source,
            **_hitungan(d, expected),
            selisih=d.jumlah - expected,
        )


@rule(
    "DETAIL_JUMLAH_KE_ATAS",
    Severity.WARNING,
    N_("A belanja pegawai line's jumlah rounded up to the thousand"),
    "DOMAIN.md rule 6 (the exceptions seen: payroll allowances)",
    N_(
        "item {item} {uraian!r}: {volume:n} x {harga_satuan:rp} = {hasil_kali:rp} rounded up to {jumlah:rp} "
        "(SAKTI rounds down: {seharusnya:rp})"
    ),
)
def detail_jumlah_ke_atas(tree: RkaSatker) -> Iterator[Finding]:
    """A 51x line whose jumlah is volume x harga satuan rounded *up* to Rp 1,000: seen on
    payroll allowances that SAKTI accepted, so a warning, not an error."""
    for step, d, expected in _jumlah_lain(tree, ke_atas=True):
        yield Finding.of("DETAIL_JUMLAH_KE_ATAS", step.path, d.source, **_hitungan(d, expected))


@rule(
    "RENCANA_BULANAN_SUM",
    Severity.ERROR,
    N_("A detail line's monthly plan adds up to its jumlah"),
    "SAKTI error 053; DOMAIN.md rule 7",
    N_(
        "item {item} {uraian!r}: jumlah {jumlah:rp}, monthly plan January–December {rencana:rp} "
        "(difference {selisih:rp})"
    ),
)
def rencana_bulanan(tree: RkaSatker) -> Iterator[Finding]:
    """januari + ... + desember = jumlah for every line that carries a plan."""
    for step, d in _lines(tree):
        if not d.rencana_bulanan:
            continue
        total = sum(d.rencana_bulanan)
        if total == d.jumlah:
            continue
        yield Finding.of(
            "RENCANA_BULANAN_SUM",
            step.path,
            d.source,
            **_item(d),
            jumlah=d.jumlah,
            rencana=total,
            selisih=d.jumlah - total,
            bulanan=list(d.rencana_bulanan),
        )


@rule(
    "RENCANA_PENARIKAN",
    Severity.ERROR,
    N_("The withdrawal plan per program/kegiatan/jenis belanja equals its detail lines"),
    "DIPA halaman III (d_trktrm); DOMAIN.md rule 7",
    N_(
        "withdrawal plan {program} {kegiatan} jenis belanja {jenis_belanja}: pagu {pagu:rp}, its detail "
        "lines {jumlah_rincian:rp} (difference {selisih:rp})"
    ),
    {
        "bulanan": N_(
            "withdrawal plan {program} {kegiatan} jenis belanja {jenis_belanja}: pagu {pagu:rp}, "
            "January–December {bulanan:rp}"
        ),
        "bulan": N_(
            "withdrawal plan {program} {kegiatan} jenis belanja {jenis_belanja}: month(s) {bulan:list} "
            "differ from its lines' monthly plans"
        ),
        "tanpa_baris": N_(
            "lines of {program} {kegiatan} jenis belanja {jenis_belanja} ({jumlah_rincian:rp}) have no "
            "withdrawal plan row (d_trktrm)"
        ),
    },
)
def rencana_penarikan(tree: RkaSatker) -> Iterator[Finding]:
    """Each spending row of d_trktrm: pagu = the lines' jumlah, its months add up to its
    pagu, and each month = the lines' plans for that month. Month differences in a group
    holding a line whose own plan does not add up are that line's fault (reported by
    RENCANA_BULANAN_SUM), not reported again. A group of lines without a row is an error,
    also in a satker with no row at all when its source carried the table."""
    if not tree.rencana_penarikan and not tree.rencana_penarikan_ada:
        return
    sums: dict[tuple[str, str, str], list[int]] = {}
    bad_plan: set[tuple[str, str, str]] = set()
    for step, d in _lines(tree):
        p, k, *_, a = step.ancestors
        assert isinstance(p, Program) and isinstance(k, Kegiatan) and isinstance(a, Akun)
        key = (p.kode, k.kode, a.kode[:2])
        s = sums.setdefault(key, [0] * 13)
        s[0] += d.jumlah
        for m, v in enumerate(d.rencana_bulanan[:12]):
            s[m + 1] += v
        if d.rencana_bulanan and sum(d.rencana_bulanan) != d.jumlah:
            bad_plan.add(key)
    seen = set()
    for r in tree.rencana_penarikan:
        if r.kdtrktrm != "1":
            continue
        key = (r.program, r.kegiatan, r.jenis_belanja)
        seen.add(key)
        s = sums.get(key, [0] * 13)
        where = f"{r.program}/{r.kegiatan}"
        row: dict[str, Any] = {
            "program": r.program,
            "kegiatan": r.kegiatan,
            "jenis_belanja": r.jenis_belanja,
            "pagu": r.pagu,
        }
        if r.pagu != s[0]:
            yield Finding.of(
                "RENCANA_PENARIKAN", where, r.source, **row, jumlah_rincian=s[0], selisih=r.pagu - s[0]
            )
        elif sum(r.bulanan) != r.pagu and key not in bad_plan:
            yield Finding.of(
                "RENCANA_PENARIKAN", where, r.source, variant="bulanan", **row, bulanan=sum(r.bulanan)
            )
        elif r.bulanan != s[1:] and key not in bad_plan:
            months = [m + 1 for m in range(12) if r.bulanan[m] != s[m + 1]]
            yield Finding.of("RENCANA_PENARIKAN", where, r.source, variant="bulan", **row, bulan=months)
    for key, s in sums.items():
        if key not in seen and s[0]:
            yield Finding.of(
                "RENCANA_PENARIKAN",
                f"{key[0]}/{key[1]}",
                None,
                variant="tanpa_baris",
                program=key[0],
                kegiatan=key[1],
                jenis_belanja=key[2],
                jumlah_rincian=s[0],
            )


def _spending_akun(kode: str) -> bool:
    return len(kode) == 6 and kode.isdigit() and kode[:2] in referensi().jenis_belanja


@rule(
    "DETAIL_HEADER_BERNILAI",
    Severity.ERROR,
    N_("A header line of a detail group carries no money, volume or price"),
    "SAKTI d_item (kdheader 1/2)",
    N_("header line {item} {uraian!r} carries jumlah {jumlah:rp} (not counted in the akun)"),
    {
        "rencana": N_(
            "header line {item} {uraian!r} carries a monthly plan of {rencana:rp} (not counted in the akun)"
        ),
        "volume": N_(
            "header line {item} {uraian!r} carries volume {volume:n} ({faktor}) and harga satuan "
            "{harga_satuan:rp}: "
            "a header line groups the lines below it and has neither"
        ),
    },
)
def header_bernilai(tree: RkaSatker) -> Iterator[Finding]:
    """Header lines group the lines after them; SAKTI gives them no volume, factors, price
    or plan, and the totals leave them out. One that carries a jumlah or a plan is an error
    (that money is in no total), and so is one with a volume, factors or a harga satuan
    (a line keyed as a header by mistake)."""
    for step in nodes(tree, Level.DETAIL):
        d = step.node
        assert isinstance(d, Detail)
        if not d.header:
            continue
        if d.jumlah:
            yield Finding.of("DETAIL_HEADER_BERNILAI", step.path, d.source, **_item(d), jumlah=d.jumlah)
        elif any(d.rencana_bulanan):
            yield Finding.of(
                "DETAIL_HEADER_BERNILAI",
                step.path,
                d.source,
                variant="rencana",
                **_item(d),
                rencana=sum(d.rencana_bulanan),
            )
        if d.volume or d.faktor or d.harga_satuan:
            yield Finding.of(
                "DETAIL_HEADER_BERNILAI",
                step.path,
                d.source,
                variant="volume",
                **_item(d),
                volume=str(d.volume),
                faktor=d.volume_text() if d.faktor else "-",
                harga_satuan=d.harga_satuan,
            )


@rule(
    "AKUN_REFERENSI",
    Severity.ERROR,
    N_("A spending akun: 6 digits starting with a jenis belanja 51–58"),
    "Bagan Akun Standar; reference/jenis_belanja.csv",
    N_("akun {akun!r}: not a spending akun (6 digits starting with jenis belanja 51–58)"),
)
def akun_referensi(tree: RkaSatker) -> Iterator[Finding]:
    """An akun that is no spending akun of the Bagan Akun Standar."""
    for step, a in _akun(tree):
        if not _spending_akun(a.kode):
            yield Finding.of("AKUN_REFERENSI", step.path, a.source, akun=a.kode)


@rule(
    "AKUN_TIDAK_DIKENAL",
    Severity.WARNING,
    N_("The akun is in the akun reference table"),
    "reference/akun.csv (the akun seen so far, with sources)",
    N_(
        "akun {akun} is not yet in Anggaran's akun reference table: its name cannot be shown and the code "
        "cannot be confirmed"
    ),
    {
        "lain": N_(
            "akun {akun} is not yet in Anggaran's akun reference table: its name cannot be shown and "
            "the code cannot be confirmed (and {lain} more places)"
        ),
        "lain_satu": N_(
            "akun {akun} is not yet in Anggaran's akun reference table: its name cannot be shown and "
            "the code cannot be confirmed (and 1 more place)"
        ),
    },
)
def akun_tidak_dikenal(tree: RkaSatker) -> Iterator[Finding]:
    """A well-formed spending akun missing from the shipped reference: a warning, since the
    reference lists only the akun its sources named. One finding per akun code, at its
    first place."""
    ref = referensi()
    unknown: dict[str, list[tuple[Step, Akun]]] = {}
    for step, a in _akun(tree):
        if _spending_akun(a.kode) and not ref.akun_dikenal(a.kode):
            unknown.setdefault(a.kode, []).append((step, a))
    for kode, places in unknown.items():
        step, a = places[0]
        others = len(places) - 1
        variant = "" if not others else "lain_satu" if others == 1 else "lain"
        yield Finding.of(
            "AKUN_TIDAK_DIKENAL",
            step.path,
            a.source,
            variant=variant,
            akun=kode,
            tempat=len(places),
            lain=others,
        )


#: komponen -> the jenis belanja it holds, as seen on every akun of the real archives
_KOMPONEN_JENIS = {"001": {"51"}, "002": {"52"}}


@rule(
    "AKUN_KOMPONEN",
    Severity.WARNING,
    N_("Akun fits its komponen (001 salaries: 51; 002 operations: 52; 51 only under 001)"),
    "DOMAIN.md rule 8 (seen; unsure as a rule)",
    N_("akun {akun} (jenis belanja {jenis}) under komponen {komponen} {komponen_nama!r}"),
)
def akun_komponen(tree: RkaSatker) -> Iterator[Finding]:
    """Komponen 001 holds belanja pegawai (51x), 002 belanja barang (52x), and 51x sits
    only under 001 (every akun of the three real archives)."""
    for step, a in _akun(tree):
        c = step.ancestors[4]
        assert isinstance(c, Komponen)
        jenis = a.kode[:2]
        allowed = _KOMPONEN_JENIS.get(c.kode)
        if not _spending_akun(a.kode):
            continue  # AKUN_REFERENSI says so
        if (allowed is not None and jenis not in allowed) or (jenis == "51" and c.kode != "001"):
            yield Finding.of(
                "AKUN_KOMPONEN",
                step.path,
                a.source,
                akun=a.kode,
                jenis=jenis,
                komponen=c.kode,
                komponen_nama=c.nama,
            )


@rule(
    "AKUN_TANPA_RINCIAN",
    Severity.WARNING,
    N_("An akun has detail lines"),
    "SAKTI d_akun/d_item",
    N_("akun {akun} has no detail lines (Rp 0)"),
)
def akun_tanpa_rincian(tree: RkaSatker) -> Iterator[Finding]:
    """An akun row with no detail line under it (only for trees that carry lines)."""
    if not any(True for _ in nodes(tree, Level.DETAIL)):
        return
    for step, a in _akun(tree):
        if not a.detail:
            yield Finding.of("AKUN_TANPA_RINCIAN", step.path, a.source, akun=a.kode)


@rule(
    "BLOKIR_TANPA_URAIAN",
    Severity.WARNING,
    N_("A blocked amount comes with its reason"),
    "DIPA halaman IV; DOMAIN.md rule 11",
    N_("akun {akun}: {blokir:rp} blocked without a reason"),
)
def blokir(tree: RkaSatker) -> Iterator[Finding]:
    """An akun with blocked lines (blokir > 0) states why (uraian blokir)."""
    for step, a in _akun(tree):
        if a.blokir and not a.uraian_blokir:
            yield Finding.of("BLOKIR_TANPA_URAIAN", step.path, a.source, akun=a.kode, blokir=a.blokir)
