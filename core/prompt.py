"""Planner prompts.

``tinyagent`` is the LLMCompiler layout the published TinyAgent models were trained on:
a system message (header, numbered tools, join, guidelines, rules with today's date,
custom instructions, in-context examples separated by ``###``) and a user message
``Question: …``. The text lives in ``resources/prompts``; this module only assembles it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources

from tinyagent.core.dates import describe_for_prompt
from tinyagent.core.llm import Prompt
from tinyagent.core.plan import parse_plan
from tinyagent.core.span_grammar import grounded_dates
from tinyagent.tools.registry import ArgType, ToolSpec

EXAMPLE_SEPARATOR = "###\n"


@functools.cache
def prompt_text(name: str) -> str:
    """A prompt file from ``resources/prompts``."""
    return (resources.files("tinyagent.resources") / "prompts" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Example:
    """An in-context example: a question and its plan, with the tools the plan uses."""

    question: str
    plan: str
    tools: frozenset[str]

    @property
    def text(self) -> str:
        """The example as it appears in the prompt."""
        return f"Question: {self.question}\n{self.plan}\n"


def parse_examples(text: str) -> tuple[Example, ...]:
    """Examples from ``Question: …`` blocks separated by ``###`` lines."""
    examples = []
    for block in text.split(EXAMPLE_SEPARATOR):
        if not block.strip():
            continue
        first, _, plan = block.strip("\n").partition("\n")
        question = first.removeprefix("Question:").strip()
        tools = frozenset(t.tool for t in parse_plan(plan) if not t.is_join)
        examples.append(Example(question, plan, tools))
    return tuple(examples)


@functools.cache
def default_examples() -> tuple[Example, ...]:
    """The built-in in-context examples (used when no retrieval index is available)."""
    return parse_examples(prompt_text("examples.txt"))


def usable_examples(examples: Sequence[Example], specs: Sequence[ToolSpec]) -> list[Example]:
    """Examples whose tools are all among the given ones (as TinyAgent filters them)."""
    names = {s.name for s in specs}
    return [e for e in examples if e.tools <= names]


def tool_description(spec: ToolSpec) -> str:
    """A tool as the model reads it: the signature, then one `` - `` line per guideline."""
    # The models were trained on signatures where the optional calendar is plain "str".
    params = ", ".join(
        f"{p.name}: {'str' if p.type is ArgType.OPTIONAL_STR else p.type.value}" for p in spec.params
    )
    lines = [f"{spec.name}({params}) -> str"] + [f" - {g}" for g in spec.guidelines]
    return "\n".join(lines) + "\n"


def _tool_rules(specs: Sequence[ToolSpec]) -> list[str]:
    names = {s.name for s in specs}
    rules: list[dict[str, object]] = json.loads(prompt_text("tool_rules.json"))
    return [f" - {r['rule']}" for r in rules if names & set(r["tools"])]  # type: ignore[call-overload]


def planner_system_prompt(
    specs: Sequence[ToolSpec],
    now: datetime,
    *,
    examples: Sequence[Example] = (),
    custom_instructions: str = "",
    replan: bool = False,
) -> str:
    """The planner's system message for the given tools, in ToolRAG index order."""
    ordered = sorted(specs, key=lambda s: s.index)
    parts = [prompt_text("planner_header.txt").format(count=len(ordered) + 1)]
    parts += [f"{i}. {tool_description(s)}\n" for i, s in enumerate(ordered, start=1)]
    parts.append(f"{len(ordered) + 1}. {prompt_text('join.txt')}\n")
    parts.append(prompt_text("guidelines.txt") + "\n")
    rules = prompt_text("rules.txt").format(today=now.strftime("%A %Y-%m-%d %H:%M")).splitlines()
    rules += _tool_rules(ordered)
    if custom_instructions.strip():
        rules.append(f" - {' '.join(custom_instructions.split())}")
    parts.append("\n".join(rules) + "\n\n\n")
    if replan:
        parts.append(prompt_text("replan_rules.txt"))
    if examples:
        parts.append("Here are some examples:\n\n")
        parts.append("".join(e.text + EXAMPLE_SEPARATOR for e in examples))
    return "".join(parts)


@dataclass(frozen=True)
class PriorTurn:
    """An earlier request of the conversation, as a follow-up is planned against it."""

    query: str
    calls: tuple[str, ...] = ()  # what ran, e.g. "get_email_address(Sid) -> sid@example.com"
    answer: str = ""


def describe_context(context: Sequence[PriorTurn]) -> str:
    """Earlier turns as the TinyAgent prompt shows them (empty without context)."""
    if not context:
        return ""
    lines = ["Earlier in this conversation:"]
    for turn in context:
        lines.append(f"Question: {turn.query}")
        lines += [f"Ran: {call}" for call in turn.calls]
        if turn.answer:
            lines.append(f"Answer: {turn.answer}")
    return "\n".join(lines) + "\n\n"


