"""A version's findings are sealed with it, as its tree rows are (migration 0003), and a
stored file's SHA-256 never changes.

The second closes a hole found on SQLite: from a plain connection, an unsealed file row
updated with ``UPDATE OR REPLACE ... SET sha256 = <a stored file's>`` made SQLite delete
the stored row to resolve the conflict, without firing its DELETE trigger (SQLite fires
the triggers of rows a REPLACE deletes only with ``recursive_triggers``, which a plain
connection does not set): the file's first version vanished. The UPDATE is now refused
before the conflict is resolved, on both databases.
"""

from django.db import migrations

from anggaran.store.migrations import _immutable

TABLE = "temuan"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = _immutable.pg_tree(TABLE) + [
            "CREATE FUNCTION anggaran_sha256_tetap() RETURNS trigger AS $$ BEGIN "
            "IF NEW.sha256 <> OLD.sha256 THEN "
            f"RAISE EXCEPTION '{_immutable.MESSAGE} (%%)', TG_TABLE_NAME; END IF; RETURN NEW; END; "
            "$$ LANGUAGE plpgsql",
            "CREATE TRIGGER anggaran_berkas_sha256 BEFORE UPDATE ON anggaran_berkas FOR EACH ROW "
            "EXECUTE FUNCTION anggaran_sha256_tetap()",
        ]
    elif vendor == "sqlite":
        statements = _immutable.sqlite_tree(TABLE) + [
            "CREATE TRIGGER anggaran_berkas_sha256 BEFORE UPDATE ON anggaran_berkas "
            "WHEN NEW.sha256 IS NOT OLD.sha256 "
            f"BEGIN SELECT RAISE(ABORT, '{_immutable.MESSAGE} (anggaran_berkas)'); END",
        ]
    else:
        raise NotImplementedError(f"database {vendor} is not supported")
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    t = f"anggaran_{TABLE}"
    for name in ("tolak_hapus", "tolak_truncate", "tolak_ubah", "tambah"):
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {t}_{name} ON {t}"
            if vendor == "postgresql"
            else f"DROP TRIGGER IF EXISTS {t}_{name}"
        )
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS anggaran_berkas_sha256 ON anggaran_berkas")
        schema_editor.execute("DROP FUNCTION anggaran_sha256_tetap()")
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS anggaran_berkas_sha256")


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0004_temuan")]
    operations = [migrations.RunPython(create, drop)]
