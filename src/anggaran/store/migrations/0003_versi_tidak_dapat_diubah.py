"""Stored files and versions cannot be changed, deleted or added to, whoever connects.

An import writes its file (``berkas``), its versions and their trees, and seals the file
and the versions (``tersegel``) before it commits. The triggers refuse:

- UPDATE and DELETE of any row of a tree, and TRUNCATE of any table (PostgreSQL);
- UPDATE of a sealed file or version (the one allowed update is the seal itself, in the
  import's own transaction), a change of any id, and DELETE of any;
- INSERT of a tree row anywhere but into an unsealed version, and of a version anywhere
  but into an unsealed file; on SQLite also an INSERT that reuses a stored row's id or a
  file's SHA-256 (``INSERT OR REPLACE`` deletes the old row without firing its DELETE
  trigger);
- of a satker, DELETE and a change of its code or id (its versions hang on it); a second
  row with the same code is skipped (SQLite ``INSERT OR REPLACE``).

A PostgreSQL role that owns the tables can still drop or disable the triggers: on a shared
server the application connects as a role that does not own them (see docs/guide.md).

The models refuse too (``anggaran.store.models._Immutable``).
"""

from django.db import migrations

from anggaran.store.migrations._immutable import MESSAGE, pg_tree, sqlite_reused, sqlite_tree, sqlite_trigger

#: the rows of a version's tree
TREE = (
    "program",
    "sasaran",
    "kegiatan",
    "kro",
    "ro",
    "indikator",
    "komponen",
    "subkomponen",
    "akun",
    "detail",
    "rencanapenarikan",
)
SEALED = ("berkas", "versi")

PG_FUNCTIONS = [
    f"""CREATE FUNCTION anggaran_tolak() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION anggaran_segel_ubah() RETURNS trigger AS $$
    BEGIN
        IF OLD.tersegel OR NEW.id <> OLD.id THEN
            RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME;
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION anggaran_pohon_tambah() RETURNS trigger AS $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM anggaran_versi WHERE id = NEW.versi_id AND NOT tersegel) THEN
            RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME;
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION anggaran_satker_ubah() RETURNS trigger AS $$
    BEGIN
        IF NEW.kode <> OLD.kode OR NEW.id <> OLD.id THEN
            RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME;
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql""",
    f"""CREATE FUNCTION anggaran_versi_tambah() RETURNS trigger AS $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM anggaran_berkas WHERE id = NEW.berkas_id AND NOT tersegel) THEN
            RAISE EXCEPTION '{MESSAGE} (%%)', TG_TABLE_NAME;
        END IF;
        RETURN NEW;
    END; $$ LANGUAGE plpgsql""",
]


def _pg(table: str) -> list[str]:
    if table not in SEALED:
        return pg_tree(table)
    t = f"anggaran_{table}"
    sql = [
        f"CREATE TRIGGER {t}_tolak_hapus BEFORE DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION anggaran_tolak()",
        f"CREATE TRIGGER {t}_tolak_truncate BEFORE TRUNCATE ON {t} FOR EACH STATEMENT "
        "EXECUTE FUNCTION anggaran_tolak()",
        f"CREATE TRIGGER {t}_segel BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION anggaran_segel_ubah()",
    ]
    if table == "versi":
        sql.append(
            f"CREATE TRIGGER {t}_tambah BEFORE INSERT ON {t} FOR EACH ROW "
            "EXECUTE FUNCTION anggaran_versi_tambah()"
        )
    return sql


PG_SATKER = [
    "CREATE TRIGGER anggaran_satker_tolak_hapus BEFORE DELETE ON anggaran_satker FOR EACH ROW "
    "EXECUTE FUNCTION anggaran_tolak()",
    "CREATE TRIGGER anggaran_satker_tolak_truncate BEFORE TRUNCATE ON anggaran_satker "
    "FOR EACH STATEMENT EXECUTE FUNCTION anggaran_tolak()",
    "CREATE TRIGGER anggaran_satker_segel BEFORE UPDATE ON anggaran_satker FOR EACH ROW "
    "EXECUTE FUNCTION anggaran_satker_ubah()",
]


def _sqlite(table: str) -> list[str]:
    if table not in SEALED:
        return sqlite_tree(table)
    t = f"anggaran_{table}"
    reused = sqlite_reused(table)
    sql = [
        sqlite_trigger(table, "tolak_hapus", "DELETE"),
        sqlite_trigger(table, "segel", "UPDATE", "WHEN OLD.tersegel OR NEW.id <> OLD.id"),
    ]
    if table == "versi":
        sql.append(
            sqlite_trigger(
                table,
                "tambah",
                "INSERT",
                "WHEN NOT EXISTS (SELECT 1 FROM anggaran_berkas "
                f"WHERE id = NEW.berkas_id AND NOT tersegel) OR {reused}",
            )
        )
    if table == "berkas":
        sql.append(
            sqlite_trigger(
                table,
                "tambah",
                "INSERT",
                f"WHEN {reused} OR EXISTS (SELECT 1 FROM {t} WHERE sha256 = NEW.sha256)",
            )
        )
    return sql


SQLITE_SATKER = [
    "CREATE TRIGGER anggaran_satker_tolak_hapus BEFORE DELETE ON anggaran_satker "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} (anggaran_satker)'); END",
    "CREATE TRIGGER anggaran_satker_segel BEFORE UPDATE ON anggaran_satker "
    "WHEN NEW.kode <> OLD.kode OR NEW.id <> OLD.id "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} (anggaran_satker)'); END",
    # a second row with a known code is skipped, never put in the first one's place
    "CREATE TRIGGER anggaran_satker_tambah BEFORE INSERT ON anggaran_satker "
    "WHEN EXISTS (SELECT 1 FROM anggaran_satker WHERE kode = NEW.kode OR id = NEW.id) "
    "BEGIN SELECT RAISE(IGNORE); END",
]


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = PG_FUNCTIONS + [s for table in SEALED + TREE for s in _pg(table)] + PG_SATKER
    elif vendor == "sqlite":
        statements = [s for table in SEALED + TREE for s in _sqlite(table)] + SQLITE_SATKER
    else:
        raise NotImplementedError(f"database {vendor} is not supported")
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for table in (*SEALED, *TREE, "satker"):
        t = f"anggaran_{table}"
        for name in ("tolak_hapus", "tolak_truncate", "segel", "tolak_ubah", "tambah"):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {t}_{name} ON {t}")
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {t}_{name}")
    if vendor == "postgresql":
        for f in (
            "anggaran_tolak",
            "anggaran_segel_ubah",
            "anggaran_pohon_tambah",
            "anggaran_versi_tambah",
            "anggaran_satker_ubah",
        ):
            schema_editor.execute(f"DROP FUNCTION {f}()")


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0002_isi_referensi")]
    operations = [migrations.RunPython(create, drop)]
