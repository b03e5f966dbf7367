"""One report job and how it runs: the types both schedulers share, and the pure per-report step.

:class:`ReportJob` (what to build, where) and :class:`ReportResult` (what happened) are picklable:
the local process pool (:mod:`lkjip_analysis.run.runner`) and the Dask scheduler
(:mod:`lkjip_analysis.run.distributed`) both send jobs to :func:`execute_report` and get results
back, so neither imports the other for them.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..exceptions import PdfEngineError
from ..i18n import message
from .export import FORMATS, REPORT_HTML, REPORT_NOTEBOOK, REPORT_PDF, notebook_to_html, report_files, write_pdf
from .kernels import KERNEL_NAME, START_RETRIES, IpcKernelManager, is_kernel_start_collision, worker_kernel
from .params import ReportParams

logger = logging.getLogger(__name__)

STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_PDF_MISSING = "pdf_missing"
#: A report skipped because its published output already carries the key it would be built with.
STATUS_UNCHANGED = "unchanged"
MANIFEST = "manifest.json"
INDEX = "index.html"


@dataclass(frozen=True)
class ReportJob:
    """Everything needed to build one report in ``staging_dir`` (picklable).

    ``warm_kernel``: run the notebook in the worker's :class:`~lkjip_analysis.run.kernels.WarmKernel`
    (reused across reports, reset in between) instead of a kernel started for this report.
    ``pdf_engine``: see :func:`lkjip_analysis.run.export.write_pdf` (``auto``, ``chromium``, ``weasyprint``).
    """

    params: ReportParams
    staging_dir: str
    formats: tuple[str, ...] = FORMATS
    kernel_name: str = KERNEL_NAME
    start_retries: int = START_RETRIES
    start_timeout: float = 60
    execution_timeout: float | None = None
    warm_kernel: bool = False
    pdf_engine: str = "auto"


@dataclass
class ReportResult:
    """The outcome of one report (picklable).

    ``files`` are relative to the report folder while staged; after
    :func:`publish_result` they are relative to the output folder.
    ``cell_seconds`` is the time spent in notebook cells (papermill's cell durations);
    the rest of ``duration`` went to kernel start, export (``pdf_seconds`` of it to the
    PDF) and bookkeeping.
    ``kernel`` is ``fresh`` (started for this report), ``warm-new`` (a warm kernel's first
    report) or ``warm-reused``; ``kernel_discarded`` says why a warm kernel was not kept.
    ``pdf_engine`` is the engine that printed the PDF (None: no PDF).
    ``error`` says why the report failed or lacks its PDF: an :class:`~lkjip_analysis.i18n.Message` (a
    ``str``, its Indonesian text, as the manifest records it; it pickles with its key and fields), which
    :meth:`RunSummary.format <lkjip_analysis.run.runner.RunSummary.format>` says in the summary's language.
    """

    params: ReportParams
    status: str
    started: str
    duration: float
    files: list[str] = field(default_factory=list)
    error: str | None = None
    ename: str | None = None
    evalue: str | None = None
    cell: int | None = None
    attempts: int = 0
    staging_dir: str = ""
    folder: str = ""
    cell_seconds: float = 0.0
    pdf_seconds: float = 0.0
    kernel: str = ""
    kernel_discarded: str | None = None
    pdf_engine: str | None = None
    #: Files of the staged report, ``{relative path: bytes}``, when it was built on another machine
    #: (a Dask worker) and travels back to be published here.
    payload: dict[str, bytes] | None = field(default=None, repr=False, compare=False)
    #: Already put in place by the worker (fsspec output); only the manifest is left to do.
    published: bool = False
    #: The key of the build (:mod:`lkjip_analysis.run.run_key`); recorded in the manifest when the report is written.
    run_key: str = ""

    @property
    def ok(self) -> bool:
        """True when the report was written (possibly without PDF)."""
        return self.status != STATUS_FAILED


def _cell_seconds(nb) -> float:
    """Seconds papermill recorded for the cells of an executed notebook."""
    return round(sum(float((c.get("metadata", {}).get("papermill") or {}).get("duration") or 0)
                     for c in getattr(nb, "cells", [])), 3)


def _execute_once(job: ReportJob, staging: Path, result: ReportResult):
    """One attempt: papermill in a fresh kernel, or in this worker's warm kernel; return the executed notebook.

    Papermill writes the output notebook once, when the run ends or fails (not after every
    cell: nobody reads the staging folder meanwhile, and a 1 MB notebook written ten times
    costs a tenth of a report's time).
    """
    import papermill as pm

    p = job.params
    if not job.warm_kernel:
        result.kernel = "fresh"
        return pm.execute_notebook(
            p.notebook_path, str(staging / REPORT_NOTEBOOK), parameters=p.notebook_parameters("."),
            kernel_name=job.kernel_name, progress_bar=False, cwd=str(staging),
            start_timeout=job.start_timeout, execution_timeout=job.execution_timeout,
            kernel_manager_class=IpcKernelManager, request_save_on_cell_execute=False,
        )
    kernel = worker_kernel(job.kernel_name, job.start_timeout)
    try:
        return kernel.run_notebook(p.notebook_path, str(staging / REPORT_NOTEBOOK), p.notebook_parameters("."),
                                   cwd=str(staging), execution_timeout=job.execution_timeout)
    finally:
        result.kernel = "warm-new" if kernel.last_new else "warm-reused"
        result.kernel_discarded = kernel.last_discarded


def _run_notebook(job: ReportJob, staging: Path, result: ReportResult | None = None) -> tuple[int, object]:
    """Execute the notebook into ``staging/report.ipynb``; return the number of attempts and the executed notebook.

    Kernel start collisions (:data:`KERNEL_START_ERRORS`) are retried with a fresh
    staging folder; ``result`` (when given) gets the cell time and kernel facts.
    """
    p = job.params
    result = result if result is not None else ReportResult(p, STATUS_OK, "", 0.0)
    for attempt in range(1, job.start_retries + 2):
        if attempt > 1:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        try:
            nb = _execute_once(job, staging, result)
            result.cell_seconds = _cell_seconds(nb)
            return attempt, nb
        except Exception as exc:
            if attempt <= job.start_retries and is_kernel_start_collision(exc):
                logger.warning(message("log.kernel_retry", label=p.label, error=exc, attempt=attempt,
                                       attempts=job.start_retries))
                time.sleep(0.2 * attempt + random.random() * 0.3)
                continue
            exc.attempts = attempt  # type: ignore[attr-defined]
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _failed_cell_seconds(staging: Path) -> float:
    """Cell time of a failed run, from the notebook papermill wrote before raising (0 when absent)."""
    try:
        import nbformat

        return _cell_seconds(nbformat.read(str(staging / REPORT_NOTEBOOK), as_version=4))
    except Exception:  # noqa: BLE001 - no notebook, or half written
        return 0.0


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def execute_report(job: ReportJob) -> ReportResult:
    """Build one report in ``job.staging_dir``: executed notebook, HTML, PDF, tables, figures.

    A pure step for schedulers: it touches only the staging folder (and, with
    ``job.warm_kernel``, this worker's warm kernel) and returns a
    :class:`ReportResult` instead of raising when the notebook or the export fails
    (``failed`` with papermill's cell error name and value; ``pdf_missing`` when
    only the PDF could not be made).
    """
    started, t0 = now(), time.perf_counter()
    staging = Path(job.staging_dir)
    result = ReportResult(job.params, STATUS_OK, started, 0.0, staging_dir=str(staging))
    try:
        staging.mkdir(parents=True)
        result.attempts, executed = _run_notebook(job, staging, result)
    except Exception as exc:  # noqa: BLE001 - any failure of one report is recorded, never raised
        result.attempts = getattr(exc, "attempts", 1)
        result.status = STATUS_FAILED
        result.cell_seconds = _failed_cell_seconds(staging)
        if type(exc).__name__ == "PapermillExecutionError":
            result.ename, result.evalue, result.cell = exc.ename, exc.evalue, exc.cell_index
            result.error = message("run.error_cell", ename=exc.ename, evalue=exc.evalue, cell=exc.exec_count)
        else:
            result.ename, result.evalue = type(exc).__name__, str(exc)
            result.error = message("run.error_exception", ename=result.ename, evalue=result.evalue)
        logger.info(message("log.report_failed", label=job.params.label, error=result.error))
    else:
        try:
            # the notebook papermill just wrote, from memory: not read and validated again (~1 MB of JSON)
            html_text = notebook_to_html(executed, title=job.params.display_title)
            if "html" in job.formats:
                (staging / REPORT_HTML).write_text(html_text, encoding="utf-8")
            if "pdf" in job.formats:
                t_pdf = time.perf_counter()
                try:
                    result.pdf_engine = write_pdf(html_text, staging / REPORT_PDF, base_url=staging,
                                                  engine=job.pdf_engine)
                except PdfEngineError as exc:
                    result.status, result.error = STATUS_PDF_MISSING, message("run.error_pdf",
                                                                              error=exc.with_traceback(None))
                    result.ename, result.evalue = type(exc).__name__, str(exc)
                result.pdf_seconds = round(time.perf_counter() - t_pdf, 3)
        except Exception as exc:  # noqa: BLE001 - an export bug fails this report only
            result.status = STATUS_FAILED
            result.ename, result.evalue = type(exc).__name__, str(exc)
            result.error = message("run.error_export", ename=result.ename, evalue=result.evalue)
    result.files = report_files(staging)
    result.duration = round(time.perf_counter() - t0, 3)
    return result


def default_workers() -> int:
    """Number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def crashed(job: ReportJob, exc: BaseException) -> ReportResult:
    return ReportResult(job.params, STATUS_FAILED, now(), 0.0,
                        error=message("run.error_worker", ename=type(exc).__name__, evalue=str(exc)),
                        ename=type(exc).__name__, evalue=str(exc), staging_dir=job.staging_dir)
