"""``anggaran db``: keep every version in a database and compare them.

The database is chosen by ``--db URL`` or ``DATABASE_URL`` (``sqlite:///file.sqlite3``,
``postgresql://user@host/name``, or a plain path to a SQLite file), else the SQLite file in
the user's data folder, created on first use.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from anggaran import services
from anggaran.cli.common import (
    check_text_form,
    clean,
    console_err,
    console_out,
    fail_input,
    lang_option,
    nama_or_unknown,
    print_findings,
    print_perbandingan,
    refuse_read_errors,
    satker_code,
    write_documents,
    writing,
)
from anggaran.core.errors import InputError
from anggaran.core.findings import Severity, has_errors
from anggaran.reports.findings import finding_dict, summary_line
from anggaran.services import versi as v

db_option = click.option(
    "--db",
    "db_url",
    envvar="DATABASE_URL",
    default=None,
    metavar="URL",
    help="Database: postgresql://USER[:PASSWORD]@HOST[:PORT]/NAME, sqlite:////ABSOLUTE/PATH "
    "(four slashes), or a SQLite file path. Default: $DATABASE_URL, else anggaran.sqlite3 in "
    "the user's data folder.",
)


def _store(url: str | None, lang: str, create: bool = False) -> v.Store:
    """The store; only ``import`` creates a SQLite file that does not exist yet."""
    try:
        return v.Store(url, create)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)


def _checked(url: str | None, version: str, lang: str) -> tuple[v.Store, v.VersiInfo, services.Checked]:
    """The store, and the version VERSION names with its tree checked; exit 2 when there
    is none."""
    store = _store(url, lang)
    try:
        return store, *v.check_version(store, version)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _tahap(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, int | None] | None:
    if value is None:
        return None
    try:
        return v.parse_tahap(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"{exc}; one of pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa, revisi-N"
        ) from None


def _versi_dict(info: v.VersiInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "satker": info.satker,
        "satker_nama": info.satker_nama,
        "tahun_anggaran": info.tahun_anggaran,
        "tahap": info.tahap_label if info.tahap else None,
        "berkas": info.berkas,
        "berkas_sha256": info.berkas_sha256,
        "disimpan_oleh": info.disimpan_oleh,
        "disimpan_pada": info.disimpan_pada.isoformat(),
        "catatan": info.catatan,
        "jumlah": info.jumlah,
        "fingerprint": info.fingerprint,
    }


def _ids(ids: list[int] | tuple[int, ...]) -> str:
    if not ids:
        return "-"
    return (
        str(ids[0])
        if len(ids) == 1
        else f"{ids[0]}–{ids[-1]}"
        if list(ids) == list(range(ids[0], ids[-1] + 1))
        else ", ".join(map(str, ids))
    )


@click.group()
def db() -> None:
    """Keep every version of every satker in a database: import, list, show, compare, export.

    The database: --db URL or $DATABASE_URL (postgresql://USER@HOST/NAME, or
    sqlite:////ABSOLUTE/PATH, or a SQLite file path), else anggaran.sqlite3 in the user's
    data folder. `import` creates and migrates it on first use. VERSION is a version's
    number (12 or v12, from `anggaran db list`) or a satker code (6 digits: the version of
    that satker stored last).
    """


@db.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--stage",
    "tahap",
    callback=_tahap,
    default=None,
    metavar="TAHAP",
    help="Stage of the version: pagu-indikatif, pagu-anggaran, alokasi-anggaran, dipa, "
    "revisi-N. Default: the stage the document names, else none.",
)
@click.option(
    "--semula",
    is_flag=True,
    help="ADK revision archive: also store each satker's plan before the revision "
    "(the m_* tables) as a version of its own, before the new one.",
)
@click.option(
    "--semula-stage",
    "tahap_semula",
    callback=_tahap,
    default=None,
    metavar="TAHAP",
    help="Stage of the --semula versions (same values as --stage).",
)
@click.option("--note", "catatan", default="", help="A note kept with the file and its versions.")
@click.option("--user", "oleh", default=None, help="Who stores it (default: the login name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def import_(
    file: Path,
    tahap: tuple[str, int | None] | None,
    semula: bool,
    tahap_semula: tuple[str, int | None] | None,
    catatan: str,
    oleh: str | None,
    fmt: str,
    db_url: str | None,
    lang: str,
) -> None:
    """Store FILE as new versions: one per satker, all or nothing.

    FILE is a Bagian A (text), a canonical JSON or an ADK archive (folder, zip, rar). A
    file imported before (same SHA-256) is recognised and not stored again (exit 0, the
    options are not applied). The checks' findings are summed up (`anggaran check FILE`
    lists them); a version is stored whatever they find. Exit 1 when a check finds an
    error (stored all the same) or, storing nothing, when the reader could not place a
    line; 2 when FILE or the database cannot be read.
    """
    en = lang == "en"
    if tahap_semula is not None and not semula:
        raise click.BadParameter("only with --semula", param_hint="--semula-stage")
    store = _store(db_url, lang, create=True)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console_err(),
            transient=True,
        ) as bar:
            task = bar.add_task("saving versions" if en else "menyimpan versi", total=None)
            result = v.import_file(
                store,
                file,
                tahap=tahap,
                catatan=catatan,
                oleh=oleh or _user(),
                pada=dt.datetime.now(dt.UTC),
                semula=semula,
                tahap_semula=tahap_semula,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)
    refuse_read_errors(file, result.read_errors, lang, stored=True)
    b = result.berkas
    assert b is not None
    errors = has_errors(result.findings)
    if fmt == "json":
        sys.stdout.write(
            json.dumps(
                {
                    "file": result.file,
                    "baru": result.baru,
                    "format": result.format,
                    "berkas": {
                        "id": b.id,
                        "nama": b.nama,
                        "sha256": b.sha256,
                        "ukuran": b.ukuran,
                        "diimpor_oleh": b.diimpor_oleh,
                        "diimpor_pada": b.diimpor_pada.isoformat(),
                    },
                    "versi": [
                        _versi_dict(i)
                        | {"semula": i.id in result.semula, "sama_dengan": result.sama.get(i.id)}
                        for i in result.versi
                    ],
                    "ringkasan": {
                        s.value: sum(1 for f in result.findings if f.severity is s) for s in Severity
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        sys.exit(1 if errors else 0)
    out = console_out()
    if not result.baru:
        out.print(
            (
                f"{clean(str(file))}: already imported on {b.diimpor_pada:%Y-%m-%d %H:%M} UTC by "
                f"{clean(b.diimpor_oleh)} as version(s) {_ids(b.versi)}; nothing stored"
            )
            if en
            else (
                f"{clean(str(file))}: sudah diimpor pada {b.diimpor_pada:%Y-%m-%d %H:%M} UTC oleh "
                f"{clean(b.diimpor_oleh)} sebagai versi {_ids(b.versi)}; tidak disimpan lagi"
            )
        )
        return
    menjadi = [i for i in result.versi if i.id not in result.semula]
    total = sum(i.jumlah for i in menjadi)
    stage = ", ".join(dict.fromkeys(i.tahap_label for i in menjadi)) or "-"
    stage_semula = ", ".join(dict.fromkeys(i.tahap_label for i in result.versi if i.id in result.semula))
    if result.semula:
        stage += f" (semula: {stage_semula})"
    before = f" + {len(result.semula)} semula (m_*)" if result.semula else ""
    out.print(
        f"[bold]{clean(str(file))}[/] ({result.format}, sha256 {b.sha256[:12]}…): "
        + (
            f"{len(menjadi)} version(s){before} stored: {_ids(b.versi)}, stage {stage}, total Rp {total:,}"
            if en
            else f"{len(menjadi)} versi{before} disimpan: {_ids(b.versi)}, tahap {stage}, jumlah Rp {total:,}"
        )
    )
    same = "same content as version" if en else "isinya sama dengan versi"
    for info in result.versi[:50]:
        extra = f" ({same} {result.sama[info.id]})" if info.id in result.sama else ""
        out.print(
            f"  {info.id:>6}  {info.satker}  TA {info.tahun_anggaran}  {info.tahap_label:<16}"
            f"Rp {info.jumlah:>20,}  {clean(nama_or_unknown(info.satker_nama, lang))}{extra}"
        )
    if len(result.versi) > 50:
        out.print(f"  … {len(result.versi) - 50} " + ("more" if en else "lainnya"))
    out.print(
        summary_line(result.findings, lang)
        + (" (anggaran check FILE lists them)" if en else " (anggaran check BERKAS merincinya)")
    )
    out.print(f"{'database' if en else 'basis data'}: {clean(store.name)}")
    if errors:
        sys.exit(1)


@db.command("list")
@click.option(
    "--satker",
    default=None,
    metavar="KODE",
    callback=satker_code,
    help="Only this satker's versions (6 digits).",
)
@click.option("--year", "tahun", type=int, default=None, help="Only this fiscal year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def list_(satker: str | None, tahun: int | None, fmt: str, db_url: str | None, lang: str) -> None:
    """List the stored versions, oldest first."""
    store = _store(db_url, lang)
    try:
        found = store.versions(satker=satker, tahun_anggaran=tahun)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)
    if fmt == "json":
        sys.stdout.write(json.dumps([_versi_dict(i) for i in found], ensure_ascii=False, indent=2) + "\n")
        return
    en = lang == "en"
    if not found:
        if satker is None and tahun is None:
            console_out().print(("no versions in " if en else "belum ada versi di ") + clean(store.name))
        else:
            console_out().print(
                ("no version matches in " if en else "tidak ada versi yang cocok di ") + clean(store.name)
            )
        return
    head = (
        ("version", "satker", "FY", "stage", "total (Rp)", "stored (UTC)", "by", "file", "name / note")
        if en
        else (
            "versi",
            "satker",
            "TA",
            "tahap",
            "jumlah (Rp)",
            "disimpan (UTC)",
            "oleh",
            "berkas",
            "nama / catatan",
        )
    )
    rows = [
        (
            str(i.id),
            i.satker,
            str(i.tahun_anggaran),
            i.tahap_label,
            f"{i.jumlah:,}",
            f"{i.disimpan_pada:%Y-%m-%d %H:%M}",
            i.disimpan_oleh,
            i.berkas,
            nama_or_unknown(i.satker_nama, lang) + (f" / {i.catatan}" if i.catatan else ""),
        )
        for i in found
    ]
    widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head) - 1)]
    right = {0, 2, 4}
    out = console_out()
    for n, r in enumerate([head, *rows]):
        cells = [r[c].rjust(w) if c in right else r[c].ljust(w) for c, w in enumerate(widths)]
        line = clean("  ".join([*cells, r[-1]]))
        out.print(f"[bold]{line}[/]" if n == 0 else line)


@db.command()
@click.argument("version")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def show(version: str, fmt: str, db_url: str | None, lang: str) -> None:
    """Show VERSION: where it came from, its totals per program and jenis belanja, its size,
    and what the checks find."""
    store, info, checked = _checked(db_url, version, lang)
    t = checked.tree
    n_detail = sum(1 for _ in t.detail())
    history = store.versions(satker=info.satker)
    if fmt == "json":
        data = _versi_dict(info) | {
            "versi_satker": [
                {"id": i.id, "tahun_anggaran": i.tahun_anggaran, "tahap": i.tahap_label if i.tahap else None}
                for i in history
            ],
            "program": [{"kode": p.kode, "nama": p.nama, "jumlah": p.alokasi.jumlah} for p in t.program],
            "per_jenis_belanja": t.per_jenis_belanja(),
            "kro": sum(1 for _ in t.kro()),
            "ro": sum(1 for _ in t.ro()),
            "akun": sum(1 for _ in t.akun()),
            "detail": n_detail,
            "ringkasan": {s.value: sum(1 for f in checked.findings if f.severity is s) for s in Severity},
            "temuan": [finding_dict(f) for f in checked.findings],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.exit(1 if checked.has_errors else 0)
    en = lang == "en"
    out = console_out()
    nama = clean(nama_or_unknown(info.satker_nama, lang))
    out.print(
        f"[bold]{'version' if en else 'versi'} {info.id}[/]: satker {info.satker} {nama}, "
        f"{'FY' if en else 'TA'} {info.tahun_anggaran}, "
        f"{'stage' if en else 'tahap'} {info.tahap_label}"
    )
    out.print(f"{'file' if en else 'berkas'}: {clean(info.berkas)} (sha256 {info.berkas_sha256})")
    out.print(
        f"{'stored' if en else 'disimpan'}: {info.disimpan_pada:%Y-%m-%d %H:%M:%S} UTC "
        f"{'by' if en else 'oleh'} {clean(info.disimpan_oleh)}"
        + (f"; {'note' if en else 'catatan'}: {clean(info.catatan)}" if info.catatan else "")
    )
    for p in t.program:
        out.print(f"  program {p.kode} {clean(nama_or_unknown(p.nama, lang))}: Rp {p.alokasi.jumlah:,}")
    for kode, jumlah in t.per_jenis_belanja().items():
        out.print(f"  belanja {kode}: Rp {jumlah:,}")
    out.print(
        f"[bold]{'total' if en else 'jumlah'}: Rp {t.jumlah().jumlah:,}[/]; "
        f"{sum(1 for _ in t.kro())} KRO, {sum(1 for _ in t.ro())} RO, "
        f"{sum(1 for _ in t.akun())} akun, {n_detail} detail"
    )
    print_findings(out, checked.findings, lang)
    out.print(summary_line(checked.findings, lang))
    label = "versions of this satker" if en else "versi satker ini"
    out.print(
        f"{label}: "
        + ", ".join(
            f"{'[bold]' if i.id == info.id else ''}{i.id} (TA {i.tahun_anggaran}, {i.tahap_label})"
            f"{'[/]' if i.id == info.id else ''}"
            for i in history
        )
    )
    if checked.has_errors:
        sys.exit(1)


@db.command()
@click.argument("semula")
@click.argument("menjadi")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the matrix into (PDF, XLSX, HTML).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def diff(semula: str, menjadi: str, out_dir: Path | None, fmt: str, db_url: str | None, lang: str) -> None:
    """Matriks semula-menjadi of two stored versions: SEMULA (before) against MENJADI
    (after), each a version number or a satker code (its latest version). Prints the
    totals (per jenis belanja when both have their akun) and whether the satker changed;
    with -o writes the matrix as `anggaran diff` does."""
    store = _store(db_url, lang)
    try:
        p = v.perbandingan_versi(store, semula, menjadi)
    except InputError as exc:
        fail_input(exc, lang)
        sys.exit(2)
    if fmt == "json":
        before, after = p.jumlah()
        sys.stdout.write(
            json.dumps(
                {
                    "semula": p.label_semula,
                    "menjadi": p.label_menjadi,
                    "jumlah": {"semula": before, "menjadi": after, "selisih": after - before},
                    "per_jenis_belanja": {
                        k: {"semula": a, "menjadi": b} for k, (a, b) in p.per_jenis_belanja().items()
                    },
                    "satker": p.satker(),
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        print_perbandingan(p, lang, show_title=False)
    if out_dir is not None:
        with (
            writing(Path(f"versi {semula} -> {menjadi}")),
            console_err().status("writing the matrix…" if lang == "en" else "menulis matriks…"),
        ):
            written = services.write_diff(p, out_dir)
        label = "files written to" if lang == "en" else "berkas ditulis ke"
        console_err().print(f"{len(written)} {label} {clean(str(out_dir))}")


@db.command()
@click.argument("version")
@click.option(
    "--to", "to", type=click.Choice(list(services.EXPORT_FORMATS)), required=True, help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file ('-' for standard output); default: the document's usual name "
    "(rka-satker-<TA>-<satker>[-<dokumen>].<ext>) in the current folder.",
)
@click.option(
    "--dokumen",
    type=click.Choice(services.DOKUMEN),
    default="bagian-a",
    show_default=True,
    help="Which document: Bagian A, Bagian B (rincian) or the rekap. JSON always holds the whole tree.",
)
@db_option
@lang_option
def export(version: str, to: str, output: Path | None, dokumen: str, db_url: str | None, lang: str) -> None:
    """Write stored VERSION as json, xlsx, html, pdf or text, as `anggaran export` writes a
    file. The JSON, imported again, gives an equal tree. Exit 1 when the check finds an
    error (the file is written all the same)."""
    check_text_form(to, dokumen)
    _, info, checked = _checked(db_url, version, lang)
    if to != "json" and dokumen != "bagian-a" and not checked.tree.has_rincian():
        raise click.BadParameter(
            f"version {info.id} has no detail lines (Bagian B): only bagian-a", param_hint="--dokumen"
        )
    write_documents(Path(checked.file), [checked], to, dokumen, output, lang)
