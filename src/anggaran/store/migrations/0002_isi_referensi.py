"""Data: the shipped reference tables into anggaran_referensi (a separate step from the
schema, STYLE.md habit 8)."""

from django.db import migrations


def isi(apps, schema_editor):  # type: ignore[no-untyped-def]
    from anggaran.store.referensi import isi_referensi

    isi_referensi(apps.get_model("anggaran", "Referensi"), schema_editor.connection.alias)


def kosongkan(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("anggaran", "Referensi").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("anggaran", "0001_satker_berkas_versi_pohon")]
    operations = [migrations.RunPython(isi, kosongkan)]
