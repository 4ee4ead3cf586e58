"""Reports built from a satker's full tree (SAKTI ADK data): Bagian B (rincian belanja down
to the detail lines), the rekap per jenis belanja and sumber dana, and the summary of a
whole archive. Each is a :class:`~anggaran.reports.tabel.Laporan`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from anggaran.core.arsip import Arsip
from anggaran.core.findings import Finding, Severity
from anggaran.core.kode import Level
from anggaran.core.money import Rupiah, format_persen
from anggaran.core.tree import (
    HEADER_FIELDS,
    KRO,
    LEVELS,
    RO,
    Akun,
    Detail,
    Keluaran,
    RkaSatker,
    SubKomponen,
    nodes,
    walk,
)
from anggaran.reference import referensi
from anggaran.reports.bagian_a import keluaran_kro, keluaran_ro, tanggal_indonesia
from anggaran.reports.tabel import Baris, Kolom, Laporan, Sel, Tabel, Tandatangan, nama, nama_kepala


def header(tree: RkaSatker) -> list[tuple[str, str]]:
    """The K/L .. LOKASI block as (label, ``(kode) nama``) pairs (a code no one names
    alone)."""
    rows = []
    for key, label in HEADER_FIELDS.items():
        rows.append((label, f"({getattr(tree, key).kode}) {nama_kepala(tree, key)}".strip()))
    return rows


def tandatangan(tree: RkaSatker) -> Tandatangan | None:
    """The document's signature block: its signatory (an ADK's ``d_kpa``), with the place
    and date when it has them; None without a signatory."""
    ttd = tree.dokumen.penandatangan
    if ttd is None:
        return None
    return Tandatangan(
        ttd.jabatan,
        ttd.nama,
        ttd.nip,
        tanggal_indonesia(tree.dokumen.tempat, tree.dokumen.tanggal),
        ttd.pangkat,
    )


def _vol(k: Keluaran) -> tuple[Decimal | None, str]:
    """(volume, satuan) of a KRO or RO; the KRO's satuan is its reference list."""
    if k.volume is None:
        return None, ""
    return k.volume, k.satuan or ""


#: the reference table of each level's codes (the others have none)
_JENIS = {Level.PROGRAM: "program", Level.KEGIATAN: "kegiatan", Level.KRO: "kro", Level.AKUN: "akun"}

KOLOM_B = [
    Kolom("KODE", lebar=1.4),
    Kolom("URAIAN", lebar=6.0),
    Kolom("RINCIAN VOLUME", lebar=2.2),
    Kolom("VOLUME", "right", 1.2),
    Kolom("SATUAN", lebar=0.9),
    Kolom("HARGA SATUAN", "right", 1.6),
    Kolom("JUMLAH", "right", 1.9),
    Kolom("SD", "center", 0.5),
    Kolom("BLOKIR", "right", 1.4),
]


