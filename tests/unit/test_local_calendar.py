"""Calendar events and reminders in .ics files, parsed back with icalendar."""

from __future__ import annotations

import email
from datetime import UTC, date, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import cast

import pytest
from icalendar import Calendar, vCalAddress

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.local.backend import LocalBackend


def _utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    """A local wall-clock time as the store writes it."""
    return datetime(year, month, day, hour, minute).astimezone(UTC)


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_event_is_checked_then_written_on_delivery(backend: LocalBackend, data_dir: Path) -> None:
    outgoing = backend.create_calendar_event(
        "Budget review", "2024-06-04 14:00:00", "2024-06-04 15:30:00", "Room 4", [], "Bring numbers", None
    )
    assert outgoing.kind == "event" and not outgoing.reaches_someone
    assert dict(outgoing.details)["When"].endswith("14:00–15:30")
    assert dict(outgoing.details)["Where"] == "Room 4"
    assert not (data_dir / "Calendar").exists()  # nothing happens before deliver

    result = backend.deliver(outgoing)
    assert result.startswith("Added “Budget review” to Calendar")
    event = _calendar(data_dir / "Calendar" / "Calendar.ics").walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Budget review"
    assert event.decoded("DTSTART") == _utc(2024, 6, 4, 14, 0)
    assert event.decoded("DTEND") == _utc(2024, 6, 4, 15, 30)
    assert str(event["LOCATION"]) == "Room 4"
    assert str(event["DESCRIPTION"]) == "Bring numbers"
    assert str(event["UID"]).endswith("@tinyagent.local") and "DTSTAMP" in event


def test_events_are_appended_to_one_calendar_per_file(backend: LocalBackend, data_dir: Path) -> None:
    for title in ("One", "Two"):
        backend.deliver(backend.create_calendar_event(title, "2024-06-04 09:00:00", "", "", [], "", "Work"))
    backend.deliver(backend.create_calendar_event("Three", "2024-06-05 09:00:00", "", "", [], "", "Fêtes 家"))
    work = _calendar(data_dir / "Calendar" / "Work.ics")
    events = work.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["One", "Two"]
    assert len({str(e["UID"]) for e in events}) == 2
    assert events[0].decoded("DTEND") == _utc(2024, 6, 4, 10, 0)  # no end: one hour
    assert str(_calendar(data_dir / "Calendar" / "Fêtes 家.ics")["X-WR-CALNAME"]) == "Fêtes 家"


def test_invitees_get_an_invitation_saved_as_a_draft_without_a_mail_account(
    backend: LocalBackend, data_dir: Path
) -> None:
    outgoing = backend.create_calendar_event(
        "Launch", "2024-06-04 14:00:00", "2024-06-04 15:00:00", "Main hall",
        ["sid@example.org", "Lutfi <lutfi@example.org>"], "", None,
    )
    assert outgoing.reaches_someone
    assert outgoing.recipients == ("sid@example.org", "Lutfi <lutfi@example.org>")
    result = backend.deliver(outgoing)
    assert "saved as a draft" in result and "no mail account is configured" in result

    event = _calendar(data_dir / "Calendar" / "Calendar.ics").walk("VEVENT")[0]
    listed = cast(list[vCalAddress], event["ATTENDEE"])
    attendees = {str(a): a.params.get("CN") for a in listed}
    assert attendees == {"mailto:sid@example.org": None, "mailto:lutfi@example.org": "Lutfi"}
    assert listed[0].params["RSVP"] == "TRUE"
    drafts = list((data_dir / "Mail" / "Drafts").glob("*.eml"))
    assert len(drafts) == 1
    message = email.message_from_bytes(drafts[0].read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == "sid@example.org, Lutfi <lutfi@example.org>"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert parts["text/calendar"].get_param("method") == "REQUEST"
    invite = Calendar.from_ical(parts["text/calendar"].get_content())
    assert str(invite["METHOD"]) == "REQUEST"
    assert str(invite.walk("VEVENT")[0]["UID"]) == str(event["UID"])
    assert "Where: Main hall" in parts["text/plain"].get_content()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("tomorrow at 2", "", "YYYY-MM-DD HH:MM:SS"),
        ("2024-06-04 14:00:00", "2024-13-04 15:00:00", "end date"),
        ("2024-06-04 14:00:00", "2024-06-04 13:00:00", "before or when it starts"),
        ("2024-06-04 14:00:00", "2024-06-04 14:00:00", "before or when it starts"),
    ],
)
def test_bad_event_dates_say_the_expected_format(
    backend: LocalBackend, start: str, end: str, message: str
) -> None:
    with pytest.raises(ToolArgumentError, match=message):
        backend.create_calendar_event("x", start, end, "", [], "", None)


def test_invitees_must_be_addresses(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match="get_email_address"):
        backend.create_calendar_event("x", "2024-06-04 14:00:00", "", "", ["Sid"], "", None)


def test_calendar_name_cannot_escape_the_calendar_folder(backend: LocalBackend, data_dir: Path) -> None:
    backend.deliver(backend.create_calendar_event("x", "2024-06-04 14:00:00", "", "", [], "", "../../evil"))
    assert [p.name for p in (data_dir / "Calendar").iterdir()] == ["evil.ics"]
    assert not (data_dir.parent / "evil.ics").exists()


def test_an_unreadable_calendar_file_is_never_overwritten(backend: LocalBackend, data_dir: Path) -> None:
    path = data_dir / "Calendar" / "Calendar.ics"
    path.parent.mkdir()
    path.write_bytes(b"not a calendar")
    with pytest.raises(ToolError, match="not a valid iCalendar file"):
        backend.deliver(backend.create_calendar_event("x", "2024-06-04 14:00:00", "", "", [], "", None))
    assert path.read_bytes() == b"not a calendar"


def test_reminders_are_todos_with_due_priority_and_notes(backend: LocalBackend, data_dir: Path) -> None:
    result = backend.create_reminder("Call mom", "2024-06-04 18:00:00", "about Sunday", "", 1, False)
    assert result.startswith("Added the reminder “Call mom” to Reminders, due")
    assert "(high priority)" in result
    backend.create_reminder("Pay rent", "2024-07-01", "", "Home", 0, True)
    backend.create_reminder("Buy milk", "2024-07-02 09:00:00", "", "Home", 9, True)
    backend.create_reminder("Someday", "", "", "Home", 5, False)

    call = _calendar(data_dir / "Reminders" / "Reminders.ics").walk("VTODO")[0]
    assert call.decoded("DUE") == _utc(2024, 6, 4, 18, 0)
    assert call.decoded("PRIORITY") == 1 and str(call["DESCRIPTION"]) == "about Sunday"
    assert str(call["STATUS"]) == "NEEDS-ACTION"
    home = _calendar(data_dir / "Reminders" / "Home.ics").walk("VTODO")
    assert [str(t["SUMMARY"]) for t in home] == ["Pay rent", "Buy milk", "Someday"]
    assert home[0].decoded("DUE") == date(2024, 7, 1) and "PRIORITY" not in home[0]
    assert home[1].decoded("DUE") == date(2024, 7, 2)  # all_day keeps only the date
    assert "DUE" not in home[2]


def test_bad_reminder_arguments(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match="YYYY-MM-DD"):
        backend.create_reminder("x", "next week", "", "", 0, False)
    with pytest.raises(ToolArgumentError, match="Priority 11"):
        backend.create_reminder("x", "", "", "", 11, False)
    with pytest.raises(ToolArgumentError, match="about"):
        backend.create_reminder("  ", "", "", "", 0, False)
