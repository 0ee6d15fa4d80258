"""The plan language: a streaming parser, a validator, and the plan's dependency graph.

A plan is numbered actions, one per line, ``N. tool(arg, ...)``; optional ``Thought:``
lines; ``join()`` last, then ``<END_OF_PLAN>`` (see ``shared/spec/plan-language.md``).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from tinyagent.core.errors import PlanSyntaxError, PlanValidationError
from tinyagent.tools.registry import ToolSpec

END_OF_PLAN = "<END_OF_PLAN>"
JOIN = "join"

_ACTION = re.compile(r"^\s*(\d+)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*$", re.DOTALL)
_ACTION_START = re.compile(r"^\s*\d+\s*\.\s*[A-Za-z_][A-Za-z0-9_]*\s*\(")
_THOUGHT = re.compile(r"^\s*Thought\s*:\s*(.*)$", re.DOTALL)
# ${N} is always a reference; a bare $N counts as one when it is the whole string or
# names an earlier action, so that "lunch was $12" in action 3 stays money.
_BRACED_REF = re.compile(r"\$\{(\d+)\}")
_BARE_REF = re.compile(r"\$(\d+)(?!\d|[.,]\d)")
_WHOLE_REF = re.compile(r"^\s*\$\{?(\d+)\}?\s*$")


@dataclass(frozen=True)
class Task:
    """One action of a plan, as the planner wrote it (before ``$N`` substitution)."""

    idx: int
    tool: str
    args: tuple[Any, ...]
    thought: str | None = None
    deps: tuple[int, ...] = ()

    @property
    def is_join(self) -> bool:
        """True for the final ``join()`` action, which runs no tool."""
        return self.tool == JOIN

    def render(self) -> str:
        """The action as a plan line, e.g. ``2. get_email_address("Sid")``."""
        return f"{self.idx}. {self.tool}({', '.join(_literal(a) for a in self.args)})"


def _literal(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are Python's too
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return repr(value)


def _replace_references(value: Any, before: int, new: Callable[[int, bool], str | None]) -> Any:
    """``value`` (an argument of action ``before``) with each reference to action N replaced by
    ``new(N, braced)``, or kept where that is None.

    A string that is one reference ("$2", " ${2} ") is replaced whole; elsewhere every ``${N}``
    is a reference, and ``$N`` only to an earlier action (money such as "$12" stays).
    """
    if isinstance(value, list):
        return [_replace_references(v, before, new) for v in value]
    if not isinstance(value, str):
        return value
    whole = _WHOLE_REF.match(value)
    if whole:
        out = new(int(whole.group(1)), False)
        return value if out is None else out

    def each(match: re.Match[str], braced: bool) -> str:
        number = int(match.group(1))
        out = new(number, braced) if braced or number < before else None
        return match.group(0) if out is None else out

    value = _BRACED_REF.sub(lambda m: each(m, True), value)
    return _BARE_REF.sub(lambda m: each(m, False), value)


def references(value: object, before: int) -> set[int]:
    """The action numbers that ``value`` (an argument of action ``before``) refers to."""
    found: set[int] = set()

    def note(number: int, _braced: bool) -> None:
        found.add(number)

    _replace_references(value, before, note)
    return found


def substitute(value: Any, results: Mapping[int, str], before: int) -> Any:
    """Replace ``$N`` / ``${N}`` in a string or list of strings by action N's output."""
    return _replace_references(value, before, lambda number, _braced: results[number])


def renumber(value: Any, numbers: Mapping[int, int], before: int) -> Any:
    """``value`` (an argument of action ``before``) with its ``$N`` references moved to
    ``numbers[N]``; references without a new number, and money such as "$12", stay."""

    def moved(number: int, braced: bool) -> str | None:
        if number not in numbers:
            return None
        return f"${{{numbers[number]}}}" if braced else f"${numbers[number]}"

    return _replace_references(value, before, moved)


