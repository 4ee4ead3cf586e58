"""What an XLSX written by Anggaran carries beyond what a person reads on it, so that it
reads back to the same tree after a user edits it in Excel or LibreOffice.

The Bagian B sheet shows the tree down to its detail lines (codes, uraian, volumes,
satuan, harga satuan, jumlah, sumber dana, blokir); it cannot show a detail line's monthly
plan, its item number and ``kdib``, the indicators, an akun's KPPN, the withdrawal plan
(DIPA page III) or the ADK's own columns. So the workbook carries:

* a hidden column ``ID BARIS`` beside the table: each row's place in the walk of the tree
  it was written from (``core.tree.walk``, from 0). A row a user inserts has none; a row
  copied has the key of another row (only the first row holding a key gets its data);
* a hidden sheet ``anggaran``: ``format`` (``anggaran-xlsx/1``), a note for a person who
  unhides it, the satker, the tree itself as canonical JSON (``rka-satker/1`` with the
  ADK's raw values) cut into cells of at most 32,000 characters (``json`` rows, in
  order), then a copy of what the sheet shows as written (``kepala``: each header row;
  ``kolom``: the table's titles; ``baris``: each keyed row's cells), written by
  ``reports.tabel.render_xlsx``.

Reading, the visible cells decide what they show (rows, codes, values): a cell that still
holds what was written gives the node's own value back (a name the sheet printed from the
references, a volume exactly as stored), a cell a user changed gives its new value; the
hidden data gives back what the sheet does not show, for the rows that still carry their
key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from anggaran.core.errors import InputError
from anggaran.core.findings import Finding, SourceRef
from anggaran.core.tree import Node, RkaSatker, walk
from anggaran.formats import json as canonical
from anggaran.formats.xlsx.buku import Lembar

#: the name of the hidden sheet
LEMBAR_DATA = "anggaran"
#: what its ``format`` row says
FORMAT = "anggaran-xlsx/1"
#: the title of the hidden key column of a table
KOLOM_KUNCI = "ID BARIS"
#: the characters per cell of the JSON (a cell holds 32,767)
POTONGAN = 32_000

CATATAN = (
    "Data Anggaran untuk membaca berkas ini kembali (pohon anggaran sebagai JSON rka-satker/1); "
    "jangan diubah. Anggaran's data to read this workbook back; do not edit."
)


def lampiran(tree: RkaSatker, dokumen: str) -> tuple[str, list[tuple[str, str]]]:
    """The hidden data sheet of the XLSX of ``tree`` (its document ``dokumen``:
    ``bagian-b``): its name and its rows (key, value)."""
    text = json.dumps(canonical.to_dict(tree, adk=True), ensure_ascii=False, separators=(",", ":"))
    rows = [("format", FORMAT), ("catatan", CATATAN), ("dokumen", dokumen), ("satker", tree.satker.kode)]
    rows += [("json", text[i : i + POTONGAN]) for i in range(0, len(text), POTONGAN)]
    return LEMBAR_DATA, rows


@dataclass
class Data:
    """The hidden data of a workbook: the tree it was written from, its nodes in walk
    order (the rows' keys index them), and what the sheet showed when written: each keyed
    row's cells by column title (``baris``) and each header row's value by its label
    (``kepala``)."""

    tree: RkaSatker
    nodes: list[Node]
    baris: dict[int, dict[str, object]] = field(default_factory=dict)
    kepala: dict[str, str] = field(default_factory=dict)

    def index(self, kunci: object) -> int | None:
        """The walk index a row's key names, or None (no key, or none of this tree)."""
        if isinstance(kunci, float) and kunci.is_integer():
            kunci = int(kunci)
        text = str(kunci).strip() if kunci is not None else ""
        if not text.isdigit() or int(text) >= len(self.nodes):
            return None
        return int(text)


def _rows(sheet: Lembar) -> list[tuple[str, tuple[object, ...]]]:
    return [(str(r[0] or "").strip(), r[1:]) for r in sheet.nilai if r]


def baca_data(sheets: list[Lembar], file: str) -> tuple[Data | None, list[Finding]]:
    """The hidden data of a workbook Anggaran wrote, or None when it has none; a data sheet
    that cannot be used is reported (``READ_XLSX_DATA``), never trusted."""
    sheet = next((s for s in sheets if s.nama == LEMBAR_DATA), None)
    if sheet is None:
        return None, []
    rows = _rows(sheet)
    where = SourceRef(f"{file}!{LEMBAR_DATA}")
    formats = [str(rest[0]) if rest else "" for k, rest in rows if k == "format"]
    if formats != [FORMAT]:
        return None, [Finding.of("READ_XLSX_DATA", "", where, sebab=f"format {formats[:1]!r}")]
    text = "".join(str(rest[0] or "") for k, rest in rows if k == "json" and rest)
    try:
        result = canonical.read_json(text.encode("utf-8"), f"{file}!{LEMBAR_DATA}")
    except InputError as exc:
        return None, [Finding.of("READ_XLSX_DATA", "", where, sebab=exc.plain()[:300])]
    tree = result.tree
    data = Data(tree, [step.node for step in walk(tree)])
    titles: list[str] = []
    for k, rest in rows:
        if k == "kepala" and len(rest) >= 2:
            data.kepala[str(rest[0] or "").strip()] = str(rest[1] or "")
        elif k == "kolom":
            titles = [str(t or "") for t in rest[1:]]
        elif k == "baris" and rest:
            i = data.index(rest[0])
            if i is not None:
                data.baris[i] = dict(zip(titles, rest[1:], strict=False))
    return data, []
