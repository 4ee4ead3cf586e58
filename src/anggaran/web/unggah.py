"""Uploads past the limit are refused while they arrive: nothing of them is kept."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from anggaran.services import unggah


class BatasUnggah(FileUploadHandler):
    """Stops an upload once it passes :data:`~anggaran.services.unggah.MAX_UNGGAH` (the
    request then carries no file and a flag the view reads)."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > unggah.MAX_UNGGAH:
            self.request.batas_unggah = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None
