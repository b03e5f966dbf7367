"""Load a dataset (CSV folder or Excel workbook), validate it and return typed tables."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .config import EMBEDDED_DATA_DIR
from .exceptions import DatasetError, Problem
from .schema import REQUIRED_TABLES, TABLE_NAMES, TABLES
from .validation import ROW_COLUMN, RawTable, check_references, empty_frame, validate_table

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
#: Sheets of a workbook that hold instructions rather than a table.
INFO_SHEETS = ("Petunjuk",)


@dataclass
class Dataset:
    """The tables of an LKjIP dataset, typed and validated.

    Tables are reachable as attributes and by name (``ds.performance``,
    ``ds["budget"]``). Optional tables that the source lacks are empty frames
    with the right columns.
    """

    tables: dict[str, pd.DataFrame]
    path: str = "(embedded)"
    checksum: str = ""
    rows: dict[str, pd.Series] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            raise KeyError(f"tabel tidak dikenal: {name!r}; tabel: {', '.join(self.tables)}")
        return self.tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={len(v)}" for k, v in self.tables.items())
        return f"Dataset({self.path!s}: {counts})"

    @property
    def agency_ids(self) -> list[str]:
        """Agency ids, in the order of the agencies table."""
        return self.tables["agencies"]["agency_id"].tolist()

    def agency_years(self) -> pd.DataFrame:
        """Every (agency_id, year) pair that has performance or budget data."""
        parts = [self.tables[t][["agency_id", "year"]] for t in ("performance", "budget") if not self.tables[t].empty]
        if not parts:
            return pd.DataFrame({"agency_id": pd.Series(dtype="string"), "year": pd.Series(dtype="Int64")})
        return pd.concat(parts).drop_duplicates().sort_values(["agency_id", "year"]).reset_index(drop=True)

    def subset(self, agency_id: str | list[str] | None = None, year: int | None = None) -> Dataset:
        """A new Dataset restricted to some agencies and/or one year (tables without year keep all years)."""
        ids = [agency_id] if isinstance(agency_id, str) else agency_id
        out = {}
        for name, frame in self.tables.items():
            mask = pd.Series(True, index=frame.index)
            if ids is not None:
                mask &= frame["agency_id"].isin(ids)
            if year is not None and "year" in frame.columns and name != "benchmarks":
                mask &= frame["year"] == year
            out[name] = frame[mask.to_numpy()].reset_index(drop=True)
        return Dataset(out, self.path, self.checksum)


# --------------------------------------------------------------------------- reading


def _sniff_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _frame_from_rows(rows: list[list[str]], first_row_number: int) -> pd.DataFrame:
    """Build a text frame from rows (first = header); skip blank and ``#`` comment rows."""
    header = [h.strip() for h in rows[0]] if rows else []
    data, numbers = [], []
    for offset, row in enumerate(rows[1:]):
        cells = [("" if c is None else str(c)).strip() for c in row]
        if not any(cells):
            continue
        if cells[0].startswith("#"):
            continue
        cells = (cells + [""] * len(header))[: len(header)]
        data.append(cells)
        numbers.append(first_row_number + 1 + offset)
    header = [h if h else f"(kolom {i + 1} tanpa nama)" for i, h in enumerate(header)]
    frame = pd.DataFrame(data, columns=header, dtype="object")
    frame[ROW_COLUMN] = pd.Series(numbers, dtype="int64")
    return frame


def read_csv_table(path: Path, name: str, label: str | None = None) -> RawTable | Problem:
    """Read one CSV file as text cells; return a Problem if it cannot be read.

    Accepts a UTF-8 BOM and ``;``-separated files as Excel writes them. In a
    ``;``-separated file numbers follow the strict Indonesian rule (comma decimal);
    in a ``,``-separated file the machine rule (dot decimal).
    """
    label = label or str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(label, None, None, None, f"berkas harus ber-encoding UTF-8 ({exc.reason} pada byte {exc.start})")
    if not text.strip():
        return Problem(label, None, None, None, f"berkas kosong: tabel '{name}' harus punya baris header")
    delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    frame = _frame_from_rows(rows, 1)
    return RawTable(name, label, frame, decimal="," if delimiter == ";" else ".")


