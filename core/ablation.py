"""The TinyAgent paper's Table 1 for ``tinyagent eval --ablation``: one row per tool selector.

The same planner plans the same cases once per way of choosing the tools it is offered:

(a) every enabled tool;
(b) basic embedding RAG: the tools used by the ``k`` training examples most similar to the
    request (all-MiniLM-L6-v2 vectors of the shipped example index, ``models/toolrag``);
(c) the ToolRAG classifier, as ``tinyagent run`` uses it.

Each row reports tool-selection recall, tools offered and prompt tokens per request, plan
success, the invalid-plan rate and p50 latency. ``training.toolrag --ablation`` measures
the selection side of (a)-(c) on a whole test split, without planning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from tinyagent.core.embedding import EncoderOptions, SentenceEncoder
from tinyagent.core.evaluation import EvalCase, EvalReport, evaluate
from tinyagent.core.examples import ExampleIndex
from tinyagent.core.llm import LLM
from tinyagent.core.planner import Planner, PlanRequest, ToolSelector
from tinyagent.core.toolrag import ToolRAG
from tinyagent.tools.catalog import TOOL_NAMES
from tinyagent.tools.registry import ToolSpec

BASIC_RAG_K = 3  # examples whose tools basic RAG offers (training.toolrag --ablation shows 1, 3, 5)
CHARS_PER_TOKEN = 4  # the usual rule of thumb for English and BPE tokenizers, for models we cannot ask


@dataclass(frozen=True)
class Selector:
    """One row of the table: a name and how it picks the tools offered (None: all of them)."""

    name: str
    select: ToolSelector | None


class NearestExampleTools:
    """Basic embedding RAG: the tools the ``k`` nearest training examples use, among the enabled ones."""

    def __init__(self, index: ExampleIndex, k: int = BASIC_RAG_K) -> None:
        self.index = index
        self.k = k

    def __call__(self, query: str, tools: Sequence[ToolSpec]) -> tuple[ToolSpec, ...]:
        """The enabled ``tools`` used by any of the ``k`` examples most similar to ``query``."""
        nearest = self.index.nearest(query, TOOL_NAMES, k=self.k)  # every example may be chosen
        used = {name for example in nearest for name in example.tools}
        return tuple(t for t in tools if t.name in used)


def table1_selectors(toolrag: ToolRAG, index: ExampleIndex, k: int = BASIC_RAG_K) -> tuple[Selector, ...]:
    """The three rows: all tools, basic embedding RAG over ``index``, the ``toolrag`` classifier."""
    return (
        Selector("(a) all tools", None),
        Selector(f"(b) basic RAG: tools of top-{k} examples", NearestExampleTools(index, k)),
        Selector("(c) ToolRAG classifier", toolrag),
    )


def builtin_selectors(k: int = BASIC_RAG_K) -> tuple[Selector, ...]:
    """``table1_selectors`` on the shipped ToolRAG and example index, their encoder loaded now.

    Raises ``ModelNotFound`` or ``ModelLoadError`` when ``models/toolrag`` is missing or damaged.
    """
    # No cache of recent encodings: a row must not find the requests already embedded by the last.
    encoder = SentenceEncoder(options=EncoderOptions(cache_size=0))
    toolrag = ToolRAG.builtin(encoder=encoder)
    index = ExampleIndex.builtin(encoder=encoder)
    toolrag.load()
    return table1_selectors(toolrag, index, k)


@runtime_checkable
class TokenCounter(Protocol):
    """A model that can count the tokens of a text with its own tokenizer (``LlamaCppLLM``)."""

    def count_tokens(self, text: str) -> int:
        """The number of tokens ``text`` becomes."""
        ...


@dataclass(frozen=True)
class TokenCount:
    """How prompt tokens are counted, and what the table should say about it."""

    count: Callable[[str], int]
    method: str


def token_counter(llm: LLM) -> TokenCount:
    """The model's own tokenizer when it has one; otherwise a labelled estimate."""
    if isinstance(llm, TokenCounter):
        return TokenCount(llm.count_tokens, "counted with the model's tokenizer")
    return TokenCount(
        lambda text: -(-len(text) // CHARS_PER_TOKEN),
        f"ESTIMATED as characters / {CHARS_PER_TOKEN} ({llm.name} exposes no tokenizer)",
    )


@dataclass(frozen=True)
class AblationRow:
    """One selector's scores."""

    selector: str
    report: EvalReport

    def numbers(self) -> dict[str, float]:
        """The row's figures: the report's summary (``prompt_tokens`` included)."""
        return self.report.summary()


_COLUMNS = (  # (header, summary key, format)
    ("recall", "selection_recall", "{:.1%}"),
    ("tools", "tools_offered", "{:.2f}"),
    ("prompt tokens", "prompt_tokens", "{:.1f}"),
    ("success", "success", "{:.1%}"),
    ("invalid", "invalid_rate", "{:.1%}"),
    ("p50 latency", "latency_p50_s", "{:.0f} ms"),
)


@dataclass(frozen=True)
class Ablation:
    """The table: one row per selector, with how it was measured."""

    rows: tuple[AblationRow, ...]
    prompt_format: str
    token_method: str
    chat: bool = False  # the prompts are chat messages: the template's own tokens are not counted

    def notes(self) -> list[str]:
        """What the numbers mean, for the table's header."""
        cases = int(self.rows[0].numbers().get("cases", 0)) if self.rows else 0
        notes = [
            f"Tool selection ablation (TinyAgent Table 1): {cases} cases, "
            f"prompt format {self.prompt_format!r}",
            f"prompt tokens: {self.token_method}"
            + ("; chat template tokens not included" if self.chat else ""),
            "recall: share of the gold plan's tools offered (a case needing none counts 1); "
            "tools: offered per request",
        ]
        if self.prompt_format == "tinyagent":
            notes.append("the 'tinyagent' prompt lists the tools offered and only examples that use them")
        else:
            notes.append(
                f"the {self.prompt_format!r} prompt lists no tools: the selector changes the plan grammar, "
                "not the prompt, so prompt tokens are the same in every row"
            )
        return notes

    def table(self) -> str:
        """The notes and a Markdown table."""
        width = max([len("tool selector"), *(len(r.selector) for r in self.rows)])
        head = "| " + " | ".join(["tool selector".ljust(width), *(c[0] for c in _COLUMNS)]) + " |"
        rule = "|" + "-" * (width + 2) + "|" + "|".join("-" * (len(c[0]) + 2) for c in _COLUMNS) + "|"
        lines = [*self.notes(), head, rule]
        for row in self.rows:
            numbers = row.numbers()
            cells = [_cell(numbers, key, fmt).rjust(len(title)) for title, key, fmt in _COLUMNS]
            lines.append("| " + " | ".join([row.selector.ljust(width), *cells]) + " |")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The table as data: how it was measured, then each row's summary and per-tag figures."""
        return {
            "ablation": {
                "prompt_format": self.prompt_format,
                "prompt_tokens": self.token_method,
                "chat_prompts": self.chat,  # True: the chat template's tokens are not counted
                "rows": [
                    {"selector": r.selector, "summary": r.numbers(), "by_tag": r.report.by_tag}
                    for r in self.rows
                ],
            }
        }


def _cell(numbers: dict[str, float], key: str, fmt: str) -> str:
    if key not in numbers:
        return "-"
    value = numbers[key] * 1000 if key.endswith("_s") else numbers[key]
    return fmt.format(value)


async def run_ablation(
    planner: Planner,
    cases: Sequence[EvalCase],
    tools: Sequence[ToolSpec],
    selectors: Sequence[Selector],
    tokens: TokenCount,
    prompt_format: str,
) -> Ablation:
    """Plan and score every case once per selector (nothing is executed).

    One unscored plan and selection run first, so that one-time costs (the date parser's data,
    llama.cpp's buffers, torch's first pass) fall in no row's latency.
    """
    if cases:
        for selector in selectors:
            if selector.select is not None:
                selector.select(cases[0].query, tools)
        await evaluate(planner, cases[:1], tools)
    rows = []
    for selector in selectors:
        report = await evaluate(planner, cases, tools, selector.select, count_tokens=tokens.count)
        rows.append(AblationRow(selector.name, report))
    chat = bool(cases) and planner.prompt(PlanRequest(cases[0].query, tuple(tools), cases[0].now)).chat
    return Ablation(tuple(rows), prompt_format, tokens.method, chat)
