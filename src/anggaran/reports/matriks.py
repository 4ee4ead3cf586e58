"""The Matriks Semula-Menjadi: per satker every level (program .. akun, and the detail
lines that changed) with semula, menjadi and the difference; for an archive, every satker
and the totals by jenis belanja. Built on :func:`anggaran.core.banding.banding`."""

from __future__ import annotations

from dataclasses import dataclass

from anggaran.core.banding import TINGKAT, BarisBanding, banding, per_jenis_belanja
from anggaran.core.tree import RkaSatker
from anggaran.reference import referensi
from anggaran.reports.rincian import header
from anggaran.reports.tabel import Baris, Kolom, Laporan, Tabel, nama

_STATUS = {"baru": "baru", "dihapus": "dihapus", "berubah": "berubah", "tetap": ""}


@dataclass(frozen=True, slots=True)
class Hitungan:
    """Detail lines added, removed and changed between two trees."""

    baru: int = 0
    dihapus: int = 0
    berubah: int = 0


def hitung_rincian(rows: list[BarisBanding]) -> Hitungan:
    """Counts of detail lines by status."""
    det = [r for r in rows if r.tingkat == "detail"]
    return Hitungan(
        sum(r.status == "baru" for r in det),
        sum(r.status == "dihapus" for r in det),
        sum(r.status == "berubah" for r in det),
    )


def _jenis_table(pairs: list[tuple[RkaSatker | None, RkaSatker | None]]) -> Tabel:
    ref = referensi()
    sums = per_jenis_belanja([old for old, _ in pairs], [new for _, new in pairs])
    rows = [Baris([k, nama(ref.jenis_belanja.get(k) or ""), a, b, b - a]) for k, (a, b) in sums.items()]
    tb, ta = sum(a for a, _ in sums.values()), sum(b for _, b in sums.values())
    return Tabel(
        [
            Kolom("JENIS BELANJA", lebar=1.2),
            Kolom("URAIAN", lebar=4),
            Kolom("SEMULA", "right", 2),
            Kolom("MENJADI", "right", 2),
            Kolom("SELISIH", "right", 2),
        ],
        rows,
        "Per jenis belanja",
        Baris(["", "JUMLAH", tb, ta, ta - tb]),
    )


def _nama(r: BarisBanding) -> str:
    """A compared row's name: its own, else the references' (an RO's by its KRO)."""
    if r.tingkat == "ro" and len(r.path) >= 2:
        return nama(r.uraian, "ro", f"{r.path[-2]}.{r.kode}")
    if r.tingkat in ("program", "kegiatan", "kro", "akun"):
        return nama(r.uraian, r.tingkat, r.kode)
    return nama(r.uraian)


def matriks_satker(
    semula: RkaSatker | None,
    menjadi: RkaSatker | None,
    label_semula: str = "semula",
    label_menjadi: str = "menjadi",
) -> Laporan:
    """One satker's matrix: totals by jenis belanja, then every level program .. akun and
    each detail line added, removed or changed."""
    tree = menjadi or semula
    assert tree is not None
    rows = list(banding(semula, menjadi))
    body = []
    for r in rows:
        if r.tingkat == "detail" and r.status == "tetap":
            continue
        depth = TINGKAT.index(r.tingkat)
        body.append(
            Baris(
                [
                    r.kode,
                    r.uraian if r.tingkat == "detail" else _nama(r),
                    r.semula,
                    r.menjadi,
                    r.selisih,
                    _STATUS[r.status],
                ],
                depth,
                tebal=depth <= 3,
                miring=r.tingkat == "detail",
            )
        )
    n = hitung_rincian(rows)
    ts = semula.jumlah().jumlah if semula else 0
    tm = menjadi.jumlah().jumlah if menjadi else 0
    levels = Tabel(
        [
            Kolom("KODE", lebar=1.3),
            Kolom("URAIAN", lebar=6),
            Kolom("SEMULA", "right", 1.9),
            Kolom("MENJADI", "right", 1.9),
            Kolom("SELISIH", "right", 1.9),
            Kolom("STATUS", "center", 0.9),
        ],
        body,
        "Per tingkat (rincian: hanya yang berubah)",
        Baris(["", "JUMLAH SATKER", ts, tm, tm - ts, ""]),
    )
    return Laporan(
        [
            f"MATRIKS SEMULA-MENJADI TAHUN ANGGARAN {tree.dokumen.tahun_anggaran}",
            f"{label_semula} -> {label_menjadi}",
        ],
        [*header(tree), ("Rincian", f"{n.baru} baru, {n.dihapus} dihapus, {n.berubah} berubah")],
        [_jenis_table([(semula, menjadi)]), levels],
    )


def pasangan(
    semula: list[RkaSatker], menjadi: list[RkaSatker]
) -> list[tuple[str, RkaSatker | None, RkaSatker | None]]:
    """(satker, semula tree, menjadi tree) for every satker of either side, in code order."""
    a = {t.satker.kode: t for t in semula}
    b = {t.satker.kode: t for t in menjadi}
    return [(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b))]


def matriks_arsip(
    semula: list[RkaSatker],
    menjadi: list[RkaSatker],
    judul: str,
    label_semula: str = "semula",
    label_menjadi: str = "menjadi",
) -> Laporan:
    """The archive matrix: per satker semula, menjadi, difference and detail lines added,
    removed, changed; then the totals by jenis belanja."""
    rows = []
    ts = tm = 0
    for kode, old, new in pasangan(semula, menjadi):
        a = old.jumlah().jumlah if old else None
        b = new.jumlah().jumlah if new else None
        ts += a or 0
        tm += b or 0
        n = hitung_rincian(list(banding(old, new)))
        tree = new or old
        assert tree is not None
        status = "baru" if old is None else "dihapus" if new is None else "berubah" if old != new else ""
        rows.append(
            Baris(
                [
                    kode,
                    nama(tree.satker.nama, "satker", kode),
                    a,
                    b,
                    (b or 0) - (a or 0),
                    n.baru,
                    n.dihapus,
                    n.berubah,
                    status,
                ]
            )
        )
    satkers = Tabel(
        [
            Kolom("SATKER", lebar=1),
            Kolom("NAMA", lebar=4),
            Kolom("SEMULA", "right", 2),
            Kolom("MENJADI", "right", 2),
            Kolom("SELISIH", "right", 2),
            Kolom("RINCIAN BARU", "right", 1),
            Kolom("DIHAPUS", "right", 1),
            Kolom("BERUBAH", "right", 1),
            Kolom("STATUS", "center", 0.9),
        ],
        rows,
        "Per satker",
        Baris(["", "JUMLAH", ts, tm, tm - ts, "", "", "", ""]),
    )
    pairs = [(o, n) for _, o, n in pasangan(semula, menjadi)]
    return Laporan(
        [f"MATRIKS SEMULA-MENJADI {judul}", f"{label_semula} -> {label_menjadi}"],
        [
            ("Satker", str(len(rows))),
            ("Semula", f"Rp {ts:,}"),
            ("Menjadi", f"Rp {tm:,}"),
            ("Selisih", f"Rp {tm - ts:,}"),
        ],
        [satkers, _jenis_table(pairs)],
    )
