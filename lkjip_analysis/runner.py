"""Run parameterised notebooks into reports: execute, schedule, publish.

Three separate steps, so that a later scheduler (warm kernels, Dask) can replace
the middle one:

1. **execute** — :func:`execute_report` takes a picklable :class:`ReportJob` and
   builds one report in its staging folder (papermill runs the notebook with the
   folder as working directory; nbconvert/WeasyPrint export it). It never raises
   for a report problem: it returns a picklable :class:`ReportResult` with status
   ``ok``, ``failed`` or ``pdf_missing``.
2. **schedule** — :func:`schedule` runs many jobs: in this process for one worker,
   else in a process pool; results are yielded as they finish.
3. **publish** — :func:`publish_result` swaps a good staging folder in place of the
   report folder (renames only; see :mod:`lkjip_analysis.atomic`), or discards a
   failed one and keeps the earlier report; the manifest and index are rewritten
   atomically after each report.

Kernels talk to papermill over IPC (unix sockets in a fresh short temp folder per
kernel, :class:`IpcKernelManager`) rather than TCP ports, and a start that fails
with "Address already in use" or "Kernel died before replying to kernel_info" is
retried, so parallel batches do not lose reports to port collisions.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from .atomic import atomic_write_text, clean_stale, pid_alive, staging_path, swap_in
from .config import OUTPUTS_DIR
from .exceptions import ParamsError, PdfEngineError, ReportError
from .export import (
    FORMATS,
    REPORT_HTML,
    REPORT_NOTEBOOK,
    REPORT_PDF,
    html_to_pdf,
    notebook_to_html,
    render_index,
    report_files,
)
from .params import ReportParams, validate_params

logger = logging.getLogger(__name__)

STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_PDF_MISSING = "pdf_missing"
KERNEL_NAME = "python3"
#: Retries of a kernel start that failed with one of :data:`KERNEL_START_ERRORS`.
START_RETRIES = 3
KERNEL_START_ERRORS = ("Address already in use", "Kernel died before replying to kernel_info")
MANIFEST = "manifest.json"
INDEX = "index.html"
#: Unix socket paths must stay below ~100 characters (104 on macOS, 108 on Linux).
MAX_SOCKET_DIR = 80
SOCKET_DIR_PREFIX = "lkj-"


# --------------------------------------------------------------------------- kernels over IPC


def _socket_root() -> str:
    root = tempfile.gettempdir()
    return root if len(root) <= MAX_SOCKET_DIR - 20 or sys.platform == "win32" else "/tmp"


class IpcKernelManager(AsyncKernelManager):
    """AsyncKernelManager that connects to its kernel over unix sockets in a private temp folder.

    Each instance makes a fresh short folder (``/tmp/lkj-<pid>-XXXXXXXX``) holding the
    connection file and the sockets (``k-1`` ... ``k-5``), so kernels started at
    the same time never compete for TCP ports. The folder is removed with the
    kernel's resources (or when the manager is garbage collected). On Windows,
    where zmq has no IPC transport, it falls back to TCP.
    """

    def __init__(self, **kwargs):
        if sys.platform != "win32":
            self.socket_dir = tempfile.mkdtemp(prefix=f"{SOCKET_DIR_PREFIX}{os.getpid()}-", dir=_socket_root())
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(self.socket_dir, "k"))
            kwargs.setdefault("connection_file", os.path.join(self.socket_dir, "kernel.json"))
            self._remove_socket_dir = weakref.finalize(self, shutil.rmtree, self.socket_dir, True)
        else:  # pragma: no cover - Windows
            self.socket_dir = ""
            self._remove_socket_dir = None
        super().__init__(**kwargs)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._remove_socket_dir is not None:
            self._remove_socket_dir()

    cleanup_resources = _async_cleanup_resources

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts before every shutdown; the kernel is idle by then and
        # ipykernel would print "KeyboardInterrupt caught in kernel" on stderr.
        if getattr(self, "shutting_down", False):
            return
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel


def clean_socket_dirs() -> list[Path]:
    """Remove socket folders left by processes that were killed (``lkj-<pid>-*`` of a pid that is gone)."""
    removed = []
    root = Path(_socket_root())
    for entry in root.glob(f"{SOCKET_DIR_PREFIX}*-*"):
        pid = entry.name[len(SOCKET_DIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def is_kernel_start_collision(exc: BaseException) -> bool:
    """True when ``exc`` (or its cause) is a kernel start failure worth retrying."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if type(exc).__name__ == "PapermillExecutionError":
            return False  # cells ran: the notebook itself failed
        if any(text in str(exc) for text in KERNEL_START_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# --------------------------------------------------------------------------- execute one report


@dataclass(frozen=True)
class ReportJob:
    """Everything needed to build one report in ``staging_dir`` (picklable)."""

    params: ReportParams
    staging_dir: str
    formats: tuple[str, ...] = FORMATS
    kernel_name: str = KERNEL_NAME
    start_retries: int = START_RETRIES
    start_timeout: float = 60
    execution_timeout: float | None = None


@dataclass
class ReportResult:
    """The outcome of one report (picklable).

    ``files`` are relative to the report folder while staged; after
    :func:`publish_result` they are relative to the output folder.
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

    @property
    def ok(self) -> bool:
        """True when the report was written (possibly without PDF)."""
        return self.status != STATUS_FAILED


def _run_notebook(job: ReportJob, staging: Path) -> int:
    """Execute the notebook into ``staging/report.ipynb``; return the number of attempts."""
    import papermill as pm

    p = job.params
    for attempt in range(1, job.start_retries + 2):
        if attempt > 1:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        try:
            pm.execute_notebook(
                p.notebook_path, str(staging / REPORT_NOTEBOOK), parameters=p.notebook_parameters("."),
                kernel_name=job.kernel_name, progress_bar=False, cwd=str(staging),
                start_timeout=job.start_timeout, execution_timeout=job.execution_timeout,
                kernel_manager_class=IpcKernelManager,
            )
            return attempt
        except Exception as exc:
            if attempt <= job.start_retries and is_kernel_start_collision(exc):
                logger.warning("%s: kernel gagal dimulai (%s); mencoba lagi (%d/%d)", p.label, exc, attempt,
                               job.start_retries)
                time.sleep(0.2 * attempt + random.random() * 0.3)
                continue
            exc.attempts = attempt  # type: ignore[attr-defined]
            raise
    raise AssertionError("unreachable")  # pragma: no cover


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def execute_report(job: ReportJob) -> ReportResult:
    """Build one report in ``job.staging_dir``: executed notebook, HTML, PDF, tables, figures.

    A pure step for schedulers: it touches only the staging folder and returns a
    :class:`ReportResult` instead of raising when the notebook or the export fails
    (``failed`` with papermill's cell error name and value; ``pdf_missing`` when
    only the PDF could not be made).
    """
    started, t0 = _now(), time.perf_counter()
    staging = Path(job.staging_dir)
    result = ReportResult(job.params, STATUS_OK, started, 0.0, staging_dir=str(staging))
    try:
        staging.mkdir(parents=True)
        result.attempts = _run_notebook(job, staging)
    except Exception as exc:  # noqa: BLE001 - any failure of one report is recorded, never raised
        result.attempts = getattr(exc, "attempts", 1)
        result.status = STATUS_FAILED
        if type(exc).__name__ == "PapermillExecutionError":
            result.ename, result.evalue, result.cell = exc.ename, exc.evalue, exc.cell_index
            result.error = f"{exc.ename}: {exc.evalue} (sel [{exc.exec_count}])"
        else:
            result.ename, result.evalue = type(exc).__name__, str(exc)
            result.error = f"{type(exc).__name__}: {exc}"
        logger.info("%s gagal: %s", job.params.label, result.error)
    else:
        try:
            html_text = notebook_to_html(staging / REPORT_NOTEBOOK, title=job.params.display_title)
            if "html" in job.formats:
                (staging / REPORT_HTML).write_text(html_text, encoding="utf-8")
            if "pdf" in job.formats:
                try:
                    html_to_pdf(html_text, staging / REPORT_PDF, base_url=staging)
                except PdfEngineError as exc:
                    result.status, result.error = STATUS_PDF_MISSING, str(exc)
                    result.ename, result.evalue = type(exc).__name__, str(exc)
        except Exception as exc:  # noqa: BLE001 - an export bug fails this report only
            result.status = STATUS_FAILED
            result.ename, result.evalue = type(exc).__name__, str(exc)
            result.error = f"ekspor gagal: {type(exc).__name__}: {exc}"
    result.files = report_files(staging)
    result.duration = round(time.perf_counter() - t0, 3)
    return result


# --------------------------------------------------------------------------- schedule many


def default_workers() -> int:
    """Number of CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _crashed(job: ReportJob, exc: BaseException) -> ReportResult:
    return ReportResult(job.params, STATUS_FAILED, _now(), 0.0, error=f"proses pekerja gagal: {type(exc).__name__}: "
                        f"{exc}", ename=type(exc).__name__, evalue=str(exc), staging_dir=job.staging_dir)


def _ignore_sigint() -> None:
    """Pool initializer: Ctrl-C is handled by the parent, which stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_pool(pool, earlier_children: frozenset = frozenset()) -> None:
    """Cancel pending jobs and end the worker processes now (their kernels follow: parent poller).

    Every child process started since the pool was made counts as a worker, including one the
    pool's management thread was still starting while we read its process table.
    """
    import multiprocessing

    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    processes += [p for p in multiprocessing.active_children() if p not in earlier_children and p not in processes]
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=10)


def schedule(jobs: Sequence[ReportJob], workers: int = 1) -> Iterator[ReportResult]:
    """Run ``jobs`` and yield each result as it finishes.

    One worker runs the jobs here, one after another; more use a process pool
    (``spawn`` start method, the same on every platform). A worker process that
    dies yields a ``failed`` result for its job; the others go on. When the
    caller stops early (Ctrl-C, or closing this generator), pending jobs are
    cancelled and the worker processes ended before control returns, so no
    worker writes to a staging folder afterwards.
    """
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield execute_report(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    earlier_children = frozenset(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_ignore_sigint)
    try:
        futures = {pool.submit(execute_report, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, pickling errors
                result = _crashed(futures[future], exc)
            yield result
    except BaseException:
        _stop_pool(pool, earlier_children)
        raise
    pool.shutdown(wait=True)


# --------------------------------------------------------------------------- publish


def load_manifest(output_dir: str | Path) -> dict:
    """The manifest of ``output_dir`` (an empty one when missing or unreadable)."""
    path = Path(output_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, ValueError) as exc:
        logger.warning("manifest %s tidak terbaca (%s); dibuat baru", path, exc)
        data = {}
    if not isinstance(data, dict) or not isinstance(data.get("reports"), dict):
        data = {}
    data.setdefault("reports", {})
    return data


def _manifest_entry(result: ReportResult, formats: Sequence[str], previous: dict | None) -> dict:
    from . import __version__

    p = result.params
    entry = {
        "report": p.key,
        "title": p.display_title,
        "notebook": p.notebook,
        "params_file": str(Path(p.source).resolve()),
        "params": p.as_dict(),
        "agency_name": p.agency_name,
        "dataset": {"path": p.dataset or "(embedded)", "checksum": p.dataset_checksum},
        "package_version": __version__,
        "formats": list(formats),
        "started": result.started,
        "duration_s": result.duration,
        "status": result.status,
        "error": result.error,
        "error_name": result.ename,
        "error_value": result.evalue,
        "attempts": result.attempts,
        "files": result.files,
    }
    if result.status == STATUS_FAILED and previous and result.files:
        kept = previous.get("previous") if previous.get("status") == STATUS_FAILED else previous
        if kept:
            entry["previous"] = {k: kept.get(k) for k in ("started", "status", "params", "dataset", "package_version")}
    return entry


def publish_result(result: ReportResult, output_dir: str | Path, manifest: dict,
                   formats: Sequence[str] = FORMATS) -> ReportResult:
    """Put one finished report in place and record it in ``manifest`` (in memory).

    A written report (``ok``/``pdf_missing``) replaces the report folder with
    renames only. A failed report's staging folder is discarded and an earlier
    report in the folder is left untouched (its files are listed in the entry).
    """
    output_dir = Path(output_dir)
    final = result.params.output_folder(output_dir)
    staging = Path(result.staging_dir) if result.staging_dir else None
    if result.ok and staging is not None and staging.is_dir():
        swap_in(staging, final)
        result.folder = str(final)
    else:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):  # the agency folder made only for this staging folder
            if final.parent != output_dir and not any(final.parent.iterdir()):
                final.parent.rmdir()
        result.folder = str(final) if final.is_dir() else ""
    key = result.params.key
    result.files = [f"{key}/{name}" for name in report_files(final)]
    manifest["reports"][key] = _manifest_entry(result, formats, manifest["reports"].get(key))
    return result


def write_manifest_and_index(output_dir: str | Path, manifest: dict) -> None:
    """Write ``manifest.json`` and ``index.html`` atomically (temp file + os.replace)."""
    from . import __version__

    output_dir = Path(output_dir)
    manifest["package_version"] = __version__
    manifest["updated"] = _now()
    manifest["reports"] = dict(sorted(manifest["reports"].items()))
    atomic_write_text(output_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(output_dir / INDEX, render_index(manifest, output_dir))


def clean_output_dir(output_dir: str | Path) -> list[Path]:
    """Remove staging folders and temp files that interrupted runs left in ``output_dir``."""
    output_dir = Path(output_dir)
    handled = clean_stale(output_dir)
    if output_dir.is_dir():
        for sub in output_dir.iterdir():
            if sub.is_dir() and not sub.name.startswith("."):
                handled += clean_stale(sub)
    return handled


# --------------------------------------------------------------------------- the batch


@dataclass
class RunSummary:
    """Outcome of :func:`run_reports`: one result per report, in completion order."""

    results: list[ReportResult]
    output_dir: Path
    duration: float = 0.0

    @property
    def failed(self) -> list[ReportResult]:
        """Reports that failed (the earlier report, if any, was kept)."""
        return [r for r in self.results if r.status == STATUS_FAILED]

    @property
    def pdf_missing(self) -> list[ReportResult]:
        """Reports written as HTML only because the PDF could not be made."""
        return [r for r in self.results if r.status == STATUS_PDF_MISSING]

    @property
    def succeeded(self) -> list[ReportResult]:
        """Reports written with every requested format."""
        return [r for r in self.results if r.status == STATUS_OK]

    @property
    def manifest_path(self) -> Path:
        return self.output_dir / MANIFEST

    @property
    def index_path(self) -> Path:
        return self.output_dir / INDEX

    @property
    def exit_code(self) -> int:
        """0 when every report was written in every format, else 1."""
        return 1 if self.failed or self.pdf_missing else 0

    def format(self) -> str:
        """Summary for people: counts, then each report that failed or lacks its PDF, and why."""
        head = (f"{len(self.results)} laporan dalam {self.duration:.1f} s: {len(self.succeeded)} berhasil, "
                f"{len(self.failed)} gagal, {len(self.pdf_missing)} tanpa PDF -> {self.index_path}")
        lines = [head]
        for r in sorted(self.failed, key=lambda r: r.params.key):
            kept = " (laporan sebelumnya dipertahankan)" if r.files else ""
            lines.append(f"  GAGAL {r.params.label} [{r.params.source}]: {r.error}{kept}")
        for r in sorted(self.pdf_missing, key=lambda r: r.params.key):
            lines.append(f"  TANPA PDF {r.params.label} [{r.params.source}]: {r.error}")
        return "\n".join(lines)


def check_kernel(name: str = KERNEL_NAME) -> None:
    """Fail early, with the command that fixes it, when the Jupyter kernel ``name`` is not installed.

    Raises
    ------
    ReportError
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise ReportError(f"kernel Jupyter {name!r} tidak terpasang; pasang dengan: python -m ipykernel install "
                          f"--sys-prefix --name {name} (atau: make install)") from None


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in out if f not in FORMATS]
    if unknown or not out:
        raise ParamsError(f"format tidak dikenal: {', '.join(unknown) or '(kosong)'}; pilihan: {', '.join(FORMATS)}")
    return out


