"""The 16 tools, declared once.

Names, parameter order and types are the TinyAgent wire format
(``shared/spec/plan-language.md``); each docstring line is one guideline of the
description the planner reads (its last line says what the task's output is).
"""

# mypy: disable-error-code="empty-body"
# (the stubs are declarations: their docstring is their whole body)

from __future__ import annotations

from tinyagent.tools.registry import App, SideEffect, tool


@tool(index=0, app=App.CALENDAR, effect=SideEffect.REACHES_PERSON, label="Add “{title}” to the calendar")
def create_calendar_event(
    title: str,
    start_date: str,
    end_date: str,
    location: str,
    invitees: list[str],
    notes: str,
    calendar: str | None,
) -> str:
    """Create an event in the user's calendar.
    start_date and end_date are 'YYYY-MM-DD HH:MM:SS'; a meeting lasts 60 minutes unless the user says otherwise.
    invitees is a list of email addresses (look names up with get_email_address first); use [] when nobody is invited.
    location and notes are "" when not given; calendar is the calendar's name, or None for the default calendar.
    Returns the status of the event creation.
    """


@tool(index=1, app=App.CONTACTS, effect=SideEffect.READS, label="Look up {name}'s phone number")
def get_phone_number(name: str) -> str:
    """Look up a contact by name.
    Returns the contact's phone number.
    """


@tool(index=2, app=App.CONTACTS, effect=SideEffect.READS, label="Look up {name}'s email address")
def get_email_address(name: str) -> str:
    """Look up a contact by name.
    Returns the contact's email address.
    """


@tool(index=3, app=App.FILES, effect=SideEffect.READS, label="Find the file “{file_name}”")
def open_and_get_file_path(file_name: str) -> str:
    """Find a file by (part of) its name and open it.
    Returns the absolute path of the file, for attachments or summarize_pdf.
    """


@tool(index=4, app=App.FILES, effect=SideEffect.READS, label="Summarize {pdf_path}")
def summarize_pdf(pdf_path: str) -> str:
    """Summarize a PDF file.
    pdf_path must come from open_and_get_file_path.
    Returns the summary.
    """


@tool(index=5, app=App.MAIL, effect=SideEffect.REACHES_PERSON, label="Email {recipients}")
def compose_new_email(
    recipients: list[str], cc: list[str], subject: str, context: str, attachments: list[str]
) -> str:
    """Write a new email to the recipients; it is sent after the user approves it.
    recipients and cc are lists of email addresses; use [] for no cc.
    subject is the subject line.
    context is not the body: it carries the material the body is written from (the user's intent, a summary, a map link, a zoom link); use "" when there is nothing to pass on.
    attachments is a list of file paths from open_and_get_file_path, or [].
    Returns the status of the email.
    """


@tool(index=6, app=App.MAIL, effect=SideEffect.REACHES_PERSON, label="Reply to the selected email")
def reply_to_email(cc: list[str], context: str, attachments: list[str]) -> str:
    """Reply to the email currently selected in Mail; it is sent after the user approves it.
    cc is a list of email addresses, or [].
    context carries what the reply should say or the material for it, or "".
    attachments is a list of file paths, or [].
    Returns the status of the reply.
    """


@tool(
    index=7,
    app=App.MAIL,
    effect=SideEffect.REACHES_PERSON,
    label="Forward the selected email to {recipients}",
)
def forward_email(recipients: list[str], cc: list[str], context: str, attachments: list[str]) -> str:
    """Forward the email currently selected in Mail; it is sent after the user approves it.
    recipients and cc are lists of email addresses; use [] for no cc.
    context carries a note to put above the forwarded message, or "".
    attachments is a list of extra file paths, or [].
    Returns the status of the forward.
    """


@tool(index=8, app=App.MAPS, effect=SideEffect.READS, label="Show {location} on the map")
def maps_open_location(location: str) -> str:
    """Show a place on the map.
    location can be a place name, an address or coordinates.
    Returns the URL of the place on the map.
    """


@tool(index=9, app=App.MAPS, effect=SideEffect.READS, label="Directions to {end_location}")
def maps_show_directions(start_location: str, end_location: str, transport: str) -> str:
    """Show directions from a start location to an end location on the map.
    start_location "" means the current location of the device.
    transport is 'd' to drive (the default), 'w' to walk or 'r' for public transit.
    Returns the URL of the directions.
    """


@tool(index=10, app=App.NOTES, effect=SideEffect.CHANGES_LOCAL, label="Create the note “{name}”")
def create_note(name: str, content: str, folder: str) -> str:
    """Create a new note titled name with content as its text.
    folder is the notes folder, or "" for the default folder.
    Returns the status of the note creation.
    """


@tool(index=11, app=App.NOTES, effect=SideEffect.READS, label="Open the note “{name}”")
def open_note(name: str, folder: str) -> str:
    """Open an existing note by its name.
    folder narrows the search to one folder, or "" to search every folder.
    Returns the content of the note.
    """


@tool(index=12, app=App.NOTES, effect=SideEffect.CHANGES_LOCAL, label="Add to the note “{name}”")
def append_note_content(name: str, content: str, folder: str) -> str:
    """Append content to an existing note (no need to open it first); a missing note is created.
    folder is the note's folder, or "" for the default folder.
    Returns the status of the change.
    """


@tool(index=13, app=App.REMINDERS, effect=SideEffect.CHANGES_LOCAL, label="Remind me: {name}")
def create_reminder(
    name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool
) -> str:
    """Create a reminder.
    due_date is 'YYYY-MM-DD HH:MM:SS'; with all_day True it is 'YYYY-MM-DD'; use "" for no due date.
    notes is "" when not given; list_name is the reminders list, or "" for the default list.
    priority is 0 (none, the default), 1 (high), 5 (medium) or 9 (low); all_day is False unless the reminder is for a whole day.
    Returns the status of the reminder creation.
    """


@tool(index=14, app=App.MESSAGES, effect=SideEffect.REACHES_PERSON, label="Text {recipients}")
def send_sms(recipients: list[str], message: str) -> str:
    """Send one text message to a list of phone numbers; it is sent after the user approves it.
    Several people get one send_sms with all their numbers.
    Returns the status of the message.
    """


@tool(index=15, app=App.ZOOM, effect=SideEffect.REACHES_PERSON, label="Create the Zoom meeting “{topic}”")
def get_zoom_meeting_link(topic: str, start_time: str, duration: int, meeting_invitees: list[str]) -> str:
    """Create a Zoom meeting.
    start_time is 'YYYY-MM-DD HH:MM:SS' and duration is in minutes (60 unless the user says otherwise).
    meeting_invitees is a list of email addresses, or [].
    Pass the link on with $id: into create_calendar_event's location or notes, or into compose_new_email's context.
    Returns the join URL of the meeting.
    """


TOOL_NAMES: tuple[str, ...] = (
    "create_calendar_event",
    "get_phone_number",
    "get_email_address",
    "open_and_get_file_path",
    "summarize_pdf",
    "compose_new_email",
    "reply_to_email",
    "forward_email",
    "maps_open_location",
    "maps_show_directions",
    "create_note",
    "open_note",
    "append_note_content",
    "create_reminder",
    "send_sms",
    "get_zoom_meeting_link",
)
"""ToolRAG label order (the published classifier's output indices)."""
