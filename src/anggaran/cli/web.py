"""``anggaran serve`` (the web application, or its demonstration), ``anggaran user``
(accounts and roles without a browser) and ``anggaran manage`` (Django's management
commands on the web application's settings)."""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from typing import Any

import click

from anggaran.cli.common import clean, console_err, console_out, lang_option, translator
from anggaran.cli.db import db_option, user_name
from anggaran.core.findings import N_

SETTINGS = "anggaran.web.settings"


def _django(db_url: str | None) -> None:
    """Set up Django with the web application's settings on ``db_url`` (else
    ``DATABASE_URL`` or the default SQLite file)."""
    if db_url:
        os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--workers",
    default=max(2, os.cpu_count() or 2),
    show_default="one per CPU, at least 2",
    type=click.IntRange(1, 64),
    help="Worker processes (each answers one request at a time).",
)
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Request threads per worker. More help with slow clients, but pages are CPU-bound and "
    "Python's threads share one CPU: with 4, 20 clients waited twice as long (docs/performance.md).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Serve the demonstration on 127.0.0.1 only: the bundled real inputs imported into their own "
    "database (demo.sqlite3 in the user's data folder, unless --db names one) and a cast of users, "
    "password anggaran-demo.",
)
@db_option
@lang_option
def serve(
    host: str, port: int, workers: int, threads: int, demo: bool, db_url: str | None, lang: str
) -> None:
    """Serve the web application (gunicorn) at http://HOST:PORT/.

    Applies pending migrations first. On a loopback address it serves plain HTTP; elsewhere
    it expects HTTPS in front (settings from the environment: SECRET_KEY, ALLOWED_HOSTS,
    DATABASE_URL; see the README's "Production"). With --demo: the bundled inputs and the
    cast (admin, operator, kpa, reviewer, lain) in a database of their own.
    """
    _ = translator(lang)
    if demo:
        if not _loopback(host):
            raise click.BadParameter(_("the demonstration listens on 127.0.0.1 only"), param_hint="--host")
        host = "127.0.0.1"
        if not db_url:
            from anggaran.store.config import default_path

            db_url = str(default_path().with_name("demo.sqlite3"))
    _free(host, port)
    if _loopback(host) and not os.environ.get("ANGGARAN_PROXY_SSL"):
        os.environ.setdefault("ANGGARAN_HTTPS", "0")  # plain HTTP on this machine only
    _django(db_url)
    from anggaran.store import Store

    store = Store.default()
    err = console_err()
    with err.status(_("preparing the database…")):
        store.migrate()
    if demo:
        from anggaran.services import demo as d

        if not err.is_terminal:  # a log: say what the first half minute is spent on
            err.print(_("importing the bundled real inputs…"))
        with err.status(_("importing the bundled real inputs…")):
            results = d.siapkan(store)
        out = console_out()
        stored = sum(len(r.versi) for r in results if r.baru)
        out.print(
            clean(
                _(
                    "Demonstration database: {db} ({n} versions stored now, {semua} in all)",
                    db=store.name,
                    n=stored,
                    semua=len(store.versions()),
                )
            )
        )
        out.print(_("Users (password {password}):", password=d.PASSWORD), style="bold")
        for p in d.CAST:
            out.print(f"  {p.username:<9} {_(p.keterangan)}")
    console_out().print(
        _("Serving on http://{host}:{port}/ (Ctrl-C stops)", host=host, port=port), style="bold"
    )
    run_gunicorn(host, port, workers, threads=threads)


def _free(host: str, port: int) -> None:
    """Refuse (exit 2) an address that cannot be listened on, before anything is done."""
    import socket

    from anggaran.core.errors import InputError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(
                N_("cannot listen on {host}:{port}: {sebab}"),
                expected=N_("a free port (--port) on an address of this machine (--host)"),
                host=host,
                port=port,
                sebab=exc.strerror or str(exc),
            ) from None


def run_gunicorn(host: str, port: int, workers: int, **extra: Any) -> None:
    """Run gunicorn in this process on the web application (gthread workers: kept-alive
    connections; an upload's import runs on a thread of its own while its page is polled)."""
    from gunicorn.app.base import BaseApplication
    from gunicorn.util import import_app

    class App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            config = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": 1,
                "timeout": 300,
                "graceful_timeout": 30,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                **extra,
            }
            for key, value in config.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return import_app("anggaran.web.wsgi:application")  # by name, as gunicorn loads apps

    App().run()


