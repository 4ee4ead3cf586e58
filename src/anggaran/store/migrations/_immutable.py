"""The triggers that keep stored rows as they were stored, shared by the migrations that
make them (0003, 0005): see migration 0003 for what they refuse."""

MESSAGE = "versi tersimpan tidak dapat diubah, dihapus atau ditambah"


def pg_tree(table: str) -> list[str]:
    """PostgreSQL: a table of rows belonging to a version (its tree, its findings) refuses
    UPDATE, DELETE and TRUNCATE, and an INSERT except into an unsealed version."""
    t = f"anggaran_{table}"
    return [
        f"CREATE TRIGGER {t}_tolak_hapus BEFORE DELETE ON {t} FOR EACH ROW EXECUTE FUNCTION anggaran_tolak()",
        f"CREATE TRIGGER {t}_tolak_truncate BEFORE TRUNCATE ON {t} FOR EACH STATEMENT "
        "EXECUTE FUNCTION anggaran_tolak()",
        f"CREATE TRIGGER {t}_tolak_ubah BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION anggaran_tolak()",
        f"CREATE TRIGGER {t}_tambah BEFORE INSERT ON {t} FOR EACH ROW "
        "EXECUTE FUNCTION anggaran_pohon_tambah()",
    ]


def sqlite_trigger(table: str, name: str, event: str, when: str = "") -> str:
    t = f"anggaran_{table}"
    return (
        f"CREATE TRIGGER {t}_{name} BEFORE {event} ON {t} {when} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE} ({t})'); END"
    )


def sqlite_reused(table: str) -> str:
    return f"EXISTS (SELECT 1 FROM anggaran_{table} WHERE id = NEW.id)"


def sqlite_tree(table: str) -> list[str]:
    """SQLite: as :func:`pg_tree`, and an INSERT that reuses a stored row's id is refused
    (``INSERT OR REPLACE`` would delete the old row without its DELETE trigger)."""
    return [
        sqlite_trigger(table, "tolak_hapus", "DELETE"),
        sqlite_trigger(table, "tolak_ubah", "UPDATE"),
        sqlite_trigger(
            table,
            "tambah",
            "INSERT",
            "WHEN NOT EXISTS (SELECT 1 FROM anggaran_versi "
            f"WHERE id = NEW.versi_id AND NOT tersegel) OR {sqlite_reused(table)}",
        ),
    ]
