"""Rebuild every built-in model from nothing, in about an hour on a 2-core CPU:

data -> ToolRAG head + example index -> planner -> GGUF -> evaluation -> manifests.

    python -m training.build_all                      # writes models/planner, models/toolrag
    python -m training.build_all --minutes 5 --out /tmp/models   # a quick, weaker build

Each stage is the module that can also run alone (``training.dataset.generate``,
``training.toolrag``, ``training.planner``); this script only chains them and records
what was built, with which command and seed, in ``models/*/manifest.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from training.planner import PlannerConfig, build, evaluate_planner, write_manifest

log = logging.getLogger(__name__)


def _run(*args: str) -> None:
    log.info("$ %s", " ".join(args))
    subprocess.run([sys.executable, "-m", *args], check=True)


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: run every stage and print the evaluation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("models"))
    parser.add_argument("--data", type=Path, default=Path("build/data"))
    parser.add_argument("--seed", type=int, default=0, help="data and training seed")
    parser.add_argument("--train", type=int, default=120_000, help="training examples to generate")
    parser.add_argument(
        "--minutes", type=float, default=PlannerConfig.minutes, help="planner training budget"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.monotonic()
    seed = str(args.seed)
    _run(
        "training.dataset.generate",
        "--out",
        str(args.data),
        "--seed",
        seed,
        "--train",
        str(args.train),
        "--val",
        "2000",
        "--test",
        "2000",
    )
    _run(
        "training.toolrag",
        "--data",
        str(args.data),
        "--out",
        str(args.out / "toolrag"),
        "--seed",
        seed,
        "--data-seed",
        seed,
    )
    config = PlannerConfig(minutes=args.minutes, seed=args.seed)
    built = build(args.data, args.out / "planner", config)
    report = evaluate_planner(
        args.out / "planner" / "planner.gguf", args.data / "test.jsonl", args.out / "toolrag"
    )
    command = "python -m training.build_all " + " ".join(argv if argv is not None else sys.argv[1:])
    write_manifest(args.out / "planner", built, report, command=command.strip(), data_seed=args.seed)
    print(json.dumps(report["summary"], indent=2))
    print(f"built everything in {(time.monotonic() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
