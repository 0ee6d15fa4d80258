"""How a request is typed or spoken: case, punctuation, typos, fillers, asides.

A ``Voice`` is drawn once per example, before any value is chosen, because it changes
values the gold plan copies: in lowercase mode a name may be typed "maria" and the plan
then looks up "maria"; a message dictated without punctuation is sent without it.
Typos touch only the template's own words and free text the plan copies verbatim
(the plan copies the typo too); never names, titles or dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from random import Random

from training.dataset.lexicon import lines


class Kind(Enum):
    """What a piece of a request is, which decides what noise may touch it."""

    LITERAL = "literal"  # the template's own words: any noise
    NAME = "name"  # copied verbatim into the plan: never changed after it is chosen
    TEXT = "text"  # free text copied verbatim (a message): noise applied when chosen
    VALUE = "value"  # a date phrase or a topic the plan derives a value from


@dataclass(frozen=True)
class Piece:
    """A stretch of the request."""

    text: str
    kind: Kind


# (text, needs a verb right after it, makes the request a question)
_PREFIXES = {
    "train": [
        ("hey ", False, False),
        ("hey, ", False, False),
        ("hi, ", False, False),
        ("ok ", False, False),
        ("okay so ", False, False),
        ("yo ", False, False),
        ("hey there, ", False, False),
        ("hey assistant, ", False, False),
        ("please ", True, False),
        ("can you ", True, True),
        ("could you ", True, True),
        ("hey can you ", True, True),
        ("I need you to ", True, False),
        ("would you ", True, True),
        ("pls ", True, False),
        ("go ahead and ", True, False),
        ("can you please ", True, True),
        ("right, ", False, False),
    ],
    "test": [
        ("alright, ", False, False),
        ("excuse me, ", False, False),
        ("quick one: ", False, False),
        ("do me a favor and ", True, False),
        ("be a dear and ", True, False),
        ("would you kindly ", True, True),
        ("if you could, ", True, False),
    ],
}
_SUFFIXES = {
    "train": [
        " please",
        ", thanks",
        " thx",
        ", thank you",
        " pls",
        " when you get a chance",
        " thanks!",
        ", if possible",
        " real quick",
    ],
    "test": [" cheers", ", much appreciated", " ty", ", ta"],
}
# Sentences people put around a request that ask for nothing: a mood, a situation, a
# reason. Train and val only (the test split's "narrative" templates bring their own), so
# the model learns that a stated situation is not an action, even when it mentions mail,
# a calendar, a trip or a file. No names or places: a request may point back at those
# ("text her"), and an aside must never be what it points at.
_ASIDES = lines("""
Long day; It's been a crazy morning; Sorry, typing fast; Busy week; My week is a mess
So much going on right now; I'm running between meetings; I'm on my phone so this is short
My inbox is out of control today; The calendar is packed this month; Work has been nonstop
I'm finally home; The kids are asleep at last; Just got off the train; Still at the office
Just got back from the gym; Sitting in traffic; I'm at the airport; Coffee hasn't kicked in yet
Trying to get organized; New month, fresh start; I keep forgetting things lately
My memory is terrible this week; Thinking ahead for once; Planning the week; I'm swamped
Lunch break, so quickly; Trying to clear my to-do list; Doing some admin tonight
Everything is happening at once; This has been on my mind; Small thing; It's raining again
The weather is lovely today; I'm a bit behind on everything; Had a long call earlier
My phone is almost dead; I'm half asleep; Weekend mode; Back from vacation and catching up
I don't have my laptop with me; The printer is broken again; My notes are all over the place
Too many tabs open; Finally some quiet time; I'm cooking dinner, so hands are busy
Walking the dog right now; Between two flights; First day back at work; Happy Friday
Monday again; I haven't checked my email all day; My files are a disaster
I never remember these things; This is for work; This one is personal; No rush on this
It's kind of urgent; Hope this makes sense; Prepping for the week ahead; Home from the doctor
I'm trying a new system to stay on top of things; Getting ready for the trip; On the bus now
Waiting for my coffee; Spring cleaning my schedule
""")
_ASIDES_BEFORE = lines("""
Ugh, I almost forgot; Before I forget; Quick favor; Random thing; While I think of it
One more thing off my list; Sorry for the late request; Okay, next thing
""")
_ASIDES_AFTER = lines("""
Thanks in advance; You're a lifesaver; That's all for now; I'll be offline for a bit after this
Let's get this sorted; Okay, I think that's it for today
""")
_ASIDE_RATE = 0.15  # share of train and val requests with an aside
_ASIDE_FIRST = 0.75  # before the request; else after it

_KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"
_PUNCT = re.compile(r"\s*[—–]\s*|\s+-\s+|[,.;:!?]")


@dataclass(frozen=True)
class Voice:
    """The surface habits of one request."""

    lowercase: bool = False
    lower_names: bool = False
    dictation: bool = False  # no punctuation at all, as speech-to-text often writes
    typo_rate: float = 0.0  # chance that a word of the template gets a typo
    prefix: tuple[str, bool, bool] | None = None
    suffix: str = ""
    end: str = "."
    aside: str = ""  # a sentence that asks for nothing ("Long day"), before or after the request
    aside_first: bool = True

    def name(self, value: str) -> str:
        """A name as this person types it (the plan copies it as typed)."""
        return value.lower() if self.lower_names else value

    def value(self, value: str) -> str:
        """A date phrase or topic: case only."""
        return value.lower() if self.lowercase else value

    def shape(self, value: str) -> str:
        """Free text the plan copies verbatim, before typos: case and punctuation."""
        if self.lowercase:
            value = value.lower()
        if self.dictation:
            value = _PUNCT.sub(lambda m: " " if m.group(0).strip() in "—–-" else "", value).strip()
        return value

    def tags(self) -> list[str]:
        """Tags describing this voice, for statistics."""
        out = ["lowercase"] if self.lowercase else []
        out += ["dictation"] if self.dictation else []
        out += ["filler"] if self.prefix or self.suffix else []
        out += ["aside"] if self.aside else []
        return out


def sample_voice(rng: Random, split: str) -> Voice:
    """A voice; the test split uses its own fillers and sign-offs, and no asides."""
    prefixes = _PREFIXES["test" if split == "test" else "train"]
    suffixes = _SUFFIXES["test" if split == "test" else "train"]
    lowercase = rng.random() < 0.22
    dictation = rng.random() < 0.12
    aside, first = "", True
    if split != "test" and rng.random() < _ASIDE_RATE:
        first = rng.random() < _ASIDE_FIRST
        aside = rng.choice(_ASIDES + (_ASIDES_BEFORE if first else _ASIDES_AFTER))
    return Voice(
        lowercase=lowercase,
        lower_names=lowercase and rng.random() < 0.5,
        dictation=dictation,
        typo_rate=rng.choice((0.05, 0.1, 0.15)) if rng.random() < 0.3 else 0.0,
        prefix=rng.choice(prefixes) if rng.random() < 0.25 else None,
        suffix=rng.choice(suffixes) if rng.random() < 0.1 else "",
        end="" if dictation else rng.choice((".", ".", "", "", "!")),
        aside=aside,
        aside_first=first,
    )


def typos(text: str, rate: float, rng: Random) -> str:
    """Swap, drop, double or mistype one letter in some words (letters-only words of 4+)."""
    if rate <= 0:
        return text
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) >= 4 and word.isalpha() and rng.random() < rate:
            words[i] = _typo(word, rng)
    return " ".join(words)


def _typo(word: str, rng: Random) -> str:
    k = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:
        return word[: k - 1] + word[k] + word[k - 1] + word[k + 1 :]
    if op == 1:
        return word[:k] + word[k + 1 :]
    if op == 2:
        return word[:k] + word[k] + word[k:]
    row = next((r for r in _KEYBOARD.split() if word[k].lower() in r), None)
    if not row:
        return word
    j = row.index(word[k].lower())
    near = row[max(0, j - 1) : j] + row[j + 1 : j + 2]
    return word[:k] + rng.choice(near) + word[k + 1 :] if near else word


def finish(pieces: list[Piece], voice: Voice, rng: Random, *, verb_initial: bool) -> tuple[str, bool]:
    """The request as typed (noise on the template's words, filler, end punctuation), and
    whether a typo went into it."""
    out: list[str] = []
    typo = False
    for piece in pieces:
        text = piece.text
        if piece.kind is Kind.LITERAL:
            text, clean = typos(text, voice.typo_rate, rng), text
            typo = typo or text != clean
            if voice.lowercase:
                text = text.lower()
            if voice.dictation:
                text = _PUNCT.sub(lambda m: " " if m.group(0).strip() in "—–-" else "", text)
        out.append(text)
    question = "".join(out).rstrip().endswith("?")
    ends_in_literal = bool(pieces) and pieces[-1].kind is Kind.LITERAL and pieces[-1].text.strip() != ""
    if ends_in_literal:
        # the template's own end mark goes (the voice picks one); a message's "!" stays
        out[-1] = out[-1].rstrip("?.! ")
    body = re.sub(r"\s+", " ", "".join(out)).strip()
    starts_literal = bool(pieces) and pieces[0].kind is Kind.LITERAL and pieces[0].text.strip() != ""
    prefix = voice.prefix if voice.prefix and (verb_initial or not voice.prefix[1]) else None
    lowers = starts_literal or (bool(pieces) and pieces[0].kind is Kind.VALUE)  # "{When}, ..."
    if prefix:
        if lowers:
            body = _lower_start(body)
        body = (prefix[0].lower() if voice.lowercase else prefix[0]) + body
        question = question or prefix[2]
    body += voice.suffix
    if not voice.dictation and body[-1:] not in "?.!":
        body += "?" if question else voice.end
    if not voice.lowercase and (starts_literal or prefix):
        body = body[:1].upper() + body[1:]
    if voice.aside:
        aside, clean = typos(voice.aside, voice.typo_rate, rng), voice.aside
        typo = typo or aside != clean
        # after a message the aside would read as more of it: it goes first then
        first = voice.aside_first or (bool(pieces) and pieces[-1].kind is Kind.TEXT)
        body = _with_aside(body, aside, voice, first=first, recase=bool(prefix) or lowers)
    return body, typo


def _with_aside(body: str, aside: str, voice: Voice, *, first: bool, recase: bool) -> str:
    """``body`` with the aside as a sentence of its own, in the voice's case and punctuation.
    Only a body that starts with the template's own words (``recase``) changes case."""
    if voice.lowercase:
        aside = aside.lower()
    if voice.dictation:  # one run of words, capitalized at the start only
        if not first:
            keep = aside.startswith(("I ", "I'"))
            return f"{body} {aside if keep else aside[:1].lower() + aside[1:]}"
        return f"{aside} {_lower_start(body) if recase else body}"
    if first:
        return f"{aside}. {body[:1].upper() + body[1:] if recase and not voice.lowercase else body}"
    return f"{body}{'' if body[-1:] in '?.!' else '.'} {aside}."


def _lower_start(text: str) -> str:
    """``text`` going on after other words: its first letter lowercased, unless it starts
    with "I " or an acronym."""
    if text.startswith("I ") or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]
