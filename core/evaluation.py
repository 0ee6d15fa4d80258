"""Scoring plans against gold plans: the paper's metric and more.

Success is graph isomorphism of the dependency DAGs (nodes compared by tool name, the
``join`` node included on both sides with an edge from every earlier action). Tool recall
and argument accuracy are reported beside it, with the invalid-plan rate and latency.
"""

from __future__ import annotations

import json
import statistics
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from networkx.algorithms.isomorphism import DiGraphMatcher

from tinyagent.core.errors import PlanError, TinyAgentError
from tinyagent.core.plan import Task, parse_plan, plan_graph, references
from tinyagent.core.planner import Planner, PlanRequest
from tinyagent.tools.registry import ToolSpec


@dataclass(frozen=True)
class EvalCase:
    """One line of an evaluation file."""

    id: str
    now: datetime
    query: str
    plan: str
    tags: tuple[str, ...] = ()


def load_cases(path: Path) -> list[EvalCase]:
    """Read a JSON Lines file of cases; errors name the line and the missing field."""
    cases = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            cases.append(
                EvalCase(
                    id=str(raw.get("id", f"line-{line_no}")),
                    now=datetime.strptime(raw["now"], "%Y-%m-%d %H:%M:%S"),
                    query=str(raw["query"]),
                    plan=str(raw["plan"]),
                    tags=tuple(raw.get("tags", ())),
                )
            )
        except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as exc:
            raise TinyAgentError(
                f"{path}:{line_no}: not a valid case ({type(exc).__name__}: {exc}); each line needs "
                '{"id", "now": "YYYY-MM-DD HH:MM:SS", "query", "plan"}'
            ) from None
    return cases


@dataclass(frozen=True)
class PlanScore:
    """How one predicted plan compares with its gold plan."""

    success: bool
    tool_recall: float
    arg_accuracy: float

    @property
    def exact(self) -> bool:
        """The right graph with every argument right."""
        return self.success and self.arg_accuracy == 1.0


def score_plan(gold: Sequence[Task], predicted: Sequence[Task]) -> PlanScore:
    """Compare two parsed plans (argument values are compared loosely: case and spacing)."""
    gold_graph, pred_graph = plan_graph(gold), plan_graph(predicted)
    matcher = DiGraphMatcher(gold_graph, pred_graph, node_match=lambda a, b: a["tool"] == b["tool"])
    mappings = list(matcher.isomorphisms_iter()) if len(gold) == len(predicted) else []
    gold_tools = {t.tool for t in gold if not t.is_join}
    pred_tools = {t.tool for t in predicted if not t.is_join}
    recall = len(gold_tools & pred_tools) / len(gold_tools) if gold_tools else 1.0
    if mappings:
        accuracy = max(_arg_accuracy(gold, predicted, m) for m in mappings[:50])
    else:
        accuracy = _arg_accuracy(gold, predicted, _by_tool_order(gold, predicted))
    return PlanScore(bool(mappings), recall, accuracy)


def _by_tool_order(gold: Sequence[Task], predicted: Sequence[Task]) -> dict[int, int]:
    pool = {t.idx: t.tool for t in predicted}
    mapping = {}
    for task in gold:
        match = next((i for i, tool in pool.items() if tool == task.tool), None)
        if match is not None:
            mapping[task.idx] = match
            del pool[match]
    return mapping


def _arg_accuracy(gold: Sequence[Task], predicted: Sequence[Task], mapping: dict[int, int]) -> float:
    by_idx = {t.idx: t for t in predicted}
    total = correct = 0
    for task in gold:
        if task.is_join:
            continue
        total += len(task.args)
        other = by_idx.get(mapping.get(task.idx, -1))
        if other is None:
            continue
        correct += sum(_same(g, p, mapping, task.idx) for g, p in zip(task.args, other.args))
    return correct / total if total else 1.0


def _same(gold: Any, predicted: Any, mapping: dict[int, int], before: int) -> bool:
    if isinstance(gold, list) and isinstance(predicted, list):
        return len(gold) == len(predicted) and all(
            _same(g, p, mapping, before) for g, p in zip(gold, predicted)
        )
    if isinstance(gold, str) and isinstance(predicted, str):
        refs = references(gold, before)
        if refs:  # a reference matches the reference to the mapped action
            return {mapping.get(r) for r in refs} == references(predicted, mapping.get(before, before))
        return _normal(gold) == _normal(predicted)
    return bool(gold == predicted)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class CaseResult:
    """The outcome of planning one case."""

    case: EvalCase
    score: PlanScore | None  # None: the predicted plan was invalid
    predicted: str
    error: str | None
    latency_s: float  # tool selection and planning, as a user waits for them
    tools_offered: int = 0
    selection_recall: float = 1.0  # share of the gold plan's tools that were offered
    prompt_tokens: int | None = None  # the planner prompt's length, when a counter was given


