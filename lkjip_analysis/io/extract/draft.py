"""The draft dataset: template-format tables built from interpreted tables, plus the review list.

What goes where
---------------
- ``agencies``: one row; name, level and province from ``--name/--level/--province``, else from
  the document's cover/title text (:func:`guess_agency`), else a placeholder; always a review row.
- ``indicators``: one row per indicator name (same words = same indicator across tables). Guessed
  and defaulted cells get a review row each: polarity (``lower`` when the name says
  menurun/penurunan/turun/berkurang, or names what should go down: kematian, prevalensi,
  kesakitan, pengangguran, kemiskinan, stunting, gizi buruk; else ``higher``), unit (the Satuan column, else the unit
  printed after the numbers, else a placeholder), and tier / iku / quarter aggregation / sasaran
  defaults.
- ``performance``: one row per indicator-year-period. When two tables give the same
  indicator-year-period, the more complete (then self-consistent) row is kept and the other one
  is named in the review; values are never mixed between tables.
- ``budget``, ``benchmarks``: as interpreted; ``line_type`` ``sub_kegiatan`` when the schema knows it.
- ``review``: one row per question: ``sheet``, ``cell`` (``performance!F12``), ``kind``, ``message``,
  and where in the document to look (``source``, ``source_line``).

Required columns always hold a value (a default when the document has none) so the draft imports
as written; every default is a review row.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from ... import i18n
from ...model.schema import LEVELS, TABLES
from .classify import TableResult, review

PLACEHOLDER = "(belum diisi)"
LOWER_WORDS = re.compile(r"\b(menurun\w*|penurunan|turun\w*|berkurang\w*|pengurangan|menekan|ditekan|kematian|"
                         r"prevalensi|kesakitan|pengangguran|kemiskinan|stunting|gizi buruk)\b", re.IGNORECASE)
_AGENCY = re.compile(
    r"\b(dinas|badan|inspektorat|sekretariat(?: daerah| dprd)?|satuan polisi pamong praja|kantor|rsud)\s+"
    r"((?:[a-z&,]+\s+){0,5}?)(provinsi|prov\.?|kabupaten|kab\.?|kota)\s+"
    r"([a-z]+(?:\s+(?!tahun\b|ini\b|dalam\b|telah\b|yang\b|dan\b|adalah\b|sebagai\b|pada\b|untuk\b)[a-z]+){0,3})",
    re.IGNORECASE)
_LEVEL = {"provinsi": "provinsi", "prov": "provinsi", "kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*#_|]", " ", text))


def guess_agency(page_texts: list[str]) -> dict:
    """Agency name, level and province as the cover/title prints them (most frequent mention).

    Returns a dict with ``name``, ``level``, ``province`` (None when not found) and ``evidence``.

    Examples
    --------
    >>> guess_agency(["LAPORAN KINERJA TAHUN 2020 DINAS SOSIAL PROVINSI KALIMANTAN TIMUR"])["level"]
    'provinsi'
    """
    head = _flat(" ".join(page_texts[:3]))[:20000]
    found = Counter()
    for m in _AGENCY.finditer(head):
        level = _LEVEL[m.group(3).lower().rstrip(".")]
        region = m.group(4).strip()
        name = f"{m.group(1)} {m.group(2).strip()} {'Kabupaten' if level == 'kabupaten' else m.group(3)} {region}"
        found[(re.sub(r"\s+", " ", name).strip().title(), level, region.title())] += 1
    if not found:
        return {"name": None, "level": None, "province": None, "evidence": None}
    (name, level, region), _ = max(found.items(), key=lambda kv: (kv[1], len(kv[0][0])))
    province = region if level == "provinsi" else None
    if province is None:
        provs = Counter(m.group(1).title() for m in re.finditer(
            r"\b(?:[Pp]rovinsi|PROVINSI)\s+((?:[A-Z][A-Za-z]+)(?:\s+[A-Z][A-Za-z]+)?)", _flat(" ".join(page_texts))))
        province = provs.most_common(1)[0][0] if provs else None
    return {"name": name, "level": level, "province": province, "evidence": name}


def guess_year(page_texts: list[str]) -> int | None:
    """The report year: the first ``Tahun 20xx`` of the title/cover, else the most frequent one."""
    text = _flat(" ".join(page_texts[:2]))
    first = re.search(r"\btahun\s+(20\d{2})\b", text[:3000], re.IGNORECASE)
    if first:
        return int(first.group(1))
    years = Counter(int(y) for y in re.findall(r"\btahun\s+(20\d{2})\b", text, re.IGNORECASE))
    return years.most_common(1)[0][0] if years else None


def guess_plan_start(page_texts: list[str]) -> int | None:
    """First year of a plan period printed as ``2021-2026`` / ``2019 – 2023`` (most frequent)."""
    text = " ".join(page_texts)
    pairs = re.findall(r"\b(20\d{2})\s*[-–—]\s*(20\d{2})\b", text)
    spans = Counter(int(a) for a, b in pairs if 3 <= int(b) - int(a) <= 6)
    return spans.most_common(1)[0][0] if spans else None


def guess_polarity(name: str) -> str:
    """``lower`` when the indicator's name says it should go down, else ``higher``.

    Examples
    --------
    >>> guess_polarity("Menurunnya jumlah PMKS 1.5% pertahun"), guess_polarity("Cakupan PSKS")
    ('lower', 'higher')
    """
    return "lower" if LOWER_WORDS.search(name) else "higher"


def normalize_unit(text: str | None) -> str | None:
    """``Persen``/``Prosen``/``persen`` -> ``%``; other units as printed, stripped."""
    if not text:
        return None
    t = text.strip()
    if re.fullmatch(r"(?i)(persen|prosen|persentase|%|\(%\))", t):
        return "%"
    return t


def _guess_tier(rec: dict) -> str:
    rn = rec.get("row_no") or ""
    name = rec.get("name", "").lower()
    if name.startswith("program"):
        return "program"
    if re.fullmatch(r"\d+\.\d+\.?", rn):
        return "kegiatan"
    return "sasaran"


def _completeness(rec: dict) -> tuple[int, int]:
    n = sum(rec.get(k) is not None for k in ("target", "realisasi", "reported_capaian"))
    consistent = int(not any(kind == "capaian tidak cocok" for _, kind, _ in rec.get("_review", [])))
    return n, consistent


def _same_values(a: dict, b: dict) -> bool:
    return all(a.get(k) == b.get(k) for k in ("target", "realisasi", "reported_capaian", "target_text"))


class DraftBuilder:
    """Collect records from interpreted tables and turn them into the template's tables."""

    def __init__(self, agency_id: str, document_name: str, sub_kegiatan: bool):
        self.agency_id = agency_id
        self.document_name = document_name
        self.sub_kegiatan = sub_kegiatan
        self.document_review: list[dict] = []

    def note(self, kind: str, message: str, sheet: str = "-", cell: str = "-", source: str = "",
             source_line: str = "") -> None:
        """A review question about the whole document (not one cell).

        ``kind`` is a code of ``review.kind.*``; ``message`` an :class:`~lkjip_analysis.i18n.Message`
        (or a reader's note, itself one).
        """
        self.document_review.append({"sheet": sheet, "cell": cell, "kind": i18n.message(f"review.kind.{kind}"),
                                     "message": message, "source": source or self.document_name,
                                     "source_line": source_line})

    def build(self, results: list[TableResult], agency: dict,
              lang: str = "id") -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
        """Template tables (one DataFrame per sheet) and the review list (its ``kind`` and ``message`` in ``lang``)."""
        lang = i18n.check_lang(lang)
        perf = self._dedupe_performance([r for t in results for r in t.performance])
        indicators = self._indicators(perf + [r for t in results for r in t.benchmarks])
        key_to_id = {k: v["indicator_id"] for k, v in indicators.items()}
        rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        rows["agencies"].append(agency)
        for ind in indicators.values():
            rows["indicators"].append(ind)
        for rec in perf:
            rows["performance"].append({**rec, "indicator_id": key_to_id[rec["_key"]]})
        seen = set()
        for t in results:
            for rec in t.benchmarks:
                key = (key_to_id[rec["_key"]], rec["year"], rec["kind"], rec.get("region") or "")
                if key in seen:
                    continue
                seen.add(key)
                rows["benchmarks"].append({**rec, "indicator_id": key_to_id[rec["_key"]]})
            for rec in t.budget:
                rows["budget"].append(rec)
        tables = {}
        review_rows = [dict(row) for row in self.document_review]
        for name, table in TABLES.items():
            records = rows[name]
            frame_rows = []
            for k, rec in enumerate(records):
                out = {c: rec.get(c) for c in table.column_names}
                out["agency_id"] = self.agency_id
                out["source"] = out.get("source") or self.document_name
                frame_rows.append(out)
                for column, kind, message in rec.get("_review", []):
                    review_rows.append({"sheet": name, "cell": self.cell(name, k, column), "kind": kind,
                                        "message": message, "source": rec.get("source", self.document_name),
                                        "source_line": rec.get("source_line", "")})
            tables[name] = pd.DataFrame(frame_rows, columns=list(table.column_names))
        for row in review_rows:
            row["kind"], row["message"] = i18n.render(row["kind"], lang), i18n.render(row["message"], lang)
        review = pd.DataFrame(review_rows, columns=["sheet", "cell", "kind", "message", "source", "source_line"])
        return tables, review

    @staticmethod
    def cell(sheet: str, index: int, column: str | None) -> str:
        """Excel address of a draft cell: data rows start at row 4 (after names, descriptions, example)."""
        from openpyxl.utils import get_column_letter

        names = TABLES[sheet].column_names
        col = names.index(column) + 1 if column in names else 1
        return f"{sheet}!{get_column_letter(col)}{index + 4}"

    def _dedupe_performance(self, records: list[dict]) -> list[dict]:
        kept: dict[tuple, dict] = {}
        order: list[tuple] = []
        for rec in records:
            key = (rec["_key"], rec["year"], rec["period"])
            if key not in kept:
                kept[key] = rec
                order.append(key)
                continue
            old = kept[key]
            if _same_values(old, rec):
                continue
            winner, loser = (rec, old) if _completeness(rec) > _completeness(old) else (old, rec)
            kept[key] = winner
            values = ", ".join(f"{k}={loser.get(k):g}" for k in ("target", "realisasi", "reported_capaian")
                               if loser.get(k) is not None)
            review(winner, None, "other_table", "review.other_table", ref=loser["table_ref"],
                   line=loser["source_line"], values=values or loser.get("target_text"), winner=winner["table_ref"])
        return [kept[k] for k in order]

    def _indicators(self, records: list[dict]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for rec in records:
            key = rec["_key"]
            ind = out.get(key)
            if ind is None:
                ind = {"indicator_id": f"i{len(out) + 1:02d}", "name": rec["name"][:300], "sasaran": None,
                       "unit": None, "program": rec.get("program"), "source": rec["source"],
                       "source_line": rec["source_line"], "_periods": set(), "_review": [], "_unit_guess": None,
                       "_tier": _guess_tier(rec)}
                out[key] = ind
            ind["sasaran"] = ind["sasaran"] or rec.get("sasaran")
            ind["unit"] = ind["unit"] or normalize_unit(rec.get("unit"))
            ind["_unit_guess"] = ind["_unit_guess"] or normalize_unit(rec.get("_unit_guess"))
            if rec.get("period"):
                ind["_periods"].add(rec["period"])
        for ind in out.values():
            polarity = guess_polarity(ind["name"])
            ind["polarity"] = polarity
            why = i18n.message("review.polarity_lower" if polarity == "lower" else "review.polarity_default")
            review(ind, "polarity", "polarity", "review.polarity", polarity=polarity, why=why)
            if not ind["unit"]:
                if ind["_unit_guess"]:
                    ind["unit"] = ind["_unit_guess"]
                    review(ind, "unit", "unit", "review.unit_guessed", unit=ind["unit"])
                else:
                    ind["unit"] = PLACEHOLDER
                    review(ind, "unit", "default", "review.unit_missing")
            defaults = []
            if not ind["sasaran"]:
                ind["sasaran"] = PLACEHOLDER
                defaults.append("sasaran")
            quarterly = any(p.startswith("TW") for p in ind["_periods"])
            ind["quarter_aggregation"] = "last" if not quarterly else "per_quarter"
            ind["tier"] = ind["_tier"]
            ind["iku"] = "false"
            defaults += [f"quarter_aggregation={ind['quarter_aggregation']}",
                         i18n.message("review.guessed_tier", tier=ind["tier"]), "iku=false"]
            review(ind, "sasaran" if "sasaran" in defaults else "quarter_aggregation", "default", "review.defaults",
                   defaults=_Joined(defaults))
        return out


def agency_row(agency_id: str, document_name: str, guessed: dict, name: str | None, level: str | None,
               province: str | None, builder: DraftBuilder) -> dict:
    """The agencies row: options first, then the cover/title guess, else placeholders (all reviewed)."""
    row = {"agency_id": agency_id, "source": f"{document_name}, sampul/judul", "_review": []}
    for column, given, guess in (("name", name, guessed.get("name")), ("level", level, guessed.get("level")),
                                 ("province", province, guessed.get("province"))):
        if given:
            row[column] = given
        elif guess:
            row[column] = guess
            review(row, column, "agency", "review.from_cover", column=column, guess=guess)
        else:
            row[column] = "kabupaten" if column == "level" else PLACEHOLDER
            review(row, column, "default", "review.not_in_document", column=column)
    if row["level"] not in LEVELS:
        review(row, "level", "agency", "review.bad_level", level=row["level"], levels=", ".join(LEVELS))
    m = re.search(r"\b(?:dinas|badan)\s+([a-z]+)", str(row["name"]), re.IGNORECASE)
    row["sector"] = m.group(1).lower() if m else PLACEHOLDER
    review(row, "sector", "default", "review.sector_guess", sector=row["sector"])
    return row


class _Joined:
    """Items joined by ``", "``, each said in the language asked for (a field of a review question)."""

    def __init__(self, items: list):
        self.items = list(items)

    def __str__(self) -> str:
        return self.render(i18n.DEFAULT_LANG)

    def render(self, lang: str | None = i18n.DEFAULT_LANG) -> str:
        return ", ".join(i18n.render(item, lang) for item in self.items)


_ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_value(value):
    """``value`` as a workbook can hold it: control characters (which a document's text layer may carry)
    dropped from text, since openpyxl refuses them.

    >>> _cell_value("P\x02IRT"), _cell_value(3.5)
    ('PIRT', 3.5)
    """
    return _ILLEGAL_IN_XLSX.sub("", value) if isinstance(value, str) else value


def write_draft(path: str | Path, tables: dict[str, pd.DataFrame], review: pd.DataFrame,
                summary: list[str] | None = None, lang: str = "id") -> Path:
    """Write the draft workbook atomically: the template's sheets with data from row 4, plus ``review``.

    The workbook is the one ``lkjip template`` writes (same sheets, columns, descriptions, drop-down
    lists, instructions); numbers are numeric cells. ``lang``: language of the summary's title (the
    review and summary texts are written in their language already, :func:`~.api.extract`).
    """
    from openpyxl.styles import Font

    from ..template import save_workbook, template_workbook

    wb = template_workbook()
    for name, frame in tables.items():
        ws = wb[name]
        for i, row in enumerate(frame.itertuples(index=False), start=4):
            for j, value in enumerate(row, start=1):
                if value is None or (isinstance(value, float) and pd.isna(value)):
                    continue
                integer_column = TABLES[name].columns[j - 1].type == "integer"
                if isinstance(value, float) and value.is_integer() and integer_column:
                    value = int(value)
                ws.cell(row=i, column=j, value=_cell_value(value))
    ws = wb.create_sheet("review", 1)
    for j, col in enumerate(review.columns, start=1):
        ws.cell(row=1, column=j, value=col).font = Font(bold=True)
    for i, row in enumerate(review.itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            ws.cell(row=i, column=j, value=_cell_value(value))
    for letter, width in zip("ABCDEF", (12, 20, 20, 110, 40, 18)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if summary:
        info = wb["Petunjuk"]
        start = info.max_row + 2
        title = info.cell(row=start, column=1, value=i18n.t("extract.draft_title", lang))
        title.font = Font(bold=True)
        for k, line in enumerate(summary, start=1):
            info.cell(row=start + k, column=1, value=line)
    return save_workbook(wb, path)
