"""Header rows of an extracted table, and what each column holds.

Header rows
-----------
The header is the run of rows at the top of a grid before the first *data row*; at most
:data:`MAX_HEADER_ROWS`. A row of column numbers (``1 2 3 ... 16`` or ``(1) (2) (3)``) ends the
header (it is an anchor, never data). A data row holds a number that is not a year in some cell
after the first (years such as ``2018`` and plan years ``1``..``5`` under a ``Tahun Ke-`` group
are header words); a *section row* (one text cell alone) below the first header row ends it too.

Column labels
-------------
Each column's label joins its header cells from top to bottom. A group cell (``Target
Triwulan``, ``Realisasi ... Tahun Ke-``, ``Keuangan``) is carried right over the empty cells
next to it while the row below has text there, so ``Target Triwulan`` / ``TW1`` gives
``Target Triwulan TW1``. Column numbers printed in the header (``Target (4)``) are dropped.

Column roles (:func:`classify_label`), first rule that matches
--------------------------------------------------------------
=================  ==================================================================
role               label (any case)
=================  ==================================================================
``row_no``         ``No``, ``No.``, ``Nomor``
``ignore``         ``lokasi``, ``keterangan``/``ket``, ``penjelasan``, ``alasan``, ``formulasi``,
                   ``sumber data``, ``penanggung jawab``, ``tingkat kemajuan``, ``efisiensi``,
                   ``% peningkatan/penurunan``, ``capaian s.d.`` (a baseline), ``bobot``,
                   ``rata-rata pertumbuhan``, mark columns (``Target SDGS``, ``IKK/IKU``, ``SPM``, ``(√)``)
``sisa``           ``sisa`` (money)
``pagu``           ``pagu``, ``alokasi``, ``anggaran``/``dpa`` without ``realisasi``/``%``
``capaian``        ``capaian``, ``rasio``, ``%``, ``persen(tase) capaian``, ``serapan``
``benchmark``      ``target`` with ``rpjmd``/``akhir`` (kind ``rpjmd_end``), ``renstra`` without a
                   year (``renstra_end``), or ``nasional``/``rpjmn`` (kind ``national``)
``target``         ``target`` (``target kinerja``, ``target 2020``, ``target triwulan tw1``,
                   ``Target Renstra ... Tahun ke-`` over its years: the plan's own targets)
``region``         ``realisasi`` or a bare name with ``kab.``/``kabupaten``/``kota``/``prov``
                   (another region's realisasi)
``realisasi``      ``realisasi``
``unit``           ``satuan``
``indicator``      ``indikator``, ``uraian``
``kegiatan``       ``sub kegiatan``, ``kegiatan``; ``program/kegiatan`` -> ``program_kegiatan``
``program``        ``program``
``sasaran``        ``sasaran``, ``tujuan``
``period``         ``triwulan``/``triwulanan``/``periode`` alone (the period is in the rows)
=================  ==================================================================

A label mentioning ``anggaran``, ``keuangan``, ``rp``, ``pagu``, ``alokasi`` or ``dana`` is a money
column (``money=True``): its ``realisasi`` is a budget realisasi and its ``%`` a serapan.
Years (``2020``) and quarters (``TW I``, ``TW-2``, ``Triwulan III``, ``Trw 4``) in a label set
``year`` / ``period``; ``Tahun Ke-3`` (or a bare ``3`` under such a group) sets ``plan_year``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from .numbers import read_cell

MAX_HEADER_ROWS = 4
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_PERIOD = re.compile(r"\b(?:tw|trw|triwulan|tri\s*wulan|kuartal|q)\s*[-.]?\s*(iv|iii|ii|i|[1-4])\b", re.IGNORECASE)
_PLAN_YEAR = re.compile(r"(?:tahun|thn)\s*ke\s*[-–]?\s*([1-9])\b", re.IGNORECASE)
_COLNUM = re.compile(r"^[(-]?\d{1,2}\)?(\s*[=(].*)?$")
_REGION = re.compile(r"\b(kab|kabupaten|kota|prov|provinsi|propinsi)\b\.?", re.IGNORECASE)
_MONEY = re.compile(r"anggaran|keuangan|\brp\b|pagu|alokasi|\bdana\b|belanja", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnRole:
    """What one column holds."""

    role: str
    label: str = ""
    year: int | None = None
    period: str | None = None
    plan_year: int | None = None
    money: bool = False
    region: str | None = None
    bench_kind: str | None = None
    sub: bool = False


def normalize(label: str) -> str:
    """Lower-case a header label, drop printed column numbers and collapse blanks.

    Examples
    --------
    >>> normalize("Target (4)")
    'target'
    >>> normalize("Realisasi\\n2020")
    'realisasi 2020'
    """
    s = re.sub(r"\(\s*\d{1,2}\s*\)", " ", label)
    s = re.sub(r"\$[^$]*\$", " ", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def period_of(label: str) -> str | None:
    """``TW1``..``TW4`` when the label names a quarter.

    Examples
    --------
    >>> period_of("Target Triwulan TW III"), period_of("Trw-2"), period_of("Realisasi 2020")
    ('TW3', 'TW2', None)
    """
    m = _PERIOD.search(label)
    if not m:
        return None
    q = m.group(1).lower()
    return f"TW{_ROMAN.get(q, q)}"


def is_column_number_row(cells: list[str]) -> bool:
    """A row of printed column numbers (``1 2 3 ...``, ``(1) (2) (3)``, ``6 (4-5)``): an anchor, not data.

    Examples
    --------
    >>> is_column_number_row(["1", "2", "3", "4", "5"])
    True
    >>> is_column_number_row(["(1)", "(2)", "(3)"])
    True
    >>> is_column_number_row(["1", "Cakupan PSKS", "75%", "100%"])
    False
    """
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 3:
        return False
    if not all(_COLNUM.match(c) for c in filled):
        return False
    nums = [int(re.match(r"[(-]?(\d+)", c).group(1)) for c in filled]
    if len(set(nums)) < len(nums) - 1:
        return False  # "1 2 3 1 2 3": plan years repeated per group, not column numbers
    increasing = sum(1 for a, b in itertools.pairwise(nums) if b > a)
    return increasing >= len(nums) - 2 and nums[0] <= 2


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(tahun\s*)?20\d{2}", text.strip().lower()))


def is_plan_year_row(cells: list[str]) -> bool:
    """Bare plan years under a ``Tahun Ke-`` group: single digits in runs ``1 2 3 4 5`` (repeated per group).

    Examples
    --------
    >>> is_plan_year_row(["", "Fungsi", "", "1", "2", "3", "1", "2", "3"])
    True
    >>> is_plan_year_row(["1", "Cakupan", "3", "5"])
    False
    """
    digits = [c.strip() for c in cells[1:] if re.fullmatch(r"\d", c.strip())]
    others = [c for c in cells[1:] if c.strip() and not re.fullmatch(r"\d", c.strip())]
    if len(digits) < 3 or any(read_cell(c).is_number for c in others):
        return False
    nums = [int(d) for d in digits]
    runs_from_one = all(b in (a + 1, 1) for a, b in itertools.pairwise(nums))
    return nums[0] == 1 and runs_from_one and max(nums) >= 3


def is_data_row(cells: list[str]) -> bool:
    """A row holding a number (not a year, not a column number) after its first cell."""
    if is_column_number_row(cells) or is_plan_year_row(cells):
        return False
    for c in cells[1:]:
        if not c or _is_year(c):
            continue
        cell = read_cell(c)
        if cell.is_number or cell.stacked or cell.mark:
            return True
    return False


def header_length(rows: list[list[str]]) -> tuple[int, int | None]:
    """Number of header rows at the top of ``rows``, and the index of a column-number row.

    Returns
    -------
    (n, anchor)
        Rows ``0..n-1`` are header (the anchor row, when present, is the last of them).
    """
    for i, cells in enumerate(rows[:MAX_HEADER_ROWS + 1]):
        if is_column_number_row(cells):
            return i + 1, i
        if is_data_row(cells):
            return i, None
        filled = [c for c in cells if c.strip()]
        if i >= 1 and len(filled) == 1 and len(cells) >= 3 and len(filled[0]) >= 10:
            return i, None  # a section row ("Urusan Bidang Sosial") right under the header
    return min(len(rows), 1), None


def column_labels(header: list[list[str]], width: int, carry: bool = True) -> list[str]:
    """One label per column from the header rows (group cells carried right; see module docstring)."""
    rows = [list(r) + [""] * (width - len(r)) for r in header]
    filled = [list(r) for r in rows]
    for k in range(len(rows) - 2, -1, -1):  # bottom-up: a group sees the carried labels below it
        row, below = rows[k], filled[k + 1]
        for j in range(width):
            if row[j]:
                continue
            left = next((i for i in range(j - 1, -1, -1) if row[i]), None)
            if not carry or left is None or not below[j]:
                continue
            # carry the group label over only while the row below runs on under it
            if all(below[i] for i in range(left, j + 1)):
                filled[k][j] = row[left]
    labels = []
    for j in range(width):
        parts = []
        for row in filled:
            text = re.sub(r"\s+", " ", row[j]).strip()
            if text and text not in parts:
                parts.append(text)
        labels.append(" ".join(parts))
    return labels


_IGNORE = re.compile(
    r"\blokasi\b|keterangan|^ket\.?$|penjelasan|alasan|formulasi|sumber data|penanggung ?jawab|"
    r"tingkat kemajuan|efisiensi|peningkatan ?/ ?penurunan|capaian s\.? ?d|\bbobot\b|^jenis kelamin|"
    r"nama dan alamat|\bprestasi\b|\btingkat\b$|^strategi|^kebijakan|rata-?\s?rata|pertumbu\s?han|"
    r"\bsdgs?\b|\bikk\b|\bspm\b|\bnspk\b|\blppd\b|\(√\)",
    re.IGNORECASE)


def classify_label(label: str) -> ColumnRole:
    """The role of one column from its label (rules in the module docstring).

    Examples
    --------
    >>> classify_label("Realisasi 2020").role, classify_label("Realisasi 2020").year
    ('realisasi', 2020)
    >>> r = classify_label("Target Triwulan TW2"); (r.role, r.period)
    ('target', 'TW2')
    >>> classify_label("Capaian (%)").role, classify_label("Rasio Capaian").role
    ('capaian', 'capaian')
    >>> classify_label("Alokasi Anggaran (Rp)").role, classify_label("Keuangan Realisasi (Rp)").money
    ('pagu', True)
    >>> classify_label("Realisasi Kab. Banjar").role
    'region'
    >>> classify_label("Target RPJMD Tahun 2021").bench_kind
    'rpjmd_end'
    """
    s = normalize(label)
    year_m = _YEAR.search(s)
    year = int(year_m.group(1)) if year_m else None
    period = period_of(s)
    plan = _PLAN_YEAR.search(s)
    plan_year = int(plan.group(1)) if plan else None
    if plan_year is None and re.search(r"(tahun|thn)\s*ke", s):
        bare = re.search(r"(?<![\d.,])([1-9])\s*$", s)
        plan_year = int(bare.group(1)) if bare else None
    if plan_year is None and year is None:
        bare = re.search(r"\b(?:tahun|thn)\s+([1-5])$", s)  # "Target Renstra Tahun" over "1 2 3 4 5"
        plan_year = int(bare.group(1)) if bare else None
    money = bool(_MONEY.search(s))
    base = {"label": label, "year": year, "period": period, "plan_year": plan_year, "money": money}

    def role(name: str, **kw) -> ColumnRole:
        return ColumnRole(name, **{**base, **kw})

    if re.fullmatch(r"\d*\s*(no\.?|nomor|nomer|no urut)", s):
        return role("row_no")
    if not s:
        return role("unknown")
    if _IGNORE.search(s):
        return role("ignore")
    if "sisa" in s:
        return role("sisa", money=True)
    if re.search(r"\bpagu\b|alokasi|\bdpa\b", s) or (re.search(r"anggaran", s) and not re.search(
            r"realisasi|%|persen|serapan|capaian", s)):
        return role("pagu", money=True)
    if re.match(r"(rasio|%|persen|serapan)", s) or (
            re.search(r"capaian|rasio|%|persen|serapan", s) and not re.search(r"^target|\brealisasi\b(?!.*%)", s)):
        return role("capaian")
    if "target" in s:
        yearly = year or plan_year or re.search(r"(tahun|thn)\s*ke", s)
        if re.search(r"rpjmd|akhir", s) or ("renstra" in s and not yearly):
            return role("benchmark", bench_kind="rpjmd_end" if "rpjmd" in s else "renstra_end")
        if re.search(r"nasional|rpjmn", s):
            return role("benchmark", bench_kind="national")
        return role("target")
    region = _REGION.search(s)
    if region and not re.search(r"indikator|program|kegiatan", s):
        name = label[region.start():] if region.start() < len(label) else label
        raw = re.sub(r"(?i)^.*?realisasi\s*(tahun\s*)?(20\d{2})?\s*", "", re.sub(r"\s+", " ", label)).strip()
        return role("region", region=raw or name.strip())
    if "realisasi" in s:
        return role("realisasi")
    if "satuan" in s:
        return role("unit")
    if re.search(r"indikator|uraian", s):
        return role("indicator")
    if re.search(r"program\s*/\s*kegiatan|program dan kegiatan", s):
        return role("program_kegiatan")
    if "kegiatan" in s:
        return role("kegiatan", sub="sub" in s)
    if "program" in s:
        return role("program")
    if re.search(r"sasaran|tujuan", s):
        return role("sasaran")
    if re.fullmatch(r"(triwulan(an)?|periode|tw)", s):
        return role("period")
    if plan_year or (year and re.fullmatch(r"(tahun\s*)?20\d{2}", s)):
        return role("year_value")
    return role("unknown")


TEXT_ROLES = ("row_no", "sasaran", "indicator", "program", "kegiatan", "program_kegiatan", "unit")


def classify_columns(header: list[list[str]], width: int) -> list[ColumnRole]:
    """Roles of every column from the header rows.

    Two corrections to the joined label (:func:`column_labels`):

    - a group label carried over a neighbour is dropped when the column's own header text names
      a text column (``Indikator`` / ``Kegiatan``: a label split over two rows beside a neighbour's);
    - in a value group, the column's lowest header word decides its role when it names another
      value (``Target dan Pagu Indikatif Tahun 2026`` over ``Target`` / ``Pagu``); year, period
      and money context still come from the group.
    """
    carried = column_labels(header, width)
    plain = column_labels(header, width, carry=False)
    rows = [list(r) + [""] * (width - len(r)) for r in header]
    leaves = [next((r[j].strip() for r in reversed(rows) if r[j].strip()), "") for j in range(width)]
    values = ("target", "realisasi", "capaian", "pagu", "sisa")
    roles = []
    for label, own_text, leaf in zip(carried, plain, leaves):
        role = classify_label(label)
        own = classify_label(own_text)
        if label != own_text and own.role in TEXT_ROLES:
            roles.append(own)
            continue
        lowest = classify_label(leaf)
        if len(rows) > 1 and leaf != label and lowest.role in values and lowest.role != role.role:
            role = replace(lowest, label=label, year=role.year or lowest.year, period=role.period or lowest.period,
                           plan_year=role.plan_year or lowest.plan_year,
                           money=lowest.money or (role.money and lowest.role != "target"))
        roles.append(role)
    return roles
