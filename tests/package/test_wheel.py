"""The wheel: built from a copy of the checkout, installed into a fresh virtual environment, and one
report run from a folder outside the checkout with the installed copy (not the checkout).

No network: the wheel is built with ``pip wheel --no-build-isolation`` (setuptools and wheel come
with the ``test`` extra), the venv gets the wheel with ``--no-deps`` and reaches the dependencies
through one ``.pth`` line naming this environment's site-packages (a plain path line: the editable
hook of the checkout in that folder is *not* run, so the checkout cannot be imported). The venv
registers its own ``python3`` kernel (as ``make install`` does), so the report's kernel is the venv's
interpreter and imports the installed copy as well.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds a wheel, creates a venv, starts a kernel

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns(".venv", ".git", "outputs", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis", "tests", "transcription")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                            check=False)
    assert result.returncode == 0, f"{args} -> {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORED)
    dist = tmp / "dist"
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "--no-index", "-q",
          "-w", str(dist)], cwd=src)
    wheels = list(dist.glob("lkjip_analysis-*.whl"))
    assert len(wheels) == 1, wheels
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp).strip())
    (site / "lkjip_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
          str(wheels[0])], cwd=tmp)
    # what `make install` does for a venv: its own kernel (this venv's python), and the data files the
    # borrowed dependencies install under their prefix (nbconvert's 'lab' template)
    _run([str(python), "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3"], cwd=tmp, env=_clean_env())
    (venv / "share" / "jupyter" / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    return {"wheel": wheels[0], "venv": venv, "python": python, "site": site, "tmp": tmp}


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER_PATH"))}
    env["MPLBACKEND"] = "Agg"
    return env


def test_wheel_ships_the_notebooks_templates_and_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    for name in ("lkjip_analysis/notebooks/agency_report.ipynb", "lkjip_analysis/notebooks/regional_comparison.ipynb",
                 "lkjip_analysis/templates/index.html.j2", "lkjip_analysis/templates/print.css",
                 "lkjip_analysis/data/performance.csv", "lkjip_analysis/data/crosswalk/measures.csv",
                 "lkjip_analysis/run/runner.py", "lkjip_analysis/io/extract/pdf.py", "lkjip_analysis/model/schema.py"):
        assert name in names, name
    assert not any(n.startswith(("tests/", "notebooks/")) for n in names)  # the analysts' notebooks stay in the checkout
    assert not any(n.endswith("pyproject.toml") for n in names)


def test_installed_copy_runs_a_report_outside_the_checkout(installed):
    work = installed["tmp"] / "work"
    (work / "params").mkdir(parents=True)
    env = _clean_env()
    code = ("import lkjip_analysis as lk, lkjip_analysis.config as c; "
            "print(lk.__file__); print(lk.__version__); print(c.REPORT_NOTEBOOKS_DIR); print(c.PROJECT_ROOT)")
    probe = _run([str(installed["python"]), "-c", code], cwd=work, env=env).split("\n")
    where, version, notebooks, project = Path(probe[0]), probe[1], Path(probe[2]), Path(probe[3])
    assert ROOT not in where.parents and installed["site"] in where.parents, where  # the installed copy
    with open(ROOT / "pyproject.toml", "rb") as f:
        assert version == tomllib.load(f)["project"]["version"]  # one version, from the package metadata
    assert (notebooks / "agency_report.ipynb").is_file() and installed["site"] in notebooks.parents
    assert project == work  # params/ and outputs/ of the folder it runs in
    kernel = json.loads((installed["venv"] / "share" / "jupyter" / "kernels" / "python3" / "kernel.json").read_text())
    assert kernel["argv"][0] == str(installed["python"])  # the report's kernel is the venv's python too

    (work / "params" / "banjarbaru.yaml").write_text(
        "notebook: agency_report\nagency_id: dinsos-kota-banjarbaru\nyear: 2020\n", encoding="utf-8")
    lkjip = installed["venv"] / "bin" / "lkjip"
    out = _run([str(lkjip), "run", "--all", "--formats", "html", "--workers", "1"], cwd=work, env=env)
    html = work / "outputs" / "dinsos-kota-banjarbaru" / "2020" / "report.html"
    assert html.is_file(), out
    text = html.read_text(encoding="utf-8")
    assert "Dinas Sosial Kota Banjarbaru" in text and "Capaian per indikator" in text
    # capaian computed in the kernel: s2-i1 2020, realisasi 61 of target 59 -> 61 / 59 x 100 = 103.39;
    # s2-i3 2020, 78.3 of 95 -> 82.42 (the report prints 103.2 and 82.4)
    assert "103,39" in text and "82,42" in text
    executed = (html.parent / "report.ipynb").read_text(encoding="utf-8")
    assert str(notebooks / "agency_report.ipynb") in executed  # papermill ran the shipped notebook
