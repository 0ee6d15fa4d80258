"""The planner: prompt in, a validated stream of tasks out, while the model is still writing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from tinyagent.core.errors import PlanError
from tinyagent.core.grammar import plan_grammar
from tinyagent.core.intents import (
    actions,
    join_plans,
    split_intents,
    split_topics,
    starts_a_request,
    tools_of,
)
from tinyagent.core.llm import LLM, GenerationOptions, Prompt
from tinyagent.core.messages import fill_messages, missing_output
from tinyagent.core.people import complete_lists
from tinyagent.core.plan import (
    END_OF_PLAN,
    DuplicateFilter,
    PlanParser,
    PlanValidator,
    Task,
    without_duplicates,
)
from tinyagent.core.prompt import Example, PriorTurn, default_examples, merge_follow_up, tinyagent_prompt
from tinyagent.core.span_grammar import grammar_for_request, grounded_dates
from tinyagent.tools.registry import ToolSpec

PromptBuilder = Callable[..., Prompt]
ExamplePicker = Callable[[str, Sequence[ToolSpec]], Sequence[Example]]
"""Picks in-context examples for a query and the tools offered (the nearest ones, as TinyAgent)."""
ToolSelector = Callable[[str, Sequence[ToolSpec]], Sequence[ToolSpec]]
"""Picks the tools to offer for a query among the enabled ones (ToolRAG)."""
GrammarMode = Literal["static", "request"]


@dataclass(frozen=True)
class PlannerOptions:
    """How plans are asked for."""

    max_tokens: int = 512
    temperature: float = 0.0
    use_grammar: bool = True  # constrain output to well-formed plans of the enabled tools
    custom_instructions: str = ""
    chat: bool = True  # chat messages (the model's chat template) where the prompt format has them
    # "static": any well-formed plan of the enabled tools; "request": arguments copied from the
    # request and its grounded dates (core/span_grammar.py), for the built-in planner
    grammar_mode: GrammarMode = "static"
    # How earlier turns of the conversation reach the model: "prompt" shows them in the
    # prompt (models that read context); "merge" folds a follow-up such as "also cc Nick"
    # into the previous request's text (the built-in planner reads only one request).
    context_mode: Literal["prompt", "merge"] = "prompt"
    # Plan each clause of "do X, also do Y" on its own too (core/intents.py), for planners
    # that tend to stop after the first request of a sentence (the built-in one).
    split_intents: bool = False
    # Give a plan the people it left out of a list it looks up ("text Ana, Bo and Cy" planned
    # with two lookups; core/people.py), for planners that drop names (the built-in one).
    complete_lists: bool = False
    # Give a message that carries nothing ("At 9:30 p.m", "") the output the request says to
    # send ("text Benji a zoom link for …"; core/messages.py), for the built-in planner.
    fill_messages: bool = False


@dataclass(frozen=True)
class PlanRequest:
    """One request to plan: the query, the tools offered, "now", earlier attempts and turns."""

    query: str
    tools: tuple[ToolSpec, ...]
    now: datetime
    previous_plans: tuple[str, ...] = ()
    context: tuple[PriorTurn, ...] = ()  # earlier turns of the conversation, oldest first


class Planner:
    """Asks a model for a plan and yields each task as soon as its line is complete."""

    def __init__(
        self,
        llm: LLM,
        options: PlannerOptions = PlannerOptions(),
        *,
        examples: Sequence[Example] | None = None,
        pick_examples: ExamplePicker | None = None,
        prompt_builder: PromptBuilder = tinyagent_prompt,
        select_tools: ToolSelector | None = None,
    ) -> None:
        self.llm = llm
        self.options = options
        self._examples = tuple(default_examples() if examples is None else examples)
        self._pick = pick_examples
        self._build = prompt_builder
        self._select = select_tools  # offers each piece of a split request its own tools

    def resolve_context(self, request: PlanRequest) -> PlanRequest:
        """``request`` as the model will see it: in "merge" mode a follow-up is folded into
        the previous request's text (and the context dropped)."""
        if self.options.context_mode != "merge" or not request.context:
            return request
        return replace(request, query=merge_follow_up(request.query, request.context), context=())

    def prompt(self, request: PlanRequest) -> Prompt:
        """The prompt the model gets for ``request`` (already through ``resolve_context``)."""
        return self._build(
            request.query,
            request.tools,
            request.now,
            examples=self._pick(request.query, request.tools) if self._pick else self._examples,
            custom_instructions=self.options.custom_instructions,
            previous_plans=request.previous_plans,
            context=request.context,
            chat=self.options.chat,
        )

    def generation_options(self, request: PlanRequest, *, first: str | None = None) -> GenerationOptions:
        """Sampling settings, with the plan grammar for ``request`` when enabled."""
        return GenerationOptions(
            max_tokens=self.options.max_tokens,
            temperature=self.options.temperature,
            stop=(END_OF_PLAN,),
            grammar=self.grammar(request, first=first) if self.options.use_grammar else None,
        )

    def grammar(self, request: PlanRequest, *, first: str | None = None) -> str:
        """The GBNF grammar of the plans allowed for ``request`` (see ``grammar_mode``); with
        ``first``, plans that call that tool before they send a message ("request" mode)."""
        if self.options.grammar_mode == "request":
            return grammar_for_request(request.tools, request.query, request.now, first=first)
        return plan_grammar(request.tools)

    async def stream(self, request: PlanRequest) -> AsyncIterator[Task]:
        """Validated tasks, ending with ``join()``; raises ``PlanError`` on a bad plan.

        With ``split_intents``, a request that moves on to another ("…. Oh, and …") is
        planned piece by piece, and the pieces' plans are kept when each does something; a
        request (or piece) of several clauses is also planned clause by clause
        (``core/intents.py``), and the clause plans are kept when each does something and
        together they do more than the plan of the whole. Tasks of such a request arrive
        once all are planned (tens of milliseconds with the built-in planner).

        With ``complete_lists`` or ``fill_messages``, the whole plan is made first and then
        given the people it left out of a list it looks up (``core/people.py``) and the output
        a message was meant to carry (``core/messages.py``), so its tasks arrive together too.
        """
        request = self.resolve_context(request)
        repairs = [
            repair
            for wanted, repair in (
                (self.options.complete_lists, complete_lists),
                (self.options.fill_messages, fill_messages),
            )
            if wanted
        ]
        if repairs:
            tasks = [task async for task in self._stream_split(request)]
            for repair in repairs:
                tasks = repair(tasks, request.query)
            for task in self._checked(tasks, request):
                yield task
            return
        async for task in self._stream_split(request):
            yield task

    async def _stream_split(self, request: PlanRequest) -> AsyncIterator[Task]:
        """The plan of ``request``, of its pieces or of its clauses (see ``stream``)."""
        if not self.options.split_intents or request.previous_plans:
            async for task in self._stream_one(request):
                yield task
            return
        pieces = split_topics(request.query)
        if len(pieces) > 1:
            try:
                plans = [await self._plan_piece(self._piece(request, piece)) for piece in pieces]
            except PlanError:
                plans = []
            if plans and not actions(plans[0]) and not starts_a_request(pieces[0]):
                plans = plans[1:]  # "Kindly do the following: 1) … 2) …": a preamble, no request
            if len(plans) > 1 and all(actions(plan) for plan in plans):
                for task in self._checked(join_plans(plans), request):
                    yield task
                return
        if len(split_intents(request.query)) < 2:  # one request: its tasks stream as written
            async for task in self._stream_one(request):
                yield task
            return
        for task in await self._plan_piece(request):
            yield task

    def _piece(self, request: PlanRequest, piece: str) -> PlanRequest:
        """``request`` narrowed to one piece: its text, and the offered tools it needs (when a
        selector is set and picks any)."""
        tools = tuple(self._select(piece, request.tools)) if self._select else ()
        return replace(request, query=piece, tools=tools or request.tools)

    async def _plan_piece(self, request: PlanRequest) -> list[Task]:
        """The plan of ``request``, or of its clauses when they do more (see ``stream``)."""
        whole = [task async for task in self._stream_one(request)]
        clauses = split_intents(request.query)
        if len(clauses) < 2:
            return whole
        try:
            parts = [[t async for t in self._stream_one(replace(request, query=c))] for c in clauses]
        except PlanError:
            return whole
        joined = join_plans(parts)
        # Kept only when every clause does something and together they use a tool the whole
        # plan lacks: a clause that merely repeats the whole plan's work is a bad cut.
        if any(actions(part) == 0 for part in parts) or not tools_of(joined) > tools_of(whole):
            return whole
        return self._checked(joined, request)

    @staticmethod
    def _checked(tasks: list[Task], request: PlanRequest) -> list[Task]:
        """Joined plans validated as one, a person looked up twice (in two clauses) looked up once."""
        validator = PlanValidator({s.name: s for s in request.tools})
        checked = [validator.check(task) for task in without_duplicates(tasks)]
        validator.finish()
        return checked

    async def _stream_one(self, request: PlanRequest) -> AsyncIterator[Task]:
        """The model's plan (see ``_written``). With ``fill_messages`` and the request grammar,
        a plan that sends a message in place of an output the request names and it never
        makes ("by text to Ana: a zoom link for …" planned as an SMS saying "At 5pm") is
        written again with that output's tool called before any message is sent, and the
        second plan is kept when it calls that tool."""
        options = self.options
        if not (options.fill_messages and options.use_grammar and options.grammar_mode == "request"):
            async for task in self._written(request):
                yield task
            return
        tasks = [task async for task in self._written(request)]
        offered = {spec.name for spec in request.tools}
        tool = missing_output(
            tasks, request.query, offered, dated=lambda: bool(grounded_dates(request.query, request.now))
        )
        if tool is not None:
            try:
                again = [task async for task in self._written(request, first=tool)]
            except PlanError:
                again = []
            if any(task.tool == tool for task in again):
                tasks = again
        for task in tasks:
            yield task

    async def _written(self, request: PlanRequest, *, first: str | None = None) -> AsyncIterator[Task]:
        """The model's plan, validated as written; repeated actions are dropped."""
        parser = PlanParser()
        validator = PlanValidator({s.name: s for s in request.tools})
        dedupe = DuplicateFilter()
        pieces = self.llm.stream(self.prompt(request), self.generation_options(request, first=first))
        try:
            async for piece in pieces:
                for task in parser.feed(piece):
                    if (kept := dedupe.feed(validator.check(task))) is not None:
                        yield kept
                if parser.ended:
                    break
        finally:
            # Stop generation as soon as the plan has ended (or the consumer went away).
            close = getattr(pieces, "aclose", None)
            if close is not None:
                await close()
        for task in parser.finish():
            if (kept := dedupe.feed(validator.check(task))) is not None:
                yield kept
        validator.finish()

    async def plan(self, request: PlanRequest) -> list[Task]:
        """The whole validated plan."""
        return [task async for task in self.stream(request)]
