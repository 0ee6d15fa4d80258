"""What the test split holds out, so that it measures generalization and not recall.

- **Phrasing**: every template belongs to a style family; the families in
  ``TEST_STYLES`` ("reordered": fronted times/topics, inverted word order;
  "narrative": a reason or situation first, then the request) are used only for test.
  Train has the same two kinds of sentence in its own words ("fronted", "context"),
  because people do write that way: test then measures unseen wordings of a
  structure, not a structure the model never met. No test template shares its frame
  with a train one. Fillers, sign-offs and multi-intent connectors have test-only
  variants too. Asides ("Long day.", a sentence around the request that asks for
  nothing) are train and val only: the test's narrative templates bring their own.
- **Intent combinations**: the families in ``TEST_FAMILIES`` (pairs of intents in one
  request) never occur in train or val. No chain is held out: a chain the model never
  saw is one it cannot plan, and users ask for all of them ("summarize it and text it
  to Jana" was held out until that showed on hand-written requests).
- **Vocabulary**: about one in six entries of every bank (given and family names,
  places, cities, topics, tasks, files, notes, folders, lists...) is test-only,
  chosen by a stable hash of the entry, so test needs names the model never saw.
  Names synthesized from syllables are fresh in every split anyway.

Val is in-distribution: the train styles, families and vocabulary, other random draws
(and no query of val repeats one of train).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TypeVar

SPLITS = ("train", "val", "test")
TRAIN_STYLES = ("imperative", "polite", "casual", "terse", "first_person", "spoken", "fronted", "context")
TEST_STYLES = ("reordered", "narrative")
STYLES = TRAIN_STYLES + TEST_STYLES

TEST_FAMILIES = frozenset(
    {
        "multi:calendar+note_append",
        "multi:directions+reminder",
        "multi:note_create+sms",
        "multi:email+maps_open",
        "multi:reminder+zoom",
    }
)

# Share of test examples drawn from the held-out families (the rest use held-out styles).
TEST_FAMILY_SHARE = 0.15

T = TypeVar("T")


def held_out(entry: str) -> bool:
    """True for the vocabulary entries reserved for test (a stable hash, ~1 in 6)."""
    return zlib.crc32(entry.encode("utf-8")) % 6 == 0


def pool_for(split: str, entries: Sequence[T]) -> list[T]:
    """The entries a split may use: test gets the held-out ones, train and val the rest."""
    test = split == "test"
    kept = [e for e in entries if held_out(str(e)) == test]
    return kept or list(entries)


def styles_for(split: str) -> tuple[str, ...]:
    """Phrasing style families a split may use."""
    return TEST_STYLES if split == "test" else TRAIN_STYLES
