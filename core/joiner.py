"""The joiner: turns task results into the final answer, or asks for a new plan.

``RuleJoiner`` needs no model (the built-in planner writes plans, not prose); ``LLMJoiner``
uses the TinyAgent joiner format (``Thought: …`` / ``Action: Finish(…)`` or
``Action: Replan``) and falls back to the rules when the model's answer is unusable.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from tinyagent.core.events import TaskStatus
from tinyagent.core.executor import TaskResult
from tinyagent.core.llm import LLM, GenerationOptions, Prompt
from tinyagent.core.prompt import prompt_text
from tinyagent.tools.registry import ToolSpec

END_OF_RESPONSE = "<END_OF_RESPONSE>"
# Tools whose output is what the user asked for, even when a later task used it.
_ANSWER_TOOLS = frozenset({"summarize_pdf", "open_note"})


@dataclass(frozen=True)
class JoinDecision:
    """Either a final answer or a request to replan (with the reason fed back)."""

    thought: str
    answer: str | None = None
    replan_reason: str | None = None
    echoes_results: bool = False  # the answer only lists what the tasks produced


class Joiner(Protocol):
    """Decides what to tell the user once a plan has run."""

    async def join(
        self, query: str, results: Sequence[TaskResult], plan_error: str | None, *, final: bool
    ) -> JoinDecision:
        """Answer, or ask for a new plan (never when ``final``)."""
        ...


def observation(result: TaskResult) -> str:
    """What a task produced, as the joiner and a replan read it."""
    if result.status is TaskStatus.DONE:
        return result.output or "(no output)"
    return f"Error: {result.error or result.status.value}"


def stringify(result: TaskResult, specs: Mapping[str, ToolSpec]) -> str:
    """An executed call with its substituted arguments, as TinyAgent showed them."""
    spec = specs.get(result.task.tool)
    if spec is None or len(spec.params) == 1:
        return f"{result.task.tool}({', '.join(str(a) for a in result.args)})"
    pairs = ", ".join(f"{p.name}={a}" for p, a in zip(spec.params, result.args))
    return f"{result.task.tool}({pairs})"


def history_for_replan(results: Sequence[TaskResult], specs: Mapping[str, ToolSpec], thought: str) -> str:
    """The previous plan with its observations, for the planner's "Previous Plan" section."""
    lines = []
    for r in results:
        if r.task.thought:
            lines.append(f"Thought: {r.task.thought}")
        lines.append(f"{r.task.idx}. {stringify(r, specs)}")
        lines.append(f"Observation: {observation(r)}")
    return "\n".join([*lines, "", f"Thought: {thought}"])


class RuleJoiner:
    """A deterministic joiner: reports what was done and what failed, in plain words."""

    def __init__(self, specs: Mapping[str, ToolSpec]) -> None:
        self._specs = specs

    async def join(
        self, query: str, results: Sequence[TaskResult], plan_error: str | None, *, final: bool
    ) -> JoinDecision:
        """Replan only when the plan itself was invalid; otherwise summarise the results."""
        del query  # the rules do not need it
        if plan_error is not None and not final:
            reason = f"The plan was invalid: {plan_error}. You MUST correct this error and try again!"
            return JoinDecision("The plan could not be read; planning again.", replan_reason=reason)
        if plan_error is not None:
            return JoinDecision("Planning failed.", answer=f"I could not make a valid plan: {plan_error}")
        if not results:
            return JoinDecision(
                "No tool applies.",
                answer="I can't do that with the apps I can use. I can handle email, messages, "
                "contacts, calendar, reminders, notes, maps, files and Zoom.",
            )
        return JoinDecision("The plan has run.", answer=self._summary(results), echoes_results=True)

    def _summary(self, results: Sequence[TaskResult]) -> str:
        used = {d for r in results for d in r.task.deps}
        lines = []
        for r in results:
            spec = self._specs.get(r.task.tool)
            label = spec.describe_call(r.args) if spec else r.task.tool
            if r.status is TaskStatus.DONE:
                if r.task.idx in used and r.task.tool not in _ANSWER_TOOLS:
                    continue  # an intermediate lookup; its value shows up where it was used
                lines.append(f"✓ {label}: {r.output}")
            else:
                lines.append(f"✗ {label}: {r.error or r.status.value}")
        return "\n".join(lines)


_ACTION = re.compile(r"Action:\s*(Finish|Replan)\s*(?:\((.*)\))?", re.DOTALL)
_THOUGHT = re.compile(r"Thought:\s*(.*)")


def parse_join_output(text: str) -> JoinDecision | None:
    """Read ``Thought: …`` and ``Action: Finish(answer)`` / ``Action: Replan``; None if absent."""
    text = text.split(END_OF_RESPONSE, 1)[0]
    thought_match = _THOUGHT.search(text)
    thought = thought_match.group(1).strip() if thought_match else ""
    action = _ACTION.search(text)
    if action is None:
        return None
    if action.group(1) == "Replan":
        return JoinDecision(thought, replan_reason=thought or "The joiner asked for a new plan.")
    answer = (action.group(2) or "").strip()
    return JoinDecision(thought, answer=answer) if answer else None


class LLMJoiner:
    """The TinyAgent joiner, run by a model that writes prose."""

    def __init__(self, llm: LLM, specs: Mapping[str, ToolSpec], *, max_tokens: int = 384) -> None:
        self._llm = llm
        self._specs = specs
        self._fallback = RuleJoiner(specs)
        self._options = GenerationOptions(max_tokens=max_tokens, stop=(END_OF_RESPONSE,))

    async def join(
        self, query: str, results: Sequence[TaskResult], plan_error: str | None, *, final: bool
    ) -> JoinDecision:
        """Ask the model; fall back to the rules if its answer cannot be read."""
        if plan_error is not None:  # the model cannot judge a plan that never ran
            return await self._fallback.join(query, results, plan_error, final=final)
        rules = prompt_text("joiner_final.txt" if final else "joiner.txt")
        pad = "\n".join(f"{stringify(r, self._specs)}\nObservation: {observation(r)}" for r in results)
        prompt = Prompt(system="", user=f"{rules}\nQuestion: {query}\n\n{pad}\n", chat=True)
        text = await asyncio.to_thread(self._llm.complete, prompt, self._options)
        decision = parse_join_output(text)
        if decision is None or (final and decision.answer is None):
            return await self._fallback.join(query, results, plan_error, final=final)
        return decision
