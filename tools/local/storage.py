"""Safe files for the local data store: atomic writes, safe names, one writer per file.

Tasks of one plan run in parallel, so two of them may update the same calendar file;
every read-modify-write of a store file holds that file's lock.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinyagent.tools.errors import ToolArgumentError

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
# Names Windows reserves for devices, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)

_locks_guard = threading.Lock()
_locks: dict[Path, threading.Lock] = {}


def safe_name(name: str, *, what: str) -> str:
    """``name`` made into one file name that stays inside its folder ("../x" -> "x").

    Unicode letters are kept; path separators and characters Windows forbids become
    spaces. ``what`` ("note", "calendar") words the error for a name with nothing left.
    """
    text = unicodedata.normalize("NFC", name)
    text = " ".join(_UNSAFE.sub(" ", text).split())
    text = text.strip(". ")[:MAX_NAME_CHARS].strip(". ")
    if not text:
        raise ToolArgumentError(f"Give the {what} a name with at least one letter or digit.")
    if text.split(".")[0].casefold() in _RESERVED:
        text = f"{text} ({what})"
    return text


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refusing anything that would resolve outside ``folder``."""
    path = folder / name
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ToolArgumentError(f"{name!r} points outside {folder}. Use a plain name.")
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """``atomic_write`` of UTF-8 text."""
    atomic_write(path, text.encode("utf-8"))


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of ``path`` for a read-modify-write within this process."""
    key = path.resolve()
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        yield


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem (2)+suffix``… when that exists already."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
