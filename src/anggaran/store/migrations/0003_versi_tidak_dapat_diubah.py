"""Stored files and versions, and every row of their trees, cannot be changed or deleted:
triggers refuse UPDATE and DELETE at the database, whoever connects (the models refuse
too, see ``anggaran.store.models._Immutable``)."""

from django.db import migrations

#: the tables written once, in the import of a file
TABLES = ("berkas", "versi", "program", "sasaran", "kegiatan", "kro", "ro", "indikator",
          "komponen", "subkomponen", "akun", "detail", "rencanapenarikan")
MESSAGE = "versi tersimpan tidak dapat diubah atau dihapus"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION anggaran_tidak_dapat_diubah() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql")
    for table in TABLES:
        name = f"anggaran_{table}"
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {name}_tetap BEFORE UPDATE OR DELETE ON {name} "
                "FOR EACH ROW EXECUTE FUNCTION anggaran_tidak_dapat_diubah()")
        elif vendor == "sqlite":
            for event in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {name}_tetap_{event.lower()} BEFORE {event} ON {name} "
                    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({name})'); END")
        else:
            raise NotImplementedError(f"database {vendor} is not supported")


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        name = f"anggaran_{table}"
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER {name}_tetap ON {name}")
        else:
            for event in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER {name}_tetap_{event}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION anggaran_tidak_dapat_diubah()")


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0002_isi_referensi")]
    operations = [migrations.RunPython(create, drop)]
