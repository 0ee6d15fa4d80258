"""The words of a request, and GBNF rules whose strings are the request's spans.

A span is one or more consecutive words of the request as written, joined by one
space; its first word may drop leading punctuation, its last trailing punctuation (or
the end of it), a possessive "'s" or a file extension ("Kofi's," gives "Kofi", "plan.pdf" gives "plan"),
and its first letter may be upper-cased ("the budget review" gives "Budget review").
Han and kana characters are words of their own, joined without a space, as those
scripts write no spaces.

The ``span`` rule matches a span as it is written inside a plan's string literal
(``"`` and ``\\`` escaped as ``parse_plan`` reads them back) in O(words) rules: for each
word i, ``b-i`` matches the word from its body on and whatever may follow it in a span.

Words that would change what a plan means are in no span: ``$`` before a digit, ``{``
or a non-ASCII character (``"$5"`` reads as a reference to action 5) and
``<END_OF_PLAN>``; spans do not reach across them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from tinyagent.core.plan import END_OF_PLAN

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_SPAN_WORDS",
    "EntityLimits",
    "Word",
    "found_addresses",
    "gbnf_literal",
    "plan_string",
    "request_words",
    "span_rules",
]

MAX_SPAN_WORDS = 96
"""Words (Han and kana characters count one each) a request may have for span rules."""
MAX_QUERY_CHARS = 1_000
"""Characters a request may have for span rules."""
_MAX_FOUND = 16  # addresses or numbers offered from one request
_PHONE_GROUPS = 6  # "+33 6 12 34 56 78"

_BREAK = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+")  # spaces, controls, lone surrogates
_UNSAFE = re.compile(r"\$(?:[0-9{]|[^\x00-\x7f])")  # would read as a "$N" reference
_CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_PIECE = re.compile(f"{_CJK}|(?:(?!{_CJK}).)+")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+(])[+(]?[0-9][0-9().\- ]*[0-9](?!\w)")
_PHONE_PART = re.compile(r"[+(]?[0-9][0-9().\- ]*[0-9]")
_DROPPABLE = re.compile(r"(?<=[^\W_])(?:['\u2019][sS]|\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{2,7})$")


# --- GBNF literals ------------------------------------------------------------------------------


def gbnf_literal(text: str) -> str:
    """``text`` as a GBNF string literal (printable characters as they are, others escaped)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~" or (char > "\x7f" and unicodedata.category(char)[0] in "LMNPS"):
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _plan_escaped(text: str) -> str:
    """The characters of ``text`` inside a plan's string literal (``parse_plan`` reads them back)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _lit(text: str) -> str:
    """A GBNF literal matching ``text`` written inside a plan string."""
    return gbnf_literal(_plan_escaped(text))


def plan_string(value: str) -> str:
    """A GBNF literal matching ``value`` as a whole plan string, quotes included."""
    return gbnf_literal(f'"{_plan_escaped(value)}"')


# --- the request's words ----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word of the request: leading punctuation, body, trailing punctuation, and what joins
    it to the next word inside a span (" ", "" between Han characters, None at a break)."""

    lead: str
    body: str  # "" for a word of punctuation only, which can neither start nor end a span
    trail: str
    joiner: str | None

    @property
    def shortened(self) -> str | None:
        """The body without a final "'s" ("Kofi's") or file extension ("report.pdf"), if any."""
        match = _DROPPABLE.search(self.body)
        return self.body[: match.start()] if match else None


def request_words(query: str) -> list[Word] | None:
    """The request's words in order; None when the request is beyond the bounds."""
    if len(query) > MAX_QUERY_CHARS:
        return None
    words: list[Word] = []
    for raw in _BREAK.split(query):
        if not raw:
            continue
        if END_OF_PLAN in raw or _UNSAFE.search(raw):
            _end_run(words)  # spans do not reach across an unsafe word
            continue
        pieces = _pieces(raw)
        for k, piece in enumerate(pieces):
            words.append(Word(*_trim(piece), joiner="" if k + 1 < len(pieces) else " "))
        if len(words) > MAX_SPAN_WORDS:
            return None
    _end_run(words)
    return words


def _end_run(words: list[Word]) -> None:
    if words:
        words[-1] = replace(words[-1], joiner=None)


def _pieces(word: str) -> list[str]:
    """A word split into its Han and kana characters; punctuation sticks to a neighbour."""
    pieces: list[str] = []
    for piece in _PIECE.findall(word):
        if pieces and _all_punctuation(piece):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    if len(pieces) > 1 and _all_punctuation(pieces[0]):
        pieces[:2] = [pieces[0] + pieces[1]]
    return pieces


