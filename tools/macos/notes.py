"""Notes: creating, reading and appending to notes through the bundled scripts."""

from __future__ import annotations

from tinyagent.tools.errors import ToolArgumentError
from tinyagent.tools.macos.protocol import note_html, note_lines_html
from tinyagent.tools.macos.runner import ScriptRunner

CREATE_SCRIPT = "notes_create"
OPEN_SCRIPT = "notes_open"
APPEND_SCRIPT = "notes_append"


def _name(name: str) -> str:
    if not name.strip():
        raise ToolArgumentError("Give the note's name.")
    return name


def _where(folder: str) -> str:
    return f" in the folder “{folder}”" if folder else ""


def create(runner: ScriptRunner, name: str, content: str, folder: str) -> str:
    """Create a note (and its folder when missing); return the status text."""
    title = _name(name)
    runner.run_script(CREATE_SCRIPT, title, note_html(title, content), folder)
    return f"Created the note “{title}”{_where(folder)}."


def read(runner: ScriptRunner, name: str, folder: str) -> str:
    """The plain text of a note (its first line is its name)."""
    return runner.run_script(OPEN_SCRIPT, _name(name), folder)


def append(runner: ScriptRunner, name: str, content: str, folder: str) -> str:
    """Append ``content`` to a note, creating the note when missing; return the status text."""
    title = _name(name)
    if not content.strip():
        raise ToolArgumentError("Say what to add to the note.")
    extra, whole = note_lines_html(content), note_html(title, content)
    outcome = runner.run_script(APPEND_SCRIPT, title, folder, extra, whole)
    if outcome == "created":
        return f"The note “{title}” did not exist; created it{_where(folder)} with the text."
    return f"Added the text to the note “{title}”."
