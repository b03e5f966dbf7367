"""Load a dataset (CSV folder, Excel or LibreOffice workbook), validate it and return typed tables."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import EMBEDDED_DATA_DIR
from ..exceptions import DatasetError, Problem
from ..i18n import message
from ..model.normalize import NOTE_COLUMNS, Notes, match_key, notes_frame
from ..model.schema import REQUIRED_TABLES, TABLE_NAMES, TABLES
from ..model.validation import ROW_COLUMN, RawTable, check_references, empty_frame, validate_table

#: Workbook formats read like a CSV folder: Excel and OpenDocument (LibreOffice Calc, via odfpy).
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".ods")
#: Indonesian sheet names accepted for the tables (besides the table names in any case).
SHEET_SYNONYMS = {
    "agencies": ("instansi",), "indicators": ("indikator",), "performance": ("kinerja", "target dan realisasi"),
    "budget": ("anggaran",), "efficiency": ("efisiensi",), "benchmarks": ("pembanding",),
    "akip_scores": ("nilai akip", "akip"), "facts": ("fakta",),
}
#: Key in an imported folder's ``datapackage.json`` holding what the import normalised.
NOTES_KEY = "lkjip_normalised"
#: Sheets of a workbook that hold instructions rather than a table.
INFO_SHEETS = ("Petunjuk",)


@dataclass
class Dataset:
    """The tables of an LKjIP dataset, typed and validated.

    Tables are reachable as attributes and by name (``ds.performance``,
    ``ds["budget"]``). Optional tables that the source lacks are empty frames
    with the right columns.

    ``normalised`` lists what loading (and, for an imported folder, the import) changed: headers
    matched, synonyms replaced, defaults filled, numbers typed as text (columns
    :data:`lkjip_analysis.model.normalize.NOTE_COLUMNS`); ``warnings`` the problems that refuse nothing
    (unknown or missing optional columns, formula cells without a value).
    """

    tables: dict[str, pd.DataFrame]
    path: str = "(embedded)"
    checksum: str = ""
    rows: dict[str, pd.Series] = field(default_factory=dict, repr=False)
    normalised: pd.DataFrame = field(default_factory=lambda: notes_frame([]), repr=False)
    warnings: list[Problem] = field(default_factory=list, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.tables:
            from ..exceptions import UnknownTableError

            raise UnknownTableError.from_key("error.unknown_table", name=repr(name), tables=", ".join(self.tables))
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
        return Dataset(out, self.path, self.checksum, normalised=self.normalised, warnings=self.warnings)


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


def _arrow_text_frame(data: bytes, delimiter: str) -> pd.DataFrame | None:
    """Text frame of a CSV file read with pyarrow (multi-threaded C++), or None when the file needs the
    exact, slower reader (blank lines, rows of another length, duplicate headers, invalid UTF-8, ...).

    The result is what :func:`_frame_from_rows` gives for the same file: stripped cells, empty = "",
    blank and ``#`` comment rows dropped, file row numbers (header = 1) in ``__row__``.
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    end = len(data)
    while end > start and data[end - 1] in b"\r\n":
        end -= 1
    if end == start or data[start] in b"\r\n":
        return None
    newline = data.find(b"\n", start, end)
    n_columns = data.count(delimiter.encode(), start, newline if newline >= 0 else end) + 1  # upper bound
    raw = pa.py_buffer(data).slice(start, end - start)
    try:
        table = pacsv.read_csv(
            raw,
            # empty lines are rows (as csv.reader counts them): a table's file then has ragged rows and
            # goes to the exact reader, so row numbers in messages stay right
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=data.find(b'"', start, end) >= 0,
                                             ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={f"f{i}": pa.large_string() for i in range(n_columns)},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeDecodeError):
        return None
    if table.num_rows == 0:
        return None
    columns = [_trim(c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c) for c in table.columns]
    header = [h if h else f"(kolom {i + 1} tanpa nama)" for i, h in enumerate(c[0].as_py() for c in columns)]
    if len(set(header)) != len(header):
        return None
    columns = [c.slice(1) for c in columns]
    rows = np.arange(2, table.num_rows + 1, dtype=np.int64)
    # blank rows (every cell empty) and comment rows (first cell starting with #) are skipped
    drop = pc.or_(pc.equal(columns[0], ""), pc.starts_with(columns[0], "#"))
    if pc.any(drop).as_py():
        blank = pc.equal(columns[0], "")
        for c in columns[1:]:
            blank = pc.and_(blank, pc.equal(c, ""))
        drop = pc.or_(blank, pc.starts_with(columns[0], "#"))
    if pc.any(drop).as_py():
        keep = pc.invert(drop)
        columns = [c.filter(keep) for c in columns]
        rows = rows[keep.to_numpy(zero_copy_only=False)]
    frame = pd.DataFrame({h: pd.Series(pd.arrays.ArrowStringArray(c), copy=False) for h, c in zip(header, columns)})
    frame[ROW_COLUMN] = rows
    return frame