def _all_punctuation(text: str) -> bool:
    return all(_is_punctuation(c) for c in text)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _trim(piece: str) -> tuple[str, str, str]:
    start, end = 0, len(piece)
    while start < end and _is_punctuation(piece[start]):
        start += 1
    while end > start and _is_punctuation(piece[end - 1]):
        end -= 1
    if start == end:
        return piece, "", ""
    return piece[:start], piece[start:end], piece[end:]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- span rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityLimits:
    """Where the span of a thing's name (a person, place, file or note) may start, end and run on.

    A tiny planner sometimes copies "me" ("a friend told me about Amman"), "An" ("there's
    an update"), "it is", "to read the" or "kobayashi but" where a name belongs. Such spans
    do not start on a word of ``never_start`` ("to", "the": a person's name has its own
    list), do not end on a word of ``never_end`` ("me", "the", "but"), end on a word of ``alone_if_capital``
    ("an", "oh", "will": also names) only after another word or where the user wrote it
    with a capital, and run on past the end of a sentence only after a title or an
    initial ("Prof. Mehta", "J. Doe"), never across a dash of its own ("Rome — show"), and
    never take in an email address, which is no name to look up ("legal@kestrel" of
    "forward this to legal@kestrel.law").
    """

    never_start: frozenset[str] = frozenset()
    never_end: frozenset[str] = frozenset()
    alone_if_capital: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()

    def may_start(self, word: Word) -> bool:
        """Whether a span of a thing (not a person: see ``span_rules``) may start on ``word``;
        a word written in capitals is a name ("IT policy.pdf", "US Embassy")."""
        if "@" in word.body:
            return False
        if len(word.body) > 1 and word.body.isupper():
            return True
        return self.never_start.isdisjoint(_folded(text) for text in _texts(word))

    def may_end(self, text: str, *, first: bool, written: str) -> bool:
        """Whether a span may end on ``text`` (a word's body or shortened form)."""
        folded = _folded(text)
        if folded in self.never_end or "@" in text:
            return False
        return not (first and folded in self.alone_if_capital and not written[:1].isupper())

    def may_pass(self, word: Word) -> bool:
        """Whether a span may go on after ``word`` to the next one."""
        if "@" in word.body:
            return False
        if not word.body:
            return not set(word.lead) <= set("\u2013\u2014")  # a dash of its own: "Rome — show it"
        if not any(c in ".!?;" for c in word.trail):
            return True
        return len(word.body) == 1 or word.body.casefold() in self.abbreviations


@dataclass
class _Chain:
    """The rules of one family of spans (``prefix`` before every rule name) and its starts."""

    rules: list[str]
    starts: list[str]
    person: list[str]  # the starts whose first word may begin a person's name


def span_rules(
    words: Sequence[Word], *, person_never_starts: Collection[str] = (), entity: EntityLimits | None = None
) -> list[str]:
    """``span``: every run of words; ``entity-span``: those that may name a thing (all of them
    when ``entity`` is None); ``person-span``: the entity spans that may name a person.

    O(len(words)) rules per family. In the ``span`` family ``b-i`` is word i from its body
    on, with what may follow it in a span; ``w-i`` the same with the word's leading
    punctuation (a span's inner words are written in full); ``a-i`` what may follow the body:
    trailing punctuation, the joiner and the next word. The entity family is the same with
    an ``e`` before each name, and ``ac-i`` for what must follow a body that cannot end a span.
    ``person-span`` has the entity spans whose first word (as written or shortened, case
    folded) is not in ``person_never_starts`` ("Alright", "me", "tell"); it is ``span`` when
    none is left, and ``entity-span`` is ``span`` when no entity span is left.
    """
    never = frozenset(person_never_starts)
    plain = _chain(words, "", None, never)
    rules = ["span ::= " + " | ".join(plain.starts), *plain.rules]
    if entity is None:
        rules.insert(1, "entity-span ::= span")
        rules.insert(2, "person-span ::= " + (" | ".join(plain.person) if plain.person else "span"))
        return rules
    named = _chain(words, "e", entity, never)
    rules.insert(1, "entity-span ::= " + (" | ".join(named.starts) if named.starts else "span"))
    rules.insert(2, "person-span ::= " + (" | ".join(named.person) if named.person else "span"))
    return rules + named.rules


