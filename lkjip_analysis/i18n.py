"""Every id/en text of the package, by key: one table per language, one lookup for coded values.

Text is always found by its key, never by matching the Indonesian wording, so rewording a text
cannot silently lose its translation; ``tests/package/test_i18n.py`` checks that every key exists in
both languages with the same ``str.format`` placeholders.

- :func:`t` ``(key, lang, **fields)``: the text of ``key`` in ``lang`` with its placeholders filled.
- :func:`label` ``(kind, code, lang)``: the label of a coded value (a status, a severity, ...).
- :func:`message` ``(key, **fields)``: a :class:`Message`, the Indonesian text that remembers its key
  and fields (a review question, a reader's note, one problem of a params file); :func:`render` says
  it (or an error of the package) in another language.

Errors are made from keys too (``LkjipError.from_key``; ``tests/package/test_error_messages.py`` fails on
an error given a literal message), and the ``lkjip`` command prints in ``--lang`` / ``$LKJIP_LANG``.

This module imports nothing from the package (every module may use it).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

#: Languages of the package; the first is the default (the CLI's language).
LANGS = ("id", "en")
DEFAULT_LANG = "id"

#: Texts by key, per language.
TEXTS: dict[str, dict[str, str]] = {"id": {}, "en": {}}

#: Labels of coded values: ``LABELS[kind][lang][code]``.
LABELS: dict[str, dict[str, dict[str, str]]] = {}


def _add(texts: Mapping[str, tuple[str, str]]) -> None:
    """Register ``{key: (Indonesian, English)}`` (a key may be given once only)."""
    for key, (id_text, en_text) in texts.items():
        if key in TEXTS["id"]:
            raise AssertionError(f"i18n key {key!r} defined twice")  # an invariant of this module
        TEXTS["id"][key] = id_text
        TEXTS["en"][key] = en_text


def _add_labels(kind: str, labels: Mapping[str, tuple[str, str]]) -> None:
    """Register the labels of one kind of coded value: ``{code: (Indonesian, English)}``."""
    LABELS[kind] = {"id": {c: v[0] for c, v in labels.items()}, "en": {c: v[1] for c, v in labels.items()}}


def check_lang(lang: str | None) -> str:
    """``lang`` as one of :data:`LANGS` (None: the default); an unknown language is an error.

    >>> check_lang("EN")
    'en'
    """
    name = DEFAULT_LANG if lang is None else str(lang).strip().lower()
    if name not in LANGS:
        from .exceptions import UnknownMethodError

        raise UnknownMethodError("lang", str(lang), LANGS)
    return name


def t(key: str, lang: str | None = DEFAULT_LANG, /, **fields: object) -> str:
    """The text of ``key`` in ``lang``, with ``fields`` put into its ``str.format`` placeholders.

    >>> t("error.unknown_agency", "en", agency_id="'dinsos'")
    "agency_id 'dinsos' is not in the dataset"

    Raises
    ------
    KeyError
        ``key`` is not a text of the package (a programming error, not a user's).
    """
    text = TEXTS[check_lang(lang)][key]
    return text.format(**fields) if fields else text


def label(kind: str, code: object, lang: str | None = DEFAULT_LANG, default: str | None = None) -> str:
    """The label of the coded value ``code`` of ``kind`` in ``lang`` (``default``, else the code, when unknown).

    >>> label("value.severity", "info", "en")
    'note'
    """
    table = LABELS[kind][check_lang(lang)]
    if code in table:
        return table[code]
    return str(code) if default is None else default


class Message(str):
    """A text made from an i18n key: the string is its Indonesian text, :meth:`render` gives any language.

    It is a ``str`` so that code and data keeping the Indonesian text (a review sheet, a note, a list
    of problems joined by ``"; "``) need not change; a writer that knows the reader's language calls
    :meth:`render` (or :func:`render`). Joining or formatting it makes a plain ``str`` again.

    >>> m = message("error.synth_years", count=30)
    >>> m, m.render("en")
    ('paling banyak 30 tahun', 'at most 30 years')
    """

    key: str
    fields: dict

    def __new__(cls, key: str, fields: Mapping[str, object] | None = None):
        fields = dict(fields or {})
        self = super().__new__(cls, t(key, DEFAULT_LANG, **_rendered(fields, DEFAULT_LANG)))
        self.key, self.fields = key, fields
        return self

    def __reduce__(self):  # pickles (crosses process boundaries) with its key
        return (Message, (self.key, self.fields))

    def render(self, lang: str | None = DEFAULT_LANG) -> str:
        """The text in ``lang``; fields that are themselves translatable are rendered in ``lang`` too."""
        return t(self.key, lang, **_rendered(self.fields, lang))


def message(key: str, /, **fields: object) -> Message:
    """The :class:`Message` of ``key`` with ``fields`` (raises ``KeyError`` for an unknown key)."""
    return Message(key, fields)


def render(text: object, lang: str | None = DEFAULT_LANG) -> str:
    """``text`` in ``lang`` when it can say itself in ``lang`` (a :class:`Message`, a package error), else ``str(text)``.

    >>> render(message("params.empty"), "en"), render(42, "en")
    ('the params file is empty', '42')
    """
    method = getattr(text, "render", None)
    return method(lang) if callable(method) and not isinstance(text, type) else str(text)


def _rendered(fields: Mapping[str, object], lang: str | None) -> dict[str, object]:
    return {k: render(v, lang) if hasattr(v, "render") else v for k, v in fields.items()}


def labels(kind: str, lang: str | None = DEFAULT_LANG) -> dict[str, str]:
    """Every ``{code: label}`` of ``kind`` in ``lang`` (a copy)."""
    return dict(LABELS[kind][check_lang(lang)])


def placeholders(text: str) -> set[str]:
    """Names of the ``str.format`` placeholders of ``text``.

    >>> sorted(placeholders("{n} dari {total:.0f}"))
    ['n', 'total']
    """
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


# --------------------------------------------------------------------------- errors

_add({
    "error.invalid_dataset": ("Dataset {path} tidak valid: {count} masalah",
                              "Dataset {path} is invalid: {count} problems"),
    "error.invalid_dataset_nopath": ("Dataset tidak valid: {count} masalah", "Dataset is invalid: {count} problems"),
    "error.more_problems": ("... dan {count} masalah lain", "... and {count} more problems"),
    "error.problem_row": (", baris {row}", ", row {row}"),
    "error.problem_column": (", kolom '{column}'", ", column '{column}'"),
    "error.problem_value": (": nilai {value}", ": value {value}"),
    "error.not_a_number": ("{text} bukan angka yang sah: {reason}", "{text} is not a valid number: {reason}"),
    "error.unknown_choice": ("{kind} {name} tidak dikenal; pilihan: {choices}",
                             "unknown {kind} {name}; choices: {choices}"),
    "error.params_refused": ("{count} berkas params ditolak:", "{count} params files refused:"),
    "error.unknown_agency": ("agency_id {agency_id} tidak ada di dataset",
                             "agency_id {agency_id} is not in the dataset"),
    "error.unknown_table": ("tabel tidak dikenal: {name}; tabel: {tables}", "unknown table: {name}; tables: {tables}"),
    "error.not_a_frame": ("{name} harus DataFrame, bukan {type}", "{name} must be a DataFrame, not {type}"),
    "error.not_a_figure": ("fig harus matplotlib Figure, bukan {type}", "fig must be a matplotlib Figure, not {type}"),
    "error.not_positive_int": ("{name} harus bilangan bulat ≥ 1, bukan {value}",
                               "{name} must be an integer ≥ 1, not {value}"),
    "error.missing_columns": ("{name}: kolom tidak ada: {columns}", "{name}: missing columns: {columns}"),
    "error.not_a_column_name": ("column harus nama kolom, bukan {value}", "column must be a column name, not {value}"),
    "error.not_a_slug": ("agency_id {agency_id} harus slug: huruf kecil, angka dan tanda hubung",
                         "agency_id {agency_id} must be a slug: lower-case letters, digits and hyphens"),
    "error.synth_counts": ("jumlah instansi dan tahun minimal 1", "agencies and years must be at least 1"),
    "error.synth_years": ("paling banyak {count} tahun", "at most {count} years"),
    "error.akip_range": ("nilai AKIP harus antara 0 dan 100, bukan {value}", "AKIP score must lie between 0 and 100, "
                         "not {value}"),
    "error.lengths_differ": ("panjang Series berbeda: {first} dan {other}",
                             "Series lengths differ: {first} and {other}"),
    "error.missing_dependency": ("{package} tidak terpasang ({detail}); {hint}",
                                 "{package} is not installed ({detail}); {hint}"),
    "error.chromium_not_found": ("Chromium tidak ditemukan; {hint}", "Chromium was not found; {hint}"),
    "error.weasyprint_missing": ("PDF tidak dibuat: WeasyPrint tidak tersedia ({detail}). {hint}",
                                 "No PDF made: WeasyPrint is not available ({detail}). {hint}"),
})

#: Names of the kinds of choice in :class:`~lkjip_analysis.exceptions.UnknownMethodError`.
_add_labels("choice_kind", {
    "scale": ("skala kategori", "category scale"),
    "efficiency method": ("metode efisiensi", "efficiency method"),
    "method": ("metode indikator menurun", "lower-is-better method"),
    "polarity": ("polaritas", "polarity"),
    "lang": ("bahasa", "language"),
    "format": ("format", "format"),
    "decimal": ("pemisah desimal", "decimal separator"),
    "aggregation": ("agregasi", "aggregation"),
    "severity": ("tingkat", "severity"),
    "level": ("tingkat pemerintahan", "level"),
})

# --------------------------------------------------------------------------- plots

#: Figure titles, axis labels, legends (:mod:`lkjip_analysis.report.plots`, ``plots.LABELS``).
_add({
    "plots.no_data": ("Tidak ada data", "No data"),
    "plots.capaian_title": ("Capaian per indikator", "Achievement per indicator"),
    "plots.first_of": ("{n} pertama dari {total}", "first {n} of {total}"),
    "plots.capaian_axis": ("Capaian (%)", "Achievement (%)"),
    "plots.indicator": ("Indikator", "Indicator"),
    "plots.target_line": ("Target (100%)", "Target (100%)"),
    "plots.not_computable": ("tidak dapat dihitung", "cannot be computed"),
    "plots.no_kategori": ("Tanpa kategori", "No category"),
    "plots.bars_clipped": (
        "Batang di luar {lo}–{hi}% dipotong (ujung bergaris); angka menunjukkan nilai sebenarnya.",
        "Bars outside {lo}–{hi}% are cut (striped tip); the numbers give the true value."),
    "plots.trend_title": ("Tren multi-tahun", "Multi-year trend"),
    "plots.year": ("Tahun", "Year"),
    "plots.value": ("Nilai", "Value"),
    "plots.realisasi": ("Realisasi", "Actual"),
    "plots.target": ("Target", "Target"),
    "plots.indicators_of": ("{n} dari {total} indikator", "{n} of {total} indicators"),
    "plots.quarterly_title": ("Capaian triwulan", "Quarterly achievement"),
    "plots.quarter": ("Triwulan", "Quarter"),
    "plots.realisasi_q": ("Realisasi per triwulan", "Actual per quarter"),
    "plots.target_q": ("Target per triwulan", "Target per quarter"),
    "plots.target_cum": ("Target kumulatif", "Cumulative target"),
    "plots.realisasi_cum": ("Realisasi kumulatif", "Cumulative actual"),
    "plots.agg_cumulative": ("kumulatif", "cumulative"),
    "plots.agg_last": ("posisi akhir triwulan", "end-of-quarter position"),
    "plots.agg_per_quarter": ("per triwulan", "per quarter"),
    "plots.scatter_title": ("Capaian kinerja vs serapan anggaran", "Performance achievement vs budget absorption"),
    "plots.serapan_axis": ("Serapan anggaran (%)", "Budget absorption (%)"),
    "plots.capaian_kinerja_axis": ("Capaian kinerja (%)", "Performance achievement (%)"),
    "plots.q_top_left": ("Efisien: capaian tinggi,\nserapan rendah", "Efficient: high achievement,\nlow absorption"),
    "plots.q_top_right": ("Efektif,\nanggaran\nterserap", "Effective,\nbudget\nabsorbed"),
    "plots.q_bottom_left": ("Kinerja & serapan\nrendah", "Low performance\n& absorption"),
    "plots.q_bottom_right": ("Boros: serapan\ntinggi, capaian\nrendah", "Wasteful: high\nabsorption, low\nachievement"),
    "plots.points_dropped": (
        "{n} indikator tanpa capaian atau serapan tidak ditampilkan",
        "{n} indicator(s) without achievement or absorption not shown"),
    "plots.budget_title": ("Pagu dan realisasi anggaran", "Budget allocation (pagu) and spending"),
    "plots.pagu": ("Pagu", "Allocation (pagu)"),
    "plots.budget_realisasi": ("Realisasi", "Spending (realisasi)"),
    "plots.budget_axis": ("Anggaran (Rp{suffix})", "Budget (IDR{suffix})"),
    "plots.currency": ("Rp", "IDR"),
    "plots.serapan_label": ("serapan {v}%", "absorption {v}%"),
    "plots.serapan_printed_label": ("serapan tercetak {v}%", "printed absorption {v}%"),
    "plots.serapan_unknown_label": ("serapan: pagu tidak ada", "absorption: no pagu"),
    "plots.budget_no_pagu": ("Pagu baris tidak tercantum di sumber: batang realisasi saja, serapan seperti tercetak",
                             "The source gives no pagu per line: realisasi bars only, absorption as printed"),
    "plots.comparison_title": (
        "Perbandingan dengan daerah lain dan target",
        "Comparison with other regions and targets"),
    "plots.own": ("Instansi ini", "This agency"),
    "plots.region": ("Daerah lain", "Other regions"),
    "plots.kind_national": ("Target nasional", "National target"),
    "plots.kind_rpjmd_end": ("Target akhir RPJMD", "RPJMD end target"),
    "plots.kind_renstra_end": ("Target akhir Renstra", "Renstra end target"),
    "plots.kind_renstra": ("Target Renstra", "Renstra target"),
    "plots.dist_title": ("Sebaran capaian per instansi", "Distribution of achievement per agency"),
    "plots.dist_title_levels": (
        "Sebaran capaian menurut tingkat pemerintahan ({n} instansi)",
        "Distribution of achievement by level of government ({n} agencies)"),
    "plots.agency": ("Instansi", "Agency"),
    "plots.count": ("Jumlah nilai", "Number of values"),
    "plots.clipped": (
        "Nilai capaian di luar 0–200% ({n}) ditampilkan pada batas 0 atau 200.",
        "Achievement values outside 0–200% ({n}) are shown at 0 or 200."),
    "plots.level_summary": (
        "{level}: {agencies} instansi, {values} nilai, median {median}%",
        "{level}: {agencies} agencies, {values} values, median {median}%"),
    "plots.level_unknown": ("Tingkat tidak diketahui", "Level unknown"),
    "plots.level_provinsi": ("Provinsi", "Province"),
    "plots.level_kabupaten": ("Kabupaten", "Regency (kabupaten)"),
    "plots.level_kota": ("Kota", "City (kota)"),
    "plots.rank_title": ("Peringkat instansi menurut {column}", "Agencies ranked by {column}"),
    "plots.rank_subtitle": (
        "{top} teratas dan {top} terbawah dari {total} instansi",
        "top {top} and bottom {top} of {total} agencies"),
    "plots.rank_hidden": ("… {n} instansi lain tidak ditampilkan …", "… {n} other agencies not shown …"),
    "plots.rank_top": ("{n} teratas", "Top {n}"),
    "plots.rank_bottom": ("{n} terbawah", "Bottom {n}"),
    "plots.pmks_title": ("Persentase PMKS", "PMKS rates"),
    "plots.pmks_axis": ("Persentase (%)", "Rate (%)"),
    "plots.pmks_rate": ("Dihitung dari pembilang / penyebut", "Computed from numerator / denominator"),
    "plots.pmks_reported": ("Tercetak di laporan", "Printed in the report"),
    "plots.pmks_printed": ("tercetak {v}%", "printed {v}%"),
    "plots.period_prefix": ("TW", "Q"),
})

# --------------------------------------------------------------------------- sections (agency report)

#: Texts of the agency report's sections (:mod:`lkjip_analysis.report.sections`, ``sections.T``).
_add({
    "sections.no_data": (
        "Tidak ada data {what} untuk instansi ini pada tahun {year}.",
        "There is no {what} data for this agency in {year}."),
    "sections.what_capaian": ("capaian indikator", "indicator achievement"),
    "sections.what_trend": ("multi-tahun", "multi-year"),
    "sections.what_quarter": ("triwulan", "quarterly"),
    "sections.what_pmks": ("PMKS", "PMKS"),
    "sections.what_budget": ("anggaran", "budget"),
    "sections.what_eff": (
        "efisiensi (anggaran yang dikaitkan dengan indikator)",
        "efficiency (budget linked to indicators)"),
    "sections.what_comp": (
        "pembanding (daerah lain, target RPJMD/Renstra atau nasional)",
        "comparison (other regions, RPJMD/Renstra or national targets)"),
    "sections.what_progress": ("target akhir RPJMD/Renstra", "RPJMD/Renstra end-of-plan target"),
    "sections.what_akip": ("nilai evaluasi AKIP", "AKIP evaluation"),
    "sections.intro": (
        "**{name}** ({level}, Provinsi {province}) — Laporan Kinerja tahun **{year}**.",
        "**{name}** ({level}, {province} province) — performance report (LKjIP) for **{year}**."),
    "sections.n_ind": (
        "Indikator dengan data tahunan: **{n}**, dengan capaian yang dapat dihitung: **{m}**.",
        "Indicators with annual data: **{n}**, with a computable achievement (capaian): **{m}**."),
    "sections.budget": (
        "Total pagu **Rp {pagu}**, realisasi **Rp {real}**, serapan anggaran **{ser}%** (sumber: {basis}).",
        "Total allocation (pagu) **IDR {pagu}**, spending **IDR {real}**, budget absorption (serapan) **{ser}%** "
        "(source: {basis})."),
    "sections.no_budget": ("Laporan ini tidak memuat tabel anggaran.", "This report has no budget table."),
    "sections.headline": (
        "Hasil IKU utama: *{ind}* — target {t} {u}, realisasi {r} {u}, capaian **{c}%** ({k}).",
        "Headline key indicator (IKU): *{ind}* — target {t} {u}, actual {r} {u}, achievement **{c}%** ({k})."),
    "sections.methods": (
        "Metode yang dipakai: skala kategori **{scale}** ({scale_src}); rumus indikator menurun (*lower is better*): "
        "**{lower}**; efisiensi anggaran: **{eff}** = {eff_formula} ({eff_src}).",
        "Methods used: category scale **{scale}** ({scale_src}); lower-is-better formula: **{lower}**; budget "
        "efficiency: **{eff}** = {eff_formula} ({eff_src})."),
    "sections.lower_standard": ("(2 × target − realisasi) / target × 100", "(2 × target − actual) / target × 100"),
    "sections.lower_ratio": ("target / realisasi × 100", "target / actual × 100"),
    "sections.cap_note": (
        "Capaian dihitung ulang dari target dan realisasi (realisasi / target × 100 untuk indikator naik); kolom "
        "'Capaian tercetak' adalah angka di laporan asli. Bila laporan tidak mencetak realisasi tahunan, angka "
        "tahunan diturunkan dari triwulan (kolom 'Dasar').",
        "Achievement is recomputed from target and actual (actual / target × 100 for higher-is-better indicators); "
        "'Printed achievement' is the figure in the original report. Where the report prints no annual actual, the "
        "year's figure is derived from the quarters (column 'Basis')."),
    "sections.tab_capaian": ("Tabel capaian per indikator, {year}", "Achievement per indicator, {year}"),
    "sections.tab_kategori": ("Jumlah indikator per kategori", "Indicators per category"),
    "sections.tab_trend": ("Realisasi dan capaian per tahun", "Actual and achievement per year"),
    "sections.tab_quarter": ("Capaian triwulan {year}", "Quarterly achievement {year}"),
    "sections.tab_pmks": ("Angka PMKS", "PMKS figures"),
    "sections.tab_progress": ("Tingkat kemajuan terhadap target akhir", "Progress towards the end-of-plan target"),
    "sections.tab_budget": (
        "Pagu, realisasi, serapan dan sisa per program/kegiatan, {year}",
        "Allocation, spending, absorption and unspent budget per programme/activity, {year}"),
    "sections.tab_eff": ("Efisiensi per indikator ({method})", "Efficiency per indicator ({method})"),
    "sections.tab_comp": ("Perbandingan dengan daerah lain dan target", "Comparison with other regions and targets"),
    "sections.tab_akip": ("Nilai evaluasi AKIP", "AKIP evaluation scores"),
    "sections.tab_budget_sum": ("Total anggaran per tahun", "Budget totals per year"),
    "sections.progress": (
        "*{ind}*: realisasi {r} dari target akhir {t} ({ty}) = tingkat kemajuan **{pct}%**; diperlukan kenaikan "
        "{pace} per tahun selama {yl} tahun tersisa.",
        "*{ind}*: actual {r} of end target {t} ({ty}) = progress **{pct}%**; a gain of {pace} per year is needed "
        "over the {yl} remaining years."),
    "sections.progress_done": (
        "*{ind}*: realisasi {r} dari target akhir {t} ({ty}) = tingkat kemajuan **{pct}%**; target akhir sudah "
        "tercapai.",
        "*{ind}*: actual {r} of end target {t} ({ty}) = progress **{pct}%**; the end target is already reached."),
    "sections.progress_late": (
        "*{ind}*: realisasi {r} dari target akhir {t} ({ty}) = tingkat kemajuan **{pct}%**; periode rencana sudah "
        "berakhir.",
        "*{ind}*: actual {r} of end target {t} ({ty}) = progress **{pct}%**; the plan period has ended."),
    "sections.pmks_line": (
        "{label}: {n} / {d} = **{rate}%** (tercetak: {rep}%).",
        "{label}: {n} / {d} = **{rate}%** (printed: {rep}%)."),
    "sections.pmks_implied": (
        "{label}: penyebut {d} {unit}; persentase tercetak **{rep}%**, setara ±{implied} {unit} (pembilang tidak "
        "dinyatakan laporan).",
        "{label}: denominator {d} {unit}; printed rate **{rep}%**, about {implied} {unit} (the report does not state "
        "the numerator)."),
    "sections.audit_none": (
        "Audit tidak menemukan angka yang tidak cocok untuk laporan ini.",
        "The audit found no printed figure that fails to add up in this report."),
    "sections.audit_intro": (
        "Setiap angka yang tercetak dihitung ulang dari inputnya. Ditemukan **{e}** kesalahan, **{w}** peringatan "
        "dan **{i}** catatan metode (kesalahan dan peringatan lebih dulu). Kolom Sumber/Baris menunjuk baris laporan "
        "asal angka.",
        "Every printed figure was recomputed from its inputs: **{e}** errors, **{w}** warnings and **{i}** method "
        "notes (errors and warnings first). Source/Line point at the report line of the figure."),
    "sections.tab_audit": ("Temuan audit kualitas data", "Data-quality audit findings"),
})

# --------------------------------------------------------------------------- sections: headings

#: Section headings of the agency report (``sections.HEADINGS``).
_add_labels("section_heading", {
    "ringkasan": ("Ringkasan", "Summary (ringkasan)"),
    "capaian": ("Capaian per indikator", "Achievement per indicator (capaian)"),
    "tren": ("Tren multi-tahun", "Multi-year trend"),
    "pmks": ("Penurunan PMKS", "PMKS reduction (penurunan PMKS)"),
    "efisiensi": ("Efisiensi anggaran", "Budget efficiency (efisiensi anggaran)"),
    "perbandingan": ("Perbandingan", "Comparison (perbandingan)"),
    "kualitas": ("Catatan kualitas data", "Data-quality notes (catatan kualitas data)"),
})

# --------------------------------------------------------------------------- regional report

#: Texts of the regional comparison (:mod:`lkjip_analysis.report.regional`, ``regional.T``).
_add({
    "regional.title": ("# {title}", "# {title}"),
    "regional.intro": (
        "Dataset: **{n_ag}** instansi, **{n_ay}** instansi-tahun ({years}); **{n_ind}** baris capaian tahunan, "
        "**{n_cap}** dengan capaian yang dapat dihitung. Metode: skala **{scale}**, efisiensi **{eff}** ({formula}).",
        "Dataset: **{n_ag}** agencies, **{n_ay}** agency-years ({years}); **{n_ind}** annual indicator rows, "
        "**{n_cap}** with a computable achievement (capaian). Methods: scale **{scale}**, efficiency **{eff}** "
        "({formula})."),
    "regional.h_dist": ("## Sebaran capaian per instansi", "## Achievement (capaian) distribution per agency"),
    "regional.dist_note": (
        "Median capaian semua indikator (satuan berbeda-beda; median dipakai sebagai ringkasan yang diberi label "
        "jelas, bukan rata-rata antar satuan).",
        "Median achievement across indicators (units differ; the median is a clearly labelled summary, not an "
        "average across units)."),
    "regional.h_rank": (
        "## Peringkat serapan anggaran dan efisiensi",
        "## Ranking by budget absorption (serapan) and efficiency"),
    "regional.h_pmks": ("## Angka PMKS berdampingan", "## PMKS rates side by side"),
    "regional.h_cov": ("## Apa yang dilaporkan dan yang tidak ada", "## What each agency reports and lacks"),
    "regional.tab_overview": ("Ringkasan per instansi-tahun", "Summary per agency-year"),
    "regional.tab_kat": ("Jumlah indikator per kategori per tingkat", "Indicators per category and government level"),
    "regional.tab_pmks": ("Angka PMKS per instansi", "PMKS figures per agency"),
    "regional.tab_cov": ("Jumlah baris per tabel (0 = tidak dilaporkan)", "Rows per table (0 = not reported)"),
    "regional.no_pmks": (
        "Tidak ada instansi dengan data PMKS di dataset ini.",
        "No agency in this dataset has PMKS data."),
    "regional.no_budget": (
        "Tidak ada instansi dengan data anggaran di dataset ini.",
        "No agency in this dataset has budget data."),
    "regional.no_eff": (
        "Tidak ada instansi dengan efisiensi per indikator (anggaran yang dikaitkan ke indikator).",
        "No agency has per-indicator efficiency (budget linked to indicators)."),
    "regional.rank_ser": ("Serapan anggaran", "Budget absorption (serapan)"),
    "regional.rank_eff": ("Efisiensi ({method})", "Efficiency ({method})"),
    "regional.h_audit": ("## Temuan audit kualitas data per instansi", "## Data-quality audit findings per agency"),
    "regional.tab_audit": (
        "Jumlah temuan per instansi dan tingkat (error = hitungan yang tidak mungkin benar)",
        "Findings per agency and severity (error = arithmetic that cannot be right)"),
    "regional.pmks_rank": ("PMKS: {measure} ({years})", "PMKS: {measure} ({years})"),
    "regional.years_latest": (
        "Tahun yang dibandingkan: **tahun terakhir tiap instansi** ({counts}); tahun setiap nilai tertulis di "
        "sampingnya. Parameter `year` memilih satu tahun untuk semua instansi.",
        "Years compared: **the latest year of each agency** ({counts}); the year of every value is shown next to it. "
        "The `year` parameter picks one year for all agencies."),
    "regional.years_fixed": (
        "Tahun yang dibandingkan: **{year}** untuk semua instansi ({n} instansi punya data tahun itu{missing}).",
        "Year compared: **{year}** for every agency ({n} agencies have data for it{missing})."),
    "regional.years_missing": ("; tanpa data {year}: {names}", "; no data for {year}: {names}"),
    "regional.latest_label": ("tahun terakhir tiap instansi", "latest year of each agency"),
    "regional.year_label": ("tahun {year}", "year {year}"),
    "regional.n_per_year": ("{year}: {n} instansi", "{year}: {n} agencies"),
    "regional.h_measures": ("## Perbandingan per ukuran bersama", "## Comparison per common measure"),
    "regional.measures_note": (
        "Indikator tiap instansi dipadankan ke ukuran bersama (crosswalk: {basis}); hanya indikator dengan ukuran "
        "dan satuan yang sama yang dibandingkan. **{n_comp}** nilai dari **{n_ag}** instansi untuk **{n_meas}** "
        "ukuran. *Target vs realisasi tahun lalu* = (target − realisasi tahun sebelumnya) / realisasi tahun "
        "sebelumnya × 100: angka negatif berarti target di bawah yang sudah dicapai, sehingga capaian tinggi "
        "terutama mencerminkan target yang rendah.",
        "Each agency's indicators are matched to common measures (crosswalk: {basis}); only indicators of the same "
        "measure and unit are compared. **{n_comp}** values from **{n_ag}** agencies for **{n_meas}** measures. "
        "*Target vs last year's actual* = (target − previous year's actual) / previous year's actual × 100: a "
        "negative figure means a target below what was already achieved, so a high achievement mostly reflects a low "
        "target."),
    "regional.basis_default": (
        "peta tertanam untuk instansi contoh, aturan nama untuk instansi lain",
        "embedded map for the sample agencies, name rules for the others"),
    "regional.basis_file": (
        "berkas {file}, lalu peta tertanam dan aturan nama",
        "file {file}, then the embedded map and the name rules"),
    "regional.no_measures": (
        "Tidak ada indikator yang dapat dipadankan ke ukuran bersama dengan satuan yang sama.",
        "No indicator could be matched to a common measure with the same unit."),
    "regional.tab_measures": (
        "Ukuran bersama: realisasi dan capaian per instansi, dengan tahun dan ambisi target",
        "Common measures: actual and achievement per agency, with year and target ambition"),
    "regional.fig_measure": (
        "{name} ({unit}): realisasi per instansi (tahun)",
        "{name} ({unit}): actual per agency (year)"),
    "regional.h_noncomp": ("## Yang tidak dapat dibandingkan dan alasannya", "## What cannot be compared, and why"),
    "regional.tab_noncomp_sum": (
        "Jumlah indikator yang tidak dibandingkan, per alasan",
        "Indicators not compared, per reason"),
    "regional.tab_noncomp": (
        "Indikator yang tidak dibandingkan (tahun yang dibandingkan)",
        "Indicators not compared (year compared)"),
    "regional.no_noncomp": ("Semua indikator dapat dibandingkan.", "Every indicator can be compared."),
    "regional.eff_dropped": (
        "Peringkat efisiensi tidak ditampilkan: efisiensi sebuah instansi adalah median (capaian − serapan) atas "
        "indikator yang berbeda-beda, sehingga peringkatnya membandingkan hal yang tidak sama. Efisiensi per "
        "indikator ada di laporan tiap instansi.",
        "No efficiency ranking: an agency's efficiency is the median (achievement − absorption) over indicators that "
        "differ from agency to agency, so ranking it compares unlike things. Efficiency per indicator is in each "
        "agency's report."),
    "regional.rank_ser_year": ("Serapan anggaran ({years})", "Budget absorption ({years})"),
    "regional.tab_audit_note": (
        "Kolom Jumlah = semua temuan instansi itu (error + peringatan + info), semua tahun.",
        "Column Count = every finding of that agency (errors + warnings + info), all years."),
})

# --------------------------------------------------------------------------- regional: reasons

#: Why an indicator is not compared (reason codes of ``regional.compare_measures``).
_add_labels("regional_reason", {
    "no_measure": ("tidak ada padanan ukuran bersama", "no common measure"),
    "unit": ("satuan berbeda", "different unit"),
    "year": ("tahun berbeda", "different year"),
    "no_value": ("realisasi tidak dilaporkan", "actual not reported"),
    "duplicate": ("diwakili indikator lain instansi ini", "represented by another indicator of this agency"),
})

# --------------------------------------------------------------------------- regional: columns

#: Column headings of the regional tables (``regional.COLUMN_LABELS``).
_add_labels("regional_column", {
    "measure_name": ("Ukuran bersama (satuan)", "Common measure (unit)"),
    "agency_year": ("Tahun · instansi", "Year · agency"),
    "measure": ("Ukuran bersama (id)", "Common measure (id)"),
    "realisasi_prev": ("Realisasi tahun sebelumnya", "Previous year's actual"),
    "target_ambition": ("Target vs realisasi tahun lalu (%)", "Target vs last year's actual (%)"),
    "n_agencies": ("Jumlah instansi", "Agencies"),
    "note": ("Catatan", "Note"),
    "reason": ("Alasan", "Reason"),
    "detail": ("Rincian", "Detail"),
})

# --------------------------------------------------------------------------- audit

#: Messages of the audit's findings (:mod:`lkjip_analysis.checks.audit`, ``audit.MESSAGES``).
_add({
    "audit.zero_target": (
        "capaian {rep}% tercetak untuk target 0: capaian tidak terdefinisi",
        "achievement {rep}% printed for a zero target: achievement is undefined"),
    "audit.zero_target_same": (
        "capaian {rep}% tercetak untuk target 0: capaian tidak terdefinisi (angka sama dengan realisasi)",
        "achievement {rep}% printed for a zero target: achievement is undefined (it repeats the actual)"),
    "audit.lower_method": (
        "capaian tercetak mengikuti rumus indikator menurun '{method}', bukan 'standard'",
        "the printed achievement follows the lower-is-better formula '{method}', not 'standard'"),
    "audit.repeats_real": (
        "capaian tercetak sama dengan realisasi ({real}), padahal target {target} memberi {comp}%",
        "the printed achievement repeats the actual ({real}) although target {target} gives {comp}%"),
    "audit.capaian": (
        "capaian tercetak {rep}%, dari target {target} dan realisasi {real} dihitung {comp}%",
        "printed achievement {rep}%; target {target} and actual {real} give {comp}%"),
    "audit.repeats": (
        "'capaian' {rep} hanya mengulang realisasi; target tahun itu tidak tercetak sehingga capaian tidak dapat "
        "diperiksa",
        "'achievement' {rep} merely repeats the actual; that year's target is not printed, so it cannot be checked"),
    "audit.repeats_other_target": (
        "'capaian' {rep} hanya mengulang realisasi; target tahun itu tidak tercetak sehingga capaian tidak dapat "
        "diperiksa; indikator ini punya target {target} pada tahun lain",
        "'achievement' {rep} merely repeats the actual; that year's target is not printed, so it cannot be checked; "
        "the indicator has target {target} in another year"),
    "audit.garbled_pct": (
        "persentase tercetak {rep}% bukan persentase (tampaknya nominal uang)",
        "printed percentage {rep}% is not a percentage (it looks like a money amount)"),
    "audit.budget_pct": (
        "serapan tercetak {rep}%, dari pagu dan realisasi dihitung {comp}%",
        "printed absorption {rep}%; allocation and spending give {comp}%"),
    "audit.budget_sisa": (
        "sisa tercetak Rp {rep}, pagu − realisasi = Rp {comp}",
        "printed unspent IDR {rep}; allocation − spending = IDR {comp}"),
    "audit.real_above_pagu": (
        "realisasi Rp {rep} melebihi pagu Rp {comp} (serapan {pct}%): realisasi tidak mungkin di atas pagu",
        "spending IDR {rep} exceeds the allocation (pagu) IDR {comp} (absorption {pct}%): spending cannot exceed the "
        "allocation"),
    "audit.serapan_above_100": (
        "serapan tercetak {rep}% di atas 100%: realisasi tidak mungkin di atas pagu",
        "printed absorption {rep}% is above 100%: spending cannot exceed the allocation"),
    "audit.budget_total": (
        "total {col} tercetak Rp {rep}, jumlah {n} baris Rp {comp} (selisih Rp {diff})",
        "printed total {col} IDR {rep}; the {n} rows add up to IDR {comp} (difference IDR {diff})"),
    "audit.stated_total": (
        "{same} sama (Rp {va}) tetapi {other} berbeda: {tc} Rp {oc}, {ta} Rp {oa}",
        "same {same} (IDR {va}) but different {other}: {tc} IDR {oc}, {ta} IDR {oa}"),
    "audit.eff_found": (
        "efisiensi tercetak {rep} direproduksi oleh: {names}",
        "printed efficiency {rep} is reproduced by: {names}"),
    "audit.eff_rounding": (
        "efisiensi tercetak {rep} direproduksi oleh {name} ({basis}) = {value} hanya dengan pembulatan yang berbeda",
        "printed efficiency {rep} is reproduced by {name} ({basis}) = {value} only with different rounding"),
    "audit.eff_none": (
        "tidak ada metode yang mereproduksi efisiensi tercetak {rep}; terdekat {name} ({basis}) = {value}",
        "no method reproduces the printed efficiency {rep}; closest {name} ({basis}) = {value}"),
    "audit.eff_unchecked": (
        "efisiensi tercetak tidak dapat diperiksa: tidak ada capaian maupun anggaran terkait",
        "printed efficiency cannot be checked: no linked achievement or budget"),
    "audit.eff_capaian": (
        "tabel efisiensi memakai capaian {rep}%, dari target dan realisasi indikator dihitung {comp}%",
        "the efficiency table uses achievement {rep}%; the indicator's target and actual give {comp}%"),
    "audit.eff_serapan": (
        "tabel efisiensi memakai serapan {rep}%, dari pagu dan realisasi anggaran terkait dihitung {comp}%",
        "the efficiency table uses absorption {rep}%; the linked budget's allocation and spending give {comp}%"),
    "audit.eff_serapan_printed": (
        "tabel efisiensi memakai serapan {rep}%, tabel anggaran terkait mencetak {comp}% (pagunya tidak tercetak, "
        "jadi tidak dapat dihitung)",
        "the efficiency table uses absorption {rep}%; the linked budget table prints {comp}% (its allocation is not "
        "printed, so it cannot be computed)"),
    "audit.eff_summary": (
        "metode efisiensi yang mereproduksi angka tercetak terbanyak: {method} ({formula}) untuk {n} dari {total} "
        "angka",
        "efficiency method reproducing most printed figures: {method} ({formula}) for {n} of {total}"),
    "audit.pmks": ("{num} / {den} × 100 = {comp}%, tercetak {rep}%", "{num} / {den} × 100 = {comp}%, printed {rep}%"),
    "audit.akip_total": (
        "nilai total tercetak {rep}, jumlah komponen {comp}",
        "printed total score {rep}; the components add up to {comp}"),
    "audit.akip_predikat": (
        "predikat tercetak {rep}, nilai {score} masuk pita {band}",
        "printed grade {rep}; score {score} falls in band {band}"),
    "audit.dihitung": ("dihitung", "computed"),
    "audit.tercetak": ("tercetak", "printed"),
})

# --------------------------------------------------------------------------- report: headings

#: Column headings and table names of report tables (``report.HEADINGS``).
_add_labels("heading", {
    "agency_id": ("Kode instansi", "Agency id"),
    "agency": ("Instansi", "Agency"),
    "name": ("Nama", "Name"),
    "level": ("Tingkat", "Level"),
    "indicator_id": ("Kode", "Code"),
    "indicator": ("Indikator", "Indicator"),
    "tier": ("Tingkat indikator", "Indicator tier"),
    "year": ("Tahun", "Year"),
    "period": ("Periode", "Period"),
    "unit": ("Satuan", "Unit"),
    "target": ("Target", "Target"),
    "target_text": ("Target (teks)", "Target (text)"),
    "realisasi": ("Realisasi", "Actual (realisasi)"),
    "capaian": ("Capaian (%)", "Achievement (capaian, %)"),
    "reported_capaian": ("Capaian tercetak (%)", "Printed achievement (%)"),
    "kategori": ("Kategori", "Category"),
    "capaian_note": ("Keterangan", "Note"),
    "yoy_realisasi": ("Perubahan realisasi (%)", "Change in actual (%)"),
    "aggregation": ("Agregasi", "Aggregation"),
    "target_to_date": ("Target s.d. TW", "Target to date"),
    "realisasi_to_date": ("Realisasi s.d. TW", "Actual to date"),
    "capaian_to_date": ("Capaian s.d. TW (%)", "Achievement to date (%)"),
    "budget_table": ("Tabel", "Table"),
    "line_no": ("No", "No"),
    "line_type": ("Jenis", "Type"),
    "program": ("Program", "Programme"),
    "kegiatan": ("Kegiatan", "Activity (kegiatan)"),
    "funding_source": ("Sumber dana", "Funding source"),
    "pagu": ("Pagu (Rp)", "Allocation (pagu, IDR)"),
    "realisasi_anggaran": ("Realisasi anggaran (Rp)", "Spending (IDR)"),
    "serapan": ("Serapan (%)", "Absorption (serapan, %)"),
    "sisa": ("Sisa (Rp)", "Unspent (sisa, IDR)"),
    "reported_pct": ("% tercetak", "Printed %"),
    "reported_sisa": ("Sisa tercetak (Rp)", "Printed unspent (IDR)"),
    "efisiensi": ("Efisiensi", "Efficiency"),
    "efisiensi_kategori": ("Kategori efisiensi", "Efficiency category"),
    "reported_efisiensi": ("Efisiensi tercetak (%)", "Printed efficiency (%)"),
    "serapan_basis": ("Dasar serapan", "Absorption basis"),
    "method": ("Metode", "Method"),
    "measure": ("Ukuran", "Measure"),
    "label": ("Keterangan", "Description"),
    "numerator": ("Pembilang", "Numerator"),
    "denominator": ("Penyebut", "Denominator"),
    "rate": ("Persentase (%)", "Rate (%)"),
    "target_akhir": ("Target akhir", "End-of-plan target"),
    "target_akhir_year": ("Tahun target akhir", "Target year"),
    "kind": ("Jenis", "Kind"),
    "tingkat_kemajuan": ("Tingkat kemajuan (%)", "Progress (tingkat kemajuan, %)"),
    "years_left": ("Sisa tahun", "Years left"),
    "pace_needed": ("Kenaikan per tahun yang diperlukan", "Yearly gain needed"),
    "region": ("Daerah", "Region"),
    "value": ("Nilai", "Value"),
    "value_text": ("Nilai (teks)", "Value (text)"),
    "total": ("Nilai total (dihitung)", "Total score (computed)"),
    "reported_total": ("Nilai total tercetak", "Printed total"),
    "predikat": ("Predikat (dihitung)", "Grade (computed)"),
    "reported_predikat": ("Predikat tercetak", "Printed grade"),
    "source": ("Sumber", "Source"),
    "source_line": ("Baris", "Line"),
    "basis": ("Dasar", "Basis"),
    "province": ("Provinsi", "Province"),
    "n_indicators": ("Jumlah indikator", "Indicators"),
    "n_capaian": ("Capaian dapat dihitung", "Computable achievements"),
    "capaian_median": ("Median capaian (%)", "Median achievement (%)"),
    "share_at_target": ("Indikator mencapai target (%)", "Indicators at target (%)"),
    "pmks_rate": ("Angka PMKS (%)", "PMKS rate (%)"),
    "performance": ("Kinerja", "Performance"),
    "budget": ("Anggaran", "Budget"),
    "efficiency": ("Efisiensi tercetak", "Printed efficiency"),
    "pmks": ("PMKS", "PMKS"),
    "benchmarks": ("Pembanding", "Benchmarks"),
    "akip_scores": ("Nilai AKIP", "AKIP scores"),
    "quarterly": ("Baris triwulan", "Quarterly rows"),
    "missing": ("Tidak dilaporkan", "Not reported"),
    "error": ("Kesalahan", "Errors"),
    "warning": ("Peringatan", "Warnings"),
    "info": ("Catatan", "Info"),
    "table": ("Tabel data", "Data table"),
    "key": ("Baris data", "Data row"),
    "facts": ("Fakta lain", "Other facts"),
    "indicators": ("Indikator", "Indicators"),
    "agencies": ("Instansi", "Agencies"),
    "jumlah": ("Jumlah", "Count"),
    "severity": ("Tingkat", "Severity"),
    "rule": ("Aturan", "Rule"),
    "message": ("Temuan", "Finding"),
    "reported": ("Tercetak", "Printed"),
    "recomputed": ("Dihitung ulang", "Recomputed"),
    "difference": ("Selisih", "Difference"),
    "count_unit": ("Satuan hitung", "Counted in"),
})

# --------------------------------------------------------------------------- report: values of severity

#: Readable values of the coded column ``severity`` (the codes stay in the CSV files).
_add_labels("value.severity", {
    "error": ("kesalahan", "error"),
    "warning": ("peringatan", "warning"),
    "info": ("catatan", "note"),
})

# --------------------------------------------------------------------------- report: values of kind

#: Readable values of the coded column ``kind`` (the codes stay in the CSV files).
_add_labels("value.kind", {
    "own": ("instansi ini", "this agency"),
    "region": ("daerah lain", "other region"),
    "national": ("target nasional", "national target"),
    "rpjmd_end": ("target akhir RPJMD", "RPJMD end target"),
    "renstra_end": ("target akhir Renstra", "Renstra end target"),
    "renstra": ("target Renstra", "Renstra target"),
})

# --------------------------------------------------------------------------- report: values of funding_source

#: Readable values of the coded column ``funding_source`` (the codes stay in the CSV files).
_add_labels("value.funding_source", {
    "apbd": ("APBD", "APBD"),
    "apbn_dekonsentrasi": ("APBN dekonsentrasi", "APBN deconcentration"),
    "apbn_tugas_pembantuan": ("APBN tugas pembantuan", "APBN co-administration"),
    "dak": ("DAK", "DAK"),
    "did": ("DID", "DID"),
    "lainnya": ("lainnya", "other"),
})

# --------------------------------------------------------------------------- report: values of aggregation

#: Readable values of the coded column ``aggregation`` (the codes stay in the CSV files).
_add_labels("value.aggregation", {
    "cumulative": ("kumulatif", "cumulative"),
    "last": ("nilai terakhir", "last value"),
    "per_quarter": ("per triwulan", "per quarter"),
})

# --------------------------------------------------------------------------- report: values of period

#: Readable values of the coded column ``period`` (the codes stay in the CSV files).
_add_labels("value.period", {
    "annual": ("tahunan", "annual"),
})


# --------------------------------------------------------------------------- texts the library puts in cells

#: Why capaian cannot be computed (``capaian.REASON_*``; the Indonesian text is what the tables and CSV
#: files hold) and how an annual figure was obtained (``analysis.annual_capaian``'s ``basis``).
_add({
    "reason.target_text": ("target tidak numerik", "target is not a number"),
    "reason.target_missing": ("target tidak ada", "no target"),
    "reason.target_zero": ("target nol", "target is zero"),
    "reason.not_reported": ("realisasi tidak dilaporkan", "actual not reported"),
    "reason.realisasi_zero": ("realisasi nol (rumus rasio untuk indikator menurun)",
                              "actual is zero (ratio formula, lower-is-better)"),
    "reason.out_of_range": ("nilai di luar jangkauan (tak hingga)", "value out of range (infinite)"),
    "basis.report": ("laporan", "report"),
    "basis.quarters_cumulative": ("triwulan (cumulative)", "quarters (cumulative)"),
    "basis.quarters_last": ("triwulan (last)", "quarters (last)"),
    "kategori.not_computable": ("Tidak dapat dihitung", "Cannot be computed"),
    "basis.serapan_computed": ("dihitung", "computed"),
    "basis.serapan_printed": ("tercetak", "printed"),
})
#: Which of the texts above each table column holds (in Indonesian, as the data keeps them): a report
#: shows such a cell in its language by the key the text was written from (:func:`cell_labels`).
CELL_TEXT_KEYS: dict[str, tuple[str, ...]] = {
    "capaian_note": ("reason.target_text", "reason.target_missing", "reason.target_zero", "reason.not_reported",
                     "reason.realisasi_zero", "reason.out_of_range"),
    "basis": ("basis.report", "basis.quarters_cumulative", "basis.quarters_last"),
    "kategori": ("kategori.not_computable",),
    "serapan_basis": ("basis.serapan_computed", "basis.serapan_printed"),
}


def cell_labels(column: str, lang: str | None = DEFAULT_LANG) -> dict[str, str]:
    """``{stored text: text in lang}`` for the cells of ``column`` written from i18n keys (:data:`CELL_TEXT_KEYS`).

    >>> cell_labels("basis", "en")["triwulan (cumulative)"]
    'quarters (cumulative)'
    """
    return {t(key, DEFAULT_LANG): t(key, lang) for key in CELL_TEXT_KEYS.get(column, ())}

#: Status of a report in the index page (:func:`lkjip_analysis.run.export.render_index`) and the run's summary.
_add_labels("status", {
    "ok": ("berhasil", "done"),
    "failed": ("gagal", "failed"),
    "pdf_missing": ("tanpa PDF", "without PDF"),
    "unchanged": ("tidak berubah", "unchanged"),  # incremental runs: skipped, its key unchanged
})


def texts(prefix: str) -> dict[str, dict[str, str]]:
    """``{lang: {name: text}}`` of every key ``prefix.name`` (the per-module tables: ``texts("plots")``)."""
    start = prefix + "."
    return {lang: {k[len(start):]: v for k, v in TEXTS[lang].items() if k.startswith(start) and "." not in
                   k[len(start):]} for lang in LANGS}


def all_labels(kind: str) -> dict[str, dict[str, str]]:
    """``{lang: {code: label}}`` of one kind of coded value."""
    return {lang: dict(LABELS[kind][lang]) for lang in LANGS}


# --------------------------------------------------------------------------- formulas: scales, efficiency

#: Category labels of each capaian scale, low to high (``capaian.SCALES``; the order is the scale's).
_add_labels("kategori.banjarbaru", {
    "tidak_berhasil": ("Tidak berhasil", "Unsuccessful"),
    "cukup_berhasil": ("Cukup berhasil", "Fairly successful"),
    "berhasil": ("Berhasil", "Successful"),
    "sangat_berhasil": ("Sangat berhasil", "Very successful"),
})
_add_labels("kategori.permendagri86", {
    "sangat_rendah": ("Sangat rendah", "Very low"),
    "rendah": ("Rendah", "Low"),
    "sedang": ("Sedang", "Medium"),
    "tinggi": ("Tinggi", "High"),
    "sangat_tinggi": ("Sangat tinggi", "Very high"),
})
#: Budget efficiency categories (``budget.efisiensi_kategori``), high to low.
_add_labels("efisiensi", {
    "efisien": ("Efisien", "Efficient"),
    "cukup_efisien": ("Cukup efisien", "Fairly efficient"),
    "tidak_efisien": ("Tidak efisien", "Not efficient"),
})
_add({
    "scale.banjarbaru.source": (
        "LKjIP Dinas Sosial Kota Banjarbaru 2020: 85–100 sangat berhasil; 70–<85 berhasil; "
        "55–<70 cukup berhasil; <55 tidak berhasil (>100 dibaca sangat berhasil)",
        "LKjIP of Dinas Sosial Kota Banjarbaru 2020: 85–100 very successful; 70–<85 successful; "
        "55–<70 fairly successful; <55 unsuccessful (>100 read as very successful)"),
    "scale.permendagri86.source": (
        "Permendagri 86/2017: >90 sangat tinggi; 75<–≤90 tinggi; 65<–≤75 sedang; 50<–≤65 rendah; ≤50 sangat rendah",
        "Permendagri 86/2017 (Home Affairs regulation): >90 very high; 75<–≤90 high; 65<–≤75 medium; "
        "50<–≤65 low; ≤50 very low"),
    "efficiency.capaian_minus_serapan.label": ("Selisih capaian kinerja dan serapan anggaran",
                                               "Performance achievement minus budget absorption"),
    "efficiency.capaian_minus_serapan.source": (
        "LKjIP Dinas Sosial Prov. Kalimantan Timur 2020, Tabel 12 (95 − 87,48 = 7,52)",
        "LKjIP of Dinas Sosial Prov. Kalimantan Timur 2020, Table 12 (95 − 87.48 = 7.52)"),
    "efficiency.unspent_share.label": ("Persentase anggaran yang tidak terserap", "Unspent share of the budget"),
    "efficiency.unspent_share.source": ("Praktik umum (sisa / pagu × 100)",
                                        "Common practice (unspent / allocation × 100)"),
    "efficiency.capped_capaian_minus_serapan.label": ("Selisih capaian (maks. 100) dan serapan anggaran",
                                                      "Achievement capped at 100 minus absorption"),
    "efficiency.capped_capaian_minus_serapan.source": ("Varian yang membatasi capaian pada 100%",
                                                       "A variant that caps achievement at 100%"),
    "efficiency.ratio.label": ("Rasio capaian kinerja terhadap serapan anggaran", "Ratio of achievement to absorption"),
    "efficiency.ratio.source": ("Praktik umum (rasio output/input); >1 berarti efisien",
                                "Common practice (output/input ratio); >1 means efficient"),
    "pmks.count_types": ("jenis", "types"),
    "pmks.count_people": ("jiwa", "people"),
})


# --------------------------------------------------------------------------- texts once inline (``lang ==``)

_add({
    "regional.default_title": ("Perbandingan kinerja antar instansi", "Comparison across agencies"),
    "regional.detail_unit": ("satuan indikator '{unit}', ukuran bersama memakai '{measure_unit}'",
                             "indicator unit '{unit}', the common measure uses '{measure_unit}'"),
    "regional.detail_quarters_only": ("realisasi hanya dari triwulan, tanpa target angka: tidak dapat diperiksa",
                                      "actual only from quarters, no numeric target: cannot be checked"),
    "regional.detail_duplicate": ("{indicator} dipakai untuk {measure}", "{indicator} is used for {measure}"),
    "regional.detail_year": ("tidak ada angka tahun {year}; tahun yang ada: {years}",
                             "no figure for {year}; years with figures: {years}"),
    "regional.note_years_differ": ("tahun berbeda antar instansi", "years differ between agencies"),
    "regional.note_uncertain": ("padanan kurang pasti", "uncertain"),
    "sections.report_title": ("Analisis Laporan Kinerja", "Performance Report Analysis"),
    "report.source_word": ("LKjIP", "LKjIP report"),
    "report.rows_shown": ("{shown} dari {total} baris ditampilkan; semua baris ada di tables/{name}.csv.",
                          "Showing {shown} of {total} rows; all rows are in tables/{name}.csv."),
    "report.yes": ("ya", "yes"),
    "report.no": ("tidak", "no"),
})
#: Money units of the figures' axes: ``{threshold: suffix}`` and ``{threshold: meaning}`` (``plots.MONEY_UNITS``).
_add_labels("money_suffix", {"1e12": ("T", "tn"), "1e9": ("M", "bn"), "1e6": ("jt", "m"), "1e3": ("rb", "k")})
_add_labels("money_meaning", {"1e12": ("triliun", "trillion"), "1e9": ("miliar", "billion"), "1e6": ("juta", "million"),
                              "1e3": ("ribu", "thousand")})

# --------------------------------------------------------------------------- run: params files and batch options

#: Messages of :class:`~lkjip_analysis.exceptions.ParamsError` (:mod:`lkjip_analysis.run.params`, the runner,
#: the export). The ``file`` of the error is not part of the text: ``str(error)`` is ``"FILE: text"``.
_add({
    "params.not_found": ("berkas params tidak ditemukan", "params file not found"),
    "params.unreadable": ("berkas params tidak dapat dibaca ({detail})", "params file cannot be read ({detail})"),
    "params.bad_yaml": ("YAML tidak valid: {detail}", "invalid YAML: {detail}"),
    "params.duplicate_key": ("YAML tidak valid: kunci {key} ditulis dua kali (baris {line})",
                             "invalid YAML: key {key} is written twice (line {line})"),
    "params.empty": ("berkas params kosong", "the params file is empty"),
    "params.not_a_mapping": ("harus berupa pemetaan YAML datar (kunci: nilai)",
                             "must be a flat YAML mapping (key: value)"),
    "params.keys_not_text": ("kunci harus berupa teks: {keys}", "keys must be text: {keys}"),
    "params.notebook_not_text": ("kunci 'notebook': harus teks; pilihan: {choices} atau path .ipynb",
                                 "key 'notebook': must be text; choices: {choices} or a path to an .ipynb"),
    "params.unknown_notebook": ("kunci 'notebook': {notebook} tidak dikenal; pilihan: {choices} atau path ke berkas "
                                ".ipynb", "key 'notebook': {notebook} is unknown; choices: {choices} or a path to an "
                                ".ipynb file"),
    "params.unknown_key": ("kunci tidak dikenal {key} untuk notebook {notebook}; kunci yang boleh: {allowed}",
                           "unknown key {key} for notebook {notebook}; allowed keys: {allowed}"),
    "params.required_key": ("kunci {key} wajib diisi untuk notebook {notebook}",
                            "key {key} is required for notebook {notebook}"),
    "params.year_not_int": ("kunci 'year': harus bilangan bulat (mis. 2020), bukan {value}",
                            "key 'year': must be an integer (e.g. 2020), not {value}"),
    "params.not_text": ("kunci {key}: harus teks, bukan {value}", "key {key}: must be text, not {value}"),
    "params.not_a_slug": ("kunci {key}: {value} bukan slug yang sah (huruf kecil, angka, tanda hubung; tanpa '/', "
                          "'..' atau spasi)", "key {key}: {value} is not a valid slug (lower-case letters, digits, "
                          "hyphens; no '/', '..' or spaces)"),
    "params.unknown_choice": ("kunci {key}: {value} tidak dikenal; pilihan: {choices}",
                              "key {key}: {value} is unknown; choices: {choices}"),
    "params.notebook_path_twice": ("kunci 'notebook_path': tidak boleh dipakai bila 'notebook' sudah berupa path "
                                   ".ipynb", "key 'notebook_path': not allowed when 'notebook' is already a path to "
                                   "an .ipynb"),
    "params.notebook_missing": ("notebook tidak ditemukan: {path}", "notebook not found: {path}"),
    "params.dataset_invalid": ("dataset {dataset} tidak valid: {error}", "dataset {dataset} is invalid: {error}"),
    "params.same_report": ("menulis laporan yang sama ({key}) dengan {other}",
                           "writes the same report ({key}) as {other}"),
    "params.dataset_missing": ("kunci 'dataset': {dataset} tidak ditemukan (folder CSV atau workbook .xlsx)",
                               "key 'dataset': {dataset} not found (a CSV folder or an .xlsx workbook)"),
    "params.embedded": ("(tertanam)", "(embedded)"),
    "params.no_year_in_dataset": ("kunci 'year': tidak ada instansi dengan data tahun {year} di dataset {dataset}",
                                  "key 'year': no agency has data for {year} in dataset {dataset}"),
    "params.unknown_agency": ("kunci 'agency_id': {agency_id} tidak ada di dataset {dataset}; pilihan: {choices}",
                              "key 'agency_id': {agency_id} is not in dataset {dataset}; choices: {choices}"),
    "params.no_year_for_agency": ("kunci 'year': {year} tidak ada di dataset untuk {agency_id}; tahun tersedia: "
                                  "{available}", "key 'year': {year} is not in the dataset for {agency_id}; years "
                                  "available: {available}"),
    "params.none": ("tidak ada", "none"),
    "params.dir_missing": ("folder params tidak ditemukan: {folder}", "params folder not found: {folder}"),
    "params.dir_empty": ("tidak ada berkas *.yaml di {folder}", "no *.yaml file in {folder}"),
    "params.agency_not_slug": ("agency_id {agency_id} bukan slug yang sah (huruf kecil, angka, tanda hubung)",
                               "agency_id {agency_id} is not a valid slug (lower-case letters, digits, hyphens)"),
    "params.unknown_option": ("opsi {key} tidak dikenal; pilihan: {choices}",
                              "unknown option {key}; choices: {choices}"),
    "params.unknown_option_value": ("{key} {value} tidak dikenal; pilihan: {choices}",
                                    "{key} {value} is unknown; choices: {choices}"),
    "params.agency_not_in_dataset": ("agency_id {agency_id} tidak ada di dataset {dataset}; yang ada: {choices}",
                                     "agency_id {agency_id} is not in dataset {dataset}; there are: {choices}"),
    "params.agency_year_missing": ("{agency_id} tidak punya data tahun {year} di dataset {dataset}; tahun yang ada: "
                                   "{available}", "{agency_id} has no data for {year} in dataset {dataset}; years "
                                   "there: {available}"),
    "params.file_exists": ("berkas sudah ada: {path} (pakai --overwrite untuk mengganti)",
                           "file already exists: {path} (use --overwrite to replace it)"),
    "params.regional_year": ("year {year}: tidak ada instansi dengan data tahun itu; tahun tersedia: {available}",
                             "year {year}: no agency has data for that year; years available: {available}"),
    "run.start_method": ("${env}={method} tidak didukung di sini; pilihan: {choices}",
                         "${env}={method} is not supported here; choices: {choices}"),
    "run.kernel_missing": ("kernel Jupyter {name} tidak terpasang; pasang dengan: python -m ipykernel install "
                           "--sys-prefix --name {kernel} (atau: make install)",
                           "Jupyter kernel {name} is not installed; install it with: python -m ipykernel install "
                           "--sys-prefix --name {kernel} (or: make install)"),
    "run.unknown_format": ("format tidak dikenal: {unknown}; pilihan: {choices}",
                           "unknown format: {unknown}; choices: {choices}"),
    "run.empty_value": ("(kosong)", "(empty)"),
    "run.chromium_missing": ("--pdf-engine chromium: Chromium tidak ditemukan; {hint}",
                             "--pdf-engine chromium: Chromium was not found; {hint}"),
    "run.workers": ("--workers harus minimal 1, bukan {workers}", "--workers must be at least 1, not {workers}"),
    "run.no_params": ("tidak ada berkas params untuk dijalankan", "no params file to run"),
    "run.unknown_pdf_engine": ("mesin PDF tidak dikenal: {name}; pilihan: {choices}",
                               "unknown PDF engine: {name}; choices: {choices}"),
    "run.weasyprint_failed": ("PDF gagal dibuat oleh WeasyPrint: {detail}",
                              "WeasyPrint failed to make the PDF: {detail}"),
    "run.weasyprint_library": ("PDF tidak dibuat: {detail}. {hint}", "No PDF made: {detail}. {hint}"),
    "run.chromium_failed": ("PDF tidak dibuat oleh Chromium: {error}", "Chromium made no PDF: {error}"),
})

#: The run's summary (``RunSummary.format``), in the CLI's language (``$LKJIP_LANG`` / ``--lang``).
_add({
    "run.summary": ("{n} laporan: {built} dibangun, {unchanged} tidak berubah, {failed} gagal",
                    "{n} reports: {built} built, {unchanged} unchanged, {failed} failed"),
    "run.summary_pdf_missing": (", {n} tanpa PDF", ", {n} without PDF"),
    "run.summary_refused": (", {n} berkas params ditolak", ", {n} params files refused"),
    "run.refused_line": ("  DITOLAK {file}: {message}", "  REFUSED {file}: {message}"),
    "run.failed_line": ("  GAGAL {label} [{source}]: {error}{kept}", "  FAILED {label} [{source}]: {error}{kept}"),
    "run.kept": (" (laporan sebelumnya dipertahankan)", " (the previous report is kept)"),
    "run.pdf_missing_line": ("  TANPA PDF {label} [{source}]: {error}", "  NO PDF {label} [{source}]: {error}"),
})

# --------------------------------------------------------------------------- extraction errors

#: Messages of :class:`~lkjip_analysis.exceptions.ExtractionError` and its subclasses
#: (:mod:`lkjip_analysis.io.extract`); the file is the error's ``file`` (``"FILE: text"``).
_add({
    "extract.not_found": ("berkas tidak ditemukan", "file not found"),
    "extract.not_found_path": ("berkas {path} tidak ditemukan", "file {path} not found"),
    "extract.not_pdf_head": ("bukan PDF (isi berkas tidak diawali %PDF); yang diharapkan: dokumen PDF",
                             "not a PDF (the content does not start with %PDF); expected: a PDF document"),
    "extract.not_docx": ("bukan DOCX (bukan arsip Office Open XML); yang diharapkan: dokumen Word .docx",
                         "not a DOCX (not an Office Open XML archive); expected: a Word .docx document"),
    "extract.unknown_kind": ("jenis berkas '{suffix}' tidak dikenal; yang diharapkan: .pdf, .docx, .txt atau .md",
                             "unknown file type '{suffix}'; expected: .pdf, .docx, .txt or .md"),
    "extract.no_suffix": ("(tanpa ekstensi)", "(no extension)"),
    "extract.no_pdf_reader": ("pembaca PDF belum tersedia di versi ini ({detail}); ubah dokumen ke DOCX/teks, atau "
                              "pasang versi lkjip-analysis yang memuat lkjip_analysis.io.extract.pdf",
                              "no PDF reader in this version ({detail}); convert the document to DOCX/text, or "
                              "install a version of lkjip-analysis with lkjip_analysis.io.extract.pdf"),
    "extract.pdf_library_missing": ("pustaka pembaca PDF tidak terpasang ({detail}); pasang dependensi paket "
                                    "(make install) atau ubah dokumen ke DOCX/teks",
                                    "a PDF reading library is not installed ({detail}); install the package's "
                                    "dependencies (make install) or convert the document to DOCX/text"),
    "extract.pdf_unreadable_lib": ("PDF tidak dapat dibaca ({detail})", "the PDF cannot be read ({detail})"),
    "extract.bad_pages": ("--pages '{text}' tidak sah: yang diharapkan mis. 30-45 atau 3,5,7-9",
                          "--pages '{text}' is not valid: expected e.g. 30-45 or 3,5,7-9"),
    "extract.agency_not_slug": ("agency_id {agency_id} harus slug: huruf kecil, angka dan tanda hubung "
                                "(mis. dinsos-kota-banjarbaru)",
                                "agency_id {agency_id} must be a slug: lower-case letters, digits and hyphens "
                                "(e.g. dinsos-kota-banjarbaru)"),
    "extract.bad_level": ("level {level} harus provinsi, kabupaten atau kota",
                          "level {level} must be provinsi, kabupaten or kota"),
    "extract.no_tables": ("tidak ada tabel di dokumen; yang diharapkan: tabel kinerja (target/realisasi)",
                          "no table in the document; expected: a performance table (target/actual)"),
    "extract.no_tables_pages": ("tidak ada tabel di dokumen (halaman yang dibaca); yang diharapkan: tabel kinerja "
                                "(target/realisasi)", "no table in the document (pages read); expected: a "
                                "performance table (target/actual)"),
    "extract.no_performance": ("tidak ada tabel kinerja (kolom target/realisasi/capaian) di antara {n} tabel; yang "
                               "diharapkan: LKjIP/Renstra dengan tabel capaian kinerja",
                               "no performance table (columns target/actual/achievement) among {n} tables; "
                               "expected: an LKjIP/Renstra with a performance achievement table"),
    "extract.docx_library": ("python-docx tidak terpasang ({detail}): pip install python-docx",
                             "python-docx is not installed ({detail}): pip install python-docx"),
    "extract.not_word": ("bukan dokumen Word yang dapat dibaca ({detail}); yang diharapkan: .docx",
                         "not a readable Word document ({detail}); expected: .docx"),
    "extract.binary_text": ("{name} bukan berkas teks (berisi data biner); yang diharapkan: teks/Markdown dengan "
                            "tabel dipisah tab", "{name} is not a text file (it holds binary data); expected: "
                            "text/Markdown with tab-separated tables"),
    "extract.pages_unknown": ("rentang halaman {pages} tidak dikenali; contoh yang benar: 30-45 atau 3,5,7-9",
                              "page range {pages} not understood; correct examples: 30-45 or 3,5,7-9"),
    "extract.pages_reversed": ("rentang halaman {part} terbalik (awal {a} > akhir {b})",
                               "page range {part} is reversed (start {a} > end {b})"),
    "extract.pages_not_list": ("halaman {pages} bukan daftar nomor halaman", "pages {pages} is not a list of page "
                               "numbers"),
    "extract.pages_outside": ("halaman {pages} di luar dokumen (dokumen ini {n} halaman: 1-{n})",
                              "pages {pages} are outside the document (it has {n} pages: 1-{n})"),
    "extract.pages_empty": ("rentang halaman {pages} kosong", "page range {pages} is empty"),
    "extract.pdf_not_found": ("berkas tidak ditemukan: {path}", "file not found: {path}"),
    "extract.pdf_is_folder": ("{path} adalah folder, bukan berkas PDF", "{path} is a folder, not a PDF file"),
    "extract.pdf_zero_bytes": ("berkas kosong (0 bita), bukan PDF", "empty file (0 bytes), not a PDF"),
    "extract.pdf_bad_head": ("isi berkas bukan PDF (tidak diawali tanda %PDF-) walau namanya .pdf; simpan ulang "
                             "dokumen sebagai PDF", "the content is not a PDF (it does not start with %PDF-) although "
                             "its name ends in .pdf; save the document again as PDF"),
    "extract.pdf_encrypted": ("PDF dilindungi kata sandi (terenkripsi); buka kuncinya lalu simpan ulang tanpa kata "
                              "sandi", "the PDF is password-protected (encrypted); unlock it and save it again "
                              "without a password"),
    "extract.pdf_no_pages": ("PDF tidak berisi satu halaman pun", "the PDF has no page"),
    "extract.pdf_damaged": ("PDF rusak atau tidak dapat dibaca ({detail})", "the PDF is damaged or cannot be read "
                            "({detail})"),
    "extract.pdf_image_only": ("{what} hanya berisi gambar hasil pindai (tanpa lapisan teks): tidak ada yang dapat "
                               "dibaca; pakai PDF asli atau hasil OCR", "{what} holds only scanned images (no text "
                               "layer): nothing can be read; use the original PDF or an OCR'd one"),
    "extract.this_pdf": ("PDF ini", "this PDF"),
    "extract.pages_of": ("halaman {pages}", "pages {pages}"),
    "extract.pdf_blank": ("PDF tidak berisi teks maupun gambar (halaman kosong)",
                          "the PDF holds neither text nor images (blank pages)"),
})

# --------------------------------------------------------------------------- Chromium, Dask, numbers

_add({
    "chromium.cannot_start": ("Chromium ({binary}) tidak dapat dijalankan: {detail}; {hint}",
                              "Chromium ({binary}) cannot be started: {detail}; {hint}"),
    "chromium.not_chromium": ("{binary} tidak berjalan sebagai Chromium ({detail}); {hint}",
                              "{binary} does not run as Chromium ({detail}); {hint}"),
    "chromium.no_commands": ("Chromium tidak menerima perintah ({detail})", "Chromium accepts no command ({detail})"),
    "chromium.timeout": ("Chromium tidak menjawab dalam {seconds} detik", "Chromium gave no answer within {seconds} s"),
    "chromium.stopped": ("Chromium berhenti", "Chromium stopped"),
    "chromium.stopped_detail": ("Chromium berhenti ({detail})", "Chromium stopped ({detail})"),
    "chromium.pipe_closed": ("Chromium berhenti (pipa DevTools tertutup)", "Chromium stopped (DevTools pipe closed)"),
    "chromium.tab_gone": ("tab Chromium {what}: {method}{detail} (tab {target})",
                          "Chromium tab {what}: {method}{detail} (tab {target})"),
    "chromium.tab_crashed": ("mogok (renderer crash)", "crashed (renderer crash)"),
    "chromium.tab_detached": ("terlepas", "detached"),
    "chromium.print_failed": ("Chromium gagal mencetak: {detail}", "Chromium failed to print: {detail}"),
    "chromium.cannot_open": ("{url} tidak dapat dibuka: {detail}", "{url} cannot be opened: {detail}"),
    "dask.no_upload": ("laporan dari pekerja tanpa unggahan untuk keluaran URL",
                       "a worker's report without an upload for a URL output"),
    "dask.bad_dataset_name": ("nama berkas dataset tidak sah: {name}", "invalid dataset file name: {name}"),
    "dask.unreachable": ("scheduler Dask {scheduler} tidak dapat dihubungi: {detail}",
                         "Dask scheduler {scheduler} cannot be reached: {detail}"),
    "manifest.bad_worker_name": ("nama berkas tidak sah dari pekerja: {name}",
                                 "invalid file name from a worker: {name}"),
    "number.bad_characters": ("mengandung karakter selain angka, titik dan koma",
                              "holds characters other than digits, dots and commas"),
    "number.thousands_groups": ("pemisah ribuan (titik) tidak membentuk kelompok tiga angka",
                                "thousands separators (dots) do not make groups of three digits"),
    "number.boolean": ("nilai boolean, bukan angka", "a boolean value, not a number"),
    "number.two_commas": ("lebih dari satu koma desimal", "more than one decimal comma"),
    "number.bare_comma": ("koma desimal tanpa angka di kedua sisinya", "a decimal comma without digits on both sides"),
    "number.bare_dot": ("titik tanpa angka di kedua sisinya", "a dot without digits on both sides"),
})

# --------------------------------------------------------------------------- the lkjip command

#: What the ``lkjip`` command prints (:mod:`lkjip_analysis.cli`), in ``--lang`` / ``$LKJIP_LANG``
#: (Indonesian by default). The commands' ``--help`` texts stay Indonesian.
_add({
    "cli.error": ("Galat: {message}", "Error: {message}"),
    "cli.no_rows": ("(tidak ada baris)", "(no rows)"),
    "cli.problems_found": ("{path}: {n} masalah ditemukan", "{path}: {n} problems found"),
    "cli.validate_ok": ("OK {path}: {n} instansi; baris per tabel: {counts}", "OK {path}: {n} agencies; rows per "
                        "table: {counts}"),
    "cli.normalised": ("Dinormalisasi ({n}):", "Normalised ({n}):"),
    "cli.warnings": ("Peringatan ({n}):", "Warnings ({n}):"),
    "cli.unknown_agency": ("agency_id {agency_id} tidak ada di dataset; pilihan: {choices}",
                           "agency_id {agency_id} is not in the dataset; choices: {choices}"),
    "cli.params_dir_needs_all": ("--params-dir hanya dipakai bersama --all", "--params-dir is used only with --all"),
    "cli.params_or_all": ("berikan PARAMS_FILE atau --all", "give PARAMS_FILE or --all"),
    "cli.audit_counts": ("{n} temuan: {error} error, {warning} warning, {info} info",
                         "{n} findings: {error} error, {warning} warning, {info} info"),
    "cli.template_written": ("Template ditulis: {path}. Isi mulai baris 4 tiap sheet, lalu: lkjip validate {path}",
                             "Template written: {path}. Fill in from row 4 of each sheet, then: lkjip validate {path}"),
    "cli.import_ok": ("OK {into}: {n} instansi; {counts}", "OK {into}: {n} agencies; {counts}"),
    "cli.params_written": ("Params ditulis: {path}. Jalankan: lkjip run {path}",
                           "Params written: {path}. Run: lkjip run {path}"),
    "cli.synth_written": ("Dataset sintetis ditulis ke {out}: {counts}",
                          "Synthetic dataset written to {out}: {counts}"),
    "cli.cannot_write": ("{path}: tidak dapat ditulis ({detail})", "{path}: cannot be written ({detail})"),
    "cli.suggest_written": ("{n} indikator ditulis ke {out}: isi kolom 'measure' (id ukuran, atau '-' bila tidak ada), "
                            "lalu: lkjip panel --crosswalk {out} ...", "{n} indicators written to {out}: fill in "
                            "column 'measure' (a measure id, or '-' when there is none), then: lkjip panel "
                            "--crosswalk {out} ..."),
    "cli.suggest_pending": ("{n} indikator: {pending} perlu keputusan atau konfirmasi",
                            "{n} indicators: {pending} need a decision or a confirmation"),
    "cli.panel_written": ("Panel ditulis ke {out}: {rows} baris, {agencies} instansi, {mapped} baris dengan ukuran "
                          "bersama", "Panel written to {out}: {rows} rows, {agencies} agencies, {mapped} rows with a "
                          "common measure"),
    "cli.expected_xlsx": ("{out}: yang diharapkan nama berkas .xlsx", "{out}: expected an .xlsx file name"),
    "cli.draft_written": ("Draf ditulis: {path}. Periksa sheet 'review', lalu: lkjip import {path} --into DATASET/",
                          "Draft written: {path}. Check sheet 'review', then: lkjip import {path} --into DATASET/"),
})

# --------------------------------------------------------------------------- extraction: the review sheet

#: Kinds of question in the draft's ``review`` sheet (:mod:`lkjip_analysis.io.extract`; column ``kind``).
_add({f"review.kind.{code}": texts_ for code, texts_ in {
    "cross_page": ("lintas halaman", "across pages"),
    "split_row": ("baris dipisah", "row split"),
    "rotated": ("teks diputar", "rotated text"),
    "grid_lines": ("garis tabel", "table lines"),
    "garbled": ("angka rusak", "garbled number"),
    "ambiguous": ("angka ambigu", "ambiguous number"),
    "shifted": ("kolom bergeser", "shifted columns"),
    "indicator_name": ("nama indikator", "indicator name"),
    "plan_year": ("tahun rencana", "plan year"),
    "check_mark": ("tanda", "mark"),
    "stacked": ("nilai bertumpuk", "stacked values"),
    "zero_target": ("target nol", "zero target"),
    "capaian_mismatch": ("capaian tidak cocok", "achievement mismatch"),
    "capaian_repeats": ("capaian = realisasi", "achievement = actual"),
    "sub_kegiatan": ("sub kegiatan", "sub-activity"),
    "line_type": ("jenis baris", "row type"),
    "no_name": ("baris tanpa nama", "row without a name"),
    "serapan_mismatch": ("serapan tidak cocok", "absorption mismatch"),
    "total_mismatch": ("total tidak cocok", "total mismatch"),
    "year": ("tahun", "year"),
    "image_page": ("halaman gambar", "image page"),
    "reader": ("pembaca", "reader"),
    "other_table": ("tabel berbeda", "different table"),
    "polarity": ("polaritas", "polarity"),
    "unit": ("satuan", "unit"),
    "default": ("nilai bawaan", "default value"),
    "agency": ("instansi", "agency"),
}.items()})

#: Questions of the ``review`` sheet (column ``message``), by the module that asks them.
_add({
    "review.spans_pages": ("baris ini terpotong di pergantian halaman dan disambung: periksa",
                           "this row is cut by a page break and joined: check"),
    "review.split_stacked": ("satu baris tergambar berisi beberapa nilai bertumpuk, dipisah",
                             "one drawn row holds several stacked values, split"),
    "review.rotated": ("sel bertulisan diputar 90°: periksa hasil bacaan", "a cell's text is rotated 90°: check the "
                       "reading"),
    "review.grid_rebuilt": ("garis tabel tidak andal; kolom disusun ulang dari posisi teks",
                            "the table's lines are unreliable; columns rebuilt from the text's position"),
    "review.garbled": ("'{text}' bukan angka yang dapat dibaca (pemisah tidak konsisten): dikosongkan, isi dari "
                       "dokumen", "'{text}' is not a readable number (inconsistent separators): left empty, fill it "
                       "in from the document"),
    "review.odd_fraction": ("'{text}' di kolom rupiah: pecahan {n} angka tidak wajar; dikosongkan, isi dari dokumen",
                            "'{text}' in a rupiah column: {n} decimal digits is unusual; left empty, fill it in from "
                            "the document"),
    "review.ambiguous": ("'{text}' dibaca {value:g} (gaya angka {style} dari {decided_by}); bisa juga {other:g}",
                         "'{text}' read as {value:g} ({style} number style from {decided_by}); could also be "
                         "{other:g}"),
    "review.style_id": ("Indonesia", "Indonesian"),
    "review.style_en": ("Inggris", "English"),
    "review.default_word": ("bawaan", "default"),
    "review.ambiguous_percent": ("'{text}' dibaca {value:g} (diputuskan dengan {how})",
                                 "'{text}' read as {value:g} (decided by {how})"),
    "review.realigned": ("sel baris ini tidak sejajar dengan header dan disusun ulang (nilai mulai dari sel angka "
                         "pertama): periksa", "this row's cells do not line up with the header and were realigned "
                         "(values start at the first number cell): check"),
    "review.inherited_name": ("baris tanpa nama indikator: nama diambil dari baris di atasnya",
                              "a row without an indicator name: the name is taken from the row above"),
    "review.plan_year_column": ("kolom '{label}' = tahun ke-{plan_year} periode rencana, dibaca tahun {year}: periksa",
                                "column '{label}' = year {plan_year} of the plan period, read as {year}: check"),
    "review.check_mark": ("'{text}' adalah tanda centang, bukan angka: tidak diisi",
                          "'{text}' is a check mark, not a number: left empty"),
    "review.stacked_pick": ("'{text}' berisi beberapa angka: tidak diisi, pilih dari dokumen",
                            "'{text}' holds several numbers: left empty, pick one from the document"),
    "review.stacked": ("'{text}' berisi beberapa angka: tidak diisi", "'{text}' holds several numbers: left empty"),
    "review.zero_target": ("target tercetak 0: capaian tidak dapat dihitung; periksa dokumen",
                           "printed target 0: achievement cannot be computed; check the document"),
    "review.capaian_mismatch": ("capaian tercetak {c:g}% tetapi realisasi/target×100 = {up:.2f}% — dibiarkan seperti "
                                "tercetak", "printed achievement {c:g}% but actual/target×100 = {up:.2f}% — kept as "
                                "printed"),
    "review.capaian_repeats": ("kolom capaian/rasio mengulang realisasi{where}: periksa dokumen",
                               "the achievement/ratio column repeats the actual{where}: check the document"),
    "review.where_every_row": (" di setiap baris tabel ini", " in every row of this table"),
    "review.where_target": (" (target {target:g}, bukan 100)", " (target {target:g}, not 100)"),
    "review.sub_kegiatan": ("baris sub kegiatan dicatat sebagai kegiatan (skema belum mengenal sub_kegiatan)",
                            "a sub-activity row recorded as an activity (the schema has no sub_kegiatan yet)"),
    "review.numbered_program": ("baris bernomor seperti baris program di atasnya dicatat sebagai program: periksa",
                                "a row numbered like the programme row above it is recorded as a programme: check"),
    "review.split_activities": ("satu baris berisi {n} kegiatan dengan nilai bertumpuk; dipisah per kegiatan: periksa",
                                "one row holds {n} activities with stacked values; split per activity: check"),
    "review.paired_previous": ("nilai baris ini dipasangkan dengan kegiatan yang tertulis di baris sebelumnya: periksa",
                               "this row's values are paired with the activity written on the row before: check"),
    "review.budget_no_name": ("baris anggaran tanpa nama program/kegiatan", "a budget row without a programme/activity "
                              "name"),
    "review.pagu_shifted": ("pagu diambil dari satu-satunya angka rupiah di baris yang selnya bergeser: periksa",
                            "the allocation is taken from the only rupiah amount of a row whose cells shifted: check"),
    "review.plan_year_budget": ("kolom tahun ke-{plan_year} periode rencana dibaca tahun {year}: periksa",
                                "the column of year {plan_year} of the plan period is read as {year}: check"),
    "review.name_from_agreement": ("baris berlabel kegiatan '{label}': nama indikator diambil dari tabel perjanjian "
                                   "kinerja dokumen ini: periksa", "a row labelled with activity '{label}': the "
                                   "indicator name is taken from this document's performance agreement table: check"),
    "review.serapan_mismatch": ("% tercetak {pct:g} tetapi realisasi/pagu×100 = {computed:.2f} — dibiarkan seperti "
                                "tercetak", "printed % {pct:g} but spending/allocation×100 = {computed:.2f} — kept as "
                                "printed"),
    "review.total_mismatch": ("total {column} tercetak {total:,.0f} tetapi jumlah {n} baris di atasnya {sum:,.0f} "
                              "(selisih {diff:,.0f}) — dibiarkan seperti tercetak",
                              "printed total {column} {total:,.0f} but the {n} rows above add up to {sum:,.0f} "
                              "(difference {diff:,.0f}) — kept as printed"),
    "review.no_year_found": ("tahun laporan tidak ditemukan di judul/sampul; tabel tanpa tahun memakai tahun dari "
                             "kolomnya saja — pakai --year", "the report year is not on the title/cover; tables "
                             "without a year use only their columns' years — use --year"),
    "review.year_from_title": ("tahun laporan {year} dibaca dari judul/sampul (pakai --year bila keliru)",
                               "report year {year} read from the title/cover (use --year if wrong)"),
    "review.image_page": ("halaman {page} tidak berteks (hasil pindai): tidak dibaca; periksa apakah memuat tabel",
                          "page {page} has no text (a scan): not read; check whether it holds a table"),
    "review.year_unknown": ("tahun tidak tercetak di tabel dan tidak diketahui: diisi 2000, ganti dengan tahunnya",
                            "no year is printed in the table and none is known: 2000 filled in, replace it with the "
                            "year"),
    "review.caption_year": ("judul {ref} mencetak tahun {caption_year}, laporan tahun {year}: baris tabel ini memakai "
                            "{caption_year} — periksa", "caption {ref} prints year {caption_year}, the report is for "
                            "{year}: this table's rows use {caption_year} — check"),
    "review.other_table": ("{ref} ({line}) memberi nilai lain untuk indikator-tahun-periode ini ({values}); dipakai "
                           "{winner}: periksa", "{ref} ({line}) gives other values for this indicator-year-period "
                           "({values}); {winner} is used: check"),
    "review.polarity": ("polaritas ditebak '{polarity}' dari nama indikator{why}",
                        "polarity guessed '{polarity}' from the indicator's name{why}"),
    "review.polarity_lower": (" (kata menurun/penurunan/turun)", " (the words menurun/penurunan/turun)"),
    "review.polarity_default": (" (bawaan: makin tinggi makin baik)", " (default: higher is better)"),
    "review.unit_guessed": ("satuan ditebak '{unit}' dari angka yang tercetak (tidak ada kolom Satuan)",
                            "unit guessed '{unit}' from the printed figures (no Unit column)"),
    "review.unit_missing": ("satuan tidak tercetak: isi satuannya", "no unit printed: fill in the unit"),
    "review.defaults": ("kolom wajib diisi nilai bawaan, periksa: {defaults}",
                        "required columns filled with defaults, check: {defaults}"),
    "review.guessed_tier": ("tier={tier} (ditebak)", "tier={tier} (guessed)"),
    "review.from_cover": ("{column} dibaca dari sampul/judul dokumen: '{guess}' — periksa",
                          "{column} read from the document's cover/title: '{guess}' — check"),
    "review.not_in_document": ("{column} tidak ditemukan di dokumen: isi (atau pakai --{column})",
                               "{column} not found in the document: fill it in (or use --{column})"),
    "review.bad_level": ("level '{level}' bukan salah satu dari {levels}", "level '{level}' is not one of {levels}"),
    "review.sector_guess": ("sektor ditebak '{sector}' dari nama instansi", "sector guessed '{sector}' from the "
                            "agency's name"),
})

#: The summary of an extraction (``Extraction.summary``, printed by ``lkjip extract``).
_add({
    "extract.summary_document": ("Dokumen: {name} ({kind}, {pages} hlm., {tables} tabel terbaca)",
                                 "Document: {name} ({kind}, {pages} p., {tables} tables read)"),
    "extract.summary_found": ("Tabel ditemukan: {found}", "Tables found: {found}"),
    "extract.summary_none": ("tidak ada", "none"),
    "extract.summary_rows": ("Baris draf: {rows}", "Draft rows: {rows}"),
    "extract.summary_styles": ("Gaya angka per kolom: {styles}", "Number style per column: {styles}"),
    "extract.summary_questions": ("Pertanyaan review: {n}", "Review questions: {n}"),
    "extract.summary_image_pages": ("Halaman gambar (tanpa teks, tidak dibaca): {pages}",
                                    "Image pages (no text, not read): {pages}"),
    "extract.style.id": ("Indonesia (1.164.318.000 / 99,97)", "Indonesian (1.164.318.000 / 99,97)"),
    "extract.style.en": ("Inggris (11,837,901,269 / 73.04)", "English (11,837,901,269 / 73.04)"),
    "extract.style.mixed": ("campuran", "mixed"),
    "extract.draft_title": ("DRAF HASIL EKSTRAKSI (lkjip extract) — periksa sheet 'review'",
                            "EXTRACTED DRAFT (lkjip extract) — check sheet 'review'"),
})
#: Kinds of table found by the extraction, as the summary names them.
_add_labels("extract_table_kind", {
    "performance": ("kinerja", "performance"),
    "multi_year": ("kinerja multi-tahun", "multi-year performance"),
    "budget": ("anggaran", "budget"),
    "comparison": ("pembanding", "comparison"),
})

#: Notes of the PDF reader (:mod:`lkjip_analysis.io.extract.pdf`; the review sheet's kind ``reader``) and of
#: the table interpreter (a table's ``notes``).
_add({
    "pdf.note_untrusted_lines": ("hlm. {page}: garis tabel tampak tidak dapat dipercaya; {why}, dan letak teks tidak "
                                 "memberi baris yang lebih baik: grid pdfplumber dipakai apa adanya",
                                 "p. {page}: the table's lines look untrustworthy; {why}, and the text's position "
                                 "gives no better rows: pdfplumber's grid is used as it is"),
    "pdf.why_camelot_budget": ("batas waktu camelot ({seconds} s per dokumen) habis",
                               "camelot's time budget ({seconds} s per document) is used up"),
    "pdf.why_no_camelot": ("camelot tidak terpasang", "camelot is not installed"),
    "pdf.note_inner_boxes": ("hlm. {page}: {n} kotak bergaris di dalam sel tabel lain tidak dibaca sebagai tabel",
                             "p. {page}: {n} ruled boxes inside another table's cells are not read as tables"),
    "pdf.note_camelot_grid": ("hlm. {page}: garis tabel dari pdfplumber tidak dapat dipercaya; sel disusun ulang dari "
                              "deteksi garis camelot (lattice) pada gambar halaman",
                              "p. {page}: pdfplumber's table lines cannot be trusted; cells rebuilt from camelot's "
                              "line detection (lattice) on the page image"),
    "pdf.note_text_rows": ("hlm. {page}: garis tabel memotong baris; batas baris tubuh tabel disusun ulang dari letak "
                           "teks (paragraf kolom nama)", "p. {page}: the table's lines cut rows; the body's row "
                           "boundaries rebuilt from the text's position (paragraphs of the name column)"),
    "pdf.note_empty_columns_page": ("hlm. {page}: {n} kolom kosong di semua baris (sisa gambar garis) dihapus",
                                    "p. {page}: {n} columns empty in every row (left over from drawn lines) removed"),
    "pdf.note_empty_rows": ("hlm. {page}: {n} baris kosong dihapus", "p. {page}: {n} empty rows removed"),
    "pdf.note_repeated_header": ("hlm. {page}: {n} baris judul kolom yang diulang dari halaman sebelumnya dihapus",
                                 "p. {page}: {n} header rows repeated from the previous page removed"),
    "pdf.note_joined_row": ("hlm. {page}: baris {row} melanjutkan baris terakhir hlm. {previous} (terpotong "
                            "pergantian halaman) dan digabung", "p. {page}: row {row} continues the last row of p. "
                            "{previous} (cut by the page break) and is joined to it"),
    "pdf.note_empty_columns": ("{n} kolom kosong di semua baris dihapus", "{n} columns empty in every row removed"),
    "pdf.note_unreadable_table": ("hlm. {page}: tabel tidak dapat dibaca ({detail})",
                                  "p. {page}: a table cannot be read ({detail})"),
    "pdf.note_libraries": ("pustaka: pypdfium2 {pdfium} (teks, karakter dan garis halaman), pdfplumber {pdfplumber} "
                           "(algoritme sel tabel dari garis){camelot}", "libraries: pypdfium2 {pdfium} (the pages' "
                           "text, characters and lines), pdfplumber {pdfplumber} (table cells from lines){camelot}"),
    "pdf.note_camelot": (", camelot lattice (pendapat kedua bila garis meragukan)",
                         ", camelot lattice (a second opinion when lines are doubtful)"),
    "pdf.note_word_filter": ("saringan kata: {checked} dari {wanted} halaman diperiksa tabelnya; dilewati (tanpa kata "
                             "tabel atau garis): hlm. {skipped}", "word filter: {checked} of {wanted} pages checked "
                             "for tables; skipped (no table words or lines): p. {skipped}"),
    "pdf.note_image_pages": ("halaman gambar (pindaian, tanpa teks): hlm. {pages}; tidak dibaca",
                             "image pages (scans, no text): p. {pages}; not read"),
    "classify.note_continued": ("bersambung di {location}", "continued at {location}"),
    "classify.note_continued_header": ("bersambung di {location} (header diulang dihapus)",
                                       "continued at {location} (repeated header removed)"),
    "classify.note_other": ("bukan tabel kinerja/anggaran/pembanding", "not a performance/budget/comparison table"),
    "classify.note_skipped_outputs": ("{n} baris indikator keluaran/hasil (tanpa kode program/kegiatan) tidak "
                                      "dimasukkan ke anggaran", "{n} output/outcome indicator rows (without a "
                                      "programme/activity code) are not put in the budget"),
})

# --------------------------------------------------------------------------- the cross-agency panel

#: Short descriptions of the panel's columns (Stata variable labels; :mod:`lkjip_analysis.compare.panel`).
_add_labels("panel_column", {
    "agency_id": ("Kode instansi", "Agency id"), "name": ("Nama instansi", "Agency name"),
    "level": ("Tingkat pemerintahan", "Level of government"), "province": ("Provinsi", "Province"),
    "year": ("Tahun", "Year"), "period": ("Periode (annual, TW1-TW4)", "Period (annual, TW1-TW4)"),
    "indicator_id": ("Kode indikator", "Indicator id"), "indicator": ("Nama indikator", "Indicator name"),
    "tier": ("Tingkat indikator", "Indicator tier"), "iku": ("Indikator kinerja utama", "Key performance indicator"),
    "unit": ("Satuan", "Unit"), "polarity": ("Polaritas (higher/lower)", "Polarity (higher/lower)"),
    "measure": ("Ukuran bersama (crosswalk)", "Common measure (crosswalk)"),
    "measure_confidence": ("Keyakinan pemetaan (0-1)", "Mapping confidence (0-1)"),
    "measure_basis": ("Dasar pemetaan", "Mapping basis"), "measure_note": ("Catatan pemetaan", "Mapping note"),
    "target": ("Target", "Target"), "target_text": ("Target (teks)", "Target (text)"),
    "realisasi": ("Realisasi", "Actual (realisasi)"),
    "realisasi_prev": ("Realisasi tahun sebelumnya (periode sama)", "Previous year's actual (same period)"),
    "target_ambition": ("Target vs realisasi thn lalu (%)", "Target vs last year's actual (%)"),
    "capaian": ("Capaian dihitung (%)", "Achievement computed (%)"),
    "capaian_note": ("Alasan capaian tidak ada", "Why there is no achievement"),
    "reported_capaian": ("Capaian tercetak (%)", "Achievement printed (%)"),
    "kategori": ("Kategori capaian", "Achievement category"),
    "serapan": ("Serapan anggaran terkait (%)", "Absorption of the linked budget (%)"),
    "serapan_basis": ("Dasar serapan", "Absorption basis"),
    "audit_errors": ("Jumlah temuan audit error", "Number of audit errors"),
    "source": ("Berkas sumber", "Source file"), "source_line": ("Baris sumber", "Source line"),
})
_add({"panel.bad_suffix": ("{path}: akhiran berkas panel harus salah satu dari {suffixes}",
                           "{path}: a panel file's suffix must be one of {suffixes}")})

# --------------------------------------------------------------------------- dataset problems
#: What was expected of a dataset's file, sheet, row or cell (``Problem.expected``: the validator, the
#: loaders, the writers, the crosswalk). File, sheet, row and column are written by ``error.problem_*``;
#: a quoted value (a cell's text, a column name) is a field, shown as typed in either language.
_add({
    "problem.infinite": ("angka terhingga (bukan tak hingga; paling besar sekitar 1,8 x 10^308)",
                         "a finite number (not infinity; at most about 1.8 x 10^308)"),
    "problem.number": ("angka ({type}) yang sah; {reason}", "a valid number ({type}); {reason}"),
    "problem.not_negative": ("nilai tidak boleh negatif", "a value that is not negative"),
    "problem.minimum": ("nilai minimal {minimum}", "a value of at least {minimum}"),
    "problem.between": ("nilai antara {minimum} dan {maximum}", "a value between {minimum} and {maximum}"),
    "problem.required_cell": ("kolom wajib diisi", "a value (the column is required)"),
    "problem.slug": ("slug: huruf kecil, angka dan tanda hubung (mis. dinsos-kota-banjarbaru)",
                     "a slug: lower-case letters, digits and hyphens (e.g. dinsos-kota-banjarbaru)"),
    "problem.integer": ("bilangan bulat", "a whole number"),
    "problem.allowed_boolean": ("true atau false", "true or false"),
    "problem.allowed_one_of": ("salah satu dari: {values}", "one of: {values}"),
    "problem.allowed": ("{head} (huruf besar/kecil bebas)", "{head} (in any case)"),
    "problem.allowed_synonyms": ("{head} (huruf besar/kecil bebas; juga diterima: {synonyms})",
                                 "{head} (in any case; also accepted: {synonyms})"),
    "problem.unknown_column": ("kolom tidak dikenal untuk tabel '{table}' — diabaikan; kolom yang sah: {columns}",
                               "unknown column for table '{table}' — ignored; valid columns: {columns}"),
    "problem.missing_column": ("kolom wajib '{column}' tidak ada di header",
                               "required column '{column}' is not in the header"),
    "problem.missing_optional": ("kolom opsional '{column}' tidak ada di header — dianggap kosong",
                                 "optional column '{column}' is not in the header — taken as empty"),
    "problem.empty_table": ("tabel '{table}' wajib berisi minimal satu baris",
                            "table '{table}' must hold at least one row"),
    "problem.duplicate_key": ("kunci unik; duplikat dari baris {row}", "a unique key; a duplicate of row {row}"),
    "problem.reference": ("harus ada di tabel '{table}'", "must exist in table '{table}'"),
    "problem.utf8": ("berkas harus ber-encoding UTF-8 ({reason} pada byte {start})",
                     "the file must be UTF-8 encoded ({reason} at byte {start})"),
    "problem.empty_file": ("berkas kosong: tabel '{table}' harus punya baris header",
                           "empty file: table '{table}' must have a header row"),
    "problem.pyarrow": ("pyarrow terpasang untuk membaca Parquet ({error})",
                        "pyarrow installed to read Parquet ({error})"),
    "problem.parquet": ("berkas Parquet yang dapat dibaca ({error})", "a readable Parquet file ({error})"),
    "problem.missing_table_file": ("berkas tabel wajib '{table}' tidak ditemukan",
                                   "required table file '{table}' not found"),
    "problem.uncached_formula": (
        "sel rumus tanpa nilai tersimpan (berkas dibuat program dan belum dibuka/disimpan di Excel) — dibaca "
        "kosong; buka dan simpan di Excel/LibreOffice, atau tulis nilainya",
        "a formula cell without a stored value (the file was written by a program and never opened/saved in "
        "Excel) — read as empty; open and save it in Excel/LibreOffice, or type the value"),
    "problem.workbook": ("workbook {kind} yang dapat dibaca ({error})", "a readable {kind} workbook ({error})"),
    "problem.missing_sheet": ("sheet wajib '{table}' tidak ditemukan", "required sheet '{table}' not found"),
    "problem.empty_sheet": ("sheet kosong: tabel '{table}' harus punya baris header",
                            "empty sheet: table '{table}' must have a header row"),
    "problem.no_source": ("folder dataset atau workbook Excel/LibreOffice yang ada",
                          "an existing dataset folder or Excel/LibreOffice workbook"),
    "problem.bad_source": ("folder berisi CSV atau workbook .xlsx/.ods",
                           "a folder of CSV files or an .xlsx/.ods workbook"),
    "problem.write_infinite": ("angka terhingga (bukan tak hingga)", "a finite number (not infinity)"),
    "problem.merge_duplicate": ("kunci unik; ada di {origins} — hapus salah satu sebelum digabung",
                                "a unique key; it is in {origins} — remove one before merging"),
    "problem.and": ("{head} dan {last}", "{head} and {last}"),
    "problem.file_written": ("{name} (ditulis)", "{name} (written)"),
    "problem.file_merged": ("{name} (gabungan)", "{name} (merged)"),
    "problem.path_table": ("tabel {name}", "table {name}"),
    "problem.path_merged": ("gabungan dataset", "(the merged datasets)"),
    "problem.crosswalk_column": ("kolom wajib crosswalk", "a required crosswalk column"),
    "problem.crosswalk_file": ("berkas crosswalk CSV yang ada", "an existing crosswalk CSV file"),
    "problem.crosswalk_csv": ("CSV yang dapat dibaca ({error})", "a readable CSV ({error})"),
    "problem.crosswalk_columns": ("kolom wajib crosswalk (agency_id, indicator_id, measure)",
                                  "a required crosswalk column (agency_id, indicator_id, measure)"),
    "problem.crosswalk_measure": ("id ukuran bersama atau '-' (tidak ada); pilihan: {choices}",
                                  "a common measure id or '-' (none); choices: {choices}"),
    "problem.required_value": ("wajib diisi", "a value (required)"),
    "problem.confidence": ("angka 0–1 (mis. 0,8)", "a number 0–1 (e.g. 0.8)"),
    "problem.crosswalk_duplicate": ("satu baris per instansi dan indikator ({agency_id} sudah ada di baris sebelumnya)",
                                    "one row per agency and indicator ({agency_id} is in an earlier row)"),
})

# --------------------------------------------------------------------------- what normalisation changed
#: Why a value was changed (the ``note`` of :class:`~lkjip_analysis.model.normalize.Notes`; the record keeps
#: the key as ``note_key``) and the lines :func:`~lkjip_analysis.model.normalize.format_change` prints.
_add({
    "note.numbers_as_text": ("angka bertulisan teks dibaca dengan aturan angka paket (Rp, %, titik ribuan, koma "
                             "desimal)",
                             "numbers written as text read by the package's number rules (Rp, %, thousands dots, "
                             "decimal comma)"),
    "note.decimal_point": ("titik dibaca sebagai koma desimal (bukan pemisah ribuan: tidak diikuti tiga angka)",
                           "the dot read as the decimal separator (not a thousands separator: not followed by "
                           "three digits)"),
    "note.quarter_last": ("dari satuan {unit} (persentase/indeks: nilai triwulan terakhir)",
                          "from unit {unit} (percentage/index: the last quarter's value)"),
    "note.quarter_cumulative": ("dari satuan {unit} (hitungan: jumlah triwulan)",
                                "from unit {unit} (a count: the sum of the quarters)"),
    "note.sheet_name": ("nama sheet", "the sheet's name"),
    "note.file_name": ("nama berkas", "the file's name"),
    "note.file_place": ("letak di berkas", "the place in the file"),
    "note.row_order": ("urutan baris dalam tabel", "the order of the rows in its table"),
    "change.header": ("{table}: kolom {original} → {canonical}", "{table}: column {original} → {canonical}"),
    "change.empty": ("(kosong)", "(empty)"),
    "change.numbers": ("{table}.{column}: {count} angka bertulisan teks, mis. {original} → {canonical}",
                       "{table}.{column}: {count} numbers written as text, e.g. {original} → {canonical}"),
    "change.value": ("{table}.{column}: {original} → {canonical} ({count}×)",
                     "{table}.{column}: {original} → {canonical} ({count}×)"),
})

# --------------------------------------------------------------------------- why a report failed
#: The ``error`` of a failed report (:class:`~lkjip_analysis.run.jobs.ReportResult`; the run summary and the
#: manifest). The third-party part (an exception's name and text, a cell's error) is a field, as raised.
_add({
    "run.error_cell": ("{ename}: {evalue} (sel [{cell}])", "{ename}: {evalue} (cell [{cell}])"),
    "run.error_exception": ("{ename}: {evalue}", "{ename}: {evalue}"),
    "run.error_pdf": ("{error}", "{error}"),
    "run.error_export": ("ekspor gagal: {ename}: {evalue}", "export failed: {ename}: {evalue}"),
    "run.error_worker": ("proses pekerja gagal: {ename}: {evalue}", "worker process failed: {ename}: {evalue}"),
    "run.error_upload": ("unggah ke {url} gagal: {ename}: {evalue}", "upload to {url} failed: {ename}: {evalue}"),
})

# --------------------------------------------------------------------------- the run's index page and log
#: The texts of ``index.html`` (:func:`lkjip_analysis.run.export.render_index`), in the run's language
#: (``lkjip --lang``, kept in the manifest as ``lang``).
_add({
    "index.title": ("Laporan LKjIP", "LKjIP reports"),
    "index.counts": ("{n} laporan: {counts}", "{n} reports: {counts}"),
    "index.none": ("Belum ada laporan.", "No reports yet."),
    "index.kept": ("laporan sebelumnya dipertahankan", "the previous report is kept"),
    "index.year": ("Tahun", "Year"),
    "index.report": ("Laporan", "Report"),
    "index.regional": ("Perbandingan regional", "Regional comparison"),
    "index.status": ("Status", "Status"),
    "index.files": ("Berkas", "Files"),
    "index.made": ("Dibuat", "Made"),
    "index.updated": ("diperbarui {updated}", "updated {updated}"),
    "index.details": ("rincian", "details"),
    "index.unit": ("laporan", "reports"),
})

#: Log lines of ``lkjip run`` (``lkjip -v``): the ``lkjip`` command prints them in ``--lang``
#: (its log formatter renders a :class:`Message`); a library user's logging gets the Indonesian text.
_add({
    "log.manifest_unreadable": ("manifest {path} tidak terbaca ({error}); dibuat baru",
                                "manifest {path} cannot be read ({error}); a new one is made"),
    "log.pdf_fallback": ("{error}; mencoba WeasyPrint", "{error}; trying WeasyPrint"),
    "log.kernel_retry": ("{label}: kernel gagal dimulai ({error}); mencoba lagi ({attempt}/{attempts})",
                         "{label}: the kernel did not start ({error}); trying again ({attempt}/{attempts})"),
    "log.report_failed": ("{label} gagal: {error}", "{label} failed: {error}"),
    "log.kernel_replaced": ("kernel {pid} diganti baru: {reason}", "kernel {pid} replaced by a new one: {reason}"),
    "log.loading_dataset": ("memuat dataset {dataset}", "loading dataset {dataset}"),
    "log.embedded_dataset": ("(tertanam)", "(embedded)"),
    "log.params_refused": ("params ditolak: {error}", "params refused: {error}"),
    "log.unchanged": ("{n} laporan tidak berubah (kunci sama, berkas lengkap); dilewati",
                      "{n} reports unchanged (same key, files complete); skipped"),
    "log.default_exporter": ("HTMLExporter bawaan nbconvert dipakai ({error})",
                             "nbconvert's own HTMLExporter is used ({error})"),
    "log.kernel_stop_failed": ("kernel tidak dapat dihentikan dengan rapi: {error}",
                               "the kernel could not be stopped cleanly: {error}"),
    "log.kernel_early_failed": ("kernel tidak dapat dimulai lebih awal: {error}",
                                "the kernel could not be started early: {error}"),
    "log.crosswalk_stale": (("{n} entri {basis} crosswalk tidak dipakai: nama indikator berbeda "
                             "(mis. {agency_id} {indicator_id})"),
                            ("{n} {basis} crosswalk entries not used: the indicator's name differs "
                             "(e.g. {agency_id} {indicator_id})")),
    "log.recovering": ("memulihkan {final} dari {temp} (run sebelumnya terputus)",
                       "restoring {final} from {temp} (an earlier run was interrupted)"),
    "log.removing_leftover": ("menghapus sisa run terputus: {path}", "removing what an interrupted run left: {path}"),
})

#: Errors of a warm kernel (:class:`~lkjip_analysis.run.kernels.WarmKernel`) used as a library.
_add({
    "kernel.closed": ("WarmKernel sudah ditutup", "the WarmKernel is closed"),
    "kernel.engine_needs_kernel": ("engine papermill lkjip-warm memerlukan warm_kernel=WarmKernel(...)",
                                   "the lkjip-warm papermill engine needs warm_kernel=WarmKernel(...)"),
})
