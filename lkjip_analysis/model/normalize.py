"""Canonical values and column names from what people type, and the record of what was changed.

Analysts fill workbooks the way reports are written: ``APBD``, ``Naik``, ``Ya``, ``TW IV``,
``Kabupaten``, column headers such as ``Sumber Dana`` or ``Capaian (%)``. This module holds the
documented synonym tables (:data:`VALUE_SYNONYMS`, :data:`HEADER_SYNONYMS`), the vectorised
functions that apply them (each distinct text is looked up once, never each row) and
:class:`Notes`, which records every change and warning so nothing changes silently.

Matching ignores case, surrounding and repeated spaces, and treats ``_`` and ``-`` as spaces and a
trailing ``.`` as absent (``Sub-Kegiatan`` = ``sub kegiatan`` = ``sub_kegiatan``; ``Kab.`` = ``kab``).
A text that matches nothing stays refused; the message names the allowed values and the synonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..exceptions import Problem
from ..i18n import Message, message, t
from .schema import TABLES, Column

_ROMAN = ("I", "II", "III", "IV")
_ORDINAL = ("pertama", "kedua", "ketiga", "keempat")


def _quarter_synonyms(n: int) -> tuple[str, ...]:
    roman = _ROMAN[n - 1]
    out = []
    for prefix in ("TW", "Triwulan", "Trw", "Q", "Kuartal", "Quarter"):
        out += [f"{prefix}{n}", f"{prefix} {n}", f"{prefix}{roman}", f"{prefix} {roman}", f"{prefix}.{n}",
                f"{prefix}.{roman}", f"{prefix}. {roman}"]
    return (*out, f"Triwulan {_ORDINAL[n - 1]}", f"Triwulan ke {n}", f"Triwulan ke-{n}")


#: Synonyms of the allowed values, per column (``"boolean"``: every boolean column). Keys are the
#: canonical values; the canonical value itself is also accepted in any case.
VALUE_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "polarity": {
        "higher": ("naik", "meningkat", "positif", "maksimal", "maksimum", "maksimalisasi", "max",
                   "makin tinggi makin baik", "semakin tinggi semakin baik", "higher is better", "tinggi", "up"),
        "lower": ("turun", "menurun", "negatif", "minimal", "minimum", "minimalisasi", "min",
                  "makin rendah makin baik", "semakin rendah semakin baik", "lower is better", "rendah", "down"),
    },
    "quarter_aggregation": {
        "cumulative": ("kumulatif", "akumulasi", "akumulatif", "jumlah", "sum"),
        "last": ("terakhir", "nilai terakhir", "posisi akhir", "akhir"),
        "per_quarter": ("per triwulan", "tiap triwulan", "per tw", "masing-masing triwulan"),
    },
    "tier": {
        "sasaran": ("sasaran strategis", "indikator sasaran"),
        "program": ("indikator program",),
        "kegiatan": ("indikator kegiatan",),
    },
    "period": {
        "annual": ("tahunan", "tahun", "setahun", "yearly", "year", "1 tahun"),
        **{f"TW{n}": _quarter_synonyms(n) for n in range(1, 5)},
    },
    "level": {
        "kabupaten": ("Kab", "Kab.", "Pemkab", "Pemerintah Kabupaten", "regency"),
        "kota": ("Kotamadya", "Pemkot", "Pemerintah Kota", "city"),
        "provinsi": ("Prov", "Prov.", "Propinsi", "Pemprov", "Pemerintah Provinsi", "province"),
    },
    "funding_source": {
        "apbd": ("APBD", "APBD Murni", "APBD Perubahan", "APBD-P", "APBD Kabupaten", "APBD Kota",
                 "APBD Provinsi", "APBD Kab/Kota"),
        "apbn_dekonsentrasi": ("APBN Dekonsentrasi", "Dekon", "Dekonsentrasi", "Dana Dekonsentrasi", "APBN Dekon"),
        "apbn_tugas_pembantuan": ("TP", "Tugas Pembantuan", "APBN TP", "APBN Tugas Pembantuan",
                                  "Dana Tugas Pembantuan"),
        "dak": ("DAK", "Dana Alokasi Khusus", "DAK Fisik", "DAK Non Fisik", "DAK Nonfisik"),
        "did": ("DID", "Dana Insentif Daerah"),
        "lainnya": ("lain", "lain-lain", "lain lain", "other", "others"),
    },
    "line_type": {
        "sub_kegiatan": ("Sub Kegiatan", "Sub-Kegiatan", "Subkegiatan", "sub activity"),
        "kegiatan": ("activity",),
        "program": ("programme",),
        "total": ("Jumlah", "Total", "Jumlah Total", "Grand Total", "Total Anggaran", "Jumlah Anggaran"),
    },
    "kind": {
        "rpjmd_end": ("target akhir rpjmd", "akhir rpjmd", "rpjmd"),
        "renstra_end": ("target akhir renstra", "akhir renstra"),
        "renstra": ("target renstra", "renstra tahunan"),
        "national": ("nasional", "target nasional", "rata-rata nasional"),
        "region": ("daerah", "daerah lain", "wilayah", "kabupaten/kota lain"),
    },
    "component": {
        "perencanaan": ("perencanaan kinerja",),
        "pengukuran": ("pengukuran kinerja",),
        "pelaporan": ("pelaporan kinerja",),
        "evaluasi_internal": ("evaluasi internal", "evaluasi akuntabilitas kinerja internal", "evaluasi kinerja"),
        "capaian": ("capaian kinerja", "pencapaian kinerja"),
        "total": ("jumlah", "nilai akhir", "nilai hasil evaluasi", "nilai total"),
    },
    "reported_predikat": {},  # AA, A, BB, ... in any case
    "boolean": {
        "true": ("ya", "iya", "y", "yes", "benar", "1", "v", "✓"),
        "false": ("tidak", "tdk", "n", "no", "bukan", "salah", "0"),
    },
}

#: Column header synonyms per table (``"*"``: every table that has the column). A header also
#: matches its column name written with spaces or in any case (``Agency ID`` = ``agency_id``);
#: ``(%)`` and ``(Rp)`` after a header are ignored (``Capaian (%)`` = ``capaian``).
HEADER_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "*": {
        "agency_id": ("kode instansi", "id instansi", "kode opd"),
        "indicator_id": ("kode indikator", "id indikator"),
        "year": ("tahun", "tahun anggaran", "ta"),
        "period": ("periode", "triwulan"),
        "unit": ("satuan",),
        "polarity": ("polaritas", "arah indikator"),
        "target": ("target",),
        "realisasi": ("realisasi",),
        "program": ("program", "nama program"),
        "kegiatan": ("kegiatan", "nama kegiatan"),
        "sub_kegiatan": ("sub kegiatan", "subkegiatan", "nama sub kegiatan"),
        "funding_source": ("sumber dana", "sumber anggaran"),
        "source": ("sumber", "sumber data", "keterangan", "ket"),
        "source_line": ("letak sumber", "baris sumber"),
    },
    "agencies": {
        "name": ("nama instansi", "nama", "nama opd", "perangkat daerah"),
        "level": ("tingkat", "tingkat pemerintahan", "jenis daerah"),
        "province": ("provinsi",),
        "sector": ("bidang", "urusan", "bidang urusan", "sektor"),
    },
    "indicators": {
        "name": ("nama indikator", "indikator", "indikator kinerja", "nama"),
        "sasaran": ("sasaran strategis", "sasaran"),
        "quarter_aggregation": ("agregasi triwulan", "agregasi", "cara agregasi"),
        "tier": ("tingkat indikator", "tingkat", "level indikator"),
        "iku": ("indikator kinerja utama", "iku?"),
        "formula": ("rumus", "formulasi", "cara perhitungan", "cara pengukuran"),
    },
    "performance": {
        "target_text": ("target teks", "target (teks)"),
        "reported_capaian": ("capaian", "capaian kinerja", "persentase capaian", "% capaian"),
        "table_ref": ("tabel", "tabel laporan", "sumber tabel"),
    },
    "budget": {
        "budget_table": ("tabel", "tabel anggaran", "nama tabel"),
        "line_no": ("no", "nomor", "no urut", "nomor baris"),
        "line_type": ("jenis baris", "jenis", "tingkat"),
        "pagu": ("pagu", "anggaran", "pagu anggaran", "alokasi", "alokasi anggaran"),
        "realisasi": ("realisasi anggaran",),
        "reported_pct": ("%", "persentase", "persen", "serapan", "persentase serapan", "% realisasi"),
        "reported_sisa": ("sisa", "sisa anggaran"),
        "headline": ("total utama", "total instansi"),
    },
    "efficiency": {
        "reported_capaian": ("capaian", "capaian kinerja"),
        "reported_serapan": ("serapan", "serapan anggaran"),
        "reported_efisiensi": ("efisiensi",),
    },
    "pmks": {
        "measure": ("ukuran",),
        "numerator": ("pembilang",),
        "denominator": ("penyebut",),
        "reported_pct": ("%", "persentase", "persen"),
        "numerator_label": ("arti pembilang", "label pembilang"),
        "denominator_label": ("arti penyebut", "label penyebut"),
    },
    "benchmarks": {
        "kind": ("jenis", "jenis pembanding"),
        "region": ("daerah", "wilayah"),
        "value": ("nilai", "nilai pembanding"),
        "value_text": ("nilai teks",),
    },
    "akip_scores": {
        "component": ("komponen",),
        "weight": ("bobot",),
        "score": ("nilai", "skor"),
        "reported_predikat": ("predikat",),
    },
    "facts": {
        "topic": ("topik", "kelompok"),
        "label": ("uraian",),
        "value": ("nilai",),
        "unit": ("satuan",),
        "value_text": ("nilai teks",),
    },
}

#: Units whose quarters are levels (the last quarter stands for the year): percentages, indices,
#: scores. Every other unit counts things (orang, KPM, dokumen, ...): its quarters add up.
LEVEL_UNITS = ("%", "persen", "persentase", "prosen", "indeks", "index", "rasio", "nilai", "skor", "poin",
               "predikat", "angka")

_SPACES = re.compile(r"[\s_\-]+")


def match_key(text: str) -> str:
    """The form two texts are compared in: case-folded, ``_``/``-``/spaces as one space, no trailing dot.

    Examples
    --------
    >>> match_key("  Sub-Kegiatan ")
    'sub kegiatan'
    >>> match_key("Kab.")
    'kab'
    """
    s = _SPACES.sub(" ", str(text).replace("\u00a0", " ")).strip().casefold()
    return s[:-1].rstrip() if s.endswith(".") and len(s) > 1 else s


_UNIT_SUFFIX = re.compile(r"\s*\((?:%|rp\.?|persen)\)\s*$", re.IGNORECASE)


def header_key(text: str) -> str:
    """:func:`match_key` of a column header, without a unit in brackets (``Capaian (%)`` -> ``capaian``)."""
    stripped = _UNIT_SUFFIX.sub("", str(text))
    return match_key(stripped if stripped.strip() else text)


def domain(col: Column) -> str | None:
    """Which synonym table applies to a column (None: the column has no allowed values)."""
    if col.type == "boolean":
        return "boolean"
    if col.enum:
        return col.name
    return None


def _build_lookup() -> dict[str, dict[str, str]]:
    lookups = {}
    for name, table in VALUE_SYNONYMS.items():
        lookup: dict[str, str] = {}
        canon = _domain_values(name)
        for value in canon:
            lookup[match_key(value)] = value
        for value, synonyms in table.items():
            assert value in canon, (name, value)
            for synonym in synonyms:
                key = match_key(synonym)
                if lookup.get(key, value) != value:
                    raise AssertionError(f"synonym {synonym!r} of {name} means two values")
                lookup[key] = value
        lookups[name] = lookup
    return lookups


def _domain_values(name: str) -> tuple[str, ...]:
    if name == "boolean":
        return ("true", "false")
    for table in TABLES.values():
        if name in table.column_names and table.column(name).enum:
            return table.column(name).enum
    raise KeyError(name)


_LOOKUP = _build_lookup()


def _build_headers() -> dict[str, dict[str, str]]:
    out = {}
    for tname, table in TABLES.items():
        own = {header_key(c): c for c in table.column_names}  # a column's own name is never taken
        lookup: dict[str, str] = {}
        for scope in ("*", tname):  # the table's own synonyms override the common ones
            for column, synonyms in HEADER_SYNONYMS.get(scope, {}).items():
                if column in table.column_names:
                    lookup.update({header_key(s): column for s in synonyms})
        lookup.update(own)
        out[tname] = lookup
    return out


_HEADERS = _build_headers()


def synonyms_of(name: str) -> dict[str, list[str]]:
    """Every accepted text of a synonym table, per canonical value (for messages and docs)."""
    out: dict[str, list[str]] = {v: [] for v in _domain_values(name)}
    for value, synonyms in VALUE_SYNONYMS[name].items():
        out[value] = list(synonyms)
    return out


def allowed_message(col: Column) -> Message:
    """What a refused value of ``col`` should have been: the allowed values and their synonyms.

    A :class:`~lkjip_analysis.i18n.Message` (``problem.allowed*``): the values and synonyms are quoted as the
    package accepts them, the words around them in either language.
    """
    name = domain(col)
    values = ("true", "false") if name == "boolean" else col.enum
    head = message("problem.allowed_boolean") if name == "boolean" else \
        message("problem.allowed_one_of", values=", ".join(values))
    shown = [f"{v} ← {', '.join(s)}" for v, s in synonyms_of(name).items() if s]
    if not shown:
        return message("problem.allowed", head=head)
    return message("problem.allowed_synonyms", head=head, synonyms="; ".join(shown))


# --------------------------------------------------------------------------- record


@dataclass
class Notes:
    """What normalisation changed, and warnings that refuse nothing.

    ``changes`` rows: table, file (sheet or file label), column, kind (``nilai``: a synonym,
    ``kolom``: a header, ``bawaan``: a default, ``angka``: numbers typed as text; one example),
    original, canonical, count, note, and the i18n keys of the texts among them (``note_key`` and
    ``note_fields`` of the note, ``canonical_key`` when the canonical value is a description such as
    "urutan baris dalam tabel" rather than a value). ``warnings``:
    :class:`~lkjip_analysis.exceptions.Problem` (sheet/file, row, column).

    Why keys are recorded, not looked up from the texts: ``note`` keeps the Indonesian text (what
    ``datapackage.json`` of an import has always held, readable without the package), and the key
    beside it is what :func:`format_change` renders in another language. Mapping the known note texts
    back to keys would translate by matching wording, so rewording a note would silently drop its
    English; a record without a key (written before keys were kept) prints its stored text.
    """

    changes: list[dict] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def change(self, table: str, file: str, column: str, kind: str, original: object, canonical: object,
               count: int, note: Message | str = "") -> None:
        """Record one change (``original`` → ``canonical`` in ``count`` cells; ``note`` says why).

        ``note`` (and ``canonical`` when it describes rather than is a value) is an
        :class:`~lkjip_analysis.i18n.Message`; its key is recorded with its Indonesian text.
        """
        keyed_note = isinstance(note, Message)
        keyed_canonical = isinstance(canonical, Message)
        self.changes.append(dict(
            table=table, file=file, column=column, kind=kind, original=original,
            canonical=str(canonical) if keyed_canonical else canonical, count=int(count), note=str(note),
            note_key=note.key if keyed_note else "", note_fields=dict(note.fields) if keyed_note and note.fields
            else None, canonical_key=canonical.key if keyed_canonical else ""))

    def warn(self, problem: Problem) -> None:
        self.warnings.append(problem)

    def frame(self) -> pd.DataFrame:
        """The changes as a DataFrame (columns as in :data:`NOTE_COLUMNS`)."""
        return notes_frame(self.changes)


NOTE_COLUMNS = ("table", "file", "column", "kind", "original", "canonical", "count", "note", "note_key",
                "note_fields", "canonical_key")


def notes_frame(records: list[dict]) -> pd.DataFrame:
    """Change records as a DataFrame with :data:`NOTE_COLUMNS` (empty frame when there are none)."""
    frame = pd.DataFrame.from_records(records, columns=list(NOTE_COLUMNS))
    for column in ("note", "note_key", "canonical_key"):
        frame[column] = frame[column].fillna("")
    return frame.astype({"table": "object", "file": "object", "column": "object", "kind": "object",
                         "count": "int64", "note": "object", "note_key": "object", "note_fields": "object",
                         "canonical_key": "object"})


#: The note of numbers typed with a decimal point in a workbook's text cells (shown with the change).
DECIMAL_POINT_NOTE = message("note.decimal_point")


def _keyed_text(key: object, fields: object, stored: object, lang: str) -> object:
    """The text of ``key`` in ``lang`` (``fields`` filled); ``stored`` when the record has no key we know."""
    if isinstance(key, str) and key:
        try:
            return t(key, lang, **(fields if isinstance(fields, dict) else {}))
        except KeyError:  # a key of another version of the package: its stored text
            pass
    return stored


def format_change(row: dict, lang: str = "id") -> str:
    """One change as a line in ``lang``: ``budget.funding_source: 'APBD' → 'apbd' (7×)``.

    The note (and a canonical value that is a description) is rendered from its recorded key; the
    original and canonical values are quoted as they are.

    Examples
    --------
    >>> row = dict(table="indicators", column="line_no", kind="bawaan", original="", canonical="x", count=2,
    ...            note="nama berkas", note_key="note.file_name", canonical_key="note.row_order")
    >>> format_change(row, "en")
    "indicators.line_no: (empty) → 'the order of the rows in its table' (2×) — the file's name"
    """
    canonical = _keyed_text(row.get("canonical_key"), None, row["canonical"], lang)
    if row["kind"] == "kolom":
        return t("change.header", lang, table=row["table"], original=repr(row["original"]), canonical=repr(canonical))
    original = row["original"]
    empty = original is None or original == "" or original != original
    original = t("change.empty", lang) if empty else repr(original)
    stored = row.get("note")
    note = _keyed_text(row.get("note_key"), row.get("note_fields"), stored if isinstance(stored, str) else "", lang)
    note = f" — {note}" if note else ""
    fields = dict(table=row["table"], column=row["column"], count=row["count"], original=original,
                  canonical=repr(canonical))
    if row["kind"] == "angka":
        decimal_point = row.get("note_key") == DECIMAL_POINT_NOTE.key or (not row.get("note_key")
                                                                         and stored == DECIMAL_POINT_NOTE)
        return t("change.numbers", lang, **fields) + (note if decimal_point else "")
    return t("change.value", lang, **fields) + note


def format_changes(frame: pd.DataFrame, lang: str = "id") -> list[str]:
    """Every change of a notes frame as a line in ``lang`` (see :func:`format_change`)."""
    return [format_change(r, lang) for r in frame.to_dict("records")]


# --------------------------------------------------------------------------- apply


def rename_headers(table: str, header: list[str]) -> tuple[dict[str, str], list[str]]:
    """Map the headers of a sheet/file to the table's column names.

    Returns ``(renames, unknown)``: ``renames`` maps a header to its column (only headers that
    are not already the column name), ``unknown`` the headers that match no column (or a column
    another header already took).

    Examples
    --------
    >>> rename_headers("budget", ["Tahun", "Sumber Dana", "pagu", "Catatan"])
    ({'Tahun': 'year', 'Sumber Dana': 'funding_source'}, ['Catatan'])
    """
    lookup = _HEADERS[table]
    names = TABLES[table].column_names
    taken = {h for h in header if h in names}
    renames, unknown = {}, []
    for h in header:
        if h in names:
            continue
        column = lookup.get(header_key(h))
        if column is None or column in taken:
            unknown.append(h)
            continue
        taken.add(column)
        renames[h] = column
    return renames, unknown


def canonical_values(text: pd.Series, present: np.ndarray, name: str) -> tuple[pd.Series, np.ndarray, list]:
    """Replace synonyms in a text column by the canonical values.

    Parameters
    ----------
    text : Series of str
        Stripped cells, ``""`` = missing.
    present : ndarray of bool
        Which cells hold a value.
    name : str
        The synonym table (:func:`domain` of the column).

    Returns
    -------
    (Series, ndarray, list)
        The column with canonical values, which present cells match nothing, and the changes as
        ``(original, canonical, count)``. Vectorised: the texts that are not canonical already are
        factorised and each distinct one is looked up once.

    Examples
    --------
    >>> s = pd.Series(["APBD", "apbd", "Dekon", "APBD", "kas"])
    >>> out, bad, changes = canonical_values(s, np.ones(5, bool), "funding_source")
    >>> out.tolist(), bad.tolist(), changes
    (['apbd', 'apbd', 'apbn_dekonsentrasi', 'apbd', 'kas'], [False, False, False, False, True], \
[('APBD', 'apbd', 2), ('Dekon', 'apbn_dekonsentrasi', 1)])
    """
    canon = _domain_values(name)
    rest = present & ~_as_mask(text.isin(canon))
    if not rest.any():
        return text, np.zeros(len(text), dtype=bool), []
    idx = np.flatnonzero(rest)
    codes, uniques = pd.factorize(text.iloc[idx].astype("object"), sort=False)
    lookup = _LOOKUP[name]
    mapped = np.array([lookup.get(match_key(u)) for u in uniques], dtype=object)
    counts = np.bincount(codes, minlength=len(uniques))
    changes = [(u, m, int(c)) for u, m, c in zip(uniques, mapped, counts) if m is not None]
    changes.sort(key=lambda t: (-t[2], str(t[0])))
    found = pd.notna(mapped)[codes] if len(uniques) else np.zeros(0, dtype=bool)
    bad = np.zeros(len(text), dtype=bool)
    bad[idx[~found]] = True
    out = text
    if found.any():
        values = text.astype("object").to_numpy(copy=True)
        values[idx[found]] = mapped[codes[found]]
        out = pd.Series(values, index=text.index, dtype=text.dtype if isinstance(text.dtype, pd.StringDtype)
                        else "object")
    return out, bad, changes


def _as_mask(values) -> np.ndarray:
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, np.ndarray):
        return values.astype(bool)
    return np.asarray(values.to_numpy(dtype=bool, na_value=False), dtype=bool)


def quarter_aggregation_for(units: pd.Series) -> pd.Series:
    """The default ``quarter_aggregation`` of each unit: ``last`` for percentages and other levels
    (:data:`LEVEL_UNITS`), ``cumulative`` for counts.

    Examples
    --------
    >>> quarter_aggregation_for(pd.Series(["%", "orang", "Persen", "KPM", "indeks"])).tolist()
    ['last', 'cumulative', 'last', 'cumulative', 'last']
    """
    codes, uniques = pd.factorize(units.astype("object").fillna(""), sort=False)
    level = np.array([match_key(u) in LEVEL_UNITS or match_key(u).startswith("%") for u in uniques], dtype=bool)
    choice = np.where(level, "last", "cumulative").astype(object)
    return pd.Series(choice[codes] if len(uniques) else np.array([], dtype=object), index=units.index,
                     dtype="object")


def synonyms_markdown() -> str:
    """The synonym tables as Markdown (embedded in ``docs/data-model.md``; a test keeps them in sync)."""
    out = ["| kolom | nilai baku | juga diterima (huruf besar/kecil, spasi, `_`/`-` bebas) |", "|---|---|---|"]
    for name in VALUE_SYNONYMS:
        label = "semua kolom boolean" if name == "boolean" else f"`{name}`"
        for value, synonyms in synonyms_of(name).items():
            shown = ", ".join(f"`{s}`" for s in synonyms) or "—"
            out.append(f"| {label} | `{value}` | {shown} |")
    out += ["", "| tabel | kolom | judul kolom yang juga diterima |", "|---|---|---|"]
    for scope, columns in HEADER_SYNONYMS.items():
        for column, synonyms in columns.items():
            label = "semua tabel" if scope == "*" else f"`{scope}`"
            out.append(f"| {label} | `{column}` | {', '.join(f'`{s}`' for s in synonyms)} |")
    return "\n".join(out) + "\n"
