"""Finding a file with Spotlight (``mdfind``), choosing the best match, and opening it.

The name goes to mdfind as its own argument after ``-name``; it is never part of a
query string. A found program, script or app bundle is never opened: opening one on
macOS would run it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.macos.runner import MDFIND_ENV, ScriptRunner


def _suffixes(words: str) -> frozenset[str]:
    return frozenset(words.split())


DOCUMENT_SUFFIXES = _suffixes(
    """
    .pdf .doc .docx .pages .txt .md .rtf .rtfd .odt .key .ppt .pptx .odp .numbers .xls .xlsx
    .ods .csv .tsv .json .xml .html .htm .epub .png .jpg .jpeg .heic .gif .tif .tiff .svg .mp3
    .m4a .wav .mp4 .mov .m4v .ics .vcf .eml
    """
)
# Opening these on macOS runs, installs or mounts something.
LAUNCHING_SUFFIXES = _suffixes(
    """
    .app .command .tool .sh .bash .zsh .csh .ksh .fish .py .pyc .pl .rb .php .jar .pkg .mpkg
    .dmg .scpt .scptd .applescript .workflow .action .terminal .prefpane .saver .kext .bundle
    .plugin .framework .appex .xpc .service .webloc .inetloc .fileloc .url .exe .bin .run .osax
    .qlgenerator .mdimporter .widget .wdgt
    """
)
_LOW_PRIORITY_PARTS = frozenset({"Library", "node_modules", "site-packages", ".Trash"})


def mdfind_argv(mdfind: str, file_name: str, folder: Path | None) -> list[str]:
    """``mdfind -0 [-onlyin folder] -name <file_name>``: NUL-separated results, name as one item."""
    scope = ["-onlyin", str(folder)] if folder is not None else []
    return [mdfind, "-0", *scope, "-name", file_name]


def find_paths(runner: ScriptRunner, mdfind: str, file_name: str, folders: Sequence[Path]) -> list[Path]:
    """Every path Spotlight finds for ``file_name``, in the configured folders or everywhere."""
    found: list[Path] = []
    scopes: list[Path | None] = [*folders] or [None]
    for folder in scopes:
        done = runner.run_program(
            mdfind_argv(mdfind, file_name, folder),
            missing=(
                f"File search needs Spotlight's mdfind, which was not found ({mdfind!r}). On a Mac, set "
                f"{MDFIND_ENV} to its path (normally /usr/bin/mdfind)."
            ),
        )
        if done.returncode != 0:
            raise ToolError(f"Spotlight search failed: {done.stderr.strip() or 'no error message'}")
        found.extend(Path(p) for p in done.stdout.split("\0") if p)
    return list(dict.fromkeys(found))


def launches(path: Path) -> bool:
    """True when opening ``path`` could run code: an app bundle, a script, an executable.

    A link is judged by its own name and by what it points to.
    """
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return True  # gone, unreadable or a link loop: do not open what we cannot inspect
    return _launches(path) or _launches(target)


def _launches(path: Path) -> bool:
    for part in path.parts:
        if Path(part).suffix.lower() in LAUNCHING_SUFFIXES:
            return True
    try:
        mode = path.stat().st_mode
    except OSError:
        return True  # gone or unreadable: do not open what we cannot inspect
    if not stat.S_ISREG(mode):
        return True  # folders and bundles open in other apps, devices and pipes never
    executable = bool(mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH))
    # Documents copied from other disks often carry an execute bit; macOS opens them by type.
    return executable and path.suffix.lower() not in DOCUMENT_SUFFIXES


def rank(file_name: str, paths: Iterable[Path]) -> list[Path]:
    """Best first: exact name, then exact name without extension, then documents, then shorter paths."""
    wanted = file_name.strip().casefold()

    def key(path: Path) -> tuple[int, int, int, int, str]:
        if path.name.casefold() == wanted:
            closeness = 0
        elif path.stem.casefold() == wanted:
            closeness = 1
        elif path.name.casefold().startswith(wanted):
            closeness = 2
        else:
            closeness = 3
        document = 0 if path.suffix.lower() in DOCUMENT_SUFFIXES else 1
        tucked_away = int(any(p in _LOW_PRIORITY_PARTS or p.startswith(".") for p in path.parts))
        return (closeness, document, tucked_away, len(str(path)), str(path))

    return sorted(paths, key=key)


def best_file(file_name: str, paths: Sequence[Path]) -> Path:
    """The best openable match among ``paths``; refuses programs and app bundles."""
    existing = [p for p in paths if p.is_absolute() and os.path.lexists(p)]
    if not existing:
        raise ToolError(f"No file named like {file_name!r} was found. Check the name and try again.")
    safe = [p for p in existing if not launches(p)]
    if not safe:
        raise ToolError(
            f"Only programs, scripts or app bundles match {file_name!r}; TinyAgent never opens those. "
            "Give the name of a document."
        )
    return rank(file_name, safe)[0]


def find_file(runner: ScriptRunner, mdfind: str, file_name: str, folders: Sequence[Path]) -> Path:
    """The best file Spotlight finds for ``file_name``."""
    name = file_name.strip()
    if not name:
        raise ToolArgumentError("Say which file to look for.")
    if "/" in name or os.sep in name:
        name = Path(name).name or name  # Spotlight matches names, not paths
    return best_file(name, find_paths(runner, mdfind, name, folders))


def open_file(runner: ScriptRunner, open_command: str, path: Path) -> None:
    """Open ``path`` with ``open_command`` (e.g. ``open``); the path is one argv item."""
    done = runner.run_program(
        [open_command, str(path)],
        missing=f"The program that opens files ({open_command!r}) was not found. Check it in Settings.",
    )
    if done.returncode != 0:
        raise ToolError(f"Could not open {path}: {done.stderr.strip() or 'no error message'}")
