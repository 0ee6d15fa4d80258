"""The engine: one object, a query in, an async stream of events out.

Plans stream from the planner straight into the executor (tasks start while the model is
still writing); the joiner then answers or asks for a new plan, at most ``max_replans``
times, feeding back what failed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from tinyagent.core.errors import PlanError, TinyAgentError
from tinyagent.core.events import AnswerReady, Event, PlanningStarted, Replanning, RunFailed
from tinyagent.core.executor import ChooseCallback, ConfirmCallback, Executor, TaskResult, decline_all
from tinyagent.core.joiner import Joiner, history_for_replan
from tinyagent.core.planner import Planner, PlanRequest, ToolSelector
from tinyagent.core.prompt import PriorTurn
from tinyagent.tools.base import ToolBackend
from tinyagent.tools.registry import ToolSpec


@dataclass(frozen=True)
class AgentOptions:
    """Engine-wide limits."""

    max_replans: int = 2
    task_timeout_s: float = 60.0
    max_query_chars: int = 4000


def query_problem(
    query: str, tools: Sequence[ToolSpec], max_chars: int = AgentOptions.max_query_chars
) -> str | None:
    """Why ``query`` cannot be planned with ``tools``, or None when it can."""
    if not query.strip():
        return "The request is empty. Type or say what you would like me to do."
    if len(query) > max_chars:
        return (
            f"The request is {len(query):,} characters long; the limit is {max_chars:,}. Shorten it, "
            "or save the long text in a note or a file and ask me to use that."
        )
    if not tools:
        return "Every app is switched off in Settings; enable at least one to plan with."
    return None


class Agent:
    """Plans, confirms and executes requests against one tool backend."""

    def __init__(
        self,
        planner: Planner,
        backend: ToolBackend,
        tools: Sequence[ToolSpec],
        joiner: Joiner,
        *,
        confirm: ConfirmCallback = decline_all,
        choose: ChooseCallback | None = None,
        select_tools: ToolSelector | None = None,
        options: AgentOptions = AgentOptions(),
    ) -> None:
        self.planner = planner
        self.backend = backend
        self.tools = tuple(tools)
        self.joiner = joiner
        self.confirm = confirm
        self.choose = choose
        self.options = options
        self._select = select_tools
        self._executor: Executor | None = None
        self._cancelled = False

    def cancel(self) -> None:
        """Stop the running request: generation stops, running tasks are cancelled."""
        self._cancelled = True
        if self._executor is not None:
            self._executor.cancel()

    def check_query(self, query: str) -> str | None:
        """Why ``query`` cannot be planned, or None when it can."""
        return query_problem(query, self.tools, self.options.max_query_chars)

    async def run(
        self, query: str, *, now: datetime | None = None, context: Sequence[PriorTurn] = ()
    ) -> AsyncIterator[Event]:
        """Carry out ``query``; the last event is ``AnswerReady`` or ``RunFailed``.

        ``context`` holds the conversation's earlier turns, so that a follow-up ("also cc
        Nick") is planned against them.
        """
        self._cancelled = False
        problem = self.check_query(query)
        if problem is not None:
            yield RunFailed(message=problem)
            return
        now = now or datetime.now().replace(microsecond=0)
        specs = {s.name: s for s in self.tools}
        base = self.planner.resolve_context(PlanRequest(query, (), now, context=tuple(context)))
        offered = self.tools
        if self._select is not None:  # ToolRAG's encoder is CPU work: keep it off the event loop
            offered = tuple(await asyncio.to_thread(self._select, base.query, self.tools))
        previous: list[str] = []
        for attempt in range(1, self.options.max_replans + 2):
            # A replan offers every enabled tool: the first selection may have missed one.
            tools = offered if attempt == 1 else self.tools
            yield PlanningStarted(query=query, attempt=attempt, tools=tuple(t.name for t in tools))
            executor = Executor(
                self.backend,
                specs,
                confirm=self.confirm,
                choose=self.choose,
                task_timeout_s=self.options.task_timeout_s,
            )
            self._executor = executor
            plan_error: str | None = None
            request = replace(base, tools=tuple(tools), previous_plans=tuple(previous))
            try:
                async for event in executor.execute(self.planner.stream(request)):
                    yield event
            except PlanError as error:
                plan_error = str(error)
            except TinyAgentError as error:  # the model could not be used at all
                yield RunFailed(message=str(error))
                return
            results = sorted(executor.results.values(), key=lambda r: r.task.idx)
            if self._cancelled:
                yield AnswerReady(text=_stopped(results))
                return
            final = attempt > self.options.max_replans
            decision = await self.joiner.join(query, results, plan_error, final=final)
            if decision.replan_reason is not None and not final:
                yield Replanning(attempt=attempt, reason=decision.replan_reason)
                previous.append(history_for_replan(results, specs, decision.replan_reason))
                continue
            if plan_error is not None and final:
                yield RunFailed(message=f"I could not make a valid plan after {attempt} tries: {plan_error}")
                return
            yield AnswerReady(text=decision.answer or "Done.", echoes_results=decision.echoes_results)
            return


def _stopped(results: Sequence[TaskResult]) -> str:
    done = sum(1 for r in results if r.status.value == "done")
    return f"Stopped. {done} of {len(results)} tasks had finished; the rest were cancelled."
