"""The set-based rules on Spark (local mode) give the findings DuckDB gives on the three
real archives: the same rule, path, source and arguments, in the same order (DuckDB's are
the per-tree rules' findings: ``test_aturan``). Skipped with the reason when pyspark or
Java is missing."""

from __future__ import annotations

from collections import Counter

from anggaran.konsolidasi import aturan
from anggaran.konsolidasi import mesin as ms


def test_spark_gives_duckdbs_findings_on_the_real_archives(duck: ms.Mesin, spark: ms.Mesin) -> None:
    got = aturan.temuan(spark, versi="menjadi")
    expected = aturan.temuan(duck, versi="menjadi")
    assert {t.arsip for t in expected} == {
        "1d01_01508_00_000000_0",
        "2d01_01508_00_000000_0",
        "527010d01_01508_00_527010_1",
    }
    rules = Counter(t.temuan.rule for t in expected)
    # the real archives' errors (527010) and the codes without a name in the reference
    assert {"DETAIL_JUMLAH_KE_ATAS", "RENCANA_BULANAN_SUM", "KODE_TANPA_NAMA"} <= set(rules)
    assert got == expected
