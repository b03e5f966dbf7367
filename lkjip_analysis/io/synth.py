"""SYNTHETIC datasets in the package's own format, for benchmarks and scale tests only.

Nothing here describes a real agency: names, ids (``synth-kota-0001``), figures and source
files are invented by a seeded random generator. The data are shaped like the embedded
LKjIP dataset so that every part of the package has work to do at any size:

- agencies of every level (provinsi, kabupaten, kota) in Indonesia's 38 provinces;
- 4–15 indicators per agency in 2–5 sasaran, both polarities (higher and lower is better),
  several units (%, orang, KPM, kasus, dokumen, indeks, hari, ...);
- annual target/realisasi for every indicator and year; TW1–TW4 rows for about a fifth of the
  indicators, split according to their ``quarter_aggregation`` (cumulative, last, per_quarter),
  with some annual rows left without realisasi so they must be completed from the quarters;
- some missing and zero targets, a few non-numeric targets (``target_text``), some unreported
  realisasi;
- budget tables per sasaran (kegiatan lines, sometimes a program subtotal, a total line, linked to
  the sasaran's IKU), one headline table per agency-year (program lines and a ``headline`` total),
  sometimes the same total stated again in the text;
- PMKS figures, benchmarks (regions, renstra, rpjmd_end, national), AKIP scores, facts;
- printed ``reported_*`` figures that mostly match the recomputed ones, plus a few deliberate
  slips (wrong capaian, rounding slips, totals that do not add up, a money amount in a percentage
  column, a wrong AKIP predikat, ...) so the audit has work. Their counts are listed in the
  ``README.md`` written next to the tables.

Generation is vectorised with numpy (no per-row Python loop) and deterministic: the same
arguments give the same files, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..formulas.akip import WEIGHTS_2015, WEIGHTS_2021, predikat_akip
from ..formulas.capaian import capaian
from ..model.schema import TABLES, YEAR_MAX, YEAR_MIN
from .loaders import Dataset

PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu", "Lampung",
    "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
    "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
    "Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo",
    "Sulawesi Barat", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
    "Papua Pegunungan", "Papua Barat Daya",
)
LEVELS = ("provinsi", "kabupaten", "kota")
LEVEL_P = (0.08, 0.70, 0.22)
LEVEL_TITLE = ("Provinsi", "Kabupaten", "Kota")
LEVEL_SHORT = ("Prov.", "Kab.", "Kota")
SECTORS = (("sosial", "Dinas Sosial"), ("sosial", "Dinas Sosial"), ("sosial", "Dinas Sosial"),
           ("pemberdayaan perempuan dan perlindungan anak", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
           ("kesehatan", "Dinas Kesehatan"))

# kind: how targets are drawn.  (name, unit, polarity, kind, decimals)
INDICATORS = (
    ("Persentase PMKS yang tertangani", "%", "higher", "pct", 2),
    ("Persentase PSKS yang berpartisipasi aktif", "%", "higher", "pct", 2),
    ("Jumlah KPM penerima bantuan sosial", "KPM", "higher", "count", 0),
    ("Jumlah penyandang disabilitas yang mendapat rehabilitasi sosial", "orang", "higher", "count", 0),
    ("Jumlah lanjut usia terlantar yang mendapat pelayanan", "orang", "higher", "count", 0),
    ("Persentase penurunan jumlah PMKS", "%", "higher", "pct_small", 2),
    ("Indeks kepuasan masyarakat terhadap layanan", "indeks", "higher", "index", 2),
    ("Nilai evaluasi SAKIP perangkat daerah", "nilai", "higher", "index", 2),
    ("Dokumen perencanaan dan pelaporan yang tersusun tepat waktu", "dokumen", "higher", "doc", 0),
    ("Persentase korban bencana yang mendapat bantuan", "%", "higher", "pct", 2),
    ("Jumlah lembaga kesejahteraan sosial yang terakreditasi", "lembaga", "higher", "count_small", 0),
    ("Persentase anak terlantar yang belum tertangani", "%", "lower", "pct_low", 2),
    ("Jumlah gelandangan dan pengemis di jalanan", "orang", "lower", "count_low", 0),
    ("Persentase penduduk miskin", "%", "lower", "pct_low", 2),
    ("Rata-rata waktu penyaluran bantuan", "hari", "lower", "days", 1),
    ("Jumlah kasus kekerasan terhadap anak", "kasus", "lower", "count_low", 0),
)
_IND_LOWER = np.array([i for i, t in enumerate(INDICATORS) if t[2] == "lower"])
_IND_HIGHER = np.array([i for i, t in enumerate(INDICATORS) if t[2] == "higher"])
#: (low, high) of the first year's target per kind, yearly growth of the target
KIND_RANGE = {"pct": (55, 90, 0.02), "pct_small": (1, 8, 0.05), "count": (200, 8000, 0.05),
              "index": (65, 85, 0.01), "doc": (2, 12, 0.0), "count_small": (5, 60, 0.05),
              "pct_low": (5, 30, -0.05), "count_low": (20, 600, -0.05), "days": (5, 30, -0.04)}
_COUNT_UNITS = {"KPM", "orang", "kasus", "lembaga", "dokumen"}
SASARAN = (
    "Meningkatnya kualitas penanganan Penyandang Masalah Kesejahteraan Sosial (PMKS)",
    "Meningkatnya kemandirian masyarakat miskin",
    "Meningkatnya partisipasi Potensi Sumber Kesejahteraan Sosial (PSKS)",
    "Meningkatnya akuntabilitas kinerja perangkat daerah",
    "Menurunnya jumlah PMKS",
    "Meningkatnya perlindungan dan jaminan sosial",
)
PROGRAMS = (
    "Program Penunjang Urusan Pemerintahan Daerah",
    "Program Pemberdayaan Sosial",
    "Program Rehabilitasi Sosial",
    "Program Perlindungan dan Jaminan Sosial",
    "Program Penanganan Bencana",
    "Program Pengelolaan Taman Makam Pahlawan",
)
KEGIATAN = (
    "Pendampingan Program Keluarga Harapan",
    "Penyaluran Pangan bagi Masyarakat Miskin",
    "Pembinaan dan Rehabilitasi Lanjut Usia",
    "Pelatihan Keterampilan Berusaha bagi Keluarga Miskin",
    "Pembinaan Karang Taruna dan Pekerja Sosial Masyarakat",
    "Pembinaan Taruna Siaga Bencana (TAGANA)",
    "Pengumpulan, Pengolahan Data dan Pelaporan",
    "Rehabilitasi Sosial Penyandang Disabilitas Terlantar",
    "Pengelolaan Rumah Singgah",
    "Penyediaan Permakanan bagi Anak Terlantar",
)
TARGET_TEXTS = ("1 Dokumen", "Tersusun", "Meningkat", "Opini WTP", "Predikat BB", "Terlaksana")
FUNDING = ("apbd", "apbd", "apbd", "apbd", "dak", "did", "apbn_tugas_pembantuan")
HEADLINE_TABLE = "Tabel 3.1 Realisasi Anggaran"
TEXT_TABLE = "teks BAB III"
SYNTH_NOTE = "SINTETIS"


@dataclass
class _Slips:
    """How many deliberate slips of each kind the generator put in (for the README)."""

    capaian_error: int = 0
    capaian_rounding: int = 0
    capaian_ratio_method: int = 0
    capaian_repeats_realisasi: int = 0
    zero_target_printed: int = 0
    budget_pct: int = 0
    budget_pct_garbled: int = 0
    budget_sisa: int = 0
    budget_total: int = 0
    stated_total: int = 0
    efficiency: int = 0
    pmks: int = 0
    akip_total: int = 0
    akip_predikat: int = 0


def _strings(values) -> pd.Series:
    return pd.Series(values, dtype="object").astype("string")


def _cat(choices, codes: np.ndarray) -> np.ndarray:
    """Object array of ``choices[codes]`` (one string object per choice, shared by rows)."""
    arr = np.empty(len(choices), dtype=object)
    arr[:] = list(choices)
    return arr[codes]


def _frame(name: str, columns: dict) -> pd.DataFrame:
    """A frame with the schema's columns and dtypes (missing columns are empty)."""
    table = TABLES[name]
    n = len(next(iter(columns.values())))
    out = {}
    for col in table.columns:
        values = columns.get(col.name)
        if values is None:
            values = np.full(n, None, dtype=object) if col.type != "number" else np.full(n, np.nan)
        if col.type == "string":
            out[col.name] = _strings(values)
        elif col.type == "integer":
            out[col.name] = pd.array(np.asarray(values, dtype="int64"), dtype="Int64")
        elif col.type == "number":
            out[col.name] = pd.Series(np.asarray(values, dtype="float64"))
        else:
            out[col.name] = pd.Series(values, dtype="object").astype("boolean")
    return pd.DataFrame(out)