def bagian_b(tree: RkaSatker) -> Laporan:
    """RKA Satker Bagian B (rincian belanja): program .. akun with their jumlah, then each
    detail line with its volume expression (``1 KEG x 75 ORG``), volume, satuan, harga
    satuan, jumlah, sumber dana and blokir. Header lines of detail groups print in
    italics and carry no money. Each row's ``kunci`` is its node's place in ``walk(tree)``
    (from 0), which the XLSX keeps in a hidden column (``formats.xlsx.lampiran``)."""
    rows: list[Baris] = []
    group = 0  # the level of the detail group being printed (its header's tingkat)
    for i, step in enumerate(walk(tree)):
        node = step.node
        depth = LEVELS.index(step.level)
        if isinstance(node, Detail):
            if node.header:
                group = node.tingkat
                rows.append(
                    Baris(
                        ["", node.uraian, "", "", "", None, None, "", None],
                        6 + node.tingkat,
                        miring=True,
                        kunci=str(i),
                    )
                )
            else:
                rows.append(
                    Baris(
                        [
                            "",
                            node.uraian,
                            node.volume_text() if node.faktor else "",
                            node.volume,
                            node.satuan,
                            node.harga_satuan,
                            node.jumlah,
                            node.sumber_dana or "",
                            node.blokir or None,
                        ],
                        7 + group,
                        kunci=str(i),
                    )
                )
            continue
        group = 0
        kode, uraian = node.kode, nama(node.nama, _JENIS.get(step.level), node.kode)
        vol: tuple[Decimal | None, str] = (None, "")
        sd, blokir = "", None
        if isinstance(node, KRO):
            # a KRO at two places (lokasi) prints its lokasi, so the rows can be told apart
            twins = [x.kode for x in step.parent.kro]  # type: ignore[union-attr]
            if twins.count(node.kode) > 1 and node.lokasi:
                uraian += f" [lokasi {node.lokasi}]"
            vol = _vol(keluaran_kro(node))
        elif isinstance(node, RO):
            kro = step.parent
            assert isinstance(kro, KRO)
            kode = f"{kro.kode}.{node.kode}"
            uraian = nama(node.nama, "ro", kode)
            vol = _vol(keluaran_ro(kro, node.kode, node.keluaran))
        elif isinstance(node, SubKomponen):
            kode = node.kode.strip()
        elif isinstance(node, Akun):
            sd, blokir = node.sumber_dana or "", node.blokir or None
        rows.append(
            Baris(
                [kode, uraian, "", vol[0], vol[1], None, node.alokasi.jumlah, sd, blokir],
                depth,
                tebal=depth <= 3,
                kunci=str(i),
            )
        )
    total = Baris(
        [
            "",
            "JUMLAH SATKER",
            "",
            "",
            "",
            None,
            tree.jumlah().jumlah,
            "",
            sum(a.blokir for *_, a in tree.akun()) or None,
        ],
        tebal=True,
    )
    return Laporan(
        [
            f"RENCANA KERJA DAN ANGGARAN SATUAN KERJA TAHUN ANGGARAN {tree.dokumen.tahun_anggaran}",
            "BAGIAN B: RINCIAN BELANJA",
        ],
        header(tree),
        [Tabel(KOLOM_B, rows, None, total)],
        ["SD: kode sumber dana (kdbeban) seperti tercatat di ADK. Jumlah dalam rupiah."],
        kop=list(tree.dokumen.kop),
        ttd=tandatangan(tree),
    )


def rekap_sumber_dana(tree: RkaSatker) -> dict[str, Rupiah]:
    """sumber dana code (``A``) -> jumlah, in code order (``?`` when unknown)."""
    out: dict[str, Rupiah] = {}
    for *_, a in tree.akun():
        key = a.sumber_dana or "?"
        out[key] = out.get(key, 0) + a.alokasi.jumlah
    return dict(sorted(out.items()))


def rekap(tree: RkaSatker) -> Laporan:
    """The rekap of one satker: per jenis belanja, per sumber dana, and per kegiatan by
    jenis belanja, each with its share of the total."""
    ref = referensi()
    total = tree.jumlah().jumlah
    jb = tree.per_jenis_belanja()

    def shares(judul: str, kolom: str, items: dict[str, Rupiah], names: dict[str, str | None]) -> Tabel:
        return Tabel(
            [
                Kolom(kolom, lebar=1.2),
                Kolom("URAIAN", lebar=5),
                Kolom("JUMLAH", "right", 2),
                Kolom("%", "right", 1),
            ],
            [Baris([k, nama(names.get(k) or ""), v, format_persen(v, total)]) for k, v in items.items()],
            judul,
            Baris(["", "JUMLAH", total, format_persen(total, total)]),
        )

    t1 = shares("Rekapitulasi per jenis belanja", "JENIS BELANJA", jb, ref.jenis_belanja)
    t2 = shares("Rekapitulasi per sumber dana", "SUMBER DANA", rekap_sumber_dana(tree), ref.sumber_dana)
    kinds = list(jb)
    rows = []
    per_kegiatan: dict[int, dict[str, Rupiah]] = {}
    for step in nodes(tree, Level.AKUN):
        a = step.node
        assert isinstance(a, Akun)
        per = per_kegiatan.setdefault(id(step.ancestors[1]), {})
        per[a.kode[:2]] = per.get(a.kode[:2], 0) + a.alokasi.jumlah
    for p, k in tree.kegiatan():
        per = per_kegiatan.get(id(k), {})
        rows.append(
            Baris(
                [
                    f"{p.kode}.{k.kode}",
                    nama(k.nama, "kegiatan", k.kode),
                    *[per.get(j, 0) for j in kinds],
                    k.alokasi.jumlah,
                ]
            )
        )
    t3 = Tabel(
        [
            Kolom("KODE", lebar=1.6),
            Kolom("KEGIATAN", lebar=4),
            *[Kolom(f"BELANJA {j}", "right", 1.8) for j in kinds],
            Kolom("JUMLAH", "right", 2),
        ],
        rows,
        "Rekapitulasi per kegiatan dan jenis belanja",
        Baris(["", "JUMLAH", *jb.values(), total]),
    )
    return Laporan(
        [f"REKAPITULASI RKA SATKER TAHUN ANGGARAN {tree.dokumen.tahun_anggaran}"],
        header(tree),
        [t1, t2, t3],
        [
            "Nama sumber dana: pemetaan kode kdbeban ke sumber dana belum diketahui dari sumber "
            "mana pun; kode ditampilkan apa adanya."
        ],
    )


