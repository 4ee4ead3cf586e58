"""Fixtures of the consolidation tests: the three real archives consolidated once, and one
Spark session for every Spark test (starting one takes seconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from anggaran.konsolidasi import mesin as ms
from anggaran.services import konsolidasi as svc
from tests.conftest import ADK

#: the real archives' totals (examples/adk/README.md): menjadi and semula
MENJADI = 74_798_704_000 + 59_828_777_000 + 468_227_337_000
SEMULA = 79_613_275_000 + 63_217_086_000 + 558_223_915_000


@pytest.fixture(scope="session")
def nyata(tmp_path_factory: pytest.TempPathFactory) -> svc.Konsolidasi:
    """The three real archives consolidated (stage ``adk``)."""
    out = tmp_path_factory.mktemp("konsolidasi") / "nyata"
    return svc.konsolidasi([svc.Masukan("adk", ADK)], out)


@pytest.fixture(scope="session")
def duck(nyata: svc.Konsolidasi) -> Iterator[ms.Mesin]:
    m = ms.buka(nyata.folder)
    yield m
    m.close()


@pytest.fixture(scope="session")
def spark_session() -> Iterator[object]:
    """One local Spark session for the whole run; the tests that need it are skipped with
    the reason when pyspark or Java is missing."""
    reason = ms.spark_tersedia()
    if reason:
        pytest.skip(f"Spark cannot run here: {reason}")
    from pyspark.sql import SparkSession

    spark = ms.sesi_spark()
    yield spark
    SparkSession.getActiveSession() and spark.stop()


@pytest.fixture(scope="session")
def spark(nyata: svc.Konsolidasi, spark_session: object) -> ms.Mesin:
    return ms.buka(nyata.folder, "spark", spark=spark_session)