class DuplicateFilter:
    """Drops an action that repeats an earlier one, and numbers the rest on.

    A small planner sometimes writes the same lookup twice ("Henry", "Henry" for "Henry
    and Yshōz") or repeats an action; the same tool with the same arguments (references
    followed) does nothing new, and for a message it would send it twice. Later actions
    that used the repeat use the first one instead, and a list (recipients, cc, invitees,
    attachments) names each value once. Feed tasks that passed validation.
    """

    def __init__(self) -> None:
        self._numbers: dict[int, int] = {}
        self._seen: dict[tuple[str, str], int] = {}

    def feed(self, task: Task) -> Task | None:
        """The task renumbered, or None when it repeats an earlier action."""
        args = tuple(_distinct(renumber(a, self._numbers, task.idx)) for a in task.args)
        key = (task.tool, json.dumps(args, ensure_ascii=False, sort_keys=True))
        if not task.is_join and key in self._seen:
            self._numbers[task.idx] = self._seen[key]
            return None
        idx = len(self._seen) + 1
        self._numbers[task.idx] = idx
        if not task.is_join:
            self._seen[key] = idx
        deps = tuple(sorted({self._numbers.get(d, d) for d in task.deps}))
        return Task(idx, task.tool, args, task.thought, deps)


def _distinct(value: Any) -> Any:
    return (
        list(dict.fromkeys(value))
        if isinstance(value, list) and all(isinstance(v, str) for v in value)
        else value
    )


def without_duplicates(tasks: Iterable[Task]) -> list[Task]:
    """``tasks`` through a ``DuplicateFilter``."""
    dedupe = DuplicateFilter()
    return [t for t in map(dedupe.feed, tasks) if t is not None]


def parse_action(line: str, line_no: int, thought: str | None = None) -> Task:
    """Parse one ``N. tool(args)`` line into a task (no validation against tools)."""
    text = line.replace(END_OF_PLAN, "").strip()
    match = _ACTION.match(text)
    if not match and _ACTION_START.match(text):
        raise PlanSyntaxError("the call is not closed with ')' (was the line cut off?)", line_no, line)
    if not match:
        raise PlanSyntaxError("expected 'N. tool_name(arguments)' or 'Thought: ...'", line_no, line)
    idx, name, arg_text = int(match.group(1)), match.group(2), match.group(3)
    try:
        call = ast.parse(f"f({arg_text})", mode="eval").body
    except SyntaxError as exc:
        raise PlanSyntaxError(f"arguments are not valid literals ({exc.msg})", line_no, line) from None
    assert isinstance(call, ast.Call)
    if call.keywords:
        raise PlanSyntaxError("named arguments are not allowed; pass every argument in order", line_no, line)
    args = []
    for node in call.args:
        try:
            value = ast.literal_eval(node)
        except (ValueError, SyntaxError):
            raise PlanSyntaxError(
                f"argument {ast.unparse(node)!r} is not a literal (string, number, bool, None or list)",
                line_no,
                line,
            ) from None
        if isinstance(value, tuple):
            value = list(value)
        args.append(value)
    deps = sorted(set().union(*(references(a, idx) for a in args))) if args else []
    return Task(idx, name, tuple(args), thought, tuple(deps))


@dataclass
class PlanParser:
    """Fed text as the model streams it; yields each task as soon as its line is complete."""

    _buffer: str = ""
    _line_no: int = 0
    _thought: str | None = None
    _ended: bool = False
    _tasks: list[Task] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        """True once ``join()`` or ``<END_OF_PLAN>`` has been read."""
        return self._ended

    def feed(self, text: str) -> list[Task]:
        """Add streamed text; return the tasks whose lines it completed."""
        if self._ended:
            return []
        self._buffer += text
        done: list[Task] = []
        while "\n" in self._buffer and not self._ended:
            line, self._buffer = self._buffer.split("\n", 1)
            done.extend(self._line(line))
        if END_OF_PLAN in self._buffer and not self._ended:
            line, self._buffer = self._buffer.split(END_OF_PLAN, 1)
            done.extend(self._line(line))
            self._ended = True
        return done

    def finish(self) -> list[Task]:
        """Flush the last line once the stream ends; a plan without ``join()`` is truncated."""
        done = [] if self._ended else self._line(self._buffer)
        self._buffer = ""
        if not any(t.is_join for t in self._tasks):
            last = self._tasks[-1].idx if self._tasks else 0
            raise PlanSyntaxError(
                "the plan ends without join(); it was probably cut off (raise the token limit)",
                self._line_no,
                f"after action {last}",
            )
        return done

    def _line(self, line: str) -> list[Task]:
        self._line_no += 1
        if not line.strip() or self._ended:
            return []
        thought = _THOUGHT.match(line)
        if thought:
            self._thought = thought.group(1).strip()
            return []
        task = parse_action(line, self._line_no, self._thought)
        self._thought = None
        self._tasks.append(task)
        if task.is_join:
            self._ended = True
        return [task]


