"""Readers of the outside formats (Bagian A text, SAKTI ADK archives, the canonical JSON) and
what they report about their input (``temuan``: the ``READ_*`` findings)."""

from anggaran.formats import temuan  # noqa: F401  (registers the READ_* findings)
