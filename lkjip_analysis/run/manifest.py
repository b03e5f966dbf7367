"""The output folder of a run: publishing a staged report (renames only), the manifest and the index.

:class:`LocalOutput` is the folder on this machine; :class:`lkjip_analysis.run.distributed.FsspecOutput`
the same protocol for fsspec URLs. Both record results with :func:`record_result` and stamp the
manifest with :func:`stamp_manifest`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import i18n
from ..config import VERSION
from ..exceptions import ReportError
from ..io.atomic import atomic_write_text, clean_stale, staging_path, swap_in
from .export import FORMATS, REPORT_HTML, REPORT_NOTEBOOK, REPORT_PDF, render_index, report_files
from .jobs import INDEX, MANIFEST, STATUS_FAILED, STATUS_OK, STATUS_UNCHANGED, ReportJob, ReportResult, now
from .params import ReportParams

logger = logging.getLogger(__name__)

def load_manifest(output_dir: str | Path) -> dict:
    """The manifest of ``output_dir`` (an empty one when missing or unreadable)."""
    path = Path(output_dir) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {}
    except (OSError, ValueError) as exc:
        logger.warning(i18n.message("log.manifest_unreadable", path=path, error=exc))
        data = {}
    if not isinstance(data, dict) or not isinstance(data.get("reports"), dict):
        data = {}
    data.setdefault("reports", {})
    return data


def _manifest_entry(result: ReportResult, formats: Sequence[str], previous: dict | None) -> dict:
    p = result.params
    entry = {
        "report": p.key,
        "title": p.display_title,
        "notebook": p.notebook,
        "params_file": str(Path(p.source).resolve()),
        "params": p.as_dict(),
        "agency_name": p.agency_name,
        "dataset": {"path": p.dataset or "(embedded)", "checksum": p.dataset_checksum},
        "package_version": VERSION,
        "formats": list(formats),
        "started": result.started,
        "duration_s": result.duration,
        "duration": result.duration,
        "cell_seconds": result.cell_seconds,
        "pdf_seconds": result.pdf_seconds,
        "pdf_engine": result.pdf_engine,
        "kernel": result.kernel,
        "kernel_discarded": result.kernel_discarded,
        "status": result.status,
        "error": result.error,
        "error_en": i18n.render(result.error, "en") if result.error else None,
        "error_name": result.ename,
        "error_value": result.evalue,
        "attempts": result.attempts,
        "files": result.files,
        "run_key": result.run_key if result.ok and result.run_key else None,
        "built": result.started if result.ok else (previous or {}).get("built"),
    }
    if result.status == STATUS_FAILED and previous and result.files:
        kept = previous.get("previous") if previous.get("status") == STATUS_FAILED else previous
        if kept:
            entry["previous"] = {k: kept.get(k) for k in ("started", "status", "params", "dataset", "package_version")}
    return entry


def _materialize(result: ReportResult, final: Path) -> None:
    """Write the files a remote worker sent back into a fresh staging folder next to ``final``."""
    if result.payload is None:
        return
    if result.ok:
        staging = staging_path(final)
        try:
            for name, data in result.payload.items():
                target = staging.joinpath(*name.split("/"))
                if not target.resolve().is_relative_to(staging.resolve()):
                    raise ReportError.from_key("manifest.bad_worker_name", name=repr(name))
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        result.staging_dir = str(staging)
    else:
        result.staging_dir = ""
    result.payload = None


def record_result(result: ReportResult, manifest: dict, formats: Sequence[str] = FORMATS) -> None:
    """Record a published report in ``manifest`` (in memory).

    An ``unchanged`` report keeps its entry (the facts of the run that built it: ``started``,
    ``built``, durations, files) with ``status: unchanged``, its ``run_key`` and ``checked``
    (this run's time).
    """
    key = result.params.key
    previous = manifest["reports"].get(key)
    if result.status == STATUS_UNCHANGED and previous:
        entry = dict(previous)
        entry.update(status=STATUS_UNCHANGED, run_key=result.run_key, checked=now(),
                     built=previous.get("built") or previous.get("started"),
                     params_file=str(Path(result.params.source).resolve()), error=None, error_en=None,
                     error_name=None, error_value=None)
        entry.pop("previous", None)
        manifest["reports"][key] = entry
        return
    manifest["reports"][key] = _manifest_entry(result, formats, previous)


def required_files(key: str, formats: Sequence[str]) -> list[str]:
    """The files a report written in ``formats`` has, relative to the output folder.

    >>> required_files("dinas-a/2020", ["html"])
    ['dinas-a/2020/report.ipynb', 'dinas-a/2020/report.html']
    """
    names = [REPORT_NOTEBOOK] + [name for fmt, name in (("html", REPORT_HTML), ("pdf", REPORT_PDF)) if fmt in formats]
    return [f"{key}/{name}" for name in names]


def unchanged_since(previous: dict | None, run_key: str, formats: Sequence[str], present: set[str]) -> bool:
    """Whether a report may be skipped: its manifest entry ``previous`` was written whole (``ok``, or
    ``unchanged`` since) with ``run_key``, and every file it lists (and every file ``formats`` needs) is
    in ``present``. A failed report, or one without its PDF, is never unchanged.

    >>> entry = {"report": "a/1", "status": "ok", "run_key": "k1", "files": ["a/1/report.ipynb", "a/1/report.html"]}
    >>> unchanged_since(entry, "k1", ["html"], {"a/1/report.ipynb", "a/1/report.html"})
    True
    >>> unchanged_since(entry, "k2", ["html"], {"a/1/report.ipynb", "a/1/report.html"})  # another key
    False
    >>> unchanged_since(entry, "k1", ["html"], {"a/1/report.ipynb"})                     # a file is gone
    False
    """
    if not previous or previous.get("status") not in (STATUS_OK, STATUS_UNCHANGED):
        return False
    if not run_key or previous.get("run_key") != run_key:
        return False
    files = previous.get("files") or []
    key = str(previous.get("report") or "")
    return bool(files) and all(f in present for f in files) and all(
        f in present for f in required_files(key, formats))


def publish_result(result: ReportResult, output_dir: str | Path, manifest: dict,
                   formats: Sequence[str] = FORMATS) -> ReportResult:
    """Put one finished report in place and record it in ``manifest`` (in memory).

    A written report (``ok``/``pdf_missing``) replaces the report folder with
    renames only. A failed report's staging folder is discarded and an earlier
    report in the folder is left untouched (its files are listed in the entry).
    A report built on a remote worker (``result.payload``) is first written into a
    staging folder here.
    """
    output_dir = Path(output_dir)
    final = result.params.output_folder(output_dir)
    _materialize(result, final)
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
    record_result(result, manifest, formats)
    return result


def write_manifest_and_index(output_dir: str | Path, manifest: dict) -> None:
    """Write ``manifest.json`` and ``index.html`` atomically (temp file + os.replace)."""
    output_dir = Path(output_dir)
    stamp_manifest(manifest)
    atomic_write_text(output_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(output_dir / INDEX, render_index(manifest, output_dir))


def stamp_manifest(manifest: dict) -> dict:
    """Set the manifest's version and time, and sort its reports (before it is written)."""
    manifest["package_version"] = VERSION
    manifest["updated"] = now()
    manifest["reports"] = dict(sorted(manifest["reports"].items()))
    return manifest


def clean_output_dir(output_dir: str | Path) -> list[Path]:
    """Remove staging folders and temp files that interrupted runs left in ``output_dir``."""
    output_dir = Path(output_dir)
    handled = clean_stale(output_dir)
    if output_dir.is_dir():
        for sub in output_dir.iterdir():
            if sub.is_dir() and not sub.name.startswith("."):
                handled += clean_stale(sub)
    return handled


class LocalOutput:
    """The output folder on this machine: staging folders next to each report, renames to publish."""

    def __init__(self, path: str | Path) -> None:
        self.root = Path(path)

    def __str__(self) -> str:
        return str(self.root)

    def prepare(self) -> dict:
        """Create the folder, remove what interrupted runs left, return the manifest."""
        self.root.mkdir(parents=True, exist_ok=True)
        clean_output_dir(self.root)
        return load_manifest(self.root)

    def staging_for(self, params: ReportParams) -> str:
        return str(staging_path(params.output_folder(self.root)))

    def publish(self, result: ReportResult, manifest: dict, formats: Sequence[str]) -> ReportResult:
        return publish_result(result, self.root, manifest, formats)

    def write(self, manifest: dict) -> None:
        write_manifest_and_index(self.root, manifest)

    def present(self, files: Iterable[str]) -> set[str]:
        """Which of ``files`` (relative to the output folder) exist as files."""
        return {f for f in files if (self.root / f).is_file()}

    def discard(self, job: ReportJob) -> None:
        if Path(job.staging_dir).exists():
            shutil.rmtree(job.staging_dir, ignore_errors=True)


def is_url(path: str | Path | None) -> bool:
    """True for an fsspec URL such as ``s3://bucket/outputs`` or ``memory://outputs``.

    >>> is_url("s3://bucket/laporan"), is_url("outputs"), is_url(Path("/tmp/x"))
    (True, False, False)
    """
    return isinstance(path, str) and "://" in path
