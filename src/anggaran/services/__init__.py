"""Use cases: read any input and check it (``open_input``), export and report it, compare
versions, keep versions in the store. The CLI, the web application and its API call these;
they return data (result objects with ``to_dict``), own the file I/O and keep writes
atomic and off the inputs."""

from anggaran import formats, rules  # noqa: F401  (register every finding id)
from anggaran.services.banding import Perbandingan, matriks_files, perbandingan, write_diff
from anggaran.services.dokumen import (
    DOKUMEN,
    EXPORT_FORMATS,
    MEDIA_TYPES,
    Written,
    base_name,
    export_files,
    nama_berkas,
    render,
    render_dokumen,
    report,
    safe_name,
    satker_files,
    satker_stem,
    write_all,
)
from anggaran.services.masukan import (
    INPUT_FORMATS,
    Checked,
    Input,
    check_bytes,
    is_adk,
    load_bytes,
    open_adk,
    open_document,
    open_input,
    read_bytes,
)

__all__ = [
    "DOKUMEN",
    "EXPORT_FORMATS",
    "INPUT_FORMATS",
    "MEDIA_TYPES",
    "Checked",
    "Input",
    "Perbandingan",
    "Written",
    "base_name",
    "check_bytes",
    "export_files",
    "is_adk",
    "load_bytes",
    "matriks_files",
    "nama_berkas",
    "open_adk",
    "open_document",
    "open_input",
    "perbandingan",
    "read_bytes",
    "render",
    "render_dokumen",
    "report",
    "safe_name",
    "satker_files",
    "satker_stem",
    "write_all",
    "write_diff",
]
