from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Sequence

import pytest

from tests.support.fakes import RecordingBackend
from tinyagent.core.events import (
    ChoiceRequested,
    ConfirmationRequested,
    Event,
    TaskFinished,
    TaskPlanned,
    TaskStarted,
    TaskStatus,
)
from tinyagent.core.executor import Executor
from tinyagent.core.plan import PlanSyntaxError, Task, parse_plan
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import AmbiguousMatch, Choice, ToolError
from tinyagent.tools.registry import REGISTRY


async def _stream(tasks: Sequence[Task], gap_s: float = 0.0) -> AsyncIterator[Task]:
    for task in tasks:
        if gap_s:
            await asyncio.sleep(gap_s)
        yield task


async def _run(executor: Executor, plan: str, gap_s: float = 0.0) -> list[Event]:
    return [e async for e in executor.execute(_stream(parse_plan(plan), gap_s))]


def _finished(events: list[Event]) -> dict[int, TaskFinished]:
    return {e.idx: e for e in events if isinstance(e, TaskFinished)}


async def approve(outgoing: Outgoing) -> Outgoing | None:
    return outgoing


async def decline(outgoing: Outgoing) -> Outgoing | None:  # noqa: ARG001
    return None


EMAIL_PLAN = """1. get_email_address("Sid")
2. get_email_address("Lutfi")
3. compose_new_email(["$1", "$2"], [], "Q3 deck", "the Q3 deck", [])
4. join()<END_OF_PLAN>"""


async def test_substitutes_outputs_and_sends_after_approval() -> None:
    backend = RecordingBackend(outputs={"get_email_address": lambda name: f"{name.lower()}@example.com"})
    events = await _run(Executor(backend, REGISTRY, confirm=approve), EMAIL_PLAN)
    done = _finished(events)
    assert all(done[i].status is TaskStatus.DONE for i in (1, 2, 3))
    started = next(e for e in events if isinstance(e, TaskStarted) and e.idx == 3)
    assert started.args[0] == ["sid@example.com", "lutfi@example.com"]
    assert backend.delivered[0].recipients == ("sid@example.com", "lutfi@example.com")
    assert any(isinstance(e, ConfirmationRequested) for e in events)
    kinds = [type(e).__name__ for e in events if getattr(e, "idx", None) == 3 or isinstance(e, TaskPlanned)]
    assert kinds.index("TaskStarted") < kinds.index("ConfirmationRequested") < kinds.index("TaskFinished")


async def test_declined_confirmation_sends_nothing_and_is_cancelled() -> None:
    backend = RecordingBackend(outputs={"get_email_address": "x@example.com"})
    events = await _run(Executor(backend, REGISTRY, confirm=decline), EMAIL_PLAN)
    done = _finished(events)
    assert done[3].status is TaskStatus.CANCELLED
    assert "not sent" in (done[3].error or "")
    assert backend.delivered == []


async def test_default_policy_declines_everything() -> None:
    backend = RecordingBackend()
    events = await _run(Executor(backend, REGISTRY), '1. send_sms(["+1 555 0100"], "hi")\n2. join()')
    assert _finished(events)[1].status is TaskStatus.CANCELLED
    assert backend.delivered == []


async def test_edited_outgoing_is_what_gets_delivered() -> None:
    async def edit(outgoing: Outgoing) -> Outgoing | None:
        return dataclasses.replace(outgoing, body="Edited by the user")

    backend = RecordingBackend()
    await _run(Executor(backend, REGISTRY, confirm=edit), '1. send_sms(["+1 555 0100"], "hi")\n2. join()')
    assert backend.delivered[0].body == "Edited by the user"


async def test_event_without_invitees_is_created_without_asking() -> None:
    asked: list[Outgoing] = []

    async def record(outgoing: Outgoing) -> Outgoing | None:
        asked.append(outgoing)
        return None

    backend = RecordingBackend()
    plan = '1. create_calendar_event("Gym", "2024-06-04 07:00:00", "2024-06-04 08:00:00", "", [], "", None)\n2. join()'
    events = await _run(Executor(backend, REGISTRY, confirm=record), plan)
    assert _finished(events)[1].status is TaskStatus.DONE
    assert asked == [] and len(backend.delivered) == 1


async def test_failure_skips_dependents_with_reason_and_others_run() -> None:
    backend = RecordingBackend(failures={"get_email_address": ToolError("No contact matches 'Sid'.")})
    plan = """1. get_email_address("Sid")
2. compose_new_email(["$1"], [], "Hi", "", [])
3. maps_open_location("Berlin")
4. join()"""
    done = _finished(await _run(Executor(backend, REGISTRY, confirm=approve), plan))
    assert done[1].status is TaskStatus.FAILED and "No contact" in (done[1].error or "")
    assert done[2].status is TaskStatus.SKIPPED and "action 1 (get_email_address)" in (done[2].error or "")
    assert done[3].status is TaskStatus.DONE
    assert backend.called("compose_new_email") == []


