"""The signature block at the end of a Bagian A: ``Balikpapan, 30 Maret 2023``, the
jabatan, the signatory's name, an optional rank line and the NIP."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from anggaran.core.findings import Finding, SourceRef
from anggaran.core.tree import Dokumen, Penandatangan
from anggaran.formats.rka_text.lexicon import NIP, PANGKAT, PLACE_DATE

if TYPE_CHECKING:
    from anggaran.formats.rka_text.reader import _Reader


def read_signature(reader: _Reader, dokumen: Dokumen) -> None:
    """Place, date, jabatan, name, rank and NIP at the end of the document, into
    ``dokumen``; what does not fit is reported as a finding."""
    lines = reader.signature
    if not lines:
        reader.findings.append(
            Finding.of("READ_SIGNATURE_MISSING", "", SourceRef(reader.file, len(reader.pages) or None, None))
        )
        return
    m = PLACE_DATE.fullmatch(lines[0].text)
    rest = lines[1:] if m else lines  # (printed without place and date: from the jabatan on)
    if m is not None:
        dokumen.tempat = m.group("tempat").strip()
        month = reader.months.get(m.group("m").lower())
        if month is None:
            reader.report(lines[0], "READ_DATE_INVALID", bulan=m.group("m"))
        else:
            try:
                dokumen.tanggal = dt.date(int(m.group("y")), month, int(m.group("d")))
            except ValueError:
                reader.report(lines[0], "READ_DATE_INVALID", variant="tanggal", text=lines[0].text)
    nip_at = next((i for i, ln in enumerate(rest) if NIP.fullmatch(ln.text)), None)
    if nip_at is None or nip_at < 2:
        where = rest[-1] if rest else lines[0]
        reader.report(where, "READ_SIGNATURE_INCOMPLETE")
        for ln in rest:
            reader.report(ln, "READ_LINE_UNRECOGNISED", variant="ttd", text=ln.text[:80])
        return
    nip_line = rest[nip_at]
    nip_match = NIP.fullmatch(nip_line.text)
    assert nip_match is not None
    name_at = nip_at - 1
    pangkat = None
    if name_at >= 2 and PANGKAT.fullmatch(rest[name_at].text):
        pangkat = rest[name_at].text  # rank line between the name and the NIP
        name_at -= 1
    dokumen.penandatangan = Penandatangan(
        jabatan=" ".join(ln.text for ln in rest[:name_at]),
        nama=rest[name_at].text,
        nip=nip_match.group(1).replace(" ", "").strip("-"),
        pangkat=pangkat,
        source=reader.src(nip_line),
    )
    for ln in rest[nip_at + 1 :]:
        reader.report(ln, "READ_LINE_UNRECOGNISED", variant="setelah_nip", text=ln.text[:80])
