"""Kernels forked from a pool worker that has everything imported: a kernel ready in ~0.1 s instead of ~1.1 s.

A kernel started the usual way is a new interpreter: ``python -m ipykernel_launcher`` imports
IPython and ipykernel (0.5 s here), then the warm-up imports pandas, matplotlib and this package
(0.6 s more). A pool worker of ``lkjip run`` has all of these imported already (its fork server
imported them once for the batch: :mod:`lkjip_analysis.run._preload`). So the worker, as the
first thing it does and while it has no other thread, forks a **seed**: a copy of itself that
waits on a pipe. When the worker's first warm kernel starts, :class:`ForkProvisioner` hands the
seed the kernel command, its environment and working folder instead of starting a process; the
seed becomes that kernel (``IPKernelApp`` with the command's arguments), as a direct child of
the worker, in its own session, watching its parent like any kernel. Everything the kernel
manager does afterwards (kernel_info, interrupts, shutdown, kill, wait) is unchanged.

A seed is made only where it gives the kernel the command would give (:func:`can_fork`): a
POSIX ``fork``, and a kernel spec that runs ``ipykernel_launcher`` with this very interpreter.
Each seed serves one kernel; a kernel started later in the worker (after a failed or dirty
report) is started the usual way. A seed whose worker ends (the pipe closes) exits at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import time
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

#: ``python`` options a kernel spec may put before ``-m ipykernel_launcher`` for a seed to stand in for it.
ALLOWED_OPTIONS = ("-Xfrozen_modules=off",)
LAUNCHER = "ipykernel_launcher"
_HEADER = struct.Struct("!I")


def _same_interpreter(executable: str) -> bool:
    """True when the kernel spec's ``argv[0]`` is this interpreter (the same file, or ``python``/``python3``)."""
    if executable in ("python", "python3", "{python}"):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(executable, sys.executable)
    return False


def kernel_arguments(argv: list[str]) -> list[str] | None:
    """The ``IPKernelApp`` arguments of a kernel command, or None when a seed cannot stand in for it.

    >>> kernel_arguments([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    ['-f', 'k.json']
    >>> kernel_arguments(["/opt/other/python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    True
    >>> kernel_arguments([sys.executable, "-m", "other_kernel", "-f", "k.json"]) is None
    True
    """
    if len(argv) < 3 or not _same_interpreter(argv[0]):
        return None
    rest = list(argv[1:])
    while rest and rest[0] in ALLOWED_OPTIONS:
        rest.pop(0)
    if rest[:2] != ["-m", LAUNCHER]:
        return None
    return rest[2:]


def can_fork(kernel_name: str) -> bool:
    """True when a seed can stand in for kernels of ``kernel_name`` here (POSIX, same interpreter, ipykernel)."""
    if not hasattr(os, "fork") or sys.platform == "win32":
        return False
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        spec = KernelSpecManager().get_kernel_spec(kernel_name)
    except Exception:  # noqa: BLE001 - an unknown kernel: the usual start reports it
        return False
    provisioner = (spec.metadata or {}).get("kernel_provisioner", {}).get("provisioner_name", "local-provisioner")
    return provisioner == "local-provisioner" and kernel_arguments(list(spec.argv)) is not None


# --------------------------------------------------------------------------- the seed (child side)


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _reset_multiprocessing() -> None:
    """The kernel is a main process of its own, as a kernel started by a command is (not a pool worker)."""
    import multiprocessing.process as mp_process
    from multiprocessing import util

    current = mp_process.current_process()
    # What multiprocessing's _MainProcess holds (the class itself is deleted from the module).
    current._identity, current._name, current._parent_pid, current._popen = (), "MainProcess", None, None  # noqa: SLF001
    current._config = {"authkey": mp_process.AuthenticationString(os.urandom(32)), "semprefix": "/mp"}  # noqa: SLF001
    mp_process._parent_process = None  # noqa: SLF001
    mp_process._children = set()  # noqa: SLF001
    util._finalizer_registry.clear()  # noqa: SLF001 - the worker's finalizers are the worker's


