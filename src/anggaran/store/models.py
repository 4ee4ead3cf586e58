"""The tables of the store: satkers, files imported, immutable versions of a satker's whole
tree, and the reference tables.

A version (``Versi``) is one satker's RKA for one fiscal year at one stage, as one file
gave it, down to its detail lines, indicators and monthly plans. It is written once, in
the transaction of its import, which ends by sealing the file and its versions
(``tersegel``); from then on nothing of them can be changed, deleted or added to: the
models refuse (``save`` of a stored row, ``delete``), and so do the triggers of migration
0003 at the database, whoever connects. Money columns are whole
rupiah (``BigIntegerField``, up to 2^63 - 1); volumes, targets and factors are kept as the
decimal text they were read as (``"237.00"``), so they come back exactly; codes are text
with their dots and leading zeros.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from anggaran.core import tree
from anggaran.core.errors import AnggaranError


class ImmutableError(AnggaranError):
    """A stored version or file was to be changed or deleted: versions are immutable."""


class _Immutable(models.Model):
    """Rows written once: a second ``save`` of a stored row, or a ``delete``, raises
    ImmutableError."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ImmutableError(f"{type(self).__name__} {self.pk} is immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableError(f"{type(self).__name__} {self.pk} is immutable")


class Tahap(models.TextChoices):
    """The stages of a fiscal year (DOMAIN.md, "Stages of one fiscal year"); a revision
    also carries its number (``Versi.revisi_ke``)."""

    PAGU_INDIKATIF = "pagu-indikatif", "Pagu Indikatif"
    PAGU_ANGGARAN = "pagu-anggaran", "Pagu Anggaran"
    ALOKASI_ANGGARAN = "alokasi-anggaran", "Alokasi Anggaran"
    DIPA = "dipa", "DIPA"
    REVISI = "revisi", "Revisi"


def _money(**kwargs: Any) -> models.BigIntegerField:
    return models.BigIntegerField(**kwargs)


class Satker(models.Model):
    """A satker as last seen: its 6-digit code, name, K/L, unit eselon I and lokasi. Each
    version keeps its own header as printed; this row is the index over them."""

    kode = models.TextField(unique=True)
    nama = models.TextField(blank=True)
    kementerian_kode = models.TextField()
    kementerian_nama = models.TextField(blank=True)
    unit_kode = models.TextField()
    unit_nama = models.TextField(blank=True)
    provinsi_kode = models.TextField(blank=True)
    provinsi_nama = models.TextField(blank=True)
    lokasi_kode = models.TextField(blank=True)
    lokasi_nama = models.TextField(blank=True)

    class Meta:
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class Berkas(_Immutable):
    """A file imported: its name as given, SHA-256 of its bytes (unique: the same file is
    imported once), size in bytes, input format, who imported it, when, and the note."""

    nama = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)  # hex
    ukuran = models.BigIntegerField()
    format = models.TextField()
    diimpor_oleh = models.TextField()
    diimpor_pada = models.DateTimeField()
    catatan = models.TextField(blank=True)
    tersegel = models.BooleanField(default=False)  # set when the import commits

    class Meta:
        verbose_name_plural = "berkas"


