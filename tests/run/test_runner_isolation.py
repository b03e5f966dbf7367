"""Warm kernels: one report's state never reaches the next, and a failed or dirty kernel is replaced.

The fixture notebooks (tests/notebooks/, made by make_fixtures.py) write the pid of
the kernel that ran them to ``tables/kernel.csv``, so the tests can tell whether two
reports shared a kernel. ``checks_clean`` asserts that nothing of what ``pollutes``,
``monkeypatches`` or ``raises_pid`` did is visible.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from lkjip_analysis.io.atomic import pid_alive
from lkjip_analysis.run import kernels
from lkjip_analysis.run.runner import run_reports

pytestmark = pytest.mark.slow  # starts kernels / browsers (pytest -m 'not slow' skips it)

HERE = Path(__file__).parents[1]
NOTEBOOKS = HERE / "notebooks"
MINI = HERE / "fixtures" / "mini"


def regional(folder: Path, name: str, notebook: str | Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    notebook = notebook if isinstance(notebook, Path) else NOTEBOOKS / f"{notebook}.ipynb"
    path.write_text(yaml.safe_dump({"notebook": str(notebook), "name": name, "dataset": str(MINI)}), encoding="utf-8")
    return path


def kernel_pid(out: Path, name: str) -> int:
    return int((out / "_regional" / name / "tables" / "kernel.csv").read_text().split()[1])


@pytest.fixture(scope="module")
def sequence(tmp_path_factory):
    """One worker, one batch: pollute, check, monkeypatch, check, fail, check, and a self-polluting check."""
    tmp = tmp_path_factory.mktemp("isolation")
    combined = nbformat.read(NOTEBOOKS / "pollutes.ipynb", as_version=4)
    combined.cells += nbformat.read(NOTEBOOKS / "checks_clean.ipynb", as_version=4).cells[1:]
    nbformat.write(combined, tmp / "pollutes_then_checks.ipynb")
    order = [("r1-pollutes", "pollutes"), ("r2-check", "checks_clean"), ("r3-monkeypatch", "monkeypatches"),
             ("r4-check", "checks_clean"), ("r5-raises", "raises_pid"), ("r6-check", "checks_clean"),
             ("r7-control", tmp / "pollutes_then_checks.ipynb")]
    files = [regional(tmp / "params", name, notebook) for name, notebook in order]
    out = tmp / "out"
    summary = run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False)
    return {r.params.name: r for r in summary.results}, out


def test_the_checker_sees_pollution_in_one_notebook(sequence) -> None:
    """Control: the same checks, run after the polluting cells in one notebook, find every leak."""
    results, _ = sequence
    control = results["r7-control"]
    assert control.status == "failed" and control.ename == "AssertionError"
    for leak in ("variabel BOCOR", "rcParams", "figur terbuka", "backend agg", "opsi pandas", "np.seterr",
                 "os.environ", "sys.path", "filter warnings", "cwd /", "riwayat In"):
        assert leak.lower() in control.evalue.lower(), leak


def test_state_is_reset_in_a_reused_kernel(sequence) -> None:
    results, out = sequence
    assert results["r1-pollutes"].status == "ok" and results["r1-pollutes"].kernel_discarded is None
    check = results["r2-check"]
    assert check.status == "ok", check.error
    assert check.kernel == "warm-reused"
    assert kernel_pid(out, "r2-check") == kernel_pid(out, "r1-pollutes")  # same process, state reset
    nb = nbformat.read(out / "_regional" / "r2-check" / "report.ipynb", as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == [1, 2, 3, 4]  # as in a new kernel
    assert "bersih" in json.dumps(nb.cells[-2].outputs)


def test_monkeypatch_is_detected_and_the_kernel_replaced(sequence) -> None:
    results, out = sequence
    patched = results["r3-monkeypatch"]
    assert patched.status == "ok"
    assert patched.kernel == "warm-reused"  # r2 imported a module new to the kernel, unchanged: kept
    assert "lkjip_analysis.formulas.capaian.capaian" in patched.kernel_discarded
    assert "pandas.DataFrame.sum" in patched.kernel_discarded
    assert "lkjip_analysis.run.distributed.bundle_files" in patched.kernel_discarded  # new module, patched
    check = results["r4-check"]
    assert check.status == "ok", check.error
    assert check.kernel == "warm-new"
    assert kernel_pid(out, "r4-check") != kernel_pid(out, "r3-monkeypatch")


def test_a_failed_report_gets_a_fresh_kernel_after_it(sequence) -> None:
    results, out = sequence
    failed = results["r5-raises"]
    assert failed.status == "failed" and failed.ename == "ValueError"
    assert failed.kernel == "warm-reused" and failed.kernel_discarded == "laporan gagal"
    failed_pid = int(re.search(r"kernel (\d+)", failed.evalue)[1])
    assert failed_pid == kernel_pid(out, "r4-check")  # it ran in the kernel the previous report left clean
    check = results["r6-check"]
    assert check.status == "ok", check.error
    assert check.kernel == "warm-new" and kernel_pid(out, "r6-check") != failed_pid


def test_manifest_records_cell_time_and_kernel(sequence) -> None:
    _, out = sequence
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]["_regional/r2-check"]
    assert entry["kernel"] == "warm-reused" and entry["kernel_discarded"] is None
    assert 0 < entry["cell_seconds"] <= entry["duration"] == entry["duration_s"]


def test_kernels_are_gone_after_the_batch(sequence) -> None:
    _, out = sequence
    for name in ("r1-pollutes", "r4-check", "r6-check"):
        assert not pid_alive(kernel_pid(out, name))


def test_pool_workers_reuse_and_close_their_kernels(tmp_path: Path) -> None:
    files = [regional(tmp_path / "params", f"p{i}", "checks_clean") for i in range(4)]
    out = tmp_path / "out"
    summary = run_reports(files, formats=["html"], output_dir=out, workers=2, progress=False)
    assert [r.status for r in summary.results] == ["ok"] * 4, summary.format()
    pids = {kernel_pid(out, f"p{i}") for i in range(4)}
    assert len(pids) <= 2  # one kernel per worker, reused
    assert sorted(r.kernel for r in summary.results).count("warm-reused") >= 2
    assert not any(pid_alive(pid) for pid in pids)


def test_fresh_kernels_option(tmp_path: Path) -> None:
    files = [regional(tmp_path / "params", f"f{i}", "checks_clean") for i in range(2)]
    out = tmp_path / "out"
    summary = run_reports(files, formats=["html"], output_dir=out, workers=1, progress=False, warm_kernels=False)
    assert [r.kernel for r in summary.results] == ["fresh", "fresh"]
    assert kernel_pid(out, "f0") != kernel_pid(out, "f1")


def test_mark_dirty_asks_for_a_fresh_kernel() -> None:
    kernels.GUARD.baseline()  # as in a kernel, here in the test process
    kernels.mark_dirty("uji")
    assert kernels.GUARD.end() == ["uji"]
    assert kernels.GUARD.end() == []


def test_ctrl_c_mid_report_kills_the_warm_kernel_before_returning(tmp_path: Path) -> None:
    import _thread
    import threading
    import time

    pid_file = tmp_path / "kernel.pid"
    nb = nbformat.read(NOTEBOOKS / "regional.ipynb", as_version=4)
    nb.cells = nb.cells[:1] + [nbformat.v4.new_code_cell(
        f"import os, time\nfrom pathlib import Path\nPath({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "for i in range(600):\n    time.sleep(0.05)\n    Path('tables').mkdir(exist_ok=True)\n"
        "    Path('tables', f'{i}.csv').write_text('x')")]
    nbformat.write(nb, tmp_path / "slow.ipynb")
    out = tmp_path / "out"
    interrupted: list[float] = []
    finished = threading.Event()

    def interrupt_when_running() -> None:
        while not pid_file.exists() and not finished.wait(0.05):
            pass
        time.sleep(0.3)
        if not finished.is_set():  # never interrupt a later test
            interrupted.append(time.monotonic())
            _thread.interrupt_main()  # what Ctrl-C does (the report alone would run 30 s)

    import signal

    handler = signal.getsignal(signal.SIGINT)  # as in a fresh `lkjip run` process, whatever earlier tests did
    signal.signal(signal.SIGINT, signal.default_int_handler)
    threading.Thread(target=interrupt_when_running, daemon=True).start()
    try:
        summary = run_reports([regional(tmp_path / "params", "lambat", tmp_path / "slow.ipynb")], formats=["html"],
                              output_dir=out, workers=1, progress=False)
    except KeyboardInterrupt:
        pass
    else:
        pytest.fail(f"not interrupted: {summary.format()}; pid file written: {pid_file.exists()}; "
                    f"SIGINT handler before the test: {handler}")
    finally:
        finished.set()
        signal.signal(signal.SIGINT, handler)
    assert time.monotonic() - interrupted[0] < 15
    pid = int(pid_file.read_text())
    assert not pid_alive(pid)
    time.sleep(0.5)
    assert [p for p in out.rglob(".*")] == []  # the kernel wrote nothing after the staging folder was removed


def test_the_real_reports_leave_a_warm_kernel_clean(tmp_path: Path) -> None:
    """The package's own report, one agency after another in one kernel: the kernel is reused every time.

    Whatever the report does (load the dataset, which a warm kernel keeps in memory; draw; audit)
    must not look like a monkeypatch to the guard, or every report would pay a new kernel.
    """
    root = Path(__file__).parents[2] / "params"
    files = [root / "dinsos-kota-banjarbaru-2020.yaml", root / "dinsos-prov-kalimantan-timur-2020.yaml",
             root / "dinsos-kab-hulu-sungai-selatan-2019.yaml"]
    summary = run_reports(files, formats=["html"], output_dir=tmp_path / "out", workers=1, progress=False)
    assert [r.status for r in summary.results] == ["ok", "ok", "ok"]
    assert [r.kernel for r in summary.results] == ["warm-new", "warm-reused", "warm-reused"]
    assert [r.kernel_discarded for r in summary.results] == [None, None, None]
