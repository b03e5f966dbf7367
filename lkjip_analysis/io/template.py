"""The Excel entry template: one sheet per table, drop-down lists, an example row, instructions.

Layout of every table sheet: row 1 the column names (what the loader reads), row 2 a short
description of each column and row 3 an example; both start with ``#`` in column A so the
loader skips them. Data goes from row 4 on; errors name the sheet, the Excel row and the column.
"""

from __future__ import annotations

from pathlib import Path

from ..model.schema import TABLES, Column

#: Example values per table (one plausible row, from the Banjarbaru 2020 report where possible).
EXAMPLES: dict[str, dict[str, object]] = {
    "agencies": dict(agency_id="dinsos-kota-contoh", name="Dinas Sosial Kota Contoh", level="kota",
                     province="Kalimantan Selatan", sector="sosial", source="LKjIP 2023, Bab I"),
    "indicators": dict(agency_id="dinsos-kota-contoh", indicator_id="s1-i1", sasaran="Meningkatnya partisipasi PSKS",
                       name="Cakupan PSKS yang berpartisipasi", unit="%", polarity="higher",
                       quarter_aggregation="last", tier="sasaran", iku="true",
                       formula="Jumlah jenis PSKS berpartisipasi / jumlah jenis PSKS x 100%",
                       source="LKjIP 2023, Tabel 2.1"),
    "performance": dict(agency_id="dinsos-kota-contoh", indicator_id="s1-i1", year=2023, period="annual", target=75,
                        realisasi=75, reported_capaian=100, table_ref="Tabel 3.1", source="LKjIP 2023, Tabel 3.1"),
    "budget": dict(agency_id="dinsos-kota-contoh", year=2023, budget_table="B.1", line_no=1, line_type="kegiatan",
                   program="Program Perlindungan Sosial", kegiatan="Pembinaan Taruna Siaga Bencana",
                   funding_source="apbd", pagu="121.190.000", realisasi="110.154.000", reported_pct="90,89",
                   indicator_id="s1-i1", headline="false", source="LKjIP 2023, Tabel B.1"),
    "efficiency": dict(agency_id="dinsos-kota-contoh", year=2023, indicator_id="s1-i1", reported_capaian=100,
                       reported_serapan="31,89", reported_efisiensi="68,11", source="LKjIP 2023, Bab III"),
    "pmks": dict(agency_id="dinsos-kota-contoh", year=2023, measure="pmks_mandiri", numerator="10.249",
                 denominator="16.982", reported_pct="60,35", numerator_label="PMKS mandiri",
                 denominator_label="PMKS terdata", source="LKjIP 2023, Bab III"),
    "benchmarks": dict(agency_id="dinsos-kota-contoh", indicator_id="s1-i1", year=2023, kind="region",
                       region="Kab. Banjar", value=100, source="LKjIP 2023, Tabel 3.3"),
    "akip_scores": dict(agency_id="dinsos-kota-contoh", year=2023, component="perencanaan", weight=30, score="23,47",
                        source="LHE AKIP 2023"),
    "facts": dict(agency_id="dinsos-kota-contoh", year=2023, topic="psks_jenis", label="Jenis PSKS aktif", value=9,
                  unit="jenis", source="LKjIP 2023, Tabel 2"),
}

INSTRUCTIONS = [
    "PETUNJUK PENGISIAN TEMPLATE LKjIP",
    "",
    "1. Satu sheet untuk setiap tabel data: agencies (instansi), indicators (indikator), performance (target dan "
    "realisasi), budget (anggaran), efficiency (efisiensi tercetak), pmks, benchmarks (pembanding), akip_scores, facts.",
    "   Sheet agencies, indicators dan performance wajib diisi; sheet lain boleh dikosongkan.",
    "2. Baris 1 berisi nama kolom (boleh juga judul bahasa Indonesia: tahun, periode, satuan, polaritas, nama "
    "indikator, capaian (%), pagu/anggaran, sumber dana, sub kegiatan, ...). Baris 2 (keterangan) dan baris 3 "
    "(contoh) diawali '#' dan dilewati saat dibaca; isi data mulai baris 4.",
    "3. Kolom berpilihan (tingkat, polaritas, periode, sumber dana, ...) memakai daftar drop-down. Tulisan lain yang "
    "lazim juga diterima dan dibakukan (huruf besar/kecil bebas): APBD, Dekon, TP, DAK; Naik/Meningkat, "
    "Turun/Menurun; Ya/Tidak; Tahunan, TW I .. TW IV, Triwulan I, Q1; Kab., Kota, Prov.; Sub Kegiatan, Jumlah. "
    "lkjip import mencetak apa yang dibakukan.",
    "4. Angka boleh ditulis format Indonesia: 1.164.318.000 (titik = ribuan) dan 99,97 (koma = desimal), juga "
    "dengan 'Rp' atau '%'. Sel kosong atau '-' berarti tidak ada data (BUKAN nol).",
    "5. agency_id: huruf kecil, angka dan tanda hubung, mis. dinsos-kota-banjarbaru. indicator_id unik dalam satu "
    "instansi, mis. s1-i1.",
    "6. Target yang bukan angka (mis. '1 Dokumen (365 bh rumah)') ditulis di kolom target_text; kolom target "
    "dikosongkan.",
    "7. Kolom reported_* diisi angka PERSIS seperti tercetak di laporan, walaupun keliru: paket menghitung ulang "
    "dan fitur audit menandai yang tidak cocok.",
    "8. source: dari mana angka diambil (mis. 'LKjIP 2023, Tabel 3'); bila kosong diisi nama berkas ini dan "
    "source_line diisi sheet dan barisnya. Boleh kosong juga: quarter_aggregation (dari satuan: persentase = "
    "last, hitungan = cumulative), tier (sasaran), iku (false), budget_table (nama sheet), line_no (urutan baris).",
    "9. Periksa: lkjip validate NAMA_FILE.xlsx   —   Impor: lkjip import NAMA_FILE.xlsx --into data/",
    "   Pesan galat menyebut sheet, nomor baris Excel dan kolom yang salah.",
]


