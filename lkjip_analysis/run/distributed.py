"""Run reports on a Dask cluster, and publish them to fsspec URLs (``s3://…``, ``gs://…``, ``memory://…``).

``lkjip run --scheduler tcp://host:8786`` (or ``--scheduler local`` for a
``LocalCluster`` on this machine) submits one task per report: :func:`run_remote`.
Workers need not share the client's disk:

- the task carries what the worker cannot read from the client: the notebook's text
  and, for a dataset on the client's disk, its files (written once per worker
  process). They travel inside each task rather than once with ``Client.scatter``:
  scattered data dies with the worker holding it, and would fail every report that
  needs it when one report kills its worker. Fine for datasets of a few MB; for
  large ones put the dataset where the workers can read it (same path);
- the report is built in a temporary folder on the worker, with the worker's warm
  kernel (one per worker thread, see :mod:`lkjip_analysis.run.kernels`);
- with a local ``--output-dir`` the task returns the report's files as bytes, and
  the client writes them into a staging folder and swaps it in (the same publish
  step as the local pool); with an fsspec URL the worker uploads the files under a
  temporary name (``.<year>.staging-<pid>-<random>``) and then moves it over the
  report's folder: atomic where the filesystem's move is (local disks), and on object
  stores at least never a half-uploaded file under the final name.

The client keeps the manifest and index (written via temporary name + move for
URLs), the progress bar, failure isolation (a task that raises or a worker that dies
yields a ``failed`` result for that report only) and exit codes, exactly as with
the local pool.

Needs the ``dask`` extra: ``pip install 'lkjip-analysis[dask]'`` (``dask[distributed]``
and ``fsspec``, plus e.g. ``s3fs`` for ``s3://``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..exceptions import DependencyMissingError, ReportError
from ..i18n import message
from .export import REPORT_HTML, REPORT_NOTEBOOK, REPORT_PDF, render_index, report_files
from .jobs import INDEX, MANIFEST, STATUS_FAILED, ReportJob, ReportResult, crashed, default_workers, execute_report
from .manifest import record_result, stamp_manifest

logger = logging.getLogger(__name__)

INSTALL_HINT = "pasang dengan: pip install 'lkjip-analysis[dask]'"


def _require(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DependencyMissingError.missing(module, INSTALL_HINT, exc) from None


# --------------------------------------------------------------------------- fsspec outputs


def _fs(url: str):
    """``(filesystem, root path)`` of an fsspec URL."""
    fsspec = _require("fsspec")
    return fsspec.core.url_to_fs(url)


def _temp_name(path: str, kind: str) -> str:
    parent, _, name = path.rstrip("/").rpartition("/")
    return f"{parent}/.{name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _fs_write_bytes(fs, path: str, data: bytes) -> None:
    """Write one file: to a temporary name, then moved over ``path``."""
    parent = path.rpartition("/")[0]
    if parent:
        fs.makedirs(parent, exist_ok=True)
    tmp = _temp_name(path, "tmp")
    fs.pipe_file(tmp, data)
    try:
        fs.mv(tmp, path)
    except BaseException:
        with contextlib.suppress(Exception):
            fs.rm(tmp)
        raise


def _fs_files(fs, folder: str) -> list[str]:
    """Files under ``folder`` as sorted POSIX paths relative to it ([] when missing)."""
    folder = folder.rstrip("/")
    try:
        found = fs.find(folder)
    except (FileNotFoundError, OSError):
        return []
    prefix = folder + "/"
    return sorted(p[len(prefix):] for p in (f.rstrip("/") for f in found) if p.startswith(prefix))


def publish_to_fs(staging: Path | None, result: ReportResult, url: str) -> ReportResult:
    """Upload a staged report to ``<url>/<key>/`` (temporary name, then move); list what is there.

    A failed report uploads nothing, so an earlier report at the URL is kept. Sets
    ``result.files`` (relative to ``url``), ``result.folder`` and ``result.published``.
    Upload errors fail this report only.
    """
    fs, root = _fs(url)
    key = result.params.key
    final = f"{root.rstrip('/')}/{key}"
    if result.ok and staging is not None and staging.is_dir():
        upload = _temp_name(final, "staging")
        aside = None
        try:
            for name in report_files(staging):
                target = f"{upload}/{name}"
                fs.makedirs(target.rpartition("/")[0], exist_ok=True)
                fs.put_file(str(staging / name), target)
            if fs.exists(final):
                aside = _temp_name(final, "old")
                fs.mv(final, aside, recursive=True)
            fs.mv(upload, final, recursive=True)
        except Exception as exc:  # noqa: BLE001 - an upload problem fails this report only
            with contextlib.suppress(Exception):
                if aside is not None and not fs.exists(final):
                    fs.mv(aside, final, recursive=True)
                    aside = None
            with contextlib.suppress(Exception):
                fs.rm(upload, recursive=True)
            result.status, result.ename, result.evalue = STATUS_FAILED, type(exc).__name__, str(exc)
            result.error = message("run.error_upload", url=url, ename=result.ename, evalue=result.evalue)
        if aside is not None:
            with contextlib.suppress(Exception):
                fs.rm(aside, recursive=True)
    names = _fs_files(fs, final)
    result.files = [f"{key}/{name}" for name in names]
    result.folder = f"{url.rstrip('/')}/{key}" if names else ""
    result.published = True
    return result


class FsspecOutput:
    """An output folder given as an fsspec URL: reports uploaded by :func:`publish_to_fs`.

    With the local pool, reports are staged in a local temporary folder and uploaded
    by the client; with a Dask scheduler the worker uploads them itself.
    """

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = _fs(self.url)
        self._staging_root: str | None = None

    def __str__(self) -> str:
        return self.url

    def prepare(self) -> dict:
        self.fs.makedirs(self.root, exist_ok=True)
        try:
            data = json.loads(self.fs.cat_file(f"{self.root}/{MANIFEST}").decode("utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            logger.warning(message("log.manifest_unreadable", path=f"{self.url}/{MANIFEST}", error=exc))
            data = {}
        if not isinstance(data, dict) or not isinstance(data.get("reports"), dict):
            data = {}
        data.setdefault("reports", {})
        return data

    def staging_for(self, params) -> str:
        if self._staging_root is None:
            self._staging_root = tempfile.mkdtemp(prefix="lkjip-staging-")
        return str(Path(self._staging_root, *params.key.split("/")))

    def publish(self, result: ReportResult, manifest: dict, formats: Sequence[str]) -> ReportResult:
        if not result.published:
            staging = Path(result.staging_dir) if result.staging_dir else None
            if result.payload is not None:  # built remotely for a local output: not this class's case
                raise ReportError.from_key("dask.no_upload")
            try:
                publish_to_fs(staging, result, self.url)
            finally:
                if staging is not None:
                    shutil.rmtree(staging, ignore_errors=True)
        record_result(result, manifest, formats)
        return result

    def write(self, manifest: dict) -> None:
        stamp_manifest(manifest)
        _fs_write_bytes(self.fs, f"{self.root}/{MANIFEST}",
                        (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        _fs_write_bytes(self.fs, f"{self.root}/{INDEX}", render_index_for_files(manifest).encode("utf-8"))

    def present(self, files) -> set[str]:
        """Which of ``files`` (relative to the URL) exist: one listing of the output folder, not one
        request per file."""
        return set(files) & set(_fs_files(self.fs, self.root))

    def discard(self, job: ReportJob) -> None:
        if Path(job.staging_dir).exists():
            shutil.rmtree(job.staging_dir, ignore_errors=True)
        if self._staging_root is not None and not any(p.is_file() for p in Path(self._staging_root).rglob("*")):
            shutil.rmtree(self._staging_root, ignore_errors=True)
            self._staging_root = None


def render_index_for_files(manifest: dict) -> str:
    """The index of a remote output folder: links for the files each manifest entry lists."""
    with tempfile.TemporaryDirectory(prefix="lkjip-index-") as tmp:
        linkable = {REPORT_HTML, REPORT_PDF, REPORT_NOTEBOOK}
        for entry in manifest.get("reports", {}).values():
            for name in entry.get("files") or []:
                if name.rpartition("/")[2] in linkable:
                    target = Path(tmp).joinpath(*name.split("/"))
                    if target.resolve().is_relative_to(Path(tmp).resolve()):
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.touch()
        return render_index(manifest, tmp)


# --------------------------------------------------------------------------- the task, on a worker

_DATASETS: dict[str, str] = {}
_DATASETS_LOCK = threading.Lock()


def bundle_files(path: str | Path) -> dict[str, bytes]:
    """The files of a dataset (a folder, or one workbook) as ``{relative path: bytes}``."""
    path = Path(path)
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _unpack_dataset(key: str, bundle: dict[str, bytes], is_file: bool) -> str:
    """Write a dataset bundle once per worker process; return its path there."""
    with _DATASETS_LOCK:
        if key in _DATASETS and Path(_DATASETS[key]).exists():
            return _DATASETS[key]
        folder = Path(tempfile.mkdtemp(prefix="lkjip-dataset-"))
        for name, data in bundle.items():
            target = folder.joinpath(*name.split("/"))
            if not target.resolve().is_relative_to(folder.resolve()):
                raise ReportError.from_key("dask.bad_dataset_name", name=repr(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        path = str(folder / next(iter(bundle))) if is_file else str(folder)
        _DATASETS[key] = path
        return path


def run_remote(job: ReportJob, notebook: bytes, dataset: dict | None = None,
               output_url: str | None = None) -> ReportResult:
    """Dask task: build one report on this worker; return it with its files, or after uploading it.

    Parameters
    ----------
    job : ReportJob
        As made by the client (``staging_dir`` is the client's; a local temporary
        folder is used here).
    notebook : bytes
        The notebook file's content.
    dataset : dict, optional
        ``{"key", "files", "is_file"}`` for a dataset on the client's disk (None: the
        embedded dataset, or a path the workers can read).
    output_url : str, optional
        fsspec URL of the output folder: upload there (see :func:`publish_to_fs`).
        Without it the files travel back in ``result.payload``.
    """
    params = job.params
    work = Path(tempfile.mkdtemp(prefix="lkjip-task-"))
    try:
        source = work / "notebook" / Path(params.notebook_path).name
        source.parent.mkdir()
        source.write_bytes(notebook)
        local = replace(params, notebook_path=str(source))
        if dataset is not None:
            local = replace(local, dataset=_unpack_dataset(dataset["key"], dataset["files"], dataset["is_file"]))
        staging = work / "report"
        result = execute_report(replace(job, params=local, staging_dir=str(staging)))
        result.params, result.staging_dir = params, ""
        if output_url is not None:
            return publish_to_fs(staging, result, output_url)
        if result.ok:
            result.payload = {name: (staging / name).read_bytes() for name in report_files(staging)}
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- the client's side


def require_dask() -> None:
    """Raise :class:`ReportError` with the install hint unless ``distributed`` and ``fsspec`` import."""
    _require("distributed")
    _require("fsspec")


#: Scheduler settings of the LocalCluster that ``--scheduler local`` starts (see :func:`client_for`).
LOCAL_CLUSTER_CONFIG = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}


def client_for(scheduler: str, workers: int | None = None):
    """``(Client, cluster or None)``: connect to ``scheduler``, or start a LocalCluster for ``"local"``.

    The LocalCluster has one single-threaded worker process per CPU core (or ``workers``). Its
    scheduler does not retry a task whose worker died (``allowed-failures: 0``; Dask's default
    retries it on up to three more workers, and a report that kills its worker would kill
    them too) and queues no report on a busy worker (``worker-saturation: 1.0``). Set these
    on a cluster of your own the same way for the same behaviour.

    Raises
    ------
    ReportError
        The scheduler cannot be reached (or the cluster not started).
    """
    require_dask()
    import distributed

    try:
        if scheduler == "local":
            import dask

            n = workers or default_workers()
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                   dashboard_address="127.0.0.1:0")
                return distributed.Client(cluster), cluster
        return distributed.Client(scheduler, timeout=30), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ReportError.from_key("dask.unreachable", scheduler=repr(scheduler),
                                   detail=f"{type(exc).__name__}: {exc}") from exc


def schedule_dask(jobs: Sequence[ReportJob], scheduler: str | object, workers: int | None = None,
                  output_url: str | None = None) -> Iterator[ReportResult]:
    """Submit one :func:`run_remote` task per job and yield the results as they finish.

    ``scheduler`` is an address, ``"local"``, or a ``distributed.Client`` to use as is.
    A task that raises, or whose worker died, yields a ``failed`` result for its
    report. When the caller stops early the pending tasks are cancelled (a task
    already running finishes on its worker; with a URL output it still publishes its
    complete report, which the manifest then does not list).
    """
    distributed = _require("distributed")
    own = not isinstance(scheduler, distributed.Client)
    client, cluster = client_for(scheduler, workers) if own else (scheduler, None)
    futures: dict = {}
    try:
        notebooks: dict[str, bytes] = {}
        datasets: dict[str, dict] = {}
        for job in jobs:
            p = job.params
            if p.notebook_path not in notebooks:
                notebooks[p.notebook_path] = Path(p.notebook_path).read_bytes()
            if p.dataset and p.dataset not in datasets:
                datasets[p.dataset] = {"key": f"{p.dataset_checksum}-{uuid.uuid4().hex[:8]}",
                                       "files": bundle_files(p.dataset), "is_file": Path(p.dataset).is_file()}
        for job in jobs:
            p = job.params
            future = client.submit(run_remote, job, notebooks[p.notebook_path], datasets.get(p.dataset),
                                   output_url, key=f"lkjip-{p.key.replace('/', '-')}-{uuid.uuid4().hex[:8]}",
                                   pure=False)
            futures[future] = job
        for future in distributed.as_completed(list(futures)):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - the task raised, or its worker died (KilledWorker)
                result = crashed(futures[future], exc)
            yield result
    finally:
        with contextlib.suppress(Exception):
            client.cancel([f for f in futures if not f.done()])
        if own:
            with contextlib.suppress(Exception):
                client.close()
            if cluster is not None:
                with contextlib.suppress(Exception):
                    cluster.close()
