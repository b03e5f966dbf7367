"""Print HTML to PDF with a headless Chromium that stays running (DevTools protocol over a pipe).

Starting a browser costs most of a one-off ``chromium --print-to-pdf`` (about 0.8 s of
1.2 s here); a report batch prints dozens of reports per worker, so each worker process
keeps one browser (:func:`browser`) and prints every report in a new tab of it
(0.3–0.6 s here for a 10–17-page report).

The browser runs offline (:data:`OFFLINE_ARGS`): nothing a page names on the network is
fetched or waited for. It is driven through the Chrome DevTools Protocol over
``--remote-debugging-pipe`` (file descriptors 3 and 4 of the browser, NUL-separated
JSON messages): no TCP port to collide with, no websocket library. Each print opens a
new target (tab), loads the file, waits for its ``load`` event and its fonts, prints with
the page size of the document's ``@page`` rule (``preferCSSPageSize``) and closes the tab.

Which binary: ``$LKJIP_CHROMIUM`` when set, else the first of :data:`CANDIDATES` on
``PATH``. Debian/Ubuntu: ``apt-get install chromium-headless-shell`` (the smallest; or
``chromium``). Not on Windows (no pipe transport here): there WeasyPrint is used.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import json
import logging
import os
import selectors
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from .. import i18n
from ..exceptions import LkjipError, OptionalDependencyError

logger = logging.getLogger(__name__)

#: Environment variable naming the Chromium/Chrome binary to use.
ENV_BINARY = "LKJIP_CHROMIUM"
#: Binaries looked for on ``PATH``, in this order.
CANDIDATES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = ("pasang Chromium: apt-get install chromium-headless-shell (atau chromium), atau tunjuk biner "
                f"Chrome/Chromium dengan variabel lingkungan {ENV_BINARY}")
#: Seconds a DevTools call may take before the browser is considered stuck (and killed).
CALL_TIMEOUT = 60.0
#: Seconds between two checks that the browser process still runs while a call waits (a browser
#: that exits closes its pipe, which ends the wait at once; this is the backstop).
ALIVE_CHECK = 0.25
#: Events saying the tab being printed is gone: its renderer crashed, or it was detached/closed.
#: A pending call then fails at once with :class:`ChromiumCrashedError` instead of waiting
#: :data:`CALL_TIMEOUT` for a reply that will never come.
TAB_GONE_EVENTS = ("Target.targetCrashed", "Target.targetDestroyed", "Target.detachedFromTarget",
                   "Inspector.targetCrashed", "Inspector.detached")


class ChromiumError(LkjipError):
    """Chromium is missing, would not start, died, or did not answer in time."""


class ChromiumNotFoundError(ChromiumError, OptionalDependencyError):
    """No Chromium binary is installed (or ``$LKJIP_CHROMIUM`` names none); the message says how to install one."""


class ChromiumCrashedError(ChromiumError):
    """The browser process or the tab being printed died while a call waited (fails within a second)."""


def find_chromium() -> str | None:
    """Path of the Chromium binary to use, or None when there is none (or on Windows).

    ``$LKJIP_CHROMIUM`` wins when set (a path, or a name on ``PATH``); an empty value
    disables Chromium.
    """
    if sys.platform == "win32":
        return None
    configured = os.environ.get(ENV_BINARY)
    if configured is not None:
        return shutil.which(configured) if configured.strip() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class _Process:
    """A child started with ``posix_spawn`` in a session of its own (no ``preexec_fn``: safe with threads)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    @classmethod
    def spawn(cls, argv: list[str], fds: dict[int, int]) -> _Process:
        """Start ``argv`` with ``fds`` (``{child fd: our fd}``) and stdin/stdout/stderr on /dev/null."""
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, 1, 2)]
        actions += [(os.POSIX_SPAWN_DUP2, ours, theirs) for theirs, ours in fds.items()]
        return cls(os.posix_spawn(argv[0], argv, dict(os.environ), file_actions=actions, setsid=True))

    def poll(self) -> int | None:
        if self.returncode is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float) -> int | None:
        """Wait up to ``timeout`` seconds for the process to end; its exit code, or None."""
        deadline = time.monotonic() + timeout
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.returncode

    def kill(self, timeout: float = 10) -> None:
        """Kill the whole session (the browser and its renderer processes) and reap the browser."""
        if self.poll() is not None:
            return
        with contextlib.suppress(OSError):
            os.killpg(self.pid, signal.SIGKILL)
        self.wait(timeout)


