"""Run parameterised notebooks into reports: execute, schedule, publish.

Three separate steps:

1. **execute** — :func:`execute_report` takes a picklable :class:`ReportJob` and
   builds one report in its staging folder (papermill runs the notebook with the
   folder as working directory; nbconvert/WeasyPrint export it). The notebook runs
   in the worker's warm kernel (``job.warm_kernel``, the default of
   :func:`run_reports`; reused across reports and reset in between, see
   :mod:`lkjip_analysis.run.kernels`) or in a kernel started for it. It never raises
   for a report problem: it returns a picklable :class:`ReportResult` with status
   ``ok``, ``failed`` or ``pdf_missing``, and the seconds spent in cells.
2. **schedule** — :func:`schedule` runs many jobs: in this process for one worker,
   else in a process pool; results are yielded as they finish. With a Dask
   scheduler, :func:`lkjip_analysis.run.distributed.schedule_dask` does this instead.
3. **publish** — :func:`publish_result` swaps a good staging folder in place of the
   report folder (renames only; see :mod:`lkjip_analysis.io.atomic`), or discards a
   failed one and keeps the earlier report; the manifest and index are rewritten
   atomically after each report. (:class:`LocalOutput`; for fsspec URLs
   :class:`lkjip_analysis.run.distributed.FsspecOutput`.)

Kernels talk to papermill over IPC (unix sockets in a fresh short temp folder per
kernel, :class:`IpcKernelManager`) rather than TCP ports, and a start that fails
with "Address already in use" or "Kernel died before replying to kernel_info" is
retried, so parallel batches do not lose reports to port collisions.

The job and result types and :func:`execute_report` live in :mod:`lkjip_analysis.run.jobs`, publishing
and the manifest in :mod:`lkjip_analysis.run.manifest` (shared with the Dask scheduler, which does not
import this module); the runner imports what it uses from them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n
from ..config import OUTPUTS_DIR
from ..exceptions import ParamsError, ReportError
from .export import (
    FORMATS,
    check_pdf_engine,
)
from .jobs import (
    INDEX,
    MANIFEST,
    STATUS_FAILED,
    STATUS_OK,
    STATUS_PDF_MISSING,
    STATUS_UNCHANGED,
    ReportJob,
    ReportResult,
    crashed,
    default_workers,
    execute_report,
)
from .kernels import KERNEL_NAME, clean_socket_dirs
from .manifest import LocalOutput, is_url, record_result, required_files, unchanged_since
from .params import ReportParams, check_params, raise_refused

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------- schedule many


#: Optional modules that slow every import of nbformat and are not needed for a batch run: jsonschema
#: imports ``rfc3987_syntax`` (when installed) for its ``iri`` format checks, and that module builds
#: a parser at import time (0.7 s here, in each worker process). nbformat's schema uses no ``iri`` format.
SLOW_OPTIONAL_IMPORTS = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """In a process that only runs reports (the ``lkjip run`` command, pool workers): make
    :data:`SLOW_OPTIONAL_IMPORTS` look absent, so jsonschema skips them. Modules already
    imported are left alone. Not called by :func:`run_reports` itself: a caller's process is
    the caller's.
    """
    for name in SLOW_OPTIONAL_IMPORTS:
        sys.modules.setdefault(name, None)


def _init_worker(job: ReportJob | None = None, environ: dict | None = None) -> None:
    """Pool initializer: Ctrl-C is handled by the parent; SIGTERM (the parent stopping us) ends our kernels too.

    Without the SIGTERM handler a kernel busy with a report would go on writing into
    its staging folder until it noticed, up to a second later, that its parent was gone.
    With ``job`` (the batch's first job: its kernel, formats and PDF engine) the worker gets
    ready for its first report at once: see :func:`prepare_worker`. ``environ`` is the
    caller's environment now: a worker forked from a fork server would otherwise have the
    server's, frozen when the server started (``spawn`` passes it; ``multiprocessing``
    already passes the working folder and ``sys.path`` either way).
    """
    if environ is not None and dict(os.environ) != environ:
        import tempfile

        os.environ.clear()
        os.environ.update(environ)
        tempfile.tempdir = None  # $TMPDIR is read again
    from .chromium import close_browsers
    from .kernels import kill_all_kernels

    def terminate(signum, frame):
        kill_all_kernels()
        close_browsers(graceful=False)
        os._exit(128 + signum)

    skip_slow_optional_imports()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, terminate)
    if job is not None:
        if job.warm_kernel:  # while this process has one thread: fork the seed of its first kernel
            from .kernel_fork import plant_seed

            with contextlib.suppress(Exception):  # no seed: the kernel starts as usual
                plant_seed(job.kernel_name)
        prepare_worker(job)


#: Threads of :func:`prepare_worker` still starting something (joined before this process closes its browsers).
_PRESTARTS: list = []


def prepare_worker(job: ReportJob) -> None:
    """Get this process (or thread) ready for reports like ``job`` while they are handed out.

    The warm kernel (``job.warm_kernel``) starts in the background
    (:func:`lkjip_analysis.run.kernels.prestart_worker_kernel`), and so does the Chromium that
    prints the PDFs; meanwhile this process imports papermill and nbformat and builds the
    HTML exporter (its templates). All of it would otherwise be paid, one step after the
    other, by the first report. Failures are left to the first report, which reports them.
    """
    if job.warm_kernel:
        from .kernels import prestart_worker_kernel

        prestart_worker_kernel(job.kernel_name, job.start_timeout)
    if "pdf" in job.formats:
        with contextlib.suppress(Exception):
            from .export import resolve_pdf_engine

            if resolve_pdf_engine(job.pdf_engine) == "chromium":
                import threading

                from .chromium import browser

                def start_browser() -> None:
                    with contextlib.suppress(Exception):
                        browser().warm()

                thread = threading.Thread(target=start_browser, name="lkjip-chromium-start", daemon=True)
                thread.start()
                _PRESTARTS.append(thread)
    with contextlib.suppress(Exception):
        import nbformat  # noqa: F401
        import papermill  # noqa: F401

        from .export import html_exporter

        html_exporter()


def _stop_pool(pool, earlier_children: frozenset = frozenset(), timeout: float = 15) -> None:
    """Cancel pending jobs and end the worker processes now (and, through their SIGTERM handler, their kernels).

    Every child process started since the pool was made counts as a worker, including one the
    pool's management thread was still starting while we read its process table. Returns only
    once every worker is reaped: the pool's management thread joins the workers too, and a
    worker it reaped is seen as alive here until that thread has recorded its exit code.
    """
    import multiprocessing

    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    processes += [p for p in multiprocessing.active_children() if p not in earlier_children and p not in processes]
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + timeout
    manager = getattr(pool, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
    while time.monotonic() < deadline and any(p.exitcode is None for p in processes):
        time.sleep(0.01)  # exit code still being recorded by the management thread
    multiprocessing.active_children()  # reap


def _close_local_resources(job: ReportJob) -> None:
    """After a batch run in this process: shut down its warm kernel and its browser."""
    from .chromium import close_browsers
    from .kernels import close_worker_kernels

    while _PRESTARTS:  # a browser still starting would be missed by close_browsers()
        _PRESTARTS.pop().join(timeout=30)
    if job.warm_kernel:
        close_worker_kernels()
    close_browsers()


#: Environment variable choosing how pool workers start: ``forkserver`` (the default where it exists) or ``spawn``.
ENV_START_METHOD = "LKJIP_START_METHOD"
#: Module the fork server imports before it forks the workers.
PRELOAD_MODULE = "lkjip_analysis.run._preload"


def pool_context():
    """The multiprocessing context of the worker pool.

    ``forkserver`` where the platform has it (Linux, macOS): a clean server process imports
    papermill, nbconvert and this package once (:mod:`lkjip_analysis.run._preload`) and forks each
    worker from it, so a worker is ready at once instead of after ~1.6 s of imports. Elsewhere
    (Windows), or with ``$LKJIP_START_METHOD=spawn``, ``spawn``: each worker starts a fresh
    interpreter. Neither copies the calling process (unlike ``fork``).
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    method = (os.environ.get(ENV_START_METHOD) or "").strip().lower() or (
        "forkserver" if "forkserver" in methods else "spawn")
    if method not in ("forkserver", "spawn") or method not in methods:
        raise ParamsError.from_key("run.start_method", env=ENV_START_METHOD, method=repr(method),
                                   choices=", ".join(m for m in ("forkserver", "spawn") if m in methods))
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([PRELOAD_MODULE])
    return context


