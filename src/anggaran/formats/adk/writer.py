"""Write trees as a SAKTI ADK archive: the ``d_*`` tables (and, given the trees before the
revision, the ``m_*`` tables), each as a ``.csv`` and a ``.xml`` with its inline schema, in
SAKTI's layout (``formats.adk.skema``), zipped under SAKTI's names.

What goes in: per satker, every node of its tree down to the detail lines as one row of
``d_output`` (KRO), ``d_soutput`` (RO), ``d_kmpnen``, ``d_skmpnen``, ``d_akun``, ``d_item``;
its notes per akun (``d_cttakun``), its withdrawal plan (``d_trktrm``) and, when the
document names its signatory, ``d_kpa`` (the KPA's name). Each row's columns are built as
``formats.adk.baris`` tells: what a tree read from an ADK carries in its nodes' ``adk``
comes back field by field; a tree from elsewhere gets SAKTI's usual values. The tables a
tree holds nothing of (``d_giat``, ``d_kpjm``, ``d_ln``, ``d_ngiat``, ``d_nprogram``,
``d_nsasaran``, ``d_pgj``, ``d_polri``, ``d_satker``, ``d_tni``, ``d_valas``) are written
empty, as every real archive has them; ``d_pdpt`` (revenue, not in the tree) and ``d_kpa``
without a signatory are left out rather than written empty, since real archives have
rows there.

Two forms (``skema.UNIT``, ``skema.SATKER``): a unit's archive of many satkers
(``1d01_01508_00_000000_0.zip``, files ``d_item01508000000000.csv``) and one satker's
(``527010d01_01508_00_527010_1.zip``, files ``d_item01508005270101.csv``); by default one
satker gives the satker form, more the unit form. The reader reads either back into the
same trees.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from operator import itemgetter

from anggaran.core.arsip import Arsip
from anggaran.core.errors import OutputError
from anggaran.core.findings import N_
from anggaran.core.tree import RkaSatker
from anggaran.formats.adk import skema
from anggaran.formats.adk.baris import Row, rows, tulis

#: a value the unit form writes without quotes in a number or date column
_BARE = re.compile(r"[0-9./ -]*", re.ASCII)
#: characters XML 1.0 cannot carry (not even as a character reference); the writer also
#: joins a row's values with NUL to escape them at once
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: the time stamp of every member (so that a tree always gives the same bytes)
_WAKTU = (1980, 1, 1, 0, 0, 0)
_CODES = re.compile(r"[0-9]{3}/[0-9]{2}/[0-9]{6}", re.ASCII)


def bentuk_arsip(trees: list[RkaSatker], semula: list[RkaSatker] | None = None) -> str:
    """The form of an archive of ``trees``: a satker's archive for one satker, a unit's
    for more."""
    satker = {t.satker.kode for t in [*trees, *(semula or [])]}
    return skema.SATKER if len(satker) == 1 else skema.UNIT


def _pertama(trees: list[RkaSatker], semula: list[RkaSatker] | None) -> RkaSatker:
    """The tree that names the archive; raises OutputError when the trees are of more than
    one K/L, unit or year, or their codes cannot name SAKTI's files."""
    every = [*trees, *(semula or [])]
    if not every:
        raise ValueError("no satker to write")
    units = sorted(
        {f"{t.kementerian.kode}.{t.unit_organisasi.kode} TA {t.dokumen.tahun_anggaran}" for t in every}
    )
    if len(units) > 1:
        raise OutputError(
            N_(
                "the satkers are of more than one K/L, unit or fiscal year ({daftar}): an ADK archive "
                "holds one unit's satkers of one year"
            ),
            daftar=", ".join(units),
        )
    for t in every:
        if not _CODES.fullmatch(f"{t.kementerian.kode}/{t.unit_organisasi.kode}/{t.satker.kode}"):
            raise OutputError(
                N_(
                    "satker {satker} (K/L {kl}, unit {unit}) cannot name the files of an ADK archive: "
                    "SAKTI's codes have 3, 2 and 6 digits"
                ),
                satker=t.satker.kode,
                kl=t.kementerian.kode,
                unit=t.unit_organisasi.kode,
            )
    return every[0]


