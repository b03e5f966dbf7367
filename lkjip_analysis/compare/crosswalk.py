"""Crosswalk: from each agency's own indicators to a small set of common measures.

Three files shipped with the package (``lkjip_analysis/data/crosswalk/``, documented in
``docs/data-model.md``) hold it:

``measures.csv``
    The common measures: ``id, name_id, name_en, unit, polarity, definition, source, keywords``
    (the five SPM Bidang Sosial services of Permensos 9/2018, PSKS participation, PMKS mandiri,
    PMKS reduction, IKM, AKIP score, budget absorption).
``map.csv``
    Explicit decisions for the embedded agencies: ``agency_id, indicator_id, indicator, measure,
    confidence, note``. ``measure`` ``-`` records a decision that the indicator has *no* common
    measure. An entry applies only while the indicator still has the name it was decided for.
``rules.csv``
    Name rules for agencies nobody has looked at: ``rule_id, measure, pattern, requires, excludes,
    confidence, note``. Regular expressions are matched against the normalised indicator name
    (lower case, accents removed, every run of non-alphanumeric characters one space): a rule
    matches when ``pattern`` matches, ``requires`` (if any) matches and ``excludes`` (if any) does
    not. Rules whose ``measure`` is ``-`` say the indicator belongs to another field (family
    planning, gender mainstreaming, health, education); they win over every other rule, so such an
    indicator stays unmapped. Otherwise the rule with the highest confidence wins; a rule for a
    measure of the other polarity counts half.

An agency's own crosswalk file (``--crosswalk FILE``; the format of ``map.csv``, ``indicator``,
``confidence`` and ``note`` optional) overrides both. :func:`suggest` lists what is unmapped or
mapped with low confidence, with the best candidates, for a person to confirm into that file.
"""

from __future__ import annotations

import logging
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import EMBEDDED_DATA_DIR
from ..exceptions import DatasetError, Problem
from ..i18n import message
from ..io.loaders import Dataset

logger = logging.getLogger(__name__)

CROSSWALK_DIR = EMBEDDED_DATA_DIR / "crosswalk"
MEASURE_COLUMNS = ["id", "name_id", "name_en", "unit", "polarity", "definition", "source"]
MAP_COLUMNS = ["agency_id", "indicator_id", "indicator", "measure", "confidence", "note"]
RULE_COLUMNS = ["rule_id", "measure", "pattern", "requires", "excludes", "confidence", "note"]
#: ``measure`` values that record "no common measure" in a map or crosswalk file.
NO_MEASURE = ("-", "none", "tidak ada")
#: Below this confidence a mapping is listed by :func:`suggest` for a person to confirm.
LOW_CONFIDENCE = 0.8
#: Columns :func:`resolve` returns.
RESOLVED_COLUMNS = ["agency_id", "indicator_id", "measure", "measure_confidence", "measure_basis", "measure_note"]

BASIS_FILE = "berkas"
BASIS_MAP = "peta"
BASIS_RULE = "aturan"
BASIS_NONE = "tanpa aturan yang cocok"


