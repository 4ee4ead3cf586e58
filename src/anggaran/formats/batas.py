"""How much input a reader takes: the limits that keep one hostile or mistaken file (an
archive bomb, a 200 MB text) from taking a machine's memory or minutes of its time. Each
is far above what the real inputs need (docs/guide.md, "Limits"); beyond it the reader
refuses the input with a message naming the limit (exit 2), before holding it all.

=======================  ============  =================================================
limit                    value         the real inputs
=======================  ============  =================================================
Bagian A text            8 MiB         17 KB for 6 pages (109141); ~2.5 MB for 1,000
Bagian A PDF             64 MiB        90 KB for 7 pages (109141, typst)
canonical JSON           64 MiB        2.3 MB for the largest real satker (527010)
archive, unpacked        256 MiB       36 MB for 40 satkers (2d01)
one archive member       128 MiB       12 MB (m_item.xml of 2d01)
unpacked : packed        200 : 1       22 : 1 (ZIP), checked past 64 MiB unpacked
archive nesting          4 levels      2 (SAKTI's .rar holding a .s26)
=======================  ============  =================================================
"""

from __future__ import annotations

MIB = 1 << 20

MAX_TEXT = 8 * MIB
MAX_JSON = 64 * MIB
MAX_PDF = 64 * MIB
MAX_ARCHIVE = 256 * MIB
MAX_MEMBER = 128 * MIB
MAX_RATIO = 200
RATIO_FROM = 64 * MIB
MAX_DEPTH = 4


def mib(n: int) -> str:
    """``8 MiB``: a size in whole MiB for messages."""
    return f"{n // MIB} MiB"
