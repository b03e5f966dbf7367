"""Parameters of one report, read from a ``params/*.yaml`` file and checked before any kernel starts.

A params file is a flat YAML mapping. For one agency and year
(``params/<agency_id>-<year>.yaml``)::

    notebook: agency_report          # agency_report | regional_comparison | path/to/custom.ipynb
    agency_id: dinsos-kota-banjarbaru
    year: 2020
    category_scale: banjarbaru       # optional; see lkjip_analysis.formulas.capaian.SCALES
    efficiency_method: capaian_minus_serapan   # optional; see lkjip_analysis.formulas.budget.EFFICIENCY_METHODS
    lang: id                         # optional: id | en
    dataset: ""                      # optional; "" = embedded; a relative path is relative to this file's folder

For the regional comparison (``params/regional-comparison.yaml``)::

    notebook: regional_comparison
    name: regional                   # slug; output goes to <output-dir>/_regional/<name>/
    title: Perbandingan Dinas Sosial # optional
    year: 2020                       # optional; compared year (default: each agency's latest year)
    dataset: ""                      # optional, as above; category_scale, efficiency_method, lang too

Paths in a params file (``dataset``, ``notebook``, ``notebook_path``) resolve one way: relative
to the folder of the params file itself, never to the current folder, so a file means the same
whatever folder ``lkjip run`` is started from. :func:`write_agency_params` (``lkjip new-agency``)
writes the dataset path that way (``../data`` for ``params/x.yaml`` and ``data/``). The params
folder of ``lkjip run --all`` and ``lkjip new-agency`` is ``params/`` in the current folder
(:func:`default_params_dir`).

Custom notebooks: ``notebook:`` may also be the path of an ``.ipynb`` file
(resolved relative to the params file); it is an agency report when the file has
``agency_id``/``year`` and a regional comparison when it has ``name``. Or keep
``notebook: agency_report`` and add ``notebook_path: my.ipynb``. The notebook must
have a cell tagged ``parameters`` taking the parameters of its kind
(:meth:`ReportParams.notebook_parameters`).

:func:`load_params` checks one file on its own (keys, types, choices, slugs);
:func:`validate_params` checks a batch against the datasets (agency and year
present; each distinct dataset is loaded once) and that no two files write the
same report. Every refusal is a :class:`~lkjip_analysis.exceptions.ParamsError`
naming the file.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .. import i18n
from ..config import NOTEBOOKS_DIR, REPORT_NOTEBOOKS_DIR
from ..exceptions import DatasetError, ParamsError, ParamsErrors
from ..formulas.budget import DEFAULT_EFFICIENCY_METHOD, EFFICIENCY_METHODS
from ..formulas.capaian import SCALES
from ..model.schema import SLUG_PATTERN

logger = logging.getLogger(__name__)

AGENCY_REPORT = "agency_report"
REGIONAL_COMPARISON = "regional_comparison"
NOTEBOOKS = (AGENCY_REPORT, REGIONAL_COMPARISON)
LANGS = ("id", "en")
DEFAULT_SCALE = "banjarbaru"
DEFAULT_LANG = "id"
#: Folder (inside the output folder) that holds the regional comparisons.
REGIONAL_FOLDER = "_regional"

_COMMON_KEYS = ("notebook", "notebook_path", "category_scale", "efficiency_method", "lang", "dataset")
ALLOWED_KEYS: dict[str, tuple[str, ...]] = {
    AGENCY_REPORT: ("notebook", "agency_id", "year") + _COMMON_KEYS[1:],
    REGIONAL_COMPARISON: ("notebook", "name", "title", "year") + _COMMON_KEYS[1:],
}
REQUIRED_KEYS: dict[str, tuple[str, ...]] = {AGENCY_REPORT: ("agency_id", "year"), REGIONAL_COMPARISON: ("name",)}
CHOICES: dict[str, tuple[str, ...]] = {
    "category_scale": tuple(SCALES),
    "efficiency_method": tuple(EFFICIENCY_METHODS),
    "lang": LANGS,
}


@dataclass(frozen=True)
class ReportParams:
    """The checked parameters of one report (picklable; crosses process boundaries).

    ``dataset`` is ``""`` for the embedded dataset, else an absolute path.
    ``agency_name``, ``dataset_checksum`` and ``rows`` are filled in by :func:`validate_params`;
    ``rows`` (the agency's rows in the dataset, every row for a regional comparison) is the
    runner's estimate of what the report costs, for scheduling.
    """

    source: str
    notebook: str
    notebook_path: str
    agency_id: str | None = None
    year: int | None = None
    name: str | None = None
    title: str | None = None
    category_scale: str = DEFAULT_SCALE
    efficiency_method: str = DEFAULT_EFFICIENCY_METHOD
    lang: str = DEFAULT_LANG
    dataset: str = ""
    agency_name: str | None = None
    dataset_checksum: str = ""
    rows: int = 0

    @property
    def is_regional(self) -> bool:
        """True for a regional comparison, False for one agency and year."""
        return self.notebook == REGIONAL_COMPARISON

    @property
    def key(self) -> str:
        """The report's folder relative to the output folder, e.g. ``dinas-a/2020`` or ``_regional/regional``."""
        return f"{REGIONAL_FOLDER}/{self.name}" if self.is_regional else f"{self.agency_id}/{self.year}"

    @property
    def label(self) -> str:
        """Short human label: ``dinas-a 2020`` or ``regional``."""
        return str(self.name) if self.is_regional else f"{self.agency_id} {self.year}"

    @property
    def display_title(self) -> str:
        """Title for the HTML page and the index."""
        if self.is_regional:
            return self.title or f"Perbandingan regional ({self.name})"
        return f"{self.agency_name or self.agency_id} — {self.year}"

    def output_folder(self, output_dir: str | Path) -> Path:
        """Final folder of this report inside ``output_dir``."""
        return Path(output_dir).joinpath(*self.key.split("/"))

    def notebook_parameters(self, output_dir: str) -> dict:
        """Values injected by papermill into the notebook's ``parameters`` cell."""
        values: dict = {}
        if not self.is_regional:
            values.update(agency_id=self.agency_id, year=self.year)
        values.update(dataset=self.dataset, category_scale=self.category_scale,
                      efficiency_method=self.efficiency_method, lang=self.lang, output_dir=output_dir)
        if self.is_regional and self.title is not None:
            values["title"] = self.title
        if self.is_regional and self.year is not None:  # compared year (default: each agency's latest)
            values["year"] = self.year
        return values

    def as_dict(self) -> dict:
        """The effective parameters (defaults filled in), for the manifest."""
        keys = ALLOWED_KEYS[self.notebook]
        values = {k: getattr(self, k) for k in keys if k not in ("notebook", "notebook_path")}
        values = {k: v for k, v in values.items() if v is not None}
        return {"notebook": self.notebook, "notebook_path": self.notebook_path, **values}


# --------------------------------------------------------------------------- reading one file


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key given twice (YAML would silently keep the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            error = yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            error.duplicate_key = key  # read by _read_yaml for its message
            raise error
        seen.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ParamsError.from_key("params.not_found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ParamsError.from_key("params.unreadable", str(path), detail=str(exc)) from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        if hasattr(exc, "duplicate_key"):
            raise ParamsError.from_key("params.duplicate_key", str(path), key=repr(exc.duplicate_key),
                                       line=exc.problem_mark.line + 1) from None
        raise ParamsError.from_key("params.bad_yaml", str(path), detail=str(exc)) from None
    if data is None:
        raise ParamsError.from_key("params.empty", str(path))
    if not isinstance(data, dict):
        raise ParamsError.from_key("params.not_a_mapping", str(path))
    return data


def _find_notebook(name: str) -> Path:
    """A notebook named in a params file: the project's ``notebooks/`` first (an analyst's own
    notebook of that name wins), then the report notebooks shipped in the package."""
    for folder in (NOTEBOOKS_DIR, REPORT_NOTEBOOKS_DIR):
        candidate = folder / f"{name}.ipynb"
        if candidate.exists():
            return candidate
    return REPORT_NOTEBOOKS_DIR / f"{name}.ipynb"


def _resolve(value: str, base: Path) -> Path:
    p = Path(os.path.expanduser(value))
    return (p if p.is_absolute() else base / p).resolve()


def load_params(path: str | Path, dataset_override: str | Path | None = None) -> ReportParams:
    """Read and check one params file (without looking at the dataset).

    Parameters
    ----------
    path : str or Path
        A flat YAML mapping; see the module docstring for the keys.
    dataset_override : str, Path or None
        When given (the ``--dataset`` option), replaces the file's ``dataset``;
        a relative path resolves against the current folder.

    Returns
    -------
    ReportParams

    Raises
    ------
    ParamsError
        Naming the file, the offending key and what is allowed: unknown key,
        missing key, wrong type (``year`` must be an integer), unknown notebook,
        scale, efficiency method or language, an ``agency_id``/``name`` that is
        not a slug (e.g. ``../evil``), a missing notebook file.
    """
    path = Path(path)
    data = _read_yaml(path)
    base = path.resolve().parent
    problems: list[i18n.Message] = []
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise ParamsError.from_key("params.keys_not_text", str(path), keys=", ".join(map(repr, bad_keys)))

    notebook = data.get("notebook", AGENCY_REPORT)
    notebook_path: Path | None = None
    if not isinstance(notebook, str) or not notebook:
        raise ParamsError.from_key("params.notebook_not_text", str(path), choices=", ".join(NOTEBOOKS))
    if notebook.endswith(".ipynb"):
        notebook_path = _resolve(notebook, base)
        notebook = REGIONAL_COMPARISON if ("name" in data and "agency_id" not in data) else AGENCY_REPORT
    elif notebook not in NOTEBOOKS:
        raise ParamsError.from_key("params.unknown_notebook", str(path), notebook=repr(notebook),
                                   choices=", ".join(NOTEBOOKS))

    allowed = ALLOWED_KEYS[notebook]
    for key in data:
        if key not in allowed:
            problems.append(i18n.message("params.unknown_key", key=repr(key), notebook=notebook,
                                         allowed=", ".join(allowed)))
    for key in REQUIRED_KEYS[notebook]:
        if data.get(key) is None:
            problems.append(i18n.message("params.required_key", key=repr(key), notebook=notebook))

    values: dict = {}
    for key in allowed:
        if key == "notebook" or data.get(key) is None:
            continue
        value = data[key]
        if key == "year":
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(i18n.message("params.year_not_int", value=repr(value)))
                continue
        elif not isinstance(value, str):
            problems.append(i18n.message("params.not_text", key=repr(key), value=repr(value)))
            continue
        if key in ("agency_id", "name") and not re.fullmatch(SLUG_PATTERN, value):
            problems.append(i18n.message("params.not_a_slug", key=repr(key), value=repr(value)))
            continue
        if key in CHOICES and value not in CHOICES[key]:
            problems.append(i18n.message("params.unknown_choice", key=repr(key), value=repr(value),
                                         choices=", ".join(CHOICES[key])))
            continue
        values[key] = value

    if "notebook_path" in values:
        if notebook_path is not None:
            problems.append(i18n.message("params.notebook_path_twice"))
        notebook_path = _resolve(values.pop("notebook_path"), base)
    if notebook_path is None:
        notebook_path = _find_notebook(notebook)
    if not notebook_path.is_file():
        problems.append(i18n.message("params.notebook_missing", path=str(notebook_path)))

    if dataset_override is not None:
        values["dataset"] = str(Path(dataset_override).expanduser().resolve()) if str(dataset_override) else ""
    elif values.get("dataset"):
        values["dataset"] = str(_resolve(values["dataset"], base))

    if problems:
        raise ParamsError.from_parts(problems, str(path))
    return ReportParams(source=str(path), notebook=notebook, notebook_path=str(notebook_path), **values)


# --------------------------------------------------------------------------- checking a batch


def _raise_all(errors: list[ParamsError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ParamsErrors(errors)


def validate_params(items: Iterable[ReportParams | str | Path],
                    dataset_override: str | Path | None = None) -> list[ReportParams]:
    """Check a batch of params before any kernel starts; return them with dataset facts filled in.

    All or nothing: see :func:`check_params` for the form that keeps the good files of a batch.

    Parameters
    ----------
    items : iterable of ReportParams, str or Path
        Loaded params, or params file paths (read with :func:`load_params`).
    dataset_override : str, Path or None
        Passed to :func:`load_params` for paths.

    Returns
    -------
    list of ReportParams
        In the given order, with ``agency_name``, ``dataset_checksum`` and ``rows`` set.

    Raises
    ------
    ParamsError
        One file refused (its message names the file), or
        :class:`~lkjip_analysis.exceptions.ParamsErrors` listing every refused
        file: unknown agency, year without data for that agency, dataset path
        that does not exist, two files writing the same report folder, and
        everything :func:`load_params` refuses.
    DatasetError
        A dataset exists but is not valid (every problem listed).
    """
    accepted, refused = check_params(items, dataset_override)
    raise_refused(refused)
    return accepted


def raise_refused(refused: list[ParamsError]) -> None:
    """Raise what :func:`check_params` refused: an invalid dataset's own :class:`DatasetError`, else the
    one refusal, else :class:`~lkjip_analysis.exceptions.ParamsErrors` listing them (nothing when empty)."""
    for error in refused:
        if isinstance(error.__cause__, DatasetError):
            raise error.__cause__
    _raise_all(refused)


def check_params(items: Iterable[ReportParams | str | Path], dataset_override: str | Path | None = None,
                 datasets_out: dict | None = None) -> tuple[list[ReportParams], list[ParamsError]]:
    """Check a batch of params before any kernel starts; keep the good ones, list the refused ones.

    Every file is checked on its own (what :func:`validate_params` checks), so that one
    broken file of a nightly batch does not stop the other reports. A file whose dataset is
    not valid is refused with the dataset's problems (the :class:`DatasetError` is the
    refusal's ``__cause__``).

    Returns
    -------
    accepted : list of ReportParams
        In the given order, with ``agency_name``, ``dataset_checksum`` and ``rows`` set.
    refused : list of ParamsError
        One per refused file (``.file`` names it), in the given order.

    ``datasets_out``, when given, receives the valid datasets read for the check (``{dataset: Dataset}``,
    ``""`` for the embedded one), so that a caller need not read them again.
    """
    from ..io.loaders import load_dataset

    errors: list[ParamsError] = []
    loaded: list[ReportParams] = []
    for item in items:
        if isinstance(item, ReportParams):
            loaded.append(item)
            continue
        try:
            loaded.append(load_params(item, dataset_override))
        except ParamsErrors as exc:
            errors.extend(exc.errors)
        except ParamsError as exc:
            errors.append(exc)

    datasets: dict[str, object] = datasets_out if datasets_out is not None else {}
    broken: dict[str, DatasetError] = {}
    for dataset in dict.fromkeys(p.dataset for p in loaded):
        if dataset and not Path(dataset).exists():
            continue
        logger.info(i18n.message("log.loading_dataset", dataset=dataset or i18n.message("log.embedded_dataset")))
        try:
            datasets[dataset] = load_dataset(dataset or None)
        except DatasetError as exc:
            broken[dataset] = exc

    out: list[ReportParams] = []
    seen: dict[str, str] = {}
    rows: dict[str, dict[str, int]] = {}
    for p in loaded:
        if p.dataset in broken:
            error = ParamsError.from_key("params.dataset_invalid", p.source, dataset=_dataset_name(p.dataset),
                                         error=broken[p.dataset])
            error.__cause__ = broken[p.dataset]
            errors.append(error)
            continue
        if p.key in seen:
            errors.append(ParamsError.from_key("params.same_report", p.source, key=p.key, other=seen[p.key]))
            continue
        ds = datasets.get(p.dataset)
        if ds is None:
            errors.append(ParamsError.from_key("params.dataset_missing", p.source, dataset=p.dataset))
            continue
        if p.is_regional:
            if p.year is not None and p.year not in set(ds.agency_years()["year"].astype(int)):
                errors.append(ParamsError.from_key("params.no_year_in_dataset", p.source, year=p.year,
                                                   dataset=_dataset_name(p.dataset)))
                continue
            seen[p.key] = p.source
            out.append(replace(p, dataset_checksum=ds.checksum, rows=sum(len(t) for t in ds.tables.values())))
            continue
        agencies = ds.agencies.set_index("agency_id")["name"]
        if p.agency_id not in agencies.index:
            choices = ", ".join(ds.agency_ids[:30]) + (" ..." if len(ds.agency_ids) > 30 else "")
            errors.append(ParamsError.from_key("params.unknown_agency", p.source, agency_id=repr(p.agency_id),
                                               dataset=_dataset_name(p.dataset), choices=choices))
            continue
        pairs = ds.agency_years()
        years = sorted(int(y) for y in pairs.loc[pairs["agency_id"] == p.agency_id, "year"])
        if p.year not in years:
            available = ", ".join(map(str, years)) or i18n.message("params.none")
            errors.append(ParamsError.from_key("params.no_year_for_agency", p.source, year=p.year,
                                               agency_id=p.agency_id, available=available))
            continue
        if p.dataset not in rows:
            rows[p.dataset] = _rows_per_agency(ds)
        seen[p.key] = p.source
        out.append(replace(p, agency_name=str(agencies[p.agency_id]), dataset_checksum=ds.checksum,
                           rows=int(rows[p.dataset].get(p.agency_id, 0))))
    return out, errors


def _dataset_name(dataset: str) -> object:
    """A dataset as a message names it: its path, or "(tertanam)" / "(embedded)" for the embedded one."""
    return dataset or i18n.message("params.embedded")


def _rows_per_agency(ds) -> dict[str, int]:
    """Rows per agency_id over every table of ``ds`` (one pass per table)."""
    import pandas as pd

    columns = [t["agency_id"] for name, t in ds.tables.items() if name != "agencies" and "agency_id" in t]
    return pd.concat(columns, ignore_index=True).value_counts().to_dict() if columns else {}


def default_params_dir() -> Path:
    """``params/`` in the current folder: where ``lkjip new-agency`` writes and ``lkjip run --all`` reads.

    In the project folder (where ``make report`` runs) that is the project's ``params/``.
    """
    return Path.cwd() / "params"


def find_params_files(folder: str | Path | None = None) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file in ``folder`` (default: :func:`default_params_dir`), sorted.

    Raises
    ------
    ParamsError
        When the folder does not exist or holds no params file.
    """
    folder = Path(folder) if folder is not None else default_params_dir()
    if not folder.is_dir():
        raise ParamsError.from_key("params.dir_missing", folder=str(folder))
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise ParamsError.from_key("params.dir_empty", folder=str(folder))
    return files


def write_agency_params(agency_id: str, year: int, dataset: str | Path | None = None,
                        params_dir: str | Path | None = None, overwrite: bool = False, **options: str) -> Path:
    """Write ``<params_dir>/<agency_id>-<year>.yaml`` after checking the agency and year exist in the dataset.

    Parameters
    ----------
    agency_id, year : the report to set up
    dataset : folder or workbook; None for the embedded dataset. A relative path is read
        from the current folder (as on the command line) and written relative to the params
        file's folder, which is how :func:`load_params` reads it back (``data/`` given with
        ``params/`` as params folder is written ``../data``).
    params_dir : folder of params files (default: :func:`default_params_dir`)
    overwrite : replace an existing file (refused by default)
    options : category_scale, efficiency_method, lang

    Raises
    ------
    ParamsError
        Unknown agency or year, a bad option, or an existing file.
    """
    from ..io.atomic import atomic_write_text
    from ..io.loaders import load_dataset

    if not re.fullmatch(SLUG_PATTERN, agency_id):
        raise ParamsError.from_key("params.agency_not_slug", agency_id=repr(agency_id))
    for key, value in options.items():
        if key not in CHOICES:
            raise ParamsError.from_key("params.unknown_option", key=repr(key), choices=", ".join(CHOICES))
        if value not in CHOICES[key]:
            raise ParamsError.from_key("params.unknown_option_value", key=key, value=repr(value),
                                       choices=", ".join(CHOICES[key]))
    ds = load_dataset(dataset)
    if agency_id not in ds.agency_ids:
        raise ParamsError.from_key("params.agency_not_in_dataset", agency_id=repr(agency_id), dataset=ds.path,
                                   choices=", ".join(ds.agency_ids))
    years = ds.agency_years()
    have = sorted(int(y) for y in years.loc[years["agency_id"] == agency_id, "year"])
    if int(year) not in have:
        raise ParamsError.from_key("params.agency_year_missing", agency_id=agency_id, year=year, dataset=ds.path,
                                   available=", ".join(map(str, have)) or "-")
    folder = Path(params_dir) if params_dir is not None else default_params_dir()
    path = folder / f"{agency_id}-{int(year)}.yaml"
    if path.exists() and not overwrite:
        raise ParamsError.from_key("params.file_exists", path=str(path))
    lines = [f"# Laporan {ds.agencies.set_index('agency_id').at[agency_id, 'name']} {int(year)}",
             "notebook: agency_report", f"agency_id: {agency_id}", f"year: {int(year)}"]
    lines += [f"{k}: {v}" for k, v in options.items()]
    if dataset is not None:
        target = Path(os.path.expanduser(str(dataset))).resolve()
        try:
            written = Path(os.path.relpath(target, folder.resolve())).as_posix()
        except ValueError:  # another drive (Windows): absolute
            written = str(target)
        lines.append(f"dataset: {yaml.safe_dump(written, default_style=None).strip()}")
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, "\n".join(lines) + "\n")
    return path
