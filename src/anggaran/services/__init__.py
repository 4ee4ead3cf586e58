"""Use cases: read a document or an archive, check it, export and report it, compare
versions. The CLI (and later the web application) call these; they own the file I/O and
keep writes atomic."""

from anggaran.services.arsip import CheckedArsip, check_arsip, is_adk, report_arsip
from anggaran.services.banding import Perbandingan, perbandingan, write_diff
from anggaran.services.dokumen import (
    DOKUMEN,
    EXPORT_FORMATS,
    INPUT_FORMATS,
    Checked,
    base_name,
    check,
    load,
    nama_berkas,
    read_bytes,
    render,
    render_dokumen,
    report,
    safe_name,
    satker_files,
    satker_stem,
    write_all,
    write_atomic,
)

__all__ = [
    "DOKUMEN",
    "EXPORT_FORMATS",
    "INPUT_FORMATS",
    "Checked",
    "CheckedArsip",
    "Perbandingan",
    "base_name",
    "check",
    "check_arsip",
    "is_adk",
    "load",
    "nama_berkas",
    "perbandingan",
    "read_bytes",
    "render",
    "render_dokumen",
    "report",
    "report_arsip",
    "safe_name",
    "satker_files",
    "satker_stem",
    "write_all",
    "write_atomic",
    "write_diff",
]
