"""iCalendar files of the local store: one VCALENDAR per file, components appended."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar, Component

from tinyagent.tools.errors import ToolError
from tinyagent.tools.local.storage import atomic_write, inside, locked, safe_name

PRODID = "-//TinyAgent Desktop//Local store//EN"


def new_calendar(name: str | None = None, method: str | None = None) -> Calendar:
    """An empty VCALENDAR with TinyAgent's PRODID (and a display name or an iTIP method)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    return calendar


def stamp(component: Component) -> None:
    """Give ``component`` the UID and DTSTAMP every iCalendar object needs."""
    component.add("uid", f"{uuid.uuid4()}@tinyagent.local")
    component.add("dtstamp", datetime.now(UTC).replace(microsecond=0))


def calendar_path(folder: Path, name: str, *, what: str) -> Path:
    """The file of the calendar or list ``name`` inside ``folder``."""
    return inside(folder, safe_name(name, what=what) + ".ics")


def append_component(path: Path, display_name: str, component: Component) -> None:
    """Add ``component`` to the VCALENDAR in ``path`` (created when missing), atomically."""
    with locked(path):
        calendar = _load(path) if path.exists() else new_calendar(display_name)
        calendar.add_component(component)
        atomic_write(path, calendar.to_ical())


def _load(path: Path) -> Calendar:
    try:
        return Calendar.from_ical(path.read_bytes())
    except (ValueError, IndexError, KeyError) as exc:
        # Never overwrite a file we cannot parse: it is the user's data.
        raise ToolError(
            f"{path} is not a valid iCalendar file ({exc}), so nothing was added to it. Repair or move it."
        ) from exc
