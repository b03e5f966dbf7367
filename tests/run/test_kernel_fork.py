"""Kernels forked from a seed (lkjip_analysis.run.kernel_fork) are the kernels their command would start.

The probe (kernel_fork_probe.py) runs in a fresh process, as a pool worker does: the fork
server's imports, then a seed, then a warm kernel from it and one started by its command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip_analysis.run import kernel_fork

pytestmark = pytest.mark.slow  # starts kernels (pytest -m 'not slow' skips it)

PROBE = Path(__file__).with_name("kernel_fork_probe.py")


def probe(*args: str, cwd: Path) -> dict:
    done = subprocess.run([sys.executable, str(PROBE), *args], cwd=cwd, capture_output=True, text=True, timeout=240,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def facts(tmp_path_factory) -> dict:
    return probe(cwd=tmp_path_factory.mktemp("fork"))


def test_a_seeded_kernel_is_the_kernel_its_command_starts(facts) -> None:
    seeded, plain = facts["seeded"], facts["plain"]
    assert seeded["pid"] == facts["seed_pid"] != plain["pid"]
    different = {"pid", "pgid", "sid"}  # each kernel is its own process, session and process group
    assert {k: v for k, v in seeded.items() if k not in different} == {
        k: v for k, v in plain.items() if k not in different}
    assert seeded["pgid"] == seeded["sid"] == seeded["pid"]  # own session, as jupyter_client starts kernels
    assert seeded["ppid"] == facts["worker_pid"] and seeded["jpy_parent"] == str(facts["worker_pid"])
    assert seeded["backend"] == "module://matplotlib_inline.backend_inline"
    assert seeded["mp_name"] == "MainProcess" and seeded["mp_no_parent"] and seeded["mp_child"] == 49
    assert seeded["probe_env"] == "ya" and seeded["argv0_launcher"]


def test_a_seeded_kernel_is_interrupted_and_reaped(facts) -> None:
    assert facts["seeded_interrupt"].startswith("KeyboardInterrupt")
    assert facts["seed_reaped"]  # shut down and waited for: no zombie left


def test_seeds_are_made_once_and_only_without_threads(facts) -> None:
    assert facts["unused_seed"] and facts["unused_seed_gone"]  # closed unused: it exits and is reaped
    assert facts["seed_with_threads"] is False


def test_a_seed_ends_with_its_worker(tmp_path: Path) -> None:
    pid = probe("orphan", cwd=tmp_path)["seed_pid"]
    assert pid
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            return
        if "\nState:\tZ" in state:
            return  # ended; reaping it is init's business
        time.sleep(0.05)
    os.kill(pid, 9)
    raise AssertionError(f"seed {pid} still runs after its worker ended")


def test_only_kernels_of_this_interpreter_are_forked(tmp_path: Path) -> None:
    assert kernel_fork.kernel_arguments([sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f",
                                         "{connection_file}"]) == ["-f", "{connection_file}"]
    assert kernel_fork.kernel_arguments([sys.executable, "-X", "importtime", "-m", "ipykernel_launcher"]) is None
    assert kernel_fork.kernel_arguments(["/usr/bin/R", "--slave", "-e", "IRkernel::main()"]) is None
    assert kernel_fork.can_fork("python3") is True
    assert kernel_fork.can_fork("no-such-kernel") is False
