"""Running osascript: argv only, timeouts, and errors that say what to do; the wire format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pytest

from tinyagent.tools.base import BackendConfig
from tinyagent.tools.errors import ConfigurationError, ToolArgumentError, ToolError
from tinyagent.tools.macos import protocol
from tinyagent.tools.macos.backend import MacOSBackend
from tinyagent.tools.macos.runner import ScriptRunner, program, script_error, script_path
from tinyagent.tools.writing import PlainWriter

FAKE_OSASCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "fake_osascript.py"


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("TINYAGENT_RECORDER_LOG", str(log))
    for name in ("TINYAGENT_OSASCRIPT", "TINYAGENT_MDFIND", "TINYAGENT_FAKE_FAIL", "TINYAGENT_FAKE_SLEEP_S"):
        monkeypatch.delenv(name, raising=False)
    # The recorders start with "#!/usr/bin/env python3": find this interpreter first, not a slow shim.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def test_a_script_runs_as_osascript_path_then_values(recorder: Path) -> None:
    runner = ScriptRunner(str(FAKE_OSASCRIPT), timeout_s=10)
    out = runner.run_script("notes_open", "Shopping list", "")
    assert out == "Shopping list\nMilk\nEggs"  # one trailing newline removed, inner ones kept
    (argv,) = [json.loads(line) for line in recorder.read_text(encoding="utf-8").splitlines()]
    assert argv == [str(FAKE_OSASCRIPT), str(script_path("notes_open")), "Shopping list", ""]


def test_missing_osascript_says_macos_is_required(tmp_path: Path) -> None:
    runner = ScriptRunner(str(tmp_path / "osascript"), timeout_s=5)
    with pytest.raises(ConfigurationError, match="need macOS") as caught:
        runner.run_script("maps_open", "https://maps.apple.com/?q=x")
    assert "TINYAGENT_OSASCRIPT" in str(caught.value)


def test_a_backend_without_osascript_fails_with_the_configuration_error(tmp_path: Path) -> None:
    config = BackendConfig(data_dir=tmp_path, osascript=str(tmp_path / "nowhere"))
    backend = MacOSBackend(config, PlainWriter())
    with pytest.raises(ConfigurationError, match="TINYAGENT_OSASCRIPT"):
        backend.get_email_address("Sid")


def test_env_vars_fill_in_the_programs_when_config_kept_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TINYAGENT_OSASCRIPT", "/opt/osa")
    monkeypatch.setenv("TINYAGENT_MDFIND", "/opt/mdfind")
    backend = MacOSBackend(BackendConfig(data_dir=tmp_path), PlainWriter())
    assert (backend.runner.osascript, backend.mdfind) == ("/opt/osa", "/opt/mdfind")
    configured = BackendConfig(data_dir=tmp_path, osascript="/usr/bin/osascript", mdfind="/usr/bin/mdfind")
    backend = MacOSBackend(configured, PlainWriter())
    assert (backend.runner.osascript, backend.mdfind) == ("/usr/bin/osascript", "/usr/bin/mdfind")


def test_program_defaults_without_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TINYAGENT_OSASCRIPT", raising=False)
    assert program("osascript", "osascript", "TINYAGENT_OSASCRIPT") == "osascript"


def test_automation_permission_denied_tells_where_to_allow_it(
    recorder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    del recorder
    denied = "mail_selected=Not authorized to send Apple events to Mail. (-1743)"
    monkeypatch.setenv("TINYAGENT_FAKE_FAIL", denied)
    runner = ScriptRunner(str(FAKE_OSASCRIPT), timeout_s=10)
    with pytest.raises(ToolError) as caught:
        runner.run_script("mail_selected")
    message = str(caught.value)
    assert "System Settings > Privacy & Security > Automation" in message
    assert "control Mail" in message


def test_a_scripts_own_error_is_shown_as_written(recorder: Path) -> None:
    del recorder
    runner = ScriptRunner(str(FAKE_OSASCRIPT), timeout_s=10)
    with pytest.raises(ToolError) as caught:
        runner.run_script("notes_open", "Nope", "")
    assert str(caught.value) == "There is no note named “Nope” in Notes."


def test_other_applescript_errors_keep_their_number() -> None:
    error = script_error("x", '/a/x.applescript: execution error: Can’t get calendar "W". (-1728)')
    assert str(error) == 'Can’t get calendar "W". (AppleScript error -1728)'


def test_unrecognised_stderr_is_passed_on() -> None:
    error = script_error("notes_open", "osascript: /a/notes_open.applescript: No such file or directory")
    assert "No such file or directory" in str(error)
    assert "notes_open" in str(error)


def test_a_script_that_hangs_is_stopped_at_the_timeout(
    recorder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    del recorder
    monkeypatch.setenv("TINYAGENT_FAKE_SLEEP_S", "20")
    runner = ScriptRunner(str(FAKE_OSASCRIPT), timeout_s=0.5)
    with pytest.raises(ToolError, match=r"did not finish within 0\.5 s"):
        runner.run_script("notes_open", "Shopping list", "")


@pytest.mark.parametrize("bad", ["a\x00b", "\ud800"])
def test_values_an_argv_item_cannot_carry_are_refused_before_running(bad: str) -> None:
    def never(argv: Sequence[str], timeout_s: float) -> subprocess.CompletedProcess[str]:
        raise AssertionError(f"ran {argv} within {timeout_s}")

    runner = ScriptRunner("osascript", timeout_s=1, spawn=never)
    with pytest.raises(ToolArgumentError):
        runner.run_script("notes_open", bad, "")


def test_counted_lists_put_the_length_first() -> None:
    assert protocol.counted([]) == ["0"]
    assert protocol.counted(["a,b", "2"]) == ["2", "a,b", "2"]


def test_dates_travel_as_six_numbers() -> None:
    assert protocol.date_parts(datetime(2024, 6, 4, 14, 5, 9)) == ["2024", "6", "4", "14", "5", "9"]
    assert protocol.date_parts(date(2024, 12, 31)) == ["2024", "12", "31", "0", "0", "0"]


@pytest.mark.parametrize("text", ["", "tomorrow", "2024-06-04", "2024-13-01 10:00:00", "04/06/2024 10:00"])
def test_bad_date_times_are_argument_errors(text: str) -> None:
    with pytest.raises(ToolArgumentError, match="YYYY-MM-DD HH:MM:SS"):
        protocol.parse_datetime(text, what="start date")


def test_date_times_with_an_offset_become_local_wall_clock_times() -> None:
    moment = protocol.parse_datetime("2024-06-04T12:00:00+00:00", what="start")
    assert moment.tzinfo is None
    assert moment.astimezone() == datetime.fromisoformat("2024-06-04T12:00:00+00:00")


def test_an_event_without_end_lasts_an_hour_and_cannot_end_before_it_starts() -> None:
    start, end = protocol.event_times("2024-06-04 14:00:00", "")
    assert (start, end) == (datetime(2024, 6, 4, 14), datetime(2024, 6, 4, 15))
    with pytest.raises(ToolArgumentError, match="ends"):
        protocol.event_times("2024-06-04 14:00:00", "2024-06-04 13:00:00")


def test_records_split_on_the_separators_and_check_the_field_count() -> None:
    output = f"Sid{protocol.US}work{protocol.US}a@b.c{protocol.RS}Al{protocol.US}{protocol.US}x@y.z"
    assert protocol.records(output, fields=3, script="s") == [("Sid", "work", "a@b.c"), ("Al", "", "x@y.z")]
    assert protocol.records("", fields=3, script="s") == []
    with pytest.raises(ToolError, match="unexpected format"):
        protocol.records("only one field", fields=3, script="s")