def run_reports(params_files: Iterable[str | Path | ReportParams], dataset: str | Path | None = None,
                formats: Sequence[str] = FORMATS, workers: int | None = None, output_dir: str | Path | None = None,
                progress: bool = True) -> RunSummary:
    """Execute and export a batch of reports into ``output_dir``.

    Parameters
    ----------
    params_files : iterable of str, Path or ReportParams
        Params files (see :mod:`lkjip_analysis.params`); ``notebook:`` may be a
        path to a custom ``.ipynb``.
    dataset : str or Path, optional
        Overrides every params file's dataset.
    formats : sequence of {"html", "pdf"}
        Exports besides the executed ``report.ipynb``.
    workers : int, optional
        Reports run at once (process pool); default: the number of CPU cores.
        One worker runs the reports in this process.
    output_dir : str or Path, optional
        Default :data:`lkjip_analysis.config.OUTPUTS_DIR`. Each report goes to
        ``<output_dir>/<agency_id>/<year>/`` (regional comparisons to
        ``<output_dir>/_regional/<name>/``), plus ``index.html`` and ``manifest.json``.
    progress : bool
        Show a progress bar (tqdm, on stderr).

    Returns
    -------
    RunSummary
        ``.results`` (one per report), ``.failed``, ``.exit_code``, ``.format()``.

    Raises
    ------
    ParamsError
        Before any kernel starts, when a params file, format or worker count is refused.
    DatasetError
        A dataset named by the params is not valid.
    ReportError
        The Jupyter kernel ``python3`` is not installed.
    """
    t0 = time.perf_counter()
    formats = _check_formats(formats)
    workers = default_workers() if workers is None else int(workers)
    if workers < 1:
        raise ParamsError(f"--workers harus minimal 1, bukan {workers}")
    items = list(params_files)
    if not items:
        raise ParamsError("tidak ada berkas params untuk dijalankan")
    params = validate_params(items, dataset_override=dataset)
    check_kernel(KERNEL_NAME)

    output_dir = Path(output_dir) if output_dir is not None else OUTPUTS_DIR
    output_dir.mkdir(parents=True, exist_ok=True)
    clean_output_dir(output_dir)
    manifest = load_manifest(output_dir)
    jobs = [ReportJob(p, str(staging_path(p.output_folder(output_dir))), formats) for p in params]

    from tqdm import tqdm

    clean_socket_dirs()
    results: list[ReportResult] = []
    scheduled = schedule(jobs, workers)
    bar = tqdm(total=len(jobs), desc="lkjip run", unit="laporan", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    try:
        for result in scheduled:
            publish_result(result, output_dir, manifest, formats)
            write_manifest_and_index(output_dir, manifest)
            results.append(result)
            bar.set_postfix_str(f"{result.params.label}: {result.status}", refresh=False)
            bar.update(1)
    finally:
        scheduled.close()  # on interrupt: stop the workers before removing their staging folders
        bar.close()
        for job in jobs:  # interrupted: drop the staging folders of reports not published
            if Path(job.staging_dir).exists():
                shutil.rmtree(job.staging_dir, ignore_errors=True)
    return RunSummary(results, output_dir, round(time.perf_counter() - t0, 3))
