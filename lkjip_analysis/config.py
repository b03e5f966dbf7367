"""Paths and the version of the package, as constants.

The package's own files (the embedded dataset, the report notebooks, the export templates) sit
inside the package, so a checkout and an installed wheel find them the same way. The project
folders (``params/``, ``outputs/``, the analysts' ``notebooks/``) are those of the source checkout
when the package runs from one, else those of the current folder.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The embedded dataset transcribed from the three source reports.
EMBEDDED_DATA_DIR = PACKAGE_DIR / "data"
#: The report notebooks ``lkjip run`` executes (``notebook: agency_report`` in a params file); package data.
REPORT_NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
#: True when the package is imported from a source checkout (``pyproject.toml`` beside it).
IN_CHECKOUT = (PACKAGE_DIR.parent / "pyproject.toml").is_file()
#: The project root: the checkout, or (installed package) the current folder.
PROJECT_ROOT = PACKAGE_DIR.parent if IN_CHECKOUT else Path.cwd()
#: The analysts' exploratory and tutorial notebooks (checkout only); params may name them too.
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PARAMS_DIR = PROJECT_ROOT / "params"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"


def _version() -> str:
    """The one version of the package: ``version`` in pyproject.toml, as installed (package metadata).

    A checkout used without installing (``PYTHONPATH=.``) reads pyproject.toml itself.
    """
    if IN_CHECKOUT:
        import tomllib

        with open(PACKAGE_DIR.parent / "pyproject.toml", "rb") as f:
            return tomllib.load(f)["project"]["version"]
    try:
        return metadata.version("lkjip-analysis")
    except metadata.PackageNotFoundError:  # pragma: no cover - copied without metadata
        return "0+unknown"


VERSION = _version()