def _counts(findings: Iterable[Finding]) -> tuple[int, int]:
    e = w = 0
    for f in findings:
        if f.severity is Severity.ERROR:
            e += 1
        elif f.severity is Severity.WARNING:
            w += 1
    return e, w


def ringkasan(arsip: Arsip, findings: dict[str, list[Finding]] | None = None) -> Laporan:
    """The summary of an archive: per satker its name, lokasi, counts (program, KRO, RO,
    detail lines), jumlah per jenis belanja, total, semula and the difference when the
    archive has ``m_*`` tables, and the count of errors and warnings."""
    kinds = sorted({j for t in arsip.satker for j in t.per_jenis_belanja()})
    semula = {t.satker.kode: t.jumlah().jumlah for t in arsip.semula or []}
    has_semula = arsip.semula is not None
    kolom = [
        Kolom("SATKER", lebar=1.0),
        Kolom("NAMA", lebar=3.5),
        Kolom("LOKASI", lebar=1.0),
        Kolom("KRO", "right", 0.6),
        Kolom("RO", "right", 0.6),
        Kolom("BARIS RINCIAN", "right", 1.0),
        *[Kolom(f"BELANJA {j}", "right", 1.9) for j in kinds],
        Kolom("JUMLAH", "right", 2.0),
    ]
    if has_semula:
        kolom += [Kolom("SEMULA", "right", 2.0), Kolom("SELISIH", "right", 1.9)]
    kolom += [Kolom("GALAT", "right", 0.9), Kolom("PERINGATAN", "right", 1.5)]
    rows = []
    sums: dict[str, Rupiah] = {}
    counts = [0, 0, 0, 0, 0]  # KRO, RO, lines, errors, warnings
    for t in arsip.satker:
        jb = t.per_jenis_belanja()
        for j, v in jb.items():
            sums[j] = sums.get(j, 0) + v
        jumlah = t.jumlah().jumlah
        e, w = _counts((findings or {}).get(t.satker.kode, []))
        mine = [sum(1 for _ in t.kro()), sum(1 for _ in t.ro()), sum(1 for _ in t.detail()), e, w]
        counts = [a + b for a, b in zip(counts, mine, strict=True)]
        cells: list[Sel] = [
            t.satker.kode,
            nama(t.satker.nama, "satker", t.satker.kode),
            f"{t.provinsi.kode}.{t.lokasi.kode}",
            *mine[:3],
            *[jb.get(j, 0) for j in kinds],
            jumlah,
        ]
        if has_semula:
            before = semula.get(t.satker.kode, 0)
            cells += [before, jumlah - before]
        cells += mine[3:]
        rows.append(Baris(cells))
    # satkers only in the semula tables (removed by the revision)
    for kode, before in sorted(semula.items()):
        if arsip.cari(kode) is None:
            rows.append(
                Baris(
                    [
                        kode,
                        "(hanya di semula)",
                        "",
                        None,
                        None,
                        None,
                        *[0 for _ in kinds],
                        0,
                        before,
                        -before,
                        None,
                        None,
                    ],
                    miring=True,
                )
            )
    total_cells: list[Sel] = ["", "JUMLAH", "", *counts[:3], *[sums.get(j, 0) for j in kinds], arsip.jumlah()]
    if has_semula:
        before_total = arsip.jumlah_semula() or 0
        total_cells += [before_total, arsip.jumlah() - before_total]
    total_cells += counts[3:]
    return Laporan(
        [f"RINGKASAN ARSIP ADK {arsip.nama}", f"TAHUN ANGGARAN {arsip.tahun_anggaran}"],
        [("Satker", str(len(arsip.satker))), ("Jumlah (menjadi)", f"Rp {arsip.jumlah():,}")]
        + ([("Jumlah semula", f"Rp {arsip.jumlah_semula():,}")] if has_semula else []),
        [Tabel(kolom, rows, None, Baris(total_cells))],
        [
            "BARIS RINCIAN: baris d_item, termasuk baris judul kelompok rincian. "
            "GALAT/PERINGATAN: hasil pemeriksaan Anggaran atas data menjadi (d_*)."
        ],
    )
