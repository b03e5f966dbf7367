"""PMKS (Penyandang Masalah Kesejahteraan Sosial) rates."""

from __future__ import annotations

import numpy as np

from .. import i18n
from ._vector import elementwise


def pmks_rate(numerator, denominator):
    """PMKS rate: ``numerator / denominator × 100`` (%).

    Used for the reduction IKU of Kalimantan Timur (PMKS handled / PMKS population,
    population 251.234 jiwa) and for PMKS mandiri of Hulu Sungai Selatan
    (PMKS mandiri / PMKS terdata: 10.249 / 16.982). A zero or missing denominator gives NaN.
    A negative denominator also gives NaN, and a missing numerator gives NaN.

    Parameters
    ----------
    numerator : float or pandas.Series
        PMKS counted (handled, mandiri, ...), in jiwa.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    denominator : float or pandas.Series
        PMKS population or PMKS terdata, in jiwa; read like ``numerator``.

    Returns
    -------
    float or pandas.Series
        Rate in percent (0–100 scale).
        A float for scalar inputs, else a Series named ``pmks_rate``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> round(pmks_rate(10249, 16982), 2)
    60.35
    >>> round(pmks_rate(705, 11638), 2)
    6.06
    """
    return elementwise(lambda n, d: np.where(d > 0, n / d * 100.0, np.nan), numerator, denominator, name="pmks_rate")


def pmks_handled_needed(population, target_pct):
    """PMKS to handle to reach a target rate: ``population × target_pct / 100``.

    The inverse of :func:`pmks_rate`. The example is the Kalimantan Timur PMKS IKU target of 1,5% a year
    (LKjIP Dinas Sosial Prov. Kalimantan Timur 2020) on its PMKS population of 251.234 jiwa.
    The result is not rounded; a missing input gives NaN.

    Parameters
    ----------
    population : float or pandas.Series
        PMKS population, in jiwa.
        Text is read as an Indonesian number (see :func:`~lkjip_analysis.formulas._vector.elementwise`).
    target_pct : float or pandas.Series
        Target rate, in percent (0–100 scale); read like ``population``.

    Returns
    -------
    float or pandas.Series
        Number of PMKS (jiwa) to handle.
        A float for scalar inputs, else a Series named ``pmks_needed``
        (see :func:`~lkjip_analysis.formulas._vector.elementwise`).

    Raises
    ------
    ValueError
        If Series inputs differ in length.

    Examples
    --------
    >>> pmks_handled_needed(251234, 1.5)
    3768.51
    """
    return elementwise(lambda p, t: p * t / 100.0, population, target_pct, name="pmks_needed")


#: Readable names of the PMKS measures of the embedded dataset, per language (a label when the
#: report does not state the numerator). A suffix ``_target`` / ``_vs_nasional`` adds a note.
MEASURE_LABELS = {
    "id": {
        "pmks_mandiri": "PMKS mandiri", "pmks_populasi": "populasi PMKS", "pmks_ditangani": "PMKS yang ditangani",
        "pmks_mampu_peran_sosial": "PMKS yang mampu melaksanakan peran sosialnya",
        "pmks_mendapat_bantuan": "PMKS yang mendapat bantuan", "pemberdayaan": "PMKS yang menerima pemberdayaan",
        "pelayanan": "PMKS yang menerima pelayanan", "rehabilitasi": "PMKS yang menerima rehabilitasi",
        "perlindungan": "PMKS yang menerima perlindungan", "psks_aktif": "PSKS aktif",
        "_target": " (target)", "_vs_nasional": " (terhadap target nasional)",
    },
    "en": {
        "pmks_mandiri": "self-reliant PMKS", "pmks_populasi": "PMKS population", "pmks_ditangani": "PMKS handled",
        "pmks_mampu_peran_sosial": "PMKS able to fulfil their social role",
        "pmks_mendapat_bantuan": "PMKS receiving assistance", "pemberdayaan": "PMKS receiving empowerment",
        "pelayanan": "PMKS receiving services", "rehabilitasi": "PMKS receiving rehabilitation",
        "perlindungan": "PMKS receiving protection", "psks_aktif": "active PSKS",
        "_target": " (target)", "_vs_nasional": " (against the national target)",
    },
}


def measure_label(measure: str, lang: str = "id") -> str:
    """A readable name for a PMKS ``measure`` code (never the code itself with underscores).

    >>> measure_label("pmks_mendapat_bantuan_vs_nasional")
    'PMKS yang mendapat bantuan (terhadap target nasional)'
    >>> measure_label("lansia_terlayani")
    'lansia terlayani'
    """
    labels = MEASURE_LABELS.get(lang, MEASURE_LABELS["id"])
    measure = str(measure)
    for suffix in ("_target", "_vs_nasional"):
        if measure.endswith(suffix) and measure[: -len(suffix)] in labels:
            return labels[measure[: -len(suffix)]] + labels[suffix]
    return labels.get(measure, measure.replace("_", " ").strip())


def pmks_labels(measure, numerator_label, denominator_label, lang: str = "id"):
    """Labels ``numerator / denominator`` of PMKS rows; a missing part is left out, never a dangling ``/``.

    A missing numerator label is the measure's readable name (:func:`measure_label`).

    >>> import pandas as pd
    >>> pmks_labels(pd.Series(["pmks_mandiri", "x_y"]), pd.Series(["PMKS mandiri", None]),
    ...             pd.Series([None, "jenis PMKS"])).tolist()
    ['PMKS mandiri', 'x y / jenis PMKS']
    """
    import pandas as pd

    out = []
    for m, n, d in zip(measure, numerator_label, denominator_label):
        n = str(n).strip() if pd.notna(n) and str(n).strip() else ""
        if not n or n.startswith("("):  # no label, or only a transcription note such as "(rumus ... hilang)"
            n = f"{measure_label(m, lang)} {n}".strip()
        out.append(f"{n} / {str(d).strip()}" if pd.notna(d) and str(d).strip() else n)
    return pd.Series(out, index=getattr(measure, "index", None), dtype="object")


def count_unit(*labels, lang: str = "id") -> str:
    """What a PMKS count counts, read from its labels: ``jenis`` (types) or ``jiwa`` (people).

    Banjarbaru's PMKS indicators count *jenis* PMKS (26 types nationally), not people.

    >>> count_unit("jenis PMKS target nasional RPJMN")
    'jenis'
    >>> count_unit("Jumlah populasi PMKS (jiwa)", lang="en")
    'people'
    """
    import pandas as pd

    kinds = any(pd.notna(x) and "jenis" in str(x).lower() for x in labels)
    return i18n.t("pmks.count_types" if kinds else "pmks.count_people", lang)
