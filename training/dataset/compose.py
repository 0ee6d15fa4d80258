"""From a seed to one (request, gold plan) example: pick family, style, template and voice,
fill the slots, build the plan, type the request.

A multi-intent request joins several single-intent clauses with a connector; its plan is
the clauses' plans one after the other, each numbered on from the last.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from typing import Any

from tinyagent.core.plan import parse_plan, validate_plan
from tinyagent.tools.registry import REGISTRY
from training.dataset.families import FAMILIES, PlanBuilder
from training.dataset.fragments import FRAGMENTS, OPTIONAL_RATE
from training.dataset.phrasing_chains import CHAINS, CONNECTORS
from training.dataset.phrasing_comm import COMM
from training.dataset.phrasing_plan import PLAN
from training.dataset.slots import Filler, pools
from training.dataset.split import TEST_FAMILIES, TEST_FAMILY_SHARE, styles_for
from training.dataset.tagging import tags_for
from training.dataset.voice import Kind, Piece, Voice, finish, sample_voice

_SLOT = re.compile(r"\{([A-Za-z]+)(\?)?\}")
# Words a verb-initial template may start with ("can you ..." may go before it).
_VERB_WORDS = """
email send write compose draft shoot drop ping fire hit text message let tell txt sms msg mail find
look get grab dig reply respond answer forward pass fwd bounce fw schedule add create book put block
stick pencil throw lock set make spin remind nudge bug jot start open show pull bring append tack
update navigate give drive walk route summarize sum boil go email
"""
_VERBS = frozenset(_VERB_WORDS.split())

# Families that can be one clause of a multi-intent request.
MULTI_POOL = (
    "email",
    "sms",
    "reminder",
    "calendar",
    "zoom",
    "note_create",
    "note_append",
    "note_open",
    "directions",
    "maps_open",
    "lookup_phone",
    "lookup_email",
    "lookup_both",
    "file_open",
    "summarize",
    "forward",
    "reply",
    "chain_file_email",  # "…, email Fatima the meeting notes, and …"
    "chain_summary_email",
)
# Independent pairs that read like a chain ("text Jürgen that I'm on my way and show me
# walking directions to Café Einstein" sends the message, not the route). The chains
# (directions/zoom/summary/note -> text or email) are far more common in the data than
# these pairs, so without them a message beside a route, a link or a summary got "$N".
LOOKALIKES = (
    ("sms", "directions"),
    ("sms", "zoom"),
    ("sms", "maps_open"),
    ("sms", "summarize"),
    ("sms", "note_open"),
    ("email", "zoom"),
    ("email", "summarize"),
    ("email", "directions"),
    ("email", "note_open"),
    ("chain_file_email", "sms"),
    ("chain_file_email", "zoom"),
    ("calendar", "sms"),
    ("calendar", "email"),
)
LOOKALIKE_SHARE = 0.3  # of train's multi-intent requests
CLAUSE_STYLES = {
    "train": ("imperative", "casual", "terse", "polite", "first_person", "fronted", "context"),
    "test": ("reordered", "narrative"),
}
FIRST_ONLY_STYLES = ("polite", "narrative", "context")

WEIGHTS: dict[str, float] = {
    "email": 8,
    "sms": 8,
    "lookup_email": 2,
    "lookup_phone": 2,
    "lookup_both": 1.5,
    "reply": 4,
    "forward": 4,
    "calendar": 8,
    "zoom": 4,
    "reminder": 9,
    "note_create": 4,
    "note_open": 3,
    "note_append": 4,
    "maps_open": 3,
    "directions": 5,
    "file_open": 2,
    "summarize": 3,
    "chain_summary_email": 3,
    "chain_summary_note": 3,
    "chain_summary_sms": 2,
    "chain_summary_reply": 1.5,
    "chain_summary_append": 1.5,
    "chain_zoom_calendar": 3,
    "chain_zoom_email": 3,
    "chain_zoom_invite": 2,
    "chain_zoom_sms": 1.5,
    "chain_place_sms": 1.5,
    "chain_place_email": 1.5,
    "chain_directions_sms": 1.5,
    "chain_note_email": 1.5,
    "chain_note_sms": 1.5,
    "chain_file_email": 3,
    "no_tool_knowledge": 5,
    "no_tool_chit_chat": 2.5,
    "no_tool_impossible": 6,
    "multi": 18,
}

# Train sees more multi-intent requests, and more of three, than val and test: they are
# the hardest to learn (each clause's arguments must stay with its own action).
TRAIN_MULTI_BOOST = 2.0


@dataclass(frozen=True)
class Template:
    """One wording of one intent family, in one style family."""

    id: str
    family: str
    style: str
    text: str
    fixed: Mapping[str, Any] = field(default_factory=dict)

    @property
    def verb_initial(self) -> bool:
        """True when the request starts with a verb, so "can you ..." may go before it."""
        first = re.split(r"[\s:,]", self.text, maxsplit=1)[0]
        return first.lower() in _VERBS


@functools.cache
def templates() -> dict[str, dict[str, list[Template]]]:
    """Every template, by family and style; ids are ``family/style/index``."""
    out: dict[str, dict[str, list[Template]]] = {}
    for bank in (COMM, PLAN, CHAINS):
        for family, styles in bank.items():
            for style, entries in styles.items():
                for i, entry in enumerate(entries):
                    text, fixed = (entry, {}) if isinstance(entry, str) else entry
                    out.setdefault(family, {}).setdefault(style, []).append(
                        Template(f"{family}/{style}/{i}", family, style, text, fixed)
                    )
    return out


_POSSESSIVE = re.compile(r"[^\W\d_][\w-]*'s\b")
_ARTICLE_END = re.compile(r"\b(?:the|my) $", re.IGNORECASE)


def render(text: str, filler: Filler) -> list[Piece]:
    """The pieces of a template (or fragment) with its slots filled."""
    pieces: list[Piece] = []
    pos = 0
    for match in _SLOT.finditer(text):
        if match.start() > pos:
            pieces.append(Piece(text[pos : match.start()], Kind.LITERAL))
        pos = match.end()
        name, optional = match.group(1), bool(match.group(2))
        key = name[0].lower() + name[1:]
        if optional and filler.rng.random() >= OPTIONAL_RATE.get(key, 0.5):
            continue
        if key in FRAGMENTS:
            entry = filler.rng.choice(FRAGMENTS[key])
            fragment, meta = (entry, {}) if isinstance(entry, str) else entry
            filler.values.update(meta)
            sub = render(fragment, filler)
        else:
            sub = ([Piece(" ", Kind.LITERAL)] if optional else []) + [filler.fill(key)]
            if pieces and pieces[-1].kind is Kind.LITERAL and _POSSESSIVE.match(sub[-1].text):
                # "the {file}" with "Tiago's CV" reads "Tiago's CV", not "the Tiago's CV"
                pieces[-1] = Piece(_ARTICLE_END.sub("", pieces[-1].text), Kind.LITERAL)
        if name[0].isupper() and sub and sub[0].kind is not Kind.NAME and not filler.voice.lowercase:
            sub[0] = Piece(sub[0].text[:1].upper() + sub[0].text[1:], sub[0].kind)
        pieces += sub
    if pos < len(text):
        pieces.append(Piece(text[pos:], Kind.LITERAL))
    return pieces


@dataclass(frozen=True)
class Example:
    """One case of the evaluation format, plus what produced it."""

    id: str
    now: str
    query: str
    plan: str
    tags: tuple[str, ...]
    family: str
    style: str
    templates: tuple[str, ...]
    keep: tuple[str, ...]  # spans the plan depends on; a paraphrase must keep them

    def record(self) -> dict[str, Any]:
        """The JSON object written for this example."""
        return {
            "id": self.id,
            "now": self.now,
            "query": self.query,
            "plan": self.plan,
            "tags": list(self.tags),
            "family": self.family,
            "style": self.style,
            "templates": list(self.templates),
        }


def sample_now(rng: Random) -> datetime:
    """A moment in 2023-2028, between 06:00 and midnight."""
    day = datetime(2023, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    return day + timedelta(seconds=rng.randrange(6 * 3600, 24 * 3600))


def pick_family(rng: Random, split: str) -> str:
    """A family id (``multi:...`` for several intents), as the split allows."""
    if split == "test" and rng.random() < TEST_FAMILY_SHARE:
        return rng.choice(sorted(TEST_FAMILIES))
    names = list(WEIGHTS)
    weights = [WEIGHTS[n] * (TRAIN_MULTI_BOOST if n == "multi" and split == "train" else 1) for n in names]
    while True:
        family = rng.choices(names, weights=weights)[0]
        if family == "multi":
            return _multi_family(rng, split)
        if family not in TEST_FAMILIES:
            return family


def _multi_family(rng: Random, split: str) -> str:
    while True:
        if split == "train" and rng.random() < LOOKALIKE_SHARE:
            parts = list(rng.choice(LOOKALIKES))
            if rng.random() < 0.3:
                parts.append(rng.choice([f for f in MULTI_POOL if f not in parts]))
        else:
            parts = rng.sample(MULTI_POOL, rng.choice((2, 2, 3) if split == "train" else (2, 2, 2, 3)))
        pairs = {f"multi:{'+'.join(sorted((a, b)))}" for a in parts for b in parts if a < b}
        if not pairs & TEST_FAMILIES:
            return f"multi:{'+'.join(sorted(parts))}"


def _clause(
    rng: Random, family: str, styles: tuple[str, ...], filler: Filler
) -> tuple[Template, list[Piece]]:
    options = templates()[family]
    style = rng.choice([s for s in styles if s in options])
    template = rng.choice(options[style])
    filler.values.update(template.fixed)
    return template, render(template.text, filler)


@dataclass
class _Draft:
    """A request being written clause by clause, and its plan."""

    rng: Random
    split: str
    voice: Voice
    now: datetime
    total: int  # how many intents the request has
    builder: PlanBuilder = field(default_factory=PlanBuilder)
    pieces: list[Piece] = field(default_factory=list)
    used: list[Template] = field(default_factory=list)
    value_sets: list[dict[str, Any]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    question: bool = False

    def add(self, intent: str) -> None:
        """Write one intent's clause and add its actions to the plan."""
        n = len(self.used)
        filler = Filler(
            self.rng, self.voice, self.now, pools(self.split), FAMILIES[intent].options, taken=self.taken
        )
        styles = styles_for(self.split)
        if self.total > 1:
            clause_styles = CLAUSE_STYLES["test" if self.split == "test" else "train"]
            styles = tuple(s for s in clause_styles if n == 0 or s not in FIRST_ONLY_STYLES)
        template, clause = _clause(self.rng, intent, styles, filler)
        FAMILIES[intent].build(filler.values, self.builder)
        self.used.append(template)
        self.value_sets.append(filler.values)
        if self.total > 1:
            self.question = self.question or (n == 0 and template.text.endswith("?"))
            connector = _connector(self.rng, self.split, n, self.total, self.pieces) if n else ""
            if connector.startswith(".") and self.pieces and self.pieces[-1].text.endswith((".", "?", "!")):
                connector = connector[1:]  # "at 3 p.m." or "… my number?" already ends the sentence
            self.pieces += [Piece(connector, Kind.LITERAL)] if connector else []
            clause = _as_clause(clause, first=n == 0, after=connector)
        self.pieces += clause


