"""Filling a template's slots: people, topics, dates, places, files, notes.

``Filler.fill(name)`` chooses a value for one slot, records what the gold plan needs in
``values`` and returns the piece of request text. Every bank is split-aware (``Pools``),
and a good share of names, places and files is synthesized so that the planner must
copy spans instead of recalling them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from random import Random
from typing import Any

from tinyagent.core.span_grammar import NOT_A_NAME_START
from training.dataset import lexicon, names, smalltalk, when
from training.dataset.split import pool_for
from training.dataset.voice import Kind, Piece, Voice, typos


@dataclass(frozen=True)
class Contact:
    """A person as the user names them, or an address / number given directly."""

    name: str = ""
    direct: str = ""

    @property
    def surface(self) -> str:
        return self.direct or self.name


class Pools:
    """Every bank, restricted to what one split may use."""

    def __init__(self, split: str) -> None:
        keep: Callable[[list[str]], list[str]] = functools.partial(pool_for, split)
        self.given = keep(names.given_pool())
        self.family = keep(names.family_pool())
        self.nicknames = keep(names.NICKNAMES)
        self.relations = keep(names.RELATIONS)
        self.vietnamese_middle = keep(names.VIETNAMESE_MIDDLE)
        self.vietnamese_given = keep(names.VIETNAMESE_GIVEN)
        self.vietnamese_family = keep(names.VIETNAMESE_FAMILY)
        self.cities = keep(lexicon.CITIES)
        self.landmarks = keep(lexicon.LANDMARKS)
        self.projects = keep(lexicon.PROJECTS)
        self.banks: dict[str, list[str]] = {
            key: keep(getattr(lexicon, key.upper()))
            for key in (
                "topics",
                "events",
                "tasks",
                "sms_messages",
                "email_messages",
                "forward_notes",
                "reply_messages",
                "files",
                "note_titles",
                "note_contents",
                "folders",
                "list_names",
                "calendars",
                "rooms",
            )
        }
        self.banks.update(
            {
                key: keep(getattr(smalltalk, key.upper()))
                for key in ("knowledge", "chit_chat", "impossible", "countries")
            }
        )


# How each part of a template ("{state} {document}") is drawn; "{person}" and "{person2}",
# two different people, are drawn together by ``Filler._fill_parts``.
_PARTS: dict[str, Callable[[Pools, Random], str]] = {
    "occasion": lambda _, r: r.choice(lexicon.OCCASIONS),
    "document": lambda _, r: r.choice(lexicon.DOCUMENT_NOUNS),
    "state": lambda _, r: r.choice(lexicon.DOC_STATES),
    "project": lambda p, r: r.choice([*p.projects, synth_name(r)]),
    "city": lambda p, r: r.choice(p.cities),
    "topic": lambda p, r: r.choice(p.banks["topics"]),
    "given": lambda p, r: r.choice(p.given),
    "family": lambda p, r: r.choice(p.family),
    "place": lambda p, r: r.choice(p.landmarks),
    "year": lambda _, r: str(r.randint(2019, 2027)),
    "num": lambda _, r: str(r.randint(1000, 99999)),
    "small": lambda _, r: str(r.randint(1, 9)),
    "quarter": lambda _, r: str(r.randint(1, 4)),
    "mm": lambda _, r: f"{r.randint(1, 12):02d}",
    "dd": lambda _, r: f"{r.randint(1, 28):02d}",
}


@functools.cache
def pools(split: str) -> Pools:
    """The pools of a split (built once)."""
    return Pools(split)


def synth_name(rng: Random) -> str:
    """A pronounceable name that is in no bank: "Zhaoru", "Kembalt"."""
    n = rng.choice((2, 2, 2, 3, 1))
    word = "".join(rng.choice(names.ONSETS) + rng.choice(names.NUCLEI) for _ in range(n))
    word += rng.choice(names.CODAS)
    if len(word) <= 2 or word in NOT_A_NAME_START:  # "Find", "Her", "Book": words, not names
        return synth_name(rng)
    return word[:1].upper() + word[1:]


def ascii_fold(text: str) -> str:
    """ "José Álvarez" -> "Jose Alvarez" (for synthesized email addresses)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def title_of(phrase: str) -> str:
    """A title from a phrase as said: "the budget review" -> "Budget review"."""
    words = phrase.strip().split(" ")
    while len(words) > 1 and words[0].lower() in ("the", "a", "an", "my", "our", "your", "this"):
        words = words[1:]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def split_extension(name: str) -> tuple[str, str]:
    """ "Q3 report.pdf" -> ("Q3 report", ".pdf"); a name without an extension -> (name, "")."""
    stem, dot, ext = name.rpartition(".")
    return (stem, dot + ext) if dot and 2 <= len(ext) <= 5 and " " not in ext else (name, "")