# A request that only makes sense as a change to the previous one ("also cc Nick",
# "and text it to Ana too", "actually make it 4pm").
_FOLLOW_UP = re.compile(
    r"^\s*(also|and|plus|but|actually|instead|oh|same|then|too|make it|change it|add)\b"
    r"|\b(too|as well|instead)\s*[.!?]*\s*$",
    re.IGNORECASE,
)


def is_follow_up(query: str) -> bool:
    """True when ``query`` reads as a change to the previous request rather than a new one."""
    return bool(_FOLLOW_UP.search(query))


def merge_follow_up(query: str, context: Sequence[PriorTurn]) -> str:
    """For planners that read one request: a follow-up joined to the previous request.

    "email Sid the notes" + "also cc Nick" -> "email Sid the notes, also cc Nick"; a query
    that is not a follow-up is returned unchanged.
    """
    if not context or not is_follow_up(query):
        return query
    previous = context[-1].query.rstrip().rstrip(".!?")
    return f"{previous}, {query.strip()}"


def planner_user_prompt(query: str, previous_plans: Sequence[str] = ()) -> str:
    """``Question: …``; on a replan, followed by the previous plans and their results."""
    if not previous_plans:
        return f"Question: {query}"
    history = "".join(f"Previous Plan:\n\n{p}\n\n" for p in previous_plans)
    return f"Question: {query}\n{history}Current Plan:\n\n"


def tinyagent_prompt(
    query: str,
    specs: Sequence[ToolSpec],
    now: datetime,
    *,
    examples: Sequence[Example] = (),
    custom_instructions: str = "",
    previous_plans: Sequence[str] = (),
    context: Sequence[PriorTurn] = (),
    chat: bool = True,
) -> Prompt:
    """The full TinyAgent planner prompt: chat messages, or one raw text when not ``chat``.

    Earlier turns of the conversation (``context``) come before the question, so that a
    follow-up such as "also cc Nick" can be planned against what was done.
    """
    system = planner_system_prompt(
        specs,
        now,
        examples=usable_examples(examples, specs),
        custom_instructions=custom_instructions,
        replan=bool(previous_plans),
    )
    user = describe_context(context) + planner_user_prompt(query, previous_plans)
    return Prompt(system=system, user=user, chat=chat)


def question_prompt(
    query: str,
    specs: Sequence[ToolSpec],
    now: datetime,
    *,
    examples: Sequence[Example] = (),
    custom_instructions: str = "",
    previous_plans: Sequence[str] = (),
    context: Sequence[PriorTurn] = (),
    chat: bool = False,
) -> Prompt:
    """The bare ``Question: …\nPlan:\n`` completion prompt of models trained on it alone.

    Such a model sees no tool list (the plan grammar restricts it to ``specs``) and no
    chat template, whatever ``chat`` says.
    """
    del specs, now, examples, custom_instructions, previous_plans, context, chat  # the builder interface
    return Prompt(system="", user=f"Question: {query}\nPlan:\n", chat=False)


def builtin_prompt(
    query: str,
    specs: Sequence[ToolSpec],
    now: datetime,
    *,
    examples: Sequence[Example] = (),
    custom_instructions: str = "",
    previous_plans: Sequence[str] = (),
    context: Sequence[PriorTurn] = (),
    chat: bool = False,
) -> Prompt:
    """The built-in planner's prompt, which is also its training format::

        Question: Call Sid tomorrow at 3
        Dates: "tomorrow at 3" = 2024-06-04 15:00:00
        Plan:

    The ``Dates:`` line (absent when the request names no date) pairs each date phrase
    with its grounded value, so the model can tell which of the values the request
    grammar offers belongs where; "now" itself is left out, as the model never does date
    arithmetic. The tool list is left out too: the request grammar admits only ``specs``,
    and every token of the prompt costs prompt-processing time and training data.
    Examples, custom instructions, earlier plans and earlier turns are not part of this
    format (the planner merges a follow-up into its request instead: ``merge_follow_up``).
    """
    del specs, examples, custom_instructions, previous_plans, context, chat  # the builder interface
    dates = describe_for_prompt(grounded_dates(query, now))
    return Prompt(system="", user=f"Question: {query}\n" + (f"{dates}\n" if dates else "") + "Plan:\n")


PROMPT_FORMATS = {"tinyagent": tinyagent_prompt, "question": question_prompt, "builtin": builtin_prompt}
"""Prompt layouts by name: ``tinyagent`` for the published models, ``question`` for tiny ones,
``builtin`` for the built-in planner (use it with ``PlannerOptions(grammar_mode="request")``)."""
