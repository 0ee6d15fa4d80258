"""Markdown notes: safe names, fuzzy opening, appending, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tinyagent.tools.errors import AmbiguousMatch, ToolArgumentError, ToolError
from tinyagent.tools.local.backend import LocalBackend


def test_create_then_open(backend: LocalBackend, data_dir: Path) -> None:
    assert backend.create_note("Groceries", "milk\neggs", "") == "Created the note “Groceries” in Notes."
    assert (data_dir / "Notes" / "Notes" / "Groceries.md").read_text(encoding="utf-8") == "milk\neggs\n"
    assert backend.open_note("Groceries", "") == "milk\neggs\n"
    assert backend.open_note("groceries", "Notes") == "milk\neggs\n"


def test_unicode_names_and_folders_are_kept(backend: LocalBackend, data_dir: Path) -> None:
    backend.create_note("Café ideas 咖啡", "latte art", "Projets")
    assert (data_dir / "Notes" / "Projets" / "Café ideas 咖啡.md").is_file()
    assert backend.open_note("cafe ideas 咖啡", "") == "latte art\n"


@pytest.mark.parametrize(
    ("name", "file_name"),
    [
        ("../x", "x.md"), ("../../x", "x.md"), ("a/b", "a b.md"), ("a\\b", "a b.md"),
        ("/etc/passwd", "etc passwd.md"), ("C:\\x", "C x.md"), ("..hidden", "hidden.md"),
        ("CON", "CON (note).md"),
    ],
)
def test_names_cannot_escape_their_folder(
    backend: LocalBackend, data_dir: Path, name: str, file_name: str
) -> None:
    backend.create_note(name, "text", "../../outside")
    written = list(data_dir.parent.rglob("*.md"))
    assert written == [data_dir / "Notes" / "outside" / file_name]
    assert backend.open_note(name, "../../outside") == "text\n"


def test_a_name_with_nothing_left_is_refused(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match="name"):
        backend.create_note("../", "text", "")


def test_creating_an_existing_note_never_overwrites_it(backend: LocalBackend, data_dir: Path) -> None:
    backend.create_note("Plan", "first", "")
    result = backend.create_note("Plan", "second", "")
    assert "already exists" in result and "“Plan (2)”" in result
    assert (data_dir / "Notes" / "Notes" / "Plan.md").read_text(encoding="utf-8") == "first\n"


def test_open_is_fuzzy_across_folders(backend: LocalBackend) -> None:
    backend.create_note("Meeting notes June", "agenda", "Work")
    backend.create_note("Recipes", "soup", "Home")
    assert backend.open_note("meeting notes", "") == "agenda\n"
    assert backend.open_note("Recipies", "") == "soup\n"


def test_the_same_name_in_two_folders_is_a_question(backend: LocalBackend) -> None:
    backend.create_note("Todo", "work things", "Work")
    backend.create_note("Todo", "home things", "Home")
    with pytest.raises(AmbiguousMatch) as caught:
        backend.open_note("Todo", "")
    assert {(c.detail, c.value) for c in caught.value.choices} == {
        ("in Work", "work things\n"),
        ("in Home", "home things\n"),
    }
    assert backend.open_note("Todo", "Home") == "home things\n"


def test_missing_note_lists_what_exists(backend: LocalBackend) -> None:
    backend.create_note("Groceries", "milk", "")
    with pytest.raises(ToolError, match=r"No note called “Taxes” in your notes .*“Groceries”"):
        backend.open_note("Taxes", "")


def test_append_adds_a_line_and_creates_missing_notes(backend: LocalBackend, data_dir: Path) -> None:
    path = data_dir / "Notes" / "Notes" / "Log.md"
    assert "Created the note “Log”" in backend.append_note_content("Log", "day one", "")
    path.write_text("day one", encoding="utf-8")  # edited elsewhere, no final newline
    assert backend.append_note_content("log", "day two", "") == "Added to the note “Log” in Notes."
    assert path.read_text(encoding="utf-8") == "day one\nday two\n"


def test_append_finds_the_note_in_its_folder(backend: LocalBackend, data_dir: Path) -> None:
    backend.create_note("Ideas", "one", "Work")
    backend.append_note_content("Ideas", "two", "")
    assert (data_dir / "Notes" / "Work" / "Ideas.md").read_text(encoding="utf-8") == "one\ntwo\n"
    assert not (data_dir / "Notes" / "Notes").exists()


def test_a_failed_write_leaves_the_old_note_whole(
    backend: LocalBackend, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend.create_note("Diary", "old text", "")
    path = data_dir / "Notes" / "Notes" / "Diary.md"

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        backend.append_note_content("Diary", "new text", "")
    assert path.read_text(encoding="utf-8") == "old text\n"
    assert [p.name for p in path.parent.iterdir()] == ["Diary.md"]  # no temp file left behind
