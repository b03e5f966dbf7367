"""The batch runner: real kernels on tiny fixture notebooks, plus fast unit tests with a fake executor."""

from __future__ import annotations

import asyncio
import functools
import json
import pickle
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from lkjip_analysis import __version__
from lkjip_analysis.cli import main
from lkjip_analysis.run import kernels, runner
from lkjip_analysis.run.chromium import find_chromium
from lkjip_analysis.run.jobs import ReportJob, ReportResult, execute_report
from lkjip_analysis.run.kernels import IpcKernelManager, is_kernel_start_collision
from lkjip_analysis.run.params import validate_params
from lkjip_analysis.run.runner import run_reports

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

HERE = Path(__file__).parents[1]
NOTEBOOKS = HERE / "notebooks"
MINI = HERE / "fixtures" / "mini"
GOOD = HERE / "fixtures" / "params" / "good"


def write_params(folder: Path, stem: str, notebook: str = "ok", **values) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"notebook": str(NOTEBOOKS / f"{notebook}.ipynb"), "agency_id": "dinas-a", "year": 2020,
            "dataset": str(MINI), **values}
    path = folder / f"{stem}.yaml"
    data = {k: v for k, v in data.items() if v is not None}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def hidden_entries(folder: Path) -> list[Path]:
    """Staging folders, folders renamed aside, temp files: anything a clean run must not leave."""
    return [p for p in folder.rglob(".*")]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- one real batch, shared


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Run the three fixture params (ok, raising, regional) once with real kernels, one worker."""
    out = tmp_path_factory.mktemp("batch") / "outputs"
    summary = run_reports(sorted(GOOD.glob("*.yaml")), output_dir=out, workers=1, progress=False)
    return summary, out


def test_batch_finishes_the_others_and_reports_the_failure(batch) -> None:
    summary, out = batch
    assert summary.exit_code == 1
    assert {r.params.key: r.status for r in summary.results} == {
        "dinas-a/2020": "ok", "dinas-b/2019": "failed", "_regional/regional": "ok"}
    [failed] = summary.failed
    assert failed.ename == "ValueError" and "dinas-b 2019 rusak" in failed.evalue
    text = summary.format()
    assert "GAGAL dinas-b 2019" in text and "ValueError: data dinas-b 2019 rusak (sengaja) (sel [" in text
    assert "dinas-b-2019.yaml" in text
    assert not (out / "dinas-b").exists()  # nothing published for a report that never succeeded
    assert hidden_entries(out) == []


def test_report_folder_layout(batch) -> None:
    _, out = batch
    folder = out / "dinas-a" / "2020"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "figures/tren.png", "report.html", "report.ipynb", "report.pdf", "tables/capaian.csv"]
    regional = out / "_regional" / "regional"
    assert (regional / "tables" / "instansi.csv").exists() and (regional / "report.pdf").exists()
    nb = nbformat.read(folder / "report.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "permendagri86" in injected[0].source and "output_dir = \".\"" in injected[0].source


def test_html_has_no_code_input(batch) -> None:
    _, out = batch
    html = (out / "dinas-a" / "2020" / "report.html").read_text(encoding="utf-8")
    assert "Dinas Sosial Kota A tahun 2020 (permendagri86, ratio, id)" in html
    assert "KODE-TIDAK-BOLEH-TAMPIL" not in html and "peringatan untuk analis" not in html
    assert "data:image/png;base64" in html  # the figure is embedded
    assert "<title>Dinas Sosial Kota A — 2020</title>" in html
    assert "KODE-TIDAK-BOLEH-TAMPIL" in (out / "dinas-a" / "2020" / "report.ipynb").read_text()


def test_pdf_contains_the_agency_name(batch) -> None:
    _, out = batch
    text = "".join(p.extract_text() for p in PdfReader(out / "dinas-a" / "2020" / "report.pdf").pages)
    assert "Dinas Sosial Kota A" in text and "Laporan uji" in text


def test_index_links_the_reports(batch) -> None:
    _, out = batch
    index = (out / "index.html").read_text(encoding="utf-8")
    for href in ("dinas-a/2020/report.html", "dinas-a/2020/report.pdf", "dinas-a/2020/report.ipynb",
                 "_regional/regional/report.html"):
        assert f'href="{href}"' in index
    assert "Dinas Sosial Kota A (dinas-a)" in index and "Dinas Sosial Kabupaten B (dinas-b)" in index
    assert "gagal" in index and "berhasil" in index and "Perbandingan uji" in index


def test_manifest_fields(batch) -> None:
    _, out = batch
    data = manifest(out)
    assert set(data["reports"]) == {"dinas-a/2020", "dinas-b/2019", "_regional/regional"}
    entry = data["reports"]["dinas-a/2020"]
    checksum = validate_params([GOOD / "dinas-a-2020.yaml"])[0].dataset_checksum
    assert entry["params_file"] == str((GOOD / "dinas-a-2020.yaml").resolve())
    assert entry["params"]["agency_id"] == "dinas-a" and entry["params"]["year"] == 2020
    assert entry["params"]["efficiency_method"] == "ratio"
    assert entry["dataset"] == {"path": str(MINI.resolve()), "checksum": checksum}
    assert entry["package_version"] == __version__
    assert entry["status"] == "ok" and entry["error"] is None and entry["duration_s"] > 0
    assert entry["started"][:2] == "20" and "T" in entry["started"]
    assert "dinas-a/2020/report.pdf" in entry["files"] and "dinas-a/2020/tables/capaian.csv" in entry["files"]
    failed = data["reports"]["dinas-b/2019"]
    assert failed["status"] == "failed" and failed["error_name"] == "ValueError" and failed["files"] == []
    assert "rusak" in failed["error"]
    assert data["lang"] == "id"  # the index's language (lkjip --lang)
    assert "(sel [" in failed["error"] and "(cell [" in failed["error_en"]  # the reason, said in both languages


def test_second_run_replaces_cleanly_and_merges_manifest(batch, tmp_path: Path) -> None:
    _, first_out = batch
    out = tmp_path / "outputs"
    shutil.copytree(first_out, out)
    before = manifest(out)["reports"]["dinas-a/2020"]
    # leftovers of an interrupted run: a staging folder and a temp manifest of a dead process
    dead = 2 ** 22 + 999
    (out / "dinas-a" / f".2020.staging-{dead}-0badc0de").mkdir()
    (out / f".manifest.json.tmp-{dead}-0badc0de").write_text("{")
    path = write_params(tmp_path / "params", "dinas-a-2020", notebook="sleeps", lang="en")
    summary = run_reports([path], formats=["html"], output_dir=out, workers=1, progress=False)
    assert summary.exit_code == 0 and summary.failed == []
    folder = out / "dinas-a" / "2020"
    assert (folder / "tables" / "lambat.csv").exists() and (folder / "report.html").exists()
    assert not (folder / "report.pdf").exists() and not (folder / "tables" / "capaian.csv").exists()
    assert hidden_entries(out) == []
    data = manifest(out)
    assert set(data["reports"]) == {"dinas-a/2020", "dinas-b/2019", "_regional/regional"}  # merged
    entry = data["reports"]["dinas-a/2020"]
    assert entry["params"]["lang"] == "en" and entry["formats"] == ["html"]
    assert entry["started"] >= before["started"] and entry["params_file"] == str(path.resolve())
    assert "dinas-a/2020/report.pdf" not in entry["files"]


def test_failing_rerun_keeps_the_good_report(batch, tmp_path: Path) -> None:
    _, first_out = batch
    out = tmp_path / "outputs"
    shutil.copytree(first_out, out)
    folder = out / "dinas-a" / "2020"
    old = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    path = write_params(tmp_path / "params", "dinas-a-2020", notebook="raises")
    summary = run_reports([path], output_dir=out, workers=1, progress=False)
    assert summary.exit_code == 1 and summary.failed[0].ename == "ValueError"
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == old
    assert hidden_entries(out) == []
    entry = manifest(out)["reports"]["dinas-a/2020"]
    assert entry["status"] == "failed" and "rusak" in entry["error"]
    assert "dinas-a/2020/report.pdf" in entry["files"] and entry["previous"]["status"] == "ok"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "laporan sebelumnya dipertahankan" in index and 'href="dinas-a/2020/report.pdf"' in index
    assert "dipertahankan" in summary.format()


def test_two_workers(tmp_path: Path) -> None:
    files = [write_params(tmp_path / "params", "a", notebook="sleeps"),
             write_params(tmp_path / "params", "b", notebook="sleeps", year=2019),
             write_params(tmp_path / "params", "c", notebook="raises", agency_id="dinas-b", year=2019)]
    out = tmp_path / "out"
    summary = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert sorted((r.params.key, r.status) for r in summary.results) == [
        ("dinas-a/2019", "ok"), ("dinas-a/2020", "ok"), ("dinas-b/2019", "failed")]
    assert summary.failed[0].ename == "ValueError"
    assert (out / "dinas-a" / "2019" / "tables" / "lambat.csv").exists()
    assert hidden_entries(out) == []


def _live_browsers(profile_root: str) -> list[int]:
    """Pids of running (not zombie) processes whose Chromium profile lies under ``profile_root``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and any(a.startswith(f"--user-data-dir={profile_root}".encode()) for a in cmdline):
            pids.append(int(proc.name))
    return pids


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium here")
def test_pool_workers_print_with_chromium_and_close_their_browsers(tmp_path: Path, monkeypatch) -> None:
    import tempfile

    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setenv("TMPDIR", str(root))  # the workers' temp folders (browser profiles) go here
    monkeypatch.setattr(tempfile, "tempdir", None)
    started = tmp_path / "started.txt"  # a wrapper notes each browser start, then runs the real one
    wrapper = tmp_path / "chromium-wrapper"
    wrapper.write_text(f'#!/bin/sh\nfor a in "$@"; do case "$a" in --user-data-dir=*) echo "${{a#*=}}" >> {started};; '
                       f'esac; done\nexec {find_chromium()} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("LKJIP_CHROMIUM", str(wrapper))
    files = [write_params(tmp_path / "params", "a"), write_params(tmp_path / "params", "b", year=2019),
             write_params(tmp_path / "params", "c", agency_id="dinas-b", year=2019)]
    out = tmp_path / "out"
    summary = run_reports(files, output_dir=out, workers=2, progress=False, pdf_engine="chromium")
    assert summary.exit_code == 0, summary.format()
    assert {r.pdf_engine for r in summary.results} == {"chromium"}
    assert all((out / r.params.key / "report.pdf").exists() for r in summary.results)
    profiles = started.read_text().split()
    assert 1 <= len(profiles) <= 2 and all(p.startswith(str(root)) for p in profiles)  # one browser per worker
    assert _live_browsers(str(root)) == []  # every worker closed its browser on the way out
    assert not any(Path(p).exists() for p in profiles)  # and removed its profile


# --------------------------------------------------------------------------- IPC kernels and retries


def test_ipc_kernel_manager_uses_short_unix_sockets() -> None:
    async def start_and_stop() -> tuple[dict, list[str], str]:
        km = IpcKernelManager(kernel_name="python3")
        assert km.transport == "ipc" and km.ip.startswith(km.socket_dir) and len(km.ip) + 4 < 100
        await km.start_kernel()
        kc = km.client()
        try:
            kc.start_channels()
            await kc.wait_for_ready(timeout=60)  # the kernel answered over the unix sockets
            info = json.loads(Path(km.connection_file).read_text())
            sockets = sorted(p.name for p in Path(km.socket_dir).iterdir())
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
        return info, sockets, km.socket_dir

    info, sockets, socket_dir = asyncio.run(start_and_stop())
    assert info["transport"] == "ipc" and info["ip"].startswith(socket_dir)
    assert "k-1" in sockets and "kernel.json" in sockets
    assert not Path(socket_dir).exists()  # removed with the kernel's resources


def fake_executor(monkeypatch, failures: list[BaseException] | None = None, calls: list | None = None):
    """Replace papermill.execute_notebook: raise each of ``failures`` once, then 'execute' by copying."""
    failures = list(failures or [])

    def execute_notebook(input_path, output_path, parameters=None, **kwargs):
        if calls is not None:
            calls.append({"input_path": input_path, "parameters": parameters, **kwargs})
        if failures:
            raise failures.pop(0)
        nb = nbformat.read(input_path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("x", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text=f"dieksekusi {parameters['agency_id']}\n")]))
        nbformat.write(nb, output_path)
        folder = Path(output_path).parent  # the report's folder (papermill's cwd, or the warm kernel's)
        (folder / "tables").mkdir()
        (folder / "tables" / "t.csv").write_text("a\n")
        return nb

    monkeypatch.setattr("papermill.execute_notebook", execute_notebook)
    monkeypatch.setattr(runner.time, "sleep", lambda s: None)


