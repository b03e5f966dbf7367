"""Why a report failed, in the run summary's language (``RunSummary.format("en")``).

``execute_report`` and ``crashed`` record the reason as an i18n message: the manifest keeps its
Indonesian text (a plain string in JSON), the summary says it in Indonesian or English, and the
result still pickles (it crosses process boundaries). No kernel is started: the notebook step is
replaced by one that fails as papermill does.
"""

from __future__ import annotations

import json
import pickle

from papermill.exceptions import PapermillExecutionError

from lkjip_analysis.run import jobs, runner
from lkjip_analysis.run.jobs import STATUS_FAILED, STATUS_PDF_MISSING, ReportJob, crashed, execute_report
from lkjip_analysis.run.params import ReportParams

PARAMS = ReportParams(source="a.yaml", notebook="agency_report", notebook_path="nb.ipynb", agency_id="dinas-a",
                      year=2021)


def _job(tmp_path, **kw) -> ReportJob:
    return ReportJob(PARAMS, str(tmp_path / "staging" / "dinas-a-2021"), **kw)


def _failed_line(result, tmp_path, lang: str) -> str:
    return runner.RunSummary([result], tmp_path / "out").format(lang).splitlines()[1]


def test_a_failing_cell_in_both_languages(tmp_path, monkeypatch):
    def fails(job, staging, result=None):
        raise PapermillExecutionError(cell_index=3, exec_count=4, source="1/0", ename="ZeroDivisionError",
                                      evalue="division by zero", traceback=[])

    monkeypatch.setattr(jobs, "_run_notebook", fails)
    result = execute_report(_job(tmp_path))
    assert result.status == STATUS_FAILED and (result.ename, result.cell) == ("ZeroDivisionError", 3)
    assert result.error == "ZeroDivisionError: division by zero (sel [4])"  # the manifest's text
    assert _failed_line(result, tmp_path, "en") == "  FAILED dinas-a 2021 [a.yaml]: ZeroDivisionError: division by " \
                                                   "zero (cell [4])"
    assert _failed_line(result, tmp_path, "id") == "  GAGAL dinas-a 2021 [a.yaml]: ZeroDivisionError: division by " \
                                                   "zero (sel [4])"
    copy = pickle.loads(pickle.dumps(result))  # results travel back from worker processes
    assert _failed_line(copy, tmp_path, "en") == _failed_line(result, tmp_path, "en")
    assert json.loads(json.dumps({"error": result.error})) == {"error": "ZeroDivisionError: division by zero (sel [4])"}


def test_a_failing_export_in_both_languages(tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "_run_notebook", lambda job, staging, result=None: (1, object()))

    def broken(nb, title=None):
        raise RuntimeError("templat rusak")

    monkeypatch.setattr(jobs, "notebook_to_html", broken)
    result = execute_report(_job(tmp_path))
    assert result.status == STATUS_FAILED
    assert result.error == "ekspor gagal: RuntimeError: templat rusak"
    assert _failed_line(result, tmp_path, "en") == "  FAILED dinas-a 2021 [a.yaml]: export failed: RuntimeError: " \
                                                   "templat rusak"


def test_a_missing_pdf_engine_in_both_languages(tmp_path, monkeypatch):
    from lkjip_analysis.exceptions import PdfEngineError

    monkeypatch.setattr(jobs, "_run_notebook", lambda job, staging, result=None: (1, object()))
    monkeypatch.setattr(jobs, "notebook_to_html", lambda nb, title=None: "<html></html>")

    def no_engine(html, path, base_url=None, engine="auto"):
        raise PdfEngineError.from_key("run.weasyprint_failed", detail="OSError: libpango-1.0-0")

    monkeypatch.setattr(jobs, "write_pdf", no_engine)
    result = execute_report(_job(tmp_path, formats=("html", "pdf")))
    assert result.status == STATUS_PDF_MISSING
    lines = runner.RunSummary([result], tmp_path / "out").format("en").splitlines()
    assert lines[1] == "  NO PDF dinas-a 2021 [a.yaml]: WeasyPrint failed to make the PDF: OSError: libpango-1.0-0"
    assert runner.RunSummary([result], tmp_path / "out").format().splitlines()[1] == (
        "  TANPA PDF dinas-a 2021 [a.yaml]: PDF gagal dibuat oleh WeasyPrint: OSError: libpango-1.0-0")
    copy = pickle.loads(pickle.dumps(result))
    assert runner.RunSummary([copy], tmp_path / "out").format("en").splitlines()[1] == lines[1]


def test_a_crashed_worker_and_a_busy_staging_folder_in_both_languages(tmp_path):
    result = crashed(_job(tmp_path), MemoryError("out of memory"))
    assert result.error == "proses pekerja gagal: MemoryError: out of memory"
    assert _failed_line(result, tmp_path, "en") == "  FAILED dinas-a 2021 [a.yaml]: worker process failed: " \
                                                   "MemoryError: out of memory"
    job = _job(tmp_path)
    (tmp_path / "staging" / "dinas-a-2021").mkdir(parents=True)  # a staging folder already there
    busy = execute_report(job)
    assert busy.status == STATUS_FAILED and busy.ename == "FileExistsError"
    assert _failed_line(busy, tmp_path, "en").startswith("  FAILED dinas-a 2021 [a.yaml]: FileExistsError: ")


def test_a_failed_upload_in_both_languages(tmp_path, monkeypatch):
    from fsspec.implementations.memory import MemoryFileSystem

    from lkjip_analysis.run.distributed import publish_to_fs
    from lkjip_analysis.run.jobs import STATUS_OK, ReportResult

    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "report.html").write_text("<html></html>", encoding="utf-8")

    def full(self, lpath, rpath, **kw):
        raise OSError("disk penuh")

    monkeypatch.setattr(MemoryFileSystem, "put_file", full)
    result = publish_to_fs(staging, ReportResult(PARAMS, STATUS_OK, "", 0.0), "memory://lkjip-i18n-test")
    assert result.status == STATUS_FAILED
    assert result.error == "unggah ke memory://lkjip-i18n-test gagal: OSError: disk penuh"
    assert _failed_line(result, tmp_path, "en") == ("  FAILED dinas-a 2021 [a.yaml]: upload to "
                                                    "memory://lkjip-i18n-test failed: OSError: disk penuh")


def test_a_warm_kernel_used_as_a_library_raises_the_packages_errors():
    """No kernel is started: a closed WarmKernel and the lkjip-warm engine without one are typed, in both languages."""
    import pytest

    from lkjip_analysis.exceptions import InvalidArgumentError, LkjipError
    from lkjip_analysis.run.kernels import KernelCallError, WarmEngine, WarmKernel

    kernel = WarmKernel()
    kernel.close()
    with pytest.raises(KernelCallError) as info:
        kernel.submit(print)
    assert isinstance(info.value, LkjipError)
    assert (str(info.value), info.value.render("en")) == ("WarmKernel sudah ditutup", "the WarmKernel is closed")
    with pytest.raises(InvalidArgumentError) as info:
        WarmEngine._engine().execute_managed_notebook(None, "python3")
    assert info.value.render("en") == "the lkjip-warm papermill engine needs warm_kernel=WarmKernel(...)"
