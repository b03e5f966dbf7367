"""lkjip_analysis: analyse Indonesian government performance accountability reports (LKjIP/SAKIP).

Public API
----------
load_dataset, Dataset, parse_number, capaian, capaian_reason, kategori, serapan, sisa,
efisiensi, efisiensi_kategori, tingkat_kemajuan, yoy_change, pace_needed, pmks_rate,
predikat_akip, akip_total, capaian_table, audit, panel, extract (documents into a draft dataset), and the
exceptions.
"""

from .analysis.analysis import capaian_table, kategori_counts
from .checks.audit import audit, audit_summary
from .compare.panel import panel
from .config import VERSION as __version__
from .exceptions import (
    DatasetError,
    ExtractionError,
    GarbledNumberError,
    LkjipError,
    NumberParseError,
    ParamsError,
    PdfEngineError,
    Problem,
    ReportError,
    UnknownMethodError,
)
from .formulas.akip import akip_total, predikat_akip
from .formulas.budget import EFFICIENCY_METHODS, efisiensi, efisiensi_kategori, serapan, sisa
from .formulas.capaian import LOWER_METHODS, SCALES, capaian, capaian_reason, kategori
from .formulas.pmks import pmks_rate
from .formulas.trends import pace_needed, tingkat_kemajuan, yoy_change
from .io.extract import extract
from .io.loaders import Dataset, load_dataset, read_dataset
from .model.numbers import parse_number, parse_number_detail

__all__ = [
    "Dataset", "DatasetError", "EFFICIENCY_METHODS", "ExtractionError", "GarbledNumberError", "LOWER_METHODS", "LkjipError",
    "NumberParseError", "ParamsError", "PdfEngineError", "Problem", "ReportError", "SCALES", "UnknownMethodError",
    "__version__", "akip_total", "audit", "audit_summary", "capaian", "capaian_reason", "capaian_table", "efisiensi", "efisiensi_kategori", "extract",
    "kategori", "kategori_counts", "load_dataset", "pace_needed", "panel", "parse_number", "parse_number_detail",
    "pmks_rate", "predikat_akip", "read_dataset", "serapan", "sisa", "tingkat_kemajuan", "yoy_change",
]