def job(tmp_path: Path, **kwargs) -> ReportJob:
    [p] = validate_params([write_params(tmp_path / "params", "a")])
    return ReportJob(p, str(tmp_path / "dinas-a" / ".2020.staging-1-00000000"), **kwargs)


def test_papermill_gets_ipc_manager_kernel_and_cwd(tmp_path: Path, monkeypatch) -> None:
    calls: list = []
    fake_executor(monkeypatch, calls=calls)
    result = execute_report(job(tmp_path, formats=("html",)))
    assert result.status == "ok" and result.attempts == 1
    [call] = calls
    assert call["kernel_manager_class"] is IpcKernelManager
    assert call["kernel_name"] == "python3" and call["progress_bar"] is False
    assert call["cwd"] == result.staging_dir and call["parameters"]["output_dir"] == "."
    assert result.files == ["report.html", "report.ipynb", "tables/t.csv"]
    assert pickle.loads(pickle.dumps(result)).files == result.files


@pytest.mark.parametrize("message", ["Kernel died before replying to kernel_info",
                                     "zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:5555')"])
def test_kernel_start_collisions_are_retried(tmp_path: Path, monkeypatch, message: str) -> None:
    fake_executor(monkeypatch, failures=[RuntimeError(message), RuntimeError(message)])
    result = execute_report(job(tmp_path, formats=("html",)))
    assert result.status == "ok" and result.attempts == 3


