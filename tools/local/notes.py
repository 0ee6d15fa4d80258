"""Notes as Markdown files: ``Notes/<folder>/<name>.md``.

Names come from the planner, so they are made into safe file names (``safe_name``):
a name such as "../x" or "a/b" stays inside its folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from tinyagent.tools.errors import AmbiguousMatch, Choice, ToolError
from tinyagent.tools.local.storage import atomic_write_text, inside, locked, safe_name, unique_path
from tinyagent.tools.matching import normalize

FOLDER = "Notes"
DEFAULT_FOLDER = "Notes"
SUFFIX = ".md"
FUZZY_THRESHOLD = 75.0
FUZZY_MARGIN = 5.0


@dataclass(frozen=True)
class Note:
    """A note file and where it lives."""

    name: str
    folder: str
    path: Path


class NoteBook:
    """The notes of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / FOLDER

    def create(self, name: str, content: str, folder: str) -> str:
        """Write a new note; a taken name gets a number ("Ideas (2)") rather than overwriting."""
        stem = safe_name(name, what="note")
        path = self._write_new(stem, content, folder)
        created = path.name.removesuffix(SUFFIX)
        if created != stem:
            return f"A note “{stem}” already exists in {path.parent.name}, so this one is “{created}”."
        return f"Created the note “{created}” in {path.parent.name}."

    def _write_new(self, stem: str, content: str, folder: str) -> Path:
        directory = self._folder(folder)
        directory.mkdir(parents=True, exist_ok=True)
        with locked(directory):
            path = unique_path(directory, stem, SUFFIX)
            atomic_write_text(path, _with_newline(content))
        return path

    def read(self, name: str, folder: str) -> str:
        """The content of the note ``name`` (fuzzy; every folder when ``folder`` is "")."""
        return self._find(name, folder).path.read_text(encoding="utf-8")

    def append(self, name: str, content: str, folder: str) -> str:
        """Add ``content`` at the end of the note (exact name), creating it when missing."""
        with locked(self.root):  # two appends to a missing note must not create two notes
            note = self._find_exact(name, folder)
            if note is None:
                path = self._write_new(safe_name(name, what="note"), content, folder)
                created = path.name.removesuffix(SUFFIX)
                return f"Created the note “{created}” in {path.parent.name} (it did not exist)."
            existing = note.path.read_text(encoding="utf-8")
            separator = "" if not existing or existing.endswith("\n") else "\n"
            atomic_write_text(note.path, existing + separator + _with_newline(content))
        return f"Added to the note “{note.name}” in {note.folder}."

    def notes(self, folder: str = "") -> list[Note]:
        """Every note, or the notes of one folder."""
        folders = [self._folder(folder)] if folder.strip() else sorted(self.root.glob("*/"))
        return [
            Note(p.name.removesuffix(SUFFIX), d.name, p)
            for d in folders
            if d.is_dir() and not d.name.startswith(".")
            for p in sorted(d.glob(f"*{SUFFIX}"))
            if p.is_file()
        ]

    def _folder(self, folder: str) -> Path:
        return inside(self.root, safe_name(folder.strip() or DEFAULT_FOLDER, what="notes folder"))

    def _find_exact(self, name: str, folder: str) -> Note | None:
        key = normalize(safe_name(name, what="note"))
        matches = [n for n in self.notes(folder) if normalize(n.name) == key]
        if len(matches) > 1:
            preferred = [n for n in matches if n.folder == DEFAULT_FOLDER]
            if len(preferred) == 1:
                return preferred[0]
            folders = ", ".join(n.folder for n in matches)
            raise ToolError(f"There are notes named “{name}” in {folders}; say which folder to add to.")
        return matches[0] if matches else None

    def _find(self, name: str, folder: str) -> Note:
        notes = self.notes(folder)
        key = normalize(safe_name(name, what="note"))
        found = [n for n in notes if normalize(n.name) == key] or _fuzzy(name, notes)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousMatch(
                f"Several notes match “{name}”; which one?",
                [Choice(n.name, n.path.read_text(encoding="utf-8"), f"in {n.folder}") for n in found],
            )
        where = f"the folder “{folder}”" if folder.strip() else "your notes"
        known = ", ".join(f"“{n.name}”" for n in self.notes(folder)[:10]) or "none yet"
        raise ToolError(f"No note called “{name}” in {where} (notes: {known}). Check the name or create it.")


def _fuzzy(name: str, notes: list[Note]) -> list[Note]:
    key = normalize(name)
    scored = [(float(fuzz.WRatio(key, normalize(n.name))), n) for n in notes]
    plausible = [(s, n) for s, n in scored if s >= FUZZY_THRESHOLD]
    if not plausible:
        return []
    best = max(s for s, _ in plausible)
    return [n for s, n in sorted(plausible, key=lambda sn: -sn[0]) if s >= best - FUZZY_MARGIN]


def _with_newline(content: str) -> str:
    return content if content.endswith("\n") or not content else content + "\n"
