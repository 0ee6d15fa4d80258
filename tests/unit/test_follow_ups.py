"""Follow-ups in a conversation: the previous turn reaches the planner."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.fakes import RecordingBackend, ScriptedLLM
from tinyagent.core.agent import Agent
from tinyagent.core.joiner import RuleJoiner
from tinyagent.core.planner import Planner, PlannerOptions
from tinyagent.core.prompt import PriorTurn, builtin_prompt, is_follow_up, merge_follow_up, tinyagent_prompt
from tinyagent.tools.registry import REGISTRY

NOW = datetime(2026, 11, 20, 9, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
EARLIER = PriorTurn(
    "email Sid about lunch",
    ("get_email_address(Sid) -> sid@example.com", "compose_new_email(['sid@example.com'], …) -> cancelled"),
    "The email was not sent.",
)


@pytest.mark.parametrize(
    "query",
    ["also cc Nick", "And text it to Ana too", "actually make it 4pm", "send it to Bo as well", "Instead, email Kim"],
)
def test_changes_to_the_previous_request_are_follow_ups(query: str) -> None:
    assert is_follow_up(query)


@pytest.mark.parametrize(
    "query", ["remind me to call mom", "what's on my calendar", "email Andrea the deck", "text Tom about the plan"]
)
def test_new_requests_are_not_follow_ups(query: str) -> None:
    assert not is_follow_up(query)
    assert merge_follow_up(query, (EARLIER,)) == query


def test_a_follow_up_is_merged_into_the_previous_request_for_one_request_planners() -> None:
    assert merge_follow_up("also cc Nick", (EARLIER,)) == "email Sid about lunch, also cc Nick"
    assert merge_follow_up("also cc Nick", ()) == "also cc Nick"


def test_the_tinyagent_prompt_shows_the_earlier_turn_before_the_question() -> None:
    prompt = tinyagent_prompt("also cc Nick", TOOLS, NOW, context=(EARLIER,))
    assert prompt.user.startswith("Earlier in this conversation:\nQuestion: email Sid about lunch\n")
    assert "Ran: get_email_address(Sid) -> sid@example.com" in prompt.user
    assert prompt.user.endswith("Question: also cc Nick")
    assert "Earlier" not in tinyagent_prompt("also cc Nick", TOOLS, NOW).user


def test_the_builtin_prompt_ignores_context_its_planner_merges_instead() -> None:
    assert builtin_prompt("also cc Nick", TOOLS, NOW, context=(EARLIER,)).user.startswith("Question: also cc Nick")


async def test_the_agent_plans_a_merged_follow_up_and_selects_tools_for_it() -> None:
    llm = ScriptedLLM(['1. get_email_address("Nick")\n2. join()<END_OF_PLAN>'])
    seen: list[str] = []

    def select(query: str, _tools: object) -> tuple[object, ...]:
        seen.append(query)
        return TOOLS

    planner = Planner(llm, PlannerOptions(use_grammar=False, context_mode="merge"), prompt_builder=builtin_prompt)
    agent = Agent(planner, RecordingBackend(), TOOLS, RuleJoiner(REGISTRY), select_tools=select)  # type: ignore[arg-type]
    events = [e async for e in agent.run("also cc Nick", now=NOW, context=(EARLIER,))]
    assert seen == ["email Sid about lunch, also cc Nick"]
    assert llm.prompts[0].user.startswith("Question: email Sid about lunch, also cc Nick\n")
    assert type(events[-1]).__name__ == "AnswerReady"
