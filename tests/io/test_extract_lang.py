"""The draft's review sheet and summary in either language: texts by i18n key, the same questions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import lkjip_analysis
from lkjip_analysis import i18n
from lkjip_analysis.exceptions import UnknownMethodError

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def bjb():
    """Banjarbaru's LKjIP 2020 (seed 000) read in both languages."""
    path = SEEDS / "000_3343dd0cfd8df71b.txt"
    return {lang: lkjip_analysis.extract(path, agency_id="dinsos-kota-banjarbaru", lang=lang) for lang in ("id", "en")}


def test_same_questions_in_both_languages(bjb):
    ident, eng = bjb["id"].review, bjb["en"].review
    assert len(ident) == len(eng) > 10
    same = ["sheet", "cell", "source", "source_line"]
    pd.testing.assert_frame_equal(ident[same], eng[same])
    assert (ident["message"] != eng["message"]).all()  # every question has its English text


def test_the_total_slip_of_line_396_in_both_languages(bjb):
    """Line 396 prints total pagu 1.164.318.000; the five kegiatan above it add up to 1.164.318.500."""
    ident = bjb["id"].review[bjb["id"].review["source_line"] == "396"]
    eng = bjb["en"].review[bjb["en"].review["source_line"] == "396"]
    assert ident["kind"].tolist() == ["total tidak cocok"] and eng["kind"].tolist() == ["total mismatch"]
    assert ident["message"].iloc[0] == ("total pagu tercetak 1,164,318,000 tetapi jumlah 5 baris di atasnya "
                                        "1,164,318,500 (selisih -500) — dibiarkan seperti tercetak")
    assert eng["message"].iloc[0] == ("printed total pagu 1,164,318,000 but the 5 rows above add up to 1,164,318,500 "
                                      "(difference -500) — kept as printed")


def test_review_texts_are_plain_strings_of_the_language(bjb):
    assert all(type(v) is str for v in bjb["id"].review["message"])  # no Message objects in the frame
    kinds = set(bjb["en"].review["kind"])
    assert kinds <= {i18n.t(k, "en") for k in i18n.TEXTS["en"] if k.startswith("review.kind.")}


def test_summary_in_both_languages(bjb):
    ident, eng = bjb["id"].summary(), bjb["en"].summary()
    assert ident[0].startswith("Dokumen: 000_3343dd0cfd8df71b.txt (text, 1 hlm., ")
    assert eng[0].startswith("Document: 000_3343dd0cfd8df71b.txt (text, 1 p., ")
    assert bjb["en"].summary("id") == ident  # another language on request
    assert eng[-1] == f"Review questions: {len(bjb['en'].review)}"


def test_unknown_language_is_refused_before_reading():
    with pytest.raises(UnknownMethodError, match="bahasa 'fr' tidak dikenal"):
        lkjip_analysis.extract(SEEDS / "000_3343dd0cfd8df71b.txt", agency_id="x", lang="fr")


def test_a_message_keeps_its_key_through_joins_of_its_own_kind():
    m = i18n.message("review.polarity", polarity="lower", why=i18n.message("review.polarity_lower"))
    assert m == "polaritas ditebak 'lower' dari nama indikator (kata menurun/penurunan/turun)"
    assert m.render("en") == "polarity guessed 'lower' from the indicator's name (the words menurun/penurunan/turun)"
    assert i18n.render("teks biasa", "en") == "teks biasa"  # a plain text is shown as it is
