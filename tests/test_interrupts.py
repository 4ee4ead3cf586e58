"""Ctrl-C while outputs are written: whatever the moment, nothing is left half-written.
Before the renames nothing is left (old files keep their bytes); during them the interrupt
waits for the last rename. Interrupts are real SIGINTs raised in this process, or a
KeyboardInterrupt raised from inside a patched writer at a chosen step."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from anggaran import services
from anggaran.core.errors import WriteError
from anggaran.services import dokumen, interrupts

FILES = {
    Path("laporan/ringkasan.pdf"): b"%PDF new",
    Path("laporan/527010/bagian-a.xlsx"): b"xlsx new",
    Path("laporan/527010/bagian-b.html"): b"<html>new",
    Path("lama.json"): b'{"new": true}',
}


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture
def targets(tmp_path: Path) -> dict[Path, bytes]:
    """The files of a report into a new folder, and one existing file to be replaced."""
    (tmp_path / "lama.json").write_bytes(b'{"old": true}')
    return {tmp_path / p: data for p, data in FILES.items()}


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    interrupts.reset()
    yield
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # always given back


def on_call(monkeypatch: pytest.MonkeyPatch, name: str, n: int, action: Callable[[], None]) -> None:
    """Patch ``os.<name>`` (as write_all calls it) to run ``action`` before its n-th call."""
    real = getattr(os, name)
    calls = 0

    def patched(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == n:
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(dokumen.os, name, patched)


def interrupt() -> None:
    raise KeyboardInterrupt


def sigint() -> None:
    signal.raise_signal(signal.SIGINT)


@pytest.mark.parametrize("n", [1, 3, 4])
def test_ctrl_c_while_the_files_are_written_leaves_nothing(
    targets: dict[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    on_call(monkeypatch, "chmod", n, interrupt)  # after the n-th temporary file is written
    with pytest.raises(KeyboardInterrupt):
        services.write_all(targets)
    assert listing(tmp_path) == ["lama.json"]  # no folder made, no temporary file
    assert (tmp_path / "lama.json").read_bytes() == b'{"old": true}'
    assert not interrupts.committed()


def test_a_real_sigint_while_the_files_are_written_leaves_nothing(
    targets: dict[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_call(monkeypatch, "chmod", 2, sigint)
    with pytest.raises(KeyboardInterrupt):
        services.write_all(targets)
    assert listing(tmp_path) == ["lama.json"]
    assert (tmp_path / "lama.json").read_bytes() == b'{"old": true}'


@pytest.mark.parametrize("n", [1, 2, 4])
def test_a_sigint_during_the_renames_waits_for_the_last(
    targets: dict[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    on_call(monkeypatch, "replace", n, sigint)
    with pytest.raises(KeyboardInterrupt):
        services.write_all(targets)
    assert listing(tmp_path) == sorted(["laporan", "laporan/527010", *(str(p) for p in FILES)])
    assert all((tmp_path / p).read_bytes() == data for p, data in FILES.items())  # each in full
    assert interrupts.committed()


def test_a_second_ctrl_c_during_the_clean_up_cannot_leave_temporary_files(
    targets: dict[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_call(monkeypatch, "chmod", 4, interrupt)
    real_unlink = Path.unlink
    calls = 0

    def unlink(self: Path, missing_ok: bool = False) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            sigint()  # held back until the clean-up is done
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(KeyboardInterrupt):
        services.write_all(targets)
    assert calls == 4
    assert listing(tmp_path) == ["lama.json"]


def test_a_failed_rename_removes_the_files_not_yet_renamed(
    targets: dict[Path, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> None:
        raise PermissionError(13, "Permission denied")

    on_call(monkeypatch, "replace", 3, refuse)
    with pytest.raises(WriteError) as exc:
        services.write_all(targets)
    assert exc.value.file == str(tmp_path / "laporan/527010/bagian-b.html")
    assert not [name for name in listing(tmp_path) if name.endswith(".tmp")]


def test_held_leaves_another_handler_alone() -> None:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts.held():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            sigint()  # ignored, as the process asked
    finally:
        signal.signal(signal.SIGINT, previous)


def test_held_does_nothing_outside_the_main_thread() -> None:
    seen: list[object] = []

    def work() -> None:
        with interrupts.held():
            seen.append(signal.getsignal(signal.SIGINT))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


def test_an_interrupted_report_writes_nothing(
    example_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp = services.open_input(example_path)
    monkeypatch.setattr(dokumen, "render_findings_json", lambda *a, **k: interrupt())
    with pytest.raises(KeyboardInterrupt):
        services.report(inp, tmp_path / "laporan")
    assert listing(tmp_path) == []


def test_an_interrupt_drops_the_pdfs_not_started() -> None:
    started: list[int] = []

    def compile_pdf(i: int) -> None:
        started.append(i)
        time.sleep(0.2)

    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt), dokumen.pdf_pool() as pool:
        for i in range(20):
            pool.submit(compile_pdf, i)
        raise KeyboardInterrupt
    assert len(started) <= 4  # the two being compiled, not the twenty
    assert time.monotonic() - t0 < 1.5
