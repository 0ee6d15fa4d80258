"""Email on the local store: ``.eml`` files in ``Mail/Inbox``, ``Mail/Sent`` and ``Mail/Drafts``.

The "selected email" that reply and forward act on is the ``.eml`` named in the file
``Mail/selected``, or else the newest message in ``Mail/Inbox``.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid
from pathlib import Path

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.local.storage import atomic_write, locked, safe_name, unique_path

FOLDER = "Mail"
INBOX, SENT, DRAFTS = "Inbox", "Sent", "Drafts"
SELECTED = "selected"
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024  # what common mail providers accept
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_REPLY_PREFIX = re.compile(r"^\s*re\s*:", re.IGNORECASE)
_FORWARD_PREFIX = re.compile(r"^\s*(fwd?|fw)\s*:", re.IGNORECASE)


def is_address(text: str) -> bool:
    """True for "sid@example.org" and "Sid Jha <sid@example.org>"."""
    pairs = getaddresses([text])
    return len(pairs) == 1 and bool(_ADDRESS.match(pairs[0][1]))


def attachment_paths(paths: Sequence[str]) -> tuple[str, ...]:
    """The attachments as absolute paths; a missing or oversized file is a ``ToolError``."""
    found = []
    for raw in paths:
        if not raw.strip():
            continue
        path = Path(raw.strip()).expanduser()
        if not path.is_file():
            raise ToolError(
                f"The attachment {raw} does not exist. Find the file with open_and_get_file_path, "
                "or leave it out."
            )
        if path.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise ToolError(f"The attachment {path.name} is larger than 25 MB; share a link to it instead.")
        found.append(str(path.resolve()))
    return tuple(found)


def reply_subject(subject: str) -> str:
    """ "Re: " + ``subject``, without piling up prefixes."""
    return subject if _REPLY_PREFIX.match(subject) else f"Re: {subject}".strip()


def forward_subject(subject: str) -> str:
    """ "Fwd: " + ``subject``, without piling up prefixes."""
    return subject if _FORWARD_PREFIX.match(subject) else f"Fwd: {subject}".strip()


def reply_recipients(original: EmailMessage) -> tuple[str, ...]:
    """Where a reply goes: the original's Reply-To, else its From."""
    header = original.get("Reply-To") or original.get("From") or ""
    pairs = [(name, addr) for name, addr in getaddresses([str(header)]) if addr]
    if not pairs:
        raise ToolError("The selected email has no sender address to reply to. Select another email.")
    return tuple(formataddr(pair) for pair in pairs)


def build_message(
    *,
    sender: str | None,
    to: Sequence[str],
    cc: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[str],
) -> EmailMessage:
    """A new email; attachments get MIME types guessed from their names."""
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    domain = sender.rpartition("@")[2].strip(">") if sender and "@" in sender else "tinyagent.local"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(body)
    for path in attachment_paths(attachments):
        _attach_file(message, Path(path))
    return message


def _attach_file(message: EmailMessage, path: Path) -> None:
    mime, encoding = mimetypes.guess_type(path.name)
    if mime is None or encoding is not None:  # "x.tar.gz" is gzip data, not a tar
        mime = "application/octet-stream"
    maintype, subtype = mime.split("/", 1)
    message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)


def make_reply(message: EmailMessage, original: EmailMessage) -> None:
    """Thread ``message`` under ``original`` and quote the original's text below the body."""
    original_id = str(original.get("Message-ID", "")).strip()
    if original_id:
        message["In-Reply-To"] = original_id
        references = str(original.get("References", "")).split()
        message["References"] = " ".join([*references, original_id])
    quoted = _plain_text(original)
    if quoted:
        header = f"On {original.get('Date', 'an earlier date')}, {original.get('From', 'the sender')} wrote:"
        lines = "\n".join(f"> {line}" if line else ">" for line in quoted.splitlines())
        _replace_text(message, f"{_text_of(message).rstrip()}\n\n{header}\n{lines}\n")


def make_forward(message: EmailMessage, original: EmailMessage) -> None:
    """Attach ``original`` whole (message/rfc822), so its attachments travel along."""
    message.add_attachment(original)


def _plain_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        return ""
    try:
        return str(part.get_content()).strip()
    except (LookupError, ValueError):
        return ""


def _text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return str(part.get_content()) if part is not None else ""


def _replace_text(message: EmailMessage, text: str) -> None:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        part.set_content(text)


class Mailbox:
    """The mail folders of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / FOLDER

    def selected(self) -> Path:
        """The selected email's file (see the module docstring)."""
        marker = self.root / SELECTED
        if marker.is_file():
            name = marker.read_text(encoding="utf-8").strip()
            named = Path(name).expanduser()
            places = (named,) if named.is_absolute() else (self.root / INBOX / name, self.root / name)
            for path in places:
                if name and path.is_file():
                    return path
            raise ToolError(
                f"The selected email {name!r} (named in {marker}) does not exist. Select an email again."
            )
        inbox = sorted(self.root.joinpath(INBOX).glob("*.eml"), key=lambda p: p.stat().st_mtime)
        if not inbox:
            raise ToolError(
                f"No email is selected. Put the .eml to answer in {self.root / INBOX}, or write its file "
                f"name into {marker}."
            )
        return inbox[-1]

    @staticmethod
    def load(path: Path) -> EmailMessage:
        """The email stored in ``path``."""
        try:
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
        except OSError as exc:
            raise ToolError(f"Cannot read the email {path} ({exc.strerror}). Select another email.") from exc
        if not isinstance(message, EmailMessage) or not (message.get("From") or message.get("Subject")):
            raise ToolError(f"{path} is not an email (no From or Subject). Select another email.")
        return message

    def save(self, message: EmailMessage, folder: str) -> Path:
        """Store ``message`` as a new ``.eml`` in ``folder`` (SENT or DRAFTS)."""
        directory = self.root / folder
        directory.mkdir(parents=True, exist_ok=True)
        try:
            title = safe_name(str(message.get("Subject", "")), what="email")[:60]
        except ToolArgumentError:  # "???" or "": the file name needs no subject
            title = "no subject"
        stem = f"{datetime.now():%Y%m%d-%H%M%S} {title}"
        with locked(directory):
            path = unique_path(directory, stem, ".eml")
            atomic_write(path, message.as_bytes())
        return path


def check_addresses(addresses: Sequence[str], *, field: str) -> tuple[str, ...]:
    """The non-empty ``addresses``, each a valid email address."""
    cleaned = tuple(a.strip() for a in addresses if a.strip())
    for address in cleaned:
        if not is_address(address):
            raise ToolArgumentError(
                f"{address!r} in {field} is not an email address. Look it up with get_email_address first."
            )
    return cleaned
