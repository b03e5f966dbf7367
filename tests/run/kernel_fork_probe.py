"""Run by tests/run/test_kernel_fork.py in a fresh process (a seed needs a process with one thread).

Prints one JSON object: the facts of a kernel forked from a seed and of one started by its
command, as a pool worker of ``lkjip run`` has them (the fork server's imports done first).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

import lkjip_analysis.run._preload  # noqa: F401 - what the fork server imports
from lkjip_analysis.run import kernel_fork, kernels

FACTS = """(
    __import__('os').getpid(), __import__('os').getppid(), __import__('os').getpgid(0), __import__('os').getsid(0),
    __import__('matplotlib').get_backend(), __import__('multiprocessing').current_process().name,
    __import__('multiprocessing').parent_process() is None, __import__('os').getcwd(),
    __import__('os').environ.get('JPY_PARENT_PID'), __import__('os').environ.get('LKJIP_PROBE'),
    __import__('sys').argv[0].endswith('ipykernel_launcher.py'),
)"""
KEYS = ("pid", "ppid", "pgid", "sid", "backend", "mp_name", "mp_no_parent", "cwd", "jpy_parent", "probe_env",
        "argv0_launcher")


def facts(kernel: kernels.WarmKernel) -> dict:
    values = kernel.submit(kernel.call_kernel, FACTS)
    result = dict(zip(KEYS, values))
    # a child process started from the kernel works (a daemon pool worker could not start one)
    result["mp_child"] = kernel.submit(kernel.call_kernel, "__import__('lkjip_probe_child').run()",
                                       "import sys; sys.path.insert(0, %r)" % os.path.dirname(__file__))
    return result


def interrupt(kernel: kernels.WarmKernel) -> str:
    """Interrupt a cell that sleeps, as jupyter_client does (SIGINT to the kernel's process group)."""
    import threading

    def later() -> None:
        time.sleep(1.0)
        os.killpg(kernel.km.provisioner.pgid, signal.SIGINT)

    threading.Thread(target=later).start()
    try:
        kernel.submit(kernel.call_kernel, "1", "import time; time.sleep(30)", timeout=20)
    except kernels.KernelCallError as exc:
        return str(exc)
    return "not interrupted"


def gone(pid: int) -> bool:
    """The process has ended and was waited for (no zombie left)."""
    return not os.path.exists(f"/proc/{pid}/status")


def main() -> None:
    if sys.argv[1:] == ["orphan"]:  # a worker that ends without closing its seed
        seed = kernel_fork.plant_seed("python3")
        print(json.dumps({"seed_pid": seed.pid if seed else None}))
        sys.stdout.flush()
        os._exit(0)
    os.environ["LKJIP_PROBE"] = "ya"
    out = {}
    unused = kernel_fork.plant_seed("python3")  # an unused seed exits when its worker closes it
    out["unused_seed"] = unused is not None and unused.pid != os.getpid()
    if unused is not None:
        unused.close()
        out["unused_seed_gone"] = gone(unused.pid)
    t0 = time.perf_counter()
    seed = kernel_fork.plant_seed("python3")
    assert seed is not None, "no seed planted"
    seeded = kernels.WarmKernel("python3")
    seeded.submit(seeded._ensure)
    seeded_seconds = time.perf_counter() - t0
    out.update({"worker_pid": os.getpid(), "seed_pid": seed.pid, "seeded": facts(seeded),
                "seeded_interrupt": interrupt(seeded), "seeded_seconds": round(seeded_seconds, 3)})
    seeded.submit(seeded._stop)
    out["seed_reaped"] = gone(seed.pid)
    t0 = time.perf_counter()
    plain = kernels.WarmKernel("python3")  # the seed is used: this one starts by its command
    plain.submit(plain._ensure)
    out["plain_seconds"] = round(time.perf_counter() - t0, 3)
    out["plain"] = facts(plain)
    plain.close()
    seeded.close()
    out["seed_with_threads"] = kernel_fork.plant_seed("python3") is not None  # never: the kernel threads run
    print(json.dumps(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