def _kode(first: RkaSatker, bentuk: str) -> str:
    """The 14 digits of the table files' names: K/L, unit, ``00``, satker (``000000`` in a
    unit's archive) and ``1`` (``0``)."""
    satker = first.satker.kode if bentuk == skema.SATKER else "000000"
    return (
        f"{first.kementerian.kode}{first.unit_organisasi.kode}00{satker}{1 if bentuk == skema.SATKER else 0}"
    )


def nama_arsip(
    trees: list[RkaSatker] | Arsip,
    semula: list[RkaSatker] | None = None,
    *,
    bentuk: str | None = None,
    nomor: int = 1,
) -> str:
    """SAKTI's name of the archive: ``527010d01_01508_00_527010_1.zip`` for one satker,
    ``1d01_01508_00_000000_0.zip`` for a unit's (``nomor`` is its leading number; its
    meaning is not known: the real ones are 1 and 2). ``d01`` is the document kind
    (``kdjendok``) of the first KRO. Raises OutputError as :func:`write_adk` does."""
    trees, semula = _trees(trees, semula)
    first = _pertama(trees, semula)
    bentuk = bentuk or bentuk_arsip(trees, semula)
    x = next((x for *_, x in first.kro()), None)
    jendok = ((x.adk or {}).get("kdjendok") if x is not None else None) or "01"
    unit = f"{first.kementerian.kode}{first.unit_organisasi.kode}"
    if bentuk == skema.SATKER:
        kode = first.satker.kode
        return f"{kode}d{jendok}_{unit}_00_{kode}_1.zip"
    return f"{nomor}d{jendok}_{unit}_00_000000_0.zip"


def _trees(
    trees: list[RkaSatker] | Arsip, semula: list[RkaSatker] | None
) -> tuple[list[RkaSatker], list[RkaSatker] | None]:
    if isinstance(trees, Arsip):
        return trees.satker, trees.semula if semula is None else semula
    return trees, semula


def write_adk(
    trees: list[RkaSatker] | Arsip, semula: list[RkaSatker] | None = None, *, bentuk: str | None = None
) -> dict[str, bytes]:
    """The members of an ADK archive of ``trees`` (menjadi, the ``d_*`` tables) and
    ``semula`` (before the revision, the ``m_*`` tables; an :class:`Arsip` brings its own):
    member name -> bytes, ``d_item01508000000000.csv`` and so on, in name order. ``bentuk``
    is the archive's form (default: :func:`bentuk_arsip`).

    Raises OutputError when the trees are of more than one K/L, unit or fiscal year, when
    their codes cannot name SAKTI's files, when a number cannot be written as SAKTI writes
    numbers (negative; more than 18 digits before the point or 8 after it), or when a text
    holds a control character XML cannot carry."""
    trees, semula = _trees(trees, semula)
    first = _pertama(trees, semula)
    bentuk = bentuk or bentuk_arsip(trees, semula)
    kode = _kode(first, bentuk)
    out: dict[str, bytes] = {}
    sides: list[tuple[str, list[RkaSatker], Iterable[str]]] = [
        ("d", trees, [t for t in skema.SEMUA if t != "pdpt"])
    ]
    if semula is not None:
        sides.append(("m", semula, skema.SEMULA))
    for prefix, side, names in sides:
        tables = _tables(side, rincian=prefix == "d")
        for nama in names:
            found = tables.get(nama, [])
            if nama == "kpa" and not found:
                continue
            t = skema.tabel(nama)
            _check(t, found)
            out[f"{prefix}_{nama}{kode}.csv"] = _csv(t, [r for r, _ in found], bentuk)
            out[f"{prefix}_{nama}{kode}.xml"] = _xml(t, [r for r, _ in found], bentuk)
    return dict(sorted(out.items()))