def _boolean_choices(col: Column) -> tuple[str, ...] | None:
    return ("true", "false") if col.type == "boolean" else col.enum


def write_template(path: str | Path, agency_id: str | None = None, name: str | None = None,
                   level: str | None = None, province: str | None = None) -> Path:
    """Write the entry workbook to ``path`` (atomically) and return the path.

    With ``agency_id`` (and optionally name, level, province) the agencies sheet gets that
    agency's row ready, and every example row uses that id.
    """
    return save_workbook(template_workbook(agency_id, name, level, province), path)


def save_workbook(wb, path: str | Path) -> Path:
    """Save an openpyxl workbook to ``path`` atomically (:func:`~lkjip_analysis.io.atomic.atomic_write_bytes`)."""
    import io

    from .atomic import atomic_write_bytes

    buffer = io.BytesIO()
    wb.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


def template_workbook(agency_id: str | None = None, name: str | None = None, level: str | None = None,
                      province: str | None = None):
    """The entry workbook (an openpyxl ``Workbook``) that :func:`write_template` writes."""
    import re

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..model.schema import LEVELS, SLUG_PATTERN

    if agency_id is not None and not re.fullmatch(SLUG_PATTERN, agency_id):
        from ..exceptions import InvalidArgumentError

        raise InvalidArgumentError.from_key("error.not_a_slug", agency_id=repr(agency_id))
    if level is not None and level not in LEVELS:
        from ..exceptions import UnknownMethodError

        raise UnknownMethodError("level", level, LEVELS)
    wb = Workbook()
    info = wb.active
    info.title = "Petunjuk"
    for i, text in enumerate(INSTRUCTIONS, start=1):
        info.cell(row=i, column=1, value=text)
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 140
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    note_font = Font(italic=True, color="666666")
    for table in TABLES.values():
        ws = wb.create_sheet(table.name)
        example = dict(EXAMPLES.get(table.name, {}))
        if agency_id and "agency_id" in example:
            example["agency_id"] = agency_id
        for j, col in enumerate(table.columns, start=1):
            letter = get_column_letter(j)
            ws.cell(row=1, column=j, value=col.name).font = Font(bold=True)
            ws.cell(row=1, column=j).fill = header_fill
            desc = col.description + (" (wajib)" if col.required else "")
            choices = _boolean_choices(col)
            if choices:
                desc += f" [pilihan: {', '.join(choices)}]"
            cell = ws.cell(row=2, column=j, value=("# " if j == 1 else "") + desc)
            cell.font = note_font
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            value = example.get(col.name)
            ws.cell(row=3, column=j, value=("#contoh " + str(value) if j == 1 and value is not None else
                                            "#contoh" if j == 1 else value)).font = note_font
            ws.column_dimensions[letter].width = max(14, min(40, len(col.name) + 4))
            if choices:  # a warning, not a stop: the synonyms (APBD, Naik, TW IV, ...) are accepted on import
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorStyle="warning", errorTitle="Nilai di luar daftar",
                                    error=f"Nilai baku: {', '.join(choices)}. Sinonim yang lazim (mis. APBD, Naik, "
                                          "TW IV, Ya) juga diterima saat impor; lanjutkan?")
                ws.add_data_validation(dv)
                dv.add(f"{letter}4:{letter}5000")
        ws.row_dimensions[2].height = 60
        ws.freeze_panes = "A4"
        if table.name == "agencies" and agency_id:
            row = dict(agency_id=agency_id, name=name or "", level=level or "", province=province or "",
                       sector="sosial", source="entri manual")
            for j, col in enumerate(table.columns, start=1):
                ws.cell(row=4, column=j, value=row.get(col.name))
    return wb


def import_workbook(workbook: str | Path, into: str | Path) -> "Dataset":  # noqa: F821
    """Validate a filled workbook (``.xlsx`` or ``.ods``) and write it into the CSV dataset folder ``into``.

    If ``into`` already holds a dataset, the workbook's rows are merged into it; a key present in
    both (the same agency, indicator-year-period, ...) is refused with a clear message, never
    overwritten.

    Returns
    -------
    Dataset
        The merged dataset; its ``normalised`` lists what this import normalised (synonyms,
        headers, defaults, numbers typed as text) and ``warnings`` what it warned about. The
        folder's ``datapackage.json`` records the changes of every import into it (key
        ``lkjip_normalised``), so ``load_dataset(into).normalised`` shows them later.
    """
    import pandas as pd

    from .loaders import load_dataset
    from .writers import merge_datasets, save_dataset

    new = load_dataset(workbook)
    into = Path(into)
    if into.exists() and any(into.glob("*.csv")):
        old = load_dataset(into)
        merged = merge_datasets(old, new)
        recorded = pd.concat([old.normalised, new.normalised], ignore_index=True)
    else:
        merged, recorded = new, new.normalised
    save_dataset(merged, into, normalised=recorded)
    merged.normalised = new.normalised
    merged.warnings = list(new.warnings)
    return merged
