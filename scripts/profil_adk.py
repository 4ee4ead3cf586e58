"""Measure the real SAKTI ADK archives into the profile the generator draws from
(``src/anggaran/generator/profil.json``): how many programs, kegiatan, KRO, RO, komponen,
sub-komponen, akun and detail lines a satker has, the kegiatan/KRO/RO catalogue of unit
015.08, the codes and names of each level, per akun sample lines (name, volume factors,
satuan, harga satuan), the shapes of the monthly plans per jenis belanja, the share of
header lines, the notes per akun, and how the semula (m_*) tables differ from menjadi.

    python scripts/profil_adk.py [ARCHIVE ...]   # default: src/anggaran/contoh/adk/*.zip

No personal data goes in: ``d_kpa`` is not read; an item name goes in only when it occurs
at least twice over the archives (a name written once may name a person); amounts are
prices and counts of the budget. The output is sorted and rounded so that the same
archives always give the same file.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

from anggaran.core.kode import Level
from anggaran.core.tree import RkaSatker, nodes, walk
from anggaran.formats.adk.reader import read_adk
from anggaran.reference import referensi

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "src" / "anggaran" / "contoh" / "adk").glob("*.zip"))
OUT = ROOT / "src" / "anggaran" / "generator" / "profil.json"
#: sample lines kept per akun, plan shapes per jenis belanja, names per level
SAMPLE_LINES = 25
SAMPLE_PLANS = 120
TOP_NAMES = 60


def hist(values: list[int]) -> dict[str, int]:
    """A histogram as {value: count}, keys in numeric order (JSON keys are text)."""
    return {str(k): v for k, v in sorted(Counter(values).items())}


def top(counter: Counter[str], n: int) -> dict[str, int]:
    return dict(sorted(counter.most_common(n), key=lambda kv: (-kv[1], kv[0])))


def komponen_kelas(kode: str) -> str:
    """The komponen kinds the akun differ by: 001 (salaries), 002 (office operations), the rest."""
    return kode if kode in ("001", "002") else "lain"


def measure(archives: list[Path]) -> dict[str, object]:
    ref = referensi()
    trees: list[RkaSatker] = []
    semula: dict[tuple[str, str], RkaSatker] = {}
    for path in archives:
        a = read_adk(path).arsip
        trees.extend(a.satker)
        for t in a.semula or []:
            semula[(path.name, t.satker.kode)] = t
    per_level: dict[str, list[int]] = collections.defaultdict(list)
    lines_per_satker: list[int] = []
    program_letters: Counter[str] = Counter()
    katalog: dict[tuple[str, str, str], dict[str, object]] = {}
    satker_015: list[str] = []
    ro_kode: Counter[str] = Counter()
    ro_volume: list[int] = []
    komponen_kode: Counter[str] = Counter()
    komponen_nama: dict[str, Counter[str]] = collections.defaultdict(Counter)
    sub_kode: dict[str, Counter[str]] = collections.defaultdict(Counter)
    sub_nama: Counter[str] = Counter()
    akun_per_kelas: dict[str, Counter[str]] = collections.defaultdict(Counter)
    names: Counter[str] = Counter()
    header_names: Counter[str] = Counter()
    header = Counter[int]()
    notes: Counter[str] = Counter()
    akun_jenis: Counter[str] = Counter()
    notes_jenis: Counter[str] = Counter()
    rows: dict[str, list[tuple[str, list[tuple[int, str]], str, str, int]]] = collections.defaultdict(list)
    plans: dict[str, list[list[int]]] = collections.defaultdict(list)
    for t in trees:
        unit = f"{t.kementerian.kode}.{t.unit_organisasi.kode}"
        if unit == "015.08":
            satker_015.append(t.satker.kode)
        per_level["program"].append(len(t.program))
        n_lines = 0
        for step in walk(t, Level.DETAIL):
            node = step.node
            if step.level is Level.PROGRAM:
                program_letters[node.kode.rsplit(".", 1)[-1]] += 1  # type: ignore[union-attr]
                per_level["kegiatan"].append(len(node.kegiatan))  # type: ignore[union-attr]
            elif step.level is Level.KEGIATAN:
                per_level["kro"].append(len(node.kro))  # type: ignore[union-attr]
            elif step.level is Level.KRO:
                per_level["ro"].append(len(node.ro))  # type: ignore[union-attr]
                prog = step.ancestors[0].kode.rsplit(".", 1)[-1]  # type: ignore[union-attr]
                key = (prog, step.ancestors[1].kode, node.kode)  # type: ignore[union-attr]
                entry = katalog.setdefault(key, {"satker": set(), "ro": collections.defaultdict(set)})
                entry["satker"].add((t.satker.kode, id(t)))  # type: ignore[attr-defined]
                for r in node.ro:  # type: ignore[union-attr]
                    entry["ro"][(r.kode, r.nama)].add(id(t))  # type: ignore[index]
            elif step.level is Level.RO:
                per_level["komponen"].append(len(node.komponen))  # type: ignore[union-attr]
                ro_kode[node.kode] += 1  # type: ignore[union-attr]
                if node.keluaran.volume is not None:  # type: ignore[union-attr]
                    ro_volume.append(int(node.keluaran.volume))  # type: ignore[union-attr]
            elif step.level is Level.KOMPONEN:
                per_level["sub_komponen"].append(len(node.sub_komponen))  # type: ignore[union-attr]
                kelas = komponen_kelas(node.kode)  # type: ignore[union-attr]
                komponen_kode[node.kode] += 1  # type: ignore[union-attr]
                komponen_nama[kelas][node.nama] += 1  # type: ignore[union-attr]
            elif step.level is Level.SUB_KOMPONEN:
                per_level["akun"].append(len(node.akun))  # type: ignore[union-attr]
                kelas = komponen_kelas(step.parent.kode)  # type: ignore[union-attr]
                sub_kode[kelas][node.kode] += 1  # type: ignore[union-attr]
                sub_nama[node.nama] += 1  # type: ignore[union-attr]
            elif step.level is Level.AKUN:
                a = node
                per_level["baris"].append(sum(1 for d in a.detail if not d.header))  # type: ignore[union-attr]
                kelas = komponen_kelas(step.ancestors[4].kode)  # type: ignore[union-attr]
                if ref.akun_dikenal(a.kode) and a.kode[:2] in ref.jenis_belanja:  # type: ignore[union-attr]
                    akun_per_kelas[kelas][a.kode] += 1  # type: ignore[union-attr]
                akun_jenis[a.kode[:2]] += 1  # type: ignore[union-attr]
                if a.catatan:  # type: ignore[union-attr]
                    notes_jenis[a.kode[:2]] += 1  # type: ignore[union-attr]
                    notes.update(a.catatan)  # type: ignore[union-attr]
            else:
                d = node
                n_lines += 1
                header[d.tingkat] += 1  # type: ignore[union-attr]
                if d.header:  # type: ignore[union-attr]
                    header_names[d.uraian.strip()] += 1  # type: ignore[union-attr]
                    continue
                names[d.uraian.strip()] += 1  # type: ignore[union-attr]
        lines_per_satker.append(n_lines)
    # the second pass: sample lines and plans (names known to occur twice by now)
    rng = random.Random(2026)
    for t in trees:
        for step in nodes(t, Level.DETAIL):
            d = step.node
            a = step.parent
            if d.header or not ref.akun_dikenal(a.kode) or d.jumlah <= 0:  # type: ignore[union-attr]
                continue
            nama = d.uraian.strip()  # type: ignore[union-attr]
            if names[nama] < 2:
                continue
            faktor = [(int(v), s) for v, s in d.faktor]  # type: ignore[union-attr]
            if d.faktor and any(v != int(v) for v, _ in d.faktor):  # type: ignore[union-attr]
                continue
            volume = d.volume if not faktor else Decimal(0)  # type: ignore[union-attr]
            rows[a.kode].append(  # type: ignore[union-attr]
                (nama, faktor, format(volume.normalize(), "f"), d.satuan, d.harga_satuan)  # type: ignore[union-attr]
            )
            plan = d.rencana_bulanan  # type: ignore[union-attr]
            if plan and sum(plan) == d.jumlah:  # type: ignore[union-attr]
                total = sum(plan)
                shape = [round(10000 * m / total) for m in plan]
                if sum(shape) > 0:
                    plans[a.kode[:2]].append(shape)  # type: ignore[union-attr]
    sample_rows = {k: sorted(rng.sample(v, min(SAMPLE_LINES, len(v)))) for k, v in sorted(rows.items()) if v}
    sample_plans = {
        k: sorted(rng.sample(v, min(SAMPLE_PLANS, len(v)))) for k, v in sorted(plans.items()) if v
    }
    # the catalogue of unit 015.08: each KRO with the share of satkers that have it
    n015 = len(satker_015)
    kat = []
    for (prog, keg, kro), e in sorted(katalog.items()):
        satkers = e["satker"]
        if not satkers:
            continue
        ro = [
            {"kode": kode, "nama": nama, "p": round(len(ts) / len(satkers), 3)}
            for (kode, nama), ts in sorted(e["ro"].items())  # type: ignore[attr-defined]
        ]
        kat.append(
            {
                "program": prog,
                "kegiatan": keg,
                "kro": kro,
                "p": round(len(satkers) / max(n015, 1), 3),
                "ro": ro,
            }
        )
    semula_stats = Counter[str]()
    for t in trees:
        for (_, kode), m in semula.items():
            if kode != t.satker.kode:
                continue
            d_lines = {s.path: s.node for s in nodes(t, Level.DETAIL)}
            m_lines = {s.path: s.node for s in nodes(m, Level.DETAIL)}
            semula_stats["menjadi"] += len(d_lines)
            semula_stats["hanya_semula"] += len(set(m_lines) - set(d_lines))
            semula_stats["hanya_menjadi"] += len(set(d_lines) - set(m_lines))
            semula_stats["berubah"] += sum(
                1
                for p in set(d_lines) & set(m_lines)
                if d_lines[p].jumlah != m_lines[p].jumlah  # type: ignore[union-attr]
            )
            break
    total_lines = sum(header.values())
    return {
        "sumber": [p.name for p in archives],
        "satker": len(trees),
        "baris_per_satker": sorted(lines_per_satker),
        "struktur": {k: hist(v) for k, v in sorted(per_level.items())},
        "program": top(program_letters, 20),
        "katalog_015_08": kat,
        "ro_kode": top(ro_kode, 40),
        "ro_volume": hist(ro_volume),
        "komponen": top(komponen_kode, 20),
        "komponen_nama": {k: top(v, 10) for k, v in sorted(komponen_nama.items())},
        "sub_komponen": {k: top(v, 40) for k, v in sorted(sub_kode.items())},
        "sub_komponen_nama": top(sub_nama, TOP_NAMES),
        "akun": {k: top(v, 60) for k, v in sorted(akun_per_kelas.items())},
        "header": {
            "bagian": round((header[1] + header[2]) / total_lines, 4),
            "tingkat2": round(header[2] / max(header[1] + header[2], 1), 4),
            "nama": top(Counter({k: v for k, v in header_names.items() if v >= 2}), TOP_NAMES),
        },
        "baris": sample_rows,
        "bulanan": sample_plans,
        "catatan": {
            "bagian": {k: round(notes_jenis[k] / akun_jenis[k], 4) for k in sorted(akun_jenis)},
            "teks": sorted(notes),
        },
        "semula": {
            "hanya_semula": round(semula_stats["hanya_semula"] / max(semula_stats["menjadi"], 1), 4),
            "hanya_menjadi": round(semula_stats["hanya_menjadi"] / max(semula_stats["menjadi"], 1), 4),
            "berubah": round(semula_stats["berubah"] / max(semula_stats["menjadi"], 1), 4),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archives", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    profil = measure(args.archives)
    text = json.dumps(profil, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text):,} bytes from {', '.join(profil['sumber'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
