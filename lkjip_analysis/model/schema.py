"""The LKjIP data model: tables, columns, types, allowed values and keys.

This module is the single source of truth for the dataset format. It is
rendered to a Frictionless ``datapackage.json`` (:func:`to_datapackage`) and
documented in ``docs/data-model.md``. Loaders validate every table against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("provinsi", "kabupaten", "kota")
POLARITIES = ("higher", "lower")
QUARTER_AGGREGATIONS = ("cumulative", "last", "per_quarter")
TIERS = ("sasaran", "program", "kegiatan")
PERIODS = ("annual", "TW1", "TW2", "TW3", "TW4")
FUNDING_SOURCES = (
    "apbd",
    "apbn_dekonsentrasi",
    "apbn_tugas_pembantuan",
    "dak",
    "did",
    "lainnya",
)
#: Budget line types. Budgets from 2021 on are per sub kegiatan (Permendagri 90/2019): a program's
#: amount is the sum of its kegiatan, or of its sub kegiatan where the table has them, never both.
LINE_TYPES = ("sub_kegiatan", "kegiatan", "program", "total")
BENCHMARK_KINDS = ("rpjmd_end", "renstra_end", "renstra", "national", "region")
AKIP_COMPONENTS = (
    "perencanaan",
    "pengukuran",
    "pelaporan",
    "evaluasi_internal",
    "capaian",
    "total",
)
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``type`` is one of ``string``, ``integer``, ``number``, ``boolean``.
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Table:
    """One table of the data model."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str], ...] = ()
    required: bool = False
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _provenance() -> tuple[Column, ...]:
    return (
        Column("source", "string", "Berkas/dokumen sumber angka (nama file laporan, atau teks bebas)", required=True),
        Column("source_line", "string",
               "Letak angka pada sumber: nomor baris (teks), 'hlm. 34, baris 3' (PDF), 'tabel 2, baris 5' (DOCX), "
               "'sheet budget, baris 7' (Excel); boleh kosong untuk data entri manual"),
    )


SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
AGENCY_ID = Column("agency_id", "string", "Kode instansi (slug: huruf kecil, angka, tanda hubung)", required=True,
                   pattern=SLUG_PATTERN)
YEAR = Column("year", "integer", "Tahun anggaran/laporan", required=True, minimum=YEAR_MIN, maximum=YEAR_MAX)
INDICATOR_ID = Column("indicator_id", "string", "Kode indikator, unik dalam satu instansi", required=True)

TABLES: dict[str, Table] = {}


def _register(table: Table) -> Table:
    TABLES[table.name] = table
    return table


_register(Table(
    "agencies",
    "Instansi pelapor (satu baris per instansi).",
    (
        AGENCY_ID,
        Column("name", "string", "Nama instansi", required=True),
        Column("level", "string", "Tingkat pemerintahan", required=True, enum=LEVELS),
        Column("province", "string", "Provinsi", required=True),
        Column("sector", "string", "Bidang urusan (mis. sosial)", required=True),
        *_provenance(),
    ),
    primary_key=("agency_id",),
    required=True,
))

_register(Table(
    "indicators",
    "Indikator kinerja per instansi: sasaran, satuan, polaritas dan cara agregasi triwulan.",
    (
        AGENCY_ID,
        INDICATOR_ID,
        Column("sasaran", "string", "Sasaran strategis yang diukur indikator ini", required=True),
        Column("name", "string", "Nama indikator seperti tertulis di laporan", required=True),
        Column("unit", "string", "Satuan (%, orang, KPM, dokumen, ...)", required=True),
        Column("polarity", "string", "higher = makin tinggi makin baik; lower = makin rendah makin baik", required=True, enum=POLARITIES),
        Column("quarter_aggregation", "string", "Cara triwulan dijumlahkan: cumulative (jumlah TW), last (nilai TW terakhir), per_quarter (tiap TW sendiri)", required=True, enum=QUARTER_AGGREGATIONS),
        Column("tier", "string", "Tingkat indikator: sasaran, program atau kegiatan", required=True, enum=TIERS),
        Column("iku", "boolean", "Indikator Kinerja Utama (true/false)", required=True),
        Column("formula", "string", "Rumus perhitungan seperti tertulis di laporan"),
        Column("program", "string", "Program terkait (untuk indikator program/kegiatan)"),
        *_provenance(),
    ),
    primary_key=("agency_id", "indicator_id"),
    foreign_keys=((("agency_id",), "agencies"),),
    required=True,
))

