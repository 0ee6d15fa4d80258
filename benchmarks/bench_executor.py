"""Executor benchmarks: overhead per task, parallel speed-up, time from streamed task to start.

Run from the repository root: ``python benchmarks/bench_executor.py`` (prints numbers and
ratios; no pass/fail — targets are judged by people reading them).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.fakes import RecordingBackend
from tinyagent.core.events import TaskStarted
from tinyagent.core.executor import Executor
from tinyagent.core.plan import Task, parse_plan
from tinyagent.tools.registry import REGISTRY


async def _feed(tasks: Sequence[Task], gap_s: float = 0.0) -> AsyncIterator[Task]:
    for task in tasks:
        if gap_s:
            await asyncio.sleep(gap_s)
        yield task


def dag_plan(n: int) -> list[Task]:
    """A 100-node DAG: a layered graph where each node uses up to two earlier outputs."""
    lines = []
    for i in range(1, n + 1):
        refs = [f"${j}" for j in (i - 1, i // 2) if 1 <= j < i]
        lines.append(f'{i}. maps_open_location("{" ".join(refs) or "start"}")')
    lines.append(f"{n + 1}. join()")
    return parse_plan("\n".join(lines))


async def overhead_per_task(n: int = 100, repeats: int = 5) -> float:
    runs = []
    for _ in range(repeats):
        executor = Executor(RecordingBackend(), REGISTRY)
        start = time.perf_counter()
        async for _ in executor.execute(_feed(dag_plan(n))):
            pass
        runs.append((time.perf_counter() - start) / n)
    return statistics.median(runs)


async def parallel_wall_time(k: int, tool_s: float = 0.2) -> float:
    plan = parse_plan(
        "\n".join(f'{i}. open_note("n{i}", "")' for i in range(1, k + 1)) + f"\n{k + 1}. join()"
    )
    executor = Executor(RecordingBackend(delays={"open_note": tool_s}), REGISTRY)
    start = time.perf_counter()
    async for _ in executor.execute(_feed(plan)):
        pass
    return time.perf_counter() - start


async def stream_to_start_latency(repeats: int = 50) -> list[float]:
    """Seconds from a task leaving the planner stream to its TaskStarted event."""
    latencies = []
    plan = parse_plan('1. maps_open_location("A")\n2. maps_open_location("B")\n3. join()')
    for _ in range(repeats):
        sent: dict[int, float] = {}

        async def timed(tasks: Sequence[Task], sent: dict[int, float] = sent) -> AsyncIterator[Task]:
            for task in tasks:
                await asyncio.sleep(0.002)
                sent[task.idx] = time.perf_counter()
                yield task

        async for event in Executor(RecordingBackend(), REGISTRY).execute(timed(plan)):
            if isinstance(event, TaskStarted) and event.idx == 1:
                latencies.append(time.perf_counter() - sent[1])
    return latencies


async def main() -> None:
    per_task = await overhead_per_task()
    print(f"executor overhead, 100-node DAG of no-op tools: {per_task * 1e3:.3f} ms per task")
    for k in (1, 4, 8, 16):
        wall = await parallel_wall_time(k)
        print(
            f"{k:>2} independent 200 ms tools: {wall:.3f} s wall vs {k * 0.2:.1f} s serial "
            f"(speed-up x{k * 0.2 / wall:.1f}, overhead {(wall - 0.2) * 1e3:.1f} ms)"
        )
    lat = sorted(await stream_to_start_latency())
    print(
        f"first streamed task -> its start: p50 {statistics.median(lat) * 1e3:.3f} ms, "
        f"p95 {lat[int(0.95 * (len(lat) - 1))] * 1e3:.3f} ms, max {lat[-1] * 1e3:.3f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