def test_warm_job_runs_papermill_with_the_warm_engine(tmp_path: Path, monkeypatch) -> None:
    from lkjip_analysis.run.kernels import WARM_ENGINE, WarmKernel, close_worker_kernels

    calls: list = []
    fake_executor(monkeypatch, failures=[RuntimeError("Kernel died before replying to kernel_info")], calls=calls)
    try:
        result = execute_report(job(tmp_path, formats=("html",), warm_kernel=True))
    finally:
        close_worker_kernels()
    assert result.status == "ok" and result.attempts == 2  # start collisions are retried here too
    call = calls[-1]
    assert call["engine_name"] == WARM_ENGINE and isinstance(call["warm_kernel"], WarmKernel)
    assert call["kernel_cwd"] == result.staging_dir and call["parameters"]["output_dir"] == "."
    assert "cwd" not in call and "kernel_manager_class" not in call  # papermill must not chdir the worker
    assert result.kernel.startswith("warm") and result.files == ["report.html", "report.ipynb", "tables/t.csv"]


def test_cli_kernel_and_scheduler_options(tmp_path: Path, monkeypatch) -> None:
    seen: dict = {}

    def fake_run_reports(files, **kwargs):
        seen.update(kwargs)
        return runner.RunSummary([], tmp_path)

    monkeypatch.setattr(runner, "run_reports", fake_run_reports)
    ok = write_params(tmp_path / "p", "ok")
    assert CliRunner().invoke(main, ["run", str(ok)]).exit_code == 0
    assert seen["warm_kernels"] is True and seen["scheduler"] is None and seen["pdf_engine"] is None
    assert CliRunner().invoke(main, ["run", str(ok), "--pdf-engine", "WeasyPrint"]).exit_code == 0
    assert seen["pdf_engine"] == "weasyprint"
    result = CliRunner().invoke(main, ["run", str(ok), "--fresh-kernels", "--scheduler", "local",
                                       "--output-dir", "memory://x"])
    assert result.exit_code == 0, result.output
    assert seen["warm_kernels"] is False and seen["scheduler"] == "local" and seen["output_dir"] == "memory://x"