def parse_plan(text: str) -> list[Task]:
    """Parse a whole plan text (no validation against tools)."""
    parser = PlanParser()
    return parser.feed(text) + parser.finish()


class PlanValidator:
    """Checks tasks one by one as they stream in, against the enabled tools."""

    def __init__(self, specs: Mapping[str, ToolSpec]) -> None:
        self._specs = specs
        self._seen: list[Task] = []

    def check(self, task: Task) -> Task:
        """Raise ``PlanValidationError`` saying exactly what is wrong with ``task``."""
        expected = len(self._seen) + 1
        if self._seen and self._seen[-1].is_join:
            raise PlanValidationError("join() must be the last action; nothing may follow it", task.idx)
        if task.idx != expected:
            raise PlanValidationError(f"actions are numbered 1, 2, 3…; expected {expected} here", task.idx)
        for dep in task.deps:
            if dep >= task.idx or dep < 1:
                raise PlanValidationError(
                    f"${dep} refers to action {dep}, but an action may only use earlier ones", task.idx
                )
            if self._seen[dep - 1].is_join:
                raise PlanValidationError(f"${dep} refers to join(), which has no output", task.idx)
        if task.is_join:
            if task.args:
                raise PlanValidationError("join() takes no arguments", task.idx)
        else:
            self._check_call(task)
        self._seen.append(task)
        return task

    def _check_call(self, task: Task) -> None:
        spec = self._specs.get(task.tool)
        if spec is None:
            known = ", ".join(sorted(self._specs)) or "none"
            raise PlanValidationError(
                f"unknown or disabled tool {task.tool!r}; the enabled tools are: {known}", task.idx
            )
        if len(task.args) != len(spec.params):
            raise PlanValidationError(
                f"{task.tool} takes {len(spec.params)} arguments ({spec.signature}), got {len(task.args)}",
                task.idx,
            )
        for param, value in zip(spec.params, task.args):
            if not param.type.accepts(value):
                raise PlanValidationError(
                    f"{task.tool}: argument {param.name!r} must be {param.type.value}, got {value!r}",
                    task.idx,
                )

    def finish(self) -> None:
        """Check the whole plan once the stream has ended."""
        if not self._seen or not self._seen[-1].is_join:
            raise PlanValidationError("the plan must end with join()")
        graph = plan_graph(self._seen)
        if not nx.is_directed_acyclic_graph(graph):
            raise PlanValidationError("the $N references form a cycle")


def validate_plan(tasks: Sequence[Task], specs: Mapping[str, ToolSpec]) -> list[Task]:
    """Validate a complete plan; return its tasks unchanged."""
    validator = PlanValidator(specs)
    for task in tasks:
        validator.check(task)
    validator.finish()
    return list(tasks)


def plan_graph(tasks: Iterable[Task], include_join: bool = True) -> nx.DiGraph[int]:
    """The dependency DAG: nodes are action numbers (attribute ``tool``), edges ``$N`` uses.

    ``join`` (when included) depends on every earlier action, as in the paper's metric.
    """
    graph: nx.DiGraph[int] = nx.DiGraph()
    earlier: list[int] = []
    for task in tasks:
        if task.is_join and not include_join:
            continue
        graph.add_node(task.idx, tool=task.tool)
        deps: Iterator[int] = iter(earlier) if task.is_join else iter(task.deps)
        graph.add_edges_from((d, task.idx) for d in deps)
        earlier.append(task.idx)
    return graph


def render_plan(tasks: Iterable[Task]) -> str:
    """Plan text for tasks, ending with ``<END_OF_PLAN>`` after ``join()``."""
    lines = []
    for task in tasks:
        if task.thought:
            lines.append(f"Thought: {task.thought}")
        lines.append(task.render() + (END_OF_PLAN if task.is_join else ""))
    return "\n".join(lines)