_register(Table(
    "performance",
    "Target dan realisasi indikator per tahun dan periode (tahunan atau triwulan).",
    (
        AGENCY_ID,
        INDICATOR_ID,
        YEAR,
        Column("period", "string", "annual, atau TW1..TW4 untuk triwulan", required=True, enum=PERIODS),
        Column("target", "number", "Target (satuan indikator); kosong bila tidak ada atau tidak numerik"),
        Column("target_text", "string", "Target seperti tertulis bila tidak numerik (mis. '1 Dokumen (365 bh rumah)')"),
        Column("realisasi", "number", "Realisasi (satuan indikator); kosong = tidak dilaporkan"),
        Column("reported_capaian", "number", "Capaian (%) seperti tercetak di laporan", unit="%"),
        Column("table_ref", "string", "Tabel laporan asal baris ini"),
        *_provenance(),
    ),
    primary_key=("agency_id", "indicator_id", "year", "period"),
    foreign_keys=((("agency_id",), "agencies"), (("agency_id", "indicator_id"), "indicators")),
    required=True,
))

_register(Table(
    "budget",
    "Pagu dan realisasi anggaran per program/kegiatan, dengan baris total seperti di laporan.",
    (
        AGENCY_ID,
        YEAR,
        Column("budget_table", "string", "Tabel anggaran di laporan (baris total dibandingkan dengan baris lain pada tabel yang sama)", required=True),
        Column("line_no", "integer", "Urutan baris dalam tabel", required=True, minimum=1),
        Column("line_type", "string", "sub_kegiatan, kegiatan, program atau total (baris kegiatan yang punya "
               "sub kegiatan, dan program yang punya kegiatan, adalah subtotal)", required=True, enum=LINE_TYPES),
        Column("program", "string", "Nama program"),
        Column("kegiatan", "string", "Nama kegiatan (kosong untuk baris program/total; pada baris sub kegiatan: "
               "kegiatan induknya)"),
        Column("sub_kegiatan", "string", "Nama sub kegiatan (untuk baris sub_kegiatan; Permendagri 90/2019)"),
        Column("funding_source", "string", "Sumber dana", required=True, enum=FUNDING_SOURCES),
        Column("pagu", "number", "Pagu/alokasi anggaran", unit="Rp", minimum=0),
        Column("realisasi", "number", "Realisasi anggaran", unit="Rp", minimum=0),
        Column("reported_pct", "number", "Persentase serapan seperti tercetak", unit="%"),
        Column("reported_sisa", "number", "Sisa anggaran seperti tercetak", unit="Rp"),
        Column("indicator_id", "string", "Indikator yang didukung (bila laporan mengaitkannya)"),
        Column("headline", "boolean", "true pada baris total yang membentuk total anggaran instansi tahun itu "
               "(dipakai di ringkasan); kosong = false"),
        *_provenance(),
    ),
    primary_key=("agency_id", "year", "budget_table", "line_no"),
    foreign_keys=((("agency_id",), "agencies"), (("agency_id", "indicator_id"), "indicators")),
))

_register(Table(
    "efficiency",
    "Efisiensi anggaran seperti dinyatakan laporan (untuk dibandingkan dengan hitungan paket).",
    (
        AGENCY_ID,
        YEAR,
        Column("indicator_id", "string", "Indikator yang dinilai", required=True),
        Column("reported_capaian", "number", "Capaian kinerja (%) yang dipakai laporan", unit="%"),
        Column("reported_serapan", "number", "Serapan anggaran (%) yang dipakai laporan", unit="%"),
        Column("reported_efisiensi", "number", "Efisiensi (%) seperti tercetak", unit="%"),
        *_provenance(),
    ),
    primary_key=("agency_id", "year", "indicator_id"),
    foreign_keys=((("agency_id",), "agencies"), (("agency_id", "indicator_id"), "indicators")),
))

_register(Table(
    "pmks",
    "Angka PMKS: pembilang, penyebut dan persentase tercetak (penanganan, kemandirian, populasi).",
    (
        AGENCY_ID,
        YEAR,
        Column("measure", "string", "Ukuran (mis. pmks_mandiri, pmks_ditangani, pemberdayaan)", required=True),
        Column("numerator", "number", "Pembilang (jiwa/orang)", minimum=0),
        Column("denominator", "number", "Penyebut (populasi/terdata, jiwa)", minimum=0),
        Column("reported_pct", "number", "Persentase seperti tercetak", unit="%"),
        Column("numerator_label", "string", "Arti pembilang"),
        Column("denominator_label", "string", "Arti penyebut"),
        Column("indicator_id", "string", "Indikator terkait"),
        *_provenance(),
    ),
    primary_key=("agency_id", "year", "measure"),
    foreign_keys=((("agency_id",), "agencies"), (("agency_id", "indicator_id"), "indicators")),
))

_register(Table(
    "benchmarks",
    "Pembanding: target akhir RPJMD/Renstra, target Renstra tahunan, target nasional, realisasi daerah lain.",
    (
        AGENCY_ID,
        INDICATOR_ID,
        YEAR,
        Column("kind", "string", "Jenis pembanding", required=True, enum=BENCHMARK_KINDS),
        Column("region", "string", "Nama daerah (untuk kind=region), selain itu kosong"),
        Column("value", "number", "Nilai pembanding (satuan indikator)"),
        Column("value_text", "string", "Nilai seperti tertulis bila tidak numerik (mis. '12 PSKS')"),
        *_provenance(),
    ),
    primary_key=("agency_id", "indicator_id", "year", "kind", "region"),
    foreign_keys=((("agency_id",), "agencies"), (("agency_id", "indicator_id"), "indicators")),
))

