"""The audit log is only ever added to: UPDATE, DELETE and TRUNCATE of its rows are
refused at the database, whoever connects (as for stored versions, migration 0003)."""

from django.db import migrations

from anggaran.store.migrations._immutable import sqlite_reused, sqlite_trigger

T = "anggaran_audit"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [
            f"CREATE TRIGGER {T}_tolak_hapus BEFORE DELETE ON {T} FOR EACH ROW EXECUTE FUNCTION anggaran_tolak()",
            f"CREATE TRIGGER {T}_tolak_truncate BEFORE TRUNCATE ON {T} FOR EACH STATEMENT "
            "EXECUTE FUNCTION anggaran_tolak()",
            f"CREATE TRIGGER {T}_tolak_ubah BEFORE UPDATE ON {T} FOR EACH ROW EXECUTE FUNCTION anggaran_tolak()",
        ]
    elif vendor == "sqlite":
        statements = [
            sqlite_trigger("audit", "tolak_hapus", "DELETE"),
            sqlite_trigger("audit", "tolak_ubah", "UPDATE"),
            sqlite_trigger("audit", "tambah", "INSERT", f"WHEN {sqlite_reused('audit')}"),
        ]
    else:
        raise NotImplementedError(f"database {vendor} is not supported")
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for name in ("tolak_hapus", "tolak_truncate", "tolak_ubah", "tambah"):
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {T}_{name} ON {T}"
            if vendor == "postgresql"
            else f"DROP TRIGGER IF EXISTS {T}_{name}"
        )


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0006_hak_token_komentar_audit_impor")]
    operations = [migrations.RunPython(create, drop)]
