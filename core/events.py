"""Typed, timestamped events: what the engine tells the CLI, the GUI and scripts."""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tinyagent.core.errors import TinyAgentError
from tinyagent.core.plan import Task
from tinyagent.tools.base import Outgoing


class TaskStatus(enum.Enum):
    """A task card's state: pending -> running -> done / failed / skipped / cancelled."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


@dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every event; ``at`` is wall-clock time in seconds since the epoch."""

    at: float = field(default_factory=time.time)

    @property
    def kind(self) -> str:
        """The event's name in snake case, e.g. ``task_started``."""
        return _snake_case(type(self).__name__)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict with an ``event`` key naming the event."""
        data = {"event": self.kind}
        data.update({f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)})
        return data


def _snake_case(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, kw_only=True)
class PlanningStarted(Event):
    """The planner was asked for a plan (attempt 1, or a replan)."""

    query: str
    attempt: int
    tools: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TaskPlanned(Event):
    """A task arrived from the planner and is pending."""

    task: Task
    label: str


@dataclass(frozen=True, kw_only=True)
class TaskStarted(Event):
    """A task's dependencies are done and its tool is running, with these arguments."""

    idx: int
    tool: str
    args: tuple[Any, ...]
    label: str


@dataclass(frozen=True, kw_only=True)
class ConfirmationRequested(Event):
    """The user is being asked to approve what a task will send."""

    idx: int
    outgoing: Outgoing


@dataclass(frozen=True, kw_only=True)
class ChoiceRequested(Event):
    """The user is being asked to pick one of several matches."""

    idx: int
    question: str
    options: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TaskFinished(Event):
    """A task ended: done with a result, or failed / skipped / cancelled with a reason."""

    idx: int
    tool: str
    status: TaskStatus
    result: str | None
    error: str | None
    elapsed_s: float


@dataclass(frozen=True, kw_only=True)
class Replanning(Event):
    """The joiner asked for a new plan; ``reason`` is what went wrong."""

    attempt: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class AnswerReady(Event):
    """The final answer for the user.

    ``echoes_results``: the answer only repeats what the tasks produced (the rule joiner's
    summary), so a window that shows each task's card may show a tally instead.
    """

    text: str
    echoes_results: bool = False


@dataclass(frozen=True, kw_only=True)
class RunFailed(Event):
    """The request could not be carried out at all (no model, unreadable plan…)."""

    message: str


_EVENT_BY_KIND: dict[str, type[Event]] = {
    _snake_case(cls.__name__): cls
    for cls in (
        PlanningStarted,
        TaskPlanned,
        TaskStarted,
        ConfirmationRequested,
        ChoiceRequested,
        TaskFinished,
        Replanning,
        AnswerReady,
        RunFailed,
    )
}


def event_from_json(data: Mapping[str, Any]) -> Event:
    """The event that ``Event.to_json`` turned into ``data`` (e.g. read back from history).

    Raises ``TinyAgentError`` when ``data`` does not describe a known event.
    """
    cls = _EVENT_BY_KIND.get(str(data.get("event")))
    if cls is None:
        raise TinyAgentError(f"unknown event {data.get('event')!r} in stored history")
    try:
        values = {f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data}
        if "task" in values:
            values["task"] = _task(values["task"])
        if "outgoing" in values:
            values["outgoing"] = _outgoing(values["outgoing"])
        if "status" in values:
            values["status"] = TaskStatus(values["status"])
        for name in ("args", "tools", "options"):
            if name in values:
                values[name] = tuple(values[name])
        return cls(**values)
    except (KeyError, TypeError, ValueError) as error:
        raise TinyAgentError(f"a stored {data.get('event')} event is damaged: {error}") from None


def _task(data: Mapping[str, Any]) -> Task:
    return Task(
        idx=int(data["idx"]),
        tool=str(data["tool"]),
        args=tuple(data["args"]),
        thought=data.get("thought"),
        deps=tuple(data.get("deps", ())),
    )


def _outgoing(data: Mapping[str, Any]) -> Outgoing:
    tuples = ("recipients", "cc", "attachments", "args")
    values: dict[str, Any] = {k: tuple(v) if k in tuples else v for k, v in data.items()}
    values["details"] = tuple(tuple(pair) for pair in data.get("details", ()))
    return Outgoing(**values)