def start_fork_server() -> None:
    """Start the pool's fork server now, in the background, where :func:`pool_context` uses one.

    The server's imports (~1.6 s of CPU) then overlap the caller's own work before the pool is
    made (reading the params and the datasets, the run keys). When every report turns out
    ``unchanged`` no pool is made, and the idle server ends with this process.
    """
    import threading

    def start() -> None:
        with contextlib.suppress(Exception):
            if pool_context().get_start_method() == "forkserver":
                from multiprocessing import forkserver

                forkserver.ensure_running()

    threading.Thread(target=start, name="lkjip-forkserver-start", daemon=True).start()


def _worker_ready() -> int:
    """A pool task that returns once this worker's warm kernel is up (see :func:`open_pool`)."""
    from .kernels import wait_for_worker_kernels

    wait_for_worker_kernels()
    return os.getpid()


def open_pool(prototype: ReportJob, workers: int):
    """A process pool whose ``workers`` start now, each getting ready for jobs like ``prototype``.

    Each worker is forked from the fork server, forks the seed of its kernel and starts it,
    and its Chromium (see :func:`_init_worker`), while the caller goes on (checking params,
    computing run keys): the pool is filled from a background thread, because starting a
    worker waits for the fork server's imports. Pass the pool to :func:`schedule`; it is
    shut down there (or by :func:`_stop_pool`).
    """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(), initializer=_init_worker,
                               initargs=(prototype, dict(os.environ)))
    pool._lkjip_earlier_children = frozenset(multiprocessing.active_children())  # for _stop_pool

    def fill() -> None:
        with contextlib.suppress(Exception):  # shut down meanwhile: nothing to start
            # one task per worker, each waiting for its kernel: every submit finds no idle worker
            # and starts a new one
            for _ in range(workers):
                pool.submit(_worker_ready)

    thread = threading.Thread(target=fill, name="lkjip-pool-start", daemon=True)
    thread.start()
    pool._lkjip_filling = thread
    return pool