def _above_4(fd: int) -> int:
    """``fd`` moved to a number above 4, so that mapping it onto fd 3 or 4 cannot close it.

    Close-on-exec like every fd Python makes: only the browser gets it (``dup2`` onto 3 or 4 in
    the child clears the flag there), not a kernel another thread starts meanwhile.
    """
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


#: The browser reaches no network: no host name resolves (no DNS query is made) and every http(s)
#: request, to an IP address or loopback too, goes to a proxy on a closed local port and fails at
#: once. A report prints from its own file; nbconvert's page also names scripts on a CDN
#: (require.js, MathJax) that a print does not need, and must neither fetch nor wait for.
OFFLINE_ARGS = ("--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:1",
                "--proxy-bypass-list=<-loopback>", "--disable-background-networking", "--disable-component-update",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
                "--disable-sync")


def _launch_args(binary: str, profile: str) -> list[str]:
    args = [binary, "--headless", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--no-first-run",
            "--no-default-browser-check", "--disable-gpu", "--disable-extensions", "--disable-dev-shm-usage",
            "--mute-audio", "--hide-scrollbars", "--allow-file-access-from-files", "--disable-crash-reporter",
            "--disable-breakpad", *OFFLINE_ARGS]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args += ["--no-sandbox", "--no-zygote"]  # Chromium refuses to run its sandbox as root
    return [*args, "about:blank"]


