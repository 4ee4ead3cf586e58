"""The web application's settings for the tests: plain HTTP, a key of the run, a default
database of the run (pytest-django makes its test database beside it), never the user's."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "anggaran-tests-" + "x" * 40)
os.environ["ANGGARAN_HTTPS"] = "0"
os.environ.setdefault(
    "DATABASE_URL", "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="anggaran-uji-"), "default.sqlite3")
)

from anggaran.web.settings import *  # noqa: E402,F403
