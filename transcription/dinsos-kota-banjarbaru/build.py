"""Build the CSV transcription of the LKjIP 2020 of Dinas Sosial Kota Banjarbaru.

Source: /work/shared/seeds/000_3343dd0cfd8df71b.txt (line numbers are 1-based, as `sed -n Np`).
Figures are written below exactly as printed in the report (Indonesian format) and converted by
`idn()`: '.' = thousands separator, ',' = decimal comma, trailing '%' dropped.

Run:  /work/main/.venv/bin/python build.py      (writes the CSVs next to this file)
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, "/work/main")
from lkjip_analysis.model.schema import TABLES  # noqa: E402

OUT = Path(__file__).resolve().parent
SRC = "000_3343dd0cfd8df71b.txt"
AG = "dinsos-kota-banjarbaru"
YEAR = 2020


def idn(s: str | None):
    """Indonesian printed number -> int/float. '1.164.318.000' -> 1164318000, '99,97%' -> 99.97."""
    if s is None or s == "":
        return None
    t = s.strip().rstrip("%").strip()
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+(,\d+)?", t):
        raise ValueError(f"not an Indonesian number: {s!r}")
    t = t.replace(".", "").replace(",", ".")
    v = float(t)
    return int(v) if v.is_integer() and "." not in t else v


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        r = repr(v)
        return r[:-2] if r.endswith(".0") else r
    return str(v)


def write(table: str, rows: list[dict]) -> None:
    cols = TABLES[table].column_names
    with open(OUT / f"{table}.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            extra = set(r) - set(cols)
            if extra:
                raise KeyError(f"{table}: unknown columns {extra}")
            w.writerow([fmt(r.get(c)) for c in cols])
    print(f"{table}.csv: {len(rows)} rows")


# ---------------------------------------------------------------- agencies
agencies = [dict(agency_id=AG, name="Dinas Sosial Kota Banjarbaru", level="kota",
                 province="Kalimantan Selatan", sector="sosial", source=SRC, source_line=5)]

# ---------------------------------------------------------------- indicators
S1 = "Meningkatnya Partisipasi Potensi Sumber Kesejahteraan Sosial (PSKS) dalam Penyelenggaraan Kesejahteraan Sosial"  # PK line 194
S2 = "Meningkatnya Kemandirian Masyarakat Miskin dalam Kesejahteraan Sosial"  # PK line 195 (BAB III line 420 omits 'Miskin')

IND = [
    # id, sasaran, name (as in the BAB III 'Tabel 1' measurement row), unit, formula (bold sentence), line of Tabel 1 row
    ("s1-i1", S1, "Cakupan PSKS yang berpartisipasi", "%",
     "Jumlah Jenis PSKS yang berpatisipasi dibagi Jumlah Jenis PSKS dikali 100%", 288),
    ("s2-i1", S2, "Persentase PMKS yang mampu melaksanakan peran sosialnya di masyarakat", "%",
     "Jumlah Jenis PMKS yang mampu melaksanakan fungsi sosialnya di masyarakat dibagi Jumlah Jenis PMKS dikali 100%", 436),
    ("s2-i2", S2, "Persentase masyarakat yang mendapatkan bantuan untuk mendukung pelaksanaan peran sosialnya sesuai ketentuan", "%",
     "Jumlah Masyarakat yang mendapatkan bantuan dibagi jumlah Sembako yang tersedia dikali 100%", 563),
    ("s2-i3", S2, "Persentase PMKS yang mendapat bantuan untuk mendukung pelaksanaan peran sosialnya sesuai ketentuan", "%",
     "Jumlah Jenis PMKS yang mendapat bantuan dibagi Jumlah Jenis PMKS dikali 100%", 707),
]
indicators = [dict(agency_id=AG, indicator_id=i, sasaran=s, name=n, unit=u, polarity="higher",
                   quarter_aggregation="last", tier="sasaran", iku=True, formula=f, program=None,
                   source=SRC, source_line=ln) for i, s, n, u, f, ln in IND]

# ---------------------------------------------------------------- performance
T1 = "Tabel 1 (Sasaran {s} Indikator {i}, BAB III)"
T2 = "Tabel 2 (Sasaran {s} Indikator {i}, BAB III, realisasi/capaian 2018-2020)"
perf_src = [
    # indicator, year, target, target_text, realisasi, capaian (all as printed), table_ref, line
    ("s1-i1", 2020, "75%", None, "75%", "100%", T1.format(s=1, i=1), 288),
    ("s1-i1", 2018, None, None, "66,7%", "66,7%", T2.format(s=1, i=1), 323),
    ("s1-i1", 2019, None, None, "75%", "75%", T2.format(s=1, i=1), 323),
    ("s2-i1", 2020, "59%", None, "61%", "103,2%", T1.format(s=2, i=1), 436),
    ("s2-i1", 2018, None, None, "59%", "59%", T2.format(s=2, i=1), 480),
    ("s2-i1", 2019, None, None, "68%", "68%", T2.format(s=2, i=1), 480),
    ("s2-i2", 2020, "100%", None, "99,97%", "99,97%", T1.format(s=2, i=2), 563),
    # 2018/2019 realisasi printed as '3.608 paket' (not in the indicator unit %): kept in facts.csv
    ("s2-i2", 2018, None, None, None, "100%", T2.format(s=2, i=2), 627),
    ("s2-i2", 2019, None, None, None, "99,9%", T2.format(s=2, i=2), 627),
    ("s2-i3", 2020, "95%", None, "78,3%", "82,4%", T1.format(s=2, i=3), 707),
    ("s2-i3", 2018, None, None, "91%", "91%", T2.format(s=2, i=3), 791),
    ("s2-i3", 2019, None, None, "95%", "95%", T2.format(s=2, i=3), 791),
]
performance = [dict(agency_id=AG, indicator_id=i, year=y, period="annual", target=idn(t), target_text=tt,
                    realisasi=idn(r), reported_capaian=idn(c), table_ref=ref, source=SRC, source_line=ln)
               for i, y, t, tt, r, c, ref, ln in perf_src]

# ---------------------------------------------------------------- budget
budget: list[dict] = []


# Tables whose TOTAL line counts toward the agency's 2020 budget (headline=true). B.1-s2i1 is left out because
# both of its lines reappear in B.1-s2i3 (lines 865, 867); the teks-* rows repeat the B.1 totals. See NOTES.md.
HEADLINE_TABLES = {"B.1-s1i1", "B.1-s2i2", "B.1-s2i3"}


def btable(name, year, ind, lines):
    for n, (lt, prog, keg, fund, pagu, real, pct, ln) in enumerate(lines, start=1):
        budget.append(dict(agency_id=AG, year=year, budget_table=name, line_no=n, line_type=lt, program=prog,
                           kegiatan=keg, funding_source=fund, pagu=idn(pagu), realisasi=idn(real),
                           reported_pct=idn(pct), reported_sisa=None,
                           indicator_id=ind if isinstance(ind, str) else ind[n - 1],
                           headline=True if (lt == "total" and name in HEADLINE_TABLES) else None,
                           source=SRC, source_line=ln))


# Section 2.4: Perjanjian Kinerja dengan koneksitas kegiatan dan pagu anggaran (lines 213-231); pagu only,
# no program names, no total line. Kegiatan -> indicator as grouped in the table.
pk24 = [
    ("s1-i1", "Peningkatan Kualitas SDM Kesejahteraan Sosial", "did", "627.410.000", 215),
    ("s1-i1", "Pembinaan Karang Taruna dan Pekerja Sosial Masyarakat", "apbd", "915.000", 216),
    ("s1-i1", "Pembinaan Taruna Siaga Bencana (TAGANA)", "apbd", "121.190.000", 217),
    ("s1-i1", "Pengumpulan, Pengolahan data, ekspose dan pelaporan", "apbd", "360.000.000", 218),
    ("s2-i1", "Pelatihan Keterampilan berusaha bagi keluarga miskin", "apbd", "85.257.500", 219),
    ("s2-i1", "Pengelolaan Rumah Singgah", "apbd", "228.398.700", 220),
    ("s2-i1", "Pemeliharaan Taman Makam Pahlawan", "apbd", "0", 221),
    ("s2-i1", "Penyelenggaraan Peringatan Hari Besar Nasional", "apbd", "4.032.000", 222),
    ("s2-i2", "Santunan Tali Asih kepada Masyarakat", "apbd", "464.500.000", 223),
    ("s2-i2", "Pembinaan Veteran dan Janda Veteran", "apbd", "52.806.000", 224),
    ("s2-i3", "Pendampingan Program Keluarga Harapan", "apbd", "178.840.000", 225),
    ("s2-i3", "Penyaluran Pangan bagi masyarakat miskin", "apbd", "10.710.000", 226),
    ("s2-i3", "Pembinaan dan Rehabilitasi para lanjut usia (LANSIA)", "apbd", "56.886.000", 227),
    ("s2-i3", "Pendidikan dan pelatihan bagi penyandang cacat dan eks trauma", "apbd", "30.965.000", 228),
    ("s2-i3", "Pembinaan dan Rehabilitasi para gelandangan, pengemis dan orang terlantar", "apbd", "0", 229),
    ("s2-i3", "Penjangkauan Penyalahgunaan Narkoba", "apbd", "0", 230),
    ("s2-i3", "Peningkatan Kesejahteraan Sosial Anak di LKSA", "apbd", "54.803.500", 231),
]
btable("PK-2.4", YEAR, [r[0] for r in pk24],
       [("kegiatan", None, k, f, p, None, None, ln) for _, k, f, p, ln in pk24])

P_KEL = "Program Pemberdayaan Kelembagaan Kesejahteraan Sosial"
P_LIN = "Program Perlindungan Sosial"
P_FM = "Program Pemberdayaan Fakir Miskin, Komunitas Adat Terpencil (KAT) dan Penyandang Masalah Kesejahteraan Sosial (PMKS) Lainnya"
P_EKS = "Program Pembinaan Eks Penyandang Penyakit Sosial (Eks Narapidana, PSK, Narkoba dan Penyakit Sosial lainnya)"
P_REH = "Program Pelayanan dan Rehabilitasi Kesejahteraan Sosial"
P_PAH = "Program Peningkatan Kesejahteraan Sosial dan Penanaman Nilai-nilai Kepahlawanan serta Kesetiakawanan"

# Tabel B.1, Sasaran 1 Indikator 1 (lines 386-396)
btable("B.1-s1i1", YEAR, "s1-i1", [
    ("program", P_KEL, None, "apbd", None, None, "7,80", 388),
    ("kegiatan", P_KEL, "Peningkatan Kualitas SDM Kesejahteraan Sosial", "did", "627.410.000", "0", "0", 389),
    ("kegiatan", P_KEL, "Pembinaan Karang Taruna dan Pekerja Sosial Masyarakat", "apbd", "915.000", "915.000", "100", 390),
    # name on line 391, figures on line 393
    ("kegiatan", P_KEL, "Peningkatan Kesejahteraan Sosial Anak di LKSA", "apbd", "54.803.500", "52.363.500", "95,55", 393),
    ("kegiatan", P_LIN, "Pembinaan Karang Taruna Siaga Bencana (TAGANA)", "apbd", "121.190.000", "110.154.000", "90,90", 394),
    ("kegiatan", "Program Pemberdayaan Fakir Miskin , KAT dan PMKS lainnya",
     "Pengumpulan Pengolahan data ekpose dan pelaporan", "apbd", "360.000.000", "207.912.000", "57,75", 395),
    ("total", None, None, "apbd", "1.164.318.000", "371.344.500", "31,89", 396),
])

# Tabel B.1, Sasaran 2 Indikator 1 (lines 539-543)
btable("B.1-s2i1", YEAR, "s2-i1", [
    ("kegiatan", P_FM, "Pendidikan dan Pelatihan bagi anak terlantar dan Keluarga miskin", "apbd",
     "85.257.500", "15.349.500", "18,00", 541),
    # program row printed without kegiatan (text line 529 names its kegiatan: Pengelolaan Rumah Singgah)
    ("program", P_EKS, None, "apbd", "228.398.700", "157.961.200", "69,16", 542),
    ("total", None, None, "apbd", "313.656.200", "173.310.700", "55,25", 543),
])

# Tabel B.1, Sasaran 2 Indikator 2 (lines 683-687)
btable("B.1-s2i2", YEAR, "s2-i2", [
    ("kegiatan", "Program Pemberdayaan fakir Miskin, Komunitas Adat Terpencil (KAT) dan Penyandang Masalah Kesejahteraan Sosial (PMKS) lainnya",
     "Santunan Tali Asih Kepada Masyarakat", "apbd", "464.500.000", "392.564.750", "84,50", 685),
    ("kegiatan", P_PAH, "Pembinaan Veteran dan Janda Veteran", "apbd", "52.806.000", "47.116.500", "89,23", 686),
    ("total", None, None, "apbd", "517.306.000", "439.681.250", "85%", 687),
])

# Tabel B.1, Sasaran 2 Indikator 3 (lines 863-869); lines 866 and 868 hold several kegiatan in one printed row
P_FM3 = "Program Pemberdayaan Fakir Miskin, Komunitas Adat Terpencil (KAT) dan PMKS lainnya"
btable("B.1-s2i3", YEAR, "s2-i3", [
    ("kegiatan", P_FM3, "Pendidikan dan Pelatihan bagi anak terlantar dan keluarga miskin", "apbd",
     "85.257.500", "15.349.500", "18,00", 865),
    ("kegiatan", P_REH, "Pembinaan dan Rehabilitasi Para Lanjut Usia (LANSIA)", "apbd", "56.886.000", "56.346.000", "99,05", 866),
    ("kegiatan", P_REH, "Penjangkauan Penyalahgunaan Narkoba", "apbd", "0", "0", "0", 866),
    ("kegiatan", P_REH, "Pembinaan dan Rehabilitasi Para Gelandangan Pengemis dan Orang Terlantar", "apbd",
     "1.000.000", "0", "0", 866),
    ("kegiatan", P_REH, "Pendayagunaan Para Penyandang cacat dan eks Trauma", "apbd", "30.965.000", "30.965.000", "100", 866),
    ("kegiatan", P_EKS, "Pengelolaan Rumah Singgah", "apbd", "228.398.700", "157.961.200", "69,16", 867),
    ("kegiatan", P_LIN, "Pendampingan Program Keluarga Harapan", "apbd", "178.840.000", "178.840.000", "100", 868),
    ("kegiatan", P_LIN, "Penyaluran Pangan bagi Masyarakat Miskin", "apbd", "10.710.000", "10.710.000", "100", 868),
    ("total", None, None, "apbd", "592.057.200", "450.171.700", "76,03", 869),
])

# Headline totals stated in the running text before each Tabel B.1
btable("teks-s1i1", YEAR, "s1-i1", [("total", None, None, "apbd", "1.164.318.000", "371.344.500", "31,89%", 382)])
btable("teks-s2i1", YEAR, "s2-i1", [("total", None, None, "apbd", "313.656.200", "173.310.700", "55,25", 535)])
# line 679: 'atau. 439.681.250%' -- a money amount printed as the percentage; kept as printed (see NOTES.md)
btable("teks-s2i2", YEAR, "s2-i2", [("total", None, None, "apbd", "517.306.000", "439.681.250", "439.681.250%", 679)])
btable("teks-s2i3", YEAR, "s2-i3", [("total", None, None, "apbd", "592.057.200", "450.171.700", "76,03%", 859)])

# ---------------------------------------------------------------- efficiency
efficiency = [dict(agency_id=AG, year=YEAR, indicator_id=i, reported_capaian=None, reported_serapan=None,
                   reported_efisiensi=idn(e), source=SRC, source_line=ln)
              for i, e, ln in [("s1-i1", "68,11%", 378), ("s2-i1", "44,75%", 529),
                               ("s2-i2", "15%", 675), ("s2-i3", "23,97%", 849)]]

# ---------------------------------------------------------------- pmks (jenis PMKS numerators/denominators)
pmks_src = [
    # year, measure, num, den, pct, num label, den label, indicator, line
    (2020, "pmks_mampu_peran_sosial", "14", "23", "61%", "jenis PMKS yang mampu melaksanakan peran sosialnya (realisasi)",
     "jenis PMKS (Kota Banjarbaru, realisasi 2020)", "s2-i1", 438),
    (2020, "pmks_mampu_peran_sosial_target", "13", "22", "59", "jenis PMKS (target 2020)",
     "jenis PMKS (penyebut target 2020)", "s2-i1", 438),
    (2020, "pmks_mampu_peran_sosial_vs_nasional", "14", "26", "53,8", "jenis PMKS yang mampu melaksanakan peran sosialnya",
     "jenis PMKS target nasional", "s2-i1", 507),
    (2018, "pmks_mampu_peran_sosial", "13", None, "59%", "jenis PMKS yang mampu melaksanakan peran sosialnya",
     None, "s2-i1", 482),
    (2019, "pmks_mampu_peran_sosial", "15", None, "68%", "jenis PMKS yang mampu melaksanakan peran sosialnya",
     None, "s2-i1", 482),
    (2020, "pmks_mendapat_bantuan", "18", None, "78,3%", "jenis PMKS yang mendapat bantuan (realisasi)",
     None, "s2-i3", 709),
    (2020, "pmks_mendapat_bantuan_target", "21", None, "95%", "jenis PMKS yang mendapat bantuan (target 2020)",
     None, "s2-i3", 709),
    (2020, "pmks_mendapat_bantuan_vs_nasional", None, "26", "69,23%", None,
     "jenis PMKS target nasional RPJMN", "s2-i3", 826),
    (2018, "pmks_mendapat_bantuan", "20", None, "91%", "jenis PMKS yang mendapat bantuan", None, "s2-i3", 793),
    (2019, "pmks_mendapat_bantuan", "21", None, "95%", "jenis PMKS yang mendapat bantuan", None, "s2-i3", 795),
]
pmks = [dict(agency_id=AG, year=y, measure=m, numerator=idn(n), denominator=idn(d), reported_pct=idn(p),
             numerator_label=nl, denominator_label=dl, indicator_id=i, source=SRC, source_line=ln)
        for y, m, n, d, p, nl, dl, i, ln in pmks_src]

# ---------------------------------------------------------------- benchmarks
BJ, TL, BM, KS = "Kab. Banjar", "Kab. Tanah Laut", "Kota Banjarmasin", "Prov. Kalimantan Selatan"
bm_src = [
    # indicator, year, kind, region, value, value_text, line
    ("s1-i1", 2020, "region", BJ, "100%", None, 336),
    ("s1-i1", 2020, "region", TL, "58,3%", None, 336),
    ("s1-i1", 2020, "region", BM, "100%", None, 336),
    ("s1-i1", 2021, "rpjmd_end", None, None, "12 PSKS", 347),
    ("s1-i1", 2020, "national", None, None, "12 PSKS", 347),
    ("s2-i1", 2020, "region", BJ, "100%", None, 494),
    ("s2-i1", 2020, "region", TL, "100%", None, 494),
    ("s2-i1", 2020, "region", BM, "100%", None, 494),
    ("s2-i1", 2020, "region", KS, "100%", None, 494),
    ("s2-i1", 2021, "rpjmd_end", None, "68%", None, 505),
    ("s2-i1", 2020, "national", None, "100", "26 PMKS (100%)", 505),
    # s2-i2 Tabel 3 (line 650): all comparison cells '-' -> no rows; national '---' (line 660) -> no row
    ("s2-i2", 2021, "rpjmd_end", None, None, "3.610", 660),
    ("s2-i3", 2020, "region", BJ, "100%", None, 809),
    ("s2-i3", 2020, "region", TL, "100%", None, 809),
    ("s2-i3", 2020, "region", BM, "100%", None, 809),
    ("s2-i3", 2021, "rpjmd_end", None, "68%", None, 820),
    ("s2-i3", 2020, "national", None, None, "26 PMKS", 820),
]
benchmarks = [dict(agency_id=AG, indicator_id=i, year=y, kind=k, region=r, value=idn(v), value_text=vt,
                   source=SRC, source_line=ln) for i, y, k, r, v, vt, ln in bm_src]

# ---------------------------------------------------------------- facts
facts_src = [
    # year, topic, label, value, unit, value_text, line
    # PSKS type counts
    (2020, "psks_jenis", "jenis PSKS yang aktif/berpartisipasi", "9", "jenis", None, 338),
    (2020, "psks_jenis", "jenis PSKS target nasional", "12", "jenis", None, 338),
    (2020, "psks_jenis", "jenis PSKS belum aktif (Keluarga Pioner, WKSBM, Wanita Pemimpin Kesejahteraan Sosial)",
     "3", "jenis", None, 338),
    # Tabel 2 PSKS Kota Banjarbaru (BAB III Sasaran 1)
    (2020, "psks_2020", "Pekerja Sosial Profesional", "2", "orang", None, 297),
    (2020, "psks_2020", "Pekerja Sosial Masyarakat (PSM)", "45", "orang", None, 298),
    (2020, "psks_2020", "Taruna Siaga Bencana (Tagana)", "40", "orang", None, 299),
    (2020, "psks_2020", "Lembaga Kesejahteraan Sosial (LKS)", "18", "LKS", None, 300),
    (2020, "psks_2020", "Karang Taruna (KT)", "36", "KT", None, 303),
    (2020, "psks_2020", "Lembaga Konsultasi Kesejahteraan Keluarga (LK3)", "2", "buah", None, 304),
    (2020, "psks_2020", "Penyuluh Sosial - Penyuluh Sosial Masyarakat", "4", "orang", None, 305),
    (2020, "psks_2020", "Tenaga Kesejahteraan Sosial Kecamatan (TKSK)", "5", "orang", None, 306),
    (2020, "psks_2020", "Dunia usaha", "7", None, None, 307),
    # PMKS type counts
    (2020, "pmks_jenis", "jenis PMKS target nasional", "26", "jenis", None, 507),
    (2020, "pmks_jenis", "jenis PMKS di Kota Banjarbaru (penyebut realisasi 2020)", "23", "jenis", None, 438),
    (2020, "pmks_jenis", "jenis PMKS (penyebut target 2020)", "22", "jenis", None, 438),
    (2020, "pmks_jenis", "jenis PMKS belum ada di Kota Banjarbaru (Kelompok Minoritas, PMBS, KAT)", "3", "jenis", None, 811),
    # Tabel 2 'PMKS yang ditangani Dinas Sosial Kota Banjarbaru' (BAB III Sasaran 2 Indikator 1), lines 447-461
    (2020, "pmks_ditangani_2020", "Anak Balita Terlantar", "1", "orang", None, 447),
    (2020, "pmks_ditangani_2020", "Anak Terlantar", "1", "orang", None, 449),
    (2020, "pmks_ditangani_2020", "Anak Jalanan", "1", "orang", None, 450),
    (2020, "pmks_ditangani_2020", "Anak Yang Berhadapan Dengan Hukum (ABH)", "7", "orang", None, 451),
    (2020, "pmks_ditangani_2020", "Anak dengan Kedisabilitas", "15", "orang", None, 452),
    (2020, "pmks_ditangani_2020", "Lanjut Usia Terlantar - a. home care dan paket sembako (APBD Kota)", "90", "orang", None, 453),
    (2020, "pmks_ditangani_2020", "Lanjut Usia Terlantar - b. alat bantu (Dinas Sosial Prov. Kalsel)", "8", "orang", None, 453),
    (2020, "pmks_ditangani_2020", "Lanjut Usia Terlantar - c. pendampingan pemulangan ke daerah asal", "6", "orang", None, 453),
    (2020, "pmks_ditangani_2020", "Penyandang Disabilitas - a. ODGJ", "3", "orang", None, 454),
    (2020, "pmks_ditangani_2020", "Penyandang Disabilitas - b. tuna daksa (kursi roda, tongkat; CSR)", "11", "orang", None, 454),
    (2020, "pmks_ditangani_2020", "Penyandang Disabilitas - c. bantuan APBN (ASPD, BRSPDSN Wiyata Guna)", "40", "orang", None, 454),
    (2020, "pmks_ditangani_2020", "Wanita Tuna Susila - PSK terjaring razia", "22", "orang", None, 455),
    (2020, "pmks_ditangani_2020", "Wanita Tuna Susila - anak kasus prostitusi online", "7", "orang", None, 455),
    (2020, "pmks_ditangani_2020", "Wanita Tuna Susila - laki-laki hidung belang", "3", "orang", None, 455),
    (2020, "pmks_ditangani_2020", "Gelandangan", "2", "orang", None, 456),
    (2020, "pmks_ditangani_2020", "Bekas Warga Binaan Lembaga Pemasarakatan", "1", "orang", None, 457),
    (2020, "pmks_ditangani_2020", "Korban Penyalahgunaan Napza", "4", "orang", None, 458),
    (2020, "pmks_ditangani_2020", "Korban Trafficking", "1", "orang", None, 459),
    (2020, "pmks_ditangani_2020", "HIV/AIDS", "1", "orang", None, 460),
    (2020, "pmks_ditangani_2020", "Orang Terlantar", "15", "orang", None, 461),
    # extra PMKS types in the 18-type list of Sasaran 2 Indikator 3 (lines 713-781)
    (2020, "pmks_bantuan_2020", "Wanita Rawan Sosial Ekonomi (pelatihan pembuatan kue)", "20", "orang", None, 774),
    (2020, "pmks_bantuan_2020", "Fakir Miskin - Program Sembako (DTKS)", "7.768", "KPM", None, 780),
    (2020, "pmks_bantuan_2020", "Fakir Miskin - Bantuan Sosial Tunai (DTKS)", "3.559", "KPM", None, 781),
    # Tali asih (Sasaran 2 Indikator 2)
    (2020, "tali_asih", "penerima tali asih 2020 (Tabel 1 text)", "3.607", "orang", "99,97% (3.607 orang)", 567),
    (2018, "tali_asih", "realisasi paket (Tabel 2)", "3.608", "paket", None, 627),
    (2019, "tali_asih", "realisasi paket (Tabel 2)", "3.608", "paket", None, 627),
    (2020, "tali_asih", "realisasi paket (Tabel 2)", "3.607", "paket", None, 627),
    (2020, "tali_asih", "realisasi paket (Tabel 4)", "3.608", "paket", None, 660),
    (2020, "tali_asih", "target paket (Tabel 4 text)", "3.610", "paket", None, 662),
    (2020, "tali_asih_penerima", "RT/ RW, Tokoh masyarakat Tokoh Agama se Kota Banjarbaru", "917", "orang", None, 577),
    (2020, "tali_asih_penerima", "Pertuni", "47", "orang", None, 578),
    (2020, "tali_asih_penerima", "BKPRMI", "400", "orang", None, 579),
    (2020, "tali_asih_penerima", "Perkim", "156", "orang", None, 580),
    (2020, "tali_asih_penerima", "Veteran dan janda veteran", "112", "orang", None, 581),
    (2020, "tali_asih_penerima", "Pasukan Kuning", "529", "orang", None, 582),
    (2020, "tali_asih_penerima", "Rumah Ibadah", "120", "orang", None, 583),
    (2020, "tali_asih_penerima", "LPM", "38", "orang", None, 584),
    (2020, "tali_asih_penerima", "Pemko", "25", "orang", None, 585),
    (2020, "tali_asih_penerima", "Relawan", "746", "orang", None, 586),
    (2020, "tali_asih_penerima", "YKTN", "46", "orang", None, 587),
    (2020, "tali_asih_penerima", "Pasar Ulin Raya", "104", "orang", None, 588),
    (2020, "tali_asih_penerima", "Sopir Pelajar", "157", "orang", None, 589),
    (2020, "tali_asih_penerima", "PKK", "60", "orang", None, 590),
    (2020, "tali_asih_penerima", "Pasar Bauntung", "22", "orang", None, 591),
    (2020, "tali_asih_penerima", "Pers Room", "21", "orang", None, 592),
    (2020, "tali_asih_penerima", "Jumlah", "3.500", "orang", None, 593),
    (2020, "tali_asih_veteran", "Veteran PKRI", "3", "orang", None, 601),
    (2020, "tali_asih_veteran", "Veteran Pembela", "48", "orang", None, 602),
    (2020, "tali_asih_veteran", "Janda Veteran PKRI", "35", "orang", None, 603),
    (2020, "tali_asih_veteran", "Janda Veteran Pembela", "21", "orang", None, 604),
    (2020, "tali_asih_veteran_kecamatan", "Kec. Liang Anggang", "6", "orang", None, 610),
    (2020, "tali_asih_veteran_kecamatan", "Kec. Landasan Ulin", "33", "orang", None, 611),
    (2020, "tali_asih_veteran_kecamatan", "Kec. Banjarbaru Selatan", "15", "orang", None, 612),
    (2020, "tali_asih_veteran_kecamatan", "Kec. Banjarbaru Utara", "48", "orang", None, 613),
    (2020, "tali_asih_veteran_kecamatan", "Kec. Cempaka", "5", "orang", None, 614),
    (2020, "tali_asih_veteran_kecamatan", "Jumlah", "107", "orang", None, 615),
    # other activity figures
    (2020, "kegiatan_2020", "bantuan UEP (DID) rencana penerima KPM PKH", "70", "KPM", None, 408),
    (2020, "kegiatan_2020", "bantuan UEP (DID) nilai per orang", "7.000.000", "Rp", None, 408),
    (2020, "kegiatan_2020", "jumlah KPM PKH di Kota Banjarbaru", "4.442", "KPM", None, 409),
    (2020, "kegiatan_2020", "paket sembako CSR PT PLN untuk terdampak Covid 19", "500", "paket", None, 313),
    (2020, "kegiatan_2020", "pendampingan UEP perorangan Kec. Banjarbaru Selatan", "5", "orang", None, 875),
    (2020, "kegiatan_2020", "pendampingan UEP perorangan Kec. Cempaka", "10", "orang", None, 875),
    (2020, "kegiatan_2020", "pendampingan UEP perorangan Kec. Landasan Ulin", "6", "orang", None, 875),
]
facts = [dict(agency_id=AG, year=y, topic=t, label=l, value=idn(v), unit=u, value_text=vt, source=SRC, source_line=ln)
         for y, t, l, v, u, vt, ln in facts_src]

if __name__ == "__main__":
    write("agencies", agencies)
    write("indicators", indicators)
    write("performance", performance)
    write("budget", budget)
    write("efficiency", efficiency)
    write("pmks", pmks)
    write("benchmarks", benchmarks)
    write("facts", facts)