def normalise_name(names: pd.Series) -> pd.Series:
    """Indicator names as the rules see them: lower case, no accents, one space between words.

    Examples
    --------
    >>> normalise_name(pd.Series(["Persentase peserta KB-aktif (%)", "Indeks  Kepuasan"])).tolist()
    ['persentase peserta kb aktif', 'indeks kepuasan']
    """
    text = names.astype("object").where(names.notna(), "").astype(str)
    text = text.map(lambda s: unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii"))
    return text.str.lower().str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


_UNITS = {"%": "%", "persen": "%", "prosen": "%", "persentase": "%", "percent": "%", "orang": "orang",
          "jiwa": "orang", "org": "orang", "indeks": "indeks", "index": "indeks", "nilai": "nilai",
          "skor": "nilai", "poin": "nilai"}


def normalise_unit(units: pd.Series) -> pd.Series:
    """Units in one spelling so they can be compared: ``%``, ``orang``, ``indeks``, ``nilai``, else lower case.

    ``Persen``, ``(%)``, ``persentase`` become ``%``; ``Orang``, ``jiwa`` become ``orang``; a unit
    written as ``Nilai/Predikat`` counts as ``nilai``.

    Examples
    --------
    >>> normalise_unit(pd.Series(["Persen (%)", "Orang", "jiwa", "Nilai/Predikat", "KPM", None])).tolist()
    ['%', 'orang', 'orang', 'nilai', 'kpm', '']
    """
    text = units.astype("object").where(units.notna(), "").astype(str).str.strip().str.lower()
    percent = text.str.contains("%", regex=False) | text.str.fullmatch(r"pe?rsen(tase)?|prosen")
    first = text.str.split(r"[\s/()]+", regex=True).str[0].fillna("")
    mapped = first.map(_UNITS)
    out = mapped.where(mapped.notna(), text)
    return out.mask(percent.fillna(False).astype(bool), "%")


# --------------------------------------------------------------------------- shipped data


def _read_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DatasetError([Problem(str(path), None, c, None, message("problem.crosswalk_column"))
                            for c in missing], str(path))
    return frame


@lru_cache(maxsize=1)
def _measures() -> pd.DataFrame:
    return _read_csv(CROSSWALK_DIR / "measures.csv", MEASURE_COLUMNS)


def measures() -> pd.DataFrame:
    """The common measures (one row each): id, name_id, name_en, unit, polarity, definition, source, keywords.

    Examples
    --------
    >>> m = measures().set_index("id")
    >>> m.at["ikm", "unit"], m.at["spm_anak_terlantar", "source"].startswith("Permensos 9/2018")
    ('indeks', True)
    """
    return _measures().copy()


def embedded_map() -> pd.DataFrame:
    """The explicit decisions for the embedded agencies (``map.csv``), checked like an agency's own file."""
    return read_crosswalk(CROSSWALK_DIR / "map.csv")


@lru_cache(maxsize=1)
def _embedded_map() -> pd.DataFrame:
    return embedded_map()


@lru_cache(maxsize=1)
def _rules() -> pd.DataFrame:
    rules = _read_csv(CROSSWALK_DIR / "rules.csv", RULE_COLUMNS)
    rules["confidence"] = rules["confidence"].astype(float)
    return rules


def rules() -> pd.DataFrame:
    """The name rules (``rules.csv``), in the order they are listed; ``measure`` ``-`` = another field."""
    return _rules().copy()


def read_crosswalk(path: str | Path) -> pd.DataFrame:
    """Read an agency's crosswalk file (CSV, ``,`` or ``;`` separated) and check it.

    Columns: ``agency_id``, ``indicator_id``, ``measure`` (required), ``indicator``, ``confidence``
    (0–1, default 1), ``note`` (optional); other columns are ignored (so the output of
    ``lkjip crosswalk suggest --out`` can be filled in and used as it is). A row with an empty
    ``measure`` is not a decision and is skipped; ``-`` means "no common measure".

    Returns
    -------
    DataFrame with columns :data:`MAP_COLUMNS` (``confidence`` float, ``measure`` NA for "none").

    Raises
    ------
    DatasetError
        Listing every problem: file, row, column, value and what was expected.
    """
    path = Path(path)
    if not path.is_file():
        raise DatasetError([Problem(str(path), None, None, None, message("problem.crosswalk_file"))], str(path))
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=sep, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DatasetError([Problem(str(path), None, None, None,
                                    message("problem.crosswalk_csv", error=str(exc)))], str(path)) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    problems = [Problem(str(path), 1, c, None, message("problem.crosswalk_columns"))
                for c in ("agency_id", "indicator_id", "measure") if c not in frame.columns]
    if problems:
        raise DatasetError(problems, str(path))
    for col in ("indicator", "confidence", "note"):
        if col not in frame.columns:
            frame[col] = ""
    frame = frame[MAP_COLUMNS].apply(lambda s: s.str.strip())
    frame["row_number"] = np.arange(2, len(frame) + 2)
    frame = frame[frame["measure"] != ""]
    known = set(_measures()["id"])
    none = frame["measure"].str.lower().isin(NO_MEASURE)
    for row in frame[~none & ~frame["measure"].isin(known)].itertuples():
        problems.append(Problem(str(path), row.row_number, "measure", row.measure,
                                message("problem.crosswalk_measure", choices=", ".join(sorted(known)))))
    for col in ("agency_id", "indicator_id"):
        for row in frame[frame[col] == ""].itertuples():
            problems.append(Problem(str(path), row.row_number, col, "", message("problem.required_value")))
    conf = pd.to_numeric(frame["confidence"].str.replace(",", ".", regex=False), errors="coerce")
    bad = (frame["confidence"] != "") & (conf.isna() | (conf < 0) | (conf > 1))
    for row in frame[bad].itertuples():
        problems.append(Problem(str(path), row.row_number, "confidence", row.confidence,
                                message("problem.confidence")))
    dup = frame.duplicated(["agency_id", "indicator_id"], keep="first")
    for row in frame[dup].itertuples():
        problems.append(Problem(str(path), row.row_number, "indicator_id", row.indicator_id,
                                message("problem.crosswalk_duplicate", agency_id=row.agency_id)))
    if problems:
        raise DatasetError(sorted(problems, key=lambda p: p.row or 0), str(path))
    out = frame.drop(columns="row_number").reset_index(drop=True)
    out["confidence"] = conf.fillna(1.0).where(~none, np.nan).to_numpy()
    out["measure"] = out["measure"].where(~none.to_numpy(), None)
    return out


# --------------------------------------------------------------------------- rules


def rule_matches(names: pd.Series) -> pd.DataFrame:
    """Every rule that matches each name: a boolean frame, one row per name, one column per ``rule_id``.

    Examples
    --------
    >>> m = rule_matches(pd.Series(["Persentase peserta KB aktif", "Indeks Kepuasan Masyarakat"]))
    >>> bool(m.at[0, "bidang_kb"]), bool(m.at[1, "ikm"]), bool(m.at[0, "ikm"])
    (True, True, False)
    """
    norm = normalise_name(names.reset_index(drop=True))
    out = {}
    with warnings.catch_warnings():  # groups in a pattern are only alternatives
        warnings.filterwarnings("ignore", "This pattern is interpreted as a regular expression", UserWarning)
        for rule in _rules().itertuples():
            hit = norm.str.contains(rule.pattern, regex=True)
            if rule.requires:
                hit &= norm.str.contains(rule.requires, regex=True)
            if rule.excludes:
                hit &= ~norm.str.contains(rule.excludes, regex=True)
            out[rule.rule_id] = hit.to_numpy(dtype=bool)
    return pd.DataFrame(out, index=norm.index)


def _rule_scores(names: pd.Series, polarity: pd.Series) -> np.ndarray:
    """Confidence of each rule for each name (0 = no match), a rule of the other polarity counting half."""
    rules_ = _rules()
    hits = rule_matches(names).to_numpy(dtype=bool)
    conf = np.broadcast_to(rules_["confidence"].to_numpy(dtype=float), hits.shape).copy()
    m_pol = rules_["measure"].map(_measures().set_index("id")["polarity"]).to_numpy(dtype=object)
    pol = polarity.astype("object").fillna("higher").to_numpy(dtype=object)
    other = (m_pol[None, :] != pol[:, None]) & pd.notna(m_pol)[None, :]
    conf[other] *= 0.5
    return np.where(hits, conf, 0.0)


def apply_rules(indicators: pd.DataFrame) -> pd.DataFrame:
    """The measure the name rules give each indicator (vectorised over the distinct names).

    Parameters
    ----------
    indicators : DataFrame
        With columns ``name`` and ``polarity`` (as ``Dataset.indicators``).

    Returns
    -------
    DataFrame aligned with ``indicators`` (same index): measure (None when unmapped), measure_confidence,
    rule_id (the deciding rule, None when no rule matched), measure_note.

    Examples
    --------
    >>> ind = pd.DataFrame({"name": ["Indeks Kepuasan Masyarakat terhadap pelayanan Dinas Sosial",
    ...                              "Persentase peserta KB aktif"], "polarity": ["higher", "higher"]})
    >>> apply_rules(ind)[["measure", "rule_id"]].values.tolist()
    [['ikm', 'ikm'], [None, 'bidang_kb']]
    """
    rules_ = _rules()
    cols = ["measure", "measure_confidence", "rule_id", "measure_note"]
    if indicators.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "measure_confidence" else "object") for c in cols},
                            index=indicators.index)
    keys = pd.DataFrame({"name": indicators["name"].astype("object"),
                         "polarity": indicators["polarity"].astype("object")})
    keys = keys.fillna("")
    codes, uniques = pd.factorize(keys["name"].astype(str) + "\x00" + keys["polarity"].astype(str))
    parts = pd.Series(uniques, dtype="object").str.split("\x00", n=1)
    uniq = pd.DataFrame({"name": parts.str[0], "polarity": parts.str[1]})
    scores = _rule_scores(uniq["name"], uniq["polarity"])
    block = (rules_["measure"] == "-").to_numpy()
    blocked = (scores[:, block] > 0).any(axis=1)
    block_idx = np.where(blocked, np.argmax(scores * block[None, :], axis=1), -1)
    scores[:, block] = 0.0
    best = np.argmax(scores, axis=1)
    has = scores[np.arange(len(best)), best] > 0
    rid = rules_["rule_id"].to_numpy(dtype=object)
    msr = rules_["measure"].to_numpy(dtype=object)
    note = rules_["note"].to_numpy(dtype=object)
    measure = np.where(has & ~blocked, msr[best], None)
    confidence = np.where(has & ~blocked, scores[np.arange(len(best)), best], np.nan)
    rule_id = np.where(blocked, rid[np.maximum(block_idx, 0)], np.where(has, rid[best], None))
    notes = np.where(blocked, note[np.maximum(block_idx, 0)], np.where(has, note[best], None))
    pol_note = has & ~blocked & (scores[np.arange(len(best)), best] < rules_["confidence"].to_numpy()[best])
    notes = np.array([f"{n}; polaritas berlawanan dengan ukuran bersama" if p else n for n, p in zip(notes, pol_note)],
                     dtype=object)  # one per distinct name
    obj = {"dtype": "object", "index": indicators.index}
    return pd.DataFrame({"measure": pd.Series(measure[codes], **obj),
                         "measure_confidence": pd.Series(confidence[codes].astype(float), index=indicators.index),
                         "rule_id": pd.Series(rule_id[codes], **obj), "measure_note": pd.Series(notes[codes], **obj)})


