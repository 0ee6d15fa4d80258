"""The whole engine with a real GGUF: llama.cpp plans with the grammar while streaming, the
executor runs the plan on the local backend, and the files a user would open are checked."""

from __future__ import annotations

import email
import email.policy
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from tinyagent.core.engine import ModelChoice, build_agent, open_llm
from tinyagent.core.events import AnswerReady, ConfirmationRequested, Event, TaskFinished, TaskStatus
from tinyagent.core.settings import Settings, user_paths
from tinyagent.tools.base import Outgoing
from tinyagent.tools.local.contacts import import_vcards

pytestmark = pytest.mark.e2e

NOW = datetime(2024, 6, 3, 9, 0, 0)
PEOPLE = """BEGIN:VCARD
VERSION:3.0
FN:Sid Jha
EMAIL:sid@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Lutfi Erdoğan
EMAIL:lutfi@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Maria Souza
TEL:+55 11 5555 0101
END:VCARD
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    vcf = tmp_path / "people.vcf"
    vcf.write_text(PEOPLE, encoding="utf-8")
    import_vcards(data, vcf)
    return data


async def _run(
    gguf: Path, data_dir: Path, query: str, approve: bool = True
) -> tuple[list[Event], list[Outgoing]]:
    asked: list[Outgoing] = []

    async def confirm(outgoing: Outgoing) -> Outgoing | None:
        asked.append(outgoing)
        return outgoing if approve else None

    settings = Settings(toolrag=False)  # the tiny model knows its own few requests only
    llm = open_llm(settings, ModelChoice(gguf_path=str(gguf)))
    built = build_agent(
        settings,
        user_paths(),
        llm,
        backend="local",
        data_dir=data_dir,
        confirm=confirm,
        prompt_format="question",
    )
    try:
        return [e async for e in built.agent.run(query, now=NOW)], asked
    finally:
        await llm.aclose()


def _statuses(events: list[Event]) -> list[TaskStatus]:
    return [e.status for e in events if isinstance(e, TaskFinished)]


async def test_note_in_a_folder(tiny_planner_gguf: Path, data_dir: Path) -> None:
    events, asked = await _run(
        tiny_planner_gguf, data_dir, "Create a note called Groceries with eggs and milk in my Shopping folder"
    )
    assert _statuses(events) == [TaskStatus.DONE] and asked == []
    note = data_dir / "Notes" / "Shopping" / "Groceries.md"
    assert "eggs and milk" in note.read_text(encoding="utf-8")
    assert isinstance(events[-1], AnswerReady)


async def test_email_after_parallel_lookups_is_confirmed_then_written(
    tiny_planner_gguf: Path, data_dir: Path
) -> None:
    events, asked = await _run(tiny_planner_gguf, data_dir, "Email Sid and Lutfi about the budget review")
    assert _statuses(events) == [TaskStatus.DONE] * 3
    assert asked[0].recipients == ("sid@example.com", "lutfi@example.org")
    assert any(isinstance(e, ConfirmationRequested) for e in events)
    (eml,) = (data_dir / "Mail" / "Drafts").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["To"] == "sid@example.com, lutfi@example.org"
    assert message["Subject"] == "Budget review"
    assert message.get_body().get_content().strip()  # type: ignore[union-attr]


async def test_declined_invitation_writes_nothing(tiny_planner_gguf: Path, data_dir: Path) -> None:
    events, asked = await _run(
        tiny_planner_gguf, data_dir, "Schedule a budget review with Sid on 2024-06-04 at 2pm", approve=False
    )
    assert asked and asked[0].recipients == ("sid@example.com",)
    assert _statuses(events) == [TaskStatus.DONE, TaskStatus.CANCELLED]
    assert not (data_dir / "Calendar").exists() or not list((data_dir / "Calendar").glob("*.ics"))


async def test_accepted_invitation_writes_the_event(tiny_planner_gguf: Path, data_dir: Path) -> None:
    events, _ = await _run(
        tiny_planner_gguf, data_dir, "Schedule a budget review with Sid on 2024-06-04 at 2pm"
    )
    assert _statuses(events) == [TaskStatus.DONE, TaskStatus.DONE]
    calendar = Calendar.from_ical((data_dir / "Calendar" / "Calendar.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Budget review"
    assert "sid@example.com" in str(event["ATTENDEE"]).lower()


async def test_reminder_and_sms(tiny_planner_gguf: Path, data_dir: Path) -> None:
    await _run(tiny_planner_gguf, data_dir, "Remind me to call the dentist on 2024-06-05 at 9am")
    todo = Calendar.from_ical((data_dir / "Reminders" / "Reminders.ics").read_bytes()).walk("VTODO")[0]
    assert str(todo["SUMMARY"]) == "Call the dentist"
    events, asked = await _run(tiny_planner_gguf, data_dir, "Text Maria that I am running late")
    assert asked[0].kind == "sms" and asked[0].recipients == ("+55 11 5555 0101",)
    with sqlite3.connect(data_dir / "messages.sqlite3") as db:
        rows = db.execute("SELECT * FROM outbox").fetchall()
    assert len(rows) == 1 and "I am running late" in str(rows[0])
    assert _statuses(events) == [TaskStatus.DONE, TaskStatus.DONE]


async def test_request_no_tool_can_do(tiny_planner_gguf: Path, data_dir: Path) -> None:
    events, _ = await _run(tiny_planner_gguf, data_dir, "Hello there")
    assert _statuses(events) == []
    assert isinstance(events[-1], AnswerReady) and "can't do that" in events[-1].text


def test_cli_run_with_the_gguf(tiny_planner_gguf: Path, data_dir: Path, tmp_path: Path) -> None:
    settings = tmp_path / "home" / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"toolrag": false}', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tinyagent.core.cli",
            "run",
            "Text Maria that I am running late",
            "--model",
            str(tiny_planner_gguf),
            "--prompt-format",
            "question",
            "--data-dir",
            str(data_dir),
        ],
        input="n\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "TINYAGENT_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 0, done.stderr
    assert "Send this text message to +55 11 5555 0101? [y/N]" in done.stdout
    assert "[cancelled]" in done.stdout
