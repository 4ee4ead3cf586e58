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


def test_the_faces_never_import_the_database_layer() -> None:
    """cli and web use Django (its setup, views, management) but never ``django.db``: the
    database is the store's (import-linter cannot forbid a part of an outside package)."""
    import ast

    offenders = []
    for folder in ("cli", "web"):
        for path in (ROOT / "src" / "anggaran" / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                offenders += [
                    f"{path.relative_to(ROOT)}: {n}"
                    for n in names
                    if n == "django.db" or n.startswith("django.db.")
                ]
    assert offenders == []