class Versi(_Immutable):
    """One satker's tree for one fiscal year at one stage, from one file: who stored it,
    when, the note, and the document's header as printed. ``jumlah`` is the satker total
    (whole rupiah) at the time of storing, kept for listing; ``fingerprint`` is the SHA-256 of
    the tree's canonical JSON, equal for equal trees."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="versi")
    tahun_anggaran = models.PositiveSmallIntegerField()
    tahap = models.CharField(max_length=20, choices=Tahap.choices, null=True)
    revisi_ke = models.PositiveSmallIntegerField(null=True)
    berkas = models.ForeignKey(Berkas, on_delete=models.PROTECT, related_name="versi")
    disimpan_oleh = models.TextField()
    disimpan_pada = models.DateTimeField()
    catatan = models.TextField(blank=True)
    jumlah = _money()
    fingerprint = models.TextField()  # hex
    # the header as printed
    kementerian_kode = models.TextField()
    kementerian_nama = models.TextField()
    unit_kode = models.TextField()
    unit_nama = models.TextField()
    satker_nama = models.TextField()
    provinsi_kode = models.TextField()
    provinsi_nama = models.TextField()
    lokasi_kode = models.TextField()
    lokasi_nama = models.TextField()
    # the document
    bagian = models.TextField()
    judul = models.TextField()
    tahap_dokumen = models.TextField(null=True)
    jumlah_halaman = models.BigIntegerField(null=True)  # the schema sets no upper bound
    kop = models.JSONField(default=list)  # the letterhead lines above the title
    tempat = models.TextField(null=True)
    tanggal = models.DateField(null=True)
    penandatangan = models.JSONField(null=True)
    jumlah_tercetak = models.JSONField(null=True)
    rencana_penarikan_ada = models.BooleanField(default=False)
    tersegel = models.BooleanField(default=False)  # set when the import commits

    class Meta:
        verbose_name_plural = "versi"
        indexes = [
            models.Index(fields=["satker", "tahun_anggaran", "disimpan_pada"]),
            models.Index(fields=["fingerprint"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tahap="revisi", revisi_ke__isnull=False)
                | (
                    (~models.Q(tahap="revisi") | models.Q(tahap__isnull=True))
                    & models.Q(revisi_ke__isnull=True)
                ),
                name="revisi_ke_hanya_untuk_revisi",
            ),
        ]


class _Node(models.Model):
    """A row of a version's tree, ``urutan`` its place in document order in the version."""

    versi = models.ForeignKey(Versi, on_delete=models.PROTECT, related_name="+")
    urutan = models.PositiveIntegerField()

    class Meta:
        abstract = True


class _Bernilai(_Node):
    """A level with a code, a name and money (angka dasar, inisiatif baru, jumlah)."""

    kode = models.TextField()
    nama = models.TextField()
    angka_dasar = _money()
    inisiatif_baru = _money()
    jumlah = _money()

    class Meta:
        abstract = True


def _order(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["versi", "urutan"], name=f"{name}_urutan")


class Program(_Bernilai):
    class Meta:
        constraints = [_order("program")]


class Sasaran(_Node):
    program = models.ForeignKey(Program, on_delete=models.PROTECT)
    kode = models.TextField(null=True)
    uraian = models.TextField()

    class Meta:
        verbose_name_plural = "sasaran"
        constraints = [_order("sasaran")]


class Kegiatan(_Bernilai):
    program = models.ForeignKey(Program, on_delete=models.PROTECT)

    class Meta:
        verbose_name_plural = "kegiatan"
        constraints = [_order("kegiatan")]


class KRO(_Bernilai):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT)
    label = models.JSONField(default=list)
    lokasi = models.TextField(null=True)
    lokasi_nama = models.TextField(null=True)
    volume = models.TextField(null=True)
    satuan = models.TextField(null=True)

    class Meta:
        verbose_name = "KRO"
        verbose_name_plural = "KRO"
        constraints = [_order("kro")]


class RO(_Bernilai):
    kro = models.ForeignKey(KRO, on_delete=models.PROTECT)
    volume = models.TextField(null=True)
    satuan = models.TextField(null=True)

    class Meta:
        verbose_name = "RO"
        verbose_name_plural = "RO"
        constraints = [_order("ro")]


class Indikator(_Node):
    """An indicator of a sasaran (IKP), kegiatan (IKK), KRO or RO: exactly one of the four
    is set."""

    sasaran = models.ForeignKey(Sasaran, on_delete=models.PROTECT, null=True)
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, null=True)
    kro = models.ForeignKey(KRO, on_delete=models.PROTECT, null=True)
    ro = models.ForeignKey(RO, on_delete=models.PROTECT, null=True)
    kode = models.TextField(null=True)
    uraian = models.TextField()
    target = models.TextField(null=True)
    satuan = models.TextField(null=True)

    class Meta:
        verbose_name_plural = "indikator"
        constraints = [
            _order("indikator"),
            models.CheckConstraint(
                condition=(
                    models.Q(sasaran__isnull=False, kegiatan=None, kro=None, ro=None)
                    | models.Q(sasaran=None, kegiatan__isnull=False, kro=None, ro=None)
                    | models.Q(sasaran=None, kegiatan=None, kro__isnull=False, ro=None)
                    | models.Q(sasaran=None, kegiatan=None, kro=None, ro__isnull=False)
                ),
                name="indikator_satu_induk",
            ),
        ]


class Komponen(_Bernilai):
    ro = models.ForeignKey(RO, on_delete=models.PROTECT)

    class Meta:
        verbose_name_plural = "komponen"
        constraints = [_order("komponen")]


