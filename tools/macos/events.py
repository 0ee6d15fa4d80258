"""Calendar events and reminders: checked arguments turned into script argv."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from tinyagent.tools.errors import ToolArgumentError
from tinyagent.tools.macos.protocol import counted, date_parts, event_times, parse_datetime, parse_day

CALENDAR_SCRIPT = "calendar_create"
REMINDER_SCRIPT = "reminders_create"
PRIORITIES = range(10)  # Reminders: 0 none, 1-4 high, 5 medium, 6-9 low


@dataclass(frozen=True)
class Event:
    """A calendar event ready to be created."""

    title: str
    start: datetime
    end: datetime
    location: str
    notes: str
    calendar: str  # "" for the first writable calendar
    invitees: tuple[str, ...]

    @property
    def when(self) -> str:
        """ "2024-06-04 14:00–15:00", or with both dates when it spans days."""
        end = f"{self.end:%H:%M}" if self.end.date() == self.start.date() else f"{self.end:%Y-%m-%d %H:%M}"
        return f"{self.start:%Y-%m-%d %H:%M}–{end}"

    def argv(self) -> list[str]:
        """The calendar script's argv (after the script path)."""
        return [
            self.title,
            self.location,
            self.notes,
            self.calendar,
            *date_parts(self.start),
            *date_parts(self.end),
            *counted(self.invitees),
        ]


def event(
    title: str,
    start_date: str,
    end_date: str,
    location: str,
    notes: str,
    calendar: str | None,
    invitees: Sequence[str],
) -> Event:
    """A checked event; the end defaults to one hour after the start."""
    if not title.strip():
        raise ToolArgumentError("Give the event a title.")
    start, end = event_times(start_date, end_date)
    return Event(title, start, end, location, notes, calendar or "", tuple(invitees))


@dataclass(frozen=True)
class Reminder:
    """A reminder ready to be created."""

    name: str
    notes: str
    list_name: str  # "" for the default list
    priority: int
    due: datetime | date | None  # a date alone is an all-day reminder

    @property
    def mode(self) -> str:
        """How the script sets the date: "none", "due" (a moment) or "allday"."""
        if self.due is None:
            return "none"
        return "due" if isinstance(self.due, datetime) else "allday"

    @property
    def when(self) -> str:
        """The due date as people read it: "2024-06-05 08:30", "2024-06-05", or "" for none."""
        if isinstance(self.due, datetime):
            return f"{self.due:%Y-%m-%d %H:%M}"
        return self.due.isoformat() if self.due is not None else ""

    def argv(self) -> list[str]:
        """The reminders script's argv (after the script path)."""
        when = date_parts(self.due) if self.due is not None else ["0"] * 6
        return [self.name, self.notes, self.list_name, str(self.priority), self.mode, *when]


def reminder(name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool) -> Reminder:
    """A checked reminder; a date without a time is all-day even when ``all_day`` is False."""
    if not name.strip():
        raise ToolArgumentError("Say what the reminder is about.")
    if priority not in PRIORITIES:
        raise ToolArgumentError(
            f"priority must be 0 (none), 1 (high), 5 (medium) or 9 (low), not {priority}."
        )
    due: datetime | date | None = None
    text = due_date.strip()
    if text and (all_day or len(text) <= len("YYYY-MM-DD")):
        due = parse_day(text, what="due date")
    elif text:
        due = parse_datetime(text, what="due date")
    return Reminder(name, notes, list_name, priority, due)
