"""Write the train / val / test JSON Lines files, or print their statistics.

    python -m training.dataset.generate --out data/plans --seed 0 --train 50000 --val 2000 --test 2000
    python -m training.dataset.generate --stats            # counts per tag, tool, family, style, split
    python -m training.dataset.generate --out DIR --paraphrase-url http://127.0.0.1:8080

Each line is ``{"id", "now", "query", "plan", "tags", "family", "style", "templates"}``;
``templates`` lists the template ids the request was written from. Example ``i`` of a
split depends only on ``(seed, split, i)``, so the output is the same bytes for the
same arguments; no query of val or test repeats one of train.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from random import Random

from training.dataset.compose import Example, make_example, pick_family
from training.dataset.paraphrase import ParaphraseOptions, paraphrase_split
from training.dataset.split import SPLITS
from training.dataset.tagging import ALL_TAGS

_NORMAL = re.compile(r"[^\w]+")


def _key(query: str) -> str:
    return _NORMAL.sub(" ", query.lower()).strip()


def generate(seed: int, sizes: dict[str, int]) -> dict[str, list[Example]]:
    """Examples per split; train first, so that val and test can avoid its queries."""
    out: dict[str, list[Example]] = {}
    train_keys: set[str] = set()
    for split in SPLITS:
        seen: set[str] = set()
        examples = []
        for i in range(sizes.get(split, 0)):
            for attempt in range(1000):
                rng = Random(f"{seed}:{split}:{i}:{attempt}")
                example = make_example(rng, split, pick_family(rng, split), f"{split}-{i:06d}")
                key = _key(example.query)
                # a repeat inside a split is tolerated after a few tries (short chit-chat);
                # a val or test query that train already has never is
                if key not in train_keys and (key not in seen or attempt >= 3):
                    break
            seen.add(key)
            examples.append(example)
        if split == "train":
            train_keys = seen
        out[split] = examples
    return out


def write(examples: dict[str, list[Example]], out_dir: Path) -> None:
    """One ``<split>.jsonl`` per split."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for split, items in examples.items():
        lines = (json.dumps(e.record(), ensure_ascii=False) + "\n" for e in items)
        (out_dir / f"{split}.jsonl").write_text("".join(lines), encoding="utf-8")


def statistics(examples: dict[str, list[Example]], *, tags_only: bool = False) -> str:
    """Tables of counts per tag, tool, family and style (columns: splits)."""
    splits = list(examples)
    tables: dict[str, dict[str, Counter[str]]] = {"tag": {}, "tool": {}, "family": {}, "style": {}}
    for split, items in examples.items():
        tables["tag"][split] = Counter(t for e in items for t in e.tags)
        tables["tool"][split] = Counter(t for e in items for t in set(re.findall(r"\d+\. (\w+)\(", e.plan)))
        tables["family"][split] = Counter(
            e.family if not e.family.startswith("multi:") else "multi:" + str(e.family.count("+") + 1)
            for e in items
        )
        tables["style"][split] = Counter(s for e in items for s in e.style.split("+"))
    lines = [
        "examples".ljust(34) + "".join(f"{s:>9}" for s in splits),
        " " * 34 + "".join(f"{len(examples[s]):>9}" for s in splits),
    ]
    for name in ["tag"] if tags_only else list(tables):
        counts = tables[name]
        keys = list(ALL_TAGS) if name == "tag" else sorted(set().union(*counts.values()))
        lines.append(f"\n{name}")
        lines += [f"  {k}".ljust(34) + "".join(f"{counts[s][k]:>9}" for s in splits) for k in keys]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, help="folder for train.jsonl, val.jsonl, test.jsonl")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train", type=int, default=10000)
    parser.add_argument("--val", type=int, default=1000)
    parser.add_argument("--test", type=int, default=1000)
    parser.add_argument(
        "--stats", action="store_true", help="print counts per tag, tool, family, style and split"
    )
    parser.add_argument("--tags", action="store_true", help="print counts per tag and split")
    parser.add_argument("--paraphrase-url", help="an OpenAI-compatible server; its paraphrases are added")
    parser.add_argument("--paraphrase-model", default="default")
    parser.add_argument(
        "--paraphrase-share", type=float, default=0.1, help="share of each split to paraphrase"
    )
    parser.add_argument("--paraphrase-splits", default="train", help="comma-separated splits to paraphrase")
    parser.add_argument("--paraphrase-mode", choices=("add", "replace"), default="add")
    parser.add_argument("--paraphrase-workers", type=int, default=4)
    args = parser.parse_args(argv)
    if not (args.out or args.stats or args.tags):
        parser.error("give --out DIR, --stats or --tags")
    examples = generate(args.seed, {"train": args.train, "val": args.val, "test": args.test})
    if args.paraphrase_url:
        options = ParaphraseOptions(
            url=args.paraphrase_url,
            model=args.paraphrase_model,
            share=args.paraphrase_share,
            mode=args.paraphrase_mode,
            workers=args.paraphrase_workers,
        )
        for split in args.paraphrase_splits.split(","):
            examples[split], report = paraphrase_split(
                examples[split], options, Random(f"{args.seed}:{split}")
            )
            print(f"paraphrase {split}: {report}", file=sys.stderr)
    if args.out:
        write(examples, args.out)
    if args.stats or args.tags:
        print(statistics(examples, tags_only=args.tags and not args.stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
