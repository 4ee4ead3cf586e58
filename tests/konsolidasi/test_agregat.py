"""Cut, drilldown and comparison of the real archives' consolidation, in OpenSpending's
aggregate shape; a scope hides every satker outside it; Spark gives the same totals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anggaran.core.errors import InputError
from anggaran.core.lingkup import JenisLingkup, Lingkup
from anggaran.konsolidasi import agregat as ag
from anggaran.konsolidasi import mesin as ms
from anggaran.services import konsolidasi as svc
from tests.konsolidasi.conftest import MENJADI, SEMULA


def test_the_unit_by_province_and_jenis_belanja(duck: ms.Mesin) -> None:
    got = svc.query(duck, "unit:015.08", "provinsi|jenis_belanja", page_size=3)
    assert got["attributes"] == ["provinsi", "jenis_belanja"]
    assert got["aggregates"] == ["jumlah.sum", "_count", "satker.count"]
    assert got["cell"] == [{"ref": "unit", "operator": ":", "value": "015.08"}]
    assert got["summary"] == {"jumlah.sum": MENJADI, "_count": 9983, "satker.count": 80}
    assert got["total_cell_count"] == 44 and got["page"] == 1 and got["page_size"] == 3
    assert got["cells"][0] == {
        "provinsi": "01",
        "provinsi.nama": "DKI JAKARTA",
        "jenis_belanja": "51",
        "jenis_belanja.nama": "Belanja Pegawai",
        "jumlah.sum": 21_230_760_000,
        "_count": 92,
        "satker.count": 9,
    }


def test_pages_follow_each_other(duck: ms.Mesin) -> None:
    one = svc.query(duck, None, "satker", page=1, page_size=50)
    two = svc.query(duck, None, "satker", page=2, page_size=50)
    assert len(one["cells"]) == 50 and len(two["cells"]) == 30
    assert two["total_cell_count"] == 80
    assert sum(c["jumlah.sum"] for c in one["cells"] + two["cells"]) == MENJADI
    assert svc.query(duck, None, "satker", page=3, page_size=50)["cells"] == []


def test_the_biggest_akun_first(duck: ms.Mesin) -> None:
    got = svc.query(duck, "satker:527010", "akun", order="jumlah.sum:desc", page_size=2)
    assert [(c["akun"], c["jumlah.sum"]) for c in got["cells"]] == [
        ("523199", 273_715_583_000),
        ("523121", 53_907_739_000),
    ]
    assert got["cells"][0]["akun.nama"] == "Belanja Pemeliharaan Lainnya"


def test_the_semula_version_when_the_cut_names_it(duck: ms.Mesin) -> None:
    assert svc.query(duck, "versi:semula", None)["summary"]["jumlah.sum"] == SEMULA
    both = svc.query(duck, "versi:semula;menjadi", "versi")
    assert {c["versi"]: c["jumlah.sum"] for c in both["cells"]} == {"menjadi": MENJADI, "semula": SEMULA}


def test_the_national_semula_menjadi(duck: ms.Mesin) -> None:
    got = svc.banding(duck, "adk:semula", "adk:menjadi", None, "jenis_belanja")
    assert got["summary"] == {"semula": SEMULA, "menjadi": MENJADI, "selisih": MENJADI - SEMULA}
    assert [(c["jenis_belanja"], c["selisih"]) for c in got["cells"]] == [
        ("52", 533_221_891_000 - 627_143_090_000),
        ("53", 27_585_926_000 - 31_864_245_000),
        ("51", 42_047_001_000 - 42_046_941_000),
    ]
    per_satker = svc.banding(duck, ":semula", ":menjadi", "satker:527010", "satker")
    assert per_satker["cells"] == [
        {
            "satker": "527010",
            "satker.nama": "KANTOR PUSAT DIREKTORAT JENDERAL PERBENDAHARAAN",
            "semula": 558_223_915_000,
            "menjadi": 468_227_337_000,
            "selisih": 468_227_337_000 - 558_223_915_000,
        }
    ]


@pytest.mark.parametrize(
    ("lingkup", "satker", "jumlah"),
    [
        ([Lingkup(JenisLingkup.SATKER, "527010")], 1, 468_227_337_000),
        ([Lingkup(JenisLingkup.UNIT, "015.08")], 80, MENJADI),
        ([Lingkup(JenisLingkup.UNIT, "015.09")], 0, 0),
        ([Lingkup(JenisLingkup.KL, "013")], 0, 0),
        ([], 0, 0),
        (None, 80, MENJADI),
    ],
)
def test_a_scope_hides_every_satker_outside_it(
    duck: ms.Mesin, lingkup: list[Lingkup] | None, satker: int, jumlah: int
) -> None:
    got = svc.query(duck, None, "satker", lingkup=lingkup)
    assert got["summary"]["satker.count"] == satker and got["summary"]["jumlah.sum"] == jumlah
    assert got["total_cell_count"] == satker == len(got["cells"])


def test_a_cut_on_a_satker_outside_the_scope_gives_nothing(duck: ms.Mesin) -> None:
    mine = [Lingkup(JenisLingkup.SATKER, "527010")]
    got = svc.query(duck, "satker:015114", "akun", lingkup=mine)
    assert got["cells"] == [] and got["summary"] == {"jumlah.sum": 0, "_count": 0, "satker.count": 0}
    cmp = svc.banding(duck, ":semula", ":menjadi", "satker:015114", "satker", lingkup=mine)
    assert cmp["cells"] == [] and cmp["summary"] == {"semula": 0, "menjadi": 0, "selisih": 0}


def test_a_province_scope_takes_the_reference_place_of_a_satker(duck: ms.Mesin) -> None:
    jakarta = svc.query(duck, None, "satker", lingkup=[Lingkup(JenisLingkup.PROVINSI, "01")])
    codes = {c["satker"] for c in jakarta["cells"]}
    assert {"015114", "015115", "527010"} <= codes
    others = svc.query(duck, None, "satker", lingkup=[Lingkup(JenisLingkup.PROVINSI, "02")])
    assert not codes & {c["satker"] for c in others["cells"]}


@pytest.mark.parametrize(
    ("cut", "drilldown"),
    [("negara:ID", None), ("unit", None), ("satker:01'5", None), (None, "bulan"), ("satker:", None)],
)
def test_an_unknown_dimension_or_a_bad_value_is_refused(duck: ms.Mesin, cut: str, drilldown: str) -> None:
    with pytest.raises(InputError):
        svc.query(duck, cut, drilldown)


def test_a_bad_page_or_order_is_refused(duck: ms.Mesin) -> None:
    with pytest.raises(InputError):
        svc.query(duck, None, "satker", page_size=0)
    with pytest.raises(InputError):
        svc.query(duck, None, "satker", order="jumlah:sideways")


def test_two_stages_are_never_added_together(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ADK_1D01

    k = svc.konsolidasi([svc.Masukan("dipa", ADK_1D01), svc.Masukan("revisi-1", ADK_1D01)], tmp_path / "k")
    m = ms.buka(k.folder)
    try:
        got = svc.query(m, None, "jenis_belanja")
        assert got["attributes"] == ["tahap", "jenis_belanja"]
        per_stage: dict[str, int] = {}
        for c in got["cells"]:
            per_stage[c["tahap"]] = per_stage.get(c["tahap"], 0) + c["jumlah.sum"]
        assert per_stage == {"dipa": 74_798_704_000, "revisi-1": 74_798_704_000}
        assert [c["tahap"] for c in got["cells"]] == ["dipa"] * 3 + ["revisi-1"] * 3
        assert got["summary"]["jumlah.sum"] is None
        assert got["summary"]["per"] == [
            {"tahap": "dipa", "jumlah.sum": 74_798_704_000, "_count": 4308},
            {"tahap": "revisi-1", "jumlah.sum": 74_798_704_000, "_count": 4308},
        ]
        assert svc.query(m, "tahap:dipa", None)["summary"]["jumlah.sum"] == 74_798_704_000
    finally:
        m.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drill=st.lists(
        st.sampled_from(sorted(set(ag.DIMENSI) - {"tahun", "tahap", "versi"})), min_size=1, max_size=2
    ),
    versi=st.sampled_from(["menjadi", "semula"]),
)
def test_the_cells_add_up_to_the_summary(duck: ms.Mesin, drill: list[str], versi: str) -> None:
    got = svc.query(duck, f"versi:{versi}", drill, page_size=10_000)
    assert got["total_cell_count"] == len(got["cells"])
    assert sum(c["jumlah.sum"] for c in got["cells"]) == got["summary"]["jumlah.sum"]
    assert sum(c["_count"] for c in got["cells"]) == got["summary"]["_count"]
    assert got["summary"]["jumlah.sum"] == (MENJADI if versi == "menjadi" else SEMULA)


def test_each_levels_satkers_are_counted_as_distinct_satkers(duck: ms.Mesin) -> None:
    for level, keys in svc.skema.LEVEL.items():
        k = ", ".join(keys)
        distinct = duck.sql(
            f"SELECT tahun, tahap, versi, {k}, sum(jumlah), sum(baris), count(DISTINCT satker) FROM kubus "
            f"GROUP BY tahun, tahap, versi, {k} ORDER BY tahun, tahap, versi, {k}"
        )
        assert duck.sql(svc.rekap_sql(level)) == distinct, level
    assert [r[-1] for r in duck.sql(svc.rekap_sql("kl"))] == [80, 80]


def test_every_node_of_every_tree_has_the_total_a_rollup_gives(duck: ms.Mesin) -> None:
    # pohon_sql sums each depth from the one below; GROUP BY ROLLUP sums the cube at each
    keys = ", ".join(svc.POHON)
    depth = " + ".join(f"(1 - grouping({k}))" for k in svc.POHON)
    rollup = duck.sql(
        f"SELECT tahun, tahap, versi, satker, {keys}, {depth} AS kedalaman, sum(jumlah) AS jumlah, "
        f"sum(baris) AS baris FROM kubus GROUP BY tahun, tahap, versi, satker, ROLLUP ({keys}) "
        f"ORDER BY tahun, tahap, versi, satker, {', '.join(f'{k} NULLS FIRST' for k in svc.POHON)}"
    )
    got = duck.sql(svc.pohon_sql())
    assert got == rollup
    assert {r[11] for r in got} == set(range(8))
    assert sum(r[12] for r in got if r[11] == 0) == MENJADI + SEMULA


def test_spark_gives_the_same_totals_at_every_level(duck: ms.Mesin, spark: ms.Mesin) -> None:
    for level in svc.skema.LEVEL:
        assert spark.kolom(svc.rekap_sql(level)) == duck.kolom(svc.rekap_sql(level)), level
    assert spark.sql(svc.pohon_sql()) == duck.sql(svc.pohon_sql())
    # the same nodes in no particular order, as a consolidation writes them
    tanpa_urut = [sorted(m.sql(svc.pohon_sql(urut=False)), key=repr) for m in (spark, duck)]
    assert tanpa_urut[0] == tanpa_urut[1] == sorted(duck.sql(svc.pohon_sql()), key=repr)


def test_spark_answers_the_same_cut_and_comparison(duck: ms.Mesin, spark: ms.Mesin) -> None:
    mine = [Lingkup(JenisLingkup.PROVINSI, "01")]
    for args in (("unit:015.08", "provinsi|jenis_belanja"), ("versi:semula", "program|akun")):
        assert svc.query(spark, *args, lingkup=mine) == svc.query(duck, *args, lingkup=mine)
    assert svc.banding(spark, ":semula", ":menjadi", None, "satker") == svc.banding(
        duck, ":semula", ":menjadi", None, "satker"
    )


def test_a_spark_session_leaves_ctrl_c_to_anggaran(spark: ms.Mesin) -> None:
    """SparkContext installs a Ctrl-C handler of its own; Anggaran's, which holds a write
    until its files are whole, is put back (CI failed on the interrupt tests run after it)."""
    import signal

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert ms.sesi_spark() is spark.spark  # the same session, asked for again
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_duckdb_is_held_to_its_memory_and_spills_to_a_folder_it_removes(nyata: svc.Konsolidasi) -> None:
    from pathlib import Path

    m = ms.DuckMesin(nyata.folder)
    assert m.sql("SELECT current_setting('memory_limit')") == [("1.8 GiB",)]
    spill = Path(m.sql("SELECT current_setting('temp_directory')")[0][0])
    assert spill.is_dir() and spill.name.startswith("anggaran-duckdb-")
    m.close()
    assert not spill.exists()