def file_title(name: str) -> str:
    """An email subject for a file: "Q3 report.pdf" -> "Q3 report"."""
    return title_of(split_extension(name)[0])


def place_name(text: str) -> str:
    """A place as the plan names it: the request's words without a leading "the"."""
    return text[4:] if text[:4].lower() == "the " and len(text) > 4 else text


def sentence(text: str) -> str:
    """A message as the plan writes it: the first letter capitalized."""
    return text[:1].upper() + text[1:]


@dataclass
class Filler:
    """Chooses slot values for one intent of one request."""

    rng: Random
    voice: Voice
    now: datetime
    pools: Pools
    options: Mapping[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    pieces: dict[str, Piece] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # names already used in this request

    def fill(self, slot: str) -> Piece:
        """The text for ``slot`` (the same text again when a template repeats it)."""
        if slot not in self.pieces:
            self.pieces[slot] = getattr(self, f"_{slot}")()
        return self.pieces[slot]

    # ---- people -----------------------------------------------------------------------

    def person(self) -> str:
        """A person's name in one of many forms, unused so far in this request."""
        p, r = self.pools, self.rng
        while True:
            roll = r.random()
            if roll < 0.34:
                name = r.choice(p.given)
            elif roll < 0.56:
                name = f"{r.choice(p.given)} {r.choice(p.family)}"
            elif roll < 0.62:
                name = self._long_name()
            elif roll < 0.67:
                name = r.choice(p.nicknames)
            elif roll < 0.71:
                name = r.choice(p.relations)
            elif roll < 0.75:
                name = f"{r.choice(names.TITLES)} {r.choice(p.family)}"
            elif roll < 0.90:
                name = synth_name(r)
            else:
                name = f"{synth_name(r)} {r.choice((synth_name(r), r.choice(p.family)))}"
            name = self.voice.name(name)
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name

    def _long_name(self) -> str:
        """A name of three or more words."""
        p, r = self.pools, self.rng
        roll = r.random()
        if roll < 0.3:
            return f"{r.choice(names.TITLES)} {r.choice(p.given)} {r.choice(p.family)}"
        if roll < 0.55:
            glue = r.choice((" ", " ", "-"))  # Spanish and Portuguese double family names
            return f"{r.choice(p.given)} {r.choice(p.family)}{glue}{r.choice(p.family)}"
        if roll < 0.8:
            middle = r.choice(p.vietnamese_middle)
            return f"{r.choice(p.vietnamese_family)} {middle} {r.choice(p.vietnamese_given)}"
        particle = r.choice(names.IRISH_PARTICLES)
        return f"{r.choice(p.given)} {particle} {r.choice((r.choice(p.family), synth_name(r)))}"

    def _address(self, name: str) -> str:
        first, *rest = ascii_fold(name).lower().replace(".", "").replace("'", "").split() or ["x"]
        last = rest[-1] if rest else ""
        user = self.rng.choice(
            [
                f"{first}.{last}" if last else first,
                f"{first[:1]}{last}" if last else first,
                f"{first}{self.rng.randint(1, 99)}",
                f"{first}_{last}" if last else f"{first}_x",
            ]
        )
        return f"{user.strip('._') or 'me'}@{self.rng.choice(lexicon.EMAIL_DOMAINS)}"

    def _phone(self) -> str:
        r = self.rng
        d = [str(r.randint(0, 9)) for _ in range(10)]
        return r.choice(
            [
                f"+1 {r.randint(201, 989)} 555 {''.join(d[:4])}",
                f"({r.randint(201, 989)}) 555-{''.join(d[:4])}",
                f"{r.randint(201, 989)}-555-{''.join(d[:4])}",
                f"+44 7700 900{''.join(d[:3])}",
                f"+49 151 {''.join(d[:8])}",
                f"+33 6 {d[0]}{d[1]} {d[2]}{d[3]} {d[4]}{d[5]} {d[6]}{d[7]}",
                f"+91 98{''.join(d[:3])} {''.join(d[3:8])}",
                f"+234 803 {''.join(d[:3])} {''.join(d[3:7])}",
                f"+81 90-{''.join(d[:4])}-{''.join(d[4:8])}",
                f"+55 11 9{''.join(d[:4])}-{''.join(d[4:8])}",
                f"07700 900{''.join(d[:3])}",
                f"555-{''.join(d[:4])}",
                f"+52 55 {''.join(d[:4])} {''.join(d[4:8])}",
            ]
        )

    def contacts(self, channel: str, count: int, direct_rate: float) -> list[Contact]:
        out = []
        for _ in range(count):
            if self.rng.random() < direct_rate:
                out.append(
                    Contact(direct=self._phone() if channel == "sms" else self._address(self.person()))
                )
            else:
                out.append(Contact(name=self.person()))
        return out

    def _people_piece(self, key: str, people: list[Contact]) -> Piece:
        self.values[key] = people
        items = [c.surface for c in people]
        if len(items) == 1:
            return Piece(items[0], Kind.NAME)
        glue = (
            self.rng.choice((" and ", " and ", " and ", " & ", " n ", " + ", ", "))
            if len(items) == 2
            else self.rng.choice((" and ", " and ", ", ", ", and "))
        )
        text = ", ".join(items[:-1]) + glue + items[-1]
        return Piece(text, Kind.NAME)

    def _count(self, key: str, default: tuple[int, ...]) -> int:
        return int(self.rng.choice(self.options.get(key, default)))

    def _who(self) -> Piece:
        channel = self.options.get("channel", "email")
        count = self._count("who_counts", (1, 1, 1, 1, 2, 2, 3))
        return self._people_piece("who", self.contacts(channel, count, self.options.get("direct", 0.12)))

    def _ccs(self) -> Piece:
        return self._people_piece("cc", self.contacts("email", self._count("cc_counts", (1, 1, 1, 2)), 0.15))

    def _guests(self) -> Piece:
        return self._people_piece(
            "guests", self.contacts("email", self._count("guest_counts", (1, 1, 2, 2, 3)), 0.1)
        )

    def _one(self) -> Piece:
        self.values["one"] = name = self.person()
        return Piece(name, Kind.NAME)

    # ---- things -----------------------------------------------------------------------

    def _fill_parts(self, template: str) -> str:
        p, r = self.pools, self.rng
        # only the parts the template names are drawn, in the template's order
        values: dict[str, str] = {}
        for key in re.findall(r"{(\w+)}", template):
            if key in values:
                continue
            if key in ("person", "person2"):  # "lunch with {person} and {person2}": two people
                values["person"], values["person2"] = r.sample(p.given, 2)
            else:
                values[key] = _PARTS[key](p, r)
        return template.format(**values)

    def _bank(self, bank: str, parts: list[str], share: float) -> str:
        if parts and self.rng.random() < share:
            return self._fill_parts(self.rng.choice(parts))
        return self.rng.choice(self.pools.banks[bank])

    def _value(self, key: str, text: str) -> Piece:
        self.values[key] = text = self.voice.value(text)
        return Piece(text, Kind.VALUE)

    def _name(self, key: str, text: str) -> Piece:
        self.values[key] = text = self.voice.name(text)
        return Piece(text, Kind.NAME)

    def _text(self, key: str, text: str) -> Piece:
        shaped = self.voice.shape(text)
        self.values[key] = text = typos(shaped, self.voice.typo_rate / 2, self.rng)
        if text != shaped:
            self.values["typo"] = True  # the plan copies it: tagged, so it can be counted
        return Piece(text, Kind.TEXT)

    def _topic(self) -> Piece:
        return self._value("topic", self._bank("topics", lexicon.TOPIC_PARTS, 0.35))

    def _event(self) -> Piece:
        return self._value("event", self._bank("events", lexicon.EVENT_PARTS, 0.35))

    def _task(self) -> Piece:
        return self._value("task", self._bank("tasks", lexicon.TASK_PARTS, 0.3))

    def _say(self) -> Piece:
        bank = self.options.get("say", "sms_messages")
        parts = lexicon.SMS_PARTS if bank == "sms_messages" else []
        return self._text("say", self._bank(bank, parts, 0.25))

    def _fn(self) -> Piece:
        return self._text("fnote", self._bank("forward_notes", [], 0))

    def _ctext(self) -> Piece:
        return self._text("content", self._bank("note_contents", lexicon.CONTENT_PARTS, 0.4))

    def _ntext(self) -> Piece:
        return self._text("notes", self._bank("note_contents", lexicon.CONTENT_PARTS, 0.4))

    def place(self) -> str:
        r, p = self.rng, self.pools
        roll = r.random()
        if roll < 0.35:
            return r.choice(p.landmarks)
        if roll < 0.6:
            return self._fill_parts(r.choice(lexicon.BUSINESS_PARTS))
        if roll < 0.8:
            street = r.choice((r.choice(p.family), synth_name(r), r.choice(p.given)))
            suffix = r.choice(lexicon.STREET_SUFFIXES)
            line = (
                f"{suffix} {street} {r.randint(1, 250)}"
                if suffix in ("Calle", "Rua", "Via", "Rue")
                else f"{r.randint(1, 4999)} {street} {suffix}"
            )
            return line + (f", {r.choice(p.cities)}" if r.random() < 0.4 else "")
        return r.choice(p.cities)

    def _place(self) -> Piece:
        return self._name("place", self.place())

    def _dest(self) -> Piece:
        return self._name("dest", self.place())

    def _origin(self) -> Piece:
        return self._name("origin", self.place())

    def _venue(self) -> Piece:
        text = self.rng.choice(self.pools.banks["rooms"]) if self.rng.random() < 0.3 else self.place()
        return self._name("loc", text)

    def _file(self) -> Piece:
        return self._a_file("file")

    def _otherfile(self) -> Piece:  # a second attachment: "my portfolio and CV"
        return self._a_file("file2")

    def _a_file(self, key: str) -> Piece:
        while True:
            text = self._bank("files", lexicon.FILE_PARTS, 0.45)
            if text.casefold() != str(self.values.get("file", "")).casefold():
                break  # not the first attachment again (its value may be lowercased)
        stem, extension = split_extension(text)
        if self.options.get("pdf") and extension not in ("", ".pdf"):
            text = stem + ".pdf"  # only PDFs are summarized, not "Budget.xlsx"
        elif not extension and self.rng.random() < 0.3:
            roll = self.rng.random()
            if roll < 0.55:
                text += ".pdf" if self.options.get("pdf") else self.rng.choice(lexicon.FILE_EXTENSIONS)
            elif roll < 0.8 or self.options.get("pdf"):
                # "the lease pdf": the kind of file is said, the name is "lease"
                piece = self._name(key, text)
                kind = self.rng.choice((" pdf", " pdf", " PDF"))
                return Piece(piece.text + self.voice.value(kind), Kind.NAME)
        return self._name(key, text)

    def _title(self) -> Piece:
        return self._name("title", self._bank("note_titles", lexicon.NOTE_PARTS, 0.35))

    def _fold(self) -> Piece:
        return self._name(
            "folder", self._bank("folders", [], 0) if self.rng.random() < 0.85 else synth_name(self.rng)
        )

    def _lst(self) -> Piece:
        return self._name("list", self._bank("list_names", [], 0))

    def _calname(self) -> Piece:
        return self._name("calendar", self._bank("calendars", [], 0))

    # ---- time -------------------------------------------------------------------------

    def _when(self) -> Piece:
        timed = self.options.get("when") == "timed" or self.rng.random() < 0.55
        value = when.sample_timed(self.rng, self.now) if timed else when.sample_day(self.rng, self.now)
        self.values["when"] = value
        return Piece(self.voice.value(value.text), Kind.VALUE)

    def _range(self) -> Piece:
        value, end = when.sample_range(self.rng, self.now)
        self.values["when"], self.values["end"] = value, end
        return Piece(self.voice.value(value.text), Kind.VALUE)

    def _adur(self) -> Piece:  # before the noun: "a 20-minute zoom", "a 45 min design review"
        minutes, text = self.rng.choice(ADJECTIVE_DURATIONS)
        self.values["duration"] = minutes
        return Piece(self.voice.value(text), Kind.VALUE)

    def _span(self) -> Piece:
        minutes, text = self.rng.choice(DURATIONS)
        self.values["duration"] = minutes
        return Piece(self.voice.value(text), Kind.VALUE)

    # ---- requests no tool serves ------------------------------------------------------

    def _smalltalk(self, bank: str) -> Piece:
        r, p = self.rng, self.pools
        template = r.choice(p.banks[bank])
        fills: dict[str, Callable[[], str]] = {
            "person": self.person,
            "place": lambda: r.choice(p.landmarks),
            "city": lambda: r.choice(p.cities),
            "country": lambda: r.choice(p.banks["countries"]),
            "when": lambda: self.voice.value(when.sample_timed(r, self.now).text),
            "day": lambda: self.voice.value(when.sample_day(r, self.now).text),
        }
        # only the slots the entry has are drawn
        text = template.format(**{k: fill() for k, fill in fills.items() if "{" + k + "}" in template})
        return Piece(text, Kind.LITERAL)

    def _q(self) -> Piece:
        return self._smalltalk("knowledge")

    def _act(self) -> Piece:
        return self._smalltalk("impossible")

    def _chat(self) -> Piece:
        return self._smalltalk("chit_chat")


DURATIONS = [
    (30, "30 minutes"),
    (30, "half an hour"),
    (45, "45 minutes"),
    (45, "45 min"),
    (15, "15 minutes"),
    (90, "an hour and a half"),
    (90, "90 minutes"),
    (120, "2 hours"),
    (120, "two hours"),
    (180, "3 hours"),
    (60, "an hour"),
    (60, "one hour"),
    (20, "20 minutes"),
    (25, "25 mins"),
    (150, "two and a half hours"),
    (240, "4 hours"),
    (10, "10 minutes"),
]

ADJECTIVE_DURATIONS = [
    (20, "20-minute"),
    (45, "45 min"),
    (30, "half-hour"),
    (30, "30-minute"),
    (90, "90-minute"),
    (90, "90 minute"),
    (60, "one-hour"),
    (60, "hour-long"),
    (15, "15 min"),
    (120, "two-hour"),
    (45, "45-minute"),
    (25, "25 min"),
    (10, "10-minute"),
]
