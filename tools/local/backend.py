"""The ``local`` backend: the 16 tools on a personal data store under ``config.data_dir``.

It runs anywhere (Linux, Windows, tests). Contacts and the SMS outbox are SQLite;
calendars and reminders are iCalendar files; notes are Markdown; mail is ``.eml`` files,
sent through the user's SMTP account when one is configured.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import ClassVar

from tinyagent.tools.base import Outgoing, ToolBackend
from tinyagent.tools.errors import AmbiguousMatch, TinyAgentError, ToolArgumentError, ToolError
from tinyagent.tools.local import calendar as events
from tinyagent.tools.local import files, mail, maps, reminders
from tinyagent.tools.local.contacts import EMAIL, PHONE, ContactStore
from tinyagent.tools.local.dates import describe_span, parse_datetime
from tinyagent.tools.local.messages import Outbox, check_numbers
from tinyagent.tools.local.notes import NoteBook
from tinyagent.tools.local.smtp import send
from tinyagent.tools.matching import pick
from tinyagent.tools.pdf import pdf_text
from tinyagent.tools.writing import PlainWriter
from tinyagent.tools.zoom import ZoomClient, meeting_request, require_token

log = logging.getLogger(__name__)

ORIGINAL = "Original file"  # the detail row naming the email a reply or forward acts on


class LocalBackend(ToolBackend):
    """Tools on local files and databases; see the module docstring."""

    name: ClassVar[str] = "local"

    # -- contacts -------------------------------------------------------------------------

    def get_phone_number(self, name: str) -> str:
        """The phone number of the contact ``name``."""
        return self._lookup(name, PHONE, "phone number")

    def get_email_address(self, name: str) -> str:
        """The email address of the contact ``name``."""
        return self._lookup(name, EMAIL, "email address")

    def _lookup(self, name: str, kind: str, what: str) -> str:
        candidates = ContactStore(self.config.data_dir).candidates(kind)
        try:
            return pick(name, candidates, what=what)
        except AmbiguousMatch:
            raise
        except ToolError:
            if candidates:
                raise
            raise ToolError(
                f"You have no contacts with a {what} yet. Import them with "
                f"`tinyagent contacts import people.vcf`, or give the {what} directly."
            ) from None

    # -- calendar and reminders -------------------------------------------------------------

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
        """Check the event; it is written (and invitations sent) by ``deliver``."""
        people = mail.check_addresses(invitees, field="invitees")
        request = events.event_request(title, start_date, end_date, location, people, notes, calendar)
        details = [("When", request.when)]
        if request.location:
            details.append(("Where", request.location))
        details.append(("Calendar", request.calendar))
        return Outgoing(
            tool="create_calendar_event",
            kind="event",
            recipients=people,
            subject=request.title,
            body=request.notes,
            details=tuple(details),
            args=(title, start_date, end_date, location, list(people), notes, calendar),
        )

    def create_reminder(
        self, name: str, due_date: str, notes: str, list_name: str, priority: int, all_day: bool
    ) -> str:
        """Add a VTODO to the reminders list."""
        request = reminders.reminder_request(name, due_date, notes, list_name, priority, all_day)
        reminders.add_reminder(self.config.data_dir, request)
        return reminders.describe(request)

    # -- files ------------------------------------------------------------------------------

    def open_and_get_file_path(self, file_name: str) -> str:
        """The best match for ``file_name`` in the user's folders, opened when an opener is set."""
        direct = Path(file_name.strip()).expanduser()
        if direct.is_absolute() and direct.is_file():
            path = direct.resolve()
        else:
            folders = self.config.file_folders or files.default_folders(self.config.data_dir)
            path = files.find_file(file_name, folders)
        files.open_file(self.config.open_command, path)
        return str(path)

    def summarize_pdf(self, pdf_path: str) -> str:
        """An extractive (or model-written) summary of the PDF."""
        text = pdf_text(pdf_path)
        title = Path(pdf_path.strip()).name
        try:
            summary = self.writer.summarize(text, title=title).strip()
        except TinyAgentError as exc:
            log.warning("writer failed, summarizing by rule: %s", exc)
            summary = ""
        return summary or PlainWriter().summarize(text, title=title)

    # -- mail -------------------------------------------------------------------------------

    def compose_new_email(
        self, recipients: list[str], cc: list[str], subject: str, context: str, attachments: list[str]
    ) -> Outgoing:
        """Write the email for the user to approve; ``deliver`` sends it."""
        to = _recipients(recipients)
        copy = mail.check_addresses(cc, field="cc")
        files_ = mail.attachment_paths(attachments)
        subject = subject.strip() or _subject_from(context)
        body = self._write(context, subject, to, "new")
        return Outgoing(
            tool="compose_new_email",
            kind="email",
            recipients=to,
            cc=copy,
            subject=subject,
            body=body,
            attachments=files_,
            args=(list(to), list(copy), subject, context, list(files_)),
        )

    def reply_to_email(self, cc: list[str], context: str, attachments: list[str]) -> Outgoing:
        """Answer the selected email's sender."""
        path = mail.Mailbox(self.config.data_dir).selected()
        original = mail.Mailbox.load(path)
        to = mail.reply_recipients(original)
        copy = mail.check_addresses(cc, field="cc")
        files_ = mail.attachment_paths(attachments)
        subject = mail.reply_subject(str(original.get("Subject", "")))
        return Outgoing(
            tool="reply_to_email",
            kind="email",
            recipients=to,
            cc=copy,
            subject=subject,
            body=self._write(context, subject, to, "reply"),
            attachments=files_,
            details=(("In reply to", _describe(original)), (ORIGINAL, str(path))),
            args=(list(copy), context, list(files_)),
        )

    def forward_email(
        self, recipients: list[str], cc: list[str], context: str, attachments: list[str]
    ) -> Outgoing:
        """Forward the selected email, attached whole, with a note written from ``context``."""
        path = mail.Mailbox(self.config.data_dir).selected()
        original = mail.Mailbox.load(path)
        to = _recipients(recipients)
        copy = mail.check_addresses(cc, field="cc")
        files_ = mail.attachment_paths(attachments)
        subject = mail.forward_subject(str(original.get("Subject", "")))
        return Outgoing(
            tool="forward_email",
            kind="email",
            recipients=to,
            cc=copy,
            subject=subject,
            body=self._write(context, subject, to, "forward"),
            attachments=files_,
            details=(("Forwarding", _describe(original)), (ORIGINAL, str(path))),
            args=(list(to), list(copy), context, list(files_)),
        )

    def _write(self, context: str, subject: str, to: tuple[str, ...], kind: str) -> str:
        try:
            body = self.writer.write_email(context=context, subject=subject, recipients=to, kind=kind)
        except TinyAgentError as exc:
            log.warning("writer failed, writing the email by rule: %s", exc)
            body = ""
        if body.strip():
            return body
        return PlainWriter().write_email(context=context, subject=subject, recipients=to, kind=kind)

    # -- maps -------------------------------------------------------------------------------

    def maps_open_location(self, location: str) -> str:
        """An OpenStreetMap search for the place (opened when an opener is set)."""
        url = maps.location_url(location)
        if self.config.open_command:
            files.open_with(self.config.open_command, url)
        return url

    def maps_show_directions(self, start_location: str, end_location: str, transport: str) -> str:
        """OpenStreetMap directions; the URL, then a note when transit had to fall back."""
        url, note = maps.directions_url(start_location, end_location, transport)
        if self.config.open_command:
            files.open_with(self.config.open_command, url)
        return f"{url}\n{note}" if note else url

    # -- notes ------------------------------------------------------------------------------

    def create_note(self, name: str, content: str, folder: str) -> str:
        """A new Markdown note."""
        return NoteBook(self.config.data_dir).create(name, content, folder)

    def open_note(self, name: str, folder: str) -> str:
        """The content of a note, found by (fuzzy) name."""
        return NoteBook(self.config.data_dir).read(name, folder)

    def append_note_content(self, name: str, content: str, folder: str) -> str:
        """Text appended to a note, which is created when missing."""
        return NoteBook(self.config.data_dir).append(name, content, folder)

    # -- messages and meetings --------------------------------------------------------------

    def send_sms(self, recipients: list[str], message: str) -> Outgoing:
        """The text message for the user to approve."""
        numbers = check_numbers(recipients)
        if not message.strip():
            raise ToolArgumentError("The text message is empty; say what it should say.")
        return Outgoing(
            tool="send_sms",
            kind="sms",
            recipients=numbers,
            body=message.strip(),
            args=(list(numbers), message),
        )

    def get_zoom_meeting_link(
        self, topic: str, start_time: str, duration: int, meeting_invitees: list[str]
    ) -> Outgoing:
        """The meeting for the user to approve; ``deliver`` creates it and returns its join URL."""
        require_token(self.config.zoom_token)  # fail before asking the user, not after
        people = mail.check_addresses(meeting_invitees, field="meeting_invitees")
        start = parse_datetime(start_time, what="start time") if start_time.strip() else None
        meeting_request(topic, start, duration, people)
        when = describe_span(start, start + timedelta(minutes=duration)) if start else "now"
        return Outgoing(
            tool="get_zoom_meeting_link",
            kind="meeting",
            recipients=people,
            subject=topic.strip(),
            details=(("When", when), ("Duration", f"{duration} minutes")),
            args=(topic, start_time, duration, list(people)),
        )

    # -- delivery ---------------------------------------------------------------------------

    def deliver(self, outgoing: Outgoing) -> str:
        """Carry out what the user approved (possibly edited); see each ``_deliver_*``."""
        handlers: dict[str, Callable[[Outgoing], str]] = {
            "create_calendar_event": self._deliver_event,
            "compose_new_email": self._deliver_email,
            "reply_to_email": self._deliver_email,
            "forward_email": self._deliver_email,
            "send_sms": self._deliver_sms,
            "get_zoom_meeting_link": self._deliver_meeting,
        }
        if outgoing.tool not in handlers:
            raise ValueError(f"the local backend delivers nothing for tool {outgoing.tool!r}")
        return handlers[outgoing.tool](outgoing)

    def _deliver_event(self, outgoing: Outgoing) -> str:
        _, start_date, end_date, location, _, _, calendar_name = outgoing.args
        people = mail.check_addresses(outgoing.recipients, field="invitees")
        request = events.event_request(
            outgoing.subject, start_date, end_date, location, people, outgoing.body, calendar_name
        )
        sender = self._sender_address()
        event = events.build_event(request, organizer=sender)
        events.add_event(self.config.data_dir, request, event)
        done = f"Added “{request.title}” to {request.calendar} on {request.when}."
        if not people:
            return done
        sender_line = self.config.smtp.sender if self.config.smtp else None
        invite = events.invitation_email(request, event, sender_line)
        return f"{done} {self._send_or_save(invite, 'The invitation')}"

    def _deliver_email(self, outgoing: Outgoing) -> str:
        message = mail.build_message(
            sender=self.config.smtp.sender if self.config.smtp else None,
            to=_recipients(list(outgoing.recipients)),
            cc=mail.check_addresses(outgoing.cc, field="cc"),
            subject=outgoing.subject,
            body=outgoing.body,
            attachments=outgoing.attachments,
        )
        original_path = dict(outgoing.details).get(ORIGINAL)
        if original_path:
            original = mail.Mailbox.load(Path(original_path))
            if outgoing.tool == "reply_to_email":
                mail.make_reply(message, original)
            else:
                mail.make_forward(message, original)
        return self._send_or_save(message, f"The email “{outgoing.subject}”")

    def _send_or_save(self, message: EmailMessage, what: str) -> str:
        """Send through SMTP and keep a copy in Sent; without an account, keep a draft."""
        box = mail.Mailbox(self.config.data_dir)
        to = str(message.get("To", ""))
        if self.config.smtp is None:
            draft = box.save(message, mail.DRAFTS)
            return (
                f"{what} to {to} was saved as a draft in {draft}, because no mail account is "
                "configured. Add one in Settings to send email."
            )
        try:
            refused = send(self.config.smtp, message, self.config.timeout_s)
        except TinyAgentError as exc:
            draft = box.save(message, mail.DRAFTS)
            raise ToolError(f"{exc} {what} was saved as a draft in {draft}.") from exc
        box.save(message, mail.SENT)
        if refused:
            return f"{what} was sent, but the server refused {', '.join(refused)}; check those addresses."
        return f"{what} was sent to {to}."

    def _deliver_sms(self, outgoing: Outgoing) -> str:
        numbers = check_numbers(outgoing.recipients)
        outbox = Outbox(self.config.data_dir)
        outbox.store(numbers, outgoing.body)
        return (
            f"The text message to {', '.join(numbers)} was stored in the outbox ({outbox.path}), "
            "not sent: this computer has no carrier connection."
        )

    def _deliver_meeting(self, outgoing: Outgoing) -> str:
        _, start_time, duration, _ = outgoing.args
        start = parse_datetime(start_time, what="start time") if str(start_time).strip() else None
        client = ZoomClient(self.config.zoom_token, self.config.zoom_api_url, self.config.timeout_s)
        # The join URL alone is the task's output: later tasks embed it through $N.
        return client.create_meeting(outgoing.subject, start, int(duration), outgoing.recipients)

    def _sender_address(self) -> str | None:
        if self.config.smtp is None:
            return None
        return parseaddr(self.config.smtp.sender)[1] or None


def _recipients(addresses: list[str]) -> tuple[str, ...]:
    to = mail.check_addresses(addresses, field="recipients")
    if not to:
        raise ToolArgumentError("Say who the email is for: give at least one recipient's address.")
    return to


def _subject_from(context: str) -> str:
    first = " ".join(context.split()).split(". ")[0].strip(" .")
    return first if len(first) <= 60 else first[:57].rsplit(" ", 1)[0] + "…"


def _describe(message: EmailMessage) -> str:
    return f"“{message.get('Subject', '(no subject)')}” from {message.get('From', 'unknown sender')}"
