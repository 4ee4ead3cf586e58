"""The Jinja2 environment of the pages: translations from the gettext catalogue (the same
``django.po`` the CLI reads), and money, numbers and dates in the reader's language
(``Rp 609.139.000``, ``30 Maret 2023``)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from jinja2 import Environment, pass_context
from markupsafe import Markup

from anggaran import i18n
from anggaran.core.findings import N_, Finding, Severity
from anggaran.core.tree import BULAN

log = logging.getLogger(__name__)


def bahasa() -> str:
    """The language of the request being answered (``id`` or ``en``)."""
    lang = (translation.get_language() or i18n.DEFAULT)[:2]
    return lang if lang in i18n.LANGS else i18n.DEFAULT


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return _url(name, args, tuple(sorted(kwargs.items())))


@functools.lru_cache(maxsize=8192)
def _url(name: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> str:
    """``reverse``, remembered: the URL configuration does not change while serving."""
    return str(reverse(name, args=args or None, kwargs=dict(kwargs) or None))


def rp(value: Any) -> str:
    return "" if value is None else i18n.rupiah(value, bahasa())


def angka(value: Any, desimal: int = 0) -> str:
    return "" if value is None else i18n.number(value, bahasa(), min_decimals=desimal)


def tanggal(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return i18n.tanggal(value, bahasa())


def waktu(value: dt.datetime | str | None) -> str:
    """A moment in the configured time zone, in the page's language; ``value`` may be ISO
    text (as an import's stored result holds it)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if value else None
    return "" if value is None else i18n.waktu(timezone.localtime(value), bahasa())


def pesan(f: Finding) -> str:
    return i18n.message(f, bahasa())


def tingkat(severity: Severity) -> str:
    return i18n.severity_label(severity, bahasa())


def isi(text: str, **args: Any) -> str:
    """A translated template (``_("{n} satker")``) filled in: ``_("…")|isi(n=3)``."""
    return i18n.format_text(str(text), args, bahasa())


def pesan_galat(exc: Any, lang: str | None = None) -> str:
    """An error for a page or an API answer, in its language (default: the page's); the
    database's own (which name the database) only in the server's log."""
    from anggaran.core.errors import StoreError

    lang = lang or bahasa()
    if isinstance(exc, StoreError):
        log.error("%s", exc)
        return i18n.gettext("The database refused the request.", lang)
    return i18n.error_text(exc, lang)


def json_teks(value: Any) -> str:
    """A stored value as JSON text, its letters as they are (escaped as HTML by the page)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def galat(data: dict[str, Any]) -> str:
    """An error kept as data (an import's) in the reader's language."""
    from anggaran.core.errors import InputError

    exc = InputError(
        data["template"],
        file=data.get("file"),
        page=data.get("page"),
        line=data.get("line"),
        expected=data.get("expected"),
        **data.get("params", {}),
    )
    return i18n.error_text(exc, bahasa())


@pass_context
def boleh(context: Any, aksi: str) -> bool:
    """Whether the user of the page may do ``aksi`` on some satker."""
    user = getattr(context.get("request"), "pengguna", None)
    return bool(user is not None and user.bisa(aksi))


#: a draft's statuses as the pages name them
_STATUS = {
    "konsep": N_("draft"),
    "diajukan": N_("submitted to the KPA"),
    "disetujui": N_("approved by the KPA, awaiting ratification"),
    "selesai": N_("became a version"),
}
#: the authorities as the pages name them
_KEWENANGAN = {
    "KPA": N_("KPA (revisi POK)"),
    "KANWIL_DJPB": N_("Kanwil DJPb"),
    "DJA": N_("DJA (Directorate General of Budget)"),
    "TIDAK_DIKETAHUI": N_("not known (not in the table)"),
}
_ALUR = {
    "ajukan": N_("Submit to the KPA"),
    "setujui": N_("Approve (KPA)"),
    "sahkan": N_("Ratify"),
    "kembalikan": N_("Return to the operator"),
}


def status_konsep(status: str) -> str:
    return str(translation.gettext(_STATUS.get(status, status)))


def nama_kewenangan(k: str) -> str:
    return str(translation.gettext(_KEWENANGAN.get(k, k)))


def label_alur(aksi: str) -> str:
    return str(translation.gettext(_ALUR.get(aksi, aksi)))


def nilai_perubahan(v: Any) -> Markup:
    """A revision change's value as a cell shows it: money as rupiah; a monthly plan as its
    total with the twelve months folded under it; DIPA page III as its pagu with its months."""
    from markupsafe import escape

    if v is None:
        return Markup("—")
    if isinstance(v, int):
        return Markup(escape(rp(v)))
    if isinstance(v, tuple | list):
        months = list(v[-12:])
        head = rp(v[0]) if len(v) == 13 else rp(sum(months))
        label = translation.gettext("pagu") if len(v) == 13 else translation.gettext("total")
        rows = "".join(
            f"<li>{escape(b[:3])} {escape(rp(m))}</li>" for b, m in zip(BULAN, months, strict=False)
        )
        summary = f"<summary>{escape(label)} {escape(head)}</summary>"
        return Markup(f'<details class="bulanan-ringkas">{summary}<ul>{rows}</ul></details>')
    return Markup(escape(str(v)))


def salinan_di_bawah(level: str, clip: str) -> bool:
    """Whether a copied row of level ``clip`` goes under a row of ``level``."""
    from anggaran.core.kode import Level

    levels = [lv.value for lv in Level]
    return level in levels and clip in levels and levels.index(clip) == levels.index(level) + 1


def environment(**options: Any) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        static=static,
        url=url,
        rp=rp,
        angka=angka,
        tanggal=tanggal,
        waktu=waktu,
        pesan=pesan,
        tingkat=tingkat,
        bahasa=bahasa,
        boleh=boleh,
        galat=galat,
        messages=get_messages,
        Severity=Severity,
        bahasa_pilihan=i18n.LANGS,
        status_konsep=status_konsep,
        nama_kewenangan=nama_kewenangan,
        label_alur=label_alur,
        salinan_di_bawah=salinan_di_bawah,
        nilai_perubahan=nilai_perubahan,
    )
    env.filters.update(isi=isi, rp=rp, angka=angka, tanggal=tanggal, waktu=waktu, json=json_teks)
    return env