def _chain(words: Sequence[Word], prefix: str, limits: EntityLimits | None, never: frozenset[str]) -> _Chain:
    """The rules and starts of one span family; ``limits`` None: every run of words."""
    # goes_on[i]: a span may go on after word i to word i + 1; reaches[i]: word i, as an inner
    # word, begins the rest of some span
    goes_on = [False] * len(words)
    reaches = [False] * (len(words) + 1)
    for i in reversed(range(len(words))):
        w = words[i]
        goes_on[i] = w.joiner is not None and reaches[i + 1] and (limits is None or limits.may_pass(w))
        ends = [text for text in _texts(w) if _may_end(limits, text, first=False, written=w.body)]
        reaches[i] = goes_on[i] or (bool(w.body) and bool(ends))
    chain = _Chain([], [], [])
    for i, w in enumerate(words):
        if not reaches[i]:
            continue
        more = None
        if goes_on[i]:
            more = (f"{gbnf_literal(w.joiner)} " if w.joiner else "") + _inner(words, i + 1, prefix)
        if not w.body:
            chain.rules.append(f"{prefix}w-{i} ::= {_lit(w.lead)} {more}")
            continue
        after = _after_body(w, more)
        names = _Names(f"{prefix}a-{i}" if after else None, None if more is None else f"{prefix}ac-{i}")
        inner = _alternatives(w, names, limits, capital=False, first=False)
        as_written = _alternatives(w, names, limits, capital=False, first=True)
        capitals = _alternatives(w, names, limits, capital=True, first=True)
        used = {follow for _, follow in (*inner, *as_written, *capitals) if follow}
        if names.may_end in used:
            chain.rules.append(f"{names.may_end} ::= {after}")
        if names.must_go_on in used and more is not None:
            chain.rules.append(f"{names.must_go_on} ::= " + (f"{_lit(w.trail)} " if w.trail else "") + more)
        if inner:
            chain.rules.append(f"{prefix}b-{i} ::= " + " | ".join(_rendered(inner)))
            if w.lead:
                chain.rules.append(f"{prefix}w-{i} ::= {_lit(w.lead)} {prefix}b-{i}")
        starts = ([f"{prefix}b-{i}"] if as_written == inner else _rendered(as_written)) + _rendered(capitals)
        if not starts:
            continue
        if w.lead and inner and as_written == inner:
            starts.insert(0, f"{prefix}w-{i}")  # the leading punctuation kept, as for an inner word
        if limits is None or limits.may_start(w):
            chain.starts += starts
        if never.isdisjoint(text.casefold() for text in _texts(w)):
            chain.person += starts
    return chain


@dataclass(frozen=True)
class _Names:
    """Rule names for what follows a word's body: it may end there, or it must go on."""

    may_end: str | None  # None: nothing may follow the body (no punctuation, no next word)
    must_go_on: str | None  # None: the span cannot go on after this word


def _folded(text: str) -> str:
    """``text`` as the word lists hold it: case folded, with a typographic apostrophe plain."""
    return text.casefold().replace("\u2019", "'")


def _texts(w: Word) -> list[str]:
    """The word's body and its shortened form, if any."""
    return [w.body] + ([w.shortened] if w.shortened is not None else [])


def _may_end(limits: EntityLimits | None, text: str, *, first: bool, written: str) -> bool:
    return limits is None or limits.may_end(text, first=first, written=written)


def _alternatives(
    w: Word, names: _Names, limits: EntityLimits | None, *, capital: bool, first: bool
) -> list[tuple[str, str | None]]:
    """The GBNF alternatives of a word as written (or with its first letter upper-cased):
    each a literal and the rule of what follows it (None: the span ends there, as it does
    after a shortened form)."""
    out: list[tuple[str, str | None]] = []
    for k, text in enumerate(_texts(w)):
        shown = _capitalized(text) if capital else text
        if capital and shown == text:
            continue
        # an upper-cased first letter the user did not write does not make a name of "an"
        if _may_end(limits, text, first=first, written=w.body):
            out.append((_lit(shown), names.may_end if k == 0 else None))
        elif k == 0 and names.must_go_on is not None:
            out.append((_lit(shown), names.must_go_on))
    return out


def _rendered(alternatives: Sequence[tuple[str, str | None]]) -> list[str]:
    return [literal + (f" {follow}" if follow else "") for literal, follow in alternatives]


def _inner(words: Sequence[Word], i: int, prefix: str = "") -> str:
    """The rule of word i inside a span: written in full."""
    return f"{prefix}w-{i}" if words[i].lead or not words[i].body else f"{prefix}b-{i}"


def _after_body(word: Word, more: str | None) -> str:
    """What may follow a word's body: its trailing punctuation, of which a span's end may drop
    any tail ("home?." gives "home?" and "home"), then the next word; "" when nothing may."""
    if not word.trail:
        return f"({more})?" if more else ""
    nested = f"({more})?" if more else ""
    for char in reversed(word.trail):
        nested = f"({_lit(char)} {nested})?" if nested else f"{_lit(char)}?"
    return nested


# --- addresses and numbers ----------------------------------------------------------------------


def found_addresses(query: str) -> tuple[list[str], list[str]]:
    """Email addresses and phone numbers written in the request, as written (spaces single)."""
    text = " ".join(_BREAK.split(query))
    emails = [m for m in _EMAIL.findall(text) if not _UNSAFE.search(m)]
    numbers: list[str] = []
    for match in _PHONE.finditer(text):
        chunks = match.group().split(" ")
        for i in range(len(chunks)):
            for j in range(i + 1, min(i + _PHONE_GROUPS, len(chunks)) + 1):
                candidate = " ".join(chunks[i:j])
                if _PHONE_PART.fullmatch(candidate) and 7 <= sum(c.isdigit() for c in candidate) <= 15:
                    numbers.append(candidate)
    return list(dict.fromkeys(emails))[:_MAX_FOUND], list(dict.fromkeys(numbers))[:_MAX_FOUND]