def _resource_paths(folder: Path) -> dict[str, Path]:
    paths = {name: folder / f"{name}.csv" for name in TABLE_NAMES}
    descriptor = folder / "datapackage.json"
    if descriptor.exists():
        try:
            meta = json.loads(descriptor.read_text(encoding="utf-8-sig"))
            for res in meta.get("resources", []):
                if res.get("name") in paths and isinstance(res.get("path"), str):
                    paths[res["name"]] = folder / res["path"]
        except (json.JSONDecodeError, AttributeError):
            pass
    return paths


def _read_folder(folder: Path) -> tuple[list[RawTable], list[Problem]]:
    raws, problems = [], []
    for name, path in _resource_paths(folder).items():
        if not path.exists():
            if name in REQUIRED_TABLES:
                problems.append(Problem(str(path), None, None, None, f"berkas tabel wajib '{name}' tidak ditemukan"))
            continue
        result = read_csv_table(path, name)
        (problems if isinstance(result, Problem) else raws).append(result)
    return raws, problems


def _read_workbook(path: Path) -> tuple[list[RawTable], list[Problem]]:
    from openpyxl import load_workbook

    raws, problems = [], []
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        return [], [Problem(str(path), None, None, None, f"workbook Excel yang dapat dibaca ({exc})")]
    try:
        for name in TABLE_NAMES:
            if name not in wb.sheetnames:
                if name in REQUIRED_TABLES:
                    problems.append(Problem(f"{path.name} [sheet {name}]", None, None, None,
                                            f"sheet wajib '{name}' tidak ditemukan"))
                continue
            rows = [["" if v is None else _cell_text(v) for v in row] for row in wb[name].iter_rows(values_only=True)]
            label = f"{path.name} [sheet {name}]"
            if not rows or not any(rows[0]):
                problems.append(Problem(label, None, None, None, f"sheet kosong: tabel '{name}' harus punya baris header"))
                continue
            raws.append(RawTable(name, label, _frame_from_rows(rows, 1), decimal=","))
    finally:
        wb.close()
    return raws, problems


def _cell_text(value: object) -> str:
    """Text of an Excel cell; numbers in machine format so no separator is misread."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


def read_dataset(path: str | Path | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Read and validate a dataset; return it (or None) and every problem found.

    Parameters
    ----------
    path : str, Path or None
        A folder of CSV files (optionally with ``datapackage.json``), an Excel
        workbook with one sheet per table, or None for the embedded dataset.
    """
    source = Path(path) if path is not None else EMBEDDED_DATA_DIR
    label = "(embedded)" if path is None else str(path)
    if not source.exists():
        return None, [Problem(str(source), None, None, None, "folder dataset atau workbook Excel yang ada")]
    if source.is_dir():
        raws, problems = _read_folder(source)
        files = [p for p in source.glob("*.csv")]
    elif source.suffix.lower() in EXCEL_SUFFIXES:
        raws, problems = _read_workbook(source)
        files = [source]
    else:
        return None, [Problem(str(source), None, None, None, "folder berisi CSV atau workbook .xlsx")]
    typed: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    for raw in raws:
        typed[raw.name] = validate_table(raw, problems)
        labels[raw.name] = raw.label
    check_references(typed, labels, problems)
    if problems:
        return None, problems
    tables = {}
    rows = {}
    for name in TABLE_NAMES:
        frame = typed.get(name)
        if frame is None:
            tables[name] = empty_frame(TABLES[name])
            continue
        rows[name] = frame.pop(ROW_COLUMN)
        tables[name] = frame.reset_index(drop=True)
    return Dataset(tables, label, _checksum(files) if files else "", rows), []


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Load and validate an LKjIP dataset.

    Parameters
    ----------
    path : str, Path or None
        A folder of CSV files described by ``datapackage.json``, an Excel
        workbook with one sheet per table, or None (the embedded dataset of the
        three source reports).

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        Listing every problem (file or sheet, row, column, value, what was expected).

    Examples
    --------
    >>> ds = load_dataset()
    >>> sorted(ds.agency_ids)[0]
    'dinsos-kab-hulu-sungai-selatan'
    """
    dataset, problems = read_dataset(path)
    if problems:
        raise DatasetError(problems, "(embedded)" if path is None else str(path))
    assert dataset is not None
    return dataset
