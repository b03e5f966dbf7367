"""One i18n module: every key in both languages with the same placeholders; text found by key only."""

from __future__ import annotations

import copy
import importlib

import pandas as pd
import pytest

from lkjip_analysis import i18n
from lkjip_analysis.report import context as report
from lkjip_analysis.report import plots, regional, sections

audit = importlib.import_module("lkjip_analysis.checks.audit")  # lkjip_analysis.audit/capaian are functions
capaian = importlib.import_module("lkjip_analysis.formulas.capaian")
from lkjip_analysis.exceptions import UnknownMethodError


def parity_problems(texts: dict[str, dict[str, str]], labels: dict[str, dict[str, dict[str, str]]]) -> list[str]:
    """Every key (or coded value) missing in a language, or whose placeholders differ between languages."""
    problems = []
    for lang in i18n.LANGS:
        for other in i18n.LANGS:
            problems += [f"text {k!r}: missing in {other}" for k in texts[lang] if k not in texts[other]]
    for key in texts[i18n.DEFAULT_LANG].keys() & texts["en"].keys():
        if i18n.placeholders(texts["id"][key]) != i18n.placeholders(texts["en"][key]):
            problems.append(f"text {key!r}: placeholders differ")
    for kind, by_lang in labels.items():
        for lang in i18n.LANGS:
            if lang not in by_lang:
                problems.append(f"label {kind!r}: no {lang}")
                continue
            for other in set(i18n.LANGS) & by_lang.keys():
                problems += [f"label {kind}/{c}: missing in {other}" for c in by_lang[lang] if c not in by_lang[other]]
        for code in by_lang.get("id", {}).keys() & by_lang.get("en", {}).keys():
            if i18n.placeholders(by_lang["id"][code]) != i18n.placeholders(by_lang["en"][code]):
                problems.append(f"label {kind}/{code}: placeholders differ")
    return problems


def test_every_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    assert len(i18n.TEXTS["id"]) > 200 and len(i18n.LABELS) > 15  # the tables are really here
    assert parity_problems(i18n.TEXTS, i18n.LABELS) == []


@pytest.mark.parametrize("damage, expected", [
    (lambda T, L: T["en"].pop("audit.zero_target"), "text 'audit.zero_target': missing in en"),
    (lambda T, L: T["id"].pop("plots.first_of"), "text 'plots.first_of': missing in id"),
    (lambda T, L: T["en"].__setitem__("plots.first_of", "first {n} of all"),
     "text 'plots.first_of': placeholders differ"),
    (lambda T, L: T["id"].__setitem__("error.unknown_agency", "agency_id {agency} tidak ada"),
     "text 'error.unknown_agency': placeholders differ"),
    (lambda T, L: L["value.severity"]["en"].pop("info"), "label value.severity/info: missing in en"),
    (lambda T, L: L["status"].pop("en"), "label 'status': no en"),
])
def test_the_parity_check_fails_when_a_key_or_placeholder_is_removed(damage, expected) -> None:
    texts, labels = copy.deepcopy(i18n.TEXTS), copy.deepcopy(i18n.LABELS)
    damage(texts, labels)
    assert parity_problems(texts, labels) == [expected]


def test_t_fills_placeholders_and_label_looks_up_codes() -> None:
    assert i18n.t("plots.first_of", "id", n=15, total=40) == "15 pertama dari 40"
    assert i18n.t("plots.first_of", "en", n=15, total=40) == "first 15 of 40"
    assert i18n.t("regional.detail_year", "EN", year=2020, years="2019, 2021") == (
        "no figure for 2020; years with figures: 2019, 2021")
    assert i18n.label("value.severity", "info", "id") == "catatan"
    assert i18n.label("value.kind", "national", "en") == "national target"
    assert i18n.label("value.kind", "kode-baru", "en") == "kode-baru"  # an unknown code is shown as itself
    assert i18n.label("status", "pdf_missing") == "tanpa PDF"
    assert i18n.placeholders("{shown} dari {total:,} baris, {name!r}") == {"shown", "total", "name"}
    with pytest.raises(UnknownMethodError, match="bahasa 'fr' tidak dikenal; pilihan: id, en"):
        i18n.t("plots.no_data", "fr")
    with pytest.raises(KeyError):
        i18n.t("plots.tidak_ada_kunci_ini", "id")


def test_module_tables_are_views_of_the_i18n_tables() -> None:
    assert plots.LABELS["en"]["no_data"] == i18n.t("plots.no_data", "en") == "No data"
    assert sections.T["id"].keys() == sections.T["en"].keys() and len(sections.T["id"]) >= 38
    assert regional.T["en"]["title"] == i18n.t("regional.title", "en")
    assert regional.REASONS["en"]["unit"] == "different unit"
    assert audit.MESSAGES["id"].keys() == audit.MESSAGES["en"].keys() and len(audit.MESSAGES["id"]) == 27
    assert report.HEADINGS["en"]["capaian_note"] == "Note"
    assert report.VALUE_LABELS["en"]["severity"] == {"error": "error", "warning": "warning", "info": "note"}
    assert i18n.labels("status", "id") == {"ok": "berhasil", "failed": "gagal", "pdf_missing": "tanpa PDF",
                                           "unchanged": "tidak berubah"}
    assert capaian.SCALES["permendagri86"].labels_in("en") == ("Very low", "Low", "Medium", "High", "Very high")
    assert capaian.kategori(90, scale="permendagri86", lang="en") == "High"  # 75 < 90 ≤ 90: Tinggi


def test_cells_are_translated_by_their_key_and_only_in_their_column() -> None:
    frame = pd.DataFrame({"capaian_note": [capaian.REASON_NOT_REPORTED, capaian.REASON_TARGET_TEXT, None],
                          "basis": ["laporan", "triwulan (last)", "laporan"],
                          "source": ["laporan", "laporan", "target nol"]})
    shown = report.format_table(frame, "en")
    assert shown["Note"].tolist() == ["actual not reported", "target is not a number", "-"]
    assert shown["Basis"].tolist() == ["report", "quarters (last)", "report"]
    # the same words in another column are data (a source's name), not texts of the library: left as they are
    assert shown[report.HEADINGS["en"]["source"]].tolist() == ["laporan", "laporan", "target nol"]
    assert report.format_table(frame, "id")["Keterangan"].tolist()[:2] == ["realisasi tidak dilaporkan",
                                                                           "target tidak numerik"]


def test_a_reworded_reason_keeps_its_translation(monkeypatch) -> None:
    """Rewording a reason in i18n changes the text the data holds and the text its translation is found by."""
    monkeypatch.setitem(i18n.TEXTS["id"], "reason.not_reported", "realisasi belum dilaporkan")
    assert i18n.cell_labels("capaian_note", "en")["realisasi belum dilaporkan"] == "actual not reported"
    shown = report.format_table(pd.DataFrame({"capaian_note": ["realisasi belum dilaporkan"]}), "en")
    assert shown.iloc[0, 0] == "actual not reported"


def test_no_module_keeps_its_own_id_en_table() -> None:
    """The per-module dictionaries are gone from the sources: their texts exist once, in i18n.py."""
    from pathlib import Path

    package = Path(i18n.__file__).parent
    for name in ("report/plots", "report/sections", "report/regional", "checks/audit", "report/context"):
        source = (package / f"{name}.py").read_text(encoding="utf-8")
        assert '"en": {' not in source, name
    assert "VALUES_EN" not in (package / "report" / "context.py").read_text(encoding="utf-8")