async def test_independent_tasks_run_concurrently() -> None:
    backend = RecordingBackend(delays={"maps_open_location": 0.3})
    plan = "\n".join(f'{i}. maps_open_location("place {i}")' for i in range(1, 6)) + "\n6. join()"
    loop = asyncio.get_running_loop()
    start = loop.time()
    done = _finished(await _run(Executor(backend, REGISTRY), plan))
    assert all(r.status is TaskStatus.DONE for r in done.values())
    assert loop.time() - start < 0.3 * 5 * 0.6  # well under the serial time


async def test_task_starts_while_the_plan_is_still_streaming() -> None:
    backend = RecordingBackend()
    plan = '1. maps_open_location("A")\n2. maps_open_location("B")\n3. maps_open_location("C")\n4. join()'
    events = await _run(Executor(backend, REGISTRY), plan, gap_s=0.05)
    order = [(type(e).__name__, getattr(e, "idx", None) or e.task.idx) for e in events]  # type: ignore[attr-defined]
    assert order.index(("TaskFinished", 1)) < order.index(("TaskPlanned", 3))


async def test_timeout_fails_the_task() -> None:
    backend = RecordingBackend(delays={"open_note": 1.0})
    done = _finished(
        await _run(Executor(backend, REGISTRY, task_timeout_s=0.1), '1. open_note("x", "")\n2. join()')
    )
    assert done[1].status is TaskStatus.FAILED and "timed out" in (done[1].error or "")


async def test_cancel_marks_running_and_pending_tasks_cancelled() -> None:
    backend = RecordingBackend(delays={"open_note": 0.5})
    executor = Executor(backend, REGISTRY, confirm=approve)
    plan = '1. open_note("a", "")\n2. create_note("b", "$1", "")\n3. join()'
    events: list[Event] = []
    async for event in executor.execute(_stream(parse_plan(plan))):
        events.append(event)
        if isinstance(event, TaskStarted):
            executor.cancel()
    done = _finished(events)
    assert done[1].status is TaskStatus.CANCELLED
    assert done[2].status in (TaskStatus.CANCELLED, TaskStatus.SKIPPED)
    assert backend.called("create_note") == []


async def test_ambiguous_contact_asks_the_user_and_uses_the_choice() -> None:
    choices = (Choice("Sid Jha", "sid.jha@example.com"), Choice("Sid Meier", "sid@games.example"))
    backend = RecordingBackend(failures={"get_email_address": AmbiguousMatch("Which Sid?", choices)})
    picked: list[str] = []

    async def choose(question: str, options: tuple[Choice, ...]) -> Choice | None:
        picked.append(question)
        return options[1]

    plan = '1. get_email_address("Sid")\n2. compose_new_email(["$1"], [], "Hi", "", [])\n3. join()'
    events = await _run(Executor(backend, REGISTRY, confirm=approve, choose=choose), plan)
    assert picked == ["Which Sid?"]
    assert any(isinstance(e, ChoiceRequested) for e in events)
    assert backend.delivered[0].recipients == ("sid@games.example",)


async def test_ambiguity_without_a_chooser_fails_never_picks_the_first() -> None:
    choices = (Choice("Sid Jha", "a@x"), Choice("Sid Meier", "b@x"))
    backend = RecordingBackend(failures={"get_email_address": AmbiguousMatch("Which Sid?", choices)})
    done = _finished(await _run(Executor(backend, REGISTRY), '1. get_email_address("Sid")\n2. join()'))
    assert done[1].status is TaskStatus.FAILED and "choose" in (done[1].error or "")


async def test_plan_error_mid_stream_lets_started_tasks_finish_then_raises() -> None:
    async def broken() -> AsyncIterator[Task]:
        yield parse_plan('1. maps_open_location("A")\n2. join()')[0]
        await asyncio.sleep(0.01)
        raise PlanSyntaxError("bad", 2, "2. ???")

    backend = RecordingBackend(delays={"maps_open_location": 0.05})
    events: list[Event] = []
    with pytest.raises(PlanSyntaxError):
        async for event in Executor(backend, REGISTRY).execute(broken()):
            events.append(event)
    assert _finished(events)[1].status is TaskStatus.DONE


async def test_programmer_errors_propagate() -> None:
    backend = RecordingBackend(failures={"open_note": KeyError("bug")})
    with pytest.raises(KeyError):
        await _run(Executor(backend, REGISTRY), '1. open_note("a", "")\n2. join()')
