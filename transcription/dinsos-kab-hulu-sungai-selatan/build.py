"""Build the CSV transcription of the LKjIP 2019 of Dinas Sosial Kab. Hulu Sungai Selatan.

Source: /work/shared/seeds/001_90dadde9d726c79a.txt (plain text of the PDF, tab-separated tables).
Every row carries source (file name) and source_line (1-based line number in that file).

Table rows (Tabel 1, Tabel 2, budget realisation table, PK 2019) are parsed from the source lines
themselves with an explicit column layout per line, so the figures are copied, not retyped.
Indicator names, sasaran, units and aggregation choices are set by hand (see NOTES.md).

Run:  /work/main/.venv/bin/python build.py
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES  # noqa: E402

HERE = Path(__file__).resolve().parent
SRC_PATH = Path("/work/shared/seeds/001_90dadde9d726c79a.txt")
SRC = SRC_PATH.name
AG = "dinsos-kab-hulu-sungai-selatan"
YEAR = 2019

LINES = SRC_PATH.read_text(encoding="utf-8").split("\n")


def line(n: int) -> str:
    """1-based line n of the source (same count as `sed -n Np`)."""
    return LINES[n - 1]


def cells(n: int) -> list[str]:
    return [c.strip() for c in line(n).split("\t")]


# ---------------------------------------------------------------------------
# number parsing (Indonesian format -> machine string)
# ---------------------------------------------------------------------------
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")


def num(s: str) -> str:
    """'1.164.318.000' -> '1164318000', '99,97' -> '99.97', '100%' -> '100', '' -> ''.

    Raises on anything that is not a clean Indonesian number (callers handle text targets)."""
    s = s.strip().replace("%", "").strip()
    if s == "":
        return ""
    if _THOUSANDS.match(s):
        return s.replace(".", "").replace(",", ".")
    if _PLAIN.match(s):
        return s.replace(",", ".")
    raise ValueError(f"not a clean number: {s!r}")


def is_num(s: str) -> bool:
    try:
        num(s)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------
# agencies
# ---------------------------------------------------------------------------
agencies = [dict(agency_id=AG, name="Dinas Sosial Kabupaten Hulu Sungai Selatan", level="kabupaten",
                 province="Kalimantan Selatan", sector="sosial", source=SRC, source_line=5)]

# ---------------------------------------------------------------------------
# indicators
# ---------------------------------------------------------------------------
S_RB = "Meningkatkan tata kelola pemerintahan yang baik dan bersih serta layanan publik yang berkualitas berbasis teknologi informasi"
S_AKIP = "Meningkatnya kualitas akuntabilitas kinerja instansi pemerintah"
S_PMKS = ("Meningkatnya pemberdayaan, pelayanan dan rehabilitasi, serta perlindungan sosial bagi "
          "Penyandang Masalah Kesejahteraan Sosial (PMKS)")
# Perjanjian Kinerja 2019 sasaran (kegiatan level), as printed
PK_S1 = "Terlaksananya Fasilitas bantuan usahan Ekonomi Produktif(UEP) bagi PMKS dengan tepat sasaran"
PK_S2a = "Terlaksananya pelayanan sosial terhadap PMKS dengan tepat sasaran"
PK_S2b = "Terlaksananya rehabilitasi sosial terhadap PMKS dengan tepat sasaran"
PK_S3 = "Terlaksananya perlindungan sosial terhadap PMKS dengan tepat sasaran"
PK_S4 = "Tersedianya Potensi dan Sumber Kesejahteraan Sosial (PSKS) yang memenuhi standar kompetensi"
PK_S5a = "Terpenuhinya dokumen AKIP dari aspek kualitas"
PK_S5b = "Terpenuhinya dokumen keuangan daerah dari aspek kualitas"
PK_S6 = "Terlaksananya pelayanan, penatausahaan administrasi umum dan kepegawaian"
PK_S7 = "(tidak tercetak: blok PK No. 7, kolom sasaran kosong)"

P_RENLAP = "Program Peningkatan Perencanaan, Pelaporan Capaian Kinerja dan Keuangan"
P1 = "Program Pemberdayaan Penyandang Masalah Kesejahteraan Sosial (PMKS)"
P2 = "Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial"
P3 = "Program Perlindungan Penyandang Masalah Kesejahteraan Sosial (PMKS)"
P4 = "Program Peningkatan Potensi dan Sumber Kesejahteraan Sosial (PSKS)"
P_SARPRAS = "Program Peningkatan Sarana dan Prasarana Aparatur"
P_KINERJA = "Program Peningkatan Kinerja Pelayanan Perangkat Daerah"
P_ADM = "Program Pelayanan Administrasi Perkantoran"

# id, tier, iku, name, unit, sasaran, program, aggregation, source_line (where the name is printed
# in the measurement table, else PK / text), formula
IND = [
    # Tabel 1 (sekretariat)
    ("iku-rb", "sasaran", True, "Indeks Reformasi Birokrasi", "Indeks", S_RB, "", "last", 434,
     "Indeks Reformasi Birokrasi menggambarkan sejauh mana instansi pemerintah melaksanakan perbaikan tata "
     "kelola pemerintahan; komponen penilaian terdiri dari pengungkit 60% dan hasil 40% (Tabel IKU, baris 356)"),
    ("iku-akip", "sasaran", True, "Nilai/Predikat AKIP", "Nilai/Predikat", S_AKIP, "", "last", 435,
     "Komponen penilaian: perencanaan kinerja 30%, pengukuran kinerja 25%, pelaporan kinerja 15%, evaluasi "
     "kinerja 10%, capaian kinerja 20% (Tabel IKU, baris 359)"),
    ("p-renlap", "program", False,
     "Tingkat pemenuhan aspek kualitas dokumen AKIP dan Tingkat pemenuhan aspek kualitas dokumen Keuangan daerah",
     "%", S_AKIP, P_RENLAP, "last", 436, ""),
    ("k-akip", "kegiatan", False, "Dokumen AKIP yang memenuhi aspek kualitas", "Dokumen", PK_S5a, P_RENLAP,
     "last", 437, ""),
    ("k-keu", "kegiatan", False, "Dokumen Keuangan yang memenuhi aspek kualitas", "Dokumen", PK_S5b, P_RENLAP,
     "last", 438, ""),
    # Tabel 2 (urusan wajib sosial)
    ("iku-pmks", "sasaran", True, "Persentase Angka PMKS yang mandiri", "%", S_PMKS, "", "cumulative", 775,
     "Jumlah PMKS yang mandiri dibagi jumlah PMKS yang terdata x 100%"),
    ("p1", "program", False,
     "Tingkat Pemberdayaan sosial terhadap Penyandang Masalah Kesejahteraan Sosial (PMKS)", "%", S_PMKS, P1,
     "cumulative", 537, "Jumlah PMKS yang menerima program pemberdayaan x 100% / Jumlah PMKS yang terdata"),
    ("k1-1", "kegiatan", False, "Jumlah masyarakat memperoleh bantuan usaha ekonomi Produktif (UEP)", "Orang",
     PK_S1, P1, "cumulative", 372, ""),
    ("k1-2", "kegiatan", False, "Jumlah Anak terlantar yang memperoleh bantuan usaha ekonomi Produktif (UEP)",
     "Orang", PK_S1, P1, "cumulative", 373, ""),
    ("k1-3", "kegiatan", False,
     "Jumlah Penyandang Disabilitas yang memperoleh bantuan usaha ekonomi Produktif (UEP)", "Orang", PK_S1, P1,
     "cumulative", 374, ""),
    ("k1-4", "kegiatan", False,
     "Jumlah Perempuan Rawan Sosial ekonomi (PRSE) yang memperoleh bantuan usaha ekonomi Produktif (UEP)",
     "Orang", PK_S1, P1, "cumulative", 375, ""),
    ("k1-4b", "kegiatan", False,
     "Jumlah Perempuan Rawan Sosial Ekonomi (PRSE) yang memperoleh Bimbingan Kewirausahaan", "Orang", PK_S1, P1,
     "cumulative", 492, ""),
    ("k1-5", "kegiatan", False,
     "Jumlah Dokumen Calon Penerima Rumah Sejahtera yang dibuat sesuai dengan standar", "Orang", PK_S1, P1,
     "cumulative", 497, ""),
    ("p2a", "program", False,
     "Tingkat pelayanan sosial terhadap Penyandang Masalah Kesejahteraan Sosial (PMKS)", "%", S_PMKS, P2,
     "cumulative", 498, ""),
    ("p2b", "program", False,
     "Tingkat rehabilitasi sosial terhadap Penyandang Masalah Kesejahteraan Sosial (PMKS)", "%", S_PMKS, P2,
     "cumulative", 499, ""),
    ("k2-1", "kegiatan", False,
     "Jumlah anak terlantar yang mendapatkan pelayanan sosial di dalam dan di luar panti", "Orang", PK_S2a, P2,
     "cumulative", 500, ""),
    ("k2-1b", "kegiatan", False,
     "Persentase kasus adopsi dan advokasi anak yang ditangani sesuai dengan standar", "%", PK_S2a, P2,
     "per_quarter", 501, ""),
    ("k2-2", "kegiatan", False,
     "Jumlah lanjut usia terlantar yang mendapatkan pelayanan sosial di dalam dan di luar panti", "Orang",
     PK_S2a, P2, "cumulative", 502, ""),
    ("k2-3", "kegiatan", False,
     "Jumlah penyandang disabilitas yang mendapatkan pelayanan sosial di luar panti", "Orang", PK_S2a, P2,
     "cumulative", 503, ""),
    ("k2-4", "kegiatan", False, "Persentase gelandangan dan pengemis yang mendapatkan pelayanan sosial", "%",
     PK_S2a, P2, "per_quarter", 504, ""),
    ("k2-4b", "kegiatan", False,
     "Persentase penyandang penyakit sosial lainnya dan masyarakat terlantar yang mendapat pelayanan sosial",
     "%", PK_S2a, P2, "per_quarter", 382, ""),
    ("k2-5", "kegiatan", False,
     "Jumlah penyandang disabilitas yang mendapatkan rehabilitasi sosial di dalam panti", "Orang", PK_S2b, P2,
     "cumulative", 383, ""),
    ("k2-5b", "kegiatan", False, "Jumlah penyandang disabilitas yang mendapatkan alat bantu tubuh", "Orang",
     PK_S2b, P2, "cumulative", 383, ""),
    ("k2-5c", "kegiatan", False, "Jumlah penyandang disabilitas yang mengikuti Praktek Belajar Kerja", "Orang",
     PK_S2b, P2, "cumulative", 383, ""),
    ("k2-6", "kegiatan", False, "Jumlah PRSE yang mendapatkan rehabilitasi sosial di dalam panti", "Orang",
     PK_S2b, P2, "cumulative", 384, ""),
    ("k2-7", "kegiatan", False,
     "Jumlah penyandang penyakit sosial lainnya yang mendapatkan rehabilitasi sosial", "Orang", PK_S2b, P2,
     "cumulative", 387, ""),
    ("p3", "program", False,
     "Tingkat perlindungan sosial terhadap Penyandang Masalah Kesejahteraan Sosial (PMKS)", "%", S_PMKS, P3,
     "cumulative", 650, ""),
    ("k3-1", "kegiatan", False,
     "Persentase korban bencana yang mendapat bantuan tanggap darurat korban bencana", "%", PK_S3, P3,
     "per_quarter", 388, ""),
    ("k3-1b", "kegiatan", False,
     "Persentase korban tindak kekerasan yang mendapatkan perlindungan sosial", "%", PK_S3, P3,
     "per_quarter", 388, ""),
    ("k3-2", "kegiatan", False, "Jumlah anak terlantar yang mendapatkan bantuan sosial", "Orang", PK_S3, P3,
     "cumulative", 389, ""),
    ("k3-3", "kegiatan", False, "Jumlah lanjut usia terlantar yang mendapatkan bantuan sosial", "Orang", PK_S3,
     P3, "cumulative", 390, ""),
    ("k3-4", "kegiatan", False, "Penyaluran pangan bagi masyarakat miskin", "KPM", PK_S3, P3, "per_quarter",
     391, ""),
    ("p4", "program", False,
     "Cakupan Lembaga/Organisasi sosial dan relawan/petugas sosial yang aktif dalam penanganan masalah sosial",
     "%", "Meningkatnya Potensi dan Sumber Kesejahteraan Sosial (PSKS)", P4, "cumulative", 717, ""),
    ("k4-1", "kegiatan", False, "Jumlah lembaga/organisasi sosial yang dibina dan aktif", "Buah", PK_S4, P4,
     "cumulative", 392, ""),
    ("k4-1b", "kegiatan", False, "Jumlah relawan/petugas sosial yang dibina dan aktif", "Orang", PK_S4, P4,
     "cumulative", 392, ""),
    # Perjanjian Kinerja only (no quarterly measurement printed)
    ("k5-1", "kegiatan", False, "Gedung kantor kondisi baik", "tahun", PK_S6, P_SARPRAS, "last", 395, ""),
    ("k5-2", "kegiatan", False, "Mobil dan kendaraan operasional kondisi baik", "tahun", PK_S6, P_SARPRAS,
     "last", 396, ""),
    ("k5-3", "kegiatan", False,
     "Peralatan dan perlengkapan gedung kantor kondisi baik (kegiatan Pemeliharaan Peralatan dan perlengkapan Kantor)",
     "tahun", PK_S6, P_SARPRAS, "last", 398, ""),
    ("k5-4", "kegiatan", False,
     "Peralatan dan perlengkapan gedung kantor kondisi baik (kegiatan Penyediaan Peralatan dan perlengkapan kantor)",
     "tahun", PK_S6, P_SARPRAS, "last", 399, ""),
    ("k6-1", "kegiatan", False,
     "Jumlah Basis Data Terpadu kemiskinan yang terverifikasi dan validasi sesuai ketentuan", "Aplikasi", PK_S7,
     P_KINERJA, "last", 400, ""),
    ("k6-2", "kegiatan", False,
     "Jumlah pelayanan administrasi Potensi dan Sumber Kesejahteraan Sosial (PSKS) yang dilaksanakan tepat waktu",
     "jenis PSKS", PK_S7, P_KINERJA, "last", 401, ""),
    ("k6-3", "kegiatan", False,
     "Jumlah Lomba bagi Potensi dan Sumber Kesejahteraan Sosial (PSKS) yang dilaksanakan sesuai ketentuan",
     "Lomba", PK_S7, P_KINERJA, "cumulative", 402, ""),
    ("k6-4", "kegiatan", False, "Jumlah peringatan yang dilaksanakan", "Peringatan", PK_S7, P_KINERJA,
     "cumulative", 403, ""),
    ("k6-5a", "kegiatan", False, "Jumlah veteran dan janda veteran yang menerima bantuan social", "orang", PK_S7,
     P_KINERJA, "cumulative", 404, ""),
    ("k6-5b", "kegiatan", False, "Jumlah Taman Makam Pahlawan dengan kondisi baik", "lokasi", PK_S7, P_KINERJA,
     "last", 404, ""),
]
ADM_KEG = [  # PK lines 405-411: "Pelayanan administrasi sesuai standar" / "sda"
    ("k7-1", 405, "Penyediaan Jasa Komunikasi, sumber daya air dan listrik"),
    ("k7-2", 406, "Penyebarluasan Informasi Tugas Pokok dan Fungsi SKPD"),
    ("k7-3", 407, "Penyediaan makanan dan Minuman"),
    ("k7-4", 408, "Rapat-rapat kordinasi, konsultasi dan lapangan"),
    ("k7-5", 410, "Penyediaan jasa Tenaga Pendukung Administarsi / Teknis Lainnya"),
    ("k7-6", 411, "Penyediaan Jasa dan administrasi Kantor"),
]
for iid, ln, keg in ADM_KEG:
    suffix = "" if ln == 405 else " (tercetak 'sda')"
    IND.append((iid, "kegiatan", False, f"Pelayanan administrasi sesuai standar{suffix} (kegiatan {keg})",
                "tahun", PK_S7, P_ADM, "last", ln, ""))

indicators = []
for (iid, tier, iku, name, unit, sas, prog, agg, ln, formula) in IND:
    indicators.append(dict(agency_id=AG, indicator_id=iid, sasaran=sas, name=name, unit=unit, polarity="higher",
                           quarter_aggregation=agg, tier=tier, iku="true" if iku else "false", formula=formula,
                           program=prog, source=SRC, source_line=ln))
IND_IDS = {r["indicator_id"] for r in indicators}

# ---------------------------------------------------------------------------
# performance: quarterly tables
# ---------------------------------------------------------------------------
performance: dict[tuple[str, str], dict] = {}


def perf(iid, period, target="", target_text="", realisasi="", capaian="", table_ref="", ln=None):
    key = (iid, period)
    assert iid in IND_IDS, iid
    assert key not in performance, f"duplicate performance row {key}"
    performance[key] = dict(agency_id=AG, indicator_id=iid, year=YEAR, period=period, target=target,
                            target_text=target_text, realisasi=realisasi, reported_capaian=capaian,
                            table_ref=table_ref, source=SRC, source_line=ln)


def target_cell(s: str) -> tuple[str, str]:
    """(target, target_text) for a printed target cell."""
    if is_num(s):
        return num(s), ""
    return "", s


T1 = "Tabel 1 (Pencapaian Kinerja Sekretariat, BAB III A.1)"
T2 = "Tabel 2 (Pencapaian Kinerja Triwulan Urusan Wajib Sosial, BAB III A.1)"

# layout: index of annual target; TW targets, realisasi, capaian follow in blocks of 4
# Tabel 1 rows: [no, name, indicator, satuan, annual, T1..T4, R1..R4, C1..C4]  -> annual at 4
# Tabel 2 16-field rows: [no, name, satuan, annual, ...]                        -> annual at 3
# Tabel 2 17-field rows: [no, name, indicator, satuan, annual, ...]             -> annual at 4
QUARTERLY = [
    # (indicator, line, table_ref, expected satuan)
    ("iku-rb", 434, T1, "Indeks"),
    ("iku-akip", 435, T1, "Nilai/Predikat"),
    ("p-renlap", 436, T1, "Persen"),
    ("k-akip", 437, T1, "Dokumen"),
    ("k-keu", 438, T1, "Dokumen"),
    ("iku-pmks", 486, T2, "Persen"),
    ("p1", 487, T2, "Persen"),
    ("k1-1", 488, T2, "Orang"),
    ("k1-2", 489, T2, "Orang"),
    ("k1-3", 490, T2, "Orang"),
    ("k1-4", 491, T2, "Orang"),
    ("k1-4b", 492, T2, "Orang"),
    ("k1-5", 497, T2, "Orang"),
    ("p2a", 498, T2, "Persen"),
    ("p2b", 499, T2, "Persen"),
    ("k2-1", 500, T2, "Orang"),
    ("k2-1b", 501, T2, "Persen"),
    ("k2-2", 502, T2, "Orang"),
    ("k2-3", 503, T2, "Orang"),
    ("k2-4", 504, T2, "Persen"),
    ("k2-4b", 509, T2, "Persen"),
    ("k2-5", 510, T2, "Orang"),
    ("k2-5b", 511, T2, "Orang"),
    ("k2-5c", 512, T2, "Orang"),
    ("k2-6", 513, T2, "Orang"),
    ("k2-7", 514, T2, "Orang"),
    ("p3", 515, T2, "Persen"),
    ("k3-1", 516, T2, "Persen"),
    ("k3-1b", 517, T2, "Persen"),
    ("k3-2", 522, T2, "Orang"),
    ("k3-3", 523, T2, "Orang"),
    ("k3-4", 524, T2, "KPM"),
    ("p4", 525, T2, "Persen"),
    ("k4-1", 526, T2, "Buah"),
    ("k4-1b", 527, T2, "Orang"),
]

# Annual realisasi stated in running text: indicator -> (line, target as printed, realisasi as printed)
TEXT_ANNUAL = {
    "p1": (537, "5,72", "6,06"),
    "p2a": (579, "6,02", "7,2"),
    "p2b": (579, "3,54", "3,26"),
    "p3": (650, "74,64", "67,91"),
    "p4": (717, "56,07", "56,07"),
    # kegiatan of Program Pemberdayaan: "... sebanyak X dari (yang ditargetkan / target) Y"
    "k1-1": (546, "130", "120"),
    "k1-2": (547, "40", "37"),
    "k1-3": (548, "8", "8"),
    "k1-4": (549, "20", "30"),
    "k1-4b": (550, "100", "100"),
}

QUARTERLY_PARSED = {}
for iid, ln, tref, satuan in QUARTERLY:
    c = cells(ln)
    if tref == T1 or len(c) == 17:
        a = 4
    else:
        a = 3
    assert c[a - 1] == satuan, (ln, c[a - 1], satuan)
    c = c + [""] * (a + 13 - len(c))
    annual = c[a]
    tw_t = c[a + 1:a + 5]
    tw_r = c[a + 5:a + 9]
    tw_c = c[a + 9:a + 13]
    QUARTERLY_PARSED[iid] = (ln, annual, tw_t, tw_r, tw_c)
    t, tt = target_cell(annual)
    if iid in TEXT_ANNUAL:
        tln, t_txt, r_txt = TEXT_ANNUAL[iid]
        assert num(t_txt) == t, (iid, t_txt, t)
        assert t_txt in line(tln) and r_txt in line(tln), (iid, tln)
        perf(iid, "annual", target=t, target_text=tt, realisasi=num(r_txt),
             table_ref=f"{tref}: target (baris {ln}); realisasi tahunan dari teks BAB III (baris {tln})", ln=tln)
    else:
        perf(iid, "annual", target=t, target_text=tt, table_ref=tref, ln=ln)
    for q in range(4):
        t, tt = target_cell(tw_t[q])
        perf(iid, f"TW{q + 1}", target=t, target_text=tt, realisasi=num(tw_r[q]), capaian=num(tw_c[q]),
             table_ref=tref, ln=ln)

# ---------------------------------------------------------------------------
# performance: Perjanjian Kinerja 2019 targets (only indicators not measured in Tabel 1/2)
# ---------------------------------------------------------------------------
PK = "Perjanjian Kinerja Tahun 2019 (BAB II C)"
PK_ONLY = [  # indicator, line, target text as printed in the PK target cell
    ("k5-1", 395, "1 tahun"), ("k5-2", 396, "1 tahun"), ("k5-3", 398, "1 tahun"), ("k5-4", 399, "1 tahun"),
    ("k6-1", 400, "1 Aplikasi"), ("k6-2", 401, "9 jenis PSKS"), ("k6-3", 402, "4 Lomba"),
    ("k6-4", 403, "4 Peringatan"), ("k6-5a", 404, "89 orang"), ("k6-5b", 404, "1 lokasi"),
] + [(iid, ln, "1 tahun") for iid, ln, _ in ADM_KEG]
for iid, ln, ttxt in PK_ONLY:
    assert ttxt in line(ln), (iid, ln)
    perf(iid, "annual", target=num(ttxt.split()[0]), target_text=ttxt, table_ref=PK, ln=ln)

# PK targets of indicators that are also in Tabel 1/2: verify they agree (duplicates are not written)
PK_DUP = [  # indicator, PK line, number as printed in the PK target cell
    ("k1-1", 372, "130"), ("k1-2", 373, "40"), ("k1-3", 374, "8"), ("k1-4", 375, "20"), ("k1-4b", 377, "100"),
    ("k2-1", 379, "67"), ("k2-1b", 379, "100"), ("k2-2", 380, "215"), ("k2-3", 381, "160"),
    ("k2-4", 382, "90"), ("k2-4b", 382, "100"), ("k2-5", 383, "7"), ("k2-5b", 383, "12"), ("k2-5c", 383, "10"),
    ("k2-6", 384, "20"), ("k2-7", 387, "78"), ("k3-1", 388, "100"), ("k3-1b", 388, "100"),
    ("k3-2", 389, "950"), ("k3-3", 390, "2.347"), ("k3-4", 391, "6.562"), ("k4-1", 392, "58"),
    ("k4-1b", 392, "270"), ("k-akip", 393, "15"), ("k-keu", 394, "12"),
]
PK_DIFFS = []
for iid, ln, v in PK_DUP:
    assert v in cells(ln)[3], (iid, ln, v)
    if num(v) != performance[(iid, "annual")]["target"]:
        PK_DIFFS.append((iid, ln, v, performance[(iid, "annual")]["target"]))
assert not PK_DIFFS, PK_DIFFS

# ---------------------------------------------------------------------------
# budget
# ---------------------------------------------------------------------------
budget = []


def bud(table, line_type, program, kegiatan, pagu="", realisasi="", pct="", sisa="", iid="", ln=None,
        headline=False):
    no = sum(1 for b in budget if b["budget_table"] == table) + 1
    budget.append(dict(agency_id=AG, year=YEAR, budget_table=table, line_no=no, line_type=line_type,
                       program=program, kegiatan=kegiatan, funding_source="apbd", pagu=pagu, realisasi=realisasi,
                       reported_pct=pct, reported_sisa=sisa, indicator_id=iid,
                       headline="true" if headline else "", source=SRC, source_line=ln))


# PK 2019: (line, column index of the budget cell, column index of kegiatan, indicator, kegiatan override)
PK_PROG = {372: "Program Pemberdayaan bagi Penyandang Masalah Kesejahteraan Sosial (PMKSO)",
           379: "Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial",
           388: "Program Perlindungan Penyandang Masalah Kesejahteraan Sosial (PMKS)",
           392: "Program Peningkatan Potensi dan Sumber Kesejahteraan Sosial (PSKS)",
           393: "Program peningkatan Perencanaan, pelaporan Capaian Kinerja dan Keuangan",
           395: "Program Peningkatan sarana dan Prasarana Aparatur",
           400: "Program Peningkatan Kinerja Pelayanan Perangkat Daerah",
           405: "Program Pelayanan Administrasi perkantoran"}
PK_BUDGET = [
    (372, "k1-1", "Bantuan Usaha bagi Masyarakat Miskin"),  # printed "1.Bantuan Usaha ..."
    (373, "k1-2", None), (374, "k1-3", None), (375, "k1-4", None), (378, "k1-5", None),
    (379, "k2-1", None), (380, "k2-2", None), (381, "k2-3", None), (382, "k2-4", None), (383, "k2-5", None),
    (384, "k2-6", "Rehabilitasi sosial bagi Perempuan Rawan Sosial Ekonomi"),  # name wraps to line 386
    (387, "k2-7", None), (388, "k3-1", None), (389, "k3-2", None), (390, "k3-3", None),
    (391, "k3-4", "Penyaluran pangan bagi masyarakat miskin"),  # printed 'Perlindungan sosial bagi lanjut usia terlantar'
    (392, "k4-1", None), (393, "k-akip", None), (394, "k-keu", None), (395, "k5-1", None), (396, "k5-2", None),
    (398, "k5-3", None), (399, "k5-4", None), (400, "k6-1", None), (401, "k6-2", None), (402, "k6-3", None),
    (403, "k6-4", None), (404, "k6-5a", None), (405, "k7-1", None), (406, "k7-2", None), (407, "k7-3", None),
    (408, "k7-4", None), (410, "k7-5", None), (411, "k7-6", None),
]
prog = ""
for ln, iid, keg_override in PK_BUDGET:
    c = cells(ln)
    prog = PK_PROG.get(ln, prog)
    if ln in (406, 407, 408):  # shifted row: ['', 'sda', '1 tahun', kegiatan, '', anggaran, '']
        keg, amount = c[3], c[5]
    else:
        keg, amount = c[5], c[6]
    bud("PK-2019", "kegiatan", prog, keg_override or keg, pagu=num(amount), iid=iid, ln=ln)

# Realisasi Anggaran Tahun 2019 (BAB III B)
RA = "Realisasi-2019"
prog = ""
for ln in range(788, 832):
    c = cells(ln)
    if len(c) < 2 or c[0] == "No" or line(ln).strip() == "":
        continue
    if c[0]:  # program line: number in column 0, name in column 1, no figures
        prog = c[1]
        assert all(x == "" for x in c[2:]), ln
        bud(RA, "program", prog, "", ln=ln)
        continue
    keg = c[1]
    if keg.startswith("-"):
        keg = keg[1:]
    if keg.startswith("(PSKS) "):  # tail of the line-807 name carried over the page break
        keg = keg[len("(PSKS) "):]
    bud(RA, "kegiatan", prog, keg, pagu=num(c[2]), realisasi=num(c[3]), pct=num(c[4]), sisa=num(c[5]), ln=ln)

# APBD totals stated in the text (Ikhtisar Eksekutif; repeated in BAB IV lines 875 and 877)
TXT = "teks-apbd"
bud(TXT, "total", "APBD Dinas Sosial 2019, termasuk belanja tidak langsung (gaji dan tunjangan pegawai)", "",
    pagu=num("20.100.440.800"), realisasi=num("18.017.771.444"), pct=num("89,64"), sisa=num("2.082.669.356"),
    ln=63, headline=True)  # the agency's whole 2019 budget: the one line flagged headline
bud(TXT, "total", "APBD Dinas Sosial 2019, belanja langsung saja (di luar gaji dan tunjangan pegawai)", "",
    pagu=num("15.959.915.800"), realisasi=num("15.184.698.608"), pct=num("95,14"), sisa=num("775.217.192"),
    ln=65)

# ---------------------------------------------------------------------------
# pmks
# ---------------------------------------------------------------------------
pmks = []


def pm(measure, numerator="", denominator="", pct="", nl="", dl="", iid="", ln=None):
    pmks.append(dict(agency_id=AG, year=YEAR, measure=measure, numerator=numerator, denominator=denominator,
                     reported_pct=pct, numerator_label=nl, denominator_label=dl, indicator_id=iid, source=SRC,
                     source_line=ln))


pm("pmks_mandiri", num("10.249"), num("16.982"), num("60,85"), "Jumlah PMKS yang mandiri",
   "Jumlah PMKS yang terdata", "iku-pmks", 531)
pm("pmks_populasi", "", num("16.982"), "", "", "Jumlah PMKS yang terdata (penyebut IKU PMKS mandiri)",
   "iku-pmks", 531)
pm("pemberdayaan", num("705"), num("11.638"), num("6,06"), "Jumlah PMKS yang menerima program pemberdayaan",
   "Jumlah PMKS yang terdata", "p1", 541)
# the formulas of the other program indicators were images, lost in the conversion: only the % survives
pm("pelayanan", "", "", num("7,2"), "(rumus berupa gambar, hilang dalam konversi)", "", "p2a", 579)
pm("rehabilitasi", "", "", num("3,26"), "(rumus berupa gambar, hilang dalam konversi)", "", "p2b", 579)
pm("perlindungan", "", "", num("67,91"), "(rumus berupa gambar, hilang dalam konversi)", "", "p3", 650)
pm("psks_aktif", "", "", num("56,07"), "(rumus berupa gambar, hilang dalam konversi)", "", "p4", 717)

# ---------------------------------------------------------------------------
# facts
# ---------------------------------------------------------------------------
facts = []


def fact(topic, label, value="", unit="", value_text="", ln=None, year=YEAR):
    facts.append(dict(agency_id=AG, year=year, topic=topic, label=label, value=value, unit=unit,
                      value_text=value_text, source=SRC, source_line=ln))


# poverty rate (2013) stated among the problems
fact("kemiskinan", "Angka kemiskinan Kabupaten Hulu Sungai Selatan (BPS Kalsel)", "6.67", "%", ln=71, year=2013)
fact("kemiskinan", "Angka kemiskinan Provinsi Kalimantan Selatan", "4.76", "%", ln=71, year=2013)
# IKU definitions: component weights
fact("rb_bobot", "Indeks Reformasi Birokrasi: komponen pengungkit", "60", "%", ln=356)
fact("rb_bobot", "Indeks Reformasi Birokrasi: komponen hasil", "40", "%", ln=356)
for lab, v in [("perencanaan kinerja", "30"), ("pengukuran kinerja", "25"), ("pelaporan kinerja", "15"),
               ("evaluasi kinerja", "10"), ("capaian kinerja", "20")]:
    fact("akip_bobot", f"Nilai AKIP: bobot komponen {lab}", v, "%", ln=359)
# organisation
fact("organisasi", "Sekretaris yang membantu Kepala Dinas", "1", "orang", ln=138)
fact("organisasi", "Kepala Bidang yang membantu Kepala Dinas", "3", "orang", ln=138)
# program/kegiatan counts
fact("program_kegiatan", "Program utama kesekretariatan", "1", "program", ln=440)
fact("program_kegiatan", "Kegiatan utama kesekretariatan", "2", "kegiatan", ln=440)
fact("program_kegiatan", "Program pendukung (kegiatan rutin)", "3", "program", ln=440)
fact("program_kegiatan", "Kegiatan pendukung", "17", "kegiatan", ln=440)
fact("program_kegiatan", "Program urusan sosial", "4", "program", ln=529)
fact("program_kegiatan", "Kegiatan urusan sosial", "17", "kegiatan", ln=529)
# AKIP / keuangan documents (Tabel 1 commentary)
fact("dokumen_2019", "Target pemenuhan dokumen AKIP dan keuangan s.d. Triwulan II (persen, teks)", "78.25", "%",
     ln=446)
fact("dokumen_2019", "Target dokumen AKIP dan keuangan s.d. Triwulan II", "21", "dokumen", ln=446)
fact("dokumen_2019", "Total dokumen AKIP dan keuangan yang ditargetkan 2019", "27", "dokumen", ln=446)
fact("dokumen_2019", "Target dokumen AKIP 2019", "15", "dokumen", ln=446)
fact("dokumen_2019", "Target dokumen keuangan 2019", "12", "dokumen", ln=446)
fact("dokumen_2019", "Dokumen AKIP disusun Triwulan I", "10", "dokumen", ln=448)
fact("dokumen_2019", "Dokumen AKIP disusun Triwulan II", "1", "dokumen", ln=448)
fact("dokumen_2019", "Jumlah dokumen AKIP dalam daftar s.d. Triwulan II", "11", "dokumen", ln=461)
fact("dokumen_2019", "Dokumen keuangan disusun Triwulan I", "8", "dokumen", ln=463)
fact("dokumen_2019", "Dokumen keuangan disusun Triwulan II", "2", "dokumen", ln=463)
fact("dokumen_2019", "Jumlah dokumen keuangan dalam daftar s.d. Triwulan II", "10", "dokumen", ln=476)
# Program Pemberdayaan: activity not covered by an indicator with a stated target
fact("pemberdayaan_2019", "Keluarga miskin penerima bantuan rehabilitasi rumah tidak layak huni (APBD Kab. HSS)",
     "410", "KK", ln=551)
# Program Pelayanan dan Rehabilitasi: activities (lines 589-611)
for lab, v, unit, ln in [
    ("Anak terlantar dikirim ke PSBR Banjarbaru", "40", "orang", 589),
    ("Fasilitasi Panti Sosial Asuhan Anak (PSAA)", "15", "orang", 593),
    ("Bantuan pakaian dan perlengkapan alat sekolah (anak)", "10", "orang", 594),
    ("Fasilitasi Panti Sosial Tresna Werdha (PSTW)", "5", "orang", 595),
    ("Bantuan sembako penyandang disabilitas", "160", "orang", 596),
    ("Paket sembako lansia", "200", "orang", 597),
    ("Pakaian untuk lansia", "10", "orang", 598),
    ("Gelandangan dan pengemis yang ditertibkan", "79", "orang", 599),
    ("Pemulangan masyarakat terlantar", "9", "orang", 599),
    ("Pengiriman ke panti rehabilitasi penyandang disabilitas", "7", "orang", 600),
    ("Pengiriman ke Panti Sosial Bina Wanita (PSBW)", "20", "orang", 601),
    ("Pemulangan Bekas Warga Binaan Lembaga Pemasyarakatan (BWBLP)", "20", "orang", 605),
    ("Pemulangan BWBLP dalam daerah", "11", "orang", 605),
    ("Pemulangan BWBLP luar daerah", "9", "orang", 605),
    ("Bahan perawatan diri untuk ODGK", "15", "orang", 606),
    ("Alat bantu bagi penyandang disabilitas", "12", "orang", 607),
    ("Alat bantu: kursi roda", "6", "buah", 607),
    ("Alat bantu: krak (tongkat ketiak)", "2", "buah", 607),
    ("Alat bantu: kaki palsu", "4", "buah", 607),
    ("Praktek belajar kerja penyandang disabilitas", "10", "orang", 608),
    ("Bimbingan sosial korban penyalahgunaan napza", "25", "orang", 609),
    ("Penyandang disabilitas mental/eks psikotik ke Balai Rehabilitasi", "5", "orang", 610),
    ("Penyandang psikotik ke RSJ Sambang Lihum", "2", "orang", 611),
]:
    fact("pelayanan_rehabilitasi_2019", lab, v, unit, ln=ln)
# Program Perlindungan (lines 658-664)
for lab, v, unit, ln in [
    ("Korban bencana difasilitasi tanggap darurat (KK)", "83", "KK", 658),
    ("Korban bencana difasilitasi tanggap darurat (jiwa)", "263", "jiwa", 658),
    ("Korban kebakaran (KK)", "78", "KK", 658),
    ("Korban kebakaran (jiwa)", "240", "jiwa", 658),
    ("Korban pohon tumbang (KK)", "8", "KK", 658),
    ("Korban pohon tumbang (jiwa)", "18", "jiwa", 658),
    ("Korban puting beliung (KK)", "1", "KK", 658),
    ("Korban puting beliung (jiwa)", "5", "jiwa", 658),
    ("Penerima bansos BERUPAYA (anak yatim)", "276", "orang", 661),
    ("Bansos BERUPAYA per anak per tahun", "1200000", "Rp", 661),
    ("Penerima PKSA (anak dari keluarga miskin)", "109", "orang", 661),
    ("Bansos PKSA per anak per tahun", "1200000", "Rp", 661),
    ("Penerima Jaminan Hidup Lansia (Jadup Lansia)", "1997", "orang", 663),
    ("Rastra Daerah: keluarga penerima manfaat", "6257", "KPM", 664),
]:
    fact("perlindungan_2019", lab, v, unit, ln=ln)
fact("perlindungan_2019", "Jaminan Hidup Lansia per orang per tahun", "", "Rp", "Rp.2.700.00", ln=663)
# Program PSKS (lines 725-728)
for lab, v, unit, ln in [
    ("Lembaga Kesejahteraan Sosial Anak (LKSA) dibina", "16", "buah", 725),
    ("Lembaga Konsultasi Kesejahteraan Keluarga (LK3) dibina", "1", "buah", 725),
    ("Wahana Kesejahteraan Sosial Berbasis Masyarakat dibina", "10", "buah", 725),
    ("Karang Taruna dibina", "31", "buah", 725),
    ("Sarjana Pendamping Desa Sejahtera (sosialisasi tupoksi)", "148", "orang", 726),
    ("Tenaga Kesejahteraan Sosial Kecamatan (sosialisasi tupoksi)", "11", "orang", 726),
    ("Pekerja Sosial Masyarakat (sosialisasi tupoksi)", "25", "orang", 726),
    ("Pendamping Program Keluarga Harapan (PKH) difasilitasi", "43", "orang", 727),
    ("Taruna Siaga Bencana (TAGANA) dibina", "43", "orang", 728),
]:
    fact("psks_2019", lab, v, unit, ln=ln)
# Prestasi / penghargaan 2019 (non-numeric)
for ln in (842, 843, 844, 845):
    c = cells(ln)
    fact("prestasi_2019", f"{c[1]} ({c[2]})", "", "", f"{c[3]}: {c[4]}", ln=ln)

# ---------------------------------------------------------------------------
# write
# ---------------------------------------------------------------------------
OUT = {
    "agencies": agencies,
    "indicators": indicators,
    "performance": list(performance.values()),
    "budget": budget,
    "pmks": pmks,
    "facts": facts,
}


def write(name: str, rows: list[dict]) -> None:
    cols = TABLES[name].column_names
    with open(HERE / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            assert set(r) == set(cols), (name, set(r) ^ set(cols))
            w.writerow(["" if r[c] is None else r[c] for c in cols])


if __name__ == "__main__":
    for name, rows in OUT.items():
        write(name, rows)
        print(f"{name}.csv: {len(rows)} rows")