class SubKomponen(_Bernilai):
    komponen = models.ForeignKey(Komponen, on_delete=models.PROTECT)

    class Meta:
        verbose_name_plural = "sub-komponen"
        constraints = [_order("subkomponen")]


class Akun(_Bernilai):
    sub_komponen = models.ForeignKey(SubKomponen, on_delete=models.PROTECT)
    sumber_dana = models.TextField(null=True)
    blokir = _money()
    kppn = models.TextField(null=True)
    uraian_blokir = models.TextField(null=True)
    catatan = models.JSONField(default=list)

    class Meta:
        verbose_name_plural = "akun"
        constraints = [_order("akun")]


#: the twelve monthly columns of a withdrawal plan (null in all twelve: no plan), named as
#: the tree's months (SAKTI's d_item fields)
BULAN = tree.BULAN


class _Bulanan(models.Model):
    """Twelve monthly amounts in whole rupiah, januari..desember."""

    januari = _money(null=True)
    pebruari = _money(null=True)
    maret = _money(null=True)
    april = _money(null=True)
    mei = _money(null=True)
    juni = _money(null=True)
    juli = _money(null=True)
    agustus = _money(null=True)
    september = _money(null=True)
    oktober = _money(null=True)
    nopember = _money(null=True)
    desember = _money(null=True)

    class Meta:
        abstract = True


class Detail(_Node, _Bulanan):
    """A detail line: volume x harga satuan = jumlah; ``faktor`` the volume factors as
    ``[["1", "KEG"], ["75", "ORG"]]``; ``tingkat`` 1 or 2 for a header line."""

    akun = models.ForeignKey(Akun, on_delete=models.PROTECT)
    kode = models.TextField(null=True)
    uraian = models.TextField()
    volume = models.TextField()
    satuan = models.TextField()
    harga_satuan = _money()
    jumlah = _money()
    faktor = models.JSONField(default=list)
    sumber_dana = models.TextField(null=True)
    blokir = _money()
    tingkat = models.PositiveSmallIntegerField()
    kdib = models.TextField(null=True)

    class Meta:
        verbose_name_plural = "detail"
        constraints = [_order("detail")]


class RencanaPenarikan(_Node, _Bulanan):
    """A row of the withdrawal plan (SAKTI d_trktrm) per program, kegiatan and jenis
    belanja."""

    program = models.TextField()
    kegiatan = models.TextField()
    jenis_belanja = models.TextField()
    pagu = _money()
    kdtrktrm = models.TextField()

    class Meta:
        verbose_name_plural = "rencana penarikan"
        constraints = [_order("rencanapenarikan")]


