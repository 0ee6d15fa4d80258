"""Finding the user's files by (part of) their name, and opening them without running anything."""

from __future__ import annotations

import logging
import os
import shlex
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.matching import normalize

log = logging.getLogger(__name__)

MATCH_THRESHOLD = 70.0
MAX_FILES = 50_000  # a bound on one search, so a huge home folder cannot stall a plan
MAX_DEPTH = 8
# Files that would run code when "opened": never hand them to the opener.
_EXECUTABLE_TEXT = (
    ".exe .com .bat .cmd .msi .scr .ps1 .vbs .js .jse .wsf .lnk .sh .bash .zsh .command .app "
    ".desktop .appimage .jar .py .pyw .pl .rb .run .bin .deb .rpm .pkg .dmg .reg .cpl"
)
EXECUTABLE_SUFFIXES = frozenset(_EXECUTABLE_TEXT.split())
_SEPARATORS = str.maketrans({c: " " for c in "_-.+"})


@dataclass(frozen=True)
class FoundFile:
    """A search hit: the file, its score (0-100) and its modification time."""

    path: Path
    score: float
    mtime: float


def default_folders(data_dir: Path) -> tuple[Path, ...]:
    """Where to look when the user configured no folders."""
    home = Path.home()
    candidates = (data_dir / "Files", home / "Documents", home / "Desktop", home / "Downloads")
    return tuple(p for p in candidates if p.is_dir())


def find_file(query: str, folders: Sequence[Path]) -> Path:
    """The file whose name best matches ``query``; ties go to the most recently changed."""
    if not query.strip():
        raise ToolArgumentError("Give (part of) the file's name to look for.")
    if not folders:
        raise ToolError("There are no folders to search. Add the folders with your files in Settings.")
    key = _words(query)
    best: FoundFile | None = None
    for path in _walk(folders):
        score = _score(key, path)
        if score < MATCH_THRESHOLD:
            continue
        hit = FoundFile(path, score, _mtime(path))
        if best is None or (hit.score, hit.mtime) > (best.score, best.mtime):
            best = hit
    if best is None:
        where = ", ".join(str(f) for f in folders)
        raise ToolError(
            f"No file named like {query!r} in {where}. Check the name, or add its folder in Settings."
        )
    return best.path.resolve()


def _words(text: str) -> str:
    return " ".join(normalize(text).translate(_SEPARATORS).split())


def _score(key: str, path: Path) -> float:
    name, stem = _words(path.name), _words(path.stem)
    if key in (name, stem):
        return 100.0
    return float(max(fuzz.token_set_ratio(key, stem), fuzz.ratio(key, name), fuzz.WRatio(key, stem)))


def _walk(folders: Sequence[Path]) -> Iterator[Path]:
    seen = 0
    for folder in folders:
        base_depth = len(folder.parts)
        for root, dirs, names in os.walk(folder):
            # Hidden folders hold caches and settings, not the documents people ask for.
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            if len(Path(root).parts) - base_depth >= MAX_DEPTH:
                dirs.clear()
            for name in names:
                if name.startswith("."):
                    continue
                seen += 1
                if seen > MAX_FILES:
                    log.warning("file search stopped after %d files", MAX_FILES)
                    return
                yield Path(root, name)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def is_executable(path: Path) -> bool:
    """True for programs and scripts, which opening would run."""
    if path.suffix.casefold() in EXECUTABLE_SUFFIXES:
        return True
    return os.name != "nt" and path.is_file() and os.access(path, os.X_OK)


def open_with(command: str, target: str) -> None:
    """Start ``command`` with ``target`` as its last argument; no shell, no waiting.

    ``command`` may carry its own arguments ("gio open"). Failing to open is logged, not
    raised: the task's result is the path, which later tasks still need.
    """
    argv = [*shlex.split(command, posix=os.name != "nt"), target]
    try:
        subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        log.warning("could not open %s with %r: %s", target, command, exc)


def open_file(command: str | None, path: Path) -> None:
    """Open ``path`` with the user's opener, unless it is a program."""
    if not command:
        return
    if is_executable(path):
        log.warning("not opening %s: it is a program or script", path)
        return
    open_with(command, str(path))
