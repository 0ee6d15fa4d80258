"""The terminal face of the engine: prints events, asks for confirmation and choices.

Answers are read from standard input, so a pipe works too; end of input declines.
With ``json_lines`` every event is one JSON object on stdout and questions go to stderr.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import TextIO

from tinyagent.core.events import (
    AnswerReady,
    ChoiceRequested,
    ConfirmationRequested,
    Event,
    PlanningStarted,
    Replanning,
    RunFailed,
    TaskFinished,
    TaskPlanned,
    TaskStarted,
)
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import Choice

_QUESTIONS = {
    "email": "Send this email to {to}?",
    "sms": "Send this text message to {to}?",
    "event": "Create this event and invite {to}?",
    "meeting": "Create this Zoom meeting and invite {to}?",
}
_MARKS = {"done": "✓", "failed": "✗", "skipped": "–", "cancelled": "⊘"}


def _short(value: object, limit: int = 60) -> str:
    if isinstance(value, str) and value:
        text = json.dumps(value, ensure_ascii=False)[1:-1]
    else:  # lists, numbers, None, and "" keep their literal form
        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_outgoing(outgoing: Outgoing) -> str:
    """Everything that will be sent, in full, as the user must see it before approving."""
    lines = [f"  {'To:':<12} {', '.join(outgoing.recipients) or '(nobody)'}"]
    if outgoing.cc:
        lines.append(f"  {'Cc:':<12} {', '.join(outgoing.cc)}")
    if outgoing.subject:
        label = "Subject:" if outgoing.kind == "email" else "Title:"
        lines.append(f"  {label:<12} {outgoing.subject}")
    lines += [f"  {label + ':':<12} {value}" for label, value in outgoing.details]
    if outgoing.attachments:
        lines.append(f"  {'Attachments:':<12} {', '.join(outgoing.attachments)}")
    if outgoing.body:
        lines.append("  " + "─" * 40)
        lines += [f"  {line}" for line in outgoing.body.splitlines()]
        lines.append("  " + "─" * 40)
    return "\n".join(lines)


def question_for(outgoing: Outgoing) -> str:
    """The yes/no question, e.g. "Send this email to sid@example.com?"."""
    to = ", ".join(outgoing.recipients + outgoing.cc)
    return _QUESTIONS.get(outgoing.kind, "Send this {kind} to {to}?").format(to=to, kind=outgoing.kind)


class Console:
    """Prints engine events for people (or as JSON lines) and asks on the terminal."""

    def __init__(self, out: TextIO, *, json_lines: bool = False, assume_yes: bool = False) -> None:
        self._out = out
        self._json = json_lines
        self._yes = assume_yes
        self._ask_to = sys.stderr if json_lines else out

    def warn(self, text: str) -> None:
        """A configuration warning, on stderr."""
        print(f"tinyagent: warning: {text}", file=sys.stderr)

    def show(self, event: Event) -> None:
        """Print one event."""
        if self._json:
            self._out.write(json.dumps(event.to_json(), ensure_ascii=False, default=str) + "\n")
        else:
            line = self._human(event)
            if line is not None:
                self._out.write(line + "\n")
        self._out.flush()

    def _human(self, event: Event) -> str | None:
        if isinstance(event, PlanningStarted):
            again = "" if event.attempt == 1 else f" (attempt {event.attempt})"
            return f"Planning{again} with {len(event.tools)} tools…"
        if isinstance(event, TaskPlanned):
            return f"[pending]   {event.task.render()}   — {event.label}"
        if isinstance(event, TaskStarted):
            args = ", ".join(_short(a) for a in event.args)
            return f"[running]   {event.idx}. {event.tool}({args})"
        if isinstance(event, TaskFinished):
            text = event.result if event.status.value == "done" else event.error
            return (
                f"[{event.status.value}]{' ' * (10 - len(event.status.value))}{event.idx}. "
                f"{_MARKS[event.status.value]} {_short(text or '', 200)}  ({event.elapsed_s:.2f} s)"
            )
        if isinstance(event, Replanning):
            return f"Planning again: {event.reason}"
        if isinstance(event, AnswerReady):
            return f"\n{event.text}"
        if isinstance(event, RunFailed):
            return f"\nCould not do that: {event.message}"
        if isinstance(event, ConfirmationRequested | ChoiceRequested):
            return None  # the question itself is printed by confirm()/choose()
        return None

    async def _read_line(self) -> str | None:
        line = await asyncio.to_thread(sys.stdin.readline)
        return line.strip() if line else None  # None: end of input

    async def confirm(self, outgoing: Outgoing) -> Outgoing | None:
        """Show what will be sent and ask; only y/yes approves (end of input declines)."""
        question = question_for(outgoing)
        self._ask_to.write(f"\n{question}\n{describe_outgoing(outgoing)}\n")
        if self._yes:
            self._ask_to.write(f"{question} [y/N] y (--yes)\n")
            return outgoing
        self._ask_to.write(f"{question} [y/N] ")
        self._ask_to.flush()
        answer = await self._read_line()
        if answer is None:
            self._ask_to.write("\n(no answer: not sent)\n")
            return None
        return outgoing if answer.lower() in ("y", "yes") else None

    async def choose(self, question: str, choices: tuple[Choice, ...]) -> Choice | None:
        """List the matches and read a number; Enter or end of input cancels."""
        self._ask_to.write(f"\n{question}\n")
        for n, choice in enumerate(choices, start=1):
            detail = f" ({choice.detail})" if choice.detail else ""
            self._ask_to.write(f"  {n}) {choice.label} <{choice.value}>{detail}\n")
        if self._yes:
            self._ask_to.write("Several match and --yes cannot choose for you: cancelled.\n")
            return None
        self._ask_to.write(f"Choose 1-{len(choices)} (Enter cancels): ")
        self._ask_to.flush()
        answer = await self._read_line()
        if answer and answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        return None
