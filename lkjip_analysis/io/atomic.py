"""Write files and folders so that readers never see a half-written one.

Files are written to a temporary name next to their final place and moved in with
:func:`os.replace` (atomic on POSIX and Windows). Folders are built in a *staging*
folder next to their final place and swapped in with renames: the old folder is
renamed aside, the staging folder renamed in, the old folder removed.

Temporary names carry the id of the process that made them
(``.2020.staging-<pid>-<random>``), so :func:`clean_stale` can remove what an
interrupted run left behind without touching the work of a run still in progress.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import uuid
from pathlib import Path

from ..i18n import message

logger = logging.getLogger(__name__)

_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<kind>staging|old|tmp)-(?P<pid>\d+)-[0-9a-f]{8}$")


def _temp_path(final: Path, kind: str, pid: int | None = None) -> Path:
    pid = os.getpid() if pid is None else pid
    return final.with_name(f".{final.name}.{kind}-{pid}-{uuid.uuid4().hex[:8]}")


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file next to it and :func:`os.replace`.

    The folder is created if needed; on failure the temporary file is removed and an
    earlier file at ``path`` is untouched.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "sub" / "a.bin"
    >>> atomic_write_bytes(p, b"halo").read_bytes()
    b'halo'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(path, "tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`).

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_text(p, "halo").read_text()
    'halo'
    """
    return atomic_write_bytes(path, text.encode(encoding))


def staging_path(final: str | Path, pid: int | None = None) -> Path:
    """A fresh staging folder name next to ``final`` (not created).

    ``pid`` is the process that owns the run (default: this one); it lets
    :func:`clean_stale` tell an interrupted run from one still in progress.
    """
    return _temp_path(Path(final), "staging", pid)


def swap_in(staging: str | Path, final: str | Path) -> Path:
    """Replace folder ``final`` by folder ``staging`` with renames only.

    The old folder (if any) is renamed aside, ``staging`` is renamed to
    ``final``, then the old folder is removed. If the process dies between the
    two renames, ``final`` is briefly absent and the old folder survives aside;
    :func:`clean_stale` puts it back on the next run.
    """
    staging, final = Path(staging), Path(final)
    if not final.exists():
        os.replace(staging, final)
        return final
    aside = _temp_path(final, "old")
    os.replace(final, aside)
    try:
        os.replace(staging, final)
    except BaseException:
        os.replace(aside, final)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    return final


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (always False on Windows, where it cannot be asked safely)."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def clean_stale(folder: str | Path) -> list[Path]:
    """Remove what interrupted runs left in ``folder``; return the paths dealt with.

    - staging folders and temporary files of processes that are gone are removed;
    - an old folder renamed aside whose final folder is missing (the process died
      between the two renames of :func:`swap_in`) is put back in place;
      otherwise it is removed.

    Entries of a process still running (another run in progress) are left alone.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    handled = []
    for entry in sorted(folder.iterdir()):
        match = _TEMP_NAME.match(entry.name)
        pid = int(match["pid"]) if match else 0
        if not match or (pid != os.getpid() and pid_alive(pid)):  # own pid: an earlier, interrupted run
            continue
        final = folder / match["name"]
        if match["kind"] == "old" and not final.exists():
            logger.warning(message("log.recovering", final=final, temp=entry.name))
            os.replace(entry, final)
        elif entry.is_dir() and not entry.is_symlink():
            logger.info(message("log.removing_leftover", path=entry))
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        handled.append(entry)
    return handled
