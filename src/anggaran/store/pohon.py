"""A satker's tree to rows and back: :func:`write_tree` writes the rows of one stored
version, :func:`read_tree` builds the tree from them.

Every level is one table; each row carries its version and its place in document order
(``urutan``), so a tree is read back with one query per table and comes back equal to the
tree stored (:class:`anggaran.core.tree.RkaSatker` equality: every budget field; where a
node was read from, ``source``, is not kept). Money stays whole rupiah; volumes, targets
and factors keep their decimal text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from anggaran.core.findings import Finding, Severity, SourceRef
from anggaran.core.kode import Level
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
    walk,
)
from anggaran.store import models as m


def _dec(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def _undec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


def _uang(a: Alokasi) -> dict[str, int]:
    return {"angka_dasar": a.angka_dasar, "inisiatif_baru": a.inisiatif_baru, "jumlah": a.jumlah}


def _bulanan(values: list[int]) -> dict[str, int | None]:
    if not values:
        return dict.fromkeys(m.BULAN)
    if len(values) != len(m.BULAN):
        raise ValueError(f"a monthly plan has 12 amounts, not {len(values)}")
    return dict(zip(m.BULAN, values, strict=True))


def header_fields(tree: RkaSatker) -> dict[str, str]:
    """The header columns :class:`~anggaran.store.models.Satker` and
    :class:`~anggaran.store.models.Versi` share: K/L, unit, provinsi and lokasi, code and
    name."""
    return {
        "kementerian_kode": tree.kementerian.kode,
        "kementerian_nama": tree.kementerian.nama,
        "unit_kode": tree.unit_organisasi.kode,
        "unit_nama": tree.unit_organisasi.nama,
        "provinsi_kode": tree.provinsi.kode,
        "provinsi_nama": tree.provinsi.nama,
        "lokasi_kode": tree.lokasi.kode,
        "lokasi_nama": tree.lokasi.nama,
    }


def versi_fields(tree: RkaSatker) -> dict[str, Any]:
    """The columns of :class:`~anggaran.store.models.Versi` that hold the tree's header
    and document."""
    d = tree.dokumen
    ttd = d.penandatangan
    printed = tree.jumlah_tercetak
    return {
        "tahun_anggaran": d.tahun_anggaran,
        "satker_nama": tree.satker.nama,
        **header_fields(tree),
        "bagian": d.bagian,
        "judul": d.judul,
        "tahap_dokumen": d.tahap,
        "jumlah_halaman": d.jumlah_halaman,
        "kop": d.kop,
        "tempat": d.tempat,
        "tanggal": d.tanggal,
        "penandatangan": None
        if ttd is None
        else {"jabatan": ttd.jabatan, "nama": ttd.nama, "nip": ttd.nip, "pangkat": ttd.pangkat},
        "jumlah_tercetak": None if printed is None else _uang(printed),
        "rencana_penarikan_ada": tree.rencana_penarikan_ada,
        "jumlah": tree.jumlah().jumlah,
    }


class _Rows:
    """The rows of one table for one version, numbered in document order."""

    def __init__(self, model: type[Any], versi: Any) -> None:
        self.model = model
        self.versi = versi
        self.rows: list[Any] = []

    def add(self, **fields: Any) -> Any:
        row = self.model(versi=self.versi, urutan=len(self.rows), **fields)
        self.rows.append(row)
        return row

    def write(self, alias: str) -> None:
        if self.rows:
            self.model.objects.using(alias).bulk_create(self.rows)


#: the model of each level's rows, in the order they are inserted (parents first)
_MODELS: dict[Level, type[Any]] = {
    Level.PROGRAM: m.Program,
    Level.KEGIATAN: m.Kegiatan,
    Level.KRO: m.KRO,
    Level.RO: m.RO,
    Level.KOMPONEN: m.Komponen,
    Level.SUB_KOMPONEN: m.SubKomponen,
    Level.AKUN: m.Akun,
    Level.DETAIL: m.Detail,
}
#: the foreign key of each level's row to its parent's
_PARENT: dict[Level, str] = {
    Level.KEGIATAN: "program",
    Level.KRO: "kegiatan",
    Level.RO: "kro",
    Level.KOMPONEN: "ro",
    Level.SUB_KOMPONEN: "komponen",
    Level.AKUN: "sub_komponen",
    Level.DETAIL: "akun",
}


def _fields(node: Any) -> dict[str, Any]:
    """The columns of a tree node's row (besides its version, order and parent)."""
    if isinstance(node, Detail):
        return {
            "kode": node.kode,
            "uraian": node.uraian,
            "volume": str(node.volume),
            "satuan": node.satuan,
            "harga_satuan": node.harga_satuan,
            "jumlah": node.jumlah,
            "faktor": [[str(v), sat] for v, sat in node.faktor],
            "sumber_dana": node.sumber_dana,
            "blokir": node.blokir,
            "tingkat": node.tingkat,
            "kdib": node.kdib,
            **_bulanan(node.rencana_bulanan),
        }
    out = {"kode": node.kode, "nama": node.nama, **_uang(node.alokasi)}
    if isinstance(node, KRO):
        out |= {
            "label": node.label,
            "lokasi": node.lokasi,
            "lokasi_nama": node.lokasi_nama,
            "volume": _dec(node.keluaran.volume),
            "satuan": node.keluaran.satuan,
        }
    elif isinstance(node, RO):
        out |= {"volume": _dec(node.keluaran.volume), "satuan": node.keluaran.satuan}
    elif isinstance(node, Akun):
        out |= {
            "sumber_dana": node.sumber_dana,
            "blokir": node.blokir,
            "kppn": node.kppn,
            "uraian_blokir": node.uraian_blokir,
            "catatan": node.catatan,
        }
    return out


