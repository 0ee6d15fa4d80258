"""Events survive a trip through JSON (the history stores them that way)."""

from __future__ import annotations

import json

import pytest

from tinyagent.core.errors import TinyAgentError
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
    TaskStatus,
    event_from_json,
)
from tinyagent.core.plan import Task
from tinyagent.tools.base import Outgoing

EVENTS: list[Event] = [
    PlanningStarted(query="text Zoë and Jürgen", attempt=1, tools=("get_phone_number", "send_sms")),
    TaskPlanned(
        task=Task(2, "send_sms", (["$1", "+1 555 0100"], "Running late 🏃"), "Thought", (1,)), label="Text $1"
    ),
    TaskStarted(
        idx=2, tool="send_sms", args=(["+49 30 1", "+1 555 0100"], "Running late 🏃"), label="Text …"
    ),
    ConfirmationRequested(
        idx=3,
        outgoing=Outgoing(
            "compose_new_email",
            "email",
            ("zoe@example.com",),
            cc=("nick@example.com",),
            subject="Q3",
            body="Hi Zoë,\n\nAttached.",
            attachments=("/home/z/Q3 report.pdf",),
            details=(("When", "Fri 27 Nov"),),
            args=(["zoe@example.com"], ["nick@example.com"], "Q3", "Hi", ["/home/z/Q3 report.pdf"]),
        ),
    ),
    ChoiceRequested(
        idx=1, question="Which Sid?", options=("Sid Jha <sid@example.com>", "Sid Meier <sm@x.org>")
    ),
    TaskFinished(
        idx=2,
        tool="send_sms",
        status=TaskStatus.CANCELLED,
        result=None,
        error="cancelled by user",
        elapsed_s=1.5,
    ),
    Replanning(attempt=1, reason="action 2 failed"),
    AnswerReady(text="Done ✓"),
    RunFailed(message="The request is empty."),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.kind)
def test_every_event_round_trips_through_json(event: Event) -> None:
    stored = json.loads(json.dumps(event.to_json(), ensure_ascii=False))
    assert event_from_json(stored) == event


@pytest.mark.parametrize(
    "data",
    [
        {"event": "no_such_event"},
        {"event": "task_finished", "idx": 1},
        {"event": "task_planned", "task": {"idx": 1}, "label": "x"},
        {},
    ],
)
def test_damaged_or_unknown_events_raise_a_tinyagent_error(data: dict[str, object]) -> None:
    with pytest.raises(TinyAgentError):
        event_from_json(data)
