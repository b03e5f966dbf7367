"""Build the CSV transcription of the LKjIP 2020 of Dinas Sosial Provinsi Kalimantan Timur.

Source: /work/shared/seeds/003_2e9c1c20b1e46ce7.txt (plain text from PDF, tab-separated tables).

Every figure is read from the cell of the source line named in ``source_line`` (the script
splits the line on tabs and parses the cell), so the provenance is mechanical.  Cells that are
garbled are parsed with the explicit rules below; the two cells whose intended value cannot be
read off the print alone are given by an explicit override, justified in NOTES.md (they are fixed
by the exact sum of Tabel 14).

Parsing rules (stated here and in NOTES.md):
  * money (Rp) cells: Indonesian grouping.  All '.' and ',' are grouping marks, the digits are the
    amount: '1.164.318.000' -> 1164318000, '158.108,200' -> 158108200, '205..778.000' -> 205778000,
    '3.497503.285' -> 3497503285, '185125.800' -> 185125800, '701212272' -> 701212272.
  * percentages / indicator values: a ',' is the decimal mark ('99,97' -> 99.97); when there is
    no ',' a single '.' is the decimal mark (Kaltim style, '1.47' -> 1.47, '98.50' -> 98.5).
  * counts with one '.' followed by exactly three digits in count/area columns (Tabel 2 '3.426 m2')
    are Indonesian thousands: 3426.
Run: /work/main/.venv/bin/python build.py   (writes the CSVs next to this file)
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = Path("/work/shared/seeds/003_2e9c1c20b1e46ce7.txt")
SRC = SEED.name
AG = "dinsos-prov-kalimantan-timur"
IKU = "iku-pmks"
LINES = SEED.read_text(encoding="utf-8").split("\n")


def line(n: int) -> str:
    return LINES[n - 1]


def cells(n: int) -> list[str]:
    """Tab cells of source line n, HTML bold tags removed, stripped."""
    return [re.sub(r"</?b>", "", c).strip() for c in line(n).split("\t")]


def cell(n: int, i: int) -> str:
    """Cell i (1-based, as in the NOTES) of source line n."""
    return cells(n)[i - 1]


def fmt(d: Decimal | None) -> str:
    if d is None:
        return ""
    s = format(d.normalize(), "f")
    return s


def money(s: str) -> Decimal | None:
    s = s.replace("Rp.", "").replace("Rp", "").strip()
    if not s or s == "-":
        return None
    digits = re.sub(r"[.,]", "", s)
    assert digits.isdigit(), s
    return Decimal(digits)


def dec(s: str) -> Decimal | None:
    s = s.replace("%", "").strip()
    if not s or s == "-":
        return None
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    assert re.fullmatch(r"\d+(\.\d+)?", s), s
    return Decimal(s)


def count(s: str) -> Decimal | None:
    s = s.strip()
    if not s or s == "-":
        return None
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
        return Decimal(s.replace(".", ""))
    assert s.isdigit(), s
    return Decimal(s)


def must_contain(n: int, *texts: str) -> None:
    for t in texts:
        assert t in line(n), (n, t, line(n))


rows: dict[str, list[dict]] = {t: [] for t in TABLES}


def add(table: str, **kw) -> None:
    cols = TABLES[table].column_names
    unknown = set(kw) - set(cols)
    assert not unknown, (table, unknown)
    row = {}
    for c in cols:
        v = kw.get(c, "")
        if isinstance(v, Decimal):
            v = fmt(v)
        elif isinstance(v, bool):
            v = "true" if v else "false"
        elif v is None:
            v = ""
        row[c] = str(v)
    row["agency_id"] = AG if "agency_id" in cols else row.get("agency_id")
    row["source"] = SRC
    rows[table].append(row)


# ---------------------------------------------------------------- agencies
must_contain(16, "Dinas Sosial Provinsi Kalimantan Timur")
add("agencies", name="Dinas Sosial Provinsi Kalimantan Timur", level="provinsi",
    province="Kalimantan Timur", sector="sosial", source_line=16)

# ---------------------------------------------------------------- indicators
must_contain(503, "Menurunnya jumlah Penyandang Masalah Kesejahteraan Sosial (PMKS) 1.5% pertahun",
             "Jumlah PMKS yang ditangani", "Jumlah Populasi PMKS")
add("indicators", indicator_id=IKU,
    sasaran="Meningkatkan Kualitas Hidup Penyandang Masalah Kesejahteraan Sosial (PMKS).",
    name="Menurunnya jumlah Penyandang Masalah Kesejahteraan Sosial (PMKS) 1.5% pertahun",
    unit="%", polarity="higher", quarter_aggregation="cumulative", tier="sasaran", iku=True,
    formula="Jumlah PMKS yang ditangani / Jumlah Populasi PMKS x 100%",
    source_line=503)

# ---------------------------------------------------------------- performance
T8 = "Tabel 8 (BAB III B; judul tercetak 'Tahun 2019', isi tahun 2020)"
for n, per in ((550, "TW1"), (551, "TW2"), (552, "TW3"), (553, "TW4")):
    c = cells(n)
    add("performance", indicator_id=IKU, year=2020, period=per, target=dec(c[6]),
        realisasi=dec(c[7]), reported_capaian=dec(c[8]), table_ref=T8, source_line=n)

c = cells(565)
add("performance", indicator_id=IKU, year=2020, period="annual", target=dec(c[3]),
    realisasi=dec(c[4]), reported_capaian=dec(c[5]),
    table_ref="Tabel 9 (BAB III C.1)", source_line=565)

c = cells(574)
for year, i in ((2016, 3), (2017, 4), (2018, 5), (2019, 6)):
    add("performance", indicator_id=IKU, year=year, period="annual", realisasi=dec(c[i]),
        table_ref="Tabel 10 (BAB III C.2, realisasi tahun sebelumnya)", source_line=574)

# ---------------------------------------------------------------- benchmarks
c = cells(440)
for year, i in ((2018, 6), (2019, 7), (2020, 8), (2021, 9), (2022, 10)):
    add("benchmarks", indicator_id=IKU, year=year, kind="renstra", region="", value=dec(c[i]),
        source_line=440)
c = cells(586)
add("benchmarks", indicator_id=IKU, year=2023, kind="rpjmd_end", region="", value=dec(c[3]),
    value_text="Target Akhir RPJMD/RENSTRA 7.5", source_line=586)

# ---------------------------------------------------------------- akip_scores (Tabel 7)
for n, comp in ((530, "perencanaan"), (531, "pengukuran"), (532, "pelaporan"),
                (533, "evaluasi_internal"), (534, "capaian")):
    c = cells(n)
    for year, i in ((2018, 3), (2019, 4)):
        add("akip_scores", year=year, component=comp, weight=dec(c[2]), score=dec(c[i]), source_line=n)
c, p = cells(535), cells(536)
for year, i in ((2018, 3), (2019, 4)):
    add("akip_scores", year=year, component="total", score=dec(c[i]), reported_predikat=p[i],
        source_line=535)

# ---------------------------------------------------------------- efficiency (Tabel 12)
c = cells(647)
add("efficiency", year=2020, indicator_id=IKU, reported_capaian=dec(c[3]),
    reported_serapan=dec(c[4]), reported_efisiensi=dec(c[5]), source_line=647)

# ---------------------------------------------------------------- pmks
must_contain(603, "251.234", "1,47%")
add("pmks", year=2020, measure="pmks_ditangani", numerator=None, denominator=Decimal(251234),
    reported_pct=Decimal("1.47"),
    numerator_label="Jumlah PMKS yang ditangani (tidak dinyatakan dalam laporan)",
    denominator_label="Jumlah populasi PMKS Provinsi Kalimantan Timur (jiwa)",
    indicator_id=IKU, source_line=603)
must_contain(41, "251.234 jiwa", "1,48%")
add("pmks", year=2020, measure="pmks_populasi", denominator=Decimal(251234),
    denominator_label="Populasi PMKS (jiwa), Ringkasan Eksekutif", indicator_id=IKU, source_line=41)

# ---------------------------------------------------------------- budget
APBD, DEK, TP, OTHER = "apbd", "apbn_dekonsentrasi", "apbn_tugas_pembantuan", "lainnya"

# Tabel 13: the sasaran line (Alokasi cell holds the list of locations -> pagu lost)
c = cells(662)
add("budget", year=2020, budget_table="Tabel 13", line_no=1, line_type="total",
    program="Sasaran: Meningkatkan Kualitas Hidup PMKS (seluruh APBD)", funding_source=APBD,
    pagu=None, realisasi=money(c[6]), reported_pct=dec(c[7]), indicator_id=IKU, source_line=662)

# Running-text totals
must_contain(672, "50.193.200.643", "56.652.801.485", "96.34%")
add("budget", year=2020, budget_table="teks-apbd", line_no=1, line_type="total",
    program="Total APBD Dinas Sosial 2020 (teks BAB III D.2.A)", funding_source=APBD,
    pagu=money("56.652.801.485"), realisasi=money("50.193.200.643"), reported_pct=dec("96.34"),
    source_line=672)
must_contain(746, "88,60%")
add("budget", year=2020, budget_table="teks-apbd-kesimpulan", line_no=1, line_type="total",
    program="Capaian anggaran APBD 2020 keseluruhan (teks setelah Tabel 14)", funding_source=APBD,
    reported_pct=dec("88,60"), source_line=746)
must_contain(752, "9.786.062.521", "9.956.715.115", "98,04%")
add("budget", year=2020, budget_table="teks-apbn", line_no=1, line_type="total",
    program="Total APBN (dekonsentrasi + tugas pembantuan) 2020 (teks BAB III D.2.B)",
    funding_source=OTHER, pagu=money("9.956.715.115"), realisasi=money("9.786.062.521"),
    reported_pct=dec("98,04"), source_line=752)
must_contain(772, "98,29%")
add("budget", year=2020, budget_table="teks-apbn-serapan", line_no=1, line_type="total",
    program="Serapan APBN (dekonsentrasi + tugas pembantuan) 2020 (teks setelah Tabel 15)",
    funding_source=OTHER, reported_pct=dec("98,29"), source_line=772)

# Tabel 14 (APBD): top level BTL / BL / Total
for ln, (n, lt, prog) in enumerate(((679, "program", "Belanja Tidak Langsung"),
                                    (680, "program", "Belanja Langsung"),
                                    (744, "total", "Total")), start=1):
    c = cells(n)
    add("budget", year=2020, budget_table="Tabel 14", line_no=ln, line_type=lt,
        program=prog if lt != "total" else "", funding_source=APBD, realisasi=money(c[3]),
        reported_pct=dec(c[4]), source_line=n)

# Tabel 14, Belanja Langsung detail.  Each printed figure belongs to one item; when a program
# lists kegiatan, the i-th figure (the first one printed on the program line) is the i-th kegiatan.
# (line, type, program, kegiatan, realisasi override)
P2 = "Program Peningkatan Sarana dan Prasarana Aparatur"
P3 = "Program Peningkatan Kapasitas Kelembagaan Pemerintah Daerah"
P4 = "Program Penyusunan Dokumen Perencanaan, Pengendalian dan Evaluasi Penyelenggaraan Pemerintahan"
P8 = "Program Pemberdayaan Kelembagaan Kesejahteraan Sosial"
P9 = "Program Penanggulangan Kemiskinan bidang Kesejahteraan Sosial"
P17 = "Program peningkatan sarana dan prasarana aparatur (PSPAD)"
P19 = "Program pembinaan panti asuhan/jompo (PSPAD)"
P21 = "Program peningkatan sarana dan prasarana aparatur (PSAAH)"
P22 = "Program pembinaan panti asuhan/jompo (PSAAH)"
P25 = "Program peningkatan sarana dan prasarana aparatur (PSBR)"
BL = [
    (681, "program", "Program Pelayanan Administrasi Perkantoran", "", None),
    (682, "kegiatan", P2, "Penyediaan Peralatan dan Kelengkapan Sarana dan Prasarana", None),
    (683, "kegiatan", P2, "Pemeliharaan Peralatan dan Kelengkapan Sarana dan Prasarana", None),
    (684, "kegiatan", P3, "Koordinasi dan Konsultasi Kelembagaan Pemerintah Daerah", None),
    (685, "kegiatan", P3, "Peningkatan Kapasitas Sumber Daya Aparatur", None),
    (686, "kegiatan", P4, "Penyusunan Dokumen Perencanaan dan Anggaran", None),
    (693, "kegiatan", P4, "Penyusunan Laporan Pengendalian dan Evaluasi Pelaksanaan Kegiatan", None),
    (694, "program", "Program pembinaan anak terlantar", "", None),
    (695, "program", "Program pembinaan eks narapidana,PSK, narkoba dan penyakit lainnya", "", None),
    (696, "program", "Program pembinaan para penyandang cacat dan trauma", "", None),
    (697, "kegiatan", P8, "Peningkatan Peran Aktif Masyarakat dan Dunia Usaha", None),
    (698, "kegiatan", P8, "Peningkatan Kualitas SDM Kesejahteraan Sosial Masyarakat", None),
    (699, "kegiatan", P9, "Pelatihan Keterampilan Berusaha Bagi Keluarga Miskin dan PMKS Lainnya", None),
    (700, "kegiatan", P9, "Pelaksanaan Program Keluarga Harapan", None),
    (701, "kegiatan", P9, "Peningkatan Kualitas Pelayanan Sarana dan Prasarana Rahabilitasi Kesejahteraan Sosial Bagi PMKS", None),
    (702, "program", "Program Penanganan dan Penanggulangan Korban Bencana", "", None),
    (703, "program", "Program Pemberdayaan Fakir Miskin, Komunitas Adat Terpencil (KAT) dan Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya", "", None),
    (709, "program", "Program administrasi perkantoran (PSTWNP)", "", None),
    (710, "program", "Program peningkatan sarana dan prasarana aparatur (PSTWNP)", "", None),
    (711, "program", "Program peningkatan kapasitas kelembagaan pemerintah Daerah (PSTWNP)", "", None),
    (712, "program", "Program pembinaan Panti Asuhan / Jompo (PSTWNP)", "", None),
    (713, "program", "Program pelayanan administrasi perkantoran (PSPAD)", "", None),
    # '1.030.971.00' : 1 030 971 000 (fixed by the exact sum of Tabel 14, see NOTES.md)
    (714, "kegiatan", P17, "penyediaan peralatan dan kelengkapan", Decimal(1030971000)),
    (715, "kegiatan", P17, "pemeliharaan peralatan dan perlengkapan (PSPAD)", None),
    (716, "program", "Program peningkatan kapasitas kelembagaan pemerintah daerah (PSPAD)", "", None),
    (717, "kegiatan", P19, "Operasi dan pemeliharaan sarana dan prasarana panti", None),
    # '47.750.00' : 47 750 000 (fixed by the exact sum of Tabel 14, see NOTES.md)
    (718, "kegiatan", P19, "pendidikan dan pelatihan", Decimal(47750000)),
    (719, "program", "Program pelayanan administrasi perkantoran (PSAAH)", "", None),
    (725, "kegiatan", P21, "penyediaan peralatan dan kelengkapan sarana dan prasarana", None),
    (726, "kegiatan", P21, "pemeliharaan peralatan dan kelengkapan", None),
    (727, "kegiatan", P22, "operasi dan pemeliharaan sarana dan prasarana", None),
    (728, "kegiatan", P22, "pendidikan dan peralatan", None),
    (729, "program", "Program peningkatan kapasitas kelembagaan pemerintah daerah (PSAAH)", "", None),
    (730, "program", "Program pelayanan administrasi perkantoran (PSBR)", "", None),
    (731, "kegiatan", P25, "penyediaan peralatan dan kelengkapan sarana dan prasarana", None),
    (732, "kegiatan", P25, "pemeliharaan peralatan dan kelengkapan sarana dan prasarana", None),
    (733, "program", "Program peningkatan kapasitas kelembagaan pemerintah daerah (PSBR)", "", None),
    (734, "program", "Program pembinaan anak terlantar (PSBR)", "", None),
    (740, "program", "Program pelayanan administrasi perkantoran (PSKWHP)", "", None),
    (741, "program", "Program peningkatan sarana dan prasarana aparatur (PSKWHP)", "", None),
    (742, "program", "Program peningkatan ,kapasitas kelembagaan pemerintah daerah (PSKWHP)", "", None),
    (743, "program", "Program pelayanan dan rehabilitasi kesejahteraan social (PSKWHP)", "", None),
]
total_bl = Decimal(0)
for ln, (n, lt, prog, keg, override) in enumerate(BL, start=1):
    c = cells(n)
    real = override if override is not None else money(c[3])
    total_bl += real
    add("budget", year=2020, budget_table="Tabel 14-BL", line_no=ln, line_type=lt, program=prog,
        kegiatan=keg, funding_source=APBD, realisasi=real, reported_pct=dec(c[4]), source_line=n)
c = cells(680)
add("budget", year=2020, budget_table="Tabel 14-BL", line_no=len(BL) + 1, line_type="total",
    program="Belanja Langsung (jumlah program 1-31)", funding_source=APBD, realisasi=money(c[3]),
    reported_pct=dec(c[4]), source_line=680)
assert total_bl == money(c[3]), (total_bl, money(c[3]))  # the sum closes exactly

# Tabel 15 (APBN)
DEK_LINES = [
    (760, "Program dukungan manajemen dan pelaksanaan tugas teknis lainnya kementerian sosial"),
    (761, "Program pemberdayaan sosial"),
    (762, "Program rehabilitasi sosial"),
    (763, "Program Pendidikan Dan Pelatihan, Penelitian dan Pengembangan dan Penyuluhan Sosial"),
    (764, "Program perlindungan dan jaminan sosial"),
    (765, "Program penanganan fakir miskin"),
]
for ln, (n, prog) in enumerate(DEK_LINES, start=1):
    c = cells(n)
    add("budget", year=2020, budget_table="Tabel 15A", line_no=ln, line_type="program", program=prog,
        funding_source=DEK, realisasi=money(c[3]), reported_pct=dec(c[4]), source_line=n)
c = cells(766)
add("budget", year=2020, budget_table="Tabel 15A", line_no=len(DEK_LINES) + 1, line_type="total",
    program="A. Dana Dekonsentrasi (Jumlah)", funding_source=DEK, realisasi=money(c[3]),
    reported_pct=dec(c[4]), source_line=766)
c = cells(768)
add("budget", year=2020, budget_table="Tabel 15B", line_no=1, line_type="program",
    program="Program pemberdayaan sosial (Kab. Kubar)", funding_source=TP, realisasi=money(c[3]),
    reported_pct=dec(c[4]), source_line=768)
c = cells(769)
add("budget", year=2020, budget_table="Tabel 15B", line_no=2, line_type="total",
    program="B. Tugas Pembantuan (Jumlah)", funding_source=TP, realisasi=money(c[3]),
    reported_pct=dec(c[4]), source_line=769)
c = cells(770)
add("budget", year=2020, budget_table="Tabel 15", line_no=1, line_type="total",
    program="Jumlah Keseluruhan (A + B)", funding_source=OTHER, realisasi=money(c[3]),
    reported_pct=dec(c[4]), source_line=770)

# ---------------------------------------------------------------- facts
def fact(year, topic, label, value=None, unit="", value_text="", n=None):
    add("facts", year=year, topic=topic, label=label, value=value, unit=unit,
        value_text=value_text, source_line=n)


# Tabel 10 printed "% Peningkatan/Penurunan"
fact(2020, "pengukuran_kinerja", "Tabel 10: % Peningkatan/Penurunan tercetak (rumus (7-6)/5*100%)",
     dec(cell(574, 8)), "%", n=574)
# Tabel 11 tingkat kemajuan
fact(2020, "pengukuran_kinerja", "Tabel 11: Tingkat kemajuan realisasi 2020 terhadap target akhir RPJMD/Renstra",
     dec(cell(586, 6)), "%", n=586)
# Tabel 3 baseline
fact(2013, "renstra_baseline", "Tabel 3: Capaian s.d. Th. 2013 (indikator PMKS dan PSKS)",
     dec(cell(440, 6)), "%", n=440)
# Ringkasan eksekutif
fact(2020, "ringkasan_eksekutif", "Penurunan PMKS melalui program dan kegiatan (Ringkasan Eksekutif)",
     dec("1,48"), "%", n=41)
fact(2020, "ringkasan_eksekutif", "Tingkat kemiskinan Provinsi Kalimantan Timur (kurang lebih)",
     None, "%", "kurang lebih 5 - 6%", n=41)

# Activity figures 2020 (BAB III C.5)
K = "kegiatan_2020"
must_contain(598, "20 KUBE (200 KK)", "10 Kepala Keluarga per 1 KUBE", "100%")
fact(2020, K, "KUBE: Kepala Keluarga per KUBE", Decimal(10), "KK", n=598)
fact(2020, K, "KUBE direncanakan", Decimal(20), "KUBE", "20 KUBE (200 KK)", n=598)
fact(2020, K, "KUBE direncanakan (KK)", Decimal(200), "KK", n=598)
fact(2020, K, "KUBE terealisasi", Decimal(20), "KUBE", "20 KUBE (200 KK)", n=598)
fact(2020, K, "KUBE terealisasi (KK)", Decimal(200), "KK", n=598)
fact(2020, K, "KUBE tingkat capaian", Decimal(100), "%", n=598)
must_contain(599, "270 Orang", "270 orang", "100%")
fact(2020, K, "UEP lanjut usia direncanakan", Decimal(270), "orang", n=599)
fact(2020, K, "UEP lanjut usia terealisasi", Decimal(270), "orang", n=599)
fact(2020, K, "UEP lanjut usia tingkat capaian", Decimal(100), "%", n=599)
must_contain(600, "55 KK atau 240 Jiwa", "55 KK dan 1 MCK", "100%")
fact(2020, K, "KAT Kab. Kutai Barat: penerima (jiwa)", Decimal(240), "jiwa", "55 KK atau 240 Jiwa", n=600)
fact(2020, K, "KAT rumah layak huni direncanakan", Decimal(55), "KK", n=600)
fact(2020, K, "KAT MCK direncanakan", Decimal(1), "MCK", n=600)
fact(2020, K, "KAT rumah layak huni terealisasi", Decimal(55), "KK", n=600)
fact(2020, K, "KAT MCK terealisasi", Decimal(1), "MCK", n=600)
fact(2020, K, "KAT tingkat capaian", Decimal(100), "%", n=600)
must_contain(601, "50 KPM", "100%")
fact(2020, K, "PKH direncanakan", Decimal(50), "KPM", n=601)
fact(2020, K, "PKH terealisasi", Decimal(50), "KPM", n=601)
fact(2020, K, "PKH tingkat capaian", Decimal(100), "%", n=601)

# UPTD
must_contain(217, "sebanyak 5 unit")
fact(2020, "uptd", "Jumlah UPTD", Decimal(5), "unit", n=217)
for n, name, txt in ((225, "UPTD PSAAH Samarinda", "80 (Delapan Puluh) anak"),
                     (239, "UPTD PSPAD Samarinda", "80 anak"),
                     (255, "UPTD PSBR Samarinda", "60 (enam puluh) orang"),
                     (269, "UPTD PSTW Nirwana Puri Samarinda", "110 (seratus sepuluh) orang"),
                     (287, "UPTD PSKW Harapan Mulia Samarinda", "60 (enam puluh) orang")):
    must_contain(n, txt)
    fact(2020, "uptd_daya_tampung", f"{name}: daya tampung (BAB I)", Decimal(txt.split()[0]),
         txt.split()[-1], txt, n=n)
must_contain(592, "daya tampung 80 klien")
fact(2020, "uptd_daya_tampung", "UPTD PSKW Harapan Mulia: daya tampung (BAB III C.4)", Decimal(80),
     "klien", "80 klien", n=592)

# SDM (Tabel 1) and text
must_contain(297, "sebanyak 187 orang")
fact(2020, "sdm_aparatur", "Jumlah PNS s.d. 30 Desember 2020 (teks)", Decimal(187), "orang", n=297)
T1_COLS = ["Laki-Laki", "Perempuan", "Golongan IV", "Golongan III", "Golongan II", "Golongan I",
           "Pasca Sarjana", "Sarjana", "Diploma", "SLTA", "SLTP", "SD"]
assert cells(302)[1:13] == ["Laki-Laki", "Perempuan", "IV", "III", "II", "I", "Pasca Sarjana",
                             "Sarjana", "Dipl", "SLTA", "SLTP", "SD"], cells(302)
for n in range(303, 312):
    c = cells(n)
    for j, col in enumerate(T1_COLS):
        fact(2020, "sdm_aparatur", f"Tabel 1: {c[0]} | {col}", count(c[j + 1]), "orang", n=n)
c = cells(312)
fact(2020, "sdm_aparatur", "Tabel 1: Jumlah keseluruhan | Jenis Kelamin", count(c[1]), "orang", n=312)
fact(2020, "sdm_aparatur", "Tabel 1: Jumlah keseluruhan | Golongan", count(c[3]), "orang", n=312)
fact(2020, "sdm_aparatur", "Tabel 1: Jumlah keseluruhan | Pendidikan", count(c[7]), "orang", n=312)

# Sarana dan prasarana (Tabel 2, per 31 Desember 2019)
for n, label in ((350, "Tanah"), (351, "Gedung"), (352, "Gedung (luas)"), (353, "Listrik"),
                 (354, "Air"), (355, "Telepon"), (356, "Area Parkir"), (357, "Ruang Rapat"),
                 (362, "Ruang Arsip")):
    c = cells(n)
    unit = c[3]
    vt = f"{c[2]} {unit}" if "(" in unit else ""
    if "(" in unit:
        unit = unit.split("(")[0].strip()
    fact(2019, "sarana_prasarana", f"Tabel 2: {label}", count(c[2]), unit, vt, n=n)

# ---------------------------------------------------------------- write
for name, table in TABLES.items():
    data = rows[name]
    path = HERE / f"{name}.csv"
    if not data:
        if path.exists():
            path.unlink()
        continue
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(table.column_names), lineterminator="\n")
        w.writeheader()
        w.writerows(data)
    print(f"{name}.csv: {len(data)} rows")