@dataclass(frozen=True)
class EvalReport:
    """Aggregate scores, overall and per tag."""

    results: tuple[CaseResult, ...]
    by_tag: dict[str, dict[str, float]] = field(default_factory=dict)

    def summary(self) -> dict[str, float]:
        """The headline numbers for all cases."""
        return _aggregate(self.results)

    def to_json(self) -> dict[str, Any]:
        """Summary, per-tag breakdown and per-case outcomes, ready for ``json.dumps``."""
        return {
            "summary": self.summary(),
            "by_tag": self.by_tag,
            "cases": [
                {
                    "id": r.case.id,
                    "success": bool(r.score and r.score.success),
                    "tool_recall": r.score.tool_recall if r.score else 0.0,
                    "arg_accuracy": r.score.arg_accuracy if r.score else 0.0,
                    "invalid": r.score is None,
                    "error": r.error,
                    "latency_s": round(r.latency_s, 4),
                    "tools_offered": r.tools_offered,
                    "prompt_tokens": r.prompt_tokens,
                    "predicted": r.predicted,
                }
                for r in self.results
            ],
        }


def _aggregate(results: Sequence[CaseResult]) -> dict[str, float]:
    n = len(results)
    if n == 0:
        return {"cases": 0}
    scored = [r.score for r in results if r.score is not None]
    latencies = sorted(r.latency_s for r in results)
    tokens = [r.prompt_tokens for r in results if r.prompt_tokens is not None]
    return {
        "tools_offered": sum(r.tools_offered for r in results) / n,
        "selection_recall": sum(r.selection_recall for r in results) / n,
        "cases": n,
        "success": sum(s.success for s in scored) / n,
        "tool_recall": sum(s.tool_recall for s in scored) / n,
        "arg_accuracy": sum(s.arg_accuracy for s in scored) / n,
        # the plan a user wants: the right graph and every argument right (case and spacing aside)
        "exact": sum(s.exact for s in scored) / n,
        "invalid_rate": (n - len(scored)) / n,
        "latency_p50_s": statistics.median(latencies),
        "latency_p95_s": latencies[min(n - 1, round(0.95 * (n - 1)))],
    } | ({"prompt_tokens": sum(tokens) / len(tokens)} if tokens else {})


async def evaluate(
    planner: Planner,
    cases: Sequence[EvalCase],
    tools: Sequence[ToolSpec],
    select: Callable[[str, Sequence[ToolSpec]], Sequence[ToolSpec]] | None = None,
    *,
    count_tokens: Callable[[str], int] | None = None,
) -> EvalReport:
    """Plan every case (nothing is executed) and score it against its gold plan.

    ``select`` (ToolRAG) picks the tools offered for each query; default: all of ``tools``.
    ``count_tokens`` measures each planner prompt (outside the timed part).
    """
    results = [await _evaluate_case(planner, case, tools, select, count_tokens) for case in cases]
    tags = sorted({t for r in results for t in r.case.tags})
    by_tag = {tag: _aggregate([r for r in results if tag in r.case.tags]) for tag in tags}
    return EvalReport(tuple(results), by_tag)


async def _evaluate_case(
    planner: Planner,
    case: EvalCase,
    tools: Sequence[ToolSpec],
    select: Callable[[str, Sequence[ToolSpec]], Sequence[ToolSpec]] | None,
    count_tokens: Callable[[str], int] | None,
) -> CaseResult:
    gold = parse_plan(case.plan)
    started = time.perf_counter()
    offered = tuple(select(case.query, tools)) if select else tuple(tools)
    selecting_s = time.perf_counter() - started
    needed = {t.tool for t in gold if not t.is_join}
    selection_recall = len(needed & {s.name for s in offered}) / len(needed) if needed else 1.0
    request = PlanRequest(case.query, offered, case.now)
    tokens = count_tokens(planner.prompt(request).text) if count_tokens else None
    started = time.perf_counter()
    try:
        predicted = await planner.plan(request)
        score: PlanScore | None = score_plan(gold, predicted)
        text, error = "\n".join(t.render() for t in predicted), None
    except PlanError as exc:
        score, text, error = None, "", str(exc)
    elapsed = selecting_s + time.perf_counter() - started
    return CaseResult(case, score, text, error, elapsed, len(offered), selection_recall, tokens)
