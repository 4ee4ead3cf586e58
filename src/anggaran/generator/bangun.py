"""Build one satker's budget tree as the profile shapes it: its KRO (from its unit's
catalogue, each by the share of the real unit's satkers that have it), RO, komponen,
sub-komponen, akun (only akun the reference knows, fitting their komponen) and detail
lines (a real line of the akun, its counts and price varied), header lines, the monthly
plan of every line (a real plan's shape) and the withdrawal plan (d_trktrm) as the sum of
the lines. Every line's jumlah is SAKTI's: volume x harga satuan rounded down to Rp 1,000
(``core.money.jumlah_sakti``); every volume is the product of its factors; every KRO's
volume the sum of its RO's. A clean tree gives no error and no warning."""

from __future__ import annotations

import random
from decimal import Decimal

from anggaran.core.kode import sort_key
from anggaran.core.money import jumlah_sakti
from anggaran.core.tree import (
    KRO,
    RO,
    Akun,
    Detail,
    Dokumen,
    Kegiatan,
    Keluaran,
    KodeNama,
    Komponen,
    Penandatangan,
    Program,
    RencanaPenarikan,
    RkaSatker,
    SubKomponen,
)
from anggaran.generator.profil import Baris, Profil
from anggaran.generator.rencana import SatkerRencana, UnitRencana
from anggaran.reference import referensi

#: names for the signatories (d_kpa): common Indonesian given names and family names,
#: none taken from any archive
_DEPAN = (
    "ADI AGUS AHMAD ANDI ARIF BAMBANG BAYU BUDI DEDI DEWI DIAN EKO FAJAR FITRI HADI HENDRA INDAH "
    "IRWAN JOKO KARTIKA LESTARI MAYA NUR PUTRI RATNA RINA RUDI SARI SITI SRI TAUFIK TRI WAHYU WULAN YULI"
).split()
_BELAKANG = (
    "HARTONO HIDAYAT KURNIAWAN LESMANA MULYADI NUGROHO PERMANA PRASETYO PURNOMO RAHARJO RAHMAWATI "
    "SANTOSO SAPUTRA SETIAWAN SUGIARTO SUSANTO UTOMO WIBOWO WIJAYA YULIANTI"
).split()
_KPA = "Kuasa Pengguna Anggaran"
_SATU = Decimal(1)


def nama_orang(rng: random.Random) -> str:
    """A neutral signatory name (``BUDI SANTOSO``)."""
    return f"{rng.choice(_DEPAN)} {rng.choice(_BELAKANG)}"


