"""Every id/en text of the package, by key: one table per language, one lookup for coded values.

Text is always found by its key, never by matching the Indonesian wording, so rewording a text
cannot silently lose its translation; ``tests/test_i18n.py`` checks that every key exists in
both languages with the same ``str.format`` placeholders.

- :func:`t` ``(key, lang, **fields)``: the text of ``key`` in ``lang`` with its placeholders filled.
- :func:`label` ``(kind, code, lang)``: the label of a coded value (a status, a severity, ...).

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

    >>> label("severity", "error", "en")
    'error'
    """
    table = LABELS[kind][check_lang(lang)]
    if code in table:
        return table[code]
    return str(code) if default is None else default


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
    "error.invalid_dataset": ("Dataset {path} tidak valid: {count} masalah", "Dataset {path} is invalid: {count} problems"),
    "error.invalid_dataset_nopath": ("Dataset tidak valid: {count} masalah", "Dataset is invalid: {count} problems"),
    "error.more_problems": ("... dan {count} masalah lain", "... and {count} more problems"),
    "error.problem_row": (", baris {row}", ", row {row}"),
    "error.problem_column": (", kolom '{column}'", ", column '{column}'"),
    "error.problem_value": (": nilai {value}", ": value {value}"),
    "error.not_a_number": ("{text} bukan angka yang sah: {reason}", "{text} is not a valid number: {reason}"),
    "error.unknown_choice": ("{kind} {name} tidak dikenal; pilihan: {choices}",
                             "unknown {kind} {name}; choices: {choices}"),
    "error.params_refused": ("{count} berkas params ditolak:", "{count} params files refused:"),
    "error.unknown_agency": ("agency_id {agency_id} tidak ada di dataset", "agency_id {agency_id} is not in the dataset"),
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
    "error.lengths_differ": ("panjang Series berbeda: {first} dan {other}", "Series lengths differ: {first} and {other}"),
    "error.missing_dependency": ("{package} tidak terpasang ({detail}); {hint}", "{package} is not installed ({detail}); "
                                 "{hint}"),
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
