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


def span_rules(words: Sequence[Word], *, person_never_starts: Collection[str] = ()) -> list[str]:
    """``span``: every run of words, and ``person-span``: those that may name a person; O(len(words)) rules.

    ``b-i`` is word i from its body on, with what may follow it in a span; ``w-i`` the same
    with the word's leading punctuation (a span's inner words are written in full); ``a-i``
    what may follow the body: trailing punctuation, the joiner and the next word.
    ``person-span`` has the spans whose first word (as written or shortened, case folded) is
    not in ``person_never_starts`` ("Alright", "me", "tell"); it is ``span`` when none is left.
    """
    reaches_end = [False] * len(words)  # some span through word i can end at or after it
    for i in reversed(range(len(words))):
        w = words[i]
        reaches_end[i] = bool(w.body) or (w.joiner is not None and reaches_end[i + 1])
    never = frozenset(person_never_starts)
    rules: list[str] = []
    starts: list[str] = []
    person: list[str] = []
    for i, w in enumerate(words):
        if not reaches_end[i]:
            continue
        more = None
        if w.joiner is not None and reaches_end[i + 1]:
            more = (f"{gbnf_literal(w.joiner)} " if w.joiner else "") + _inner(words, i + 1)
        if not w.body:
            rules.append(f"w-{i} ::= {_lit(w.lead)} {more}")
            continue
        after = _after_body(w, more)
        if after:
            rules.append(f"a-{i} ::= {after}")
        forms = [(w.body, f" a-{i}" if after else "")]
        if w.shortened is not None:
            forms.append((w.shortened, ""))
        rules.append(f"b-{i} ::= " + " | ".join(_lit(text) + rest for text, rest in forms))
        first = len(starts)
        if w.lead:
            rules.append(f"w-{i} ::= {_lit(w.lead)} b-{i}")
            starts.append(f"w-{i}")
        starts.append(f"b-{i}")
        capital = [(_capitalized(text), rest) for text, rest in forms if _capitalized(text) != text]
        starts += [_lit(text) + rest for text, rest in capital]
        if never.isdisjoint(text.casefold() for text, _ in forms):
            person += starts[first:]
    rules.insert(0, "span ::= " + " | ".join(starts))
    rules.insert(1, "person-span ::= " + (" | ".join(person) if person else "span"))
    return rules


def _inner(words: Sequence[Word], i: int) -> str:
    """The rule of word i inside a span: written in full."""
    return f"w-{i}" if words[i].lead or not words[i].body else f"b-{i}"


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
