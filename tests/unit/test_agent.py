from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import datetime

from tests.support.fakes import RecordingBackend, ScriptedLLM
from tinyagent.core.agent import Agent, AgentOptions
from tinyagent.core.events import (
    AnswerReady,
    Event,
    PlanningStarted,
    Replanning,
    RunFailed,
    TaskFinished,
    TaskStarted,
    TaskStatus,
)
from tinyagent.core.joiner import LLMJoiner, RuleJoiner, parse_join_output
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import ToolError
from tinyagent.tools.registry import REGISTRY, App, tools_for_apps

NOW = datetime(2024, 6, 3, 9, 0, 0)
TOOLS = tuple(REGISTRY.values())


async def approve(outgoing: Outgoing) -> Outgoing | None:
    return outgoing


def make_agent(llm: ScriptedLLM, backend: RecordingBackend, **kwargs: object) -> Agent:
    planner = Planner(llm, PlannerOptions(use_grammar=False))
    return Agent(planner, backend, TOOLS, RuleJoiner(REGISTRY), confirm=approve, **kwargs)  # type: ignore[arg-type]


async def collect(agent: Agent, query: str) -> list[Event]:
    return [e async for e in agent.run(query, now=NOW)]


async def test_plan_runs_and_the_answer_reports_results() -> None:
    llm = ScriptedLLM(
        [
            '1. get_email_address("Sid")\n2. compose_new_email(["$1"], [], "Hi", "", [])\n3. join()<END_OF_PLAN>'
        ]
    )
    backend = RecordingBackend(outputs={"get_email_address": "sid@example.com"})
    events = await collect(make_agent(llm, backend), "email sid hi")
    assert isinstance(events[0], PlanningStarted) and isinstance(events[-1], AnswerReady)
    assert "sent email" in events[-1].text
    assert "Look up Sid" not in events[-1].text  # intermediate lookups are not repeated
    prompt = llm.prompts[0]
    assert prompt.user == "Question: email sid hi"
    assert "Today's date is Monday 2024-06-03 09:00" in prompt.system
    assert llm.options[0].stop == ("<END_OF_PLAN>",)


async def test_invalid_plan_is_replanned_with_the_error_fed_back() -> None:
    llm = ScriptedLLM(
        [
            '1. get_email_address("Sid", 3)\n2. join()',
            '1. maps_open_location("Paris")\n2. join()<END_OF_PLAN>',
        ]
    )
    events = await collect(make_agent(llm, RecordingBackend()), "show paris")
    replans = [e for e in events if isinstance(e, Replanning)]
    assert len(replans) == 1 and "takes 1 arguments" in replans[0].reason
    assert "Previous Plan" in llm.prompts[1].user and "try again" in llm.prompts[1].user
    assert "Current Plan" in llm.prompts[1].system or "Current Plan" in llm.prompts[1].user
    assert isinstance(events[-1], AnswerReady)


async def test_replans_at_most_twice() -> None:
    llm = ScriptedLLM(["nonsense"] * 3)
    events = await collect(make_agent(llm, RecordingBackend()), "do it")
    assert sum(isinstance(e, PlanningStarted) for e in events) == 3
    assert isinstance(events[-1], RunFailed) and "after 3 tries" in events[-1].message


async def test_join_only_plan_says_no_tool_applies() -> None:
    events = await collect(make_agent(ScriptedLLM(["1. join()<END_OF_PLAN>"]), RecordingBackend()), "sing")
    assert isinstance(events[-1], AnswerReady) and "can't do that" in events[-1].text


async def test_tool_failure_is_reported_not_replanned() -> None:
    llm = ScriptedLLM(['1. get_phone_number("Kofi")\n2. send_sms(["$1"], "hi")\n3. join()'])
    backend = RecordingBackend(failures={"get_phone_number": ToolError("No contact matches 'Kofi'.")})
    events = await collect(make_agent(llm, backend), "text kofi hi")
    assert not any(isinstance(e, Replanning) for e in events)
    assert "No contact matches 'Kofi'" in events[-1].text  # type: ignore[attr-defined]
    assert "skipped" in events[-1].text  # type: ignore[attr-defined]


async def test_empty_and_overlong_requests_fail_clearly() -> None:
    agent = make_agent(ScriptedLLM([]), RecordingBackend())
    assert "empty" in (await collect(agent, "  "))[-1].message  # type: ignore[attr-defined]
    events = await collect(agent, "x" * 10_000)
    assert isinstance(events[-1], RunFailed) and "10,000 characters" in events[-1].message


