"""Spark (local mode) over the same Parquet: the set-based rules give the findings DuckDB
gives on the three real archives (the same rule, path, source and arguments, in the same
order; DuckDB's are the per-tree rules' findings: ``test_aturan``), and a small generated
set gives the same totals at every level and the generator's own. Skipped with the reason
when pyspark or Java is missing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from anggaran.konsolidasi import aturan
from anggaran.konsolidasi import mesin as ms
from anggaran.services import konsolidasi as svc


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


def test_spark_gives_the_same_totals_of_a_generated_set(tmp_path: Path, spark_session: object) -> None:
    from anggaran.services.generate import generate

    manifest = generate(tmp_path / "set", 30, 7, faults=0, semula=0.3)
    hasil = svc.konsolidasi([svc.Masukan("dipa", tmp_path / "set")], tmp_path / "kons")
    d = ms.buka(hasil.folder)
    s = ms.buka(hasil.folder, "spark", spark=spark_session)
    try:
        for level in svc.skema.LEVEL:
            assert s.kolom(svc.rekap_sql(level)) == d.kolom(svc.rekap_sql(level)), level
        cols, rows = d.kolom(svc.rekap_sql("satker"))
        menjadi = [r for r in rows if r[cols.index("versi")] == "menjadi"]
        semula = [r for r in rows if r[cols.index("versi")] == "semula"]
        assert len(menjadi) == manifest["counts"]["satker"] == 30
        assert len(semula) == manifest["counts"]["satker_semula"] > 0
        assert sum(r[cols.index("jumlah")] for r in menjadi) == manifest["counts"]["jumlah"]
    finally:
        d.close()


def test_spark_keeps_every_line_the_exact_arithmetic_reports(spark: ms.Mesin) -> None:
    # the 64-bit fast paths behind CASE: no overflow under Spark's ANSI mode, the same flags
    from tests.konsolidasi.test_aturan import cek_angka, cek_garis

    cek_angka(spark)
    cek_garis(spark)
