"""The import contracts of pyproject.toml (import-linter): a wrong arrow fails the build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts() -> None:
    lint = shutil.which("lint-imports")
    assert lint is not None, "import-linter is part of the test extras"
    proc = subprocess.run(
        [lint, str(ROOT / "pyproject.toml")], cwd=ROOT / "src", capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