def test_retries_give_up_after_three(tmp_path: Path, monkeypatch) -> None:
    error = RuntimeError("Kernel died before replying to kernel_info")
    fake_executor(monkeypatch, failures=[error] * 5)
    result = execute_report(job(tmp_path))
    assert result.status == "failed" and result.attempts == 4 and "kernel_info" in result.error


def test_other_errors_are_not_retried(tmp_path: Path, monkeypatch) -> None:
    fake_executor(monkeypatch, failures=[RuntimeError("something else")])
    result = execute_report(job(tmp_path))
    assert result.status == "failed" and result.attempts == 1 and result.ename == "RuntimeError"


def test_collision_detection_follows_the_cause() -> None:
    try:
        try:
            raise OSError("Address already in use")
        except OSError as exc:
            raise RuntimeError("kernel start failed") from exc
    except RuntimeError as outer:
        assert is_kernel_start_collision(outer)
    assert not is_kernel_start_collision(ValueError("Address"))


def test_pdf_engine_missing_still_writes_html(tmp_path: Path, monkeypatch) -> None:
    fake_executor(monkeypatch)
    monkeypatch.setenv("LKJIP_CHROMIUM", "")  # no Chromium either: auto means WeasyPrint
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    out = tmp_path / "out"
    summary = run_reports([write_params(tmp_path / "params", "a")], output_dir=out, workers=1, progress=False)
    [result] = summary.results
    assert result.status == "pdf_missing" and summary.exit_code == 1 and summary.failed == []
    assert "pip install weasyprint" in result.error and "--formats html" in summary.format()
    assert (out / "dinas-a" / "2020" / "report.html").exists()
    assert not (out / "dinas-a" / "2020" / "report.pdf").exists()
    assert manifest(out)["reports"]["dinas-a/2020"]["status"] == "pdf_missing"
    assert manifest(out)["reports"]["dinas-a/2020"]["pdf_engine"] is None


