"""Mail: reading the selected email, checking addresses and attachments, sending.

Sending takes the approved ``Outgoing`` as it is: its recipients, subject, body and
attachments are exactly what the send script receives, one argv item each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.macos.protocol import counted, records
from tinyagent.tools.macos.runner import ScriptRunner

SELECTED_SCRIPT = "mail_selected"
SEND_SCRIPT = "mail_send"
MODES = {"compose_new_email": "new", "reply_to_email": "reply", "forward_email": "forward"}
# The detail line of a reply or forward that names the email the user approved.
MESSAGE_ID = "message id"

_DONE = {"new": "Sent the email", "reply": "Sent the reply", "forward": "Forwarded the email"}
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+$")


@dataclass(frozen=True)
class SelectedMessage:
    """The email selected in Mail, as far as replying and forwarding need it."""

    sender_address: str
    sender_name: str
    reply_to: str
    subject: str
    message_id: str

    @property
    def reply_address(self) -> str:
        """Where a reply goes: the Reply-To address if the email has one, else the sender."""
        return self.reply_to or self.sender_address

    @property
    def sender(self) -> str:
        """The sender as people read it: "Sid Jha <sid@example.com>"."""
        name = self.sender_name.strip()
        return f"{name} <{self.sender_address}>" if name else self.sender_address


def selected_message(runner: ScriptRunner) -> SelectedMessage:
    """Read the email selected in Mail (the send script later checks it is still that one)."""
    rows = records(runner.run_script(SELECTED_SCRIPT), fields=5, script=SELECTED_SCRIPT)
    if len(rows) != 1:
        raise ToolError("Mail did not report the selected email. Select one email, then try again.")
    message = SelectedMessage(*rows[0])
    if not message.message_id or not message.reply_address:
        raise ToolError("The selected email has no sender or Message-ID; TinyAgent cannot reply to it.")
    return message


def addresses(values: Sequence[str], *, what: str) -> tuple[str, ...]:
    """Stripped email addresses; a name instead of an address is refused with a hint."""
    checked = []
    for value in values:
        address = value.strip()
        if not _ADDRESS.match(address):
            raise ToolArgumentError(
                f"{value!r} ({what}) is not an email address. Look the person up with "
                "get_email_address first."
            )
        checked.append(address)
    return tuple(checked)


def attachments(paths: Sequence[str]) -> tuple[str, ...]:
    """Absolute paths of existing files; anything else is refused before the user confirms."""
    checked = []
    for raw in paths:
        path = Path(raw).expanduser()  # exactly as given: a name may end with a space
        if not raw.strip() or not path.is_absolute():
            raise ToolArgumentError(
                f"The attachment {raw!r} is not a full file path. Find it with open_and_get_file_path."
            )
        if not path.is_file():
            raise ToolArgumentError(f"There is no file to attach at {path}. Check the path.")
        checked.append(str(path))
    return tuple(checked)


def prefixed(prefix: str, subject: str) -> str:
    """``"Re: Budget"`` from ``"Budget"``, without stacking prefixes."""
    if subject.lstrip().casefold().startswith(prefix.casefold()):
        return subject
    return f"{prefix} {subject}" if subject else prefix


def message_id(outgoing: Outgoing) -> str:
    """The Message-ID of the selected email the user approved replying to or forwarding."""
    for label, value in outgoing.details:
        if label == MESSAGE_ID:
            return value
    raise ToolError("This email does not say which message it answers; run the request again.")


def send_argv(outgoing: Outgoing) -> list[str]:
    """The send script's argv (after the script path) for an approved email."""
    mode = MODES[outgoing.tool]
    original = "" if mode == "new" else message_id(outgoing)
    to = addresses(outgoing.recipients, what="recipient")
    if not to:
        raise ToolArgumentError("The email has no recipient.")
    cc = addresses(outgoing.cc, what="cc")
    files = attachments(outgoing.attachments)
    return [mode, original, outgoing.subject, outgoing.body, *counted(to), *counted(cc), *counted(files)]


def send(runner: ScriptRunner, outgoing: Outgoing) -> str:
    """Send an approved email through Mail; return the status text."""
    runner.run_script(SEND_SCRIPT, *send_argv(outgoing))
    action = _DONE[MODES[outgoing.tool]]
    subject = f" “{outgoing.subject}”" if outgoing.subject else ""
    cc = f" (cc {', '.join(outgoing.cc)})" if outgoing.cc else ""
    return f"{action}{subject} to {', '.join(outgoing.recipients)}{cc}."