_register(Table(
    "akip_scores",
    "Nilai evaluasi AKIP per komponen, dengan total dan predikat tercetak.",
    (
        AGENCY_ID,
        YEAR,
        Column("component", "string", "Komponen evaluasi (total = nilai hasil evaluasi)", required=True, enum=AKIP_COMPONENTS),
        Column("weight", "number", "Bobot komponen (%)", unit="%", minimum=0, maximum=100),
        Column("score", "number", "Nilai komponen", minimum=0, maximum=100),
        Column("reported_predikat", "string", "Predikat tercetak (untuk baris total)", enum=("AA", "A", "BB", "B", "CC", "C", "D")),
        *_provenance(),
    ),
    primary_key=("agency_id", "year", "component"),
    foreign_keys=((("agency_id",), "agencies"),),
))

_register(Table(
    "facts",
    "Angka lain yang dinyatakan laporan (jumlah jenis PSKS/PMKS, capaian kegiatan, total APBD di teks).",
    (
        AGENCY_ID,
        YEAR,
        Column("topic", "string", "Kelompok angka (mis. psks_jenis, kegiatan_2020, apbd)", required=True),
        Column("label", "string", "Apa yang diukur", required=True),
        Column("value", "number", "Nilai"),
        Column("unit", "string", "Satuan"),
        Column("value_text", "string", "Nilai seperti tertulis bila tidak numerik"),
        *_provenance(),
    ),
    primary_key=("agency_id", "year", "topic", "label"),
    foreign_keys=((("agency_id",), "agencies"),),
))

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
REQUIRED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES.values() if t.required)

_FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def to_datapackage(name: str = "lkjip-dataset", title: str | None = None) -> dict:
    """Render the data model as a Frictionless Data Package descriptor.

    Numbers in the CSV files are written with ``.`` as decimal separator and no
    thousands separator (``decimalChar``/``groupChar`` of Table Schema).

    Examples
    --------
    >>> dp = to_datapackage()
    >>> [r["name"] for r in dp["resources"]][:3]
    ['agencies', 'indicators', 'performance']
    """
    resources = []
    for table in TABLES.values():
        fields = []
        for col in table.columns:
            f: dict = {"name": col.name, "type": _FRICTIONLESS_TYPES[col.type], "description": col.description}
            constraints: dict = {}
            if col.required:
                constraints["required"] = True
            if col.enum:
                constraints["enum"] = list(col.enum)
            if col.minimum is not None:
                constraints["minimum"] = col.minimum
            if col.maximum is not None:
                constraints["maximum"] = col.maximum
            if col.pattern:
                constraints["pattern"] = col.pattern
            if constraints:
                f["constraints"] = constraints
            if col.type == "number":
                f["decimalChar"] = "."
                f["groupChar"] = ""
            if col.type == "boolean":
                f["trueValues"] = ["true", "ya", "1"]
                f["falseValues"] = ["false", "tidak", "0"]
            if col.unit:
                f["unit"] = col.unit
            fields.append(f)
        schema: dict = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": ["", "-"]}
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(cols), "reference": {"resource": ref, "fields": list(cols)}}
                for cols, ref in table.foreign_keys
            ]
        resources.append({
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "description": table.description,
            "format": "csv",
            "encoding": "utf-8",
            "schema": schema,
        })
    return {"name": name, "title": title or "Dataset LKjIP", "profile": "tabular-data-package", "resources": resources}


def to_markdown() -> str:
    """Render the data model as Markdown (the body of ``docs/data-model.md``)."""
    out = []
    for table in TABLES.values():
        req = "wajib" if table.required else "opsional"
        out.append(f"## `{table.name}` ({req})\n")
        out.append(f"{table.description}\n")
        out.append(f"Kunci utama: `{', '.join(table.primary_key)}`.")
        if table.foreign_keys:
            refs = "; ".join(f"`{', '.join(cols)}` → `{ref}`" for cols, ref in table.foreign_keys)
            out.append(f" Referensi: {refs}.")
        out.append("\n\n| kolom | tipe | wajib | nilai yang sah / satuan | arti |\n|---|---|---|---|---|\n")
        for col in table.columns:
            allowed = []
            if col.enum:
                allowed.append(" \\| ".join(col.enum))
            if col.pattern:
                allowed.append(f"pola `{col.pattern}`")
            if col.minimum is not None or col.maximum is not None:
                lo = "" if col.minimum is None else f"{col.minimum:g}"
                hi = "" if col.maximum is None else f"{col.maximum:g}"
                allowed.append(f"{lo}…{hi}")
            if col.unit:
                allowed.append(col.unit)
            out.append(f"| `{col.name}` | {col.type} | {'ya' if col.required else ''} | {'; '.join(allowed)} | "
                       f"{col.description} |\n")
        out.append("\n")
    return "".join(out)