def _become_kernel(spec: dict) -> None:
    """Turn this seed into the kernel ``spec`` describes (its arguments, environment, working folder)."""
    os.setsid()  # its own session, as jupyter_client starts kernels: interrupts reach its process group
    for signum in (signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.environ.clear()
    os.environ.update(spec["env"])
    if spec.get("cwd"):
        os.chdir(spec["cwd"])
    import tempfile

    tempfile.tempdir = None
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as IPKernelApp sets it
    mpl = sys.modules.get("matplotlib")
    if mpl is not None:  # imported before the variable was set: give it the backend it would have read
        mpl.rcParams["backend"] = os.environ["MPLBACKEND"]
    _reset_multiprocessing()
    # ``python -m`` puts the working folder first on sys.path and ipykernel_launcher takes it out;
    # the worker's first entry is its script's folder: take that out in the same way.
    if sys.path and sys.argv and sys.argv[0] and Path(sys.path[0] or ".").resolve() == Path(sys.argv[0]).resolve().parent:
        del sys.path[0]
    import ipykernel_launcher
    from ipykernel.kernelapp import IPKernelApp

    sys.argv = [ipykernel_launcher.__file__, *spec["args"]]
    # As jupyter_client's launcher does: the kernel watches its parent (the worker) and ends with it.
    # JPY_PARENT_PID is read when ipykernel is imported (here: before the fork): pass it on explicitly.
    os.environ["JPY_PARENT_PID"] = str(os.getppid())
    IPKernelApp.launch_instance(argv=[*spec["args"], f"--IPKernelApp.parent_handle={os.getppid()}"])


def _seed_main(read_fd: int) -> None:
    """The seed: wait for a kernel to become; exit when the worker goes away first."""
    code = 0
    try:
        try:
            size = _HEADER.unpack(_read_exactly(read_fd, _HEADER.size))[0]
            spec = pickle.loads(_read_exactly(read_fd, size))
        except (EOFError, OSError):
            return  # the worker ended (or closed us) before it needed a kernel
        finally:
            os.close(read_fd)
        _become_kernel(spec)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - a kernel that failed to start: say why, as a started one would
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)  # never the worker's exit handlers (pool queues, kernels, browsers)


# --------------------------------------------------------------------------- the worker's side


class KernelSeed:
    """A forked copy of this worker, waiting to become a kernel (see the module docstring).

    Attributes
    ----------
    pid : int
        The seed's process id (the kernel's, once it has become one).
    used : bool
        The seed has been handed a kernel to become (it serves one).
    """

    def __init__(self) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the seed
            os.close(write_fd)
            _seed_main(read_fd)
        os.close(read_fd)
        os.set_inheritable(write_fd, False)
        self.pid, self._write_fd, self.used = pid, write_fd, False

    def launch(self, args: list[str], env: dict, cwd: str | None) -> ForkedKernel:
        """Make the seed the kernel with ``IPKernelApp`` arguments ``args``; returns its process handle."""
        if self.used:
            raise RuntimeError("benih kernel sudah dipakai")
        self.used = True
        data = pickle.dumps({"args": list(args), "env": dict(env), "cwd": str(cwd) if cwd else None})
        try:
            os.write(self._write_fd, _HEADER.pack(len(data)) + data)
        finally:
            self._close_pipe()
        return ForkedKernel(self.pid)

    def _close_pipe(self) -> None:
        if self._write_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._write_fd)
            self._write_fd = None

    def close(self) -> None:
        """End an unused seed (it exits when its pipe closes) and reap it."""
        if self.used:
            return
        self.used = True
        self._close_pipe()
        ForkedKernel(self.pid).wait(timeout=5, kill=True)


class ForkedKernel:
    """A ``subprocess.Popen``-like handle on a kernel that a seed became (what :class:`LocalProvisioner` uses)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                self.returncode = 0
                return self.returncode
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None, kill: bool = False) -> int | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                if not kill:
                    import subprocess

                    raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
                self.kill()
                kill, deadline = False, None
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """:class:`LocalProvisioner` that hands the kernel command to a :class:`KernelSeed` instead of starting it."""

    seed: KernelSeed | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        args = kernel_arguments(list(cmd))
        seed, self.seed = self.seed, None
        if seed is None or seed.used or args is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        self.process = seed.launch(args, env, kwargs.get("cwd"))
        self.pid = self.pgid = self.process.pid  # its own session: its process group is its pid
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info


# --------------------------------------------------------------------------- one seed per worker

_SEED: KernelSeed | None = None


def plant_seed(kernel_name: str) -> KernelSeed | None:
    """Fork this process's seed now (call it while the process has a single thread); None where it cannot help."""
    global _SEED
    import threading

    if _SEED is not None and not _SEED.used:
        return _SEED
    if threading.active_count() > 1 or not can_fork(kernel_name):
        return None
    import gc

    gc.collect()
    gc.freeze()  # the seed shares these objects with the worker: do not make gc touch (copy) them
    _SEED = KernelSeed()
    import atexit

    atexit.register(_SEED.close)
    return _SEED


def take_seed() -> KernelSeed | None:
    """This process's unused seed, once (the next caller gets None)."""
    global _SEED
    seed, _SEED = _SEED, None
    return seed if seed is not None and not seed.used else None
