"""How long the app's event loop stalls while the engine loads and plans (goal: < 50 ms).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_stall.py [--requests N]

Runs the real window (offscreen) with the built-in planner and ToolRAG on the local backend
in a temporary TinyAgent home. A Qt timer asks to fire every 5 ms; every gap between two
firings longer than that is time the window could not repaint or take a key press. Printed:
the longest gap while the engine loads, and while requests are planned and carried out
(confirmations are answered "cancel" at once, so nothing waits on a person).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

REQUESTS = [
    "remind me to call mom tomorrow at 6pm",
    "email Sid the Q3 deck and put a review on my calendar friday at 2pm",
    "text Ana and Bo that I'm running 10 minutes late",
    "directions to the airport by train and make a note called trip with the gate number",
    "set up a zoom with Priya tomorrow at 3 and email her the link",
]
TICK_MS = 5


class StallMeter:
    """Records the gaps between firings of a fast Qt timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(self.gaps)


def report(label: str, gaps: list[float]) -> None:
    if not gaps:
        print(f"{label:<28} no ticks")
        return
    ms = sorted(g * 1000 for g in gaps)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    print(
        f"{label:<28} longest stall {ms[-1]:6.1f} ms   p99 gap {p99:5.1f} ms   "
        f"median gap {statistics.median(ms):4.1f} ms   ({len(ms)} ticks; goal < 50 ms, "
        f"ratio {ms[-1] / 50:.2f})"
    )


async def measure(desktop: object, requests: list[str]) -> None:
    bridge = desktop.bridge  # type: ignore[attr-defined]
    bridge.confirmation_requested.connect(lambda rid, _o: bridge.answer_confirmation(rid, None))
    bridge.choice_requested.connect(lambda rid, _q, _c: bridge.answer_choice(rid, None))
    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    await bridge.start()
    load_s = time.perf_counter() - started
    report(f"loading ({load_s:.1f} s)", meter.stop())
    all_gaps: list[float] = []
    for query in requests:
        meter.start()
        started = time.perf_counter()
        await bridge.submit_text(query)
        gaps = meter.stop()
        all_gaps += gaps
        report(f"request ({(time.perf_counter() - started) * 1000:.0f} ms)", gaps)
    report("all requests", all_gaps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=len(REQUESTS) * 2)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TINYAGENT_HOME"] = tempfile.mkdtemp(prefix="tinyagent-bench-")
    from PySide6.QtWidgets import QApplication

    from tinyagent.core.settings import Settings, save_settings
    from tinyagent.gui.app import build_app, make_event_loop

    save_settings(Settings(backend="local"))
    app = QApplication(sys.argv[:1])
    desktop = build_app(app)
    desktop.window.show()
    loop = make_event_loop(app)
    requests = [REQUESTS[i % len(REQUESTS)] for i in range(args.requests)]
    print(f"event-loop stalls of the TinyAgent window, built-in planner + ToolRAG, {len(requests)} requests")
    with loop:
        loop.run_until_complete(measure(desktop, requests))
    desktop.window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