def test_pdf_engine_is_recorded_and_checked_before_any_kernel(tmp_path: Path, monkeypatch) -> None:
    fake_executor(monkeypatch)
    params = write_params(tmp_path / "params", "a")
    out = tmp_path / "out"
    summary = run_reports([params], output_dir=out, workers=1, progress=False, pdf_engine="weasyprint")
    assert summary.exit_code == 0 and summary.results[0].pdf_engine == "weasyprint"
    assert manifest(out)["reports"]["dinas-a/2020"]["pdf_engine"] == "weasyprint"
    monkeypatch.setenv("LKJIP_CHROMIUM", "")
    started = []
    monkeypatch.setattr(runner, "schedule", lambda *a, **k: started.append(1))
    result = CliRunner().invoke(main, ["run", str(params), "--pdf-engine", "chromium", "--output-dir", str(out)])
    assert result.exit_code == 2 and "Chromium tidak ditemukan" in result.output and not started
    assert "apt-get install chromium-headless-shell" in result.output
    result = CliRunner().invoke(main, ["run", str(params), "--pdf-engine", "latex"])
    assert result.exit_code == 2 and "latex" in result.output


def test_interrupted_run_leaves_published_reports_and_no_staging(tmp_path: Path, monkeypatch) -> None:
    fake_executor(monkeypatch)
    out = tmp_path / "out"
    files = [write_params(tmp_path / "params", "a"), write_params(tmp_path / "params", "b", year=2019)]
    run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    good = (out / "dinas-a" / "2019" / "report.html").read_bytes()
    real_execute = runner.execute_report
    seen = []

    def execute_then_interrupt(job):
        seen.append(job)
        if len(seen) == 2:
            Path(job.staging_dir).mkdir(parents=True)  # half-built report
            (Path(job.staging_dir) / "report.html").write_text("setengah")
            raise KeyboardInterrupt
        return real_execute(job)

    monkeypatch.setattr(runner, "execute_report", execute_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False, force=True)
    assert (out / "dinas-a" / "2019" / "report.html").read_bytes() == good
    assert hidden_entries(out) == []
    assert set(manifest(out)["reports"]) == {"dinas-a/2020", "dinas-a/2019"}


# --------------------------------------------------------------------------- CLI


