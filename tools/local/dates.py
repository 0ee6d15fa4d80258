"""Plan dates ("YYYY-MM-DD HH:MM:SS") and how the local store writes them.

A plan's times are the user's wall-clock times in the system time zone (the planner
resolves "tomorrow at 2" against the local "today"). The store writes them in UTC, so
that a calendar app, or an invitee in another zone, shows the same moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tinyagent.tools.errors import ToolArgumentError

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_FORMAT = "%Y-%m-%d"
# Small models also write these; accepting them costs nothing and loses nothing.
_ALSO_ACCEPTED = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")


def parse_datetime(value: str, *, what: str) -> datetime:
    """The naive local datetime in ``value``; ``what`` ("start date") words the error."""
    text = value.strip()
    for pattern in (DATETIME_FORMAT, *_ALSO_ACCEPTED):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ToolArgumentError(
        f"The {what} {value!r} is not a date and time; write it as YYYY-MM-DD HH:MM:SS, "
        "e.g. 2024-06-04 14:00:00."
    )


def parse_day_or_time(value: str, *, what: str) -> date | datetime:
    """A date ("YYYY-MM-DD") or a naive local datetime, whichever ``value`` holds."""
    text = value.strip()
    try:
        return datetime.strptime(text, DATE_FORMAT).date()
    except ValueError:
        pass
    try:
        return parse_datetime(text, what=what)
    except ToolArgumentError:
        raise ToolArgumentError(
            f"The {what} {value!r} is not a date; write it as YYYY-MM-DD HH:MM:SS, or YYYY-MM-DD "
            "for a whole day."
        ) from None


def to_utc(moment: datetime) -> datetime:
    """A naive local datetime as an aware UTC one (aware ones are converted)."""
    return moment.astimezone(UTC)


def describe_span(start: datetime, end: datetime) -> str:
    """ "Tue 4 Jun 2024, 14:00–15:00" (or with both dates when the span crosses midnight)."""
    first = f"{start:%a} {start.day} {start:%b %Y, %H:%M}"
    if start.date() == end.date():
        return f"{first}–{end:%H:%M}"
    return f"{first} – {end:%a} {end.day} {end:%b %Y, %H:%M}"
