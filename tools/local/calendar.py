"""Calendar events in ``Calendar/<calendar>.ics``, and the invitations sent for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress, vText

from tinyagent.tools.errors import ToolArgumentError
from tinyagent.tools.local.dates import describe_span, parse_datetime, to_utc
from tinyagent.tools.local.icsfile import append_component, calendar_path, new_calendar, stamp
from tinyagent.tools.local.mail import build_message

FOLDER = "Calendar"
DEFAULT_CALENDAR = "Calendar"
DEFAULT_DURATION = timedelta(hours=1)  # the plan language's default meeting length


@dataclass(frozen=True)
class EventRequest:
    """A checked ``create_calendar_event`` call; times are naive local wall-clock times."""

    title: str
    start: datetime
    end: datetime
    location: str
    invitees: tuple[str, ...]
    notes: str
    calendar: str

    @property
    def when(self) -> str:
        """The event's time span as the user reads it."""
        return describe_span(self.start, self.end)


def event_request(
    title: str,
    start_date: str,
    end_date: str,
    location: str,
    invitees: tuple[str, ...],
    notes: str,
    calendar: str | None,
) -> EventRequest:
    """Check the tool's arguments; an empty end date means one hour after the start."""
    if not title.strip():
        raise ToolArgumentError("Give the event a title.")
    start = parse_datetime(start_date, what="start date")
    end = parse_datetime(end_date, what="end date") if end_date.strip() else start + DEFAULT_DURATION
    if end <= start:
        raise ToolArgumentError(
            f"The event ends ({end_date}) before or when it starts ({start_date}). "
            "Give an end after the start."
        )
    return EventRequest(
        title.strip(),
        start,
        end,
        location.strip(),
        invitees,
        notes.strip(),
        (calendar or "").strip() or DEFAULT_CALENDAR,
    )


def build_event(request: EventRequest, organizer: str | None) -> Event:
    """The VEVENT for ``request``, times in UTC (see ``dates``), invitees as ATTENDEEs."""
    event = Event()
    stamp(event)
    event.add("summary", request.title)
    event.add("dtstart", to_utc(request.start))
    event.add("dtend", to_utc(request.end))
    if request.location:
        event.add("location", request.location)
    if request.notes:
        event.add("description", request.notes)
    if organizer:
        event.add("organizer", vCalAddress(f"mailto:{organizer}"), encode=False)
    for invitee in request.invitees:
        name, address = parseaddr(invitee)
        attendee = vCalAddress(f"mailto:{address}")
        if name:
            attendee.params["CN"] = vText(name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
        attendee.params["RSVP"] = vText("TRUE")
        event.add("attendee", attendee, encode=False)
    return event


def add_event(data_dir: Path, request: EventRequest, event: Event) -> Path:
    """Append ``event`` to its calendar's file; returns that file."""
    path = calendar_path(data_dir / FOLDER, request.calendar, what="calendar")
    append_component(path, request.calendar, event)
    return path


def invitation(event: Event) -> bytes:
    """A ``METHOD:REQUEST`` calendar holding ``event``, for an invitation email."""
    calendar: Calendar = new_calendar(method="REQUEST")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def invitation_email(request: EventRequest, event: Event, sender: str | None) -> EmailMessage:
    """The invitation to ``event``: a short text and the ``text/calendar`` REQUEST calendars read."""
    lines = [f"You are invited to “{request.title}”.", "", f"When: {request.when}"]
    if request.location:
        lines.append(f"Where: {request.location}")
    if request.notes:
        lines += ["", request.notes]
    message = build_message(
        sender=sender,
        to=request.invitees,
        cc=(),
        subject=f"Invitation: {request.title} ({request.when})",
        body="\n".join(lines) + "\n",
        attachments=(),
    )
    ics = invitation(event).decode("utf-8")
    message.add_alternative(ics, subtype="calendar", params={"method": "REQUEST"})
    return message
