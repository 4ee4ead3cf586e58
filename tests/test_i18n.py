"""One message catalogue: every message of every finding id, error and face is in the
gettext catalogue, translated into Indonesian with the same fields, and the compiled .mo is
the .po's; numbers, money and dates as each language writes them."""

from __future__ import annotations

import datetime as dt
import re
import string
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from anggaran import i18n, services  # noqa: F401  (services registers every finding id)
from anggaran.core.findings import KINDS, Finding

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src" / "anggaran" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def fields(template: str) -> set[str]:
    return {f"{name}:{spec}!{conv}" for _, name, spec, conv in string.Formatter().parse(template) if name}


def test_the_catalogue_is_up_to_date_and_complete() -> None:
    """What `python scripts/catalogue.py` would write is what is committed, and nothing is
    left untranslated."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogue.py"), "--check"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_translation_keeps_the_fields_of_its_message() -> None:
    catalogue = read_po(PO.open("rb"))
    for m in catalogue:
        if m.id:
            assert m.string, m.id
            assert fields(m.string) == fields(m.id), (m.id, m.string)


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=lambda k: k.id)
def test_every_message_of_every_finding_id_fills_in_both_languages(kind) -> None:  # type: ignore[no-untyped-def]
    """With an argument for each field, no field is left unfilled; the Indonesian differs
    from the English wherever the catalogue translates it."""
    for variant, template in kind.messages.items():
        args = {}
        for _, name, spec, _ in string.Formatter().parse(template):
            if name:
                args[name] = {
                    "list": ["a", "b"],
                    "plus": ["1", "2"],
                    "rp": 1_234_567,
                    "vol": "2.5",
                    "n": "3979.3",
                }.get(spec or "", "x" if spec != "t" else "work unit")
        f = Finding.of(kind.id, variant=variant, **args)
        for lang in i18n.LANGS:
            text = i18n.message(f, lang)
            assert "{" not in text and text.strip(), (kind.id, variant, lang, text)
        assert i18n.description(kind.id, "id") and i18n.description(kind.id, "en") == kind.description


def test_money_numbers_and_dates_as_each_language_writes_them() -> None:
    assert i18n.rupiah(609_139_000, "id") == "Rp 609.139.000"
    assert i18n.rupiah(609_139_000, "en") == "Rp 609,139,000"
    assert i18n.rupiah(-5_000_000, "id") == "Rp -5.000.000"
    assert i18n.number(Decimal("3979.30"), "id") == "3.979,3"
    assert i18n.number("237", "id", min_decimals=2) == "237,00"
    assert i18n.number("0.125", "en", min_decimals=2) == "0.125"
    assert i18n.rupiah(2**63 - 1, "id") == "Rp 9.223.372.036.854.775.807"
    assert i18n.tanggal(dt.date(2023, 3, 30), "id") == "30 Maret 2023"
    assert i18n.tanggal(dt.date(2023, 3, 30), "en") == "30 March 2023"


def test_an_invisible_character_is_shown_visibly() -> None:
    f = Finding.of("READ_LINE_UNRECOGNISED", text="1\u00a0000\u202e")
    assert i18n.message(f) == r"Baris tidak dikenali dan tidak dipakai: '1\xa0000\u202e'"


def test_no_message_pairs_left_in_the_code() -> None:
    """Messages are written once (English, translated by the catalogue), not as pairs of
    Indonesian and English f-strings: no ``if lang == "en"`` outside the language module."""
    offenders = []
    for path in (ROOT / "src" / "anggaran").rglob("*.py"):
        if path.name == "i18n.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"lang\s*==\s*[\"']en[\"']|\ben\s*=\s*lang\s*==", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