class Referensi(models.Model):
    """A row of a shipped reference table (``jenis``: ``akun``, ``program``, ``kegiatan``,
    ``kro``, ``satker``, ``lokasi``, ``kementerian``, ``unit_organisasi``, ``jenis_belanja``,
    ``sumber_dana``): its code, name (empty when no source states it), source, and the
    table's other columns in ``data``. Loaded by migration 0002 from
    ``anggaran/reference/data`` (see its README for the sources)."""

    jenis = models.TextField()
    kode = models.TextField()
    nama = models.TextField(blank=True)
    sumber = models.TextField(blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name_plural = "referensi"
        constraints = [models.UniqueConstraint(fields=["jenis", "kode"], name="referensi_kode")]


class ReferensiDimuat(models.Model):
    """A code's name loaded by a user (``anggaran referensi import``, the administrators'
    upload): the table (``jenis``, one of ``anggaran.reference.JENIS``), the code as
    printed, its name, what else the row held (``{"satuan": …}``), and where it came from:
    the file as its user named it (``sumber``), its SHA-256, who loaded it and when. One
    row per code: a later file's name for it takes its place. Every output lays these
    over the shipped tables (``Referensi``)."""

    jenis = models.TextField()
    kode = models.TextField()
    nama = models.TextField()
    data = models.JSONField(default=dict)
    sumber = models.TextField()
    sha256 = models.CharField(max_length=64)
    dimuat_oleh = models.TextField()
    dimuat_pada = models.DateTimeField()

    class Meta:
        verbose_name_plural = "referensi dimuat"
        constraints = [models.UniqueConstraint(fields=["jenis", "kode"], name="referensi_dimuat_kode")]
        indexes = [models.Index(fields=["dimuat_pada"])]


class Temuan(_Node):
    """A finding of a version as its import gave it: the reader's (with the page and line
    of the file) and the rules'. ``args`` are the finding's arguments (its figures),
    ``variant`` which of its id's messages applies; the message itself is made from them in
    the reader's language (``anggaran.i18n``). Written with its version, then sealed."""

    rule = models.TextField()
    severity = models.TextField()
    path = models.TextField()
    variant = models.TextField(blank=True, default="")
    args = models.JSONField(default=dict)
    file = models.TextField(null=True)
    page = models.IntegerField(null=True)
    line = models.BigIntegerField(null=True)

    class Meta:
        verbose_name_plural = "temuan"
        constraints = [_order("temuan")]
        indexes = [models.Index(fields=["versi", "severity"])]


# -- the team: roles on scopes, API tokens, comments, the audit log, import jobs ---------


class Peran(models.TextChoices):
    """What a user may do on the satkers of a scope."""

    OPERATOR = "operator", "Operator"  # imports (and, next, edits drafts)
    KPA = "kpa", "KPA"  # approves
    REVIEWER = "reviewer", "Reviewer"  # reads and comments
    KANWIL = "kanwil", "Kanwil DJPb"  # ratifies the revisions in its authority (a province)
    DJA = "dja", "DJA"  # ratifies the revisions in its authority (a K/L)
    ADMIN = "admin", "Administrator"  # users, roles, the audit log; every satker


class Hak(models.Model):
    """A role granted to a user on a scope (``lingkup``: ``satker`` 109141, ``unit``
    015.08, ``kl`` 013, ``provinsi`` 16, or ``semua``), by whom and when."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="hak")
    peran = models.CharField(max_length=20, choices=Peran.choices)
    lingkup = models.CharField(max_length=20)
    kode = models.CharField(max_length=20, blank=True)
    diberikan_oleh = models.TextField(blank=True)
    diberikan_pada = models.DateTimeField()

    class Meta:
        verbose_name_plural = "hak"
        constraints = [models.UniqueConstraint(fields=["user", "peran", "lingkup", "kode"], name="hak_unik")]


class Token(models.Model):
    """An API token: only its SHA-256 is kept (the key is shown once); ``awalan`` is its
    first characters, to tell tokens apart."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="token")
    sha256 = models.CharField(max_length=64, unique=True)
    awalan = models.CharField(max_length=12)
    dibuat_pada = models.DateTimeField()
    dipakai_pada = models.DateTimeField(null=True)


class Komentar(models.Model):
    """A reviewer's (or anyone's in scope) comment on a row of a version or of a draft
    (one of the two): the row's code path (``""`` for the document), who, when, and whether
    it was resolved, by whom and when."""

    versi = models.ForeignKey(Versi, on_delete=models.PROTECT, related_name="komentar", null=True)
    konsep = models.ForeignKey("Konsep", on_delete=models.PROTECT, related_name="komentar", null=True)
    path = models.TextField(blank=True)
    teks = models.TextField()
    oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="komentar")
    pada = models.DateTimeField()
    selesai = models.BooleanField(default=False)
    selesai_oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    selesai_pada = models.DateTimeField(null=True)

    class Meta:
        verbose_name_plural = "komentar"
        indexes = [models.Index(fields=["versi", "path"]), models.Index(fields=["konsep", "path"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(versi__isnull=True) ^ models.Q(konsep__isnull=True),
                name="komentar_versi_atau_konsep",
            )
        ]


class Audit(models.Model):
    """One write, as it happened: when, who (the user's name, kept even when the user is
    gone), what (``aksi``: import, comment, grant, login failure …), on what (``objek``),
    the old and the new value, and from where. Rows are only ever added (migration 0007)."""

    pada = models.DateTimeField()
    oleh = models.TextField()
    aksi = models.TextField()
    objek = models.TextField(blank=True)
    lama = models.JSONField(null=True)
    baru = models.JSONField(null=True)
    alamat = models.TextField(blank=True)  # the client's address

    class Meta:
        verbose_name_plural = "audit"
        indexes = [models.Index(fields=["pada"]), models.Index(fields=["aksi"])]


class Impor(models.Model):
    """An import started from the web: the uploaded file (kept in its own temporary
    folder until the import ends), its options, how far it got and what came of it."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu"
        BERJALAN = "berjalan"
        SELESAI = "selesai"
        GAGAL = "gagal"

    user = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="impor")
    nama = models.TextField()
    jalur = models.TextField()  # the upload in its temporary folder
    tahap = models.TextField(blank=True)
    semula = models.BooleanField(default=False)
    tahap_semula = models.TextField(blank=True)
    catatan = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MENUNGGU)
    langkah = models.TextField(blank=True)  # the phase: reading, checking, storing
    selesai = models.IntegerField(default=0)
    jumlah = models.IntegerField(default=0)
    hasil = models.JSONField(null=True)
    galat = models.TextField(blank=True)
    dibuat_pada = models.DateTimeField()
    berakhir_pada = models.DateTimeField(null=True)


# -- drafts, ceilings -----------------------------------------------------------------------


class Konsep(models.Model):
    """A draft: the mutable working copy of one satker's plan for a fiscal year and stage.

    ``dokumen`` is the tree as canonical JSON; ``nomor`` grows with every change (the ETag);
    ``sebelumnya`` the document before the last change (undo). ``dari_versi`` is the version
    it started from (a revision, or next year's plan), ``jenis`` how it started. ``status``:
    konsep (being edited), diajukan (submitted to the KPA), disetujui (approved by the KPA,
    awaiting the Kanwil DJPb or the DJA), selesai (it became version ``versi``). A satker
    has at most one open draft (not selesai) per year and stage."""

    class Status(models.TextChoices):
        KONSEP = "konsep"
        DIAJUKAN = "diajukan"
        DISETUJUI = "disetujui"
        SELESAI = "selesai"

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="konsep")
    tahun_anggaran = models.PositiveSmallIntegerField()
    tahap = models.CharField(max_length=20, choices=Tahap.choices)
    revisi_ke = models.PositiveSmallIntegerField(null=True)
    dari_versi = models.ForeignKey(Versi, on_delete=models.PROTECT, null=True, related_name="+")
    jenis = models.CharField(max_length=20)  # kosong, revisi, tahun-berikut
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.KONSEP)
    dokumen = models.JSONField()
    nomor = models.PositiveIntegerField(default=1)
    sebelumnya = models.JSONField(null=True)
    ada_sebelumnya = models.BooleanField(default=False)  # whether there is a change to undo
    temuan = models.JSONField(null=True)  # the rules' findings of ``dokumen`` (None: not known)
    dibuat_oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, related_name="+")
    dibuat_pada = models.DateTimeField()
    diubah_oleh = models.TextField(blank=True)
    diubah_pada = models.DateTimeField()
    diajukan_oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    diajukan_pada = models.DateTimeField(null=True)
    disetujui_oleh = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    disetujui_pada = models.DateTimeField(null=True)
    perlu = models.JSONField(default=list)  # the authorities above the KPA still to ratify
    catatan = models.TextField(blank=True)  # the note of the last return
    versi = models.ForeignKey(Versi, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name_plural = "konsep"
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun_anggaran", "tahap"],
                condition=~models.Q(status="selesai"),
                name="satu_konsep_terbuka",
            )
        ]


class Pagu(models.Model):
    """A ceiling for one satker, year and stage at one level: ``tingkat`` satker (``kode``
    empty), kegiatan, sumber_dana or jenis_belanja, in whole rupiah."""

    satker = models.ForeignKey(Satker, on_delete=models.PROTECT, related_name="pagu")
    tahun_anggaran = models.PositiveSmallIntegerField()
    tahap = models.CharField(max_length=20, choices=Tahap.choices)
    tingkat = models.CharField(max_length=20)
    kode = models.CharField(max_length=20, blank=True)
    jumlah = _money()
    oleh = models.TextField()
    pada = models.DateTimeField()

    class Meta:
        verbose_name_plural = "pagu"
        constraints = [
            models.UniqueConstraint(
                fields=["satker", "tahun_anggaran", "tahap", "tingkat", "kode"], name="pagu_unik"
            )
        ]


class KebijakanPagu(models.Model):
    """What an excess over a ceiling of one level does: ``abaikan`` (nothing),
    ``peringatkan`` (a warning) or ``blokir`` (the submit is refused), beyond a tolerance
    in percent of the ceiling."""

    tingkat = models.CharField(max_length=20, unique=True)
    tindakan = models.CharField(max_length=12)
    toleransi = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    oleh = models.TextField()
    pada = models.DateTimeField()


class Profil(models.Model):
    """What a signatory prints besides the name: the 18-digit NIP (a KPA's, printed under
    the signature of the documents they approve)."""

    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="profil")
    nip = models.CharField(max_length=18, blank=True)