def schedule(jobs: Sequence[ReportJob], workers: int = 1, pool=None) -> Iterator[ReportResult]:
    """Run ``jobs`` and yield each result as it finishes.

    One worker runs the jobs here, one after another; more use a process pool
    (:func:`pool_context`: workers forked from a clean fork server, else spawned). With ``job.warm_kernel``
    each worker keeps one kernel for all its reports (closed when the batch ends). A
    worker process that dies yields a ``failed`` result for its job; the others go
    on. When the caller stops early (Ctrl-C, or closing this generator), pending jobs
    are cancelled and the worker processes (and their kernels) ended before control
    returns, so nothing writes to a staging folder afterwards.
    """
    if pool is None and (workers <= 1 or len(jobs) <= 1):
        try:
            if jobs:
                prepare_worker(jobs[0])
            for job in jobs:
                yield execute_report(job)
        finally:
            if jobs:
                _close_local_resources(jobs[0])
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if pool is None:
        earlier_children = frozenset(multiprocessing.active_children())
        pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=pool_context(),
                                   initializer=_init_worker, initargs=(jobs[0], dict(os.environ)))
    else:
        earlier_children = getattr(pool, "_lkjip_earlier_children", frozenset())
        pool._lkjip_filling.join()  # its submits come before ours (they start the workers)
        if getattr(pool, "_broken", False):  # a worker died while starting: a new pool, as without an early one
            _stop_pool(pool, earlier_children)
            pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=pool_context(),
                                       initializer=_init_worker, initargs=(jobs[0], dict(os.environ)))
    try:
        futures = {pool.submit(execute_report, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - BrokenProcessPool, pickling errors
                result = crashed(futures[future], exc)
            yield result
    except BaseException:
        _stop_pool(pool, earlier_children)
        raise
    pool.shutdown(wait=True)


# --------------------------------------------------------------------------- publish


# --------------------------------------------------------------------------- the batch


@dataclass
class RunSummary:
    """Outcome of :func:`run_reports`: one result per report, in completion order."""

    results: list[ReportResult]
    output_dir: Path | str
    duration: float = 0.0
    #: Params files refused before the run (each names its file); the other reports ran.
    refused: list[ParamsError] = field(default_factory=list)

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
    def built(self) -> list[ReportResult]:
        """Reports built and published by this run (with or without their PDF)."""
        return [r for r in self.results if r.status in (STATUS_OK, STATUS_PDF_MISSING)]

    @property
    def unchanged(self) -> list[ReportResult]:
        """Reports skipped: their published output already had this run's key (files untouched)."""
        return [r for r in self.results if r.status == STATUS_UNCHANGED]

    def _join(self, name: str) -> Path | str:
        if isinstance(self.output_dir, str):
            return f"{self.output_dir.rstrip('/')}/{name}"
        return self.output_dir / name

    @property
    def manifest_path(self) -> Path | str:
        """``manifest.json`` (a URL string for an fsspec output)."""
        return self._join(MANIFEST)

    @property
    def index_path(self) -> Path | str:
        """``index.html`` (a URL string for an fsspec output)."""
        return self._join(INDEX)

    @property
    def cell_seconds(self) -> float:
        """Seconds spent in notebook cells, all reports together."""
        return round(sum(r.cell_seconds for r in self.results), 3)

    @property
    def report_seconds(self) -> float:
        """Seconds the workers spent on reports (kernel, cells, export), all reports together."""
        return round(sum(r.duration for r in self.results), 3)

    @property
    def exit_code(self) -> int:
        """0 when every params file was accepted and every report written in every format, else 1."""
        return 1 if self.failed or self.pdf_missing or self.refused else 0

    def format(self, lang: str = "id") -> str:
        """Summary for people in ``lang``: counts, then each report that failed or lacks its PDF, and why."""
        t = i18n.t
        head = (t("run.summary", lang, n=len(self.results), built=len(self.built), unchanged=len(self.unchanged),
                  failed=len(self.failed))
                + (t("run.summary_pdf_missing", lang, n=len(self.pdf_missing)) if self.pdf_missing else "")
                + (t("run.summary_refused", lang, n=len(self.refused)) if self.refused else "")
                + f" ({self.duration:.1f} s) -> {self.index_path}")
        lines = [head]
        for error in self.refused:
            text = error.render(lang)
            text = text[len(f"{error.file}: "):] if error.file and text.startswith(f"{error.file}: ") else text
            lines.append(t("run.refused_line", lang, file=error.file, message=text))
        for r in sorted(self.failed, key=lambda r: r.params.key):
            kept = t("run.kept", lang) if r.files else ""
            lines.append(t("run.failed_line", lang, label=r.params.label, source=r.params.source,
                           error=i18n.render(r.error, lang), kept=kept))
        for r in sorted(self.pdf_missing, key=lambda r: r.params.key):
            lines.append(t("run.pdf_missing_line", lang, label=r.params.label, source=r.params.source,
                           error=i18n.render(r.error, lang)))
        return "\n".join(lines)


def _nothing() -> Iterator[ReportResult]:
    yield from ()


def _run_keys(params: Sequence[ReportParams], formats: Sequence[str], pdf_engine: str,
              datasets: dict | None = None) -> dict[str, str]:
    """The run key of every report (:func:`lkjip_analysis.run.run_key.compute_keys`; each dataset hashed once).

    ``datasets``: the datasets the params check already read (``{dataset: Dataset}``), not read again.
    """
    from ..io.loaders import load_dataset
    from .export import resolve_pdf_engine
    from .run_key import compute_keys

    datasets = datasets or {}
    engine = resolve_pdf_engine(pdf_engine) if "pdf" in formats else None
    return compute_keys(params, formats, engine,
                        load=lambda path: datasets[path] if path in datasets else load_dataset(path or None))


def _skip_unchanged(params: Sequence[ReportParams], run_keys: dict[str, str], formats: Sequence[str],
                    manifest: dict, output) -> tuple[list[ReportParams], list[ReportResult]]:
    """Split ``params`` into those to build and ``unchanged`` results (recorded in ``manifest``).

    One look at the output for all the reports' files (``output.present``).
    """
    reports = manifest.get("reports", {})
    candidates = {p.key for p in params if (reports.get(p.key) or {}).get("run_key") == run_keys.get(p.key)}
    wanted = {f for k in candidates for f in (reports[k].get("files") or []) + required_files(k, formats)}
    present = output.present(wanted) if wanted else set()
    todo, skipped = [], []
    for p in params:
        previous = reports.get(p.key)
        if p.key in candidates and unchanged_since(previous, run_keys[p.key], formats, present):
            result = ReportResult(p, STATUS_UNCHANGED, previous.get("started") or "", 0.0,
                                  files=list(previous.get("files") or []), run_key=run_keys[p.key],
                                  folder=str(previous.get("report") or p.key))
            record_result(result, manifest, formats)
            skipped.append(result)
        else:
            todo.append(p)
    return todo, skipped


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
        raise ReportError.from_key("run.kernel_missing", name=repr(name), kernel=name) from None


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in out if f not in FORMATS]
    if unknown or not out:
        raise ParamsError.from_key("run.unknown_format", unknown=", ".join(unknown) or i18n.message("run.empty_value"),
                                   choices=", ".join(FORMATS))
    return out


def longest_first(params: Sequence[ReportParams], manifest: dict | None = None) -> list[ReportParams]:
    """``params`` ordered by expected cost, most expensive first, so that parallel workers finish together.

    The cost is the report's duration in the last run (``manifest``) when every report has
    one, else its rows in the dataset (``ReportParams.rows``). Ties keep their order.

    >>> from lkjip_analysis.run.params import ReportParams
    >>> ps = [ReportParams("a.yaml", "agency_report", "nb", "kota-a", 2020, rows=10),
    ...       ReportParams("b.yaml", "agency_report", "nb", "prov-b", 2020, rows=90)]
    >>> [p.agency_id for p in longest_first(ps)]
    ['prov-b', 'kota-a']
    >>> last = {"reports": {"kota-a/2020": {"status": "ok", "duration": 9.0},
    ...                     "prov-b/2020": {"status": "ok", "duration": 2.0}}}
    >>> [p.agency_id for p in longest_first(ps, last)]
    ['kota-a', 'prov-b']
    """
    previous = (manifest or {}).get("reports", {})
    durations = [(previous.get(p.key) or {}).get("duration") for p in params]
    if params and all(isinstance(d, (int, float)) for d in durations):
        costs = durations
    else:
        costs = [p.rows for p in params]
    order = sorted(range(len(params)), key=lambda i: -costs[i])
    return [params[i] for i in order]


def run_reports(params_files: Iterable[str | Path | ReportParams], dataset: str | Path | None = None,
                formats: Sequence[str] = FORMATS, workers: int | None = None, output_dir: str | Path | None = None,
                progress: bool = True, warm_kernels: bool = True, scheduler: str | None = None,
                pdf_engine: str | None = None, force: bool = False, lang: str | None = None) -> RunSummary:
    """Execute and export a batch of reports into ``output_dir``.

    Parameters
    ----------
    params_files : iterable of str, Path or ReportParams
        Params files (see :mod:`lkjip_analysis.run.params`); ``notebook:`` may be a
        path to a custom ``.ipynb``.
    dataset : str or Path, optional
        Overrides every params file's dataset.
    formats : sequence of {"html", "pdf"}
        Exports besides the executed ``report.ipynb``.
    workers : int, optional
        Reports run at once (process pool); default: the number of CPU cores.
        One worker runs the reports in this process. With ``scheduler="local"``:
        the number of Dask workers; ignored for another scheduler.
    output_dir : str or Path, optional
        Default :data:`lkjip_analysis.config.OUTPUTS_DIR`. Each report goes to
        ``<output_dir>/<agency_id>/<year>/`` (regional comparisons to
        ``<output_dir>/_regional/<name>/``), plus ``index.html`` and ``manifest.json``.
        May be an fsspec URL (``s3://bucket/laporan``, ``memory://x``; needs the
        ``dask`` extra): each report is then uploaded under a temporary name and moved
        in place (by the worker that made it, with a Dask scheduler).
    progress : bool
        Show a progress bar (tqdm, on stderr).
    warm_kernels : bool
        Keep one kernel per worker and reuse it across reports, resetting its state in
        between (see :mod:`lkjip_analysis.run.kernels`); False starts a kernel per report.
    scheduler : str, optional
        Address of a Dask scheduler (``tcp://host:8786``) or ``"local"`` for a
        ``LocalCluster`` on this machine; one task per report (see
        :mod:`lkjip_analysis.run.distributed`). Default: the local process pool.
    pdf_engine : {"auto", "chromium", "weasyprint"}, optional
        What prints the PDFs (see :func:`lkjip_analysis.run.export.write_pdf`); default
        ``$LKJIP_PDF_ENGINE``, else ``auto`` (Chromium when installed, else WeasyPrint).
        The manifest records the engine used per report.
    force : bool
        Build every report. By default a report is skipped (``unchanged``: its files are not
        touched) when its manifest entry was written whole with the same key — a digest of
        the notebook, the params, the dataset rows it reads, the package version, the
        formats and the PDF engine (:mod:`lkjip_analysis.run.run_key`) — and all its files are
        present. The key lives in the manifest (``run_key``), so this works for fsspec
        outputs too.
    lang : {"id", "en"}, optional
        Language of the index page and the progress bar (``lkjip --lang``; default Indonesian),
        kept in the manifest as ``lang``. Each report's own language is its params' ``lang``.

    Returns
    -------
    RunSummary
        ``.results`` (one per report), ``.failed``, ``.exit_code``, ``.format()``.

    Params files are checked before any kernel starts. A refused file (unknown key, agency
    or year, an ``agency_id`` that could escape the output folder, an invalid dataset, ...)
    does not stop the others: it is listed in ``RunSummary.refused`` and the manifest's
    ``refused``, and makes the exit code 1.

    Raises
    ------
    ParamsError
        Before any kernel starts: every params file refused, or a format or worker count.
    DatasetError
        The dataset named by every params file is not valid.
    ReportError
        The Jupyter kernel ``python3`` is not installed (local runs), or the
        ``dask`` extra is missing for a scheduler or URL output.
    """
    t0 = time.perf_counter()
    if scheduler is None and (workers is None or int(workers) > 1):
        start_fork_server()  # boots (imports) in its own process while the params and keys are checked here
    formats = _check_formats(formats)
    lang = i18n.check_lang(lang)
    pdf_engine = check_pdf_engine(pdf_engine)
    if pdf_engine == "chromium" and "pdf" in formats and scheduler is None:
        from .chromium import INSTALL_HINT, find_chromium

        if find_chromium() is None:
            raise ParamsError.from_key("run.chromium_missing", hint=INSTALL_HINT)
    if workers is not None and int(workers) < 1:
        raise ParamsError.from_key("run.workers", workers=workers)
    items = list(params_files)
    if not items:
        raise ParamsError.from_key("run.no_params")
    pool = _early_pool(items, formats, pdf_engine, workers, scheduler, warm_kernels, force, output_dir)
    try:
        return _run_checked(items, dataset, formats, workers, output_dir, progress, warm_kernels, scheduler,
                            pdf_engine, force, pool, t0, lang)
    except BaseException:
        if pool is not None:
            _stop_pool(pool, getattr(pool, "_lkjip_earlier_children", frozenset()))
        raise


def _early_pool(items: list, formats: tuple[str, ...], pdf_engine: str, workers: int | None, scheduler: str | None,
                warm_kernels: bool, force: bool, output_dir) -> object | None:
    """The worker pool, started before the params are checked, when reports will surely be built.

    That is with ``force`` or when the output has no manifest yet (a first run), for local
    runs with warm kernels and more than one worker. Otherwise (a nightly run that may find
    everything unchanged) the pool is made only once the run keys say what to build, and a
    batch with nothing to build starts no worker and no kernel.
    """
    if scheduler is not None or not warm_kernels or len(items) < 2 or is_url(output_dir):
        return None
    count = min(default_workers() if workers is None else int(workers), len(items))
    root = Path(output_dir) if output_dir is not None else OUTPUTS_DIR
    if count < 2 or not (force or not (root / MANIFEST).exists()):
        return None
    with contextlib.suppress(Exception):  # no kernel spec, odd platform: the pool is made later, as usual
        check_kernel(KERNEL_NAME)
        return open_pool(ReportJob(None, "", formats, warm_kernel=True, pdf_engine=pdf_engine), count)
    return None


def _run_checked(items, dataset, formats, workers, output_dir, progress, warm_kernels, scheduler, pdf_engine, force,
                 pool, t0, lang) -> RunSummary:
    """:func:`run_reports` after its arguments are checked (``pool``: the pool started early, or None)."""
    datasets: dict = {}
    params, refused = check_params(items, dataset_override=dataset, datasets_out=datasets)
    if not params:  # nothing to run: the batch itself is wrong
        raise_refused(refused)
    for error in refused:
        logger.warning(i18n.message("log.params_refused", error=error))

    if is_url(output_dir):
        from .distributed import FsspecOutput

        output = FsspecOutput(str(output_dir))
    else:
        output = LocalOutput(Path(output_dir) if output_dir is not None else OUTPUTS_DIR)
    if scheduler is not None:
        from .distributed import require_dask

        require_dask()  # before any work: the install hint when the extra is missing
    manifest = output.prepare()
    manifest["lang"] = lang
    manifest["refused"] = [{"params_file": str(e.file), "error": e.message} for e in refused]
    run_keys = _run_keys(params, formats, pdf_engine, datasets)
    datasets.clear()
    results: list[ReportResult] = []
    if not force:
        params, results = _skip_unchanged(params, run_keys, formats, manifest, output)
        if results:
            logger.info(i18n.message("log.unchanged", n=len(results)))
            output.write(manifest)
    if scheduler is None and params:
        check_kernel(KERNEL_NAME)
    if scheduler is None:
        workers = default_workers() if workers is None else int(workers)
    if scheduler is not None or workers > 1:
        params = longest_first(params, manifest)
    jobs = [ReportJob(p, output.staging_for(p), formats, warm_kernel=warm_kernels, pdf_engine=pdf_engine)
            for p in params]

    from tqdm import tqdm

    if pool is not None and not jobs:
        _stop_pool(pool, getattr(pool, "_lkjip_earlier_children", frozenset()))
    if not jobs:
        scheduled = _nothing()
    elif scheduler is None:
        clean_socket_dirs()
        scheduled = schedule(jobs, workers, pool=pool)
    else:
        from .distributed import schedule_dask

        scheduled = schedule_dask(jobs, scheduler, workers=workers, output_url=getattr(output, "url", None))
    bar = tqdm(total=len(jobs), desc="lkjip run", unit=i18n.t("index.unit", lang), file=sys.stderr,
               disable=not progress or not jobs, dynamic_ncols=True)
    try:
        if not results and not jobs:
            output.write(manifest)
        for result in scheduled:
            result.run_key = run_keys.get(result.params.key, "")
            output.publish(result, manifest, formats)
            output.write(manifest)
            results.append(result)
            bar.set_postfix_str(f"{result.params.label}: {result.status}", refresh=False)
            bar.update(1)
    finally:
        scheduled.close()  # on interrupt: stop the workers before removing their staging folders
        bar.close()
        for job in jobs:  # interrupted: drop the staging folders of reports not published
            output.discard(job)
    return RunSummary(results, output.root if isinstance(output, LocalOutput) else output.url,
                      round(time.perf_counter() - t0, 3), refused)