def write_tree(alias: str, versi: m.Versi, tree: RkaSatker) -> None:
    """Write the rows of ``tree`` under the stored ``versi``: one walk of the tree collects
    every row, then one bulk insert per table, parents before children, so that each child
    takes its parent's id (bulk_create sets it on PostgreSQL and SQLite >= 3.35). Call
    inside the import's transaction."""
    rows = {
        model: _Rows(model, versi)
        for model in (*_MODELS.values(), m.Sasaran, m.Indikator, m.RencanaPenarikan)
    }
    made: dict[int, Any] = {}  # id(node) -> its row
    indikator: list[tuple[str, Any, list[Indikator]]] = []
    for step in walk(tree):
        parent = {} if step.parent is None else {_PARENT[step.level]: made[id(step.parent)]}
        row = rows[_MODELS[step.level]].add(**parent, **_fields(step.node))
        made[id(step.node)] = row
        node = step.node
        if isinstance(node, Program):
            for sa in node.sasaran:
                sa_row = rows[m.Sasaran].add(program=row, kode=sa.kode, uraian=sa.uraian)
                indikator.append(("sasaran", sa_row, sa.indikator))
        elif isinstance(node, Kegiatan | KRO | RO):
            indikator.append((step.level.value, row, node.indikator))
    for owner, row, items in indikator:
        for i in items:
            rows[m.Indikator].add(
                **{owner: row}, kode=i.kode, uraian=i.uraian, target=_dec(i.target), satuan=i.satuan
            )
    for t in tree.rencana_penarikan:
        rows[m.RencanaPenarikan].add(
            program=t.program,
            kegiatan=t.kegiatan,
            jenis_belanja=t.jenis_belanja,
            pagu=t.pagu,
            kdtrktrm=t.kdtrktrm,
            **_bulanan(t.bulanan),
        )
    for model in (*_MODELS.values(), m.Sasaran, m.Indikator, m.RencanaPenarikan):
        rows[model].write(alias)


