"""Jupyter kernels for the report runner: IPC kernels, and warm kernels reused across reports.

Two sides live here:

- **the runner's side** — :class:`IpcKernelManager` (kernels over unix sockets, so
  parallel starts never collide on TCP ports), :func:`is_kernel_start_collision`
  (which start failures are retried), and :class:`WarmKernel`: one kernel kept by
  a worker and reused for report after report. A report still runs through
  papermill (``papermill.execute_notebook`` with the ``lkjip-warm`` engine,
  :class:`WarmEngine`), so parameter injection, cell metadata, the executed
  notebook and ``PapermillExecutionError`` are exactly papermill's; only the
  kernel start, the imports and the shutdown are skipped.
- **the kernel's side** — :class:`KernelGuard`, imported inside the kernel. After
  the warm-up it records a *baseline*; before each report it changes to the
  report's folder; after each report it puts the process back (new empty user
  namespace, execution count 1, matplotlib rcParams, backend and figures, working
  folder, environment variables, ``sys.path``, warnings filters, pandas options,
  numpy error settings, random seeds, logging handlers) and checks what it cannot
  put back: a replaced attribute of a module or class of ``lkjip_analysis``,
  pandas, numpy, matplotlib, ``os``, ``pathlib`` or ``builtins`` (a monkeypatch);
  in a module of those packages that the report imported for the first time (pandas
  imports many lazily), a function or class defined in the notebook; IPython hooks or
  formatters registered; threads left running; or an explicit :func:`mark_dirty`. Any of these makes the kernel *dirty*: the runner throws it
  away and the next report gets a fresh one. So does any failed report.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import random
import shutil
import sys
import tempfile
import threading
import types
import uuid
import weakref
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from ..exceptions import InvalidArgumentError, LkjipError
from ..i18n import message
from ..io.atomic import pid_alive

logger = logging.getLogger(__name__)

KERNEL_NAME = "python3"
#: Retries of a kernel start that failed with one of :data:`KERNEL_START_ERRORS`.
START_RETRIES = 3
KERNEL_START_ERRORS = ("Address already in use", "Kernel died before replying to kernel_info")
#: Unix socket paths must stay below ~100 characters (104 on macOS, 108 on Linux).
MAX_SOCKET_DIR = 80
SOCKET_DIR_PREFIX = "lkj-"
#: Name under which :class:`WarmEngine` is registered with papermill.
WARM_ENGINE = "lkjip-warm"
#: Imported once by every warm kernel, before its first report.
PRELOAD = ("lkjip_analysis", "pandas", "numpy", "matplotlib", "matplotlib.pyplot")
#: The package's own tooling, which reports do not use (the ``lkjip`` command and the whole ``run``
#: floor: runner, scheduler, export...); a warm kernel does not pre-import these modules.
#: (``export`` pulls in nbformat, whose jsonschema import alone takes a second.)
TOOLING_PACKAGES = ("lkjip_analysis.cli", "lkjip_analysis.run")


def is_tooling(module: str) -> bool:
    """True for a module of :data:`TOOLING_PACKAGES` (the package itself or one of its modules).

    >>> is_tooling("lkjip_analysis.run.runner"), is_tooling("lkjip_analysis.report.sections")
    (True, False)
    """
    return any(module == p or module.startswith(p + ".") for p in TOOLING_PACKAGES)


#: Top-level packages whose modules and classes are checked for monkeypatches after each report.
WATCHED = ("lkjip_analysis", "pandas", "numpy", "matplotlib", "builtins", "os", "posixpath", "pathlib")

#: Attributes that change by themselves: caches filled on first use (a ``None`` in the baseline is
#: treated the same way), the warnings registry, pyplot's backend module (checked via the backend name),
#: the slot names ``copy``/``pickle`` record on a class the first time they copy one of its objects.
IGNORED_ATTRIBUTES = frozenset({"__warningregistry__", "_backend_mod", "__slotnames__"})
#: Threads that the kernel's own libraries start when first needed (e.g. zmq's garbage collector).
LIBRARY_THREADS = frozenset({"zmq", "ipykernel", "IPython", "jupyter_client", "tornado", "asyncio"})

# --------------------------------------------------------------------------- kernels over IPC


def socket_root() -> str:
    root = tempfile.gettempdir()
    return root if len(root) <= MAX_SOCKET_DIR - 20 or sys.platform == "win32" else "/tmp"


#: Kernel managers of this process (for :func:`kill_all_kernels`).
_LIVE: weakref.WeakSet = weakref.WeakSet()


class IpcKernelManager(AsyncKernelManager):
    """AsyncKernelManager that connects to its kernel over unix sockets in a private temp folder.

    Each instance makes a fresh short folder (``/tmp/lkj-<pid>-XXXXXXXX``) holding the
    connection file and the sockets (``k-1`` ... ``k-5``), so kernels started at
    the same time never compete for TCP ports. The folder is removed with the
    kernel's resources (or when the manager is garbage collected). On Windows,
    where zmq has no IPC transport, it falls back to TCP.
    """

    def __init__(self, seed=None, **kwargs):
        #: A :class:`~lkjip_analysis.run.kernel_fork.KernelSeed` to become the kernel (None: start it as usual).
        self.seed = seed
        if sys.platform != "win32":
            self.socket_dir = tempfile.mkdtemp(prefix=f"{SOCKET_DIR_PREFIX}{os.getpid()}-", dir=socket_root())
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", os.path.join(self.socket_dir, "k"))
            kwargs.setdefault("connection_file", os.path.join(self.socket_dir, "kernel.json"))
            self._remove_socket_dir = weakref.finalize(self, shutil.rmtree, self.socket_dir, True)
        else:  # pragma: no cover - Windows
            self.socket_dir = ""
            self._remove_socket_dir = None
        super().__init__(**kwargs)
        _LIVE.add(self)

    async def _async_pre_start_kernel(self, **kw):
        if self.seed is not None and self.provisioner is None:
            from .kernel_fork import ForkProvisioner

            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            self.provisioner.seed, self.seed = self.seed, None
        return await super()._async_pre_start_kernel(**kw)

    pre_start_kernel = _async_pre_start_kernel

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._remove_socket_dir is not None:
            self._remove_socket_dir()

    cleanup_resources = _async_cleanup_resources

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client interrupts before every shutdown; the kernel is idle by then and
        # ipykernel would print "KeyboardInterrupt caught in kernel" on stderr.
        if getattr(self, "shutting_down", False):
            return
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel


def kill_all_kernels() -> None:
    """Kill every kernel this process started (safe in a signal handler or at exit)."""
    for km in list(_LIVE):
        _kill(km)


def clean_socket_dirs() -> list[Path]:
    """Remove socket folders left by processes that were killed (``lkj-<pid>-*`` of a pid that is gone)."""
    removed = []
    root = Path(socket_root())
    for entry in root.glob(f"{SOCKET_DIR_PREFIX}*-*"):
        pid = entry.name[len(SOCKET_DIR_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def is_kernel_start_collision(exc: BaseException) -> bool:
    """True when ``exc`` (or its cause) is a kernel start failure worth retrying."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if type(exc).__name__ == "PapermillExecutionError":
            return False  # cells ran: the notebook itself failed
        if any(text in str(exc) for text in KERNEL_START_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# --------------------------------------------------------------------------- the kernel's side


def import_for_reports(modules: list[str] | tuple[str, ...] = PRELOAD) -> None:
    """Import ``modules`` and every module of this package that reports use, and exercise pandas' lazy imports.

    Run by a warm kernel before its first report, and once per batch by the pool's fork server
    (:mod:`lkjip_analysis.run._preload`), whose workers' kernels are forked with all of it done
    (:mod:`lkjip_analysis.run.kernel_fork`). Opens no file, starts no thread and draws nothing
    with pyplot (its backend is chosen in the kernel). Each step may fail (a missing optional
    extra, an odd environment): the notebook that needs it then fails there, with a clear
    error, instead of every report failing here.
    """
    import importlib
    import io
    import pkgutil

    for name in modules:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(ImportError):
        import lkjip_analysis

        for info in pkgutil.walk_packages(lkjip_analysis.__path__, "lkjip_analysis."):
            if not is_tooling(info.name):
                with contextlib.suppress(Exception):
                    importlib.import_module(info.name)
    with contextlib.suppress(Exception):
        import pandas as pd

        frame = pd.DataFrame({"a": [1.5, 2.0], "b": ["x", "y"], "c": [1, 2]})
        frame._repr_html_()
        repr(frame)
        frame.to_csv(io.StringIO())
        frame.to_dict("records")
        frame.style.format(precision=1).hide(axis="index").to_html()
        frame.pivot_table(index="b", columns="c", values="a", aggfunc="sum").unstack()
        frame.groupby("b").agg({"a": "mean"}).merge(frame, on="b").melt(id_vars="b")


class KernelGuard:
    """Runs inside a warm kernel: records a baseline, resets after each report, and finds what it cannot reset.

    Used by :class:`WarmKernel` through :data:`GUARD`; notebooks need not know it exists
    (they may call :func:`mark_dirty` to ask for a fresh kernel after them).
    """

    def __init__(self) -> None:
        self.dirty: list[str] = []
        self.ready = False

    # ----------------------------------------------------------------- snapshots

    @staticmethod
    def _watched_modules() -> dict[str, object]:
        return {name: mod for name, mod in list(sys.modules.items())
                if mod is not None and name.partition(".")[0] in WATCHED}

    @staticmethod
    def _attributes(modules: dict[str, object]) -> dict[tuple, object]:
        """Every attribute of the watched modules and of the watched classes they hold, by identity.

        Module attributes are keyed ``(module, name)``; class attributes
        ``(class module, class qualname, name)``, each class once however many modules hold it.
        """
        attrs: dict[tuple, object] = {}
        classes: dict[int, type] = {}
        for name, mod in modules.items():
            try:
                items = list(vars(mod).items())
            except TypeError:
                continue
            for key, value in items:
                attrs[(name, key)] = value
                if (isinstance(value, type) and id(value) not in classes
                        and str(getattr(value, "__module__", "")).partition(".")[0] in WATCHED):
                    classes[id(value)] = value
        for cls in classes.values():
            owner = (cls.__module__, cls.__qualname__)
            for ckey, cvalue in list(vars(cls).items()):
                if ckey not in ("__dict__", "__weakref__"):
                    attrs[(*owner, ckey)] = cvalue
        return attrs

    @staticmethod
    def _shell():
        from IPython import get_ipython

        return get_ipython()

    def _hooks(self) -> dict[str, list[int]]:
        shell = self._shell()
        if shell is None:
            return {}
        hooks = {f"events.{name}": [id(cb) for cb in cbs] for name, cbs in shell.events.callbacks.items()}
        for mime, formatter in shell.display_formatter.formatters.items():
            hooks[f"formatter {mime}"] = sorted(map(id, formatter.type_printers.values())) + sorted(
                map(id, formatter.deferred_printers.values())) + [int(bool(formatter.enabled))]
        hooks["ast_transformers"] = list(map(id, shell.ast_transformers))
        hooks["input_transformers"] = list(map(id, shell.input_transformers_post))
        return hooks

    @staticmethod
    def _inline_backend() -> dict:
        mod = sys.modules.get("matplotlib_inline.config")
        if mod is None or not mod.InlineBackend.initialized():
            return {}
        backend = mod.InlineBackend.instance()
        return {name: copy.deepcopy(getattr(backend, name)) for name in
                ("figure_formats", "print_figure_kwargs", "close_figures", "rc")}

    @staticmethod
    def _pandas_options() -> dict:
        pd = sys.modules.get("pandas")
        if pd is None:
            return {}
        import warnings

        from pandas._config import config

        values = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # deprecated options warn when read
            for key in list(config._registered_options):
                with contextlib.suppress(Exception):  # an odd option is not worth failing for
                    values[key] = copy.copy(pd.get_option(key))
        return values

    # ----------------------------------------------------------------- API used by WarmKernel

    def warm_up(self, modules: list[str]) -> str:
        """Import ``modules`` and exercise the lazy imports of a report (HTML tables, CSV, PNG), then record the baseline."""
        import io

        import_for_reports(modules)
        with contextlib.suppress(ImportError):  # reports of a batch mostly read the same dataset
            from ..io.loaders import keep_loaded_datasets

            keep_loaded_datasets()
        with contextlib.suppress(Exception):
            import matplotlib.pyplot as plt

            fig, ax = plt.subplots()
            ax.plot([1, 2], [3, 4])
            fig.savefig(io.BytesIO(), format="png")
            plt.close("all")
        self.baseline()
        return "ok"

    def baseline(self) -> None:
        """Record the state every report must start from."""
        self.cwd = os.getcwd()
        self.environ = dict(os.environ)
        self.sys_path = list(sys.path)
        import warnings

        self.warning_filters = list(warnings.filters)
        self.modules = self._watched_modules()
        self.attrs = self._attributes(self.modules)
        self.hooks = self._hooks()
        self.inline = self._inline_backend()
        self.pandas_options = self._pandas_options()
        np = sys.modules.get("numpy")
        self.numpy_err = np.geterr() if np is not None else None
        mpl = sys.modules.get("matplotlib")
        self.rc = dict(mpl.rcParams.copy()) if mpl is not None else None
        self.mpl_backend = mpl.get_backend() if mpl is not None else None
        root = logging.getLogger()
        self.logging = (list(root.handlers), root.level)
        self.threads = {t.ident for t in threading.enumerate()}
        self.dirty = []
        self.ready = True
        import gc

        gc.collect()
        gc.freeze()  # the warm state stays: the collection after each report looks at the report's objects only

    def begin(self, cwd: str) -> str:
        """Start a report: its folder becomes the working folder; execution count 1; fresh random seeds."""
        os.chdir(cwd)
        shell = self._shell()
        if shell is not None:
            shell.execution_count = 1
        random.seed()
        np = sys.modules.get("numpy")
        if np is not None:
            np.random.seed()
        return "ok"

    def end(self) -> list[str]:
        """Put the process back after a report; return why the kernel cannot be reused ([] when clean)."""
        import gc
        import warnings

        reasons = list(self.dirty)
        if not self.ready:
            return ["tidak ada baseline"]
        shell = self._shell()
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close("all")
        if shell is not None:
            shell.reset(new_session=True)  # new user namespace, input history (In) and execution count 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mpl = sys.modules.get("matplotlib")
            if mpl is not None and self.rc is not None:
                if plt is not None and mpl.get_backend() != self.mpl_backend:
                    plt.switch_backend(self.mpl_backend)
                changed = {k: v for k, v in self.rc.items() if k != "backend" and _differs(mpl.rcParams.get(k), v)}
                for key in set(mpl.rcParams) - set(self.rc):
                    reasons.append(f"rcParams baru {key}")
                mpl.rcParams.update(changed)
            backend = sys.modules.get("matplotlib_inline.config")
            if backend is not None and self.inline:
                instance = backend.InlineBackend.instance()
                for name, value in self.inline.items():
                    if _differs(getattr(instance, name), value):
                        setattr(instance, name, copy.deepcopy(value))
            pd = sys.modules.get("pandas")
            if pd is not None:
                now = self._pandas_options()
                for key, value in self.pandas_options.items():
                    if key in now and _differs(now[key], value):
                        try:
                            pd.set_option(key, value)
                        except Exception as exc:  # noqa: BLE001
                            reasons.append(f"opsi pandas {key} tidak dapat dipulihkan ({exc})")
            np = sys.modules.get("numpy")
            if np is not None and self.numpy_err is not None:
                np.seterr(**self.numpy_err)
        os.chdir(self.cwd)
        if dict(os.environ) != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        sys.path[:] = self.sys_path
        warnings.filters[:] = self.warning_filters
        warnings._filters_mutated()
        root = logging.getLogger()
        root.handlers[:] = self.logging[0]
        root.setLevel(self.logging[1])
        gc.collect()

        modules = self._watched_modules()
        new = {n: m for n, m in modules.items() if n not in self.modules}
        if new:  # imported by this report (often lazily, by pandas itself): adopt unless the notebook changed it
            new_attrs = self._attributes(new)
            from_notebook = sorted(".".join(k) for k, v in new_attrs.items() if _from_notebook(v))
            if from_notebook:
                reasons.append("modul baru diimpor lalu diubah oleh notebook: " + ", ".join(from_notebook[:10]))
            self.modules.update(new)
            for key, value in new_attrs.items():
                self.attrs.setdefault(key, value)
        replaced = sorted(n for n, m in modules.items() if n in self.modules and m is not self.modules[n])
        current = self._attributes({n: m for n, m in modules.items() if n in self.modules})
        patched = [f"{'.'.join(key)} (baru)" for key in current.keys() - self.attrs.keys()
                   if key[-1] not in IGNORED_ATTRIBUTES and not isinstance(current[key], types.ModuleType)]
        patched += [".".join(key) for key, value in current.items()
                    if key in self.attrs and self.attrs[key] is not value and self.attrs[key] is not None
                    and key[-1] not in IGNORED_ATTRIBUTES]
        patched += [f"{'.'.join(key)} (dihapus)" for key in self.attrs.keys() - current.keys()]
        patched += [f"sys.modules[{name!r}] (diganti)" for name in replaced]
        if patched:
            patched.sort()
            reasons.append("atribut modul diganti: " + ", ".join(patched[:10]) + (" ..." if len(patched) > 10 else ""))
        if self._hooks() != self.hooks:
            reasons.append("hook/formatter IPython diubah")
        threads = [t.name for t in threading.enumerate() if t.ident not in self.threads and t.is_alive()
                   and type(t).__module__.partition(".")[0] not in LIBRARY_THREADS]
        if threads:
            reasons.append("thread masih berjalan: " + ", ".join(threads))
        self.dirty = []
        return reasons



def _from_notebook(value: object) -> bool:
    """True for a function or class defined in a notebook cell (module ``__main__`` in a kernel)."""
    return getattr(value, "__module__", None) == "__main__" and (callable(value) or isinstance(value, type))


def _differs(a: object, b: object) -> bool:
    try:
        return bool(a != b)
    except Exception:  # noqa: BLE001 - e.g. arrays: compare by identity
        return a is not b


#: The guard of this kernel process (see :class:`KernelGuard`).
GUARD = KernelGuard()


def mark_dirty(reason: str = "ditandai oleh notebook") -> None:
    """Ask for a fresh kernel after this report (call it from a notebook that changes global state).

    Has no effect outside a warm kernel.
    """
    GUARD.dirty.append(reason)


# --------------------------------------------------------------------------- the runner's side: warm kernels


def _run(coro):
    """Run ``coro`` on this thread's event loop (the one nbclient's ``run_sync`` uses too)."""
    from jupyter_core.utils import ensure_event_loop

    return ensure_event_loop().run_until_complete(coro)


class KernelCallError(LkjipError):
    """Code the runner sent to a warm kernel (warm-up, reset) failed."""


class WarmKernel:
    """One IPC kernel kept by a worker and reused, report after report, with its state reset in between.

    Every call that talks to the kernel runs on one private thread (the event loop of
    the kernel client lives there), so the owner may call from any thread.
    :meth:`run_notebook` runs papermill with :class:`WarmEngine` on that thread. The
    kernel is started on first use: with ``preload`` imported and the
    :class:`KernelGuard` baseline recorded. After a report that failed, or that left
    the kernel dirty (see :class:`KernelGuard`), the kernel is shut down; the next
    report starts a fresh one. (Starting it at once, in the background, was tried: it
    rarely overlaps useful work, since failed reports have no export, and a batch's
    last report would start a kernel only to kill it.)

    Attributes
    ----------
    last_new : bool
        The last report ran in a kernel started for it.
    last_discarded : str or None
        Why the kernel was thrown away after the last report (None: it was kept).
    starts : int
        Kernels started so far.
    """

    def __init__(self, kernel_name: str = KERNEL_NAME, start_timeout: float = 60,
                 preload: tuple[str, ...] = PRELOAD) -> None:
        self.kernel_name = kernel_name
        self.start_timeout = start_timeout
        self.preload = list(preload)
        self.km: IpcKernelManager | None = None
        self.kc = None
        self.reports = 0
        self.starts = 0
        self.last_new = False
        self.last_discarded: str | None = None
        self._closed = False
        self._busy = False  # a report is running (close() then kills the kernel rather than wait)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkjip-kernel")

    # ----------------------------------------------------------------- on the kernel thread

    @property
    def alive(self) -> bool:
        return self.km is not None and self.km.has_kernel

    @property
    def pid(self) -> int | None:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(process, "pid", None)

    def _start(self) -> None:
        from .kernel_fork import take_seed

        km = IpcKernelManager(kernel_name=self.kernel_name, seed=take_seed())
        try:
            _run(km.start_kernel())
            kc = km.client()
            kc.start_channels()
            _run(kc.wait_for_ready(timeout=self.start_timeout))
            kc.allow_stdin = False
        except BaseException:
            self.km, self.kc = km, None
            self._stop()
            raise
        self.km, self.kc, self.reports = km, kc, 0
        self.starts += 1
        try:
            self.call_kernel(f"GUARD.warm_up({self.preload!r})", "import lkjip_analysis.run.kernels",
                             timeout=max(self.start_timeout, 120))
        except BaseException:
            self._stop()  # a kernel without a baseline must not run reports
            raise

    def _stop(self) -> None:
        km, kc = self.km, self.kc
        self.km = self.kc = None
        if kc is not None:
            with contextlib.suppress(Exception):  # closing anyway
                kc.stop_channels()
        if km is not None:
            try:
                if km.has_kernel:
                    _run(km.shutdown_kernel(now=True))
                else:
                    _run(km.cleanup_resources())
            except Exception as exc:  # noqa: BLE001 - the process may be gone already
                logger.debug(message("log.kernel_stop_failed", error=exc))
                _kill(km)

    def _ensure(self) -> bool:
        """Start a kernel unless a good one runs; True when one was started."""
        if self.alive:
            return False
        self._stop()
        self._start()
        return True

    def call_kernel(self, expression: str, code: str = "", timeout: float = 60):
        """Evaluate ``expression`` in the kernel (after running ``code``), silently; return its value.

        ``GUARD`` in the expression stands for :data:`lkjip_analysis.run.kernels.GUARD`. Only
        for the runner's own calls: nothing appears in the notebook, and the execution
        count is not advanced.
        """
        import ast

        expression = expression.replace("GUARD.", "__import__('lkjip_analysis.run.kernels', fromlist=['GUARD']).GUARD.")
        reply = _run(self.kc.execute_interactive(code, silent=True, store_history=False, user_expressions={
            "r": expression}, timeout=timeout, output_hook=lambda msg: None))
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelCallError(f"{content.get('ename')}: {content.get('evalue')}")
        value = content["user_expressions"]["r"]
        if value.get("status") != "ok":
            raise KernelCallError(f"{value.get('ename')}: {value.get('evalue')}")
        return ast.literal_eval(value["data"]["text/plain"])

    def _execute(self, nb_man, client_kwargs: dict, cwd: str):
        """The body of :class:`WarmEngine`: run the notebook of ``nb_man`` in this kernel, in ``cwd``."""
        from papermill.clientwrap import PapermillNotebookClient

        self._ensure()
        self.reports += 1
        self.last_new, self.last_discarded = self.reports == 1, None
        self._busy = True
        try:
            self.call_kernel(f"GUARD.begin({str(cwd)!r})")
            client = PapermillNotebookClient(nb_man, km=self.km, **client_kwargs)
            client.kc = self.kc
            client.execute()
        except BaseException as exc:
            self._discard(f"{type(exc).__name__}: {exc}")
            raise
        finally:
            self._busy = False
        if nb_man.nb.metadata.get("papermill", {}).get("exception"):
            self._discard("laporan gagal")
            return nb_man.nb
        try:
            reasons = self.call_kernel("GUARD.end()")
        except Exception as exc:  # noqa: BLE001 - cannot tell whether it is clean: do not reuse it
            reasons = [f"pemulihan gagal: {type(exc).__name__}: {exc}"]
        if reasons:
            self._discard("; ".join(reasons))
        return nb_man.nb

    def _discard(self, reason: str) -> None:
        logger.info(message("log.kernel_replaced", pid=self.pid, reason=reason))
        self.last_discarded = reason
        self._stop()  # the next report starts a fresh one

    # ----------------------------------------------------------------- for the owner (any thread)

    def submit(self, fn, *args, **kwargs):
        """Run ``fn`` on the kernel thread and wait for it."""
        if self._closed:
            raise KernelCallError.from_key("kernel.closed")
        future = self._thread.submit(fn, *args, **kwargs)
        while True:  # wake up now and then: a Ctrl-C (KeyboardInterrupt) is raised here at once
            try:
                return future.result(timeout=0.25)
            except FuturesTimeout:
                continue

    def run_notebook(self, input_path: str, output_path: str, parameters: dict, cwd: str,
                     execution_timeout: float | None = None) -> object:
        """``papermill.execute_notebook`` in this kernel, with ``cwd`` as the kernel's working folder.

        Raises what papermill raises (``PapermillExecutionError`` for a failing cell);
        a kernel start failure is raised as is (the runner retries collisions).
        """
        import papermill as pm

        self.last_new, self.last_discarded = False, None
        return self.submit(pm.execute_notebook, input_path, output_path, parameters=parameters,
                           engine_name=WARM_ENGINE, kernel_name=self.kernel_name, progress_bar=False,
                           start_timeout=self.start_timeout, execution_timeout=execution_timeout,
                           request_save_on_cell_execute=False, warm_kernel=self, kernel_cwd=cwd)

    def close(self) -> None:
        """Shut the kernel down (at once: it holds no work worth waiting for) and end the thread.

        Called mid-report (Ctrl-C), it kills the kernel first, so the report stops writing
        to its staging folder before this returns.
        """
        if self._closed:
            return
        self._closed = True
        if self._busy and self.km is not None:  # interrupted mid-report: end it now, not when it finishes
            _kill(self.km)
        try:
            self._thread.submit(self._stop).result(timeout=30)
        except Exception:  # noqa: BLE001 - interpreter shutting down, or the thread is stuck in a report
            km = self.km
            if km is not None:
                _kill(km)
        self._thread.shutdown(wait=False, cancel_futures=True)


def _kill(km: IpcKernelManager) -> None:
    """Kill a kernel process without its event loop (from any thread, also at interpreter exit)."""
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None:
        with contextlib.suppress(Exception):  # already gone
            process.kill()
            process.wait(timeout=10)
    with_dir = getattr(km, "_remove_socket_dir", None)
    if with_dir is not None:
        with_dir()


class WarmEngine:
    """Papermill engine that runs the notebook in a :class:`WarmKernel` (registered as ``lkjip-warm``).

    Papermill still parameterises the notebook, records cell metadata, writes the
    output notebook and raises ``PapermillExecutionError``; this engine only swaps
    the kernel start and shutdown of papermill's ``nbclient`` engine for a kernel that
    is already running.
    """

    @classmethod
    def _engine(cls):
        from papermill.engines import NBClientEngine

        class _WarmEngine(NBClientEngine):
            @classmethod
            def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                         stderr_file=None, start_timeout=60, execution_timeout=None,
                                         warm_kernel: WarmKernel | None = None, kernel_cwd: str = ".", **kwargs):
                if warm_kernel is None:
                    raise InvalidArgumentError.from_key("kernel.engine_needs_kernel")
                kwargs.pop("input_path", None)
                kwargs.pop("timeout", None)
                kwargs.pop("startup_timeout", None)
                client_kwargs = dict(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                     kernel_name=kernel_name, log=logging.getLogger("papermill"),
                                     log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
                return warm_kernel._execute(nb_man, client_kwargs, kernel_cwd)

        return _WarmEngine

    @classmethod
    def register(cls) -> None:
        """Make ``engine_name="lkjip-warm"`` known to papermill (idempotent)."""
        from papermill.engines import papermill_engines

        if WARM_ENGINE not in papermill_engines._engines:
            papermill_engines.register(WARM_ENGINE, cls._engine())


# --------------------------------------------------------------------------- one warm kernel per worker

_WORKER_KERNELS: dict[tuple[int, str], WarmKernel] = {}
_LOCK = threading.Lock()
_FINALIZER_SET = False


def worker_kernel(kernel_name: str = KERNEL_NAME, start_timeout: float = 60) -> WarmKernel:
    """The warm kernel of the calling thread of this process (made on first use, closed at exit)."""
    global _FINALIZER_SET
    WarmEngine.register()
    key = (threading.get_ident(), kernel_name)
    with _LOCK:
        kernel = _WORKER_KERNELS.get(key)
        if kernel is None or kernel._closed:
            if not _FINALIZER_SET:
                import atexit
                from multiprocessing import util

                atexit.register(close_worker_kernels)
                util.Finalize(None, close_worker_kernels, exitpriority=100)  # pool workers end with os._exit
                _FINALIZER_SET = True
                clean_socket_dirs()
            kernel = _WORKER_KERNELS[key] = WarmKernel(kernel_name, start_timeout)
        kernel.start_timeout = start_timeout
    return kernel


def prestart_worker_kernel(kernel_name: str = KERNEL_NAME, start_timeout: float = 60) -> WarmKernel:
    """Start the calling thread's warm kernel now, in the background (on the kernel's own thread).

    A pool worker calls this first thing, so that the kernel process boots (ipykernel, then
    the warm-up imports: about 1.5 s) while the worker itself imports papermill and nbconvert;
    the first report then waits only for what is left. A start that fails here is not raised:
    the first report starts the kernel again and reports (or retries) the error as usual.
    """
    kernel = worker_kernel(kernel_name, start_timeout)

    def start() -> None:
        try:
            kernel._ensure()
        except Exception as exc:  # noqa: BLE001 - the first report tries again and reports it
            logger.debug(message("log.kernel_early_failed", error=exc))

    if not kernel._closed:
        kernel._thread.submit(start)
    return kernel


def wait_for_worker_kernels() -> None:
    """Return once every warm kernel of this process is up (started now if need be); a failed start is left to the first report."""
    with _LOCK:
        kernels = list(_WORKER_KERNELS.values())
    for kernel in kernels:
        with contextlib.suppress(Exception):
            kernel.submit(kernel._ensure)


def close_worker_kernels() -> None:
    """Shut down every warm kernel of this process."""
    with _LOCK:
        kernels = list(_WORKER_KERNELS.values())
        _WORKER_KERNELS.clear()
    for kernel in kernels:
        kernel.close()