def _round(values: np.ndarray, decimals: np.ndarray | int) -> np.ndarray:
    """Round to per-element decimals (0, 1 or 2)."""
    decimals = np.broadcast_to(np.asarray(decimals), values.shape)
    out = values.copy()
    for d in np.unique(decimals):
        m = decimals == d
        out[m] = np.round(values[m], int(d))
    return out


def _segments(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For blocks of ``counts`` rows: the block of each row and the row's position in its block."""
    block = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return block, np.arange(int(counts.sum())) - starts[block]


def make_synthetic(agencies: int, years: int, seed: int = 0) -> tuple[Dataset, dict]:
    """Build a SYNTHETIC dataset in memory; return it and the counts of deliberate slips.

    See the module docstring. ``agencies × years`` agency-years; years end in 2023 (or start
    in 2000 when there are more than 24).
    """
    if agencies < 1 or years < 1:
        from ..exceptions import InvalidArgumentError

        raise InvalidArgumentError.from_key("error.synth_counts")
    first_year = max(YEAR_MIN, 2024 - years)
    if first_year + years - 1 > YEAR_MAX:
        from ..exceptions import InvalidArgumentError

        raise InvalidArgumentError.from_key("error.synth_years", count=YEAR_MAX - YEAR_MIN + 1)
    rng = np.random.default_rng(seed)
    slips = _Slips()
    N, Y = int(agencies), int(years)
    year_values = np.arange(first_year, first_year + Y)

    # ------------------------------------------------------------------ agencies
    level = rng.choice(3, size=N, p=LEVEL_P)
    province = rng.integers(0, len(PROVINCES), size=N)
    sector = rng.integers(0, len(SECTORS), size=N)
    numbers = [f"{i:04d}" for i in range(1, N + 1)]
    agency_ids = np.array([f"synth-{LEVELS[lv]}-{num}" for lv, num in zip(level, numbers)], dtype=object)
    agency_names = np.array([f"{SECTORS[s][1]} {LEVEL_TITLE[lv]} Sintetis {num}"
                             for s, lv, num in zip(sector, level, numbers)], dtype=object)
    region_names = np.array([f"{LEVEL_SHORT[lv]} Sintetis {num}" for lv, num in zip(level, numbers)], dtype=object)
    # one report file per agency-year (index a * Y + y)
    sources = np.array([f"SINTETIS-lkjip-{num}-{y}.txt" for num in numbers for y in year_values], dtype=object)
    agencies_df = _frame("agencies", {
        "agency_id": agency_ids, "name": agency_names, "level": _cat(LEVELS, level),
        "province": _cat(PROVINCES, province), "sector": _cat([s[0] for s in SECTORS], sector),
        "source": sources[np.arange(N) * Y], "source_line": np.full(N, 5),
    })

    # ------------------------------------------------------------------ indicators
    n_ind = rng.integers(4, 16, size=N)
    ind_agency, ind_pos = _segments(n_ind)
    K = len(ind_agency)
    n_sas = np.minimum(rng.integers(2, 6, size=N), n_ind)
    sas = ind_pos * n_sas[ind_agency] // n_ind[ind_agency]  # 0-based sasaran of each indicator
    first_of_sas = np.r_[True, (sas[1:] != sas[:-1]) | (ind_agency[1:] != ind_agency[:-1])]
    sas_start = np.maximum.accumulate(np.where(first_of_sas, np.arange(K), 0))
    in_sas = np.arange(K) - sas_start
    lower = rng.random(K) < 0.3
    lower[ind_pos == 0] = rng.random(int((ind_pos == 0).sum())) < 0.5  # both polarities common in IKU too
    tmpl = np.where(lower, _IND_LOWER[rng.integers(0, len(_IND_LOWER), K)],
                    _IND_HIGHER[rng.integers(0, len(_IND_HIGHER), K)])
    t_name = _cat([t[0] for t in INDICATORS], tmpl)
    t_unit = np.array([t[1] for t in INDICATORS], dtype=object)[tmpl]
    t_kind = np.array([t[3] for t in INDICATORS], dtype=object)[tmpl]
    t_dec = np.array([t[4] for t in INDICATORS])[tmpl]
    is_count = np.isin(t_unit, list(_COUNT_UNITS))
    aggregation = np.where(is_count, 0, 1)  # 0 cumulative, 1 last, 2 per_quarter
    aggregation[(rng.random(K) < 0.15) & ~is_count] = 2
    quarterly = rng.random(K) < 0.2
    tier = np.where(in_sas == 0, 0, rng.choice(3, size=K, p=(0.4, 0.35, 0.25)))
    iku = in_sas == 0
    ind_ids = np.array([f"s{s + 1}-i{j + 1}" for s, j in zip(sas, in_sas)], dtype=object)
    sas_theme = (sas + ind_agency) % len(SASARAN)
    prog_code = (sas + 3 * ind_agency) % (len(PROGRAMS) - 1) + 1
    program = np.where(tier > 0, _cat(PROGRAMS, prog_code), None)
    formula = np.where(t_unit == "%", "Jumlah yang tercapai dibagi jumlah sasaran dikali 100%", None)
    ind_line = 200 + 40 * sas + 3 * in_sas
    indicators_df = _frame("indicators", {
        "agency_id": agency_ids[ind_agency], "indicator_id": ind_ids, "sasaran": _cat(SASARAN, sas_theme),
        "name": t_name, "unit": t_unit, "polarity": np.where(lower, "lower", "higher").astype(object),
        "quarter_aggregation": _cat(("cumulative", "last", "per_quarter"), aggregation),
        "tier": _cat(("sasaran", "program", "kegiatan"), tier), "iku": iku.astype(object), "formula": formula,
        "program": program, "source": sources[ind_agency * Y], "source_line": ind_line,
    })

    # ------------------------------------------------------------------ performance: annual
    lo = np.array([KIND_RANGE[k][0] for k in t_kind], dtype="float64")
    hi = np.array([KIND_RANGE[k][1] for k in t_kind], dtype="float64")
    growth = np.array([KIND_RANGE[k][2] for k in t_kind], dtype="float64")
    base = lo + (hi - lo) * rng.random(K)
    # rows ordered by agency, year, indicator
    ay_agency = np.repeat(np.arange(N), Y)
    ay_year = np.tile(np.arange(Y), N)
    row_ay, row_pos = _segments(n_ind[ay_agency])
    ind_start = np.cumsum(n_ind) - n_ind
    r_ind = ind_start[ay_agency[row_ay]] + row_pos
    r_year = ay_year[row_ay]
    R = len(r_ind)
    dec = t_dec[r_ind]
    pct_like = np.isin(t_kind[r_ind], ["pct", "index"])
    target = base[r_ind] * (1.0 + growth[r_ind]) ** r_year
    target = np.where(pct_like, np.minimum(target, 100.0), target)
    target = np.maximum(_round(target, dec), np.where(dec == 0, 1.0, 0.1))
    real = target * np.exp(rng.normal(0.01, 0.12, R))
    real = np.where(pct_like, np.minimum(real, 100.0), real)
    real = np.maximum(_round(real, dec), 0.0)
    pol = np.where(lower[r_ind], "lower", "higher").astype(object)

    u = rng.random(R)
    target_text = np.full(R, None, dtype=object)
    no_target = u < 0.03
    zero_target = (u >= 0.03) & (u < 0.04)
    text_target = (u >= 0.04) & (u < 0.05)
    no_real = (u >= 0.05) & (u < 0.07)
    target[no_target | text_target] = np.nan
    target[zero_target] = 0.0
    target_text[text_target] = _cat(TARGET_TEXTS, rng.integers(0, len(TARGET_TEXTS), int(text_target.sum())))
    real[no_real] = np.nan

    def printed_capaian(t, r, p, n_rows):
        comp = capaian(pd.Series(t), pd.Series(r), pd.Series(p)).to_numpy()
        rep = np.round(comp, 2)
        v = rng.random(n_rows)
        err = (v < 0.012) & ~np.isnan(rep)
        rnd = (v >= 0.012) & (v < 0.02) & ~np.isnan(rep)
        rep[err] = np.round(rep[err] + rng.choice([-1, 1], int(err.sum())) * rng.uniform(1.0, 12.0, int(err.sum())), 2)
        step = np.round(rep[rnd] + 0.01, 2)
        ends_in_zero = np.abs(np.round(step, 1) - step) < 1e-9  # 103,4 is read at one decimal: go down instead
        rep[rnd] = np.where(ends_in_zero, np.round(rep[rnd] - 0.01, 2), step)
        ratio = (p == "lower") & (v >= 0.02) & (v < 0.08) & ~np.isnan(rep) & (r > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            rep[ratio] = np.round(t[ratio] / r[ratio] * 100.0, 2)
        return rep, int(err.sum()), int(rnd.sum()), int(ratio.sum())

    rep_cap, n_err, n_rnd, n_ratio = printed_capaian(target, real, pol, R)
    slips.capaian_error += n_err
    slips.capaian_rounding += n_rnd
    slips.capaian_ratio_method += n_ratio
    # a missing target: the report sometimes repeats realisasi in the capaian column
    repeats = no_target & (rng.random(R) < 0.4) & ~np.isnan(real) & (real != 100)
    rep_cap[repeats] = real[repeats]
    slips.capaian_repeats_realisasi += int(repeats.sum())
    zero_printed = zero_target & (rng.random(R) < 0.3) & ~np.isnan(real) & (real != 0)
    rep_cap[zero_printed] = real[zero_printed]
    slips.zero_target_printed += int(zero_printed.sum())
    period = np.zeros(R, dtype=np.int64)

    # ------------------------------------------------------------------ performance: quarters
    qrow = np.flatnonzero(quarterly[r_ind] & ~text_target & ~no_target)
    Q = len(qrow)
    q_src = np.repeat(qrow, 4)
    q_period = np.tile(np.arange(1, 5), Q)
    q_ind = r_ind[q_src]
    q_agg = aggregation[q_ind]
    q_dec = t_dec[q_ind]
    at, ar = target[q_src], real[q_src]
    ar_known = np.where(np.isnan(ar), target[q_src] * 0.95, ar)
    wt = np.tile(np.array([0.2, 0.25, 0.25, 0.3]), Q)
    wr = np.tile(np.array([0.15, 0.25, 0.3, 0.3]), Q) * np.exp(rng.normal(0, 0.1, 4 * Q))
    wr = wr / np.repeat(wr.reshape(Q, 4).sum(axis=1), 4)
    step = np.tile(np.array([0.85, 0.9, 0.95, 1.0]), Q)
    # cumulative: shares of the annual figure, the last quarter takes the remainder (counts are integers)
    cum_t = np.floor(at * wt)
    cum_r = np.floor(ar_known * wr)
    last_q = q_period == 4
    cum_t[last_q] = at[last_q] - cum_t.reshape(Q, 4)[:, :3].sum(axis=1)
    cum_r[last_q] = np.maximum(ar_known[last_q] - cum_r.reshape(Q, 4)[:, :3].sum(axis=1), 0)
    # last: rising to the annual figure; per_quarter: each quarter its own figure near the annual one
    last_t = _round(at * step, q_dec)
    last_r = _round(ar_known * step * np.exp(rng.normal(0, 0.03, 4 * Q)), q_dec)
    last_r[last_q] = ar_known[last_q]
    perq_r = _round(ar_known * np.exp(rng.normal(0, 0.08, 4 * Q)), q_dec)
    q_target = np.select([q_agg == 0, q_agg == 1], [cum_t, last_t], at)
    q_real = np.select([q_agg == 0, q_agg == 1], [cum_r, last_r], perq_r)
    q_real = np.where(np.isin(t_kind[q_ind], ["pct", "index"]), np.minimum(q_real, 100.0), q_real)
    q_real[(q_period >= 3) & (rng.random(4 * Q) < 0.1)] = np.nan  # later quarters sometimes not yet reported
    q_pol = pol[q_src]
    q_rep, n_err, n_rnd, n_ratio = printed_capaian(q_target, q_real, q_pol, 4 * Q)
    slips.capaian_error += n_err
    slips.capaian_rounding += n_rnd
    slips.capaian_ratio_method += n_ratio
    # some annual rows of quarterly indicators lack realisasi: derived from the quarters
    derive = (rng.random(Q) < 0.12) & (aggregation[r_ind[qrow]] != 2)
    real[qrow[derive]] = np.nan
    rep_cap[qrow[derive]] = np.nan

    p_src = np.r_[np.arange(R), q_src]
    p_period = np.r_[period, q_period]
    order = np.lexsort((p_period, row_pos[p_src], r_year[p_src], ay_agency[row_ay[p_src]]))
    p_src, p_period = p_src[order], p_period[order]
    p_target = np.r_[target, q_target][order]
    p_real = np.r_[real, q_real][order]
    p_rep = np.r_[rep_cap, q_rep][order]
    p_text = np.r_[target_text, np.full(4 * Q, None, dtype=object)][order]
    p_ind = r_ind[p_src]
    p_ay = row_ay[p_src]
    table_ref = np.where(p_period == 0, "Tabel 3.1 Capaian Kinerja", "Tabel 3.2 Capaian Triwulan").astype(object)
    performance_df = _frame("performance", {
        "agency_id": agency_ids[ind_agency[p_ind]], "indicator_id": ind_ids[p_ind],
        "year": year_values[r_year[p_src]], "period": _cat(("annual", "TW1", "TW2", "TW3", "TW4"), p_period),
        "target": p_target, "target_text": p_text, "realisasi": p_real, "reported_capaian": p_rep,
        "table_ref": table_ref, "source": sources[p_ay], "source_line": ind_line[p_ind] + 1 + (p_period > 0) * 400,
    })

    # ------------------------------------------------------------------ budget
    # linked tables: per agency-year, one table per sasaran with probability 0.6 (linked to its IKU)
    sas_first = np.flatnonzero(iku)  # indicator index of each sasaran's first indicator
    n_sas_ay = n_sas[ay_agency]
    tab_ay, tab_k = _segments(n_sas_ay)
    sas_offset = np.cumsum(n_sas) - n_sas
    tab_sas = sas_offset[ay_agency[tab_ay]] + tab_k  # index into sas_first
    keep = rng.random(len(tab_ay)) < 0.6
    tab_ay, tab_k, tab_sas = tab_ay[keep], tab_k[keep], tab_sas[keep]
    T = len(tab_ay)
    n_keg = rng.integers(2, 6, size=T)
    subtotal = rng.random(T) < 0.2
    n_lines = n_keg + subtotal + 1
    l_tab, l_no0 = _segments(n_lines)
    L = len(l_tab)
    l_sub = subtotal[l_tab] & (l_no0 == 0)
    l_total = l_no0 == n_lines[l_tab] - 1
    l_keg = ~l_sub & ~l_total
    tab_prog = (tab_k + 2 * ay_agency[tab_ay]) % (len(PROGRAMS) - 1) + 1
    pagu = np.round(rng.uniform(25e6, 1.5e9, L), -3)
    pagu[l_keg & (rng.random(L) < 0.03)] = 0.0
    absorb = np.clip(rng.normal(0.86, 0.1, L), 0.3, 1.0)
    absorb[rng.random(L) < 0.15] = 1.0
    l_real = np.round(pagu * absorb)
    keg_pagu = np.where(l_keg, pagu, 0.0)
    keg_real = np.where(l_keg, l_real, 0.0)
    tab_pagu = np.bincount(l_tab, keg_pagu, minlength=T)
    tab_real = np.bincount(l_tab, keg_real, minlength=T)
    pagu = np.where(l_keg, pagu, tab_pagu[l_tab])
    l_real = np.where(l_keg, l_real, tab_real[l_tab])
    total_slip = l_total & (rng.random(L) < 0.01)
    pagu[total_slip] += rng.choice([500.0, 1000.0, 25_000_000.0], int(total_slip.sum()))
    slips.budget_total += int(total_slip.sum())
    l_ay = tab_ay[l_tab]
    l_ind = sas_first[tab_sas[l_tab]]
    l_kegname = np.where(l_keg, _cat(KEGIATAN, (l_no0 + 3 * tab_k[l_tab] + ay_agency[l_ay]) % len(KEGIATAN)), None)
    l_prog = np.where(l_total, None, _cat(PROGRAMS, tab_prog[l_tab]))
    l_fund = np.where(l_keg, _cat(FUNDING, rng.integers(0, len(FUNDING), L)), "apbd").astype(object)
    l_fund[l_sub] = "apbd"
    l_table = np.array([f"B.{k + 1}" for k in range(int(n_sas.max()))], dtype=object)[tab_k[l_tab]]

    # headline table: program lines and a headline total
    n_prog = rng.integers(3, 6, size=N * Y)
    h_ay, h_no0 = _segments(n_prog + 1)
    H = len(h_ay)
    h_total = h_no0 == n_prog[h_ay]
    h_pagu = np.round(rng.uniform(0.5e9, 12e9, H), -3)
    h_real = np.round(h_pagu * np.clip(rng.normal(0.88, 0.07, H), 0.4, 1.0))
    ay_pagu = np.bincount(h_ay, np.where(h_total, 0.0, h_pagu), minlength=N * Y)
    ay_real = np.bincount(h_ay, np.where(h_total, 0.0, h_real), minlength=N * Y)
    h_pagu = np.where(h_total, ay_pagu[h_ay], h_pagu)
    h_real = np.where(h_total, ay_real[h_ay], h_real)
    h_prog = np.where(h_total, None, _cat(PROGRAMS, (h_no0 + ay_agency[h_ay]) % len(PROGRAMS)))
    # the same total stated again in the text (sometimes with another realisasi)
    text_ay = np.flatnonzero(rng.random(N * Y) < 0.1)
    text_slip = rng.random(len(text_ay)) < 0.15
    slips.stated_total += int(text_slip.sum())
    t_real = ay_real[text_ay] - np.where(text_slip, np.round(rng.uniform(1e6, 5e8, len(text_ay)), -3), 0.0)

    b_ay = np.r_[l_ay, h_ay, text_ay]
    b_line = np.r_[l_no0, h_no0, np.zeros(len(text_ay), dtype=np.int64)] + 1
    b_type = np.r_[np.where(l_total, 2, np.where(l_sub, 1, 0)), np.where(h_total, 2, 1),
                   np.full(len(text_ay), 2)]
    b_pagu = np.r_[pagu, h_pagu, ay_pagu[text_ay]]
    b_real = np.r_[l_real, h_real, t_real]
    B = len(b_ay)
    with np.errstate(divide="ignore", invalid="ignore"):
        b_pct = np.where(b_pagu > 0, np.round(b_real / b_pagu * 100.0, 2), np.nan)
    b_kind = np.r_[np.zeros(L, dtype=np.int64), np.ones(H, dtype=np.int64), np.full(len(text_ay), 2)]
    b_pct[b_kind == 2] = np.nan
    v = rng.random(B)
    pct_slip = (v < 0.008) & ~np.isnan(b_pct)
    b_pct[pct_slip] = np.round(b_pct[pct_slip] + rng.choice([-1, 1], int(pct_slip.sum()))
                               * rng.uniform(2, 15, int(pct_slip.sum())), 2)
    slips.budget_pct += int(pct_slip.sum())
    garbled = (v >= 0.008) & (v < 0.01) & ~np.isnan(b_pct) & (b_real > 1000)
    b_pct[garbled] = b_real[garbled]
    slips.budget_pct_garbled += int(garbled.sum())
    with_sisa = np.r_[tab_ay[l_tab] % 3 == 0, np.ones(H, dtype=bool), np.zeros(len(text_ay), dtype=bool)]
    b_sisa = np.where(with_sisa, b_pagu - b_real, np.nan)
    sisa_slip = with_sisa & (rng.random(B) < 0.005)
    b_sisa[sisa_slip] = b_real[sisa_slip]
    slips.budget_sisa += int(sisa_slip.sum())
    b_table = np.r_[l_table, np.full(H, HEADLINE_TABLE, dtype=object), np.full(len(text_ay), TEXT_TABLE, dtype=object)]
    b_headline = np.r_[np.full(L, None, dtype=object), np.where(h_total, True, None),
                       np.full(len(text_ay), None, dtype=object)]
    b_ind = np.r_[ind_ids[l_ind], np.full(H + len(text_ay), None, dtype=object)]
    b_sline = np.r_[600 + 30 * tab_k[l_tab] + l_no0, 500 + h_no0, np.full(len(text_ay), 120)]
    b_order = np.lexsort((b_line, b_sline, ay_year[b_ay], ay_agency[b_ay]))
    budget_df = _frame("budget", {
        "agency_id": agency_ids[ay_agency[b_ay]], "year": year_values[ay_year[b_ay]], "budget_table": b_table,
        "line_no": b_line, "line_type": _cat(("kegiatan", "program", "total"), b_type),
        "program": np.r_[l_prog, h_prog, np.full(len(text_ay), None, dtype=object)],
        "kegiatan": np.r_[l_kegname, np.full(H + len(text_ay), None, dtype=object)],
        "funding_source": np.r_[l_fund, np.full(H + len(text_ay), "apbd", dtype=object)],
        "pagu": b_pagu, "realisasi": b_real, "reported_pct": b_pct, "reported_sisa": b_sisa,
        "indicator_id": b_ind, "headline": b_headline, "source": sources[b_ay], "source_line": b_sline,
    }).iloc[b_order].reset_index(drop=True)

    # ------------------------------------------------------------------ efficiency (for a third of agency-years)
    tot = np.flatnonzero(l_total)
    e_ay = l_ay[tot]
    chosen = (rng.random(N * Y) < 0.33)[e_ay]
    tot, e_ay = tot[chosen], e_ay[chosen]
    e_ind = l_ind[tot]
    # the annual performance row of (agency-year, indicator): rows are blocks of n_ind per agency-year
    ay_row_start = np.cumsum(n_ind[ay_agency]) - n_ind[ay_agency]
    annual_row = ay_row_start[e_ay] + (e_ind - ind_start[ay_agency[e_ay]])
    e_cap = capaian(pd.Series(target[annual_row]), pd.Series(real[annual_row]),
                    pd.Series(pol[annual_row])).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        e_ser = np.where(pagu[tot] > 0, l_real[tot] / pagu[tot] * 100.0, np.nan)
    E = len(tot)
    w = rng.random(E)
    e_eff = np.where(w < 0.75, e_cap - e_ser, 100.0 - e_ser)
    eff_slip = (w > 0.93) & ~np.isnan(e_eff)
    e_eff[eff_slip] += rng.uniform(3, 20, int(eff_slip.sum()))
    slips.efficiency += int(eff_slip.sum())
    e_eff = np.round(e_eff, 2)
    show = rng.random(E) < 0.5
    keep = ~np.isnan(e_eff)
    efficiency_df = _frame("efficiency", {
        "agency_id": agency_ids[ay_agency[e_ay]], "year": year_values[ay_year[e_ay]], "indicator_id": ind_ids[e_ind],
        "reported_capaian": np.where(show, np.round(e_cap, 2), np.nan),
        "reported_serapan": np.where(show, np.round(e_ser, 2), np.nan), "reported_efisiensi": e_eff,
        "source": sources[e_ay], "source_line": 700 + 30 * tab_k[l_tab[tot]],
    })[keep].reset_index(drop=True)

    # ------------------------------------------------------------------ PMKS
    n_pm = 1 + (rng.random(N * Y) < 0.6)
    pm_ay, pm_k = _segments(n_pm)
    P = len(pm_ay)
    den = np.round(rng.uniform(1_000, 300_000, P))
    num = np.round(den * rng.uniform(0.02, 0.7, P))
    pm_pct = np.round(num / den * 100.0, 2)
    pm_slip = rng.random(P) < 0.02
    pm_pct[pm_slip] = np.round(pm_pct[pm_slip] + rng.uniform(0.5, 5, int(pm_slip.sum())), 2)
    slips.pmks += int(pm_slip.sum())
    pm_ind = np.where(rng.random(P) < 0.5, ind_ids[ind_start[ay_agency[pm_ay]]], None)
    pmks_df = _frame("pmks", {
        "agency_id": agency_ids[ay_agency[pm_ay]], "year": year_values[ay_year[pm_ay]],
        "measure": _cat(("pmks_ditangani", "pmks_mandiri"), pm_k), "numerator": num, "denominator": den,
        "reported_pct": pm_pct,
        "numerator_label": _cat(("PMKS yang ditangani", "PMKS yang mandiri"), pm_k),
        "denominator_label": _cat(("populasi PMKS", "PMKS terdata"), pm_k),
        "indicator_id": pm_ind, "source": sources[pm_ay], "source_line": 450 + pm_k,
    })

    # ------------------------------------------------------------------ benchmarks
    last_row = ay_row_start[ay_agency * Y + (Y - 1)][ind_agency] + ind_pos  # last year's annual row per indicator
    end_value = np.where(lower, 0.9, 1.1) * np.where(np.isnan(target[last_row]), base, target[last_row])
    end_value = _round(end_value, t_dec)
    has_end = rng.random(K) < 0.5
    end_text = has_end & (rng.random(K) < 0.03)
    has_nat = iku & (rng.random(K) < 0.3)
    parts = []
    idx = np.flatnonzero(has_end)
    parts.append({"ind": idx, "year": np.full(len(idx), min(first_year + Y - 1 + 2, YEAR_MAX)), "kind": 0,
                  "region": np.full(len(idx), None, dtype=object),
                  "value": np.where(end_text[idx], np.nan, end_value[idx]),
                  "text": np.where(end_text[idx], "Meningkat", None), "line": ind_line[idx] + 2})
    idx = np.flatnonzero(has_nat)
    parts.append({"ind": idx, "year": np.full(len(idx), first_year + Y - 1), "kind": 1,
                  "region": np.full(len(idx), None, dtype=object), "value": end_value[idx] * 1.0,
                  "text": np.full(len(idx), None, dtype=object), "line": ind_line[idx] + 2})
    # renstra targets per year for the first indicator of some agencies
    ren_agency = np.flatnonzero(rng.random(N) < 0.3)
    ren_ay = (ren_agency[:, None] * Y + np.arange(Y)[None, :]).ravel()
    ren_row = ay_row_start[ren_ay]
    parts.append({"ind": ind_start[ay_agency[ren_ay]], "year": year_values[ay_year[ren_ay]], "kind": 2,
                  "region": np.full(len(ren_ay), None, dtype=object),
                  "value": np.where(np.isnan(target[ren_row]), base[ind_start[ay_agency[ren_ay]]], target[ren_row]),
                  "text": np.full(len(ren_ay), None, dtype=object), "line": np.full(len(ren_ay), 180)})
    # three neighbouring regions' realisasi of the first indicator, for 30% of agency-years
    reg_ay = np.repeat(np.flatnonzero(rng.random(N * Y) < 0.3), 3)
    reg_k = np.tile(np.arange(1, 4), len(reg_ay) // 3)
    reg_row = ay_row_start[reg_ay]
    reg_base = np.where(np.isnan(real[reg_row]), base[r_ind[reg_row]], real[reg_row])
    parts.append({"ind": ind_start[ay_agency[reg_ay]], "year": year_values[ay_year[reg_ay]], "kind": 3,
                  "region": region_names[(ay_agency[reg_ay] + reg_k) % N] if N > 3 else
                  np.array([f"Daerah Sintetis {k}" for k in reg_k], dtype=object),
                  "value": _round(reg_base * rng.uniform(0.8, 1.2, len(reg_ay)), t_dec[r_ind[reg_row]]),
                  "text": np.full(len(reg_ay), None, dtype=object), "line": ind_line[r_ind[reg_row]] + 5})
    bm_ind = np.concatenate([p["ind"] for p in parts])
    bm_kind = np.concatenate([np.full(len(p["ind"]), p["kind"]) for p in parts])
    bm_year = np.concatenate([p["year"] for p in parts])
    bm_order = np.lexsort((bm_kind, bm_year, ind_pos[bm_ind], ind_agency[bm_ind]))
    benchmarks_df = _frame("benchmarks", {
        "agency_id": agency_ids[ind_agency[bm_ind]], "indicator_id": ind_ids[bm_ind], "year": bm_year,
        "kind": _cat(("rpjmd_end", "national", "renstra", "region"), bm_kind),
        "region": np.concatenate([p["region"] for p in parts]),
        "value": np.concatenate([p["value"] for p in parts]),
        "value_text": np.concatenate([p["text"] for p in parts]),
        "source": sources[ind_agency[bm_ind] * Y + np.minimum(bm_year - first_year, Y - 1)],
        "source_line": np.concatenate([p["line"] for p in parts]),
    }).iloc[bm_order].reset_index(drop=True)

    # ------------------------------------------------------------------ AKIP scores
    ak_ay = np.flatnonzero(rng.random(N * Y) < 0.6)
    new_rules = year_values[ay_year[ak_ay]] >= 2022
    n_comp = np.where(new_rules, len(WEIGHTS_2021), len(WEIGHTS_2015)) + 1
    c_ay_i, c_k = _segments(n_comp)
    c_new = new_rules[c_ay_i]
    c_total = c_k == n_comp[c_ay_i] - 1
    names15, names21 = list(WEIGHTS_2015), list(WEIGHTS_2021)
    comp_name = np.where(c_total, "total", np.where(c_new, _cat(names21 + ["total"], np.minimum(c_k, 4)),
                                                     _cat(names15 + ["total"], np.minimum(c_k, 5))))
    weights = np.where(c_total, np.nan, np.where(c_new, np.array(list(WEIGHTS_2021.values()) + [0, 0])[c_k],
                                                  np.array(list(WEIGHTS_2015.values()) + [0])[c_k]))
    quality = rng.uniform(0.55, 0.97, len(ak_ay))
    score = np.round(weights * np.clip(quality[c_ay_i] + rng.normal(0, 0.05, len(c_k)), 0.3, 1.0), 2)
    sums = np.bincount(c_ay_i, np.where(c_total, 0.0, score), minlength=len(ak_ay))
    total_score = np.round(sums, 2)
    ak_slip = rng.random(len(ak_ay)) < 0.02
    total_score[ak_slip] = np.round(total_score[ak_slip] + rng.uniform(0.02, 0.5, int(ak_slip.sum())), 2)
    slips.akip_total += int(ak_slip.sum())
    pred = predikat_akip(pd.Series(total_score)).to_numpy(dtype=object)
    labels = ["D", "C", "CC", "B", "BB", "A", "AA"]
    pred_slip = rng.random(len(ak_ay)) < 0.01
    pred[pred_slip] = [labels[min(labels.index(p) + 1, 6)] if p != "AA" else "A" for p in pred[pred_slip]]
    slips.akip_predikat += int(pred_slip.sum())
    score = np.where(c_total, total_score[c_ay_i], score)
    c_ay = ak_ay[c_ay_i]
    akip_df = _frame("akip_scores", {
        "agency_id": agency_ids[ay_agency[c_ay]], "year": year_values[ay_year[c_ay]], "component": comp_name,
        "weight": weights, "score": score, "reported_predikat": np.where(c_total, pred[c_ay_i], None),
        "source": sources[c_ay], "source_line": 530 + c_k,
    })

    # ------------------------------------------------------------------ facts
    f_ay = np.repeat(np.arange(N * Y), 2)
    f_k = np.tile(np.arange(2), N * Y)
    facts_df = _frame("facts", {
        "agency_id": agency_ids[ay_agency[f_ay]], "year": year_values[ay_year[f_ay]],
        "topic": _cat(("apbd", "psks_jenis"), f_k),
        "label": _cat(("total anggaran perangkat daerah (teks)", "jenis PSKS yang aktif"), f_k),
        "value": np.where(f_k == 0, ay_pagu[f_ay], rng.integers(5, 13, len(f_k))).astype("float64"),
        "unit": _cat(("Rp", "jenis"), f_k), "source": sources[f_ay], "source_line": 100 + f_k,
    })

    tables = {"agencies": agencies_df, "indicators": indicators_df, "performance": performance_df,
              "budget": budget_df, "efficiency": efficiency_df, "pmks": pmks_df, "benchmarks": benchmarks_df,
              "akip_scores": akip_df, "facts": facts_df}
    tables = {name: tables[name] for name in TABLES}
    return Dataset(tables, f"(synthetic seed={seed})"), slips.__dict__.copy()


def _readme(agencies: int, years: int, seed: int, fmt: str, ds: Dataset, slips: dict) -> str:
    counts = "\n".join(f"| `{name}` | {len(frame):,} |" for name, frame in ds.tables.items())
    slip_rows = "\n".join(f"| {k} | {v:,} |" for k, v in slips.items())
    return f"""# DATASET SINTETIS — bukan data nyata

Folder ini dibuat oleh `lkjip synth` (`lkjip_analysis.io.synth.write_synthetic`) untuk benchmark dan tes skala.
**Semua instansi, angka dan berkas sumber di sini dikarang oleh pembangkit acak** (benih {seed}); jangan
dipakai sebagai informasi tentang pemerintah daerah mana pun.

SYNTHETIC DATA — generated for benchmarks and scale tests; no figure describes a real agency.

- instansi: {agencies:,}; tahun per instansi: {years:,}; instansi-tahun: {agencies * years:,}
- format: {fmt} (satu berkas per tabel + `datapackage.json`; muat dengan `lkjip_analysis.load_dataset`)
- dibuat ulang sama persis (byte demi byte) dengan: `lkjip synth --agencies {agencies} --years {years} --seed {seed} --format {fmt} --out FOLDER`

## Baris per tabel

| tabel | baris |
|---|---|
{counts}

## Kekeliruan yang sengaja disisipkan (untuk fitur audit)

| jenis | jumlah |
|---|---|
{slip_rows}
"""


def write_synthetic(out: str | Path, agencies: int, years: int, seed: int = 0, fmt: str = "csv") -> Dataset:
    """Write a SYNTHETIC dataset (invented agencies and figures) to folder ``out``; return it.

    For benchmarks and scale tests only: nothing in it describes a real agency. The folder
    holds one file per table (CSV, or Parquet with ``fmt="parquet"``), ``datapackage.json`` and a
    ``README.md`` that says the data are synthetic and how many deliberate slips were put in for
    the audit. It is written atomically (built next to ``out`` and swapped in), valid under
    ``lkjip validate``, and identical byte for byte for the same arguments.

    Parameters
    ----------
    out : str or Path
        Dataset folder (created or replaced).
    agencies, years : int
        Number of agencies and of years per agency (``agencies × years`` agency-years).
    seed : int
        Seed of the random generator.
    fmt : {"csv", "parquet"}

    Returns
    -------
    Dataset

    Examples
    --------
    >>> import tempfile
    >>> ds = write_synthetic(tempfile.mkdtemp() + "/synth", agencies=3, years=2, seed=1)
    >>> ds.agency_ids[0].startswith("synth-"), len(ds.agency_years())
    (True, 6)
    """
    from .writers import DATA_FORMATS, save_dataset

    if fmt not in DATA_FORMATS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("format", fmt, DATA_FORMATS)
    ds, slips = make_synthetic(agencies, years, seed)
    readme = _readme(agencies, years, seed, fmt, ds, slips)
    save_dataset(ds, out, name="lkjip-synthetic", fmt=fmt, extra_files={"README.md": readme},
                 title=f"Dataset LKjIP SINTETIS ({agencies} instansi × {years} tahun, benih {seed})")
    return Dataset(ds.tables, str(out), "")
