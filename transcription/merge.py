"""Build the embedded dataset (lkjip_analysis/data/) from the per-report transcriptions.

Each folder here holds one report's tables (written by its build.py, checked by its check.py,
with NOTES.md). This script validates each, marks the budget lines that make up each agency's
headline budget total, merges them (refusing duplicate keys) and writes the package's dataset
folder with datapackage.json and a combined NOTES.md.

Run: .venv/bin/python transcription/merge.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from lkjip_analysis.io.loaders import load_dataset  # noqa: E402
from lkjip_analysis.io.writers import merge_datasets, save_dataset  # noqa: E402

FOLDERS = ["dinsos-kota-banjarbaru", "dinsos-kab-hulu-sungai-selatan", "dinsos-prov-kalimantan-timur"]

#: Budget tables whose total lines form the agency's total budget of the year (the report's own headline
#: figures): see each NOTES.md for why.
HEADLINE_TABLES = {
    "dinsos-kota-banjarbaru": ["PK-2.4"],
    "dinsos-prov-kalimantan-timur": ["teks-apbd", "teks-apbn"],
}


def main() -> None:
    parts = []
    for name in FOLDERS:
        ds = load_dataset(HERE / name)
        budget = ds.budget
        if budget["headline"].fillna(False).any():  # the transcription flagged its headline lines itself
            parts.append(ds)
            continue
        tables = HEADLINE_TABLES.get(name, [])
        missing = [t for t in tables if t not in set(budget["budget_table"])]
        if missing:
            raise SystemExit(f"{name}: headline budget tables not found: {missing}")
        mask = budget["budget_table"].isin(tables) & (budget["line_type"] == "total")
        budget["headline"] = mask.where(mask, False)
        parts.append(ds)
    merged = merge_datasets(*parts)
    merged.path = "embedded"
    out = HERE.parent / "lkjip_analysis" / "data"
    save_dataset(merged, out, name="lkjip-embedded")
    notes = ["# Catatan transkripsi dataset tertanam\n",
             "Dataset ini disalin dari tiga LKjIP (lihat `../shared/seeds/README.md`); setiap baris punya `source` "
             "dan `source_line`. Catatan per laporan di bawah: sel yang rusak/hilang, keputusan polaritas dan "
             "agregasi triwulan, serta kekeliruan hitung yang ditemukan di laporan.\n"]
    for name in FOLDERS:
        text = (HERE / name / "NOTES.md").read_text(encoding="utf-8") if (HERE / name / "NOTES.md").exists() else ""
        notes.append(f"\n---\n\n<!-- {name} -->\n{text}")
    (out / "NOTES.md").write_text("\n".join(notes), encoding="utf-8")
    print(merged)


if __name__ == "__main__":
    main()
