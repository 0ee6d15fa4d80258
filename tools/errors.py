"""The exception tree shared by every layer.

It lives at the bottom layer (``tools``) so that ``core`` and ``gui`` can catch the
same classes the tool backends raise.  Every message says what the user can do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class TinyAgentError(Exception):
    """Base of every error TinyAgent raises on purpose (never a programmer error)."""


class ToolError(TinyAgentError):
    """A tool could not do its job; the task fails with this text and the plan goes on."""


class ToolArgumentError(ToolError):
    """A tool got arguments it cannot use (wrong type, empty name, bad date…)."""


class ConfigurationError(TinyAgentError):
    """Something the user must set up first (an account, a token, a folder)."""


@dataclass(frozen=True)
class Choice:
    """One candidate the user may pick when a lookup is ambiguous."""

    label: str  # what the user reads: "Sid Jha"
    value: str  # what the task returns if picked: "sid@example.com"
    detail: str = ""  # extra context shown beside the label: "work email"


class AmbiguousMatch(ToolError):
    """Several candidates fit; the executor asks the user to choose, never the tool."""

    def __init__(self, question: str, choices: Sequence[Choice]) -> None:
        super().__init__(f"{question} ({len(choices)} matches; choose one)")
        self.question = question
        self.choices = tuple(choices)
