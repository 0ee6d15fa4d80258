"""The one object through which the window talks to the engine.

Past-tense signals go out (``task_started``, ``confirmation_requested``, ``answer_ready``,
``failed``…), async slots come in (``submit_text``, ``apply_settings``) next to plain ones
(``cancel``, ``answer_confirmation``). Widgets never await model work and the engine never
sees a widget: loading a model, planning and every tool run off the UI thread (in
``asyncio.to_thread`` or the engine's own worker threads), on the one qasync event loop.

The bridge also records each request and its events in the conversation history, and
hands the conversation's earlier turns to the engine so follow-ups ("also cc Nick") are
planned against them.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from tinyagent.core.engine import (
    BuiltAgent,
    ModelChoice,
    Retrieval,
    build_agent,
    enabled_tools,
    load_retrieval,
    open_llm,
    prompt_format_for,
)
from tinyagent.core.errors import HistoryError, TinyAgentError
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
    event_from_json,
)
from tinyagent.core.history import Conversation, History, StoredTurn, TurnStatus
from tinyagent.core.llm import LLM
from tinyagent.core.prompt import PriorTurn
from tinyagent.core.settings import PlannerSettings, Settings, UserPaths
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import Choice

LLMFactory = Callable[[Settings], LLM]
CONTEXT_TURNS = 2  # earlier turns of the conversation handed to the planner


# The bridge signal that carries each engine event (answers and failures carry their text).
_SIGNAL_OF: dict[type[Event], str] = {
    PlanningStarted: "planning_started",
    TaskPlanned: "task_planned",
    TaskStarted: "task_started",
    ConfirmationRequested: "task_waiting",
    ChoiceRequested: "task_waiting",
    TaskFinished: "task_finished",
    Replanning: "replanning",
}


def default_llm_factory(settings: Settings) -> LLM:
    """The planner model the settings name (blocking: called in a worker thread)."""
    return open_llm(settings, ModelChoice())


@dataclass(frozen=True)
class _LoadedModels:
    """What the last engine build loaded, reused while the settings that made it stay the same."""

    planner: PlannerSettings
    prompt_format: str
    llm: LLM
    toolrag: bool
    retrieval: Retrieval


class EngineBridge(QObject):
    """The engine, as the window sees it."""

    engine_loading = Signal(str)  # what is being loaded, in words
    engine_ready = Signal(object)  # tuple[str, ...]: warnings about the configuration
    engine_failed = Signal(str)  # why no request can run, and what to do
    busy_changed = Signal(bool)  # a request started (True) or ended (False)
    conversation_opened = Signal(object, object)  # Conversation, list[StoredTurn]
    conversations_changed = Signal()  # the list of conversations changed (titles, order)
    turn_started = Signal(str)  # the user's query, as it will be planned
    planning_started = Signal(object)  # PlanningStarted
    task_planned = Signal(object)  # TaskPlanned
    task_started = Signal(object)  # TaskStarted
    task_waiting = Signal(object)  # ConfirmationRequested or ChoiceRequested: the user is asked
    task_finished = Signal(object)  # TaskFinished
    replanning = Signal(object)  # Replanning
    confirmation_requested = Signal(int, object)  # request id, Outgoing: answer_confirmation(id, …)
    choice_requested = Signal(int, str, object)  # request id, question, tuple[Choice, ...]
    request_withdrawn = Signal(int)  # a pending question no longer needs an answer (cancelled)
    answered = Signal(object)  # AnswerReady, for the chat (which may tally the cards instead)
    answer_ready = Signal(str)  # the answer's text, for the command bar
    failed = Signal(str)
    notice = Signal(str)  # something the user should know (a damaged file was replaced…)

    def __init__(
        self,
        settings: Settings,
        paths: UserPaths,
        history: History,
        *,
        llm_factory: LLMFactory = default_llm_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.history = history
        self._llm_factory = llm_factory
        self._built: BuiltAgent | None = None
        self._models: _LoadedModels | None = None
        self._load_error: str | None = None
        self._loading = asyncio.Lock()
        self._ready = asyncio.Event()
        self._run: asyncio.Task[None] | None = None
        self._stopping = False
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._history_warned: set[int | None] = set()
        self.conversation: Conversation | None = None
        self.now: Callable[[], datetime] | None = None  # tests pin "now"

    # ---- engine ---------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a request runs."""
        return self._run is not None and not self._run.done()

    @property
    def ready(self) -> bool:
        """True once an engine is loaded and requests can run."""
        return self._built is not None

    async def start(self) -> None:
        """Load the engine for the current settings (off the UI thread)."""
        await self.apply_settings(self.settings)

    async def apply_settings(self, settings: Settings) -> None:
        """Use ``settings`` from the next request on; models are reloaded only if they changed."""
        async with self._loading:
            self.settings = settings
            self._ready.clear()
            self.engine_loading.emit(_loading_text(settings, self._models))
            try:
                built, models = await asyncio.to_thread(self._build, settings, self._models)
            except TinyAgentError as error:
                self._built, self._load_error = None, str(error)
                self.engine_failed.emit(self._load_error)
            else:
                self._built, self._models, self._load_error = built, models, None
                self.engine_ready.emit(built.warnings)
            finally:
                self._ready.set()

    def _build(self, settings: Settings, previous: _LoadedModels | None) -> tuple[BuiltAgent, _LoadedModels]:
        """Runs in a worker thread: load what changed, wire the agent."""
        prompt_format = prompt_format_for(settings)
        if previous and (previous.planner, previous.prompt_format) == (settings.planner, prompt_format):
            llm = previous.llm
        else:  # loaded now, not on the first request: a broken model file is reported at once
            llm = self._llm_factory(settings)
            if callable(load := getattr(llm, "load", None)):
                load()
        if previous and (previous.toolrag, previous.prompt_format) == (settings.toolrag, prompt_format):
            retrieval = previous.retrieval
        else:
            retrieval = load_retrieval(settings, prompt_format)
            if retrieval.select_tools is not None:  # loads the encoder (seconds) before any request
                retrieval.select_tools("warm up", enabled_tools(settings))
        built = build_agent(
            settings,
            self.paths,
            llm,
            confirm=self._confirm,
            choose=self._choose,
            prompt_format=prompt_format,
            retrieval=retrieval,
        )
        return built, _LoadedModels(settings.planner, prompt_format, llm, settings.toolrag, retrieval)

    # ---- requests -------------------------------------------------------------------

    async def submit_text(self, query: str) -> None:
        """Plan and carry out ``query`` in the current conversation; returns when it has ended."""
        if self.busy:
            self.failed.emit("A request is still running. Wait for it, or press Stop (Esc) first.")
            return
        self._run = asyncio.current_task()
        self._stopping = False
        self.busy_changed.emit(True)
        try:
            await self._carry_out(query)
        finally:
            self._run = None
            self._withdraw_all()
            self.busy_changed.emit(False)

    async def _carry_out(self, query: str) -> None:
        conversation = self._current_conversation()
        context = self._context(conversation)
        turn = self._history(None, self.history.start_turn, conversation.id, query)
        self.turn_started.emit(query)
        await self._ready.wait()
        if self._built is None:
            message = self._load_error or "The engine is not loaded."
            self.failed.emit(message)
            self._finish_turn(turn, None, "failed")
            return
        agent = self._built.agent
        status: TurnStatus = "stopped"
        answer: str | None = None
        try:
            async for event in agent.run(query, now=self.now() if self.now else None, context=context):
                self._history(turn, self.history.add_event, turn, event.to_json())
                self._emit(event)
                if isinstance(event, AnswerReady):
                    status, answer = "answered", event.text
                elif isinstance(event, RunFailed):
                    status, answer = "failed", event.message
        except asyncio.CancelledError:  # the app is closing: stop the engine, keep the turn
            agent.cancel()
            answer = "Stopped."
            raise
        finally:
            if self._stopping:  # Stop was pressed: the turn is not an answer to build on
                status = "stopped"
            self._finish_turn(turn, answer, status)

    def cancel(self) -> None:
        """Stop the running request: generation stops, running tasks are cancelled."""
        if not self.busy or self._built is None:
            return
        self._stopping = True
        self._built.agent.cancel()
        self._withdraw_all()

    def _emit(self, event: Event) -> None:
        if isinstance(event, AnswerReady):
            self.answered.emit(event)
            self.answer_ready.emit(event.text)
        elif isinstance(event, RunFailed):
            self.failed.emit(event.message)
        else:
            getattr(self, _SIGNAL_OF[type(event)]).emit(event)

    # ---- questions to the user ------------------------------------------------------

    async def _confirm(self, outgoing: Outgoing) -> Outgoing | None:
        answer = await self._ask(lambda rid: self.confirmation_requested.emit(rid, outgoing))
        return answer if isinstance(answer, Outgoing) else None

    async def _choose(self, question: str, choices: tuple[Choice, ...]) -> Choice | None:
        answer = await self._ask(lambda rid: self.choice_requested.emit(rid, question, choices))
        return answer if isinstance(answer, Choice) else None

    async def _ask(self, emit: Callable[[int], None]) -> object:
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        try:
            emit(request_id)
            return await future
        finally:
            self._pending.pop(request_id, None)
            if future.cancelled():  # the task was cancelled (Stop): close the question
                self.request_withdrawn.emit(request_id)

    def answer_confirmation(self, request_id: int, outgoing: Outgoing | None) -> None:
        """The user's answer: what to send (possibly edited), or None to send nothing."""
        self._answer(request_id, outgoing)

    def answer_choice(self, request_id: int, choice: Choice | None) -> None:
        """The user's pick among the matches, or None to cancel that task."""
        self._answer(request_id, choice)

    def _answer(self, request_id: int, value: object) -> None:
        future = self._pending.get(request_id)
        if future is not None and not future.done():
            future.set_result(value)

    def _withdraw_all(self) -> None:
        for request_id, future in list(self._pending.items()):
            if not future.done():
                future.set_result(None)  # a withdrawn question is a refusal: nothing is sent
                self.request_withdrawn.emit(request_id)

    # ---- conversations --------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        """Every stored conversation, most recent first (empty if history is unavailable)."""
        return self._history(None, self.history.conversations) or []

    def new_conversation(self) -> None:
        """Start an empty conversation (created in history with its first request)."""
        if self.busy:  # its remaining events would land in the new conversation
            self.notice.emit("Stop the running request (Esc) before starting a new conversation.")
            return
        self.conversation = None
        self.conversation_opened.emit(None, [])

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation; new requests continue it."""
        conversation = self._history(None, self.history.conversation, conversation_id)
        if conversation is None:
            self.notice.emit("That conversation is no longer in the history.")
            return
        self.conversation = conversation
        self.conversation_opened.emit(conversation, self._history(None, self.history.turns, conversation.id))

    def delete_conversation(self, conversation_id: int) -> None:
        """Remove a conversation from history; an open one is replaced by a new, empty one."""
        if self.busy and self.conversation is not None and self.conversation.id == conversation_id:
            self.notice.emit("Stop the running request (Esc) before deleting its conversation.")
            return
        self._history(None, self.history.delete_conversation, conversation_id)
        if self.conversation is not None and self.conversation.id == conversation_id:
            self.new_conversation()
        self.conversations_changed.emit()

    def _current_conversation(self) -> Conversation:
        if self.conversation is None:
            created = self._history(None, self.history.new_conversation)
            self.conversation = created or Conversation(0, "", 0.0, 0.0)
        return self.conversation

    def _context(self, conversation: Conversation) -> tuple[PriorTurn, ...]:
        if not conversation.id:
            return ()
        turns = self._history(None, self.history.turns, conversation.id) or []
        done = [t for t in turns if t.status == "answered"]
        return tuple(prior_turn(t) for t in done[-CONTEXT_TURNS:])

    def _finish_turn(self, turn: int | None, answer: str | None, status: TurnStatus) -> None:
        if turn is not None:
            self._history(
                turn, functools.partial(self.history.finish_turn, answer=answer, status=status), turn
            )
        self.conversations_changed.emit()

    def _history(self, turn: int | None, call: Callable[..., Any], *args: Any) -> Any:
        """``call(*args)`` on the history; a disk problem is told once per turn and never stops a request."""
        try:
            return call(*args)
        except HistoryError as error:
            if turn is None or turn not in self._history_warned:
                self._history_warned.add(turn)
                self.notice.emit(f"History could not be saved: {error}")
            return None


def prior_turn(turn: StoredTurn) -> PriorTurn:
    """A stored turn as the planner's context: the query, what ran (with results), the answer."""
    started: dict[int, str] = {}
    calls: list[str] = []
    for event in turn.events:
        if event.get("event") == "task_started":
            args = ", ".join(_short(a) for a in event.get("args", ()))
            started[int(event["idx"])] = f"{event.get('tool')}({args})"
        elif event.get("event") == "task_finished" and int(event["idx"]) in started:
            outcome = event.get("result") if event.get("status") == "done" else event.get("status")
            calls.append(f"{started.pop(int(event['idx']))} -> {_short(outcome)}")
    return PriorTurn(turn.query, tuple(calls), turn.answer or "")


def _short(value: object, limit: int = 120) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loading_text(settings: Settings, models: _LoadedModels | None) -> str:
    if models is not None and models.planner == settings.planner:
        return "Applying settings…"
    names = {"builtin": "the built-in planner", "gguf": "the GGUF planner", "http": "the planner server"}
    return f"Loading {names.get(settings.planner.kind, 'the planner')} and ToolRAG…"


def replay(turns: Sequence[StoredTurn]) -> list[tuple[StoredTurn, list[Event]]]:
    """Stored turns with their events read back (damaged events are left out)."""
    out = []
    for turn in turns:
        events = []
        for data in turn.events:
            try:
                events.append(event_from_json(data))
            except TinyAgentError:
                continue
        out.append((turn, events))
    return out
