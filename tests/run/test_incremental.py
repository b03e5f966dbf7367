"""Incremental runs: a report whose inputs did not change is skipped, its files untouched.

Fast tests replace papermill by a copy (``fake_executor``); the acceptance test at the end
runs the real agency notebook on six synthetic agencies plus the regional comparison.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from lkjip_analysis.cli import main
from lkjip_analysis.io.loaders import load_dataset
from lkjip_analysis.io.synth import write_synthetic
from lkjip_analysis.run import runner
from lkjip_analysis.run.params import validate_params
from lkjip_analysis.run.run_key import compute_keys, dataset_digests, file_digest, report_key
from lkjip_analysis.run.runner import run_reports

HERE = Path(__file__).parents[1]
ROOT = HERE.parent
NOTEBOOKS = HERE / "notebooks"
AGENCY_NOTEBOOK = ROOT / "lkjip_analysis" / "notebooks" / "agency_report.ipynb"


@pytest.fixture(scope="module")
def synth6(tmp_path_factory) -> Path:
    """Six synthetic agencies, one year each (2023), as CSV."""
    folder = tmp_path_factory.mktemp("synth") / "data"
    write_synthetic(folder, agencies=6, years=1, seed=0)
    return folder


def copy_dataset(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def agency_params(folder: Path, dataset: Path, notebook: Path = AGENCY_NOTEBOOK, regional: bool = False) -> list[Path]:
    """One params file per agency of ``dataset`` (its only year), plus the regional comparison if asked."""
    ds = load_dataset(dataset)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for agency, year in ds.agency_years().itertuples(index=False):
        path = folder / f"{agency}-{year}.yaml"
        path.write_text(yaml.safe_dump({"notebook": str(notebook), "agency_id": str(agency), "year": int(year),
                                        "dataset": str(dataset)}), encoding="utf-8")
        files.append(path)
    if regional:
        path = folder / "regional.yaml"
        path.write_text(yaml.safe_dump({"notebook": "regional_comparison", "name": "regional",
                                        "dataset": str(dataset)}), encoding="utf-8")
        files.append(path)
    return files


def change_realisasi(dataset: Path, agency: str) -> tuple[str, str]:
    """Add 1 to the first non-empty realisasi of ``agency`` in performance.csv; return (old, new) text."""
    path = dataset / "performance.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    a, r = header.index("agency_id"), header.index("realisasi")
    for row in rows[1:]:
        if row[a] == agency and row[r]:
            old = row[r]
            row[r] = f"{float(old) + 1:g}"
            break
    else:  # pragma: no cover - the synthetic dataset always has realisasi
        raise AssertionError(f"no realisasi for {agency}")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return old, row[r]


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime_ns) of every report file (manifest and index excluded)."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file() and p.parent != out}


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def fake_executor(monkeypatch, calls: list | None = None) -> None:
    """papermill.execute_notebook replaced by a copy that writes one table (no kernel)."""
    import nbformat

    def execute_notebook(input_path, output_path, parameters=None, **kwargs):
        if calls is not None:
            calls.append(parameters.get("agency_id") or parameters.get("name"))
        nb = nbformat.read(input_path, as_version=4)
        nb.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
            "stream", name="stdout", text=f"dieksekusi {parameters.get('agency_id')}\n")])]
        nbformat.write(nb, output_path)
        (Path(output_path).parent / "tables").mkdir()
        (Path(output_path).parent / "tables" / "t.csv").write_text("a\n")
        return nb

    monkeypatch.setattr("papermill.execute_notebook", execute_notebook)


# --------------------------------------------------------------------------- the key


def test_agency_digest_sees_only_its_own_rows() -> None:
    """Row hashes folded per agency: another agency's change, or its rows moving, leave a digest alone."""
    perf = pd.DataFrame({"agency_id": ["a", "b", "a", "b"], "indicator_id": ["i1", "i1", "i2", "i2"],
                         "realisasi": [75.0, 10.0, 61.0, 20.0]})
    agencies = pd.DataFrame({"agency_id": ["a", "b"], "name": ["Dinas A", "Dinas B"]})
    base = dataset_digests({"performance": perf, "agencies": agencies})
    b_changed = dataset_digests({"performance": perf.assign(realisasi=[75.0, 11.0, 61.0, 20.0]),
                                 "agencies": agencies})
    assert b_changed.agency("a") == base.agency("a") and b_changed.agency("b") != base.agency("b")
    assert b_changed.whole != base.whole  # the regional comparison reads every row
    b_moved = dataset_digests({"performance": perf.iloc[[1, 3, 0, 2]], "agencies": agencies})
    assert b_moved.agency("a") == base.agency("a") and b_moved.agency("b") == base.agency("b")
    a_reordered = dataset_digests({"performance": perf.iloc[[2, 1, 0, 3]], "agencies": agencies})
    assert a_reordered.agency("a") != base.agency("a")  # its own rows in another order: tables change
    renamed = dataset_digests({"performance": perf, "agencies": agencies.assign(name=["Dinas A2", "Dinas B"])})
    assert renamed.agency("a") != base.agency("a") and renamed.agency("b") == base.agency("b")
    new_column = dataset_digests({"performance": perf.assign(unit="%"), "agencies": agencies})
    assert new_column.agency("a") != base.agency("a") and new_column.agency("b") != base.agency("b")
    only_a = dataset_digests({"performance": perf, "agencies": agencies}, agencies=["a"])
    assert only_a.agency("a") == base.agency("a") and only_a.whole == base.whole and "b" not in only_a.agencies


