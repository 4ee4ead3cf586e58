"""Compile a Typst template of ``reports/templates`` to PDF, its data handed over as JSON
through ``sys.inputs`` (so no text is ever pasted into Typst markup)."""

from __future__ import annotations

from importlib import resources

from anggaran.core.errors import OutputError
from anggaran.core.findings import N_

#: bidirectional-text controls, dropped before Typst (a right-to-left override made its
#: layout panic); they carry no budget meaning
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def compile_pdf(template: str, data: str) -> bytes:
    """``templates/<template>`` compiled with ``data`` (JSON text) as PDF bytes. Raises
    OutputError when Typst fails, including a panic of its Rust core."""
    import typst  # imported when a PDF is made: `anggaran check` starts without it

    source = resources.files("anggaran.reports").joinpath(f"templates/{template}")
    with resources.as_file(source) as path:
        try:
            result = typst.compile(
                str(path), format="pdf", sys_inputs={"data": data.translate(BIDI_CONTROLS)}
            )
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # Typst's errors, and a panic of its Rust core (PyO3)
            raise OutputError(N_("the PDF cannot be made: {sebab}"), sebab=str(exc)) from exc
    assert isinstance(result, bytes)
    return result
