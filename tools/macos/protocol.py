"""How values travel to the bundled AppleScripts and how their answers come back.

To a script (argv): every value is one argv item. A list is its length followed by its
items (``["2", "a@x.org", "b@x.org"]``), so no character inside a value, not even a
separator, can shift the items that follow. Dates are six numeric items (year, month,
day, hour, minute, second) because AppleScript's date strings depend on the user's
locale.

From a script (stdout): records separated by RS (character 30) and fields by US
(character 31). The scripts replace those two characters inside values with spaces,
so the split is unambiguous.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from tinyagent.tools.errors import ToolArgumentError, ToolError

RS = "\x1e"  # record separator
US = "\x1f"  # unit (field) separator

DATE_FORMAT = "YYYY-MM-DD HH:MM:SS"


def counted(values: Sequence[str]) -> list[str]:
    """A list as argv items: its length, then the items."""
    return [str(len(values)), *values]


def date_parts(moment: datetime | date) -> list[str]:
    """Six argv items: year, month, day, hour, minute, second (midnight for a date)."""
    if isinstance(moment, datetime):
        fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    else:
        fields = (moment.year, moment.month, moment.day, 0, 0, 0)
    return [str(f) for f in fields]


def parse_datetime(text: str, *, what: str) -> datetime:
    """A plan's "YYYY-MM-DD HH:MM:SS" (seconds optional) as a naive local datetime."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or len(value) <= len("YYYY-MM-DD"):
        raise ToolArgumentError(f"The {what} {text!r} is not a date and time like {DATE_FORMAT!r}.")
    # Apps take wall-clock times; an offset is converted to the computer's time zone.
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def parse_day(text: str, *, what: str) -> date:
    """A "YYYY-MM-DD" (a time after it is ignored) as a date."""
    value = text.strip()
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value)
    except ValueError as exc:
        raise ToolArgumentError(f"The {what} {text!r} is not a date like 'YYYY-MM-DD'.") from exc


def event_times(start_text: str, end_text: str, *, default_minutes: int = 60) -> tuple[datetime, datetime]:
    """Start and end of an event; an empty end means ``default_minutes`` after the start."""
    start = parse_datetime(start_text, what="start date")
    if not end_text.strip():
        return start, start + timedelta(minutes=default_minutes)
    end = parse_datetime(end_text, what="end date")
    if end <= start:
        raise ToolArgumentError(f"The event ends ({end_text}) before it starts ({start_text}).")
    return start, end


def records(output: str, *, fields: int, script: str) -> list[tuple[str, ...]]:
    """Split a script's RS/US output into records of exactly ``fields`` fields."""
    if not output:
        return []
    rows = [tuple(record.split(US)) for record in output.split(RS)]
    for row in rows:
        if len(row) != fields:
            raise ToolError(
                f"The macOS script {script!r} answered in an unexpected format "
                f"({len(row)} fields instead of {fields})."
            )
    return rows


def note_html(title: str, content: str) -> str:
    """A Notes body: the title as its first line (Notes names a note after it), then ``content``."""
    return f"<div><h1>{html.escape(title)}</h1></div>" + note_lines_html(content)


def note_lines_html(content: str) -> str:
    """Plain text as Notes HTML, one ``<div>`` per line; the text is escaped, never markup."""
    if not content:
        return ""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "".join(f"<div>{html.escape(line) if line else '<br>'}</div>" for line in lines)
