"""LlamaCppLLM on a real GGUF: the tiny planner trained on TINY_PLANNER_PAIRS."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tinyagent.core.errors import ModelLoadError, ModelNotFound
from tinyagent.core.grammar import GrammarError, plan_grammar
from tinyagent.core.llama_cpp import LlamaCppLLM, PromptTooLong
from tinyagent.core.llm import GenerationOptions, Prompt
from tinyagent.core.plan import END_OF_PLAN, parse_plan, validate_plan
from tinyagent.tools import catalog  # noqa: F401  (declares the tools)
from tinyagent.tools.registry import REGISTRY
from training.tiny_pairs import TINY_PLANNER_PAIRS, tiny_prompt

pytestmark = pytest.mark.e2e

GRAMMAR = plan_grammar(list(REGISTRY.values()))
PLAN = GenerationOptions(max_tokens=400, grammar=GRAMMAR)
UNTRAINED = [
    "Email Maria about the party on Friday",
    "What's the weather like in Lisbon?",
    "Create a note called Books in my Reading folder",
    "Text 555-0100 and tell them I'm outside",
    "Summarize the file report.pdf and send it to Kofi",
]
# Never allows end-of-sequence: generation runs until cancelled or out of tokens.
ENDLESS = "root ::= [a-z ] root"


def _prompt(request: str) -> Prompt:
    return Prompt(system="", user=tiny_prompt(request))


async def _collect(pieces: AsyncIterator[str]) -> list[str]:
    return [piece async for piece in pieces]


@pytest.fixture(scope="module")
def planner(tiny_planner_gguf: Path) -> Iterator[LlamaCppLLM]:
    # One thread: a 0.5M-parameter model gains nothing from two, and ggml's spinning
    # OpenMP threads slow to a crawl when other jobs share the CI machine's cores.
    llm = LlamaCppLLM(tiny_planner_gguf, n_ctx=1024, n_threads=1)
    llm.load()
    yield llm
    asyncio.run(llm.aclose())


def test_the_tiny_planner_loads(planner: LlamaCppLLM, tiny_planner_gguf: Path) -> None:
    assert planner.name == tiny_planner_gguf.name
    assert not planner.writes_prose
    assert not planner.busy


@pytest.mark.parametrize(("request_text", "plan"), TINY_PLANNER_PAIRS, ids=[r for r, _ in TINY_PLANNER_PAIRS])
async def test_greedy_decoding_with_the_grammar_streams_the_trained_plan(
    planner: LlamaCppLLM, request_text: str, plan: str
) -> None:
    pieces = await _collect(planner.stream(_prompt(request_text), PLAN))
    assert "".join(pieces) == plan
    assert len(pieces) >= 5  # streamed token by token, not in one piece
    validate_plan(parse_plan("".join(pieces)), REGISTRY)
    stats = planner.last_stats
    assert stats is not None and stats.finish == "stop" and stats.pieces == len(pieces)


@pytest.mark.parametrize(("request_text", "plan"), TINY_PLANNER_PAIRS[:3])
def test_without_grammar_the_model_gives_the_same_plan(
    planner: LlamaCppLLM, request_text: str, plan: str
) -> None:
    assert planner.complete(_prompt(request_text), GenerationOptions(max_tokens=400)) == plan


@pytest.mark.parametrize("request_text", UNTRAINED)
def test_with_the_grammar_any_request_gives_a_valid_plan(planner: LlamaCppLLM, request_text: str) -> None:
    text = planner.complete(_prompt(request_text), PLAN)
    assert text.endswith(END_OF_PLAN)
    validate_plan(parse_plan(text), REGISTRY)


def test_the_grammar_keeps_a_model_to_the_enabled_tools(planner: LlamaCppLLM) -> None:
    maps = {name: REGISTRY[name] for name in ("maps_open_location", "maps_show_directions")}
    options = GenerationOptions(max_tokens=400, grammar=plan_grammar(list(maps.values())))
    for request_text, _ in TINY_PLANNER_PAIRS[:5]:  # trained to email, text, remind…
        validate_plan(parse_plan(planner.complete(_prompt(request_text), options)), maps)


def test_a_chat_prompt_runs_through_a_chat_template(planner: LlamaCppLLM) -> None:
    # The tiny model has no template of its own: llama-cpp-python's fallback is used.
    prompt = Prompt(system="You plan.", user="Text Maria that I am running late", chat=True)
    validate_plan(parse_plan(planner.complete(prompt, PLAN)), REGISTRY)


async def test_stop_strings_end_generation_and_are_stripped(planner: LlamaCppLLM) -> None:
    request_text, plan = TINY_PLANNER_PAIRS[2]  # a four-line plan
    stop_at_end = GenerationOptions(max_tokens=400, grammar=GRAMMAR, stop=(END_OF_PLAN,))
    assert planner.complete(_prompt(request_text), stop_at_end) == plan.removesuffix(END_OF_PLAN)
    first_line = GenerationOptions(max_tokens=400, stop=("\n2.",))
    pieces = await _collect(planner.stream(_prompt(request_text), first_line))
    assert "".join(pieces) == plan.split("\n")[0]
    assert planner.last_stats is not None and planner.last_stats.finish == "stop"


def test_max_tokens_cuts_generation(planner: LlamaCppLLM) -> None:
    text = planner.complete(_prompt(TINY_PLANNER_PAIRS[2][0]), GenerationOptions(max_tokens=5))
    assert 0 < len(text) < len(TINY_PLANNER_PAIRS[2][1])
    assert planner.last_stats is not None and planner.last_stats.finish == "length"


async def _wait_idle(llm: LlamaCppLLM, timeout_s: float = 2.0) -> float:
    started = time.monotonic()
    while llm.busy:
        assert time.monotonic() - started < timeout_s, "generation did not stop"
        await asyncio.sleep(0.005)
    return time.monotonic() - started


async def test_cancelling_the_consumer_stops_generation(planner: LlamaCppLLM) -> None:
    endless = GenerationOptions(max_tokens=900, grammar=ENDLESS)
    got: list[str] = []
    three = asyncio.Event()

    async def consume() -> None:
        async for piece in planner.stream(_prompt("Hello there"), endless):
            got.append(piece)
            if len(got) == 3:
                three.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(three.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _wait_idle(planner) < 0.5
    stats = planner.last_stats
    assert stats is not None and stats.finish == "cancelled"
    assert stats.pieces < 100  # of 900 it was allowed


async def test_leaving_the_stream_early_stops_generation(planner: LlamaCppLLM) -> None:
    endless = GenerationOptions(max_tokens=900, grammar=ENDLESS)
    async with contextlib.aclosing(planner.stream(_prompt("Hello there"), endless)) as pieces:
        async for _ in pieces:
            break
    await _wait_idle(planner)
    assert planner.last_stats is not None and planner.last_stats.finish == "cancelled"


async def test_concurrent_streams_take_turns(planner: LlamaCppLLM) -> None:
    pairs = TINY_PLANNER_PAIRS[:4]
    results = await asyncio.gather(*(_collect(planner.stream(_prompt(r), PLAN)) for r, _ in pairs))
    assert ["".join(pieces) for pieces in results] == [plan for _, plan in pairs]


def test_a_broken_grammar_is_refused_before_llama_cpp_sees_it(planner: LlamaCppLLM) -> None:
    with pytest.raises(GrammarError):
        planner.complete(_prompt("Hello there"), GenerationOptions(grammar="root ::= bad_name"))
    assert planner.complete(_prompt("Hello there"), PLAN) == "1. join()" + END_OF_PLAN


async def test_a_prompt_longer_than_the_context_is_a_clear_error(tiny_planner_gguf: Path) -> None:
    small = LlamaCppLLM(tiny_planner_gguf, n_ctx=64)
    long_prompt = _prompt("please " * 200)
    with pytest.raises(PromptTooLong, match="context window holds 64 tokens"):
        small.complete(long_prompt, PLAN)
    with pytest.raises(PromptTooLong):
        await _collect(small.stream(long_prompt, PLAN))
    chat = Prompt(system="", user="please " * 200, chat=True)
    with pytest.raises(PromptTooLong):
        small.complete(chat, GenerationOptions())
    assert small.complete(_prompt("Hello there"), PLAN) == "1. join()" + END_OF_PLAN  # still usable
    await small.aclose()


async def test_a_closed_model_loads_again_on_use(tiny_planner_gguf: Path) -> None:
    llm = LlamaCppLLM(tiny_planner_gguf, n_ctx=256)
    await llm.aclose()  # closing a model that was never loaded is fine
    request_text, plan = TINY_PLANNER_PAIRS[0]
    assert "".join(await _collect(llm.stream(_prompt(request_text), PLAN))) == plan
    await llm.aclose()
    assert llm.complete(_prompt(request_text), PLAN) == plan
    await llm.aclose()


async def test_a_missing_file_says_what_to_do(tmp_path: Path) -> None:
    llm = LlamaCppLLM(tmp_path / "nowhere.gguf")  # loading is lazy: no error yet
    with pytest.raises(ModelNotFound, match=r"nowhere\.gguf does not exist.*tinyagent models"):
        llm.load()
    with pytest.raises(ModelNotFound):
        await _collect(llm.stream(_prompt("Hello there"), PLAN))
    with pytest.raises(ModelNotFound, match="is a folder"):
        LlamaCppLLM(tmp_path).load()


def _corrupt_files(good: bytes) -> dict[str, bytes]:
    header = b"GGUF\x03\x00\x00\x00"
    return {
        "random bytes": os.urandom(4096),
        "empty": b"",
        "truncated GGUF": good[: len(good) // 2],
        "GGUF header only": good[:256],
        "GGUF magic then random bytes": header + os.urandom(4096),
        "absurd tensor count": header + (2**62).to_bytes(8, "little") * 2,
    }


def test_a_corrupt_file_is_a_load_error_not_a_crash(tiny_planner_gguf: Path, tmp_path: Path) -> None:
    for name, content in _corrupt_files(tiny_planner_gguf.read_bytes()).items():
        path = tmp_path / f"{name}.gguf"
        path.write_bytes(content)
        with pytest.raises(ModelLoadError, match="re-download it") as caught:
            LlamaCppLLM(path).load()
        assert str(path) in str(caught.value), name