def test_report_key_covers_its_inputs(synth6: Path) -> None:
    [p] = validate_params([agency_params(Path(synth6).parent / "p-key", synth6)[0]])
    nb = file_digest(p.notebook_path)
    key = report_key(p, "d1", nb, ["html", "pdf"], "chromium", "0.1.0")
    assert key == report_key(p, "d1", nb, ["pdf", "html"], "chromium", "0.1.0")  # order of formats
    assert len({key, report_key(p, "d2", nb, ["html", "pdf"], "chromium", "0.1.0"),
                report_key(p, "d1", "other", ["html", "pdf"], "chromium", "0.1.0"),
                report_key(p, "d1", nb, ["html"], "chromium", "0.1.0"),
                report_key(p, "d1", nb, ["html", "pdf"], "weasyprint", "0.1.0"),
                report_key(p, "d1", nb, ["html", "pdf"], "chromium", "0.2.0"),
                report_key(p.__class__(**{**p.__dict__, "lang": "en"}), "d1", nb, ["html", "pdf"], "chromium",
                           "0.1.0")}) == 7
    # without a PDF the engine does not matter
    assert report_key(p, "d1", nb, ["html"], "chromium", "0.1.0") == report_key(p, "d1", nb, ["html"], "weasyprint",
                                                                              "0.1.0")


def test_keys_of_a_batch_load_each_dataset_once(synth6: Path, tmp_path: Path) -> None:
    params = validate_params(agency_params(tmp_path / "params", synth6, regional=True))
    loads = []

    def load(path):
        loads.append(path)
        return load_dataset(path)

    keys = compute_keys(params, ["html"], None, load=load)
    assert loads == [str(synth6)] and len(set(keys.values())) == 7


# --------------------------------------------------------------------------- skipping (no kernel)


