"""The ``macos`` backend: the 16 tools carried out by the user's own Mac apps.

Each action is a fixed AppleScript in ``resources/applescript`` that receives its
values as argv (see ``protocol``); tools that reach another person only prepare an
``Outgoing`` and ``deliver`` runs the sending script after the user approved it.
"""

from __future__ import annotations

from pathlib import Path

from tinyagent.tools.base import BackendConfig, Outgoing, ToolBackend, Writer
from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.macos import contacts, events, files, mail, maps, messages, notes
from tinyagent.tools.macos.protocol import parse_datetime
from tinyagent.tools.macos.runner import MDFIND_ENV, OSASCRIPT_ENV, ScriptRunner, program
from tinyagent.tools.pdf import pdf_text
from tinyagent.tools.zoom import ZoomClient, meeting_request

MAPS_SCRIPT = "maps_open"


class MacOSBackend(ToolBackend):
    """Carries out the tools with Mail, Contacts, Messages, Calendar, Notes, Reminders,
    Maps, Spotlight and Zoom."""

    name = "macos"

    def __init__(self, config: BackendConfig, writer: Writer) -> None:
        super().__init__(config, writer)
        self.runner = ScriptRunner(program(config.osascript, "osascript", OSASCRIPT_ENV), config.timeout_s)
        self.mdfind = program(config.mdfind, "mdfind", MDFIND_ENV)

    # Contacts

    def get_phone_number(self, name: str) -> str:
        """The phone number of the contact ``name`` names."""
        return contacts.look_up(self.runner, name, "phone")

    def get_email_address(self, name: str) -> str:
        """The email address of the contact ``name`` names."""
        return contacts.look_up(self.runner, name, "email")

    # Mail

    def compose_new_email(
        self, recipients: list[str], cc: list[str], subject: str, context: str, attachments: list[str]
    ) -> Outgoing:
        """A new email written from ``context``, for the user to approve."""
        to = mail.addresses(recipients, what="recipient")
        if not to:
            raise ToolArgumentError("Say who the email is for.")
        body = self.writer.write_email(context=context, subject=subject, recipients=to, kind="new")
        return Outgoing(
            tool="compose_new_email",
            kind="email",
            recipients=to,
            cc=mail.addresses(cc, what="cc"),
            subject=subject,
            body=body,
            attachments=mail.attachments(attachments),
            args=(recipients, cc, subject, context, attachments),
        )

    def reply_to_email(self, cc: list[str], context: str, attachments: list[str]) -> Outgoing:
        """A reply to the email selected in Mail, addressed to its sender, for approval."""
        original = mail.selected_message(self.runner)
        subject = mail.prefixed("Re:", original.subject)
        body = self.writer.write_email(
            context=context, subject=subject, recipients=(original.sender,), kind="reply"
        )
        return Outgoing(
            tool="reply_to_email",
            kind="email",
            recipients=(original.reply_address,),
            cc=mail.addresses(cc, what="cc"),
            subject=subject,
            body=body,
            attachments=mail.attachments(attachments),
            details=(
                ("replying to", f"{original.sender}: {original.subject}"),
                (mail.MESSAGE_ID, original.message_id),
            ),
            args=(cc, context, attachments),
        )

    def forward_email(
        self, recipients: list[str], cc: list[str], context: str, attachments: list[str]
    ) -> Outgoing:
        """The email selected in Mail, forwarded with a note written from ``context``, for approval."""
        to = mail.addresses(recipients, what="recipient")
        if not to:
            raise ToolArgumentError("Say who to forward the email to.")
        original = mail.selected_message(self.runner)
        subject = mail.prefixed("Fwd:", original.subject)
        body = self.writer.write_email(context=context, subject=subject, recipients=to, kind="forward")
        return Outgoing(
            tool="forward_email",
            kind="email",
            recipients=to,
            cc=mail.addresses(cc, what="cc"),
            subject=subject,
            body=body,
            attachments=mail.attachments(attachments),
            details=(
                ("forwarding", f"{original.sender}: {original.subject}"),
                (mail.MESSAGE_ID, original.message_id),
            ),
            args=(recipients, cc, context, attachments),
        )

    # Messages

    def send_sms(self, recipients: list[str], message: str) -> Outgoing:
        """One text to every recipient, for approval."""
        if not message.strip():
            raise ToolArgumentError("Say what the text message should say.")
        return Outgoing(
            tool="send_sms",
            kind="sms",
            recipients=messages.recipients(recipients),
            body=message,
            args=(recipients, message),
        )

    # Calendar and Reminders

    def create_calendar_event(
        self,
        title: str,
        start_date: str,
        end_date: str,
        location: str,
        invitees: list[str],
        notes: str,
        calendar: str | None,
    ) -> Outgoing:
        """An event for approval; its invitees become attendees when it is created."""
        people = mail.addresses(invitees, what="invitee")
        planned = events.event(title, start_date, end_date, location, notes, calendar, people)
        details = [("when", planned.when)]
        if planned.location:
            details.append(("where", planned.location))
        details.append(("calendar", planned.calendar or "default"))
        return Outgoing(
            tool="create_calendar_event",
            kind="event",
            recipients=people,
            subject=planned.title,
            body=notes,
            details=tuple(details),
            args=(title, start_date, end_date, location, invitees, notes, calendar),
        )

    def create_reminder(
        self, name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool
    ) -> str:
        """Create a reminder (and its list when missing)."""
        planned = events.reminder(name, due_date, notes, list_name, priority, all_day)
        self.runner.run_script(events.REMINDER_SCRIPT, *planned.argv())
        due = f" for {planned.when}" if planned.when else ""
        where = f" in the list “{planned.list_name}”" if planned.list_name else ""
        return f"Created the reminder “{planned.name}”{due}{where}."

    # Notes

    def create_note(self, name: str, content: str, folder: str) -> str:
        """Create a note in ``folder`` (created when missing)."""
        return notes.create(self.runner, name, content, folder)

    def open_note(self, name: str, folder: str) -> str:
        """The plain text of a note."""
        return notes.read(self.runner, name, folder)

    def append_note_content(self, name: str, content: str, folder: str) -> str:
        """Append to a note, creating it when missing."""
        return notes.append(self.runner, name, content, folder)

    # Maps

    def maps_open_location(self, location: str) -> str:
        """Show ``location`` in Maps; return the URL."""
        return self._open_map(maps.place_url(location))

    def maps_show_directions(self, start_location: str, end_location: str, transport: str) -> str:
        """Show directions in Maps; return the URL."""
        return self._open_map(maps.directions_url(start_location, end_location, transport))

    def _open_map(self, url: str) -> str:
        self.runner.run_script(MAPS_SCRIPT, url)
        return url

    # Files

    def open_and_get_file_path(self, file_name: str) -> str:
        """Find the best matching file with Spotlight, open it, return its path."""
        path = files.find_file(self.runner, self.mdfind, file_name, self.config.file_folders)
        if self.config.open_command:
            files.open_file(self.runner, self.config.open_command, path)
        return str(path)

    def summarize_pdf(self, pdf_path: str) -> str:
        """A summary of the PDF at ``pdf_path``."""
        text = pdf_text(pdf_path)
        if not text.strip():
            raise ToolError(
                f"{Path(pdf_path).name} has no text to summarize; it may be a scanned image. "
                "Run text recognition (OCR) on it first."
            )
        return self.writer.summarize(text, title=Path(pdf_path).stem)

    # Zoom

    def get_zoom_meeting_link(
        self, topic: str, start_time: str, duration: int, meeting_invitees: list[str]
    ) -> Outgoing:
        """A Zoom meeting for approval; ``deliver`` creates it and returns its join URL."""
        self._zoom()  # a missing token is reported before the user is asked
        start = parse_datetime(start_time, what="start time") if start_time.strip() else None
        people = mail.addresses(meeting_invitees, what="invitee")
        meeting_request(topic, start, duration, people)  # checks topic and duration now
        when = f"{start:%Y-%m-%d %H:%M}" if start else "now"
        return Outgoing(
            tool="get_zoom_meeting_link",
            kind="meeting",
            recipients=people,
            subject=topic,
            details=(("when", when), ("duration", f"{duration} min")),
            args=(topic, start_time, duration, meeting_invitees),
        )

    def _zoom(self) -> ZoomClient:
        return ZoomClient(self.config.zoom_token, self.config.zoom_api_url, self.config.timeout_s)

    # Delivery

    def deliver(self, outgoing: Outgoing) -> str:
        """Send what the user approved: the email, the texts, the event or the meeting."""
        if outgoing.tool in mail.MODES:
            return mail.send(self.runner, outgoing)
        if outgoing.tool == "send_sms":
            return messages.send(self.runner, outgoing)
        if outgoing.tool == "create_calendar_event":
            return self._create_event(outgoing)
        if outgoing.tool == "get_zoom_meeting_link":
            return self._create_meeting(outgoing)
        raise ValueError(f"the macOS backend has nothing to deliver for {outgoing.tool!r}")

    def _create_event(self, outgoing: Outgoing) -> str:
        _title, start_date, end_date, location, _invitees, _notes, calendar = outgoing.args
        people = mail.addresses(outgoing.recipients, what="invitee")
        planned = events.event(
            outgoing.subject, start_date, end_date, location, outgoing.body, calendar, people
        )
        self.runner.run_script(events.CALENDAR_SCRIPT, *planned.argv())
        inviting = f", inviting {', '.join(people)}" if people else ""
        return f"Added “{planned.title}” to the calendar for {planned.when}{inviting}."

    def _create_meeting(self, outgoing: Outgoing) -> str:
        _topic, start_time, duration, _invitees = outgoing.args
        start = parse_datetime(start_time, what="start time") if start_time.strip() else None
        return self._zoom().create_meeting(outgoing.subject, start, duration, outgoing.recipients)
