"""What every tool backend shares: its configuration, the outgoing-message record that the
executor shows for confirmation, the prose-writer protocol, and the backend contract.
"""

from __future__ import annotations

import abc
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from tinyagent.tools.registry import REGISTRY, SideEffect


@dataclass(frozen=True)
class Outgoing:
    """Exactly what a tool is about to send to other people.

    Tools that reach another person return one of these instead of acting; the executor
    shows it to the user and, only after approval, hands it (possibly edited) to
    ``ToolBackend.deliver``.
    """

    tool: str
    kind: str  # "email", "sms", "event" or "meeting": what the user is asked to approve
    recipients: tuple[str, ...]
    cc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    attachments: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # shown as "label: value" lines (when, where…)
    args: tuple[Any, ...] = ()  # the resolved tool arguments, for deliver()

    @property
    def reaches_someone(self) -> bool:
        """True when delivering would reach at least one other person."""
        return bool(self.recipients or self.cc)


@dataclass(frozen=True)
class SmtpAccount:
    """An outgoing mail server; the password comes from the OS keyring, never a file."""

    host: str
    port: int
    username: str
    password: str
    sender: str  # the From address
    security: str = "starttls"  # "ssl", "starttls" or "none"


@dataclass(frozen=True)
class BackendConfig:
    """Everything a backend needs to know about the user's machine and accounts."""

    data_dir: Path
    file_folders: tuple[Path, ...] = ()
    smtp: SmtpAccount | None = None
    zoom_token: str | None = None
    zoom_api_url: str = "https://api.zoom.us/v2"
    osascript: str = "osascript"
    mdfind: str = "mdfind"
    open_command: str | None = None  # program that opens a found file; None: do not open
    timeout_s: float = 30.0


class Writer(Protocol):
    """Writes prose for tools: email bodies and summaries (a model, or a fallback)."""

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        """The body of an email ("new", "reply" or "forward") written from ``context``."""
        ...

    def summarize(self, text: str, *, title: str) -> str:
        """A short summary of ``text``; never empty for non-empty text."""
        ...


class ToolBackend(abc.ABC):
    """One way of carrying out the 16 tools (``macos``, ``local``).

    A subclass defines one method per declared tool, with the declared parameter names
    in order. Tools that reach another person return an ``Outgoing`` and never send;
    ``deliver`` sends, and only the executor calls it, after the user approved.
    """

    name: ClassVar[str]

    def __init__(self, config: BackendConfig, writer: Writer) -> None:
        self.config = config
        self.writer = writer

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not inspect.isabstract(cls):
            check_backend(cls)

    @abc.abstractmethod
    def deliver(self, outgoing: Outgoing) -> str:
        """Send what the user approved; return the task's status text."""


def check_backend(cls: type[ToolBackend]) -> None:
    """Fail at import when a backend misses a tool or changes its parameters."""
    for spec in REGISTRY.values():
        method = getattr(cls, spec.name, None)
        if method is None:
            raise TypeError(f"backend {cls.__name__} does not implement tool {spec.name!r}")
        names = list(inspect.signature(method).parameters)[1:]
        expected = [p.name for p in spec.params]
        if names != expected:
            raise TypeError(f"{cls.__name__}.{spec.name} takes {names}, the declaration says {expected}")
        returns = inspect.signature(method).return_annotation
        wants = "Outgoing" if spec.side_effect is SideEffect.REACHES_PERSON else "str"
        if returns not in (wants, Outgoing if wants == "Outgoing" else str):
            raise TypeError(f"{cls.__name__}.{spec.name} must be annotated to return {wants}")
