"""Reminders as VTODOs in ``Reminders/<list>.ics``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from icalendar import Todo

from tinyagent.tools.errors import ToolArgumentError
from tinyagent.tools.local.dates import parse_day_or_time, to_utc
from tinyagent.tools.local.icsfile import append_component, calendar_path, stamp

FOLDER = "Reminders"
DEFAULT_LIST = "Reminders"
PRIORITIES = {0: "no", 1: "high", 5: "medium", 9: "low"}


@dataclass(frozen=True)
class ReminderRequest:
    """A checked ``create_reminder`` call."""

    name: str
    due: date | datetime | None  # a date for all-day reminders; a naive local datetime otherwise
    notes: str
    list_name: str
    priority: int


def reminder_request(
    name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool
) -> ReminderRequest:
    """Check the tool's arguments; ``all_day`` keeps only the date of a due time."""
    if not name.strip():
        raise ToolArgumentError("Say what the reminder is about.")
    if not 0 <= priority <= 9:
        raise ToolArgumentError(f"Priority {priority} is not one of 0 (none), 1 (high), 5 (medium), 9 (low).")
    due = parse_day_or_time(due_date, what="due date") if due_date.strip() else None
    if all_day and isinstance(due, datetime):
        due = due.date()
    return ReminderRequest(name.strip(), due, notes.strip(), list_name.strip() or DEFAULT_LIST, priority)


def add_reminder(data_dir: Path, request: ReminderRequest) -> Path:
    """Append the reminder to its list's file; returns that file."""
    todo = Todo()
    stamp(todo)
    todo.add("summary", request.name)
    todo.add("status", "NEEDS-ACTION")
    if isinstance(request.due, datetime):
        todo.add("due", to_utc(request.due))
    elif request.due is not None:
        todo.add("due", request.due)
    if request.priority:
        todo.add("priority", request.priority)
    if request.notes:
        todo.add("description", request.notes)
    path = calendar_path(data_dir / FOLDER, request.list_name, what="reminders list")
    append_component(path, request.list_name, todo)
    return path


def describe(request: ReminderRequest) -> str:
    """ "Added the reminder “Call mom” to Reminders, due Tue 4 Jun 2024 18:00 (high priority)."."""
    text = f"Added the reminder “{request.name}” to {request.list_name}"
    if isinstance(request.due, datetime):
        text += f", due {request.due:%a} {request.due.day} {request.due:%b %Y %H:%M}"
    elif request.due is not None:
        text += f", due {request.due:%a} {request.due.day} {request.due:%b %Y}"
    if request.priority:
        level = PRIORITIES.get(request.priority)
        text += f" ({level} priority)" if level else f" (priority {request.priority})"
    return text + "."
