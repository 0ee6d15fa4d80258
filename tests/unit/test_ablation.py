"""``tinyagent eval --ablation``: one row per tool selector, scored with a scripted model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np
import numpy.typing as npt

from tests.support.fakes import ScriptedLLM
from tinyagent.core.ablation import (
    Ablation,
    NearestExampleTools,
    Selector,
    run_ablation,
    table1_selectors,
    token_counter,
)
from tinyagent.core.evaluation import EvalCase
from tinyagent.core.examples import ExampleIndex
from tinyagent.core.planner import Planner, PlannerOptions
from tinyagent.core.prompt import Example
from tinyagent.tools.registry import REGISTRY, ToolSpec

NOW = datetime(2024, 6, 3, 9, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
CASES = (
    EvalCase(
        "sms",
        NOW,
        "text Sid that I'm late",
        '1. get_phone_number("Sid")\n2. send_sms(["$1"], "late")\n3. join()',
    ),
    EvalCase("map", NOW, "show the Louvre on the map", '1. maps_open_location("Louvre")\n2. join()'),
    EvalCase("note", NOW, "note down: buy milk", '1. create_note("Shopping", "buy milk", "")\n2. join()'),
)
NEEDED = {"sms": {"get_phone_number", "send_sms"}, "map": {"maps_open_location"}, "note": {"create_note"}}


class CountingLLM(ScriptedLLM):
    """A scripted model with a tokenizer: one token per whitespace-separated word."""

    def count_tokens(self, text: str) -> int:
        return len(text.split())


def gold_replies() -> list[str]:
    """The gold plan of every case, in the order the ablation asks: a warm-up, then three rows."""
    plans = [c.plan + "<END_OF_PLAN>" for c in CASES]
    return plans[:1] + plans * 3


def needed_only(query: str, tools: Sequence[ToolSpec]) -> tuple[ToolSpec, ...]:
    case = next(c for c in CASES if c.query == query)
    return tuple(t for t in tools if t.name in NEEDED[case.id])


def without_phone_lookup(query: str, tools: Sequence[ToolSpec]) -> tuple[ToolSpec, ...]:
    return tuple(t for t in needed_only(query, tools) if t.name != "get_phone_number")


async def ablate(llm: ScriptedLLM, selectors: Sequence[Selector]) -> Ablation:
    planner = Planner(llm, PlannerOptions(use_grammar=False, chat=False))
    return await run_ablation(planner, CASES, TOOLS, selectors, token_counter(llm), "tinyagent")


async def test_rows_differ_as_their_selectors_do() -> None:
    selectors = (
        Selector("(a) all tools", None),
        Selector("(b) drops a needed tool", without_phone_lookup),
        Selector("(c) exactly the needed tools", needed_only),
    )
    ablation = await ablate(CountingLLM(gold_replies()), selectors)
    every, dropping, exact = (row.numbers() for row in ablation.rows)

    assert every["selection_recall"] == exact["selection_recall"] == 1.0
    assert every["success"] == exact["success"] == 1.0
    assert every["tools_offered"] == 16.0 and exact["tools_offered"] == 4 / 3
    # The SMS plan needs get_phone_number: offered without it, the plan is invalid.
    assert dropping["selection_recall"] == (0.5 + 1 + 1) / 3
    assert dropping["success"] == 2 / 3 and dropping["invalid_rate"] == 1 / 3
    # The TinyAgent prompt lists the tools offered: fewer tools, shorter prompts.
    assert every["prompt_tokens"] > exact["prompt_tokens"] > dropping["prompt_tokens"] > 0


async def test_prompt_tokens_come_from_the_models_tokenizer_when_it_has_one() -> None:
    counted = await ablate(CountingLLM(gold_replies()), [Selector("all", None)] * 3)
    assert counted.token_method == "counted with the model's tokenizer"
    words = counted.rows[0].report.results[0].prompt_tokens
    estimated = await ablate(ScriptedLLM(gold_replies()), [Selector("all", None)] * 3)
    assert estimated.token_method.startswith("ESTIMATED as characters / 4")
    estimate = estimated.rows[0].report.results[0].prompt_tokens
    assert words is not None and estimate is not None and estimate > words  # words are > 1 character


async def test_the_table_and_json_show_every_row_with_numbers() -> None:
    selectors = (
        Selector("(a) all tools", None),
        Selector("(c) exact", needed_only),
        Selector("(x)", needed_only),
    )
    ablation = await ablate(CountingLLM(gold_replies()), selectors)
    table = ablation.table()
    assert "3 cases, prompt format 'tinyagent'" in table
    assert "prompt tokens: counted with the model's tokenizer" in table
    rows = [line for line in table.splitlines() if line.startswith("| (")]
    assert [r.split("|")[1].strip() for r in rows] == ["(a) all tools", "(c) exact", "(x)"]
    assert all("%" in r and "ms" in r for r in rows)
    data = ablation.to_json()["ablation"]
    assert data["prompt_format"] == "tinyagent"
    assert [r["selector"] for r in data["rows"]] == ["(a) all tools", "(c) exact", "(x)"]
    assert data["rows"][0]["summary"]["tools_offered"] == 16.0


def test_the_builtin_format_says_prompt_tokens_do_not_follow_the_selector() -> None:
    notes = "\n".join(Ablation((), "builtin", "counted with the model's tokenizer").notes())
    assert "lists no tools" in notes and "the same in every row" in notes


class KeywordEncoder:
    """One dimension per keyword, unit length (a stand-in for all-MiniLM-L6-v2)."""

    WORDS = ("text", "map", "note", "email")

    @property
    def dim(self) -> int:
        return len(self.WORDS)

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.array([[float(w in t.lower()) for w in self.WORDS] for t in texts], dtype=np.float32)
        rows += 1e-3  # no zero vectors
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    def encode_one(self, text: str) -> npt.NDArray[np.float32]:
        return self.encode([text])[0]

    def load(self) -> None:
        pass


def keyword_index() -> ExampleIndex:
    encoder = KeywordEncoder()
    examples = [
        Example("text Bo hi", "", frozenset({"get_phone_number", "send_sms"})),
        Example("text Al a note", "", frozenset({"get_phone_number", "send_sms", "create_note"})),
        Example("open the map", "", frozenset({"maps_open_location"})),
        Example("email Kim", "", frozenset({"get_email_address", "compose_new_email"})),
    ]
    return ExampleIndex(examples, encoder.encode([e.question for e in examples]), encoder)


def test_basic_rag_offers_the_tools_of_the_nearest_examples() -> None:
    index = keyword_index()
    names = [t.name for t in NearestExampleTools(index, k=1)("text Sid", TOOLS)]
    assert names == ["get_phone_number", "send_sms"]
    names = [t.name for t in NearestExampleTools(index, k=2)("text Sid", TOOLS)]
    assert names == ["get_phone_number", "create_note", "send_sms"]  # the union, in label order
    # Only enabled tools are offered, whatever the examples used.
    enabled = tuple(t for t in TOOLS if t.name != "send_sms")
    assert [t.name for t in NearestExampleTools(index, k=1)("text Sid", enabled)] == ["get_phone_number"]


def test_the_three_rows_are_all_tools_basic_rag_and_the_classifier() -> None:
    classifier = object()
    rows = table1_selectors(classifier, keyword_index(), k=5)  # type: ignore[arg-type]
    assert [r.name for r in rows] == [
        "(a) all tools",
        "(b) basic RAG: tools of top-5 examples",
        "(c) ToolRAG classifier",
    ]
    assert rows[0].select is None and rows[2].select is classifier
    assert isinstance(rows[1].select, NearestExampleTools) and rows[1].select.k == 5
