"""Keep the message catalogue up to date: extract every message (Babel, as babel.cfg maps
the sources), merge the extraction into each language's .po (new messages come in empty,
messages no longer used are dropped), compile the .mo, and list what is untranslated.

    python scripts/catalogue.py          # update .po and .mo; exit 1 if something is untranslated
    python scripts/catalogue.py --check  # change nothing; exit 1 if the .po or .mo is not up to date

Then translate the empty entries of src/anggaran/locale/<lang>/LC_MESSAGES/django.po and
run it again. The tests run the check.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "anggaran" / "locale"
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "fill": None}


def extracted() -> Catalog:
    """Every message the sources use, with where it is used."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    template = Catalog(project="Anggaran", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def merged(template: Catalog, lang: str) -> Catalog:
    """The language's catalogue with the template's messages, translations kept."""
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    old = read_po(po.open("rb"), locale=lang) if po.exists() else Catalog(locale=lang)
    # fixed dates: the files change only when the messages do
    cat = Catalog(
        locale=lang,
        domain="django",
        project="Anggaran",
        charset="utf-8",
        creation_date=_EPOCH,
        revision_date=_EPOCH,
    )
    for m in template:
        if not m.id:
            continue
        before = old.get(m.id, m.context)
        cat.add(m.id, before.string if before else "", m.locations, context=m.context)
    return cat


def text(cat: Catalog, writer: object) -> bytes:
    buf = io.BytesIO()
    if writer is write_po:
        write_po(buf, cat, width=100, omit_header=False, sort_output=False, include_lineno=False)
    else:
        write_mo(buf, cat)
    return buf.getvalue()


def main(check: bool) -> int:
    template = extracted()
    status = 0
    for lang_dir in sorted(p for p in LOCALE.iterdir() if p.is_dir()):
        lang = lang_dir.name
        cat = merged(template, lang)
        untranslated = [m.id for m in cat if m.id and not m.string]
        for msgid in untranslated:
            print(f"{lang}: untranslated: {msgid!r}")
        po, mo = lang_dir / "LC_MESSAGES" / "django.po", lang_dir / "LC_MESSAGES" / "django.mo"
        po_text, mo_text = text(cat, write_po), text(cat, write_mo)
        po_now = po.read_bytes() if po.exists() else b""
        if check:
            if po_now != po_text or not mo.exists() or mo.read_bytes() != mo_text:
                print(
                    f"{lang}: {po.relative_to(ROOT)} or its .mo is not up to date: run scripts/catalogue.py"
                )
                status = 1
        else:
            if po_now != po_text:
                po.write_bytes(po_text)
            mo.write_bytes(mo_text)
        status = status or (1 if untranslated else 0)
    return status


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
