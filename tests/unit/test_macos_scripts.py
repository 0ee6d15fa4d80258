"""The bundled AppleScripts: fixed files that take every value through ``on run argv``."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from tinyagent.tools.macos import contacts, events, mail, messages, notes
from tinyagent.tools.macos.backend import MAPS_SCRIPT
from tinyagent.tools.macos.runner import script_path

SCRIPT_DIR = Path(__file__).resolve().parents[2] / "resources" / "applescript"
FAKE_OSASCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "fake_osascript.py"
SCRIPTS = sorted(SCRIPT_DIR.glob("*.applescript"))
USED_BY_CODE = {
    contacts.SCRIPT,
    mail.SELECTED_SCRIPT,
    mail.SEND_SCRIPT,
    messages.SCRIPT,
    events.CALENDAR_SCRIPT,
    events.REMINDER_SCRIPT,
    notes.CREATE_SCRIPT,
    notes.OPEN_SCRIPT,
    notes.APPEND_SCRIPT,
    MAPS_SCRIPT,
}


def _load_fake() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fake_osascript", FAKE_OSASCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _code(text: str) -> list[str]:
    """The script's lines without comments and blank lines."""
    lines = [line.split("--", 1)[0].strip() for line in text.splitlines()]
    return [line for line in lines if line]


def test_every_script_the_code_runs_is_bundled_and_every_bundled_script_is_used() -> None:
    assert {p.stem for p in SCRIPTS} == USED_BY_CODE


def test_the_recorder_answers_for_every_bundled_script() -> None:
    assert set(_load_fake().SCRIPTS) == USED_BY_CODE


@pytest.mark.parametrize("name", sorted(USED_BY_CODE))
def test_scripts_are_found_by_name_through_importlib_resources(name: str) -> None:
    path = script_path(name)
    assert path.is_absolute()
    assert path == (SCRIPT_DIR / f"{name}.applescript").resolve()


def test_an_unknown_script_name_is_a_programming_error() -> None:
    with pytest.raises(FileNotFoundError):
        script_path("no_such_script")


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_script_starts_with_on_run_argv(path: Path) -> None:
    assert _code(path.read_text(encoding="utf-8"))[0] == "on run argv"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_script_never_runs_shell_commands_or_other_scripts(path: Path) -> None:
    code = "\n".join(_code(path.read_text(encoding="utf-8"))).lower()
    for forbidden in (r"do\s+shell\s+script", r"\brun\s+script\b", r"\bload\s+script\b", r"\bosascript\b"):
        assert re.search(forbidden, code) is None, f"{path.name} uses {forbidden}"


@pytest.mark.skipif(shutil.which("osacompile") is None, reason="needs macOS (osacompile)")
@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.stem)
def test_script_compiles(path: Path, tmp_path: Path) -> None:
    compiled = tmp_path / f"{path.stem}.scpt"
    done = subprocess.run(
        ["osacompile", "-o", str(compiled), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