def test_unchanged_reports_are_skipped_and_one_change_rebuilds_one(synth6: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    calls: list = []
    fake_executor(monkeypatch, calls)
    dataset = copy_dataset(synth6, tmp_path / "data")
    files = agency_params(tmp_path / "params", dataset)
    out = tmp_path / "out"
    first = run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    assert first.format().startswith("6 laporan: 6 dibangun, 0 tidak berubah, 0 gagal")
    built = manifest(out)["reports"]
    before = snapshot(out)

    second = run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    assert len(calls) == 6 and second.exit_code == 0
    assert second.format().startswith("6 laporan: 0 dibangun, 6 tidak berubah, 0 gagal")
    assert snapshot(out) == before  # no file rewritten: same inodes, same mtimes
    entries = manifest(out)["reports"]
    for key, entry in entries.items():
        assert entry["status"] == "unchanged" and entry["run_key"] == built[key]["run_key"]
        assert entry["built"] == built[key]["started"] == entry["started"]
        assert entry["files"] == built[key]["files"] and entry["checked"] >= entry["built"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "6 laporan: 6 tidak berubah" in index  # the index's counts, then one label per report
    assert index.count("tidak berubah") == 7 and index.count('/report.html"') == 6

    old, new = change_realisasi(dataset, "synth-kota-0005")
    assert old != new
    third = run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    assert third.format().startswith("6 laporan: 1 dibangun, 5 tidak berubah, 0 gagal")
    assert calls[6:] == ["synth-kota-0005"]
    after = snapshot(out)
    rebuilt = {k for k in before if after.get(k) != before[k]}
    assert rebuilt and {k.split("/")[0] for k in rebuilt} == {"synth-kota-0005"}
    entries = manifest(out)["reports"]
    assert entries["synth-kota-0005/2023"]["status"] == "ok"
    assert entries["synth-kota-0005/2023"]["run_key"] != built["synth-kota-0005/2023"]["run_key"]
    assert sum(e["status"] == "unchanged" for e in entries.values()) == 5

    result = CliRunner().invoke(main, ["run", *map(str, files), "--formats", "html", "--output-dir", str(out),
                                       "--workers", "1", "--no-progress", "--force"])
    assert result.exit_code == 0, result.output
    assert "6 laporan: 6 dibangun, 0 tidak berubah, 0 gagal" in result.output
    assert len(calls) == 13
    assert all(snapshot(out)[k] != after[k] for k in after if k.endswith("report.html"))
    assert all(e["status"] == "ok" for e in manifest(out)["reports"].values())


def test_what_makes_a_report_be_rebuilt(synth6: Path, tmp_path: Path, monkeypatch) -> None:
    """A missing file, another notebook or its content changed, a failed build: never unchanged."""
    calls: list = []
    fake_executor(monkeypatch, calls)
    files = agency_params(tmp_path / "params", synth6)[:2]
    out = tmp_path / "out"

    def run(**kw):
        return run_reports(files, output_dir=out, workers=1, progress=False, **{"formats": ["html"], **kw})

    run()
    (out / "synth-kabupaten-0001" / "2023" / "tables" / "t.csv").unlink()
    assert [r.status for r in sorted(run().results, key=lambda r: r.params.key)] == ["ok", "unchanged"]
    assert calls[2:] == ["synth-kabupaten-0001"]

    notebook = tmp_path / "custom.ipynb"
    shutil.copy(AGENCY_NOTEBOOK, notebook)
    files = agency_params(tmp_path / "params", synth6, notebook=notebook)[:2]
    summary = run()  # another notebook path and content
    assert len(summary.built) == 2
    assert len(run().unchanged) == 2
    text = notebook.read_text(encoding="utf-8")
    notebook.write_text(text.replace("laporan", "Laporan", 1), encoding="utf-8")
    assert len(run().built) == 2  # the notebook's content is in the key
    assert len(run().unchanged) == 2

    # a failed report is rebuilt next time even though its earlier files are all there
    monkeypatch.setattr("papermill.execute_notebook", lambda *a, **k: (_ for _ in ()).throw(ValueError("rusak")))
    failed = run(force=True)
    assert len(failed.failed) == 2 and failed.exit_code == 1
    assert all(e["status"] == "failed" for e in manifest(out)["reports"].values())
    fake_executor(monkeypatch, calls)
    again = run()
    assert len(again.built) == 2 and again.unchanged == []


def test_unchanged_with_an_fsspec_output(synth6: Path, tmp_path: Path, monkeypatch) -> None:
    """memory://: the key lives in the manifest there; a second run uploads nothing, the index stays whole."""
    fsspec = pytest.importorskip("fsspec")
    fake_executor(monkeypatch)
    fs = fsspec.filesystem("memory")
    url, root = "memory://lkjip-inkremental/laporan", "/lkjip-inkremental/laporan"
    files = agency_params(tmp_path / "params", synth6)[:3]
    run_reports(files, formats=["html"], output_dir=url, workers=1, progress=False)
    stamps = {p: fs.info(p)["created"] for p in fs.find(root) if not p.endswith((".json", "index.html"))}
    summary = run_reports(files, formats=["html"], output_dir=url, workers=1, progress=False)
    assert summary.format().startswith("3 laporan: 0 dibangun, 3 tidak berubah, 0 gagal")
    assert {p: fs.info(p)["created"] for p in fs.find(root) if not p.endswith((".json", "index.html"))} == stamps
    data = json.loads(fs.cat_file(f"{root}/manifest.json"))
    assert {e["status"] for e in data["reports"].values()} == {"unchanged"} and len(data["reports"]) == 3
    index = fs.cat_file(f"{root}/index.html").decode("utf-8")
    assert index.count('/report.html"') == 3 and index.count("tidak berubah") == 4

    fs.rm(f"{root}/synth-kabupaten-0002/2023/report.html")  # a file gone from the bucket: rebuilt
    summary = run_reports(files, formats=["html"], output_dir=url, workers=1, progress=False)
    assert [r.params.key for r in summary.built] == ["synth-kabupaten-0002/2023"]
    assert fs.exists(f"{root}/synth-kabupaten-0002/2023/report.html")
    assert not [p for p in fs.find(root) if "/." in p]
    fs.rm(root, recursive=True)


def test_all_unchanged_starts_no_kernel_and_no_cluster(synth6: Path, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed")
    fake_executor(monkeypatch)
    files = agency_params(tmp_path / "params", synth6)[:2]
    out = tmp_path / "out"
    run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    monkeypatch.setattr(runner, "check_kernel", lambda name: pytest.fail("kernel checked"))
    # nothing listens on port 1: a scheduler contacted would fail the run
    summary = run_reports(files, formats=["html"], output_dir=out, progress=False, scheduler="tcp://127.0.0.1:1")
    assert summary.exit_code == 0 and len(summary.unchanged) == 2


# --------------------------------------------------------------------------- acceptance: real notebooks


@pytest.mark.slow
def test_six_agencies_incremental_with_real_notebooks(synth6: Path, tmp_path: Path) -> None:
    """Run; run again unchanged (no file rewritten); change one realisasi (that agency's report and the
    regional comparison rebuilt); --force (everything rebuilt)."""
    dataset = copy_dataset(synth6, tmp_path / "data")
    files = agency_params(tmp_path / "params", dataset, regional=True)
    out = tmp_path / "out"
    first = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert first.exit_code == 0, first.format()
    assert first.format().startswith("7 laporan: 7 dibangun, 0 tidak berubah, 0 gagal")
    before = snapshot(out)
    html = (out / "synth-kota-0005" / "2023" / "report.html").read_text(encoding="utf-8")

    second = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert second.format().startswith("7 laporan: 0 dibangun, 7 tidak berubah, 0 gagal")
    assert snapshot(out) == before
    assert second.duration < first.duration  # the ratio is a benchmark figure (bench_reports.py --incremental)

    old, new = change_realisasi(dataset, "synth-kota-0005")
    third = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert third.format().startswith("7 laporan: 2 dibangun, 5 tidak berubah, 0 gagal")
    assert sorted(r.params.key for r in third.built) == ["_regional/regional", "synth-kota-0005/2023"]
    after = snapshot(out)
    changed = {k.split("/")[0] for k in before if after.get(k) != before[k]}
    assert changed == {"_regional", "synth-kota-0005"}
    assert (out / "synth-kota-0005" / "2023" / "report.html").read_text(encoding="utf-8") != html

    forced = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False, force=True)
    assert forced.format().startswith("7 laporan: 7 dibangun, 0 tidak berubah, 0 gagal")
    final = snapshot(out)
    assert all(final[k][0] != after[k][0] for k in after if k.endswith("report.html"))
    assert {e["status"] for e in manifest(out)["reports"].values()} == {"ok"}
    assert os.listdir(out) and not list(out.rglob(".*"))


# --------------------------------------------------------------------------- scheduling snippets

SCHEDULING = ROOT / "docs" / "scheduling"


def lkjip_run_commands(text: str) -> list[list[str]]:
    """Every ``lkjip run ...`` command line in ``text``, as arguments after ``run`` (shell-split, up to a redirect)."""
    import re
    import shlex

    commands = []
    for match in re.finditer(r"lkjip run ([^\n;>|&\"'#`]*)", text):
        args = shlex.split(match.group(1).replace("{PARAMS}", "/srv/params").replace("{OUTPUT}", "/srv/laporan"))
        commands.append(args)
    return commands


def check_run_arguments(args: list[str]) -> None:
    """The arguments are accepted by the real ``lkjip run`` (options exist, values valid); nothing runs."""
    from lkjip_analysis.cli import run_cmd

    ctx = run_cmd.make_context("run", list(args))
    assert ctx.params["run_all"] or ctx.params["params_files"]


def test_crontab_and_systemd_snippets_name_real_commands() -> None:
    cron = (SCHEDULING / "lkjip.crontab").read_text(encoding="utf-8")
    service = (SCHEDULING / "lkjip-run.service").read_text(encoding="utf-8")
    timer = (SCHEDULING / "lkjip-run.timer").read_text(encoding="utf-8")
    entries = [line for line in cron.splitlines() if line.strip() and not line.startswith("#")]
    assert len(entries) == 2 and all(len(line.split(None, 5)) == 6 for line in entries)  # 5 time fields + command
    assert entries[0].split()[:5] == ["0", "2", "*", "*", "*"]
    commands = lkjip_run_commands(cron) + lkjip_run_commands(service)
    assert len(commands) == 3 and all("--all" in c for c in commands) and any("--force" in c for c in commands)
    for args in commands:
        check_run_arguments(args)
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert exec_start.split("=", 1)[1].startswith("/") and "Type=oneshot" in service  # systemd needs an absolute path
    assert "OnCalendar=*-*-* 02:00:00" in timer and "WantedBy=timers.target" in timer
    # docs/scaling.md shows the same snippets
    scaling = (ROOT / "docs" / "scaling.md").read_text(encoding="utf-8")
    assert entries[0] in scaling and exec_start in scaling and "OnCalendar=*-*-* 02:00:00" in scaling
    import re

    blocks = re.findall(r"```(?:bash|cron|ini)\n(.*?)```", scaling, flags=re.DOTALL)
    in_blocks = [args for block in blocks for args in lkjip_run_commands(block)]
    assert len(in_blocks) >= 8
    for args in in_blocks:
        check_run_arguments(args)


def test_airflow_dag_parses_without_airflow_and_runs_lkjip_run(monkeypatch) -> None:
    """Compiled as Python, then executed against stand-ins for the two Airflow names it imports."""
    import sys
    import types

    source = (SCHEDULING / "lkjip_dag.py").read_text(encoding="utf-8")
    code = compile(source, str(SCHEDULING / "lkjip_dag.py"), "exec")  # a syntax error fails here
    operators: list[dict] = []

    class DAG:
        def __init__(self, dag_id, **kwargs):
            self.dag_id, self.kwargs = dag_id, kwargs

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    class BashOperator:
        def __init__(self, task_id, bash_command, **kwargs):
            operators.append({"task_id": task_id, "bash_command": bash_command, **kwargs})

    airflow = types.ModuleType("airflow")
    airflow.DAG = DAG
    bash = types.ModuleType("airflow.operators.bash")
    bash.BashOperator = BashOperator
    for name, module in {"airflow": airflow, "airflow.operators": types.ModuleType("airflow.operators"),
                         "airflow.operators.bash": bash}.items():
        monkeypatch.setitem(sys.modules, name, module)
    namespace: dict = {"__name__": "lkjip_dag"}
    exec(code, namespace)  # noqa: S102 - our own docs file, against stubs
    dag = namespace["dag"]
    assert dag.dag_id == "lkjip_nightly" and dag.kwargs["max_active_runs"] == 1
    assert dag.kwargs["default_args"]["retries"] == 1
    [task] = operators
    assert task["task_id"] == "lkjip_run"
    [args] = lkjip_run_commands(task["bash_command"])
    check_run_arguments(args)
    assert "--all" in args and "--no-progress" in args
    doc = namespace["__doc__"]
    assert all(f"- {code} —" in doc for code in (0, 1, 2))  # the exit codes are explained