# -- accounts and roles ----------------------------------------------------------------------


@click.group()
def user() -> None:
    """Accounts and roles, for administrators without a browser: add, grant, revoke, token,
    password, list. ROLE is operator, kpa, reviewer or admin; SCOPE is satker:109141,
    unit:015.08, kl:013, provinsi:16 or semua (an admin's is every satker). Each change is
    in the audit log."""


def _who() -> str:
    return f"cli:{user_name()}"


def _accounts(db_url: str | None, create: bool = False) -> Any:
    """The store of the accounts, its tables brought up to date; an InputError (exit 2)
    when its SQLite file does not exist yet and ``create`` is False (only ``user add``
    and ``serve`` make one)."""
    from anggaran.store import Store

    _django(db_url)
    store = Store.default(create=create)
    store.migrate()
    return store


def _password(stdin: bool, lang: str) -> str:
    _ = translator(lang)
    if stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt(_("Password"), hide_input=True, confirmation_prompt=True))


@user.command("add")
@click.argument("name")
@click.option("--nama", default="", help="The user's full name.")
@click.option("--nip", default="", help="The user's NIP (18 digits), printed under a KPA's signature.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@db_option
@lang_option
def user_add(name: str, nama: str, nip: str, password_stdin: bool, db_url: str | None, lang: str) -> None:
    """Add user NAME (the password is asked for, or read from standard input)."""
    _ = translator(lang)
    store = _accounts(db_url, create=True)
    from anggaran.services import akses

    akses.tambah_pengguna(store, _who(), name, _password(password_stdin, lang), nama, nip=nip)
    console_out().print(clean(_("user {name} added", name=name)))


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@db_option
@lang_option
def user_password(name: str, password_stdin: bool, db_url: str | None, lang: str) -> None:
    """Set user NAME's password."""
    _ = translator(lang)
    store = _accounts(db_url)
    from anggaran.services import akses

    akses.ganti_sandi(store, _who(), name, _password(password_stdin, lang))
    console_out().print(clean(_("password of {name} set", name=name)))


@user.command("grant")
@click.argument("name")
@click.argument("role", metavar="ROLE")
@click.argument("scope", metavar="SCOPE", default="semua")
@db_option
@lang_option
def user_grant(name: str, role: str, scope: str, db_url: str | None, lang: str) -> None:
    """Grant ROLE on SCOPE to user NAME."""
    _ = translator(lang)
    store = _accounts(db_url)
    from anggaran.services import akses

    made = akses.beri(store, _who(), name, role, scope)
    console_out().print(clean(_("granted") if made else _("held already")))


@user.command("revoke")
@click.argument("name")
@click.argument("role", metavar="ROLE")
@click.argument("scope", metavar="SCOPE", default="semua")
@db_option
@lang_option
def user_revoke(name: str, role: str, scope: str, db_url: str | None, lang: str) -> None:
    """Revoke ROLE on SCOPE from user NAME."""
    _ = translator(lang)
    store = _accounts(db_url)
    from anggaran.services import akses

    gone = akses.cabut(store, _who(), name, role, scope)
    console_out().print(clean(_("revoked") if gone else _("not held")))


@user.command("token")
@click.argument("name")
@db_option
@lang_option
def user_token(name: str, db_url: str | None, lang: str) -> None:
    """Print a new API token for user NAME (shown once: use it as
    'Authorization: Token <key>')."""
    store = _accounts(db_url)
    from anggaran.services import akses

    sys.stdout.write(akses.token(store, _who(), name) + "\n")


@user.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@lang_option
def user_list(fmt: str, db_url: str | None, lang: str) -> None:
    """List the users with their roles."""
    store = _accounts(db_url)
    from anggaran.services import akses

    users = akses.daftar_pengguna_semua(store)
    if fmt == "json":
        sys.stdout.write(json.dumps([u.to_dict() for u in users], ensure_ascii=False, indent=2) + "\n")
        return
    out = console_out()
    for u in users:
        roles = ", ".join(f"{h.peran} {h.lingkup.teks}" for h in u.hak) or "-"
        out.print(clean(f"{u.username:<16} {u.nama:<30} {roles}"))


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command on the web application's settings
    (``anggaran manage check --deploy``, ``anggaran manage migrate``)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["anggaran manage", *args])
