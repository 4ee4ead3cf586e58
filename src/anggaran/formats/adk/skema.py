"""The tables of a SAKTI ADK archive as SAKTI writes them (seen: the three real archives of
``examples/adk``): each table's columns with the type and size its inline XSD states, the
fields of its CSV in order, the values SAKTI writes where nothing else is known, and the
two forms the archives come in.

Every table comes as a ``.csv`` (no header; ``|`` between fields; text quoted with ``^``;
rows ended by CR LF) and a ``.xml`` (a Visual FoxPro export: an inline XSD naming and
sizing the columns, then one ``<c_table>`` element per row holding the same values). The
CSV carries three columns the XSD does not name (``levelrev``, ``revrkaklke``,
``revdipake``; ``d_item`` also ``kdstatus`` before them), which the XML rows name.

The two forms (seen; which SAKTI export gives which is not stated anywhere we know of):

- **unit**: the archive of a unit's satkers (``1d01_01508_00_000000_0``): numbers are not
  quoted; the XML rows of ``d_item``, ``d_trktrm``, ``d_cttakun``, ``d_kpa`` and
  ``d_pdpt`` name their columns in alphabetical order; ``d_skmpnen``'s XSD also names
  ``kdlokus``, ``reflokus``, ``nmlokus`` and ``refrowid``, which only its XML rows carry;
  an empty table's XML has an empty line before its end.
- **satker**: the archive of one satker (``527010d01_01508_00_527010_1``): every field is
  quoted; the XML rows follow the table's order; ``d_item``'s XML rows end with
  ``<tidak_valid>TIDAK_VALID</tidak_valid>``, which its CSV does not carry.

:data:`BAWAAN` are the values a column takes when nothing says otherwise: the most common
value of the column over every row of the three archives (d_* and m_* together, 47,255
rows), blank text and ``0`` unless listed. ``d_trktrm``'s ``persenNN`` and ``chkNN``
and ``d_item``'s ``header1``/``header2`` are computed instead (``formats.adk.baris``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

#: the columns the CSV (and the XML rows) carry after the XSD's own
EKSTRA = ("levelrev", "revrkaklke", "revdipake")
#: their types: text, number, number
_JENIS_EKSTRA = {"kdstatus": "C", "levelrev": "C", "revrkaklke": "N", "revdipake": "N"}

#: the forms of an archive (see the module docstring)
UNIT = "unit"
SATKER = "satker"


@dataclass(frozen=True, slots=True)
class Kolom:
    """One column of a table's XSD: name, type (``C`` text, ``N`` number, ``D`` date),
    maxLength (text) or totalDigits and fractionDigits (number), whether the XSD lets a
    row omit it (``minOccurs="0"``), and whether its line is indented with spaces rather
    than tabs (``d_skmpnen``'s ``kdlokus`` .. ``refrowid`` in a unit archive)."""

    nama: str
    jenis: str
    panjang: int = 0
    desimal: int = 0
    opsional: bool = False
    spasi: bool = False


def _kolom(spec: str) -> tuple[Kolom, ...]:
    """Columns from ``"thang:C4 vol:N19.4? tgkontrak:D kdlokus:C10~"`` (``?`` optional,
    ``~`` indented with spaces)."""
    out = []
    for item in spec.split():
        nama, jenis = item.split(":")
        spasi, opsional = jenis.endswith("~"), "?" in jenis
        jenis = jenis.rstrip("~?")
        panjang, _, desimal = jenis[1:].partition(".")
        out.append(Kolom(nama, jenis[0], int(panjang or 0), int(desimal or 0), opsional, spasi))
    return tuple(out)


#: the XSD of each table (a satker archive's; a unit archive's ``d_skmpnen`` adds
#: :data:`_LOKUS`), in the order SAKTI names the tables' files
_SKEMA = {
    "akun": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3 kdskmpnen:C2 kdakun:C6 kdkppn:C3 "
    "kdbeban:C1 kdjnsban:C1 kdctarik:C1 register:C8 carahitung:C1 prosenphln:N3.0? prosenrkp:N3.0? "
    "prosenrmp:N3.0? kppnrkp:C3? kppnrmp:C3? kppnphln:C3? regdam:C8? kdluncuran:C1? kdblokir:C1 "
    "uraiblokir:C100 kdib:C2",
    "cttakun": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdib:C2 kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3 kdskmpnen:C2 kdakun:C6 "
    "kdkppn:C3 kdbeban:C1 kdjnsban:C1 kdctarik:C1 register:C8 carahitung:C1 ket:C254? ket2:C254",
    "giat": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 "
    "okgiat:C2147483647 pppdpt:C2147483647",
    "item": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3 kdskmpnen:C2 kdakun:C6 kdkppn:C3 "
    "kdbeban:C1 kdjnsban:C1 kdctarik:C1 register:C8 carahitung:C1 header1:C2? header2:C2? kdheader:C1? "
    "noitem:N3.0? nmitem:C120? vol1:N8.0? sat1:C5? vol2:N8.0? sat2:C5? vol3:N8.0? sat3:C5? vol4:N8.0? "
    "sat4:C5? volkeg:N9.2? satkeg:C5? hargasat:N17.2? jumlah:N15.0? jumlah2:N15.0? paguphln:N15.0? "
    "pagurmp:N15.0? pagurkp:N15.0? kdblokir:C1? blokirphln:N15.0? blokirrmp:N15.0? blokirrkp:N15.0? "
    "rphblokir:N15.0? kdcopy:C2? kdabt:C1? kdsbu:C8? volsbk:N14.2 volrkakl:N14.2 blnkontrak:C2? "
    "nokontrak:C30 tgkontrak:D nilkontrak:N15.0 januari:N15.0 pebruari:N15.0 maret:N15.0 april:N15.0 "
    "mei:N15.0 juni:N15.0 juli:N15.0 agustus:N15.0 september:N15.0 oktober:N15.0 nopember:N15.0 "
    "desember:N15.0 jmltunda:N15.0 kdluncuran:C1 jmlabt:N18.0 norev:C2 kdubah:C1 kurs:N4.3 "
    "indexkpjm:N7.4 kdib:C2",
    "kmpnen": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3? kdbiaya:C1 kdsbiaya:C1 urkmpnen:C200? "
    "kdtema:C250? rphpls1:N15.0 rphpls2:N15.0 rphpls3:N15.0 rphmin1:N15.0 thangawal:C4 thangakhir:C4 "
    "indekskali:C1 kdib:C2 indeksout:C1 n1:C1 n2:C1 n3:C1 n4:C1 rphn1:N14.2 rphn2:N14.2 rphn3:N14.2 "
    "rphn4:N14.2",
    "kpa": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kddekon:C1 kdlokasi:C2 kpa:C50 "
    "bendahara:C50 ppspm:C50 test:C2 statusblu:C1 pplpnbp:N5.2 esawk:N17.2 esawkguna:N17.2 esakk:N17.2 "
    "ambangbats:N5.2 npwp:C15 nodipa:C30 nosprkakl:C4 thsprkakl:C4 dasardipa:C50 email:C150",
    "kpjm": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3 kdsdana:C2 "
    + " ".join(f"rph{w}_{jb}:N15.0" for jb in range(51, 59) for w in ("min1", "pls1", "pls2", "pls3"))
    + " volmin1:N15.0 volpls1:N15.0 volpls2:N15.0 kdlevel:C1 volpls3:N15.0",
    "ln": "kdsatker:C6 nip:C18 nama:C50 tglahir:D sex:C1 istri:N1.0 anak:N1.0 m511145:N15.0 "
    "m511146:N15.0 m511148:N15.0",
    "ngiat": "thang:C4 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 okgiat:C2147483647 pppdpt:C2147483647",
    "nprogram": "thang:C4 kddept:C3 kdunit:C2 kdprogram:C2 spoutcome:C2147483647 pppdpt:C2147483647",
    "nsasaran": "thang:C4 kddept:C3 kdsasaran:C2 spsasaran:C2147483647",
    "output": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 volmin1:N19.4? vol:N19.4 volpls1:N19.4? volpls2:N19.4? "
    "volpls3:N19.4? volsbk:N19.4? rphmin1:N15.0? rphpls1:N15.0? rphpls2:N15.0? rphpls3:N15.0? "
    "sbkket:C250 sbkmin1:N10.0 kdsb:C1 kdjoutput:C1 thangawal:C4 thangakhir:C4 kdtema:C50 kdib:C2 "
    "kdauto:C1 kdmulti:C1",
    "pdpt": "thang:C4 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdakun:C6 kdpnbpf:C1 "
    "rphmin1:N15.0? rphpdpt:N15.0? rphpls1:N15.0? rphpls2:N15.0? rphpls3:N15.0",
    "pgj": "kdsatker:C6 nip:C18 nama:C30 sex:C1 tglahir:D stapeg:C1 kdsatker2:C6 gol:C2 tmtgol:D "
    "mkgth:N2.0 mkgbl:N2.0 tmtkgb:D kdhakim:C1 gapok:N10.0 istri:N1.0 anak:N1.0 ese:C2 tstru:N10.0 "
    "kdkel:C3 kdjab:C2 tfung:N10.0 tdt:C1 tpapua:C1 kddidik:C2 grade:C2 keterangan:C100 "
    + " ".join(f"tlain{n}:N10.0 ketlain{n}:C50 maklain{n}:C6" for n in range(1, 6))
    + " kdsandi:C1 kdmedis:C1 jablain:C6 dihitung:N1.0",
    "polri": "kdsatker:C6 nip:C18 nama:C30 sex:C1 tglahir:D stapeg:C1 kdsatker2:C6 gol:C2 tmtgol:D "
    "mkgth:N2.0 mkgbl:N2.0 tmtkgb:D kdhakim:C1 gapok:N10.0 istri:N1.0 anak:N1.0 ese:C2 tstru:N10.0 "
    "kdkel:C3 kdjab:C2 tfung:N10.0 tdt:C1 tpapua:C1 kddidik:C2 grade:C2 keterangan:C100 tpolwan:C1 "
    "tbabin:C1 tpencil:C1 tsandi:C1 tbrevet:C1 tahli:C1 tkhusus:C1 tmedis:C1 kdbrevet:C2 kdahlik:C2 "
    "rpsandi:N10.0 rpmedis:N10.0",
    "satker": "thang:C4 kdjendok:C2 kddept:C3 kdunit:C2 kdprogram:C2 kdsatker:C6 kddekon:C1 namakpa:C100 "
    "nipkpa:C30 jabatan1:C60 jabatan2:C60 jabatan3:C60 alamat:C60 kota:C60 bendahara:C100 ppspm:C100 "
    "statusblu:C1 pplpnbp:N17.2 esawk:N17.2 esawkguna:N17.2 esakk:N17.2 ambangbats:N5.2 npwp:C15 "
    "levelrev:C1 revrkaklke:N3.0 revdipake:N3.0",
    "skmpnen": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 kdkmpnen:C3 kdskmpnen:C2 urskmpnen:C200 kdib:C2",
    "soutput": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kdoutput:C3 "
    "kdlokasi:C2 kdkabkota:C2 kddekon:C1 kdsoutput:C3 ursoutput:C250 sbmkvol:N10.0? sbmksat:C25 "
    "sbmkmin1:N10.0 sbmkket:C250 kdsb:C1 volsout:N19.4 volsbk:N19.4 kdib:C2",
    "tni": "kdsatker:C6 nip:C18 kdmatra:C1 nama:C30 sex:C1 tglahir:D stapeg:C1 kdsatker2:C6 gol:C2 "
    "tmtgol:D mkgth:N2.0 mkgbl:N2.0 tmtkgb:D kdhakim:C1 gapok:N10.0 istri:N1.0 anak:N1.0 ese:C2 kdkel:C3 "
    "kdjab:C2 kddidik:C2 grade:C2 kdbrevet:C2 kdahli:C2 kdkhusus:C2 kdsandi:C2 kdmedis:C2 kdbabin:C2",
    "trktrm": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kdprogram:C2 kdgiat:C4 kddekon:C1 "
    "rphpagu:N15.0 kdtrktrm:C1 jnsbelanja:C6 "
    + " ".join(f"jml{m:02d}:N15.0" for m in range(1, 13))
    + " "
    + " ".join(f"persen{m:02d}:N5.2" for m in range(1, 13))
    + " "
    + " ".join(f"chk{m:02d}:N1.0" for m in range(1, 13))
    + " chkjmltrk:N1.0 chkpersen:N1.0 chkrata2:N1.0 chkrata2gj:N1.0 kdlokasi:C2",
    "valas": "thang:C4 kdjendok:C2 kdsatker:C6 kddept:C3 kdunit:C2 kddekon:C1 register:C8 kdvalas:C3 "
    "nilaivalas:N14.2 ekuiusd:N14.2 ekuirph:N14.2",
}

#: the row element of the tables whose name is not ``c_<table>``
_ELEMEN = {"pgj": "c_gaji", "polri": "c_gaji", "tni": "c_gaji", "satker": "c_dsatker"}

#: the columns a unit archive's ``d_skmpnen`` XSD adds, and the values its XML rows give
#: them (refrowid: 64 on 4,554 of 4,853 rows of d_ and m_skmpnen; 1 on the rest)
_LOKUS = "kdlokus:C10~ reflokus:C10~ nmlokus:C10~ refrowid:N18.0~"
_LOKUS_NILAI = (("kdlokus", "0000"), ("reflokus", "ref_wilayah"), ("nmlokus", "Pusat"), ("refrowid", "64"))

#: ``d_akun``'s CSV fields are not in its XSD's order (its XML rows list them so too)
_BARIS_AKUN = (
    "thang kdjendok kdsatker kddept kdunit kdprogram kdgiat kdoutput kdlokasi kdkabkota kddekon kdsoutput "
    "kdkmpnen kdskmpnen kdakun kdkppn kdbeban kdjnsban kdctarik register carahitung prosenphln prosenrkp "
    "prosenrmp kppnrkp kppnrmp kppnphln regdam kdluncuran kdib levelrev revrkaklke revdipake uraiblokir "
    "kdblokir"
)

#: the tables whose rows Anggaran writes (the rest are written empty or left out)
DENGAN_BARIS = ("output", "soutput", "kmpnen", "skmpnen", "akun", "item", "trktrm", "cttakun", "kpa")
#: the tables whose XML rows a unit archive lists in alphabetical order
_ABJAD_UNIT = ("item", "trktrm", "cttakun", "kpa", "pdpt")

#: the value of a column when nothing says otherwise (blank text and ``0`` unless listed;
#: see the module docstring); the code columns always come from the tree
BAWAAN: dict[str, dict[str, str]] = {
    "output": {
        "kdjendok": "01",
        "kddekon": "2",
        "sbkket": " ",
        "kdtema": " ",
        "kdib": "00",
        "kdauto": "0",
        "kdmulti": " ",
        "levelrev": " ",
    },
    "soutput": {"kdjendok": "01", "kddekon": "2", "kdib": "00"},
    "kmpnen": {
        "kdjendok": "01",
        "kddekon": "2",
        "kdbiaya": "1",
        "kdsbiaya": "1",
        "kdtema": " ",
        "thangawal": "2023",
        "indekskali": "0",
        "kdib": "00",
        "indeksout": "1",
        "n1": "1",
        "n2": "1",
        "n3": "1",
        "n4": "1",
    },
    "skmpnen": {"kdjendok": "01", "kddekon": "2", "kdib": "00"},
    "akun": {
        "kdjendok": "01",
        "kddekon": "2",
        "kdjnsban": "0",
        "kdctarik": "0",
        "register": " ",
        "carahitung": "0",
        "kppnrkp": " ",
        "kppnrmp": " ",
        "kppnphln": " ",
        "regdam": " ",
        "kdib": "00",
        "kdblokir": " ",
    },
    "item": {
        "kdjendok": "01",
        "kddekon": "2",
        "kdjnsban": "0",
        "kdctarik": "0",
        "register": " ",
        "carahitung": "0",
        "kdsbu": " ",
        "nokontrak": " ",
        "tgkontrak": "-  -",
        "kurs": "1",
        "kdib": "00",
    },
    "cttakun": {
        "kdjendok": "01",
        "kdib": "00",
        "kddekon": "2",
        "kdjnsban": "0",
        "kdctarik": "0",
        "register": " ",
        "carahitung": "0",
        "levelrev": " ",
    },
    "trktrm": {"kdjendok": "01", "kddekon": "2", "kdtrktrm": "1", "kdlokasi": " ", "levelrev": " "},
    "kpa": {
        "kdjendok": "01",
        "kddekon": "2",
        "test": " ",
        "statusblu": " ",
        "nodipa": " ",
        "nosprkakl": " ",
        "thsprkakl": " ",
        "dasardipa": " ",
        "levelrev": " ",
    },
}


@dataclass(frozen=True, slots=True)
class Tabel:
    """One ADK table: its name (``item``), row element (``c_item``), XSD columns, the CSV's
    fields in order (the XSD's and the extras), each field's type, its defaults, and what
    differs in a unit archive (see the module docstring)."""

    nama: str
    elemen: str
    skema: tuple[Kolom, ...]
    baris: tuple[str, ...]
    jenis: dict[str, str]
    bawaan: dict[str, str]
    #: the XSD columns a unit archive adds (XML rows only), with the values of its rows
    tambahan_unit: tuple[Kolom, ...] = ()
    nilai_unit: tuple[tuple[str, str], ...] = ()
    #: the XML-only columns a satker archive's rows end with, with their values
    nilai_satker: tuple[tuple[str, str], ...] = ()
    abjad_unit: bool = False
    #: ``d_akun``'s XSD starts its ``<xsd:schema`` line with three spaces, not a tab
    spasi_skema: bool = False

    def kosong(self) -> dict[str, str]:
        """A row of defaults: every field blank (text, dates) or ``0`` (numbers), then
        :data:`BAWAAN`."""
        row = {k: "0" if self.jenis[k] == "N" else "" for k in self.baris}
        row.update(self.bawaan)
        return row


@cache
def tabel(nama: str) -> Tabel:
    """The table ``nama`` (``item``, ``output``, …, without its ``d_``/``m_`` prefix)."""
    skema = _kolom(_SKEMA[nama])
    jenis = {k.nama: k.jenis for k in skema}
    if nama not in DENGAN_BARIS:
        baris = tuple(k.nama for k in skema)
    elif nama == "akun":
        baris = tuple(_BARIS_AKUN.split())
    else:
        baris = (*(k.nama for k in skema), *(("kdstatus",) if nama == "item" else ()), *EKSTRA)
    for k in baris:
        jenis.setdefault(k, _JENIS_EKSTRA.get(k, "C"))
    return Tabel(
        nama,
        _ELEMEN.get(nama, f"c_{nama}"),
        skema,
        baris,
        jenis,
        BAWAAN.get(nama, {}),
        tambahan_unit=_kolom(_LOKUS) if nama == "skmpnen" else (),
        nilai_unit=_LOKUS_NILAI if nama == "skmpnen" else (),
        nilai_satker=(("tidak_valid", "TIDAK_VALID"),) if nama == "item" else (),
        abjad_unit=nama in _ABJAD_UNIT,
        spasi_skema=nama == "akun",
    )


#: every table of an archive's ``d_*`` side, in file-name order; ``m_*`` repeats the
#: first six
SEMUA = tuple(sorted(_SKEMA))
SEMULA = ("akun", "item", "kmpnen", "output", "skmpnen", "soutput")


def skema_xml(t: Tabel, bentuk: str) -> str:
    """The head of a table's ``.xml`` up to and including ``</xsd:schema>``, as Visual
    FoxPro writes it in archives of form ``bentuk`` (:data:`UNIT` or :data:`SATKER`)."""
    tab = "\t"
    out = [
        '<?xml version = "1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<VFPData xml:space="preserve">\n',
        "   " if t.spasi_skema else tab,
        '<xsd:schema id="VFPData" xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">\n',
        f'{tab * 2}<xsd:element name="VFPData" msdata:IsDataSet="true">\n',
        f"{tab * 3}<xsd:complexType>\n",
        f'{tab * 4}<xsd:choice maxOccurs="unbounded">\n',
    ]
    kolom = t.skema + (t.tambahan_unit if bentuk == UNIT else ())
    if kolom:
        out.append(f'{tab * 5}<xsd:element name="{t.elemen}" minOccurs="0" maxOccurs="unbounded">\n')
        out.append(f"{tab * 6}<xsd:complexType>\n{tab * 7}<xsd:sequence>\n")
        for k in kolom:
            indent = " " * 64 if k.spasi else tab * 8
            opsional = ' minOccurs="0"' if k.opsional else ""
            if k.jenis == "D":
                out.append(f'{indent}<xsd:element name="{k.nama}"{opsional} type="xsd:date"/>\n')
                continue
            out.append(f'{indent}<xsd:element name="{k.nama}"{opsional}>\n{tab * 9}<xsd:simpleType>\n')
            if k.jenis == "C":
                out.append(
                    f'{tab * 10}<xsd:restriction base="xsd:string">\n'
                    f'{tab * 11}<xsd:maxLength value="{k.panjang}"/>\n'
                )
            else:
                out.append(
                    f'{tab * 10}<xsd:restriction base="xsd:decimal">\n'
                    f'{tab * 11}<xsd:totalDigits value="{k.panjang}"/>\n'
                    f'{tab * 11}<xsd:fractionDigits value="{k.desimal}"/>\n'
                )
            out.append(f"{tab * 10}</xsd:restriction>\n{tab * 9}</xsd:simpleType>\n{tab * 8}</xsd:element>\n")
        out.append(f"{tab * 7}</xsd:sequence>\n{tab * 6}</xsd:complexType>\n{tab * 5}</xsd:element>\n")
    out.append(
        f"{tab * 4}</xsd:choice>\n"
        f'{tab * 4}<xsd:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" '
        'processContents="lax"/>\n'
        f"{tab * 3}</xsd:complexType>\n{tab * 2}</xsd:element>\n{tab}</xsd:schema>"
    )
    return "".join(out)