# --------------------------------------------------------------------------- resolving


def _explicit(indicators: pd.DataFrame, table: pd.DataFrame, basis: str) -> pd.DataFrame:
    """Entries of ``table`` that apply to ``indicators`` (same ids and, when recorded, the same name)."""
    keys = ["agency_id", "indicator_id"]
    left = indicators[keys + ["name"]].astype("object").reset_index()
    merged = left.merge(table.astype({"agency_id": "object", "indicator_id": "object"}), on=keys, how="inner")
    same_name = (merged["indicator"].fillna("") == "") | (
        normalise_name(merged["indicator"]).to_numpy() == normalise_name(merged["name"]).to_numpy())
    stale = merged[~same_name.to_numpy()]
    if len(stale):
        logger.info(message("log.crosswalk_stale", n=len(stale), basis=basis, agency_id=stale["agency_id"].iloc[0],
                            indicator_id=stale["indicator_id"].iloc[0]))
    merged = merged[same_name.to_numpy()]
    return merged.set_index("index")


def resolve(ds: Dataset, crosswalk: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """The common measure of every indicator of the dataset, and how it was decided.

    Order of precedence: the agency's own crosswalk file (``crosswalk``), the embedded map
    (``map.csv``), the name rules (``rules.csv``).

    Parameters
    ----------
    ds : Dataset
    crosswalk : path, DataFrame (as :func:`read_crosswalk` returns) or None

    Returns
    -------
    DataFrame with columns :data:`RESOLVED_COLUMNS`, one row per indicator (``ds.indicators`` order):
    ``measure`` (None = no common measure), ``measure_confidence`` (0–1; NaN when unmapped),
    ``measure_basis`` (``berkas``, ``peta``, ``aturan <rule_id>`` or ``tanpa aturan yang cocok``),
    ``measure_note``.

    Examples
    --------
    >>> from lkjip_analysis import load_dataset
    >>> r = resolve(load_dataset()).set_index(["agency_id", "indicator_id"])
    >>> r.at[("dinsos-kab-hulu-sungai-selatan", "k2-1"), "measure"]
    'spm_anak_terlantar'
    """
    ind = ds.indicators
    out = apply_rules(ind)
    basis = np.where(out["rule_id"].notna(), BASIS_RULE + " " + out["rule_id"].fillna(""), BASIS_NONE)
    out = out.drop(columns="rule_id").assign(measure_basis=basis)
    layers = [(_embedded_map(), BASIS_MAP)]
    if crosswalk is not None:
        own = crosswalk if isinstance(crosswalk, pd.DataFrame) else read_crosswalk(crosswalk)
        label = BASIS_FILE if isinstance(crosswalk, pd.DataFrame) else f"{BASIS_FILE} {Path(crosswalk).name}"
        layers.append((own, label))
    for table, label in layers:
        hit = _explicit(ind, table, label)
        if hit.empty:
            continue
        idx = hit.index.to_numpy()
        out.loc[idx, "measure"] = hit["measure"].to_numpy(dtype=object)
        out.loc[idx, "measure_confidence"] = hit["confidence"].to_numpy(dtype=float)
        out.loc[idx, "measure_basis"] = label
        out.loc[idx, "measure_note"] = hit["note"].replace("", None).to_numpy(dtype=object)
    out.insert(0, "agency_id", ind["agency_id"].astype("object"))
    out.insert(1, "indicator_id", ind["indicator_id"].astype("object"))
    out["measure"] = out["measure"].astype("object").where(out["measure"].notna(), None)
    return out[RESOLVED_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- suggestions


def _keyword_scores(names: pd.Series) -> np.ndarray:
    """Share of each measure's keywords found in each name (0–1), for candidates no rule gives."""
    words = normalise_name(names).str.split().map(set).tolist()
    kw = [set(k.split()) for k in _measures()["keywords"].fillna("")]
    out = np.zeros((len(words), len(kw)))
    for j, k in enumerate(kw):
        if k:
            out[:, j] = [len(w & k) / len(k) for w in words]
    return out


def suggest(ds: Dataset, crosswalk: str | Path | pd.DataFrame | None = None, threshold: float = LOW_CONFIDENCE,
            n_candidates: int = 3) -> pd.DataFrame:
    """Indicators with no common measure or a low-confidence one, with their best candidates.

    For a person to confirm: fill in ``measure`` (a measure id, or ``-`` for none) and pass the file
    as ``--crosswalk``. Rows already decided explicitly (embedded map or the agency's file) as
    "no measure" are listed with status ``diputuskan: tidak ada ukuran`` after those still pending.

    Returns
    -------
    DataFrame: agency_id, indicator_id, indicator, unit, measure (empty, to fill), confidence (empty),
    note (empty), status, current_measure, current_confidence, current_basis, current_note, candidates
    (``id (keyakinan, dasar)`` separated by ``; ``).
    """
    res = resolve(ds, crosswalk)
    ind = ds.indicators.reset_index(drop=True)
    low = res["measure"].isna() | (res["measure_confidence"] < threshold)
    cols = ["agency_id", "indicator_id", "indicator", "unit", "measure", "confidence", "note", "status",
            "current_measure", "current_confidence", "current_basis", "current_note", "candidates"]
    if not low.any():
        return pd.DataFrame(columns=cols)
    sub = ind[low.to_numpy()]
    r = res[low.to_numpy()]
    rules_ = _rules()
    scores = _rule_scores(sub["name"], sub["polarity"])
    mapping = (rules_["measure"] != "-").to_numpy()
    kws = _keyword_scores(sub["name"])
    mids = _measures()["id"].tolist()
    blocked = r["measure_basis"].str.startswith(BASIS_RULE + " bidang_").to_numpy()
    cand = []
    for i in range(len(sub)):
        if blocked[i]:
            cand.append("")
            continue
        best: dict[str, tuple[float, str]] = {}
        for j in np.flatnonzero((scores[i] > 0) & mapping):
            m, c = rules_["measure"].iat[j], float(scores[i, j])
            if c > best.get(m, (0.0, ""))[0]:
                best[m] = (c, f"aturan {rules_['rule_id'].iat[j]}")
        for j in np.flatnonzero(kws[i] >= 0.3):
            c = round(0.5 * float(kws[i, j]), 2)
            if c > best.get(mids[j], (0.0, ""))[0]:
                best[mids[j]] = (c, "kata kunci")
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:n_candidates]
        cand.append("; ".join(f"{m} ({format(c, '.2f').replace('.', ',')}, {b})" for m, (c, b) in ranked))
    decided = r["measure_basis"].isin([BASIS_MAP]) | r["measure_basis"].str.startswith(BASIS_FILE)
    status = np.where(r["measure"].notna(), "keyakinan rendah: konfirmasi",
                      np.where(decided, "diputuskan: tidak ada ukuran",
                               np.where(blocked, "bidang lain: tidak dipetakan", "perlu keputusan")))
    out = pd.DataFrame({
        "agency_id": sub["agency_id"].astype("object").to_numpy(), "indicator_id": sub["indicator_id"].astype(
            "object").to_numpy(), "indicator": sub["name"].astype("object").to_numpy(),
        "unit": sub["unit"].astype("object").to_numpy(), "measure": "", "confidence": "", "note": "",
        "status": status, "current_measure": r["measure"].to_numpy(), "current_confidence": r[
            "measure_confidence"].to_numpy(), "current_basis": r["measure_basis"].to_numpy(),
        "current_note": r["measure_note"].to_numpy(), "candidates": cand})
    order = pd.Series(status).map({"keyakinan rendah: konfirmasi": 0, "perlu keputusan": 1,
                                   "bidang lain: tidak dipetakan": 2, "diputuskan: tidak ada ukuran": 3})
    out = out.iloc[np.argsort(order.to_numpy(), kind="stable")]
    return out[cols].reset_index(drop=True)