def make_example(rng: Random, split: str, family: str, example_id: str) -> Example:
    """One example of ``family`` ("multi:a+b" joins clauses of a and b)."""
    now = sample_now(rng)
    voice = sample_voice(rng, split)
    intents = family.split(":", 1)[1].split("+") if family.startswith("multi:") else [family]
    rng.shuffle(intents)  # the order of mention; the family id lists them sorted
    draft = _Draft(rng, split, voice, now, len(intents))
    for intent in intents:
        draft.add(intent)
    pieces = draft.pieces + ([Piece("?", Kind.LITERAL)] if draft.question else [])
    query, typo = finish(pieces, voice, rng, verb_initial=draft.used[0].verb_initial)
    typo = typo or any(v.get("typo") for v in draft.value_sets)
    plan = draft.builder.text()
    tasks = validate_plan(parse_plan(plan), REGISTRY)  # the generator's own guarantee; deps come from here
    return Example(
        id=example_id,
        now=now.strftime("%Y-%m-%d %H:%M:%S"),
        query=query,
        plan=plan,
        tags=tags_for(tasks, draft.value_sets, voice_tags(voice, query, typo), family),
        family=family,
        style="+".join(dict.fromkeys(t.style for t in draft.used)),
        templates=tuple(t.id for t in draft.used),
        keep=tuple(p.text for p in pieces if p.kind is not Kind.LITERAL and p.text.strip()),
    )