def test_cli_exit_codes(tmp_path: Path) -> None:
    cli = CliRunner()
    out = tmp_path / "out"
    ok = write_params(tmp_path / "p", "ok", notebook="sleeps")
    bad = write_params(tmp_path / "p", "bad", notebook="raises", agency_id="dinas-b", year=2019)
    common = ["--output-dir", str(out), "--workers", "1", "--formats", "html", "--no-progress"]

    result = cli.invoke(main, ["run", str(ok), *common])
    assert result.exit_code == 0, result.output
    assert "1 laporan" in result.output and (out / "dinas-a" / "2020" / "report.html").exists()

    result = cli.invoke(main, ["run", str(bad), *common])
    assert result.exit_code == 1
    assert "GAGAL dinas-b 2019" in result.output and "ValueError" in result.output
    result = cli.invoke(main, ["--lang", "en", "run", str(bad), *common])  # the summary and the index in English
    assert result.exit_code == 1 and "FAILED dinas-b 2019" in result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "2 reports: 1 done, 1 failed" in index and "(cell [" in index

    unknown = write_params(tmp_path / "q", "unknown", colour="red")
    for args in (["run", str(unknown), *common], ["run", *common], ["run", str(ok), "--formats", "docx"],
                 ["run", str(ok), "--workers", "0"], ["run", "--params-dir", str(tmp_path)],
                 ["run", "--all", "--params-dir", str(tmp_path / "kosong")]):
        result = cli.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
    result = cli.invoke(main, ["run", str(unknown), *common])
    assert "unknown.yaml" in result.output and "'colour'" in result.output
    # one broken params file among good ones: refused before any kernel starts, the others run, exit 1
    shutil.rmtree(out)
    result = cli.invoke(main, ["run", str(ok), str(unknown), *common])
    assert result.exit_code == 1, result.output
    assert "1 berkas params ditolak" in result.output and "DITOLAK" in result.output and "'colour'" in result.output
    assert (out / "dinas-a" / "2020" / "report.html").exists()
    assert [Path(r["params_file"]).name for r in manifest(out)["refused"]] == ["unknown.yaml"]


def test_cli_all_uses_params_dir_and_dataset_override(tmp_path: Path, monkeypatch) -> None:
    fake_executor(monkeypatch)
    folder = tmp_path / "params"
    write_params(folder, "a", dataset="does-not-matter")
    mini = tmp_path / "mini"
    shutil.copytree(MINI, mini)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--all", "--params-dir", str(folder), "--dataset", str(mini),
                                       "--output-dir", str(out), "--workers", "1", "--formats", "html",
                                       "--no-progress"])
    assert result.exit_code == 0, result.output
    assert manifest(out)["reports"]["dinas-a/2020"]["dataset"]["path"] == str(mini.resolve())


def test_result_and_job_pickle(tmp_path: Path) -> None:
    j = job(tmp_path)
    assert pickle.loads(pickle.dumps(j)) == j
    r = ReportResult(j.params, "failed", "2024-01-01T00:00:00", 1.0, error="x")
    assert pickle.loads(pickle.dumps(r)) == r


def test_closing_the_pool_schedule_stops_the_workers(tmp_path: Path) -> None:
    import multiprocessing
    import time

    from lkjip_analysis.io.atomic import staging_path

    files = [write_params(tmp_path / "params", f"r{i}", notebook="regional", name=f"r{i}",
                           agency_id=None, year=None) for i in range(4)]
    params = validate_params(files)
    out = tmp_path / "out"
    jobs = [ReportJob(p, str(staging_path(p.output_folder(out))), ("html",)) for p in params]
    before = set(multiprocessing.active_children())  # children of earlier tests are not this pool's
    scheduled = runner.schedule(jobs, workers=2)
    first = next(scheduled)
    assert first.status == "ok"
    scheduled.close()  # what run_reports does on Ctrl-C
    assert set(multiprocessing.active_children()) <= before
    for job in jobs:
        shutil.rmtree(job.staging_dir, ignore_errors=True)
    time.sleep(1.0)
    assert not any(Path(job.staging_dir).exists() for job in jobs)  # no worker wrote after close


def test_socket_dirs_of_dead_processes_are_removed() -> None:
    dead = Path(kernels.socket_root()) / f"{kernels.SOCKET_DIR_PREFIX}{2 ** 22 + 4321}-abcdefgh"
    dead.mkdir()
    ours = IpcKernelManager(kernel_name="python3")
    assert dead in kernels.clean_socket_dirs() and not dead.exists()
    assert Path(ours.socket_dir).exists()
    ours._remove_socket_dir()
    assert not Path(ours.socket_dir).exists()


