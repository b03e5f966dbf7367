"""Regenerate the tiny fixture notebooks of the runner tests: ``python tests/notebooks/make_fixtures.py``."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent

AGENCY_PARAMS = '''agency_id = "dinas-a"
year = 2020
dataset = ""
category_scale = "banjarbaru"
efficiency_method = "capaian_minus_serapan"
lang = "id"
output_dir = ""'''

REGIONAL_PARAMS = '''dataset = ""
category_scale = "banjarbaru"
efficiency_method = "capaian_minus_serapan"
lang = "id"
output_dir = ""
title = "Perbandingan regional"'''

LOAD = '''# KODE-TIDAK-BOLEH-TAMPIL
from pathlib import Path
import pandas as pd
from lkjip_analysis import load_dataset

ds = load_dataset(dataset or None)
names = ds.agencies.set_index("agency_id")["name"]
out = Path(output_dir) if output_dir else None
if out is not None:
    (out / "tables").mkdir(parents=True, exist_ok=True)
    (out / "figures").mkdir(parents=True, exist_ok=True)'''


def _nb(*cells) -> nbformat.NotebookNode:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _params(source: str):
    return new_code_cell(source, metadata={"tags": ["parameters"]})


def main() -> None:
    ok = _nb(
        _params(AGENCY_PARAMS),
        new_markdown_cell("# Laporan uji\n\nTeks pengantar laporan."),
        new_code_cell(LOAD + "\nprint(f\"{names[agency_id]} tahun {year} "
                             "({category_scale}, {efficiency_method}, {lang})\")"),
        new_code_cell('import sys\nprint("peringatan untuk analis", file=sys.stderr)'),
        new_code_cell(
            "wide = pd.DataFrame({f'kolom_panjang_{i}': [f'nilai teks yang cukup panjang {i}-{j}' for j in range(3)]\n"
            "                     for i in range(14)})\n"
            "if out is not None:\n"
            "    wide.to_csv(out / 'tables' / 'capaian.csv', index=False)\n"
            "wide"),
        new_code_cell(
            "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
            "from IPython.display import Image, display\n"
            "fig, ax = plt.subplots(figsize=(4, 2.5))\nax.plot([2019, 2020], [80, 95], marker='o')\n"
            "ax.set_title(names[agency_id])\n"
            "png = (out / 'figures' / 'tren.png') if out is not None else Path('tren.png')\n"
            "fig.savefig(png, dpi=60)\nplt.close(fig)\ndisplay(Image(filename=str(png)))\n"
            "if out is None:\n    png.unlink()"),
        new_code_cell("secret = 'x'", metadata={"tags": ["remove-cell"]}),
    )
    raises = _nb(
        _params(AGENCY_PARAMS),
        new_code_cell('print("mulai")'),
        new_code_cell('raise ValueError(f"data {agency_id} {year} rusak (sengaja)")'),
        new_code_cell('print("tidak pernah sampai")'),
    )
    sleeps = _nb(
        _params(AGENCY_PARAMS),
        new_code_cell(LOAD + '\nimport time\ntime.sleep(0.3)\nprint(names[agency_id], year)\n'
                      'if out is not None:\n    (out / "tables" / "lambat.csv").write_text("a\\n1\\n")'),
    )
    regional = _nb(
        _params(REGIONAL_PARAMS),
        new_code_cell(LOAD + '\nprint(title)\nprint(", ".join(names))\n'
                      'if out is not None:\n    ds.agencies.to_csv(out / "tables" / "instansi.csv", index=False)'),
    )
    for name, nb in {"ok": ok, "raises": raises, "sleeps": sleeps, "regional": regional}.items():
        nbformat.validate(nb)
        nbformat.write(nb, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