def _tables(trees: list[RkaSatker], rincian: bool) -> dict[str, list[tuple[Row, str]]]:
    """The rows of ``trees`` per table, satker by satker. A satker's first ``output`` row
    is a KRO in the satker's own lokasi when it has one: the reader takes the lokasi of a
    satker it finds in no reference from its first row."""
    tables: dict[str, list[tuple[Row, str]]] = {}
    for tree in trees:
        own: dict[str, list[tuple[Row, str]]] = {}
        for nama, row, where in rows(tree, tulis, rincian):
            own.setdefault(nama, []).append((row, where))
        output = own.get("output", [])
        home = (tree.provinsi.kode, tree.lokasi.kode)
        at = next((i for i, (r, _) in enumerate(output) if (r["kdlokasi"], r["kdkabkota"]) == home), 0)
        if at:
            output.insert(0, output.pop(at))
        for nama, found in own.items():
            tables.setdefault(nama, []).extend(found)
    return tables


def _check(t: skema.Tabel, found: list[tuple[Row, str]]) -> None:
    """Refuse a text XML cannot carry (OutputError naming the node and the column)."""
    for row, where in found:
        if _ILLEGAL.search("".join(row.values())):
            kolom = next(k for k in t.baris if _ILLEGAL.search(row[k]))
            char = _ILLEGAL.search(row[kolom])
            assert char is not None
            raise OutputError(
                N_(
                    "{where}: {kolom} holds a control character ({kode}) that an ADK archive's XML "
                    "cannot carry"
                ),
                where=where,
                kolom=kolom,
                kode=f"U+{ord(char.group()):04X}",
            )


def _csv(t: skema.Tabel, found: list[Row], bentuk: str) -> bytes:
    """The ``.csv``: no header, ``|`` between fields, ``^`` around text (around every value
    in a satker's archive; ``^`` in a value doubled), CR LF after every row (LF in
    ``d_kpa``, as SAKTI writes it); an empty table is an empty file."""
    get = itemgetter(*t.baris)
    bare = [i for i, k in enumerate(t.baris) if bentuk == skema.UNIT and t.jenis[k] != "C"]
    end = "\n" if t.nama == "kpa" else "\r\n"
    quoted = "|".join("{}" if i in bare else "^{}^" for i in range(len(t.baris))) + end
    every = "|".join("^{}^" for _ in t.baris) + end
    numbers = itemgetter(*bare) if len(bare) > 1 else None
    out = []
    for row in found:
        values: tuple[str, ...] = get(row)
        if "^" in "".join(values):
            values = tuple(v.replace("^", "^^") for v in values)
        template = quoted
        if bare:
            check = numbers(values) if numbers is not None else (values[bare[0]],)
            if not _BARE.fullmatch("".join(check)):
                template = every
        out.append(template.format(*values))
    return "".join(out).encode("utf-8")


def _escape(v: str) -> str:
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml(t: skema.Tabel, found: list[Row], bentuk: str) -> bytes:
    """The ``.xml``: the inline schema, then one ``<c_table>`` element per row with the
    same values as the CSV (and the XML-only columns of the form)."""
    order = sorted(t.baris) if bentuk == skema.UNIT and t.abjad_unit else list(t.baris)
    extra = t.nilai_unit if bentuk == skema.UNIT else t.nilai_satker
    template = (
        f"\t<{t.elemen}>\n"
        + "".join(f"\t\t<{k}>{{}}</{k}>\n" for k in order)
        + "".join(f"\t\t<{k}>{_escape(v)}</{k}>\n" for k, v in extra)
        + f"\t</{t.elemen}>\n"
    )
    get = itemgetter(*order)
    out = [skema.skema_xml(t, bentuk), "\n"]
    for row in found:
        values: tuple[str, ...] = get(row)
        joined = "\x00".join(values)
        if "&" in joined or "<" in joined or ">" in joined or "\r" in joined:
            values = tuple(_escape(joined).split("\x00"))
        out.append(template.format(*values))
    if not found and bentuk == skema.UNIT:
        out.append("\n")
    out.append("</VFPData>")
    return "".join(out).encode("utf-8")


def zip_adk(members: dict[str, bytes]) -> bytes:
    """``members`` as a zip (deflated, in name order, every member dated 1980-01-01: the
    same members always give the same bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, _WAKTU)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, members[name])
    return buf.getvalue()


def adk_zip(
    trees: list[RkaSatker] | Arsip, semula: list[RkaSatker] | None = None, *, bentuk: str | None = None
) -> bytes:
    """:func:`write_adk` zipped (:func:`zip_adk`)."""
    return zip_adk(write_adk(trees, semula, bentuk=bentuk))