class Chromium:
    """One headless Chromium process, printing HTML files to PDF one after another.

    Thread-safe (one print at a time). Started on first use; a browser that died or
    stopped answering is killed and the next print starts a new one.

    Parameters
    ----------
    binary : str, optional
        Default :func:`find_chromium`.
    timeout : float
        Seconds any one DevTools call may take.
    """

    def __init__(self, binary: str | None = None, timeout: float = CALL_TIMEOUT) -> None:
        self.binary = binary or find_chromium()
        self.timeout = timeout
        self.process: _Process | None = None
        self.prints = 0
        self.starts = 0
        self._lock = threading.Lock()
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict] = []
        self._profile: str | None = None
        self._to_browser: int | None = None
        self._from_browser: int | None = None
        self._target: str | None = None  # the tab being printed, and its session
        self._session: str | None = None
        self._tab: tuple[str, str] | None = None  # the tab kept for the next print (target, session)

    # ----------------------------------------------------------------- process

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        """Start the browser (no-op when it runs)."""
        if self.alive:
            return
        self.close()
        if not self.binary:
            raise ChromiumNotFoundError.missing("Chromium", INSTALL_HINT, key="error.chromium_not_found")
        self._profile = tempfile.mkdtemp(prefix="lkjip-chromium-")
        commands_r, commands_w = os.pipe()  # we write commands, the browser reads them on fd 3
        replies_r, replies_w = os.pipe()  # the browser writes replies on fd 4
        commands_r, replies_w = _above_4(commands_r), _above_4(replies_w)
        try:
            self.process = _Process.spawn(_launch_args(self.binary, self._profile), {3: commands_r, 4: replies_w})
        except (OSError, NotImplementedError) as exc:  # NotImplementedError: no POSIX_SPAWN_SETSID here
            for fd in (commands_w, replies_r):
                os.close(fd)
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None
            raise ChromiumError.from_key("chromium.cannot_start", binary=self.binary, detail=str(exc),
                                         hint=INSTALL_HINT) from exc
        finally:
            os.close(commands_r)
            os.close(replies_w)
        self._to_browser, self._from_browser = commands_w, replies_r
        self._buffer, self._events = b"", []
        self.starts += 1
        try:
            self._call("Browser.getVersion")
            self._call("Target.setDiscoverTargets", {"discover": True})  # Target.targetCrashed events
        except ChromiumError as exc:
            self.close(graceful=False)
            raise ChromiumError.from_key("chromium.not_chromium", binary=self.binary, detail=str(exc),
                                         hint=INSTALL_HINT) from exc
        _LIVE.add(self)

    def warm(self) -> None:
        """Start the browser and open the tab the next print uses (no-op for what is ready)."""
        with self._lock:
            self.start()
            if self._tab is None:
                try:
                    self._tab = self._open_tab()
                except ChromiumError:
                    self.close(graceful=False)
                    raise
                finally:
                    self._target = self._session = None

    def close(self, graceful: bool = True) -> None:
        """End the browser and remove its profile folder.

        ``graceful``: ask it to close first (it then reaps its own renderer processes), and
        kill it only if it has not ended within 5 s; otherwise (a browser that failed) kill it now.
        """
        if graceful and self.alive and self._to_browser is not None:
            with contextlib.suppress(Exception):
                self._send({"id": self._next_id + 1, "method": "Browser.close"})
                self.process.wait(timeout=5)
        process, self.process = self.process, None
        self._tab = None
        for name in ("_to_browser", "_from_browser"):
            fd = getattr(self, name)
            setattr(self, name, None)
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if process is not None:
            process.kill()
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None
        _LIVE.discard(self)

    # ----------------------------------------------------------------- protocol

    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data):]
        except (OSError, TypeError) as exc:
            raise ChromiumError.from_key("chromium.no_commands", detail=str(exc)) from exc

    def _receive(self, deadline: float) -> dict:
        """The next message from the browser (waits until ``deadline``).

        Raises :class:`ChromiumCrashedError` as soon as the browser exits (pipe closed, or
        found dead within :data:`ALIVE_CHECK` s) or an event says the tab being printed is gone.
        """
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChromiumError.from_key("chromium.timeout", seconds=f"{self.timeout:.0f}")
            with selectors.DefaultSelector() as selector:
                selector.register(self._from_browser, selectors.EVENT_READ)
                if not selector.select(timeout=min(remaining, ALIVE_CHECK)):
                    if not self.alive:
                        raise ChromiumCrashedError.from_key("chromium.stopped")
                    continue
            try:
                chunk = os.read(self._from_browser, 1 << 20)
            except OSError as exc:
                raise ChromiumCrashedError.from_key("chromium.stopped_detail", detail=str(exc)) from exc
            if not chunk:
                raise ChromiumCrashedError.from_key("chromium.pipe_closed")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message = json.loads(raw)
        self._check_tab(message)
        return message

    def _check_tab(self, message: dict) -> None:
        """Raise :class:`ChromiumCrashedError` when ``message`` says the tab being printed is gone."""
        method = message.get("method")
        if method not in TAB_GONE_EVENTS or self._target is None:
            return
        params = message.get("params") or {}
        # (an event of another, earlier tab carries no session: never match a session not known yet)
        ours = (message.get("sessionId") == self._session if method.startswith("Inspector.") else
                params.get("targetId") == self._target
                or (self._session is not None and params.get("sessionId") == self._session))
        if ours:
            target, self._target, self._session = self._target, None, None
            what = i18n.message("chromium.tab_crashed" if method.endswith("Crashed") else "chromium.tab_detached")
            detail = f", status {params['status']}" if "status" in params else ""
            raise ChromiumCrashedError.from_key("chromium.tab_gone", what=what, method=method, detail=detail,
                                                target=target)

    def _call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one DevTools command and wait for its reply; events that arrive meanwhile are kept."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error'].get('message', reply['error'])}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def _wait_event(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self._events.pop(i)
            reply = self._receive(deadline)
            if "method" in reply:
                self._events.append(reply)

    # ----------------------------------------------------------------- printing

    def print_to_pdf(self, html_path: str | Path, pdf_path: str | Path) -> Path:
        """Print the HTML file ``html_path`` to ``pdf_path`` (page size from its ``@page`` rule).

        Raises
        ------
        ChromiumError
            The browser is missing, died or did not answer; it is then closed, so the
            next call starts a new one.
        """
        html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
        with self._lock:
            try:
                self.start()
                data = self._print(html_path.as_uri())
            except ChromiumError:
                self.close(graceful=False)
                raise
            except Exception as exc:  # a protocol surprise: do not reuse this browser
                self.close(graceful=False)
                raise ChromiumError.from_key("chromium.print_failed", detail=f"{type(exc).__name__}: {exc}") from exc
            self.prints += 1
        pdf_path.write_bytes(data)
        return pdf_path

    def _open_tab(self) -> tuple[str, str]:
        """A new tab, attached, with page and inspector events on: (target id, session id)."""
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._target = target
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self._session = session
        self._call("Inspector.enable", session=session)  # Inspector.targetCrashed / detached
        self._call("Page.enable", session=session)
        return target, session

    def _print(self, url: str) -> bytes:
        """Print ``url`` in this browser's tab (opened on first use and kept: a new tab costs a renderer start).

        A tab that failed in any way is closed; the next print opens a new one.
        """
        done = False
        try:
            if self._tab is None:
                self._tab = self._open_tab()
            target, session = self._target, self._session = self._tab
            self._events = [e for e in self._events if e.get("sessionId") != session]  # the last page's
            navigated = self._call("Page.navigate", {"url": url}, session=session)
            if navigated.get("errorText"):
                raise ChromiumError.from_key("chromium.cannot_open", url=url, detail=navigated["errorText"])
            self._wait_event("Page.loadEventFired", session)
            self._call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)",
                                            "awaitPromise": True}, session=session)
            stream = self._call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                                    "displayHeaderFooter": False,
                                                    "transferMode": "ReturnAsStream"}, session=session)["stream"]
            chunks = []
            while True:
                part = self._call("IO.read", {"handle": stream, "size": 1 << 20}, session=session)
                chunks.append(base64.b64decode(part["data"]) if part.get("base64Encoded") else
                              part["data"].encode("latin-1"))
                if part.get("eof"):
                    break
            self._call("IO.close", {"handle": stream}, session=session)
            done = True
            return b"".join(chunks)
        finally:
            crashed = self._target is None  # _check_tab cleared it: the tab is gone
            target, self._target, self._session = self._target, None, None
            if not done:
                self._tab = None
                if self.alive and not crashed and target is not None:
                    with contextlib.suppress(ChromiumError):
                        self._call("Target.closeTarget", {"targetId": target})
                self._events = []


# --------------------------------------------------------------------------- one browser per process

#: Browsers of this process (for :func:`close_browsers`, also from a signal handler).
_LIVE: set[Chromium] = set()
_BROWSER: Chromium | None = None
_BROWSER_LOCK = threading.Lock()
_FINALIZER_SET = False


def browser() -> Chromium:
    """This process's browser (made on first use; closed at exit or by :func:`close_browsers`)."""
    global _BROWSER, _FINALIZER_SET
    with _BROWSER_LOCK:
        if _BROWSER is None:
            _BROWSER = Chromium()
        if not _FINALIZER_SET:
            from multiprocessing import util

            atexit.register(close_browsers)
            util.Finalize(None, close_browsers, exitpriority=100)  # pool workers end with os._exit
            _FINALIZER_SET = True
        return _BROWSER


def close_browsers(graceful: bool = True) -> None:
    """End every browser this process started (``graceful=False``: kill at once, e.g. in a signal handler)."""
    global _BROWSER
    for instance in list(_LIVE):
        instance.close(graceful=graceful)
    _BROWSER = None