def voice_tags(voice: Voice, query: str, typo: bool) -> list[str]:
    """The voice's tags, "typos" when one was made, "diacritics" for non-ASCII letters."""
    out = voice.tags() + (["typos"] if typo else [])
    return out + (["diacritics"] if any(c.isalpha() and ord(c) > 127 for c in query) else [])


def _connector(rng: Random, split: str, n: int, total: int, after: list[Piece]) -> str:
    options = CONNECTORS["test" if split == "test" else "train"]
    if after and after[-1].kind is Kind.TEXT:
        # after a message, "and ..." would read as more of the message: start a new sentence
        return rng.choice([c for c in options if c.startswith(".")])
    if total == 3 and n == 1 and split != "test":
        return ", "
    return rng.choice(options)


def _as_clause(pieces: list[Piece], *, first: bool, after: str) -> list[Piece]:
    """Drop a clause's own end mark; lowercase its first word unless a sentence starts."""
    out = list(pieces)
    if out and out[-1].kind is Kind.LITERAL:
        out[-1] = Piece(out[-1].text.rstrip("?.! "), Kind.LITERAL)
    # a capitalized date or topic slot ("{When}, ...") follows the same rule as words
    if not first and out and out[0].kind in (Kind.LITERAL, Kind.VALUE):
        text = out[0].text
        starts_sentence = after.rstrip().endswith((".", ":"))
        if starts_sentence:
            text = text[:1].upper() + text[1:]
        elif not text.startswith("I ") and not text[:2].isupper():
            text = text[:1].lower() + text[1:]
        out[0] = Piece(text, out[0].kind)  # a topic stays a value: no typos in what the plan copies
    return out
