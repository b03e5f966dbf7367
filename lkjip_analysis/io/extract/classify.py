"""Which kind each table is, and its rows as draft records (the same for every reader).

Kinds (:func:`table_kind`, first that applies)
-------------------------------------------------
``budget``
    a ``pagu``/``anggaran``/``alokasi`` column, or a money realisasi (``Keuangan``,
    ``Realisasi (Rp)``) in a table with no performance target;
``comparison``
    another region's realisasi (``Realisasi Kab. Banjar``) or a benchmark target
    (``Target RPJMD``, ``Target Nasional``);
``multi_year``
    target / realisasi / capaian columns of two or more years (or plan years ``Tahun Ke-1..5``):
    unpivoted to one row per indicator-year;
``performance``
    target / realisasi / capaian columns (annual, or per quarter ``TW1..TW4``, or a period
    column whose rows say ``Triwulan I``..);
``other``
    anything else (staff counts, lists): not data for the draft, named in the notes.

Rows that are not data: the header, column-number rows (``1 2 3 ...``), a header repeated after a
page break, empty rows and *section rows* (one text cell and nothing else: ``Urusan Bidang
Sosial``, ``A. Dana Dekonsentrasi``) - a section row sets the context (program, funding source).

Self-checks (review flags, values never changed): capaian recomputed vs printed, a capaian column
that repeats realisasi, target 0, serapan recomputed vs printed, a total that is not the sum of
its lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ... import i18n
from .grid import Grid
from .headers import ColumnRole, classify_columns, header_length, is_column_number_row
from .numbers import Cell, ColumnStyle, column_styles, fallback_for, read_cell, resolve_percent

VALUE_ROLES = ("target", "realisasi", "capaian", "pagu", "sisa", "benchmark", "region", "year_value")
LABEL_ROLES = ("sasaran", "indicator", "program", "kegiatan", "program_kegiatan", "unit")
_ROW_NO = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?$|^[a-zA-Z]\.$|^[IVX]+\.?$")
_CODE = re.compile(r"^((?:\d{1,4}|X{1,2})(?:\.(?:\d{1,4}|X{1,2}))+)\s*[-–]?\s+(\S.*)$")  # 1.02.01 - PROGRAM ...
_TOTAL = re.compile(r"^\W*(total|jumlah|sub ?total|grand total)\b", re.IGNORECASE)
_BULLET = re.compile(r"\s*[➢➤•▪►]\s*|\s+>\s+|\s+-\s*(?=[A-Z])|^-\s*")
CAPAIAN_TOLERANCE = 0.5  # serapan (%) printed vs realisasi / pagu x 100


def review(record: dict, column: str | None, kind: str, key: str, /, **fields: object) -> None:
    """Attach one review question to a draft record (``column`` = the cell to look at).

    ``kind`` is the code of the question's kind (i18n ``review.kind.<kind>``), ``key`` the i18n key of
    its text; both are kept as :class:`~lkjip_analysis.i18n.Message` (Indonesian strings that the draft
    writes in the language asked for).
    """
    record.setdefault("_review", []).append((column, i18n.message(f"review.kind.{kind}"), i18n.message(key, **fields)))


@dataclass
class TableResult:
    """One interpreted table: its kind, column roles, number styles and the records it gave."""

    index: int
    grid: Grid
    kind: str
    header_rows: int
    roles: list[ColumnRole]
    styles: dict[int, ColumnStyle] = field(default_factory=dict)
    performance: list[dict] = field(default_factory=list)
    budget: list[dict] = field(default_factory=list)
    benchmarks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year: int | None = None

    @property
    def n_records(self) -> int:
        return len(self.performance) + len(self.budget) + len(self.benchmarks)

    @property
    def ref(self) -> str:
        """Short reference: the caption's ``Tabel X`` words, else the table's first location."""
        return table_ref(self.grid)


def table_ref(grid: Grid) -> str:
    where = grid.locations[0] if grid.locations else "?"
    where = where if not where.isdigit() else f"baris {where}"
    if grid.caption:
        m = re.match(r"\W*(tabel|table)\s*\.?\s*([\w.]*\w)?", grid.caption, re.IGNORECASE)
        if m:
            return f"Tabel {m.group(2)} ({where})" if m.group(2) else f"Tabel ({where})"
    return f"tabel di {where}"


def source_of(grid: Grid) -> str:
    """``source`` of every row from this grid: file name and caption (or where the table starts)."""
    caption = grid.caption or f"tabel di {grid.locations[0] if grid.locations else '?'}"
    return f"{grid.document}, {caption}"[:250]


def merge_continuations(grids: list[Grid]) -> list[Grid]:
    """Join a grid that continues the one before it (same width, and either no header of its own
    or a header equal to the previous one's, which is dropped)."""
    out: list[Grid] = []
    for g in grids:
        if out and g.kind == out[-1].kind == "text" and g.n_columns == out[-1].n_columns:
            prev = out[-1]
            n_prev, _ = header_length(prev.rows)
            n_new, _ = header_length(g.rows)
            same_header = n_new and n_prev and [r for r in g.rows[:n_new]] == prev.rows[:n_prev]
            if (n_new == 0 or same_header) and g.caption is None:
                rows = g.rows[n_new:] if same_header else g.rows
                locs = g.locations[n_new:] if same_header else g.locations
                flags = g.row_flags[n_new:] if same_header else g.row_flags
                out[-1] = Grid(rows=prev.rows + rows, document=prev.document, kind=prev.kind,
                               locations=prev.locations + locs, caption=prev.caption,
                               row_flags=prev.row_flags + flags,
                               notes=prev.notes + [i18n.message("classify.note_continued_header" if same_header else
                                                                "classify.note_continued",
                                                                location=locs[0] if locs else "?")])
                continue
        out.append(g)
    return out


def table_kind(roles: list[ColumnRole]) -> str:
    """The table's kind from its column roles (rules in the module docstring)."""
    r = [x.role for x in roles]
    perf_target = any(x.role == "target" and not x.money for x in roles)
    perf_real = any(x.role == "realisasi" and not x.money for x in roles)
    perf_cap = any(x.role == "capaian" and not x.money for x in roles)
    money_real = any(x.role in ("realisasi", "capaian", "sisa") and x.money for x in roles)
    has_label = any(x in r for x in LABEL_ROLES)
    if not has_label:
        return "other"
    if "pagu" in r and not (perf_target and perf_real):
        return "budget"
    if money_real and not perf_target and any(x in r for x in ("program", "kegiatan", "program_kegiatan")):
        return "budget"
    if "region" in r or "benchmark" in r:
        return "comparison"
    years = {x.year or x.plan_year for x in roles if x.role in ("target", "realisasi", "capaian") and not x.money
             and (x.year or x.plan_year)}
    if len(years) >= 2:
        return "multi_year"
    if perf_target or perf_real or (perf_cap and "indicator" in r):
        return "performance"
    return "other"


def _trimmed(row: list[str]) -> list[str]:
    cells = [re.sub(r"\s+", "", c).lower() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _row_is_repeated_header(row: list[str], header: list[list[str]]) -> bool:
    return any(_trimmed(row) == _trimmed(h) for h in header)


def _is_section(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    if len(filled) != 1 and not (len(filled) == 2 and _ROW_NO.match(filled[0].strip())):
        return False
    cell = read_cell(filled[-1])
    return not (cell.is_number or cell.stacked) and len(filled[-1]) >= 3


def _value_like(text: str) -> bool:
    if not text.strip():
        return False
    c = read_cell(text)
    return c.is_number or c.missing or c.mark or bool(c.stacked)


def align_row(row: list[str], roles: list[ColumnRole]) -> tuple[list[str], str | None, bool]:
    """Put a row's cells under their columns (labels left of the first value column, values from it).

    A row whose cells are shifted (a cell lost or an extra row-number cell, as converters and
    PDF tables produce) is realigned: its value cells start at its first value-like cell after
    the first cell; its label cells are placed right to left under the label columns. The extra
    leftmost cell, when it looks like ``1``/``1.2``/``a.``, is returned as the row number.

    Returns
    -------
    (cells, row_number, realigned)
    """
    width = len(roles)
    value_cols = [j for j, r in enumerate(roles) if r.role in VALUE_ROLES]
    if not value_cols:
        return (row + [""] * width)[:width], None, False
    first = value_cols[0]
    cells = list(row) + [""] * max(0, width - len(row))
    before = cells[first - 1] if first >= 1 else ""
    direct_ok = (not cells[first].strip() or _value_like(cells[first])) and not (
        before.strip() and read_cell(before).is_number and roles[first - 1].role in LABEL_ROLES)
    if direct_ok and len(row) <= width:
        rn = cells[0].strip() if roles[0].role in ("row_no", "unknown") and _ROW_NO.match(cells[0].strip()) else None
        return cells[:width], rn, False
    start = next((i for i in range(1, len(row)) if _value_like(row[i]) and not _ROW_NO.match(row[i].strip())
                  or (_value_like(row[i]) and i >= first)), None)
    if start is None:
        return cells[:width], None, False
    labels = list(row[:start])
    values = list(row[start:])
    out = [""] * width
    row_no = None
    label_cols = list(range(first))
    while labels and label_cols:
        out[label_cols.pop()] = labels.pop()
    if labels:
        extra = [x for x in labels if x.strip()]
        if extra and _ROW_NO.match(extra[0].strip()):
            row_no = extra.pop(0).strip()
        if extra:
            out[0] = " ".join(extra + [out[0]]).strip()
    for k, v in enumerate(values):
        if first + k < width:
            out[first + k] = v
    if roles[0].role == "row_no" and out[0] and _ROW_NO.match(out[0].strip()):
        row_no = row_no or out[0].strip()
    return out, row_no, True


def _numbers(cells_by_col: dict[int, list[Cell]]) -> dict[int, list[Cell]]:
    return {j: [c for c in cells if c.is_number] for j, cells in cells_by_col.items()}


class Interpreter:
    """Interpret the grids of one document with shared context (document year and number style)."""

    def __init__(self, document_year: int | None, document_style: str | None, plan_start: int | None = None,
                 sub_kegiatan_allowed: bool = False):
        self.document_year = document_year
        self.document_style = document_style
        self.plan_start = plan_start
        self.sub_kegiatan_allowed = sub_kegiatan_allowed

    # ---- common -------------------------------------------------------------------------------
    def interpret(self, grid: Grid, index: int) -> TableResult:
        """Classify one grid and extract its records."""
        n_header, anchor = header_length(grid.rows)
        width = grid.n_columns
        header = grid.rows[:n_header]
        label_rows = [r for k, r in enumerate(header) if k != anchor]
        roles = classify_columns(label_rows, width) if label_rows else []
        kind = table_kind(roles) if roles else "other"
        result = TableResult(index, grid, kind, n_header, roles)
        result.year = self._table_year(grid, roles)
        if kind == "other":
            result.notes.append(i18n.message("classify.note_other"))
            return result
        rows = self._data_rows(grid, n_header, header)
        if kind == "budget":
            self._budget(result, rows)
        else:
            self._indicator_table(result, rows)
        return result

    def _table_year(self, grid: Grid, roles: list[ColumnRole]) -> int | None:
        years = [r.year for r in roles if r.year and r.role in ("target", "realisasi", "capaian", "pagu")]
        if years:
            return Counter(years).most_common(1)[0][0]
        if grid.caption:
            m = re.findall(r"(?<!\d)(20\d{2})(?!\d)", grid.caption)
            if m:
                return int(m[-1])
        return self.document_year

    def _data_rows(self, grid: Grid, n_header: int, header: list[list[str]]) -> list[tuple[int, list[str]]]:
        out = []
        for i in range(n_header, len(grid.rows)):
            row = grid.rows[i]
            if not any(c.strip() for c in row) or is_column_number_row(row) or _row_is_repeated_header(row, header):
                continue
            out.append((i, row))
        return out

    def _styles(self, result: TableResult, aligned: list[list[str]]) -> dict[int, ColumnStyle]:
        cols = {j: [read_cell(r[j]) for r in aligned if j < len(r)] for j, role in enumerate(result.roles)
                if role.role in VALUE_ROLES}
        styles = column_styles(_numbers(cols), self.document_style)
        result.styles = styles
        return styles

    def _base(self, result: TableResult, i: int) -> dict:
        g = result.grid
        rec = {"source": source_of(g), "source_line": g.locations[i], "table_ref": result.ref,
               "_grid": result.index, "_row": i}
        flags = g.row_flags[i] if i < len(g.row_flags) else set()
        if "spans_pages" in flags:
            review(rec, None, "cross_page", "review.spans_pages")
        if "split_stacked" in flags:
            review(rec, None, "split_row", "review.split_stacked")
        if "rotated_text" in flags:
            review(rec, None, "rotated", "review.rotated")
        if "grid_rebuilt" in flags:
            review(rec, None, "grid_lines", "review.grid_rebuilt")
        return rec

    def _number(self, rec: dict, column: str, cell: Cell, style: ColumnStyle | None, table_style: str | None,
                money: bool = False) -> float | None:
        """Read a cell under its column's style; garbled and doubtful numbers go to review, never guessed."""
        if cell.garbled:
            review(rec, column, "garbled", "review.garbled", text=cell.text)
            return None
        if not cell.readings:
            return None
        chosen = fallback_for(style, table_style, self.document_style) if style else (self.document_style or "id")
        value = cell.value(chosen)
        if money and cell.number_text:
            frac = re.search(r"[.,](\d+)$", cell.number_text)
            reading = "id" if "id" in cell.readings and value == cell.readings["id"] else "en"
            sep = "," if reading == "id" else "."
            if frac and sep in cell.number_text and len(frac.group(1)) not in (2,) and value != int(value):
                review(rec, column, "garbled", "review.odd_fraction", text=cell.text, n=len(frac.group(1)))
                return None
        if cell.ambiguous and (style is None or style.decided_by in ("bawaan", "dokumen") or style.style == "mixed"):
            review(rec, column, "ambiguous", "review.ambiguous", text=cell.text, value=value,
                   style=i18n.message("review.style_id" if chosen == "id" else "review.style_en"),
                   decided_by=style.decided_by if style else i18n.message("review.default_word"),
                   other=next(v for v in cell.readings.values() if v != value))
        return value

    # ---- indicator tables: performance, multi-year, comparison -------------------------------
    def _indicator_table(self, result: TableResult, rows: list[tuple[int, list[str]]]) -> None:
        roles = result.roles
        aligned_rows = []
        for i, row in rows:
            if _is_section(row):
                aligned_rows.append((i, None, None, False, row))
                continue
            cells, row_no, realigned = align_row(row, roles)
            aligned_rows.append((i, cells, row_no, realigned, row))
        styles = self._styles(result, [a[1] for a in aligned_rows if a[1] is not None])
        table_style = None
        ids = sum(s.n_id for s in styles.values())
        ens = sum(s.n_en for s in styles.values())
        if ids != ens:
            table_style = "id" if ids > ens else "en"
        context: dict[str, str] = {}
        last_labels: dict[str, str] = {}
        records: dict[tuple, dict] = {}
        for i, cells, row_no, realigned, raw in aligned_rows:
            if cells is None:
                context["section"] = next(c for c in raw if c.strip()).strip()
                continue
            labels = {r.role: cells[j].strip() for j, r in enumerate(roles)
                      if r.role in LABEL_ROLES and cells[j].strip()}
            name = labels.get("indicator") or labels.get("kegiatan") or labels.get("program_kegiatan") or labels.get(
                "program") or labels.get("sasaran")
            has_values = any(cells[j].strip() for j, r in enumerate(roles) if r.role in VALUE_ROLES)
            if not has_values:
                if name:
                    last_labels = {**last_labels, **labels, "_name": name}
                continue
            inherited = False
            if not name:
                if not last_labels.get("_name"):
                    continue
                name = last_labels["_name"]
                inherited = not any(r.role == "period" for r in roles)
                last_labels["_pos"] = last_labels.get("_pos", 0) + 1
                labels = {**{k: v for k, v in last_labels.items() if k != "_name"}, **labels}
            else:
                for k in ("sasaran", "program"):
                    if k not in labels and k in last_labels and result.kind != "comparison":
                        labels[k] = last_labels[k]
                last_labels = {**labels, "_name": name}
            period_cell = next((cells[j] for j, r in enumerate(roles) if r.role == "period"), "")
            row_period = None
            if period_cell:
                from .headers import period_of
                row_period = period_of(period_cell)
            base = self._base(result, i)
            grid_loc = result.grid.locations[i]
            base.update(name=name, sasaran=labels.get("sasaran") or context.get("section"), unit=labels.get("unit"),
                        program=labels.get("program") if labels.get("program") != name else None, row_no=row_no,
                        _key=_key(name) + (f"#{grid_loc}" if inherited else ""))
            base["_label"] = name
            base["_pos"] = last_labels.get("_pos", 0) if inherited else 0
            if inherited:
                base["name"] = f"{name} (indikator berikutnya; namanya tidak tercetak di baris {grid_loc})"
            if realigned:
                review(base, None, "shifted", "review.realigned")
            if inherited:
                review(base, "name", "indicator_name", "review.inherited_name")
            if result.kind == "comparison":
                self._comparison_row(result, base, cells, styles, table_style)
                continue
            for j, role in enumerate(roles):
                if role.role not in ("target", "realisasi", "capaian", "year_value") or role.money:
                    continue
                text = cells[j].strip()
                if not text:
                    continue
                year = role.year or (self._plan_year(role.plan_year) if role.plan_year else None) or result.year
                period = role.period or (row_period if role.period is None and not re.search(
                    r"tahunan|tahun 20", role.label.lower()) else None) or "annual"
                if role.role == "year_value":
                    continue
                key = (base["_key"], year, period)
                rec = records.get(key)
                if rec is None:
                    rec = {**base, "year": year, "period": period, "_review": list(base.get("_review", []))}
                    if role.plan_year:
                        review(rec, "year", "plan_year", "review.plan_year_column", label=role.label,
                               plan_year=role.plan_year, year=year)
                    records[key] = rec
                cell = read_cell(text)
                column = {"target": "target", "realisasi": "realisasi", "capaian": "reported_capaian"}[role.role]
                if cell.missing:
                    continue
                if cell.mark:
                    if column == "target":
                        rec["target_text"] = text
                    review(rec, column, "check_mark", "review.check_mark", text=text)
                    continue
                if cell.stacked:
                    if column == "target":
                        rec["target_text"] = text
                    review(rec, column, "stacked", "review.stacked_pick", text=text)
                    continue
                if not cell.is_number:
                    if column == "target":
                        rec["target_text"] = text
                    continue
                if column == "target" and (cell.suffix.startswith("(") or len(cell.suffix.split()) > 1):
                    rec["target_text"] = text
                    continue
                if column == "reported_capaian":
                    rec["_cap_cell"] = (cell, styles.get(j), table_style)
                    continue
                value = self._number(rec, column, cell, styles.get(j), table_style)
                if value is not None:
                    rec[column] = value
                    if cell.suffix and not rec.get("unit"):
                        rec["_unit_guess"] = cell.suffix
                    if cell.percent and not rec.get("unit"):
                        rec["_unit_guess"] = "%"
        for rec in records.values():
            cap = rec.pop("_cap_cell", None)
            if cap is not None:
                cell, style, tstyle = cap
                frac = re.search(r"[.,](\d{1,2})$", cell.number_text or "")
                rec["_cap_decimals"] = len(frac.group(1)) if frac else 0
                if cell.garbled:
                    self._number(rec, "reported_capaian", cell, style, tstyle)
                elif cell.ambiguous:
                    value, how = resolve_percent(cell, fallback_for(style, tstyle, self.document_style) if style
                                                 else "id", rec.get("target"), rec.get("realisasi"))
                    rec["reported_capaian"] = value
                    review(rec, "reported_capaian", "ambiguous", "review.ambiguous_percent", text=cell.text,
                           value=value, how=how)
                else:
                    rec["reported_capaian"] = cell.value("id")
            values = [rec.get(k) for k in ("target", "realisasi", "reported_capaian")]
            if any(v is not None for v in values) or rec.get("target_text"):
                self._check_capaian(rec)
                result.performance.append(rec)
        self._check_ratio_repeats(result)

    def _plan_year(self, n: int | None) -> int | None:
        if n is None:
            return None
        return self.plan_start + n - 1 if self.plan_start else None

    def _check_capaian(self, rec: dict) -> None:
        t, r, c = rec.get("target"), rec.get("realisasi"), rec.get("reported_capaian")
        if t == 0 and rec.get("target_text") is None:
            review(rec, "target", "zero_target", "review.zero_target")
            return
        if t is None or r is None or c is None:
            return
        up = r / t * 100
        down = (2 - r / t) * 100 if t else None
        inverse = t / r * 100 if r else None
        # tolerance: the rounding of the printed figure (0,6 of its last digit), at least 0,05% of it
        tol = max(0.6 * 10 ** -rec.get("_cap_decimals", 0), 0.0005 * abs(c))
        if min(abs(c - x) for x in (up, down, inverse) if x is not None) > tol:
            review(rec, "reported_capaian", "capaian_mismatch", "review.capaian_mismatch", c=c, up=up)

    def _check_ratio_repeats(self, result: TableResult) -> None:
        """A capaian/ratio column that repeats realisasi: every row of the table (when no target is
        printed), or a row whose target is printed and is not 100 (then the ratio must differ)."""
        pairs = [(r.get("realisasi"), r.get("reported_capaian")) for r in result.performance]
        pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
        whole_table = len(pairs) >= 2 and all(abs(a - b) < 1e-9 for a, b in pairs)
        for rec in result.performance:
            t, r, c = rec.get("target"), rec.get("realisasi"), rec.get("reported_capaian")
            if r is None or c is None or abs(r - c) >= 1e-9 or r == 0:
                continue
            if whole_table or (t is not None and abs(t - 100) > 1e-9 and abs(t - r) > 1e-9):
                where = (i18n.message("review.where_every_row") if whole_table else
                         i18n.message("review.where_target", target=t))
                review(rec, "reported_capaian", "capaian_repeats", "review.capaian_repeats", where=where)

    def _comparison_row(self, result: TableResult, base: dict, cells: list[str], styles, table_style) -> None:
        for j, role in enumerate(result.roles):
            if role.role not in ("region", "benchmark"):
                continue
            text = cells[j].strip()
            cell = read_cell(text)
            if not text or cell.missing:
                continue
            year = role.year or result.year
            kind = "region" if role.role == "region" else role.bench_kind
            rec = {**base, "year": year, "kind": kind, "region": role.region if kind == "region" else None,
                   "_review": list(base.get("_review", []))}
            value = self._number(rec, "value", cell, styles.get(j), table_style) if cell.is_number and not (
                cell.suffix and cell.suffix != "%") else None
            rec["value"] = value
            if value is None:
                rec["value_text"] = text
            result.benchmarks.append(rec)

    # ---- budget tables -----------------------------------------------------------------------
    def _budget(self, result: TableResult, rows: list[tuple[int, list[str]]]) -> None:
        roles = result.roles
        width = len(roles)
        col = {name: [j for j, r in enumerate(roles) if r.role == name] for name in
               ("pagu", "realisasi", "capaian", "sisa", "program", "kegiatan", "program_kegiatan", "indicator",
                "row_no")}
        money_real = [j for j in col["realisasi"] if roles[j].money] or col["realisasi"]
        money_pct = [j for j in col["capaian"] if roles[j].money] or col["capaian"]
        groups = _budget_groups(roles, col["pagu"], money_real, money_pct, col["sisa"])
        value_cols = groups[0][1]
        padded = [(i, list(r) + [""] * (width - len(r))) for i, r in rows]
        cols_cells = {j: [read_cell(r[j]) for _, r in padded] for _, vc in groups for cols in vc.values() for j in cols}
        styles = column_styles(_numbers(cols_cells), self.document_style)
        result.styles = styles
        sub = any(r.role == "kegiatan" and r.sub for r in roles)
        funding = self._funding(result.grid.caption or "")
        program: str | None = None
        pending: list[dict] = []  # kegiatan named in a row whose values come in the following rows
        numbered_programs = False  # program rows carry plain row numbers (1, 2, ...)
        line_no = 0
        first_label = (col["program_kegiatan"] + col["kegiatan"] + col["program"] + col["indicator"] + [0])[0]
        coded = sum(1 for _, r in padded if _CODE.match(r[first_label].strip())) >= 2
        skipped_outputs = 0
        for i, row in padded:
            if coded:
                m = _CODE.match(row[first_label].strip())
                if not m:
                    skipped_outputs += any(row[j].strip() for _, vc in groups for js in vc.values() for j in js)
                    continue
                level = len(m.group(1).split("."))
                label = re.sub(r"\s+", " ", m.group(0)).strip()  # the code stays: it is the line's identity
                if level <= 2:  # urusan / bidang urusan: the sum of its programs
                    funding = self._funding(label) or funding
                    continue
                if level == 3:
                    program = label
                rec = self._budget_base(result, i, program, None if level == 3 else label, funding)
                rec["line_type"] = "program" if level == 3 else "kegiatan"
                if level >= 6:
                    if self.sub_kegiatan_allowed:
                        rec["line_type"] = "sub_kegiatan"
                    else:
                        review(rec, "line_type", "sub_kegiatan", "review.sub_kegiatan")
                line_no += 1
                self._emit_budget(result, rec, groups, row, styles, line_no)
                continue
            if _is_section(row):
                text = [c for c in row if c.strip()][-1].strip()
                funding = self._funding(text) or funding
                if _is_program(text):
                    program = text
                continue
            name_cols = col["program_kegiatan"] + col["kegiatan"] + col["program"] or col["indicator"]
            name_cells = [row[j].strip() for j in name_cols if row[j].strip() and not read_cell(row[j]).is_number]
            if col["program"] and col["kegiatan"] and row[col["program"][0]].strip():
                program = row[col["program"][0]].strip()
            kegiatan_cell = row[col["kegiatan"][0]].strip() if col["kegiatan"] else ""
            group_values = [(year, {k: row[js[0]].strip() if js else "" for k, js in vc.items()}, vc)
                            for year, vc in groups]
            values = group_values[0][1]
            shifted = False
            if len(groups) == 1 and value_cols["pagu"] and not read_cell(values["pagu"]).is_number:
                money = [j for j in range(width) if j not in value_cols["pagu"] and _is_money(row[j])]
                if len(money) == 1 and not any(values[k] for k in ("realisasi", "reported_pct", "reported_sisa")):
                    values["pagu"] = row[money[0]].strip()
                    shifted = True
                    texts = [row[j].strip() for j in range(money[0]) if row[j].strip() and not _value_like(row[j])
                             and row[j].strip().lower() not in ("sda", "s.d.a")
                             and not re.fullmatch(r"\d+\s+\w+", row[j].strip())]
                    kegiatan_cell = texts[-1] if texts else kegiatan_cell
                    name_cells = [kegiatan_cell] if kegiatan_cell else name_cells
            has_values = any(v for _, vals, _ in group_values for v in vals.values())
            total_cells = [row[j].strip() for j in sorted(set([0] + col["row_no"] + col["program"] + col["kegiatan"]
                                                                + col["program_kegiatan"])) if row[j].strip()]
            total = any(_TOTAL.match(t) and len(t) <= 40 for t in total_cells[:2])
            if col["kegiatan"] and not col["program_kegiatan"]:
                name = kegiatan_cell or None
            else:
                name = " ".join(name_cells) if name_cells else None
            if not has_values:
                if name and not total:
                    segments = _segments(name)
                    if _is_program(segments[0]):
                        program = segments[0]
                    if len(segments) > 1 or not _is_program(segments[0]):
                        kegs = segments[1:] if _is_program(segments[0]) else segments
                        pending = [self._budget_base(result, i, program, k, funding) for k in kegs]
                continue
            records = []
            review_program = False
            if name or total:
                segments = _segments(name or "")
                head_is_program = bool(segments) and _is_program(segments[0])
                number = row[col["row_no"][0]].strip() if col["row_no"] else ""
                plain_number = bool(re.fullmatch(r"\d{1,2}\.?", number))
                if head_is_program and plain_number and len(segments) == 1:
                    numbered_programs = True
                elif numbered_programs and plain_number and len(segments) == 1 and not total:
                    head_is_program = True  # numbered like the program rows above it: a program too
                    review_program = True
                if head_is_program:
                    program = segments[0]
                kegs = segments[1:] if head_is_program else segments
                if total:
                    rec = self._budget_base(result, i, None, None, funding)
                    rec["line_type"] = "total"
                    records = [rec]
                    pending = []
                elif not kegs:
                    rec = self._budget_base(result, i, program, None, funding)
                    rec["line_type"] = "program"
                    if review_program:
                        review(rec, "line_type", "line_type", "review.numbered_program")
                    records = [rec]
                else:
                    stacked = {k: read_cell(v).stacked for k, v in values.items()}
                    n = max((len(s) for s in stacked.values()), default=0)
                    if len(kegs) > 1 and n == len(kegs):
                        for k, keg in enumerate(kegs):
                            rec = self._budget_base(result, i, program, keg, funding)
                            review(rec, None, "split_row", "review.split_activities", n=n)
                            rec["_values"] = {key: (s[k] if len(s) == n else values[key]) for key, s in
                                              ((key, stacked[key] or [values[key]] * n) for key in values)}
                            records.append(rec)
                    else:
                        rec = self._budget_base(result, i, program, kegs[0], funding)
                        records = [rec]
                        pending = [self._budget_base(result, i, program, k, funding) for k in kegs[1:]]
            else:
                if pending:
                    rec = pending.pop(0)
                    rec["source_line"] = result.grid.locations[i]
                    review(rec, None, "no_name", "review.paired_previous")
                    records = [rec]
                else:
                    rec = self._budget_base(result, i, program, None, funding)
                    rec["line_type"] = "kegiatan"
                    review(rec, "kegiatan", "no_name", "review.budget_no_name")
                    records = [rec]
            indicator_text = " ".join(row[j].strip() for j in col["indicator"] if row[j].strip())
            for rec in records:
                if indicator_text and len(records) == 1:
                    rec["_indicator_text"] = indicator_text
                rec.setdefault("line_type", "kegiatan")
                if rec["line_type"] == "kegiatan" and sub:
                    if self.sub_kegiatan_allowed:
                        rec["line_type"] = "sub_kegiatan"
                    else:
                        review(rec, "line_type", "sub_kegiatan", "review.sub_kegiatan")
                if shifted:
                    review(rec, "pagu", "shifted", "review.pagu_shifted")
                stacked_values = rec.pop("_values", None)
                line_no += 1
                for g, (year, vals, vc) in enumerate(group_values):
                    out = rec if g == 0 else {**rec, "_review": list(rec.get("_review", []))}
                    if year is not None and year >= 1900:
                        out["year"] = year
                    elif year is not None:
                        out["year"] = self._plan_year(year) or result.year
                        review(out, "year", "plan_year", "review.plan_year_budget", plan_year=year, year=out["year"])
                    if g == 0 and stacked_values is not None:
                        vals = stacked_values
                    if g > 0 and not any(vals.values()):
                        continue
                    for column, text in vals.items():
                        js = vc[column]
                        cell = read_cell(text)
                        place = cell.suffix.lower().strip(".") not in ("", "rp", "rupiah", "%")
                        if cell.is_number and place:
                            continue  # "10 Kab / Kota": a place, not an amount
                        if not text or cell.missing or not (cell.is_number):
                            if cell.stacked:
                                review(out, column, "stacked", "review.stacked", text=text)
                            continue
                        out[column] = self._number(out, column, cell, styles.get(js[0]) if js else None, None,
                                                   money=column in ("pagu", "realisasi", "reported_sisa"))
                    out["line_no"] = line_no
                    result.budget.append(out)
        if skipped_outputs:
            result.notes.append(i18n.message("classify.note_skipped_outputs", n=skipped_outputs))
        self._check_budget(result)

    def _emit_budget(self, result: TableResult, rec: dict, groups, row: list[str], styles, line_no: int) -> None:
        """One budget record per year group of a coded row (``1.02.01 - PROGRAM ...``)."""
        for g, (year, vc) in enumerate(groups):
            out = rec if g == 0 else {**rec, "_review": list(rec.get("_review", []))}
            if year is not None:
                out["year"] = year if year >= 1900 else (self._plan_year(year) or result.year)
            vals = {k: row[js[0]].strip() if js else "" for k, js in vc.items()}
            if g > 0 and not any(vals.values()):
                continue
            for column, text in vals.items():
                cell = read_cell(text)
                if not text or cell.missing or not cell.is_number:
                    continue
                out[column] = self._number(out, column, cell, styles.get(vc[column][0]), None,
                                           money=column in ("pagu", "realisasi", "reported_sisa"))
            out["line_no"] = line_no
            result.budget.append(out)

    def link_plan_indicators(self, results: list[TableResult]) -> None:
        """Name performance rows labelled by a kegiatan with the indicator(s) the document's own plan
        table (Perjanjian Kinerja: indikator + kegiatan + anggaran in one row) gives that kegiatan.

        A row whose label matches a plan table's kegiatan (the same content words) takes the first
        indicator of that kegiatan; the unnamed rows right below it (``b.``, ``c.`` indicators whose
        names the table does not repeat) take the following ones. Every renamed row is reviewed.
        """
        plan: dict[str, list[str]] = {}
        for t in results:
            for rec in t.budget:
                text, keg = rec.get("_indicator_text"), rec.get("kegiatan")
                if text and keg:
                    parts = [p.strip(" ;,") for p in re.split(r"(?:^|\s)[a-e]\.\s*", text) if p.strip(" ;,")]
                    plan.setdefault(_key(re.sub(r"^\d+\.\s*", "", keg)), parts or [text])
        if not plan:
            return
        for t in results:
            for rec in t.performance:
                label_key = _key(rec.get("_label", ""))
                match = next((k for k in plan if _same_words(k, label_key)), None)
                if match is None:
                    continue
                names = plan[match]
                pos = rec.get("_pos", 0)
                if pos >= len(names):
                    continue
                rec["program"] = rec.get("_label")
                rec["name"] = names[pos][:300]
                rec["_key"] = _key(names[pos])
                review(rec, None, "indicator_name", "review.name_from_agreement", label=rec.get("_label"))

    def _budget_base(self, result: TableResult, i: int, program: str | None, kegiatan: str | None,
                     funding: str) -> dict:
        rec = self._base(result, i)
        rec.update(year=result.year, budget_table=result.ref, program=program, kegiatan=kegiatan,
                   funding_source=funding)
        return rec

    @staticmethod
    def _funding(text: str) -> str | None:
        s = text.lower()
        if "dekonsentrasi" in s:
            return "apbn_dekonsentrasi"
        if "tugas pembantuan" in s:
            return "apbn_tugas_pembantuan"
        if re.search(r"\bdak\b", s):
            return "dak"
        if "apbd" in s:
            return "apbd"
        return None

    def _check_budget(self, result: TableResult) -> None:
        for rec in result.budget:
            rec["funding_source"] = rec.get("funding_source") or "apbd"
            p, r, pct = rec.get("pagu"), rec.get("realisasi"), rec.get("reported_pct")
            if p and r is not None and pct is not None and abs(r / p * 100 - pct) > CAPAIAN_TOLERANCE:
                review(rec, "reported_pct", "serapan_mismatch", "review.serapan_mismatch", pct=pct,
                       computed=r / p * 100)
        for year in sorted({r.get("year") for r in result.budget}, key=lambda y: (y is None, y)):
            self._check_totals([r for r in result.budget if r.get("year") == year])

    @staticmethod
    def _check_totals(budget: list[dict]) -> None:
        lines = [r for r in budget if r["line_type"] != "total"]
        with_kegiatan = {r.get("program") for r in lines if r["line_type"] != "program"}
        parts = [r for r in lines if r["line_type"] != "program" or r.get("program") not in with_kegiatan]
        for total in (r for r in budget if r["line_type"] == "total"):
            for column in ("pagu", "realisasi"):
                values = [r.get(column) for r in parts if r["line_no"] < total["line_no"]]
                if total.get(column) is None or not values or any(v is None for v in values):
                    continue
                s = sum(values)
                if abs(s - total[column]) > 1:
                    review(total, column, "total_mismatch", "review.total_mismatch", column=column,
                           total=total[column], n=len(values), sum=s, diff=total[column] - s)


def _is_program(text: str) -> bool:
    """A program label, with or without its code (``Program X``, ``2.12.02 PROGRAM PENDAFTARAN``)."""
    return bool(re.match(r"^(?:[\dXx]+(?:\.[\dXx]+)*\.?\s+)?program\b", text.strip(), re.IGNORECASE))


def _budget_groups(roles: list[ColumnRole], pagu: list[int], realisasi: list[int], pct: list[int],
                   sisa: list[int]) -> list[tuple[int | None, dict[str, list[int]]]]:
    """Budget value columns, one group per year when the table has pagu columns of several years."""
    years = sorted({roles[j].year or roles[j].plan_year for j in pagu if roles[j].year or roles[j].plan_year})
    if len(years) < 2:
        return [(None, {"pagu": pagu[:1], "realisasi": realisasi[:1], "reported_pct": pct[:1],
                        "reported_sisa": sisa[:1]})]

    def of(cols: list[int], year: int) -> list[int]:
        return [j for j in cols if (roles[j].year or roles[j].plan_year) == year][:1]

    return [(year, {"pagu": of(pagu, year), "realisasi": of(realisasi, year), "reported_pct": of(pct, year),
                    "reported_sisa": of(sisa, year)}) for year in years]


def _is_money(text: str) -> bool:
    c = read_cell(text)
    return c.is_number and bool(re.fullmatch(r"\d{1,3}([.,]\d{3}){1,}([.,]\d{1,2})?", c.number_text or ""))


def _segments(name: str) -> list[str]:
    """A budget label split at its bullets: ``Program X ➢ Kegiatan A ➢ Kegiatan B`` -> 3 parts."""
    parts = [p.strip(" -–>") for p in _BULLET.split(name) if p and p.strip(" -–>")]
    return parts or [name]


def _same_words(a: str, b: str) -> bool:
    """Two keys with (almost) the same content words: at most one word differs on either side."""
    wa, wb = set(a.split()) - {"dan", "bagi", "yang"}, set(b.split()) - {"dan", "bagi", "yang"}
    return bool(wa) and len(wa ^ wb) <= 1 and len(wa & wb) >= 2


def _key(name: str) -> str:
    """Indicator identity within a document: lower-case words only."""
    return " ".join(re.findall(r"[a-z0-9]+", name.lower()))
