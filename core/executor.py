"""The asyncio DAG executor.

Tasks arrive while the planner is still streaming; each starts the moment its
dependencies are done (futures, no polling). Before any tool that reaches another
person, the executor asks an injected async callback, and only an approval lets
``ToolBackend.deliver`` run: the model can never skip this step.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tinyagent.core.events import (
    ChoiceRequested,
    ConfirmationRequested,
    Event,
    TaskFinished,
    TaskPlanned,
    TaskStarted,
    TaskStatus,
)
from tinyagent.core.plan import Task, substitute
from tinyagent.tools.base import Outgoing, ToolBackend
from tinyagent.tools.errors import AmbiguousMatch, Choice, TinyAgentError
from tinyagent.tools.registry import SideEffect, ToolSpec

ConfirmCallback = Callable[[Outgoing], Awaitable[Outgoing | None]]
"""Shows what will be sent; returns it (possibly edited) to send, or None to cancel."""

ChooseCallback = Callable[[str, tuple[Choice, ...]], Awaitable[Choice | None]]
"""Asks the user to pick one of several matches; None cancels the task."""

_DONE = object()
# Tools mostly wait (on osascript, SMTP, HTTP, disk), so independent tasks get a thread
# each; asyncio's default pool has only cpu_count + 4 threads.
_TOOL_THREADS = concurrent.futures.ThreadPoolExecutor(max_workers=32, thread_name_prefix="tinyagent-tool")


@dataclass(frozen=True)
class TaskResult:
    """How a task ended; the joiner reads these."""

    task: Task
    status: TaskStatus
    args: tuple[Any, ...]  # after $N substitution (the planned ones if it never started)
    output: str | None = None
    error: str | None = None
    elapsed_s: float = 0.0


class _Outcome(Exception):
    """Ends a task early with a status other than done."""

    def __init__(self, status: TaskStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def decline_all(outgoing: Outgoing) -> Outgoing | None:  # noqa: ARG001
    """A confirmation callback that approves nothing (the safe default)."""
    return None


class Executor:
    """Runs one plan's tasks against a tool backend, emitting events as they happen."""

    def __init__(
        self,
        backend: ToolBackend,
        specs: Mapping[str, ToolSpec],
        *,
        confirm: ConfirmCallback = decline_all,
        choose: ChooseCallback | None = None,
        task_timeout_s: float = 60.0,
    ) -> None:
        self._backend = backend
        self._specs = specs
        self._confirm = confirm
        self._choose = choose
        self._timeout = task_timeout_s
        self._futures: dict[int, asyncio.Future[TaskResult]] = {}
        self._running: dict[int, asyncio.Task[None]] = {}
        self._events: asyncio.Queue[Event | object] = asyncio.Queue()
        self._cancelled = False
        self._bugs: list[Exception] = []
        self._feeder: asyncio.Task[None] | None = None

    @property
    def results(self) -> dict[int, TaskResult]:
        """The results of the tasks that have ended so far, by action number."""
        return {i: f.result() for i, f in self._futures.items() if f.done() and not f.cancelled()}

    def cancel(self) -> None:
        """Stop reading the plan and cancel every running task; each is reported as cancelled."""
        self._cancelled = True
        if self._feeder is not None:
            self._feeder.cancel()
        for job in self._running.values():
            job.cancel()

    async def execute(self, tasks: AsyncIterable[Task]) -> AsyncIterator[Event]:
        """Run tasks as they arrive; yield events until every started task has ended.

        If ``tasks`` raises (an invalid plan line), the tasks already started still run
        to their end, their events are yielded, and then the error is re-raised.
        """
        driver = asyncio.create_task(self._drive(tasks))
        try:
            while (item := await self._events.get()) is not _DONE:
                assert isinstance(item, Event)
                yield item
            await driver
            if self._bugs:
                raise self._bugs[0]
        finally:
            if not driver.done():  # the consumer stopped listening: stop everything
                self.cancel()
                await asyncio.gather(driver, return_exceptions=True)

    async def _drive(self, tasks: AsyncIterable[Task]) -> None:
        feeder = self._feeder = asyncio.create_task(self._read(tasks))
        try:
            await asyncio.wait([feeder])
            await asyncio.gather(*self._running.values(), return_exceptions=True)
        finally:
            self._events.put_nowait(_DONE)
        if not feeder.cancelled() and (error := feeder.exception()) is not None:
            raise error

    async def _read(self, tasks: AsyncIterable[Task]) -> None:
        try:
            async for task in tasks:
                if task.is_join:
                    break
                self._start(task)
        finally:
            close = getattr(tasks, "aclose", None)
            if close is not None:  # lets the planner stop its model right away
                await close()

    def _start(self, task: Task) -> None:
        spec = self._specs[task.tool]
        self._emit(TaskPlanned(task=task, label=spec.describe_call(task.args)))
        self._futures[task.idx] = asyncio.get_running_loop().create_future()
        self._running[task.idx] = asyncio.create_task(self._run(task, spec), name=f"task-{task.idx}")
        if self._cancelled:
            self._running[task.idx].cancel()

    def _emit(self, event: Event) -> None:
        self._events.put_nowait(event)

    async def _run(self, task: Task, spec: ToolSpec) -> None:
        args: tuple[Any, ...] = task.args
        started = time.monotonic()
        try:
            await self._wait_for_dependencies(task)
            args = self._resolve(task)
            self._emit(TaskStarted(idx=task.idx, tool=task.tool, args=args, label=spec.describe_call(args)))
            started = time.monotonic()
            output = await self._call(task, spec, args)
            result = TaskResult(task, TaskStatus.DONE, args, output, None, time.monotonic() - started)
        except _Outcome as outcome:
            result = TaskResult(task, outcome.status, args, None, outcome.reason, time.monotonic() - started)
        except asyncio.CancelledError:
            reason = "cancelled before it started" if args is task.args else "cancelled while running"
            result = TaskResult(task, TaskStatus.CANCELLED, args, None, reason, time.monotonic() - started)
        except Exception as bug:
            # A programmer error: finish the card (so dependents are not left waiting),
            # then re-raise from execute() once the other tasks have settled.
            self._bugs.append(bug)
            result = TaskResult(task, TaskStatus.FAILED, args, None, f"internal error: {bug!r}")
        self._finish(result)

    def _finish(self, result: TaskResult) -> None:
        self._futures[result.task.idx].set_result(result)
        self._emit(
            TaskFinished(
                idx=result.task.idx,
                tool=result.task.tool,
                status=result.status,
                result=result.output,
                error=result.error,
                elapsed_s=result.elapsed_s,
            )
        )

    async def _wait_for_dependencies(self, task: Task) -> None:
        for dep in task.deps:
            done = await asyncio.shield(self._futures[dep])
            if done.status is not TaskStatus.DONE:
                raise _Outcome(
                    TaskStatus.SKIPPED,
                    f"skipped: it needs action {dep} ({done.task.tool}), which {done.status.value}"
                    + (f" ({done.error})" if done.error else ""),
                )

    def _resolve(self, task: Task) -> tuple[Any, ...]:
        outputs = {i: r.output or "" for i, r in self.results.items() if i in task.deps}
        return tuple(substitute(arg, outputs, task.idx) for arg in task.args)

    async def _call(self, task: Task, spec: ToolSpec, args: tuple[Any, ...]) -> str:
        result = await self._in_thread(getattr(self._backend, spec.name), *args)
        if isinstance(result, AmbiguousMatch):
            return await self._ask_choice(task, result)
        if spec.side_effect is not SideEffect.REACHES_PERSON:
            if not isinstance(result, str):
                raise TypeError(f"{spec.name} returned {type(result).__name__}, not str")
            return result
        if not isinstance(result, Outgoing):
            raise TypeError(f"{spec.name} reaches another person and must return an Outgoing")
        approved = await self._ask_confirmation(task, result) if result.reaches_someone else result
        delivered = await self._in_thread(self._backend.deliver, approved)
        if isinstance(delivered, AmbiguousMatch):
            raise _Outcome(TaskStatus.FAILED, str(delivered))
        assert isinstance(delivered, str)
        return delivered

    async def _in_thread(self, function: Callable[..., object], *args: Any) -> object:
        """Run blocking tool code off the event loop; a tool error becomes a failed task."""
        call = asyncio.get_running_loop().run_in_executor(_TOOL_THREADS, functools.partial(function, *args))
        try:
            return await asyncio.wait_for(call, self._timeout)
        except AmbiguousMatch as ambiguous:
            return ambiguous
        except TimeoutError:
            raise _Outcome(TaskStatus.FAILED, f"timed out after {self._timeout:g} s") from None
        except (TinyAgentError, OSError) as error:
            raise _Outcome(TaskStatus.FAILED, str(error) or type(error).__name__) from None

    async def _ask_confirmation(self, task: Task, outgoing: Outgoing) -> Outgoing:
        self._emit(ConfirmationRequested(idx=task.idx, outgoing=outgoing))
        approved = await self._confirm(outgoing)
        if approved is None:
            raise _Outcome(TaskStatus.CANCELLED, f"cancelled by user: the {outgoing.kind} was not sent")
        return approved

    async def _ask_choice(self, task: Task, ambiguous: AmbiguousMatch) -> str:
        if self._choose is None:
            raise _Outcome(TaskStatus.FAILED, str(ambiguous))
        labels = tuple(f"{c.label} <{c.value}>" for c in ambiguous.choices)
        self._emit(ChoiceRequested(idx=task.idx, question=ambiguous.question, options=labels))
        picked = await self._choose(ambiguous.question, ambiguous.choices)
        if picked is None:
            raise _Outcome(TaskStatus.CANCELLED, "cancelled by user: no match was chosen")
        return picked.value
