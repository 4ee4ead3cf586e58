"""The checks a reviewer applies, one small function per rule, grouped by family.

A rule reads a tree and yields findings; it never reads files or the database. ``RULES``
lists every rule with its stable id; ``run_rules`` applies them all.
"""

from anggaran.rules import alokasi, dokumen, indikator, keluaran, kode, nama, rincian  # noqa: F401  (register)
from anggaran.rules.registry import RULES, Rule, rule, run_rules

__all__ = ["RULES", "Rule", "rule", "run_rules"]
