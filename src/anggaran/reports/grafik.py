"""Charts drawn on the server as SVG (no script, nothing loaded from elsewhere): a bar per
item, labelled with its code and name and its amount in the reader's language."""

from __future__ import annotations

from html import escape

from anggaran import i18n
from anggaran.reference import referensi

_BAR = 20
_GAP = 6
_LABEL = 330
_VALUE = 150
_WIDTH = 820


def nama_jenis_belanja(kode: str) -> str:
    """The name of a jenis belanja (``52``: Belanja Barang), or empty."""
    return referensi().jenis_belanja.get(kode) or ""


def batang(items: list[tuple[str, str, int]], lang: str = i18n.DEFAULT) -> str:
    """A horizontal bar chart of ``(kode, nama, amount in rupiah)`` as an SVG element;
    empty text when there is nothing to draw. Negative amounts draw no bar."""
    if not items:
        return ""
    top = max((v for _, _, v in items), default=0) or 1
    span = _WIDTH - _LABEL - _VALUE
    height = len(items) * (_BAR + _GAP) + _GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(i18n.gettext("Chart", lang))}">'
    ]
    for n, (kode, nama, value) in enumerate(items):
        y = _GAP + n * (_BAR + _GAP)
        w = max(0.0, span * value / top)
        label = f"{kode} {nama}".strip()
        short = label if len(label) <= 48 else label[:47] + "…"
        amount = i18n.rupiah(value, lang)
        parts.append(
            f"<g><title>{escape(label)}: {escape(amount)}</title>"
            f'<text x="0" y="{y + _BAR * 0.72:.1f}" class="label">{escape(short)}</text>'
            f'<rect x="{_LABEL}" y="{y}" width="{w:.1f}" height="{_BAR}" rx="2" class="bar"/>'
            f'<text x="{_WIDTH}" y="{y + _BAR * 0.72:.1f}" text-anchor="end" class="value">'
            f"{escape(amount)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)
