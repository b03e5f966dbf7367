"""One exception hierarchy: every error class of the package derives from LkjipError; no bare raises.

The checks are functions run on the package and, to show they can fail, on small made-up code.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pickle
import pkgutil
import sys
import types
from pathlib import Path

import pytest

import lkjip_analysis
from lkjip_analysis import exceptions as ex

PACKAGE = Path(lkjip_analysis.__file__).parent

#: ``raise ValueError/KeyError/RuntimeError/TypeError(...)`` allowed here: internal invariants (a caller
#: inside the package got it wrong) and protocols of other libraries; (file, enclosing function).
ALLOWED_BARE_RAISES = {
    ("run/export.py", "fetch"): "WeasyPrint's URL-fetcher protocol: a fetcher signals a refused URL with ValueError",
    ("model/normalize.py", "_domain_values"): "schema lookup of a column that has no enum: an invariant",
    ("model/schema.py", "column"): "Mapping-like lookup of a schema column (KeyError is its protocol)",
    ("io/extract/grid.py", "__post_init__"): "a grid built with rows and locations that differ: an invariant",
}
BARE = {"ValueError", "KeyError", "RuntimeError", "TypeError"}


def package_modules() -> list[types.ModuleType]:
    modules = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="lkjip_analysis."):
        modules.append(importlib.import_module(info.name))
    return [lkjip_analysis, *modules]


def foreign_exceptions(modules) -> list[str]:
    """Exception classes defined in ``modules`` that do not derive from LkjipError."""
    bad = []
    for module in modules:
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__
                    and not issubclass(obj, ex.LkjipError)):
                bad.append(f"{module.__name__}.{name}")
    return bad


def bare_raises(source: str, filename: str) -> list[tuple[str, str, int]]:
    """``(file, function, line)`` of every ``raise ValueError/KeyError/RuntimeError/TypeError(...)`` in ``source``."""
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Raise) and child.exc is not None:
                target = child.exc.func if isinstance(child.exc, ast.Call) else child.exc
                if isinstance(target, ast.Name) and target.id in BARE:
                    found.append((filename, function, child.lineno))
            visit(child, inner)

    visit(ast.parse(source), "<module>")
    return found


def test_the_package_defines_exception_classes_and_all_derive_from_lkjip_error() -> None:
    modules = package_modules()
    defined = [obj for m in modules for obj in vars(m).values()
               if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == m.__name__]
    names = {c.__name__ for c in defined}
    # the walk reaches every module that defines errors (not only exceptions.py)
    assert {"ChromiumError", "ChromiumCrashedError", "ChromiumNotFoundError", "KernelCallError", "PanelFormatError",
            "UnknownAgencyError", "OptionalDependencyError", "PageRangeError"} <= names
    assert len(defined) >= 30
    assert foreign_exceptions(modules) == []


def test_the_class_check_fails_when_a_base_class_is_removed() -> None:
    fake = types.ModuleType("lkjip_analysis.fake")

    class StillOk(ex.LkjipError, RuntimeError):
        pass

    class LostItsBase(RuntimeError):  # e.g. ChromiumError as it was
        pass

    for cls in (StillOk, LostItsBase):
        cls.__module__ = fake.__name__
        setattr(fake, cls.__name__, cls)
    assert foreign_exceptions([fake]) == ["lkjip_analysis.fake.LostItsBase"]


def test_chromium_and_kernel_errors_are_package_errors_not_runtime_errors() -> None:
    from lkjip_analysis.run.chromium import ChromiumCrashedError, ChromiumError, ChromiumNotFoundError
    from lkjip_analysis.run.kernels import KernelCallError

    for cls in (ChromiumError, ChromiumCrashedError, KernelCallError):
        assert issubclass(cls, ex.LkjipError) and not issubclass(cls, RuntimeError)
    assert issubclass(ChromiumNotFoundError, ex.OptionalDependencyError) and issubclass(ChromiumNotFoundError,
                                                                                         ImportError)


def test_no_bare_value_key_runtime_or_type_error_is_raised_outside_the_allow_list() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += bare_raises(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    outside = [f for f in found if (f[0], f[1]) not in ALLOWED_BARE_RAISES]
    assert outside == []
    assert {(f, fn) for f, fn, _ in found} == set(ALLOWED_BARE_RAISES)  # no stale entry in the allow-list


def test_the_raise_scan_finds_bare_raises() -> None:
    source = ("def lookup(x):\n    if x:\n        raise KeyError(f'{x} tidak ada')\n    raise ValueError\n"
              "def fine():\n    raise ex.ParamsError('x')\n")
    assert bare_raises(source, "m.py") == [("m.py", "lookup", 3), ("m.py", "lookup", 4)]


# --------------------------------------------------------------------------- user-reachable errors, typed


def test_unknown_agency_is_a_typed_key_error_in_both_languages(tmp_path: Path) -> None:
    from lkjip_analysis.report import sections

    with pytest.raises(ex.UnknownAgencyError) as caught:
        sections.setup("dinsos-tidak-ada", 2020, output_dir=str(tmp_path))
    error = caught.value
    assert isinstance(error, KeyError) and isinstance(error, ex.LkjipError)
    assert str(error) == "agency_id 'dinsos-tidak-ada' tidak ada di dataset"  # no KeyError quotes around it
    assert error.message_en == "agency_id 'dinsos-tidak-ada' is not in the dataset"


def test_unknown_table_of_a_dataset() -> None:
    ds = lkjip_analysis.load_dataset()
    with pytest.raises(ex.UnknownTableError, match="tabel tidak dikenal: 'kinerja'; tabel: agencies"):
        ds["kinerja"]
    with pytest.raises(KeyError):  # a Dataset is still used like a mapping
        ds["kinerja"]


@pytest.mark.parametrize("call, kind_id, kind_en", [
    (lambda: __import__("lkjip_analysis.checks.audit", fromlist=["x"]).audit(lkjip_analysis.load_dataset(), severity="fatal"),
     "tingkat", "severity"),
    (lambda: lkjip_analysis.parse_number("1,5", decimal=";"), "pemisah desimal", "decimal separator"),
    (lambda: __import__("lkjip_analysis.formulas.trends", fromlist=["x"]).quarterly_progress(None, "average"),
     "agregasi", "aggregation"),
    (lambda: lkjip_analysis.kategori(95.0, scale="skala-x"), "skala kategori", "category scale"),
])
def test_unknown_choices_are_typed_value_errors_with_the_choices(call, kind_id, kind_en) -> None:
    with pytest.raises(ex.UnknownMethodError) as caught:
        call()
    error = caught.value
    assert isinstance(error, ValueError)
    assert str(error).startswith(kind_id) and "tidak dikenal; pilihan: " in str(error)
    assert error.render("en").startswith(f"unknown {kind_en} ") and "; choices: " in error.render("en")


def test_bad_arguments_of_synth_akip_template_and_plots() -> None:
    from lkjip_analysis.io import synth, template
    from lkjip_analysis.report import plots
    with pytest.raises(ex.InvalidArgumentError, match="minimal 1") as caught:
        synth.make_synthetic(0, 3)
    assert caught.value.message_en == "agencies and years must be at least 1"
    with pytest.raises(ex.InvalidArgumentError, match="antara 0 dan 100, bukan 120.0"):
        lkjip_analysis.predikat_akip([50.0, 120.0])
    import pandas as pd

    with pytest.raises(ex.InvalidArgumentError, match="panjang Series berbeda: 2 dan 3") as caught:
        lkjip_analysis.capaian(pd.Series([1.0, 2.0]), pd.Series([1.0, 2.0, 3.0]))
    assert caught.value.message_en == "Series lengths differ: 2 and 3"
    with pytest.raises(ex.InvalidArgumentError, match="harus slug"):
        template.write_template("/nonexistent/t.xlsx", agency_id="Dinas Sosial")
    with pytest.raises(ex.UnknownMethodError, match="tingkat pemerintahan 'desa'"):
        template.write_template("/nonexistent/t.xlsx", level="desa")
    import pandas as pd

    with pytest.raises(ex.MissingColumnsError) as caught:
        plots.plot_ranking(pd.DataFrame({"agency": ["a"]}), column="capaian")
    assert isinstance(caught.value, ValueError) and "kolom tidak ada: capaian" in str(caught.value)
    assert caught.value.message_en == "plot_ranking: missing columns: capaian"
    with pytest.raises(ex.ArgumentTypeError) as caught:
        plots.save_figure("bukan figure", "/tmp/x.png")
    assert isinstance(caught.value, TypeError) and caught.value.message_en.startswith("fig must be")


def test_missing_dask_or_fsspec_is_typed_with_the_install_hint(monkeypatch) -> None:
    from lkjip_analysis.run import distributed

    monkeypatch.setitem(sys.modules, "distributed", None)  # import raises ImportError
    with pytest.raises(ex.DependencyMissingError) as caught:
        distributed.require_dask()
    error = caught.value
    assert isinstance(error, ex.ReportError) and isinstance(error, ex.OptionalDependencyError)
    assert isinstance(error, ImportError) and error.package == "distributed"
    assert str(error).startswith("distributed tidak terpasang (") and "pip install 'lkjip-analysis[dask]'" in str(error)
    assert error.message_en.startswith("distributed is not installed (")
    assert pickle.loads(pickle.dumps(error)).message_en == error.message_en  # crosses process boundaries


def test_missing_weasyprint_is_typed_with_the_install_hint(monkeypatch, tmp_path: Path) -> None:
    from lkjip_analysis.run.export import write_pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(ex.WeasyPrintMissingError) as caught:
        write_pdf("<p>x</p>", tmp_path / "r.pdf", engine="weasyprint")
    error = caught.value
    assert isinstance(error, ex.PdfEngineError) and isinstance(error, ex.OptionalDependencyError)
    assert "pip install weasyprint" in str(error) and error.message_en.startswith("No PDF made: WeasyPrint")


def test_missing_chromium_is_typed_with_the_install_hint(monkeypatch) -> None:
    from lkjip_analysis.run import chromium

    monkeypatch.setenv(chromium.ENV_BINARY, "")
    with pytest.raises(chromium.ChromiumNotFoundError) as caught:
        chromium.Chromium().start()
    assert isinstance(caught.value, chromium.ChromiumError) and caught.value.package == "Chromium"
    assert "apt-get install chromium-headless-shell" in caught.value.message_en
    assert caught.value.message_en.startswith("Chromium was not found; ")


def test_dataset_error_renders_in_english_too() -> None:
    error = ex.DatasetError([ex.Problem("performance.csv", 7, "target", "12,5x", "angka")], path="data/")
    assert str(error) == ("Dataset data/ tidak valid: 1 masalah\n"
                          "  - performance.csv, baris 7, kolom 'target': nilai '12,5x' — angka")
    assert error.render("en") == ("Dataset data/ is invalid: 1 problems\n"
                                  "  - performance.csv, row 7, column 'target': value '12,5x' — angka")


@pytest.mark.parametrize("error", [
    ex.UnknownAgencyError.from_key("error.unknown_agency", agency_id="'x'"),
    ex.InvalidArgumentError.from_key("error.synth_years", count=5),
    ex.UnknownMethodError("severity", "fatal", ("error", "warning")),
    ex.OptionalDependencyError.missing("fsspec", "pip install fsspec", "No module named 'fsspec'"),
])
def test_new_errors_pickle_with_their_english_text(error) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error) and copy.message_en == error.message_en
    assert copy.message_en != str(copy)