def _trim(column):
    """Cells without surrounding whitespace (as ``str.strip``)."""
    import pyarrow.compute as pc

    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        return pc.ascii_trim_whitespace(column)
    return pc.utf8_trim_whitespace(column)


def read_csv_table(path: Path, name: str, label: str | None = None) -> RawTable | Problem:
    """Read one CSV file as text cells; return a Problem if it cannot be read.

    Accepts a UTF-8 BOM and ``;``-separated files as Excel writes them. In a
    ``;``-separated file numbers follow the strict Indonesian rule (comma decimal);
    in a ``,``-separated file the machine rule (dot decimal).

    Well-formed files are parsed by pyarrow's multi-threaded CSV reader; files it
    cannot read the same way (blank lines, ragged rows, ...) by Python's ``csv`` module.
    """
    label = label or str(path)
    data = path.read_bytes()
    first = data[:4096].split(b"\n", 1)[0].decode("utf-8", errors="ignore")
    delimiter = _sniff_delimiter(first.lstrip("\ufeff"))
    decimal = "," if delimiter == ";" else "."
    if len(first) < 4000:
        frame = _arrow_text_frame(data, delimiter)
        if frame is not None:
            return RawTable(name, label, frame, decimal=decimal, clean=True, source_name=path.name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(label, None, None, None, message("problem.utf8", reason=exc.reason, start=exc.start))
    if not text.strip():
        return Problem(label, None, None, None, message("problem.empty_file", table=name))
    delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    frame = _frame_from_rows(rows, 1)
    return RawTable(name, label, frame, decimal="," if delimiter == ";" else ".", source_name=path.name)


def read_parquet_table(path: Path, name: str, label: str | None = None) -> RawTable | Problem:
    """Read one Parquet table (columnar variant of the CSV files); typed columns are checked as they are.

    Row numbers in problems count as in the CSV form of the same table (header = row 1).
    """
    label = label or str(path)
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(str(path))
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        return Problem(label, None, None, None, message("problem.pyarrow", error=str(exc)))
    except Exception as exc:  # pyarrow raises many kinds for a damaged file
        return Problem(label, None, None, None, message("problem.parquet", error=f"{type(exc).__name__}: {exc}"))
    frame = table.to_pandas(types_mapper=_arrow_types)
    frame[ROW_COLUMN] = np.arange(2, len(frame) + 2, dtype=np.int64)
    return RawTable(name, label, frame, decimal=".", source_name=path.name)


def _arrow_types(arrow_type):
    import pyarrow as pa

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype("pyarrow")
    return None


def _resource_paths(folder: Path) -> dict[str, Path]:
    paths = {}
    for name in TABLE_NAMES:
        csv_path, pq_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        paths[name] = pq_path if pq_path.exists() and not csv_path.exists() else csv_path
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


def _iter_folder(folder: Path) -> Iterator[RawTable | Problem]:
    """Each table of a dataset folder as it is read (one at a time, so large tables need not coexist)."""
    for name, path in _resource_paths(folder).items():
        if not path.exists():
            if name in REQUIRED_TABLES:
                yield Problem(str(path), None, None, None, message("problem.missing_table_file", table=name))
            continue
        if path.suffix.lower() == ".parquet":
            yield read_parquet_table(path, name)
        else:
            yield read_csv_table(path, name)


def _read_folder(folder: Path) -> tuple[list[RawTable], list[Problem]]:
    raws, problems = [], []
    for result in _iter_folder(folder):
        (problems if isinstance(result, Problem) else raws).append(result)
    return raws, problems


def _sheet_for(table: str, sheet_names: list[str]) -> str | None:
    """The sheet holding ``table``: its name exactly, else in any case or an Indonesian name."""
    if table in sheet_names:
        return table
    wanted = {match_key(table), *(match_key(s) for s in SHEET_SYNONYMS.get(table, ()))}
    for sheet in sheet_names:
        if match_key(sheet) in wanted:
            return sheet
    return None


def _workbook_rows(path: Path, notes: Notes) -> dict[str, list[list[str]]]:
    """Cells of every sheet as text (see :func:`_cell_text`), per sheet name.

    ``.xlsx``: formula cells whose value the file does not hold (a workbook written by a script and
    never opened in Excel) read as empty, each named in a warning. ``.ods``: pandas' OpenDocument reader.
    """
    if path.suffix.lower() == ".ods":
        sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="odf")
        return {name: [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]
                for name, frame in sheets.items()}
    from openpyxl import load_workbook

    out = {}
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in wb.sheetnames:
            out[sheet] = [[_cell_text(v) for v in row] for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()
    if any("" in row for rows in out.values() for row in rows):
        _warn_uncached_formulas(path, out, notes)
    return out


def _warn_uncached_formulas(path: Path, sheets: dict[str, list[list[str]]], notes: Notes) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        for sheet, rows in sheets.items():
            header = rows[0] if rows else []
            for r, row in enumerate(wb[sheet].iter_rows(values_only=True)):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("=") and r < len(rows) and c < len(rows[r]) \
                            and rows[r][c] == "":
                        column = header[c] if c < len(header) and header[c] else get_column_letter(c + 1)
                        notes.warn(Problem(f"{path.name} [sheet {sheet}]", r + 1, column, value,
                                           message("problem.uncached_formula")))
    finally:
        wb.close()


def _read_workbook(path: Path, notes: Notes | None = None) -> tuple[list[RawTable], list[Problem]]:
    notes = notes if notes is not None else Notes()
    raws, problems = [], []
    try:
        sheets = _workbook_rows(path, notes)
    except Exception as exc:  # openpyxl/odfpy raise many kinds for a damaged file
        kind = "LibreOffice (.ods)" if path.suffix.lower() == ".ods" else "Excel"
        return [], [Problem(str(path), None, None, None, message("problem.workbook", kind=kind, error=str(exc)))]
    names = list(sheets)
    for name in TABLE_NAMES:
        sheet = _sheet_for(name, names)
        if sheet is None:
            if name in REQUIRED_TABLES:
                problems.append(Problem(f"{path.name} [sheet {name}]", None, None, None,
                                        message("problem.missing_sheet", table=name)))
            continue
        rows = sheets[sheet]
        label = f"{path.name} [sheet {sheet}]"
        if not rows or not any(rows[0]):
            problems.append(Problem(label, None, None, None, message("problem.empty_sheet", table=name)))
            continue
        raws.append(RawTable(name, label, _frame_from_rows(rows, 1), decimal=",", source_name=path.name,
                             sheet=sheet))
    return raws, problems


def _cell_text(value: object) -> str:
    """Text of a workbook cell; numbers in positional notation with a decimal comma (the workbook rule).

    Never an exponent (``5e-05`` is written ``0,00005``, ``1e16`` ``10000000000000000``), so every
    finite number reads back exactly; an infinite or NaN cell gives ``inf``/``""`` (refused / empty).

    Examples
    --------
    >>> [_cell_text(v) for v in (5e-05, 1e16, -0.0, 85.5, 3.0, True, None, float("inf"))]
    ['0,00005', '10000000000000000', '-0', '85,5', '3', 'true', '', 'inf']
    """
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value.is_integer() and abs(value) < 1e15 and not (value == 0 and math.copysign(1, value) < 0):
            return str(int(value))
        return np.format_float_positional(value, trim="-").replace(".", ",")
    if isinstance(value, pd.Timestamp) and value is pd.NaT:
        return ""
    return str(value)


def _release_arrow_memory() -> None:
    """Give the memory pyarrow's allocator kept from the text cells back to the system."""
    try:
        import pyarrow as pa

        pa.default_memory_pool().release_unused()
    except (ImportError, AttributeError):  # pragma: no cover - old or missing pyarrow
        pass


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for p in sorted(paths):
        digest.update(p.name.encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()[:16]


def read_dataset(path: str | Path | None = None, notes: Notes | None = None) -> tuple[Dataset | None, list[Problem]]:
    """Read and validate a dataset; return it (or None) and every problem found.

    Parameters
    ----------
    path : str, Path or None
        A folder of CSV files (or one ``<table>.parquet`` per table; optionally with
        ``datapackage.json``), an Excel (``.xlsx``) or LibreOffice (``.ods``) workbook with one
        sheet per table, or None for the embedded dataset.
    notes : Notes, optional
        Collects what was normalised and the warnings, also when the dataset is refused (the
        returned Dataset carries them as ``normalised`` and ``warnings``).
    """
    notes = notes if notes is not None else Notes()
    source = Path(path) if path is not None else EMBEDDED_DATA_DIR
    label = "(embedded)" if path is None else str(path)
    if not source.exists():
        return None, [Problem(str(source), None, None, None, message("problem.no_source"))]
    if source.is_dir():
        results: Iterable[RawTable | Problem] = _iter_folder(source)
        files = [p for p in source.glob("*.csv")] + [p for p in source.glob("*.parquet")]
    elif source.suffix.lower() in EXCEL_SUFFIXES:
        raws, read_problems = _read_workbook(source, notes)
        results = [*read_problems, *raws]
        files = [source]
    else:
        return None, [Problem(str(source), None, None, None, message("problem.bad_source"))]
    typed: dict[str, pd.DataFrame] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []  # problems reading files come first, then those of the cells
    cell_problems: list[Problem] = []
    for result in results:  # each table is validated as soon as it is read, then its text cells are dropped
        if isinstance(result, Problem):
            problems.append(result)
            continue
        typed[result.name] = validate_table(result, cell_problems, notes)
        labels[result.name] = result.label
    problems.extend(cell_problems)
    check_references(typed, labels, problems)
    _release_arrow_memory()
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
    recorded = _recorded_notes(source) if source.is_dir() else []
    normalised = notes_frame(recorded + notes.changes)
    return Dataset(tables, label, _checksum(files) if files else "", rows, normalised, list(notes.warnings)), []


def _recorded_notes(folder: Path) -> list[dict]:
    """What earlier imports into ``folder`` normalised, as recorded in its ``datapackage.json``."""
    descriptor = folder / "datapackage.json"
    if not descriptor.exists():
        return []
    try:
        records = json.loads(descriptor.read_text(encoding="utf-8-sig")).get(NOTES_KEY, [])
    except (json.JSONDecodeError, AttributeError):
        return []
    return [{c: r.get(c) for c in NOTE_COLUMNS} for r in records if isinstance(r, dict)]


#: Datasets kept in memory by :func:`load_dataset` once :func:`keep_loaded_datasets` is called (a warm
#: kernel of ``lkjip run`` does: its reports mostly read the same dataset), newest last.
_KEPT: dict | None = None
#: At most this many datasets are kept, and none whose tables take more memory than :data:`KEEP_MAX_BYTES`.
KEEP_MAX = 2
KEEP_MAX_BYTES = 256 * 2**20


def keep_loaded_datasets(enabled: bool = True) -> None:
    """Let :func:`load_dataset` keep what it loaded (and give a copy again while no file of it changed).

    For a process that loads the same dataset over and over, such as a warm kernel that builds
    report after report (:mod:`lkjip_analysis.run.kernels`). A dataset is given again only while
    every one of its files has the same size and modification time (nanoseconds) and no file
    was added or removed; each call gets its own copy, so a caller changing its tables changes
    nothing for the next. Off by default: a library user always reads the files.
    """
    global _KEPT
    _KEPT = {} if enabled else None


def _signature(source: Path) -> tuple | None:
    """Size and modification time of every file a dataset is read from (None: cannot tell)."""
    try:
        files = sorted(source.iterdir()) if source.is_dir() else [source]
        return (str(source.resolve()), *((f.name, st.st_size, st.st_mtime_ns)
                                         for f in files for st in [f.stat()] if f.is_file()))
    except OSError:
        return None


def _kept_copy(dataset: Dataset) -> Dataset:
    """A copy of ``dataset`` whose tables can be changed without changing ``dataset``."""
    return Dataset({name: frame.copy() for name, frame in dataset.tables.items()}, dataset.path, dataset.checksum,
                   {name: rows.copy() for name, rows in dataset.rows.items()}, dataset.normalised.copy(),
                   list(dataset.warnings))


def load_dataset(path: str | Path | None = None) -> Dataset:
    """Load and validate an LKjIP dataset.

    Parameters
    ----------
    path : str, Path or None
        A folder of CSV files described by ``datapackage.json`` (or its columnar variant: one
        ``<table>.parquet`` per table, as :func:`lkjip_analysis.io.writers.save_dataset` writes with
        ``fmt="parquet"``), an Excel (``.xlsx``) or LibreOffice (``.ods``)
        workbook with one sheet per table, or None (the embedded dataset of the
        three source reports). Values are normalised on the way in (synonyms such as
        ``APBD`` → ``apbd``, Indonesian headers, defaults); ``Dataset.normalised`` says what changed.

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
    kept = _KEPT
    signature = _signature(Path(path) if path is not None else EMBEDDED_DATA_DIR) if kept is not None else None
    if signature is not None and signature in kept:
        kept[signature] = kept.pop(signature)  # newest last
        return _kept_copy(kept[signature])
    dataset, problems = read_dataset(path)
    if problems:
        raise DatasetError(problems, "(embedded)" if path is None else str(path))
    assert dataset is not None
    if signature is not None and sum(int(t.memory_usage(deep=True).sum()) for t in dataset.tables.values()) \
            <= KEEP_MAX_BYTES:
        kept[signature] = _kept_copy(dataset)
        while len(kept) > KEEP_MAX:
            kept.pop(next(iter(kept)))
    return dataset