def write_findings(alias: str, versi: m.Versi, findings: list[Finding]) -> None:
    """Write a version's findings as its import gave them, in order."""
    rows = _Rows(m.Temuan, versi)
    for f in findings:
        src = f.source or SourceRef()
        rows.add(
            rule=f.rule,
            severity=f.severity.value,
            path=f.path,
            variant=f.variant,
            args=f.args,
            file=src.file,
            page=src.page,
            line=src.line,
        )
    rows.write(alias)


def read_findings(alias: str, versi_id: int) -> list[Finding]:
    """A version's findings as stored, in order."""
    out = []
    for r in _values(
        alias, m.Temuan, versi_id, "rule", "severity", "path", "variant", "args", "file", "page", "line"
    ):
        where = (r["file"], r["page"], r["line"])
        out.append(
            Finding(
                r["rule"],
                Severity(r["severity"]),
                r["path"],
                dict(r["args"]),
                SourceRef(*where) if any(v is not None for v in where) else None,
                r["variant"],
            )
        )
    return out


def _values(alias: str, model: type[Any], versi_id: int, *fields: str) -> list[dict[str, Any]]:
    return list(model.objects.using(alias).filter(versi_id=versi_id).order_by("urutan").values("id", *fields))


_UANG = ("angka_dasar", "inisiatif_baru", "jumlah")


def _alokasi(r: dict[str, Any]) -> Alokasi:
    return Alokasi(r["angka_dasar"], r["inisiatif_baru"], r["jumlah"])


def _plan(r: dict[str, Any]) -> list[int]:
    values = [r[b] for b in m.BULAN]
    return [] if all(v is None for v in values) else values