def bagi_bulanan(jumlah: int, bobot: list[int]) -> list[int]:
    """``jumlah`` spread over the 12 months by the weights ``bobot`` (a real plan's shape):
    each month its share rounded down, the rest in the month of the largest weight, so
    that the months add up to ``jumlah`` exactly."""
    total = sum(bobot)
    out = [jumlah * w // total for w in bobot]
    out[bobot.index(max(bobot))] += jumlah - sum(out)
    return out


class Pembangun:
    """Builds the satkers of one unit (one archive) from the profile, a random source of
    the unit and the unit's plan."""

    def __init__(self, p: Profil, unit: UnitRencana, tahun: int) -> None:
        self.p = p
        self.unit = unit
        self.tahun = tahun
        ref = referensi()
        self.ref = ref
        self.kementerian = KodeNama(unit.kl, ref.kementerian.get(unit.kl) or "")
        self.unit_org = KodeNama(unit.unit, ref.unit_organisasi.get(f"{unit.kl}.{unit.unit}") or "")
        self.header_p = p.bagian_header / (1 - p.bagian_header)
        #: each akun's sample lines; each jenis belanja's plan shapes
        self.baris = p.baris
        self.bulanan = p.bulanan

    # -- the tree ----------------------------------------------------------------------
    def satker(self, s: SatkerRencana, rng: random.Random) -> RkaSatker:
        """The clean tree of satker ``s``."""
        p, ref = self.p, self.ref
        r = ref.satker.get(s.kode)
        tree = RkaSatker(
            dokumen=Dokumen(self.tahun, bagian="A+B"),
            kementerian=self.kementerian,
            unit_organisasi=self.unit_org,
            satker=KodeNama(s.kode, (r.nama if r else None) or ""),
            provinsi=KodeNama(s.kdlokasi, ref.provinsi.get(s.kdlokasi) or ""),
            lokasi=KodeNama(s.kdkabkota, ref.kabkota.get((s.kdlokasi, s.kdkabkota)) or ""),
        )
        tree.dokumen.penandatangan = Penandatangan(
            _KPA, nama_orang(rng), "", adk={"bendahara": nama_orang(rng), "ppspm": nama_orang(rng)}
        )
        # the KRO of the catalogue this satker has: each by its share, at least one per
        # program, and the office's own (RO 994: salaries and operations) always
        chosen = [k for k in self.unit.katalog if k.p >= 0.95 or rng.random() < k.p]
        for huruf in sorted({k.program for k in self.unit.katalog}):
            if not any(k.program == huruf for k in chosen):
                chosen.append(max((k for k in self.unit.katalog if k.program == huruf), key=lambda k: k.p))
        chosen.sort(key=lambda k: (sort_key(k.program), sort_key(k.kegiatan), sort_key(k.kro)))
        target = s.baris
        akun_all: list[tuple[Akun, str]] = []
        programs: dict[str, Program] = {}
        kegiatan: dict[tuple[str, str], Kegiatan] = {}
        for k in chosen:
            pkode = f"{self.unit.kl}.{self.unit.unit}.{k.program}"
            prog = programs.get(pkode)
            if prog is None:
                prog = programs[pkode] = Program(pkode, ref.program.get(pkode) or "")
                tree.program.append(prog)
            keg = kegiatan.get((pkode, k.kegiatan))
            if keg is None:
                keg = kegiatan[(pkode, k.kegiatan)] = Kegiatan(k.kegiatan, ref.kegiatan.get(k.kegiatan) or "")
                prog.kegiatan.append(keg)
            kref = ref.kro.get(k.kro)
            kro = KRO(
                k.kro,
                (kref.nama if kref else None) or "",
                keluaran=Keluaran(None, kref.satuan if kref else None),
            )
            keg.kro.append(kro)
            ros = [r for r in k.ro if rng.random() < r.p] or [max(k.ro, key=lambda r: r.p)]
            total = Decimal(0)
            for rk in sorted(ros, key=lambda r: sort_key(r.kode)):
                volume = Decimal(p.ro_volume(rng))
                total += volume
                ro = RO(rk.kode, rk.nama, keluaran=Keluaran(volume, None))
                kro.ro.append(ro)
                self._komponen(ro, kro.kode, rng, akun_all, s.kppn)
            kro.keluaran.volume = total
        # the lines: each akun its count from the profile, scaled to the satker's size
        base = [p.baris_per_akun(rng) for _ in akun_all]
        factor = target / max(sum(base), 1)
        for (akun, _kelas), n in zip(akun_all, base, strict=True):
            want = n * factor
            count = max(1, int(want) + (1 if rng.random() < want - int(want) else 0))
            self._baris(akun, count, rng)
        return tree

    def _komponen(
        self, ro: RO, kro: str, rng: random.Random, akun_all: list[tuple[Akun, str]], kppn: str
    ) -> None:
        p = self.p
        if ro.kode == "994" and kro.endswith(".EBA"):
            kodes = ["001", "002"]
        else:
            n = p.komponen_per_ro(rng)
            kodes = sorted({p.komponen_lain(rng) for _ in range(n)})
        for kode in kodes:
            kelas = kode if kode in ("001", "002") else "lain"
            c = Komponen(kode, p.komponen_nama[kelas](rng))
            ro.komponen.append(c)
            n_sub = p.sub_per_komponen(rng)
            for sub_kode in sorted(p.sub_kode[kelas].beberapa(rng, n_sub)):
                sk = SubKomponen(sub_kode, p.sub_nama(rng))
                c.sub_komponen.append(sk)
                n_akun = p.akun_per_sub(rng)
                for akun_kode in sorted(p.akun[kelas].beberapa(rng, n_akun)):
                    a = Akun(akun_kode, self.ref.akun.get(akun_kode) or "", sumber_dana="A", kppn=kppn)
                    if rng.random() < p.catatan_bagian.get(akun_kode[:2], 0.0):
                        a.catatan.append(rng.choice(p.catatan_teks))
                    sk.akun.append(a)
                    akun_all.append((a, kelas))

    def _baris(self, a: Akun, count: int, rng: random.Random) -> None:
        samples = self.baris[a.kode]
        plans = self.bulanan.get(a.kode[:2]) or self.bulanan["52"]
        lines = a.detail
        for _ in range(count):
            if rng.random() < self.header_p:
                tingkat = 2 if rng.random() < self.p.header_tingkat2 else 1
                lines.append(
                    Detail(
                        self.p.header_nama(rng),
                        Decimal(0),
                        "",
                        0,
                        0,
                        tingkat=tingkat,
                        kode=str(len(lines) + 1),
                        kdib="00",
                    )
                )
            lines.append(self.baris_baru(rng.choice(samples), rng.choice(plans), rng, str(len(lines) + 1)))

    def baris_baru(self, b: Baris, plan: list[int], rng: random.Random, kode: str) -> Detail:
        """A line after the real line ``b``: its counts and price varied (half the time
        each), its volume the product of its factors, its jumlah SAKTI's rounding, its
        monthly plan ``plan``'s shape."""
        faktor = list(b.faktor)
        if faktor and rng.random() < 0.5:
            v, s = faktor[0]
            faktor[0] = (max(1, round(v * (0.5 + rng.random()))), s)
        harga = b.harga
        if rng.random() < 0.5:
            harga = round(harga * (0.85 + 0.35 * rng.random()))
            if harga >= 1000:
                harga = max(100, round(harga, -2))
            harga = max(1, harga)
        if faktor:
            volume = _SATU
            for v, _ in faktor:
                volume *= v
            volume = Decimal(int(volume))
        else:
            volume = b.volume if b.volume > 0 else _SATU
        jumlah = jumlah_sakti(volume, harga)
        return Detail(
            b.nama,
            volume,
            b.satuan,
            harga,
            jumlah,
            faktor=[(Decimal(v), s) for v, s in faktor],
            sumber_dana=None,
            rencana_bulanan=bagi_bulanan(jumlah, plan),
            kode=kode,
            kdib="00",
        )


def rencana_penarikan(tree: RkaSatker) -> None:
    """The withdrawal plan (d_trktrm) of ``tree``: per program, kegiatan and jenis belanja
    the sum of its lines' jumlah and of their monthly plans (header lines left out), in
    SAKTI's order."""
    sums: dict[tuple[str, str, str], list[int]] = {}
    for p, k, _x, _r, _c, _sk, a in tree.akun():
        for d in a.detail:
            if d.tingkat:
                continue
            s = sums.setdefault((p.kode, k.kode, a.kode[:2]), [0] * 13)
            s[0] += d.jumlah
            for m, v in enumerate(d.rencana_bulanan):
                s[m + 1] += v
    tree.rencana_penarikan = [
        RencanaPenarikan(prog, keg, jenis, s[0], s[1:])
        for (prog, keg, jenis), s in sorted(sums.items())
        if s[0]
    ]
    tree.rencana_penarikan_ada = True
