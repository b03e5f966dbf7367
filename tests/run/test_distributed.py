"""The Dask engine (one task per report on a LocalCluster) and fsspec outputs (``memory://``).

One LocalCluster (2 single-threaded worker processes) serves the whole module. It is
made with ``allowed-failures: 0`` and ``worker-saturation: 1.0`` so that a task that
kills its worker fails at once (instead of being retried on three more workers) and
no other report is queued on that worker when it dies.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import yaml
from click.testing import CliRunner

from lkjip_analysis.cli import main
from lkjip_analysis.run.runner import run_reports

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

HERE = Path(__file__).parents[1]
NOTEBOOKS = HERE / "notebooks"
MINI = HERE / "fixtures" / "mini"
GOOD = HERE / "fixtures" / "params" / "good"


@pytest.fixture(scope="module")
def client():
    import dask

    from lkjip_analysis.run.distributed import LOCAL_CLUSTER_CONFIG

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # what `--scheduler local` uses
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address="127.0.0.1:0")
        client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def kills_its_worker(folder: Path) -> Path:
    """A report whose kernel kills the worker process that runs it (its parent)."""
    nb = nbformat.read(NOTEBOOKS / "raises.ipynb", as_version=4)
    nb.cells = nb.cells[:1] + [nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")]
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / "kills.ipynb")
    path = folder / "dinas-a-2019.yaml"
    path.write_text(yaml.safe_dump({"notebook": str(folder / "kills.ipynb"), "agency_id": "dinas-a", "year": 2019,
                                    "dataset": str(MINI)}), encoding="utf-8")
    return path


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_cluster_batch_matches_the_local_pool(client, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_reports(sorted(GOOD.glob("*.yaml")), formats=["html"], output_dir=out,
                          scheduler=client.scheduler.address, progress=False)
    statuses = {r.params.key: r.status for r in summary.results}
    assert statuses == {"dinas-a/2020": "ok", "dinas-b/2019": "failed", "_regional/regional": "ok"}, summary.format()
    by_key = {r.params.key: r for r in summary.results}
    assert by_key["dinas-b/2019"].ename == "ValueError" and "rusak" in by_key["dinas-b/2019"].evalue
    assert summary.exit_code == 1 and "GAGAL dinas-b 2019" in summary.format()

    folder = out / "dinas-a" / "2020"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "figures/tren.png", "report.html", "report.ipynb", "tables/capaian.csv"]
    assert (out / "_regional" / "regional" / "tables" / "instansi.csv").exists()
    assert not (out / "dinas-b").exists()
    assert [p for p in out.rglob(".*")] == []  # no staging folder or temp file left
    data = manifest(out)
    entry = data["reports"]["dinas-a/2020"]
    assert entry["status"] == "ok" and entry["kernel"].startswith("warm") and entry["cell_seconds"] > 0
    assert "dinas-a/2020/report.html" in entry["files"]
    assert data["reports"]["dinas-b/2019"]["error_name"] == "ValueError"
    assert 'href="dinas-a/2020/report.html"' in (out / "index.html").read_text(encoding="utf-8")

    # the worker got the notebook and the dataset as bytes: it read neither from the client's disk
    nb = nbformat.read(folder / "report.ipynb", as_version=4)
    assert nb.metadata.papermill.input_path != str((GOOD / "../../../notebooks/ok.ipynb").resolve())
    assert "lkjip-task-" in nb.metadata.papermill.input_path
    assert "lkjip-dataset-" in nb.metadata.papermill.parameters["dataset"]


def test_a_task_that_kills_its_worker_fails_alone(client, tmp_path: Path) -> None:
    """Run alone: a report queued on the same worker would die with it (Dask's KilledWorker rule)."""
    out = tmp_path / "out"
    summary = run_reports([kills_its_worker(tmp_path / "kill")], formats=["html"], output_dir=out,
                          scheduler=client.scheduler.address, progress=False)
    [result] = summary.results
    assert result.status == "failed" and result.ename == "KilledWorker", result.error
    assert summary.exit_code == 1 and "proses pekerja gagal" in summary.format()
    assert manifest(out)["reports"]["dinas-a/2019"]["error_name"] == "KilledWorker"
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the worker for the next tests


def test_memory_url_output_written_by_the_workers(client) -> None:
    url = "memory://lkjip-uji/dask"
    files = [GOOD / "dinas-a-2020.yaml", GOOD / "regional-comparison.yaml", GOOD / "dinas-b-2019.yaml"]
    result = CliRunner().invoke(main, ["run", *map(str, files), "--scheduler", client.scheduler.address,
                                       "--output-dir", url, "--formats", "html", "--no-progress"])
    assert result.exit_code == 1, result.output  # dinas-b fails on purpose
    assert "3 laporan" in result.output and "GAGAL dinas-b 2019" in result.output

    fs = fsspec.filesystem("memory")  # the client's memory: manifest and index
    data = json.loads(fs.cat_file("/lkjip-uji/dask/manifest.json"))
    assert {k: v["status"] for k, v in data["reports"].items()} == {
        "dinas-a/2020": "ok", "_regional/regional": "ok", "dinas-b/2019": "failed"}
    assert "dinas-a/2020/report.html" in data["reports"]["dinas-a/2020"]["files"]
    assert b'href="dinas-a/2020/report.html"' in fs.cat_file("/lkjip-uji/dask/index.html")

    def written():  # memory:// lives in each worker process: ask the workers what they hold
        from fsspec.implementations.memory import MemoryFileSystem

        return sorted(p for p in MemoryFileSystem.store if p.startswith("/lkjip-uji/dask/"))

    on_workers = sorted(p for paths in client.run(written).values() for p in paths)
    assert "/lkjip-uji/dask/dinas-a/2020/report.html" in on_workers
    assert "/lkjip-uji/dask/_regional/regional/tables/instansi.csv" in on_workers
    assert not any("/." in p for p in on_workers)  # no temporary names left
    assert not any(p.startswith("/lkjip-uji/dask/dinas-b") for p in on_workers)


def test_memory_url_output_with_the_local_pool(tmp_path: Path) -> None:
    """No cluster: this process stages each report locally and uploads it (replace, keep on failure)."""
    url = "memory://lkjip-uji/lokal"
    fs = fsspec.filesystem("memory")
    params = tmp_path / "params"
    params.mkdir()
    good = params / "dinas-a-2020.yaml"
    good.write_text(yaml.safe_dump({"notebook": str(NOTEBOOKS / "sleeps.ipynb"), "agency_id": "dinas-a",
                                    "year": 2020, "dataset": str(MINI)}), encoding="utf-8")
    summary = run_reports([good], formats=["html"], output_dir=url, workers=1, progress=False)
    assert summary.exit_code == 0 and summary.index_path == f"{url}/index.html"
    assert fs.exists("/lkjip-uji/lokal/dinas-a/2020/tables/lambat.csv")
    first = fs.cat_file("/lkjip-uji/lokal/dinas-a/2020/report.ipynb")

    good.write_text(good.read_text().replace("sleeps.ipynb", "ok.ipynb"), encoding="utf-8")
    run_reports([good], formats=["html"], output_dir=url, workers=1, progress=False)
    assert fs.exists("/lkjip-uji/lokal/dinas-a/2020/tables/capaian.csv")
    assert not fs.exists("/lkjip-uji/lokal/dinas-a/2020/tables/lambat.csv")  # the folder was replaced whole
    second = fs.cat_file("/lkjip-uji/lokal/dinas-a/2020/report.ipynb")
    assert second != first

    good.write_text(good.read_text().replace("ok.ipynb", "raises.ipynb"), encoding="utf-8")
    summary = run_reports([good], formats=["html"], output_dir=url, workers=1, progress=False)
    assert summary.exit_code == 1
    assert fs.cat_file("/lkjip-uji/lokal/dinas-a/2020/report.ipynb") == second  # the good report is kept
    entry = json.loads(fs.cat_file("/lkjip-uji/lokal/manifest.json"))["reports"]["dinas-a/2020"]
    assert entry["status"] == "failed" and "dinas-a/2020/report.html" in entry["files"]
    assert entry["previous"]["status"] == "ok"
    assert not [p for p in fs.find("/lkjip-uji/lokal") if "/." in p]


def test_cli_scheduler_local_starts_and_stops_its_own_cluster(tmp_path: Path) -> None:
    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    out = tmp_path / "out"  # one report that works, one whose notebook fails
    result = CliRunner().invoke(main, ["run", str(GOOD / "dinas-a-2020.yaml"), str(GOOD / "dinas-b-2019.yaml"),
                                       "--scheduler", "local", "--workers", "2", "--formats", "html",
                                       "--output-dir", str(out), "--no-progress"])
    assert result.exit_code == 1, result.output
    assert "GAGAL dinas-b 2019" in result.output
    assert (out / "dinas-a" / "2020" / "report.html").exists() and not (out / "dinas-b").exists()
    assert {k: e["status"] for k, e in manifest(out)["reports"].items()} == {"dinas-a/2020": "ok",
                                                                            "dinas-b/2019": "failed"}
    assert {p.pid for p in multiprocessing.active_children()} - before == set()  # its workers are gone