def test_missing_kernel_is_reported_before_running(tmp_path: Path, monkeypatch) -> None:
    from lkjip_analysis.exceptions import ReportError

    monkeypatch.setattr(runner, "KERNEL_NAME", "tidak-ada-kernel")
    monkeypatch.setattr(runner, "execute_report", lambda job: pytest.fail("ran"))
    with pytest.raises(ReportError, match="ipykernel install --sys-prefix --name tidak-ada-kernel"):
        run_reports([write_params(tmp_path / "p", "a")], output_dir=tmp_path / "o", workers=1, progress=False)


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium here")
def test_a_report_whose_chromium_tab_crashes_is_printed_by_weasyprint(tmp_path: Path, monkeypatch) -> None:
    from test_chromium import CrashingTab

    from lkjip_analysis.run import chromium

    fake_executor(monkeypatch)
    chromium.close_browsers()
    crashing = CrashingTab()
    monkeypatch.setattr(chromium, "_BROWSER", crashing)
    out = tmp_path / "out"
    try:
        summary = run_reports([write_params(tmp_path / "params", "a")], output_dir=out, workers=1, progress=False,
                              pdf_engine="auto")
    finally:
        crashing.close()
        chromium.close_browsers()
    [result] = summary.results
    assert summary.exit_code == 0 and result.status == "ok", summary.format()
    assert crashing.starts == 1  # Chromium was tried (and its tab crashed) before WeasyPrint printed
    assert result.pdf_engine == "weasyprint"
    assert manifest(out)["reports"]["dinas-a/2020"]["pdf_engine"] == "weasyprint"
    assert PdfReader(out / "dinas-a" / "2020" / "report.pdf").pages


# --------------------------------------------------------------------------- the pool started early


def test_the_pool_starts_early_only_when_reports_will_surely_be_built(tmp_path: Path) -> None:
    files = [write_params(tmp_path / "params", s, year=y) for s, y in (("a", 2020), ("b", 2019))]
    out = tmp_path / "out"
    decide = functools.partial(runner._early_pool, files, ("html",), "auto")
    assert decide(2, "local", True, True, out) is None  # a Dask scheduler has its own workers
    assert decide(2, None, False, True, out) is None  # --fresh-kernels
    assert decide(1, None, True, True, out) is None  # one worker: reports run in this process
    assert runner._early_pool(files[:1], ("html",), "auto", 2, None, True, True, out) is None  # one report
    assert decide(2, None, True, True, "memory://x") is None
    out.mkdir()
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    assert decide(2, None, True, False, out) is None  # a later run that may find everything unchanged
    pool = decide(2, None, True, True, out)  # --force
    try:
        assert pool is not None
        pool._lkjip_filling.join(timeout=120)
        processes = list(pool._processes.values())
        assert len(processes) == 2  # both workers started before any report was handed out
    finally:
        runner._stop_pool(pool, pool._lkjip_earlier_children)
    assert not any(p.is_alive() for p in processes)


def test_an_early_pool_whose_workers_died_is_replaced(tmp_path: Path) -> None:
    from lkjip_analysis.io.atomic import staging_path

    files = [write_params(tmp_path / "params", s, year=y) for s, y in (("a", 2020), ("b", 2019))]
    params = validate_params(files)
    out = tmp_path / "out"
    jobs = [ReportJob(p, str(staging_path(p.output_folder(out))), ("html",), warm_kernel=True) for p in params]
    pool = runner.open_pool(ReportJob(None, "", ("html",), warm_kernel=True), 2)
    pool._lkjip_filling.join(timeout=120)
    for process in list(pool._processes.values()):
        process.kill()
    deadline = time.monotonic() + 30
    while not pool._broken and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool._broken
    results = list(runner.schedule(jobs, workers=2, pool=pool))
    assert sorted((r.params.key, r.status) for r in results) == [("dinas-a/2019", "ok"), ("dinas-a/2020", "ok")]


def test_run_with_force_and_two_workers_uses_the_early_pool(tmp_path: Path, monkeypatch) -> None:
    opened = []
    real = runner.open_pool
    monkeypatch.setattr(runner, "open_pool", lambda *a, **k: opened.append(a) or real(*a, **k))
    files = [write_params(tmp_path / "params", s, year=y) for s, y in (("a", 2020), ("b", 2019))]
    out = tmp_path / "out"
    summary = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False, force=True)
    assert [r.status for r in summary.results] == ["ok", "ok"] and len(opened) == 1
    again = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert [r.status for r in again.results] == ["unchanged", "unchanged"] and len(opened) == 1  # no pool made
