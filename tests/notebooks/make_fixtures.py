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


# --- warm-kernel isolation (tests/run/test_runner_isolation.py): each writes tables/kernel.csv with the kernel's pid

PID = '''import os
from pathlib import Path
(Path(output_dir) / "tables").mkdir(parents=True, exist_ok=True)
(Path(output_dir) / "tables" / "kernel.csv").write_text(f"pid\\n{os.getpid()}\\n")'''

POLLUTE = '''import os, sys, warnings
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

BOCOR = "variabel laporan sebelumnya"
matplotlib.rcParams["lines.linewidth"] = 9.0
matplotlib.rcParams["font.size"] = 30
matplotlib.use("Agg")
plt.figure()  # left open
pd.set_option("display.max_rows", 3)
np.seterr(all="raise")
os.environ["LKJIP_BOCOR"] = "1"
sys.path.insert(0, "/tidak-ada/bocor")
warnings.simplefilter("error")
os.chdir("/")'''

MONKEYPATCH = '''import importlib
import pandas as pd

# the module lkjip_analysis.formulas.capaian (lkjip_analysis.capaian is the function the package exports)
importlib.import_module("lkjip_analysis.formulas.capaian").capaian = lambda *args, **kwargs: -1.0
# a module this kernel had not imported yet, patched right away
importlib.import_module("lkjip_analysis.run.distributed").bundle_files = lambda path: {}
pd.DataFrame.sum = lambda self, *args, **kwargs: "dibajak"
BOCOR = "variabel laporan sebelumnya"'''

RAISE_WITH_PID = '''import os
BOCOR_GAGAL = 1
raise ValueError(f"gagal sengaja di kernel {os.getpid()}")'''

CHECK_CLEAN = '''import os, sys, warnings
from pathlib import Path
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import importlib

problems = []
for name in ("BOCOR", "BOCOR_GAGAL"):
    if name in globals():
        problems.append(f"variabel {name} terlihat")
if matplotlib.rcParams["lines.linewidth"] == 9.0 or matplotlib.rcParams["font.size"] == 30:
    problems.append("rcParams diubah")
if plt.get_fignums():
    problems.append(f"figur terbuka {plt.get_fignums()}")
if "inline" not in matplotlib.get_backend():
    problems.append(f"backend {matplotlib.get_backend()}")
if pd.get_option("display.max_rows") == 3:
    problems.append("opsi pandas diubah")
if "raise" in np.geterr().values():
    problems.append("np.seterr diubah")
if "LKJIP_BOCOR" in os.environ:
    problems.append("os.environ diubah")
if "/tidak-ada/bocor" in sys.path:
    problems.append("sys.path diubah")
if warnings.filters and warnings.filters[0][0] == "error":
    problems.append("filter warnings diubah")
if not Path.cwd().name.startswith("."):
    problems.append(f"cwd {Path.cwd()} bukan folder staging laporan")
if round(importlib.import_module("lkjip_analysis.formulas.capaian").capaian(59, 61), 2) != 103.39:
    problems.append("lkjip_analysis.formulas.capaian.capaian diganti")
export = importlib.import_module("lkjip_analysis.run.export")  # maybe new in this kernel: not a reason to replace it
if export.report_files.__module__ != "lkjip_analysis.run.export":
    problems.append("lkjip_analysis.run.export.report_files diganti")
if pd.DataFrame({"a": [1, 2]}).sum()["a"] != 3:
    problems.append("pandas.DataFrame.sum diganti")
if len(In) > 4:  # '', the parameters cell, the injected one, this one
    problems.append(f"riwayat In berisi {len(In)} entri")
assert not problems, problems
print("bersih")'''


def isolation_notebooks() -> dict[str, nbformat.NotebookNode]:
    """Regional-kind notebooks (any number of reports on the mini dataset) for the isolation tests."""
    return {
        "pollutes": _nb(_params(REGIONAL_PARAMS), new_code_cell(PID), new_code_cell(POLLUTE)),
        "monkeypatches": _nb(_params(REGIONAL_PARAMS), new_code_cell(PID), new_code_cell(MONKEYPATCH)),
        "raises_pid": _nb(_params(REGIONAL_PARAMS), new_code_cell(RAISE_WITH_PID)),
        "checks_clean": _nb(_params(REGIONAL_PARAMS), new_code_cell(CHECK_CLEAN), new_code_cell(PID)),
    }


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
    for name, nb in {"ok": ok, "raises": raises, "sleeps": sleeps, "regional": regional,
                     **isolation_notebooks()}.items():
        nbformat.validate(nb)
        nbformat.write(nb, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    main()
