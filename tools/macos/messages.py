"""Messages: sending an approved text to each recipient, one script run per recipient."""

from __future__ import annotations

from collections.abc import Sequence

from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.macos.runner import ScriptRunner

SCRIPT = "messages_send"


def recipients(values: Sequence[str]) -> tuple[str, ...]:
    """Phone numbers or iMessage addresses, as given; at least one, none blank."""
    found = tuple(values)
    if not found or not all(v.strip() for v in found):
        raise ToolArgumentError("Say who gets the text: phone numbers (look names up with get_phone_number).")
    return found


def send(runner: ScriptRunner, outgoing: Outgoing) -> str:
    """Text each recipient; a failure for some of them names who got it and who did not."""
    if not outgoing.body.strip():
        raise ToolArgumentError("The text message is empty.")
    sent: list[str] = []
    failed: list[str] = []
    for recipient in recipients(outgoing.recipients):
        try:
            runner.run_script(SCRIPT, recipient, outgoing.body)
        except ToolError as exc:
            failed.append(f"{recipient} ({exc})")
        else:
            sent.append(recipient)
    if failed:
        got = f"Texted {', '.join(sent)}, but not" if sent else "Could not text"
        raise ToolError(f"{got} {'; '.join(failed)}.")
    return f"Texted {', '.join(sent)}."
