"""``anggaran generate``: realistic SAKTI ADK archives at any scale, with planted faults, for
testing Anggaran and whatever reads ADK archives at the scale of a ministry or the nation."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from anggaran.cli.common import clean, console_err, console_out, lang_option, progress, translator
from anggaran.services import generate as svc


@click.command()
@click.option("--satker", "n", type=click.IntRange(min=1), required=True, help="How many satkers.")
@click.option("--seed", type=int, required=True, help="The seed: the same seed gives the same bytes.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write into (created; it must be empty).",
)
@click.option(
    "--faults",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Faults to plant, spread over the satkers (each one finding of a per-tree rule).",
)
@click.option(
    "--semula",
    type=click.FloatRange(0, 1),
    default=0.3,
    show_default=True,
    help="Share of satkers that also get their version before the revision (m_* tables).",
)
@click.option(
    "--tahun", type=click.IntRange(2000, 2099), default=2026, show_default=True, help="Fiscal year."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes building archives (default: 2 on a machine of 2 cores or more); the bytes are the same.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
def generate(
    n: int,
    seed: int,
    out_dir: Path,
    faults: int,
    semula: float,
    tahun: int,
    workers: int | None,
    fmt: str,
    lang: str,
) -> None:
    """Write N satkers' budgets as SAKTI ADK archives (zip, one per unit: K/L + unit eselon
    I, 40-400 satkers each, fewer where the tables would pass about 150 MB unpacked, well
    within what the reader takes) into the folder -o names, with DIR/manifest.json listing every
    archive (satkers, detail lines, total) and every planted fault (archive, satker, rule,
    path, severity: exactly what `anggaran check --format json` reports on the archives).

    The satkers are shaped after the real archives (programs, KRO, RO, akun, detail lines
    about 200 per satker, prices, volumes, monthly and withdrawal plans, SAKTI's rounding);
    clean data gives no error and no warning. Exit 0 when written; 2 when the folder is not
    empty or a file cannot be written; 130 when interrupted (the archives written so far are
    whole, the manifest is not written).
    """
    _ = translator(lang)
    written = 0
    with progress() as bar:
        task = bar.add_task(_("generating ADK archives"), total=n)

        def kemajuan(h: object, done: int, total: int) -> None:
            nonlocal written
            written += 1
            bar.update(task, completed=done)

        try:
            manifest = svc.generate(
                out_dir,
                n,
                seed,
                faults=faults,
                semula=semula,
                tahun=tahun,
                workers=workers or svc.pekerja_bawaan(),
                kemajuan=kemajuan,
            )
        except KeyboardInterrupt:
            bar.stop()
            console_err().print(
                _(
                    "interrupted: {n} archive(s) written in full, no manifest; nothing half-written",
                    n=written,
                )
            )
            sys.exit(130)
    if fmt == "json":
        sys.stdout.write(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
        return
    out = console_out()
    c = manifest["counts"]
    out.print(
        clean(
            _(
                "{satker} satker, {baris} detail lines, total {jumlah:rp}; {kesalahan} faults planted",
                satker=c["satker"],
                baris=c["lines"],
                jumlah=c["jumlah"],
                kesalahan=c["faults"],
            )
        ),
        style="bold",
    )
    out.print(clean(_("{n} files written to {folder}", n=c["archives"] + 1, folder=str(out_dir))))