async def test_disabled_apps_are_not_offered() -> None:
    llm = ScriptedLLM(['1. send_sms(["1"], "x")\n2. join()'] * 3)
    planner = Planner(llm, PlannerOptions(use_grammar=False))
    tools = tools_for_apps([App.MAPS, App.NOTES])
    agent = Agent(
        planner, RecordingBackend(), tools, RuleJoiner(REGISTRY), options=AgentOptions(max_replans=0)
    )
    events = await collect(agent, "text bo")
    assert "send_sms(" not in llm.prompts[0].system
    assert isinstance(events[-1], RunFailed) and "unknown or disabled tool 'send_sms'" in events[-1].message


async def test_cancel_stops_generation_and_running_tasks() -> None:
    plan = "".join(f'{i}. open_note("n{i}", "")\n' for i in range(1, 8)) + "8. join()"
    llm = ScriptedLLM([plan], chunk=4, delay_s=0.01)
    backend = RecordingBackend(delays={"open_note": 0.3})
    agent = make_agent(llm, backend)
    events: list[Event] = []
    async for event in agent.run("open notes", now=NOW):
        events.append(event)
        if isinstance(event, TaskStarted):
            agent.cancel()
    finished = [e for e in events if isinstance(e, TaskFinished)]
    assert finished and all(e.status is TaskStatus.CANCELLED for e in finished)
    assert len(finished) < 7  # the rest of the plan was never read
    assert isinstance(events[-1], AnswerReady) and events[-1].text.startswith("Stopped")


async def test_llm_joiner_reads_finish_and_replan_and_falls_back() -> None:
    assert parse_join_output("Thought: ok\nAction: Finish(All (done).)").answer == "All (done)."  # type: ignore[union-attr]
    assert parse_join_output("Action: Replan").replan_reason is not None  # type: ignore[union-attr]
    assert parse_join_output("I don't know") is None
    llm = ScriptedLLM(["gibberish", "Thought: Sent.\nAction: Finish(I texted Bo.)<END_OF_RESPONSE>"])
    plan_llm = ScriptedLLM(['1. send_sms(["+1 555"], "hi")\n2. join()'] * 2)
    planner = Planner(plan_llm, PlannerOptions(use_grammar=False))
    agent = Agent(planner, RecordingBackend(), TOOLS, LLMJoiner(llm, REGISTRY), confirm=approve)
    first = (await collect(agent, "text bo"))[-1]
    assert isinstance(first, AnswerReady) and "sent sms" in first.text  # rule fallback
    second = (await collect(agent, "text bo"))[-1]
    assert isinstance(second, AnswerReady) and second.text == "I texted Bo."


def test_engine_does_not_import_qt() -> None:
    # In a fresh interpreter: pytest-qt has already imported Qt into this one.
    code = (
        "import sys, tinyagent.core.agent, tinyagent.core.cli, tinyagent.core.engine, tinyagent.gui.launcher\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide6' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_tasks_start_while_the_plan_streams() -> None:
    plan = (
        '1. maps_open_location("A")\n'
        + "".join(f'{i}. open_note("n{i}", "")\n' for i in range(2, 6))
        + "6. join()"
    )
    llm = ScriptedLLM([plan], chunk=3, delay_s=0.01)
    backend = RecordingBackend()
    agent = make_agent(llm, backend)
    loop = asyncio.get_running_loop()
    start = loop.time()
    events = await collect(agent, "x")
    first_start = next(e for e in events if isinstance(e, TaskStarted))
    last_planned = [e for e in events if type(e).__name__ == "TaskPlanned"][-1]
    assert events.index(first_start) < events.index(last_planned)
    assert loop.time() - start < 5


async def test_planner_drops_an_action_the_model_wrote_twice() -> None:
    llm = ScriptedLLM(
        [
            '1. get_phone_number("Henry")\n2. get_phone_number("Henry")\n'
            '3. send_sms(["$1", "$2"], "Running late")\n4. send_sms(["$2"], "Running late")\n5. join()<END_OF_PLAN>'
        ]
    )
    planner = Planner(llm, PlannerOptions(use_grammar=False))
    tasks = await planner.plan(PlanRequest("text Henry running late", TOOLS, NOW))
    assert [t.render() for t in tasks] == [
        '1. get_phone_number("Henry")',
        '2. send_sms(["$1"], "Running late")',  # Henry once, and one message
        "3. join()",
    ]