def read_tree(alias: str, versi: dict[str, Any]) -> RkaSatker:
    """The tree of a stored version (``versi``: its row as a dict of Versi's columns plus
    ``satker_kode``), with one query per table."""
    vid = versi["id"]
    ttd = versi["penandatangan"]
    printed = versi["jumlah_tercetak"]
    tree = RkaSatker(
        dokumen=Dokumen(
            tahun_anggaran=versi["tahun_anggaran"],
            bagian=versi["bagian"],
            judul=versi["judul"],
            tahap=versi["tahap_dokumen"],
            jumlah_halaman=versi["jumlah_halaman"],
            kop=list(versi["kop"]),
            tempat=versi["tempat"],
            tanggal=versi["tanggal"],
            penandatangan=None
            if ttd is None
            else Penandatangan(ttd["jabatan"], ttd["nama"], ttd["nip"], ttd["pangkat"]),
        ),
        kementerian=KodeNama(versi["kementerian_kode"], versi["kementerian_nama"]),
        unit_organisasi=KodeNama(versi["unit_kode"], versi["unit_nama"]),
        satker=KodeNama(versi["satker_kode"], versi["satker_nama"]),
        provinsi=KodeNama(versi["provinsi_kode"], versi["provinsi_nama"]),
        lokasi=KodeNama(versi["lokasi_kode"], versi["lokasi_nama"]),
        jumlah_tercetak=None if printed is None else _alokasi(printed),
        rencana_penarikan_ada=versi["rencana_penarikan_ada"],
    )
    program: dict[int, Program] = {}
    for r in _values(alias, m.Program, vid, "kode", "nama", *_UANG):
        program[r["id"]] = p = Program(r["kode"], r["nama"], _alokasi(r))
        tree.program.append(p)
    sasaran: dict[int, Sasaran] = {}
    for r in _values(alias, m.Sasaran, vid, "program_id", "kode", "uraian"):
        sasaran[r["id"]] = sa = Sasaran(r["kode"], r["uraian"])
        program[r["program_id"]].sasaran.append(sa)
    kegiatan: dict[int, Kegiatan] = {}
    for r in _values(alias, m.Kegiatan, vid, "program_id", "kode", "nama", *_UANG):
        kegiatan[r["id"]] = k = Kegiatan(r["kode"], r["nama"], _alokasi(r))
        program[r["program_id"]].kegiatan.append(k)
    kro: dict[int, KRO] = {}
    for r in _values(
        alias,
        m.KRO,
        vid,
        "kegiatan_id",
        "kode",
        "nama",
        "label",
        "lokasi",
        "lokasi_nama",
        "volume",
        "satuan",
        *_UANG,
    ):
        kro[r["id"]] = x = KRO(
            r["kode"],
            r["nama"],
            list(r["label"]),
            r["lokasi"],
            r["lokasi_nama"],
            Keluaran(_undec(r["volume"]), r["satuan"]),
            _alokasi(r),
        )
        kegiatan[r["kegiatan_id"]].kro.append(x)
    ro: dict[int, RO] = {}
    for r in _values(alias, m.RO, vid, "kro_id", "kode", "nama", "volume", "satuan", *_UANG):
        ro[r["id"]] = o = RO(r["kode"], r["nama"], Keluaran(_undec(r["volume"]), r["satuan"]), _alokasi(r))
        kro[r["kro_id"]].ro.append(o)
    owners: dict[str, dict[int, Any]] = {"sasaran": sasaran, "kegiatan": kegiatan, "kro": kro, "ro": ro}
    for r in _values(
        alias,
        m.Indikator,
        vid,
        "sasaran_id",
        "kegiatan_id",
        "kro_id",
        "ro_id",
        "kode",
        "uraian",
        "target",
        "satuan",
    ):
        owner = next(o for o in owners if r[f"{o}_id"] is not None)
        owners[owner][r[f"{owner}_id"]].indikator.append(
            Indikator(r["kode"], r["uraian"], _undec(r["target"]), r["satuan"])
        )
    komponen: dict[int, Komponen] = {}
    for r in _values(alias, m.Komponen, vid, "ro_id", "kode", "nama", *_UANG):
        komponen[r["id"]] = c = Komponen(r["kode"], r["nama"], _alokasi(r))
        ro[r["ro_id"]].komponen.append(c)
    sub: dict[int, SubKomponen] = {}
    for r in _values(alias, m.SubKomponen, vid, "komponen_id", "kode", "nama", *_UANG):
        sub[r["id"]] = s = SubKomponen(r["kode"], r["nama"], _alokasi(r))
        komponen[r["komponen_id"]].sub_komponen.append(s)
    akun: dict[int, Akun] = {}
    for r in _values(
        alias,
        m.Akun,
        vid,
        "sub_komponen_id",
        "kode",
        "nama",
        "sumber_dana",
        "blokir",
        "kppn",
        "uraian_blokir",
        "catatan",
        *_UANG,
    ):
        akun[r["id"]] = a = Akun(
            r["kode"],
            r["nama"],
            _alokasi(r),
            r["sumber_dana"],
            r["blokir"],
            kppn=r["kppn"],
            uraian_blokir=r["uraian_blokir"],
            catatan=list(r["catatan"]),
        )
        sub[r["sub_komponen_id"]].akun.append(a)
    for r in _values(
        alias,
        m.Detail,
        vid,
        "akun_id",
        "kode",
        "uraian",
        "volume",
        "satuan",
        "harga_satuan",
        "jumlah",
        "faktor",
        "sumber_dana",
        "blokir",
        "tingkat",
        "kdib",
        *m.BULAN,
    ):
        akun[r["akun_id"]].detail.append(
            Detail(
                r["uraian"],
                Decimal(r["volume"]),
                r["satuan"],
                r["harga_satuan"],
                r["jumlah"],
                faktor=[(Decimal(v), sat) for v, sat in r["faktor"]],
                sumber_dana=r["sumber_dana"],
                blokir=r["blokir"],
                rencana_bulanan=_plan(r),
                kode=r["kode"],
                tingkat=r["tingkat"],
                kdib=r["kdib"],
            )
        )
    for r in _values(
        alias, m.RencanaPenarikan, vid, "program", "kegiatan", "jenis_belanja", "pagu", "kdtrktrm", *m.BULAN
    ):
        tree.rencana_penarikan.append(
            RencanaPenarikan(
                r["program"], r["kegiatan"], r["jenis_belanja"], r["pagu"], _plan(r), r["kdtrktrm"]
            )
        )
    return tree
