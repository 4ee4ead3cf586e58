"""Bagian B rules: detail lines (volume, jumlah, monthly plan), the withdrawal plan per
jenis belanja, and akun (known, fitting its komponen, blocked with a reason).

Sources: DOMAIN.md rules 5-8 and 11, measured on real SAKTI ADK archives; SAKTI refuses a
monthly plan that does not add up to the line (its error 053).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from anggaran.core.findings import Finding, Severity
from anggaran.core.money import Rupiah, format_angka, format_rupiah, jumlah_sakti, ribuan_ke_atas
from anggaran.core.tree import KRO, RO, Akun, Detail, Kegiatan, Komponen, Program, RkaSatker, SubKomponen
from anggaran.reference import referensi
from anggaran.rules.registry import rule

_Anc = tuple[Program, Kegiatan, KRO, RO, Komponen, SubKomponen, Akun]


def _rp(amount: Rupiah) -> str:
    return f"Rp {format_rupiah(amount)}"


def _path(anc: _Anc) -> str:
    p, k, kro, ro, c, s, a = anc
    return f"{p.kode}/{k.kode}/{kro.kode}/{ro.kode}/{c.kode}/{s.kode.strip()}/{a.kode}"


def _lines(tree: RkaSatker) -> Iterator[tuple[_Anc, Detail]]:
    for anc in tree.akun():
        for d in anc[-1].detail:
            if not d.header:
                yield anc, d


def _item(d: Detail) -> str:
    return f"item {d.kode or '?'} {d.uraian.strip()[:60]!r}"


@rule(
    "DETAIL_VOLUME_FAKTOR",
    Severity.WARNING,
    "Volume rincian = hasil kali faktor volumenya",
    "A detail line's volume = the product of its non-zero factors",
    "DOMAIN.md rule 5",
)
def volume_faktor(tree: RkaSatker) -> Iterator[Finding]:
    """A line with factors (``1 KEG x 75 ORG``) has volume = their product. A warning: the
    ADK exports factors without decimals (a volume of 3979.3 shows the factor 3979)."""
    for anc, d in _lines(tree):
        product = d.volume_faktor()
        if product is None or product == d.volume:
            continue
        product_text = f" = {format_angka(product)}" if len(d.faktor) > 1 else ""
        yield Finding(
            "DETAIL_VOLUME_FAKTOR",
            Severity.WARNING,
            _path(anc),
            f"{_item(d)}: volume {format_angka(d.volume)} {d.satuan}, faktornya "
            f"{d.volume_text()}{product_text}",
            f"{_item(d)}: volume {format_angka(d.volume)} {d.satuan}, its factors "
            f"{d.volume_text()}{product_text}",
            d.source,
            {"volume": str(d.volume), "hasil_kali": str(product)},
        )


def _hasil(product: Decimal) -> str:
    """volume x harga satuan as money: ``Rp 96,873,700`` (``Rp 7,731,152.5`` with a fraction)."""
    whole = int(product)
    rest = format_angka(product - whole)[1:] if product != whole else ""
    return f"Rp {format_rupiah(whole)}{rest}"


def _rounded_up(a: Akun, d: Detail) -> bool:
    product = d.volume * d.harga_satuan
    return a.kode.startswith("51") and product > 0 and d.jumlah == ribuan_ke_atas(d.volume, d.harga_satuan)


@rule(
    "DETAIL_JUMLAH",
    Severity.ERROR,
    "Jumlah rincian = volume x harga satuan, dibulatkan ke bawah ke ribuan (min. Rp 1.000)",
    "A detail line's jumlah = volume x harga satuan rounded down to Rp 1,000 (at least 1,000)",
    "SAKTI rounding, DOMAIN.md rule 6",
)
def detail_jumlah(tree: RkaSatker) -> Iterator[Finding]:
    """jumlah = floor(volume x harga satuan / 1,000) x 1,000, at least Rp 1,000 when the
    product is positive. A belanja pegawai (51x) line rounded *up* to the thousand is left
    to DETAIL_JUMLAH_KE_ATAS."""
    for anc, d in _lines(tree):
        expected = jumlah_sakti(d.volume, d.harga_satuan)
        if expected == d.jumlah or _rounded_up(anc[-1], d):
            continue
        product = d.volume * d.harga_satuan
        yield Finding(
            "DETAIL_JUMLAH",
            Severity.ERROR,
            _path(anc),
            f"{_item(d)}: jumlah {_rp(d.jumlah)}, volume x harga satuan = {format_angka(d.volume)} x "
            f"{_rp(d.harga_satuan)} = {_hasil(product)}, seharusnya {_rp(expected)} "
            f"(selisih {_rp(d.jumlah - expected)})",
            f"{_item(d)}: jumlah {_rp(d.jumlah)}, volume x harga satuan = {format_angka(d.volume)} x "
            f"{_rp(d.harga_satuan)} = {_hasil(product)}, expected {_rp(expected)} "
            f"(difference {_rp(d.jumlah - expected)})",
            d.source,
            {
                "volume": str(d.volume),
                "harga_satuan": d.harga_satuan,
                "jumlah": d.jumlah,
                "seharusnya": expected,
                "selisih": d.jumlah - expected,
            },
        )


@rule(
    "DETAIL_JUMLAH_KE_ATAS",
    Severity.WARNING,
    "Jumlah rincian belanja pegawai dibulatkan ke atas ke ribuan",
    "A belanja pegawai line's jumlah rounded up to the thousand",
    "DOMAIN.md rule 6 (the exceptions seen: payroll allowances)",
)
def detail_jumlah_ke_atas(tree: RkaSatker) -> Iterator[Finding]:
    """A 51x line whose jumlah is volume x harga satuan rounded *up* to Rp 1,000: seen on
    payroll allowances that SAKTI accepted, so a warning, not an error."""
    for anc, d in _lines(tree):
        if jumlah_sakti(d.volume, d.harga_satuan) == d.jumlah or not _rounded_up(anc[-1], d):
            continue
        product = d.volume * d.harga_satuan
        expected = jumlah_sakti(d.volume, d.harga_satuan)
        yield Finding(
            "DETAIL_JUMLAH_KE_ATAS",
            Severity.WARNING,
            _path(anc),
            f"{_item(d)}: {format_angka(d.volume)} x {_rp(d.harga_satuan)} = {_hasil(product)} "
            f"dibulatkan ke atas menjadi {_rp(d.jumlah)} (aturan SAKTI ke bawah: {_rp(expected)})",
            f"{_item(d)}: {format_angka(d.volume)} x {_rp(d.harga_satuan)} = {_hasil(product)} rounded "
            f"up to {_rp(d.jumlah)} (SAKTI rounds down: {_rp(expected)})",
            d.source,
            {"jumlah": d.jumlah, "seharusnya": expected},
        )


@rule(
    "RENCANA_BULANAN_SUM",
    Severity.ERROR,
    "Rencana penarikan bulanan rincian = jumlahnya",
    "A detail line's monthly plan adds up to its jumlah",
    "SAKTI error 053; DOMAIN.md rule 7",
)
def rencana_bulanan(tree: RkaSatker) -> Iterator[Finding]:
    """januari + ... + desember = jumlah for every line that carries a plan."""
    for anc, d in _lines(tree):
        if not d.rencana_bulanan:
            continue
        total = sum(d.rencana_bulanan)
        if total == d.jumlah:
            continue
        yield Finding(
            "RENCANA_BULANAN_SUM",
            Severity.ERROR,
            _path(anc),
            f"{_item(d)}: jumlah {_rp(d.jumlah)}, rencana bulanan Januari–Desember "
            f"{_rp(total)} (selisih {_rp(d.jumlah - total)})",
            f"{_item(d)}: jumlah {_rp(d.jumlah)}, monthly plan January–December "
            f"{_rp(total)} (difference {_rp(d.jumlah - total)})",
            d.source,
            {
                "jumlah": d.jumlah,
                "rencana": total,
                "selisih": d.jumlah - total,
                "bulanan": list(d.rencana_bulanan),
            },
        )


@rule(
    "RENCANA_PENARIKAN",
    Severity.ERROR,
    "Rencana penarikan per program/kegiatan/jenis belanja = jumlah rinciannya",
    "The withdrawal plan per program/kegiatan/jenis belanja equals its detail lines",
    "DIPA halaman III (d_trktrm); DOMAIN.md rule 7",
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
    for (p, k, *_, a), d in _lines(tree):
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
        label = f"rencana penarikan {r.program} {r.kegiatan} jenis belanja {r.jenis_belanja}"
        label_en = f"withdrawal plan {r.program} {r.kegiatan} jenis belanja {r.jenis_belanja}"
        if r.pagu != s[0]:
            yield Finding(
                "RENCANA_PENARIKAN",
                Severity.ERROR,
                where,
                f"{label}: pagu {_rp(r.pagu)}, jumlah rinciannya {_rp(s[0])} (selisih {_rp(r.pagu - s[0])})",
                f"{label_en}: pagu {_rp(r.pagu)}, its detail lines {_rp(s[0])} "
                f"(difference {_rp(r.pagu - s[0])})",
                r.source,
                {"pagu": r.pagu, "jumlah_rincian": s[0]},
            )
        elif sum(r.bulanan) != r.pagu:
            yield Finding(
                "RENCANA_PENARIKAN",
                Severity.ERROR,
                where,
                f"{label}: pagu {_rp(r.pagu)}, jumlah Januari–Desember {_rp(sum(r.bulanan))}",
                f"{label_en}: pagu {_rp(r.pagu)}, January–December {_rp(sum(r.bulanan))}",
                r.source,
                {"pagu": r.pagu, "bulanan": sum(r.bulanan)},
            )
        elif r.bulanan != s[1:] and key not in bad_plan:
            months = [m + 1 for m in range(12) if r.bulanan[m] != s[m + 1]]
            yield Finding(
                "RENCANA_PENARIKAN",
                Severity.ERROR,
                where,
                f"{label}: bulan ke-{', '.join(map(str, months))} berbeda dari rencana bulanan rinciannya",
                f"{label_en}: month(s) {', '.join(map(str, months))} differ from its lines' monthly plans",
                r.source,
                {"bulan": months},
            )
    for key, s in sums.items():
        if key not in seen and s[0]:
            yield Finding(
                "RENCANA_PENARIKAN",
                Severity.ERROR,
                f"{key[0]}/{key[1]}",
                f"rincian {key[0]} {key[1]} jenis belanja {key[2]} ({_rp(s[0])}) tidak punya "
                "baris rencana penarikan (d_trktrm)",
                f"lines of {key[0]} {key[1]} jenis belanja {key[2]} ({_rp(s[0])}) have no "
                "withdrawal plan row (d_trktrm)",
                None,
                {"jumlah_rincian": s[0]},
            )


def _spending_akun(kode: str) -> bool:
    return len(kode) == 6 and kode.isdigit() and kode[:2] in referensi().jenis_belanja


@rule(
    "DETAIL_HEADER_BERNILAI",
    Severity.ERROR,
    "Baris judul kelompok rincian tidak membawa uang",
    "A header line of a detail group carries no money",
    "SAKTI d_item (kdheader 1/2)",
)
def header_bernilai(tree: RkaSatker) -> Iterator[Finding]:
    """Header lines group the lines after them; SAKTI gives them no volume, price or plan,
    and the totals leave them out. One that carries a jumlah or a plan is an error: that
    money is in no total."""
    for anc in tree.akun():
        for d in anc[-1].detail:
            if d.header and (d.jumlah or any(d.rencana_bulanan)):
                yield Finding(
                    "DETAIL_HEADER_BERNILAI",
                    Severity.ERROR,
                    _path(anc),
                    f"baris judul {d.kode or '?'} {d.uraian.strip()[:60]!r} membawa jumlah "
                    f"{_rp(d.jumlah)} (tidak dihitung dalam jumlah akun)",
                    f"header line {d.kode or '?'} {d.uraian.strip()[:60]!r} carries jumlah "
                    f"{_rp(d.jumlah)} (not counted in the akun)",
                    d.source,
                    {"jumlah": d.jumlah},
                )


@rule(
    "AKUN_REFERENSI",
    Severity.ERROR,
    "Akun belanja: 6 angka, diawali jenis belanja 51–58",
    "A spending akun: 6 digits starting with a jenis belanja 51–58",
    "Bagan Akun Standar; reference/jenis_belanja.csv",
)
def akun_referensi(tree: RkaSatker) -> Iterator[Finding]:
    """An akun that is no spending akun of the Bagan Akun Standar."""
    for anc in tree.akun():
        a = anc[-1]
        if not _spending_akun(a.kode):
            yield Finding(
                "AKUN_REFERENSI",
                Severity.ERROR,
                _path(anc),
                f"akun {a.kode!r}: bukan akun belanja (6 angka, diawali jenis belanja 51–58)",
                f"akun {a.kode!r}: not a spending akun (6 digits starting with jenis belanja 51–58)",
                a.source,
                {"akun": a.kode},
            )


@rule(
    "AKUN_TIDAK_DIKENAL",
    Severity.WARNING,
    "Akun ada di tabel referensi akun",
    "The akun is in the akun reference table",
    "reference/akun.csv (the akun seen so far, with sources)",
)
def akun_tidak_dikenal(tree: RkaSatker) -> Iterator[Finding]:
    """A well-formed spending akun missing from the shipped reference: a warning, since the
    reference lists only the akun its sources named. One finding per akun code, at its
    first place."""
    ref = referensi()
    unknown: dict[str, list[_Anc]] = {}
    for anc in tree.akun():
        a = anc[-1]
        if _spending_akun(a.kode) and not ref.akun_dikenal(a.kode):
            unknown.setdefault(a.kode, []).append(anc)
    for kode, places in unknown.items():
        first = places[0]
        more = f" (dan {len(places) - 1} tempat lain)" if len(places) > 1 else ""
        others = len(places) - 1
        more_en = f" (and {others} more place{'s' if others > 1 else ''})" if others else ""
        yield Finding(
            "AKUN_TIDAK_DIKENAL",
            Severity.WARNING,
            _path(first),
            f"akun {kode} belum ada di tabel referensi akun Anggaran: namanya tidak dapat "
            f"ditampilkan dan kodenya tidak dapat dipastikan{more}",
            f"akun {kode} is not yet in Anggaran's akun reference table: its name cannot be "
            f"shown and the code cannot be confirmed{more_en}",
            first[-1].source,
            {"akun": kode, "tempat": len(places)},
        )


#: komponen -> the jenis belanja it holds, as seen on every akun of the real archives
_KOMPONEN_JENIS = {"001": {"51"}, "002": {"52"}}


@rule(
    "AKUN_KOMPONEN",
    Severity.WARNING,
    "Akun sesuai komponennya (001 gaji: 51; 002 operasional: 52; 51 hanya di 001)",
    "Akun fits its komponen (001 salaries: 51; 002 operations: 52; 51 only under 001)",
    "DOMAIN.md rule 8 (seen; unsure as a rule)",
)
def akun_komponen(tree: RkaSatker) -> Iterator[Finding]:
    """Komponen 001 holds belanja pegawai (51x), 002 belanja barang (52x), and 51x sits
    only under 001 (every akun of the three real archives)."""
    for anc in tree.akun():
        c, a = anc[4], anc[6]
        jenis = a.kode[:2]
        allowed = _KOMPONEN_JENIS.get(c.kode)
        if not _spending_akun(a.kode):
            continue  # AKUN_REFERENSI says so
        if (allowed is not None and jenis not in allowed) or (jenis == "51" and c.kode != "001"):
            yield Finding(
                "AKUN_KOMPONEN",
                Severity.WARNING,
                _path(anc),
                f"akun {a.kode} (jenis belanja {jenis}) di bawah komponen {c.kode} {c.nama!r}",
                f"akun {a.kode} (jenis belanja {jenis}) under komponen {c.kode} {c.nama!r}",
                a.source,
                {"akun": a.kode, "komponen": c.kode},
            )


@rule(
    "AKUN_TANPA_RINCIAN",
    Severity.WARNING,
    "Akun punya rincian",
    "An akun has detail lines",
    "SAKTI d_akun/d_item",
)
def akun_tanpa_rincian(tree: RkaSatker) -> Iterator[Finding]:
    """An akun row with no detail line under it (only for trees that carry lines)."""
    if not any(True for _ in tree.detail()):
        return
    for anc in tree.akun():
        a = anc[-1]
        if not a.detail:
            yield Finding(
                "AKUN_TANPA_RINCIAN",
                Severity.WARNING,
                _path(anc),
                f"akun {a.kode} tidak punya rincian (Rp 0)",
                f"akun {a.kode} has no detail lines (Rp 0)",
                a.source,
                {"akun": a.kode},
            )


@rule(
    "BLOKIR_TANPA_URAIAN",
    Severity.WARNING,
    "Blokir disertai uraiannya",
    "A blocked amount comes with its reason",
    "DIPA halaman IV; DOMAIN.md rule 11",
)
def blokir(tree: RkaSatker) -> Iterator[Finding]:
    """An akun with blocked lines (blokir > 0) states why (uraian blokir)."""
    for anc in tree.akun():
        a = anc[-1]
        if a.blokir and not a.uraian_blokir:
            yield Finding(
                "BLOKIR_TANPA_URAIAN",
                Severity.WARNING,
                _path(anc),
                f"akun {a.kode}: blokir {_rp(a.blokir)} tanpa uraian",
                f"akun {a.kode}: {_rp(a.blokir)} blocked without a reason",
                a.source,
                {"blokir": a.blokir},
            )
