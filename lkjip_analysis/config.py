"""Paths used by the package, as pathlib constants."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The embedded dataset transcribed from the three source reports.
EMBEDDED_DATA_DIR = PACKAGE_DIR / "data"
#: Project root when running from a source checkout (notebooks/, params/ live here).
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
PARAMS_DIR = PROJECT_ROOT / "params"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
