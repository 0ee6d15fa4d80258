"""Built-in planner benchmark: end-to-end planning latency and the loaded models' memory.

Measures, on this machine, for 3-step requests: ToolRAG selection + prompt + grammar +
generation (what a user waits for before the first task can run), p50/p95 over repeated
runs, and the process's peak resident memory with the planner and ToolRAG loaded.

    python benchmarks/bench_planner.py [--models models] [--repeats 20]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinyagent.core.engine import planner_options
from tinyagent.core.llama_cpp import LlamaCppLLM
from tinyagent.core.planner import Planner, PlanRequest
from tinyagent.core.prompt import builtin_prompt
from tinyagent.core.settings import Settings
from tinyagent.core.toolrag import ToolRAG
from tinyagent.tools.registry import REGISTRY

THREE_STEP_REQUESTS = (
    "email Sid and Lutfi the Q3 deck",
    "text Maria and Kofi that dinner is at 8 tonight",
    "find the lease agreement, summarize it and email the summary to Ana",
    "set up a zoom with Priya tomorrow at 3 and put it on my calendar",
    "look up Tomás Ortega's email and number and remind me to call him friday",
)
NOW = datetime(2024, 6, 3, 9, 0, 0)


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def measure(models: Path, repeats: int) -> None:
    before = peak_rss_mb()
    started = time.perf_counter()
    llm = LlamaCppLLM(models / "planner" / "planner.gguf", n_ctx=1024, n_threads=1)  # as the app runs it
    llm.load()
    toolrag = ToolRAG.builtin(models / "toolrag")
    toolrag.load()
    print(
        f"load: {time.perf_counter() - started:.2f} s, peak RSS {peak_rss_mb():.0f} MB (Python alone {before:.0f} MB)"
    )
    options = planner_options(Settings(), "builtin")
    planner = Planner(llm, options, prompt_builder=builtin_prompt, select_tools=toolrag)
    tools = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
    timings: list[float] = []
    steps: list[int] = []
    for round_ in range(repeats + 1):
        for query in THREE_STEP_REQUESTS:
            t0 = time.perf_counter()
            offered = toolrag(query, tools)
            plan = await planner.plan(PlanRequest(query, offered, NOW))
            if round_:  # the first round warms caches (grammar, encoder)
                timings.append(time.perf_counter() - t0)
                steps.append(len(plan) - 1)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        f"plan a 3-step request (ToolRAG + prompt + grammar + generation): p50 {statistics.median(timings) * 1e3:.1f} ms, "
        f"p95 {p95 * 1e3:.1f} ms over {len(timings)} runs (mean {statistics.mean(steps):.1f} actions); "
        f"target p50 < 150 ms: x{0.150 / statistics.median(timings):.1f} headroom"
    )
    print(f"peak RSS with planner + ToolRAG loaded: {peak_rss_mb():.0f} MB (target < 600 MB)")
    await llm.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, default=Path("models"))
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(measure(args.models, args.repeats))


if __name__ == "__main__":
    main()
