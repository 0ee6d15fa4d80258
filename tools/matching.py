"""Choosing one contact value (an email address, a phone number) for a spoken name.

Names come from a speech transcript or a small model, so matching forgives case,
accents ("Jose" finds "José") and small typos, but never guesses between people:
when several people fit, the user is asked (``AmbiguousMatch``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from tinyagent.tools.errors import AmbiguousMatch, Choice, ToolArgumentError, ToolError

# A fuzzy score (0-100) a name needs to be considered at all, and how far below the
# best score another name may be and still count as a rival the user must rule out.
FUZZY_THRESHOLD = 80.0
FUZZY_MARGIN = 8.0
# A query of at least this many letters that starts a name part ("Sidd" for
# "Siddharth") is as plausible as a one-letter typo.
PREFIX_MIN_LEN = 3
PREFIX_SCORE = 85.0

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{3,}$")


@dataclass(frozen=True)
class Candidate:
    """One value a contact has: ``Candidate("Sid Jha", "sid@example.com", "work")``."""

    name: str  # the person's full name; candidates with the same name are one person
    value: str  # what a lookup returns
    detail: str = ""  # a label such as "work" or "mobile", shown when the user must choose
    preferred: bool = False  # the value the person marked as preferred


@dataclass(frozen=True)
class _Person:
    name: str
    key: str  # the normalized full name
    tokens: tuple[str, ...]
    values: tuple[Candidate, ...]


def normalize(text: str) -> str:
    """Lower-case ``text`` without accents and with single spaces ("  José " -> "jose")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def pick(query: str, candidates: Sequence[Candidate], *, what: str) -> str:
    """The value of the one person ``query`` names.

    ``what`` ("email address", "phone number") words the messages. Raises
    ``AmbiguousMatch`` when several people or several unranked values fit, and
    ``ToolError`` when nobody does.
    """
    key = normalize(query)
    if not key:
        raise ToolArgumentError(f"Give a name to look up the {what} for.")
    direct = _direct_value(query, key, candidates, what)
    if direct is not None:
        return direct
    people = _people(candidates)
    for stage in (_exact_name, _first_name, _all_tokens, _fuzzy):
        found = stage(key, people)
        if len(found) == 1:
            return _value_of(found[0], what)
        if found:
            raise _ask_between_people(query, found, what)
    raise ToolError(f"No contact matches {query!r}. Add them in Contacts or give the {what} directly.")


def _direct_value(query: str, key: str, candidates: Sequence[Candidate], what: str) -> str | None:
    """The query itself when it already is the value (the planner sometimes looks up one)."""
    for candidate in candidates:
        if normalize(candidate.value) == key:
            return candidate.value
    text = query.strip()
    if "email" in what and _EMAIL.match(text):
        return text
    if "phone" in what and _PHONE.match(text) and sum(ch.isdigit() for ch in text) >= 3:
        return text
    return None


def _people(candidates: Sequence[Candidate]) -> list[_Person]:
    grouped: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        grouped.setdefault(normalize(candidate.name), []).append(candidate)
    people = []
    for key, values in grouped.items():
        if key:
            unique = {normalize(v.value): v for v in reversed(values)}  # keep the first of duplicates
            ordered = tuple(v for v in values if unique.get(normalize(v.value)) is v)
            people.append(_Person(values[0].name, key, tuple(key.split()), ordered))
    return people


def _exact_name(key: str, people: list[_Person]) -> list[_Person]:
    return [p for p in people if p.key == key]


def _first_name(key: str, people: list[_Person]) -> list[_Person]:
    words = key.split()
    return [p for p in people if len(p.tokens) > len(words) and list(p.tokens[: len(words)]) == words]


def _all_tokens(key: str, people: list[_Person]) -> list[_Person]:
    words = set(key.split())
    return [p for p in people if words <= set(p.tokens)]


def _fuzzy(key: str, people: list[_Person]) -> list[_Person]:
    scored = [(_score(key, p), p) for p in people]
    plausible = [(s, p) for s, p in scored if s >= FUZZY_THRESHOLD]
    if not plausible:
        return []
    best = max(s for s, _ in plausible)
    return [p for s, p in sorted(plausible, key=lambda sp: -sp[0]) if s >= best - FUZZY_MARGIN]


def _score(key: str, person: _Person) -> float:
    score = max(fuzz.ratio(key, person.key), fuzz.token_sort_ratio(key, person.key))
    for token in person.tokens:
        score = max(score, fuzz.ratio(key, token))
        if len(key) >= PREFIX_MIN_LEN and token.startswith(key):
            score = max(score, PREFIX_SCORE)
    return float(score)


def _value_of(person: _Person, what: str) -> str:
    if len(person.values) == 1:
        return person.values[0].value
    preferred = [v for v in person.values if v.preferred]
    if len(preferred) == 1:
        return preferred[0].value
    plural = what + ("es" if what.endswith("ss") else "s")
    raise AmbiguousMatch(
        f"{person.name} has several {plural}; which one?",
        [Choice(person.name, v.value, _detail(v)) for v in person.values],
    )


def _ask_between_people(query: str, people: list[_Person], what: str) -> AmbiguousMatch:
    choices: list[Choice] = []
    for person in people:
        preferred = [v for v in person.values if v.preferred]
        values = preferred[:1] if len(preferred) == 1 else list(person.values)
        choices.extend(Choice(person.name, v.value, _detail(v)) for v in values)
    return AmbiguousMatch(f"Several contacts match {query!r}; whose {what} do you mean?", choices)


def _detail(candidate: Candidate) -> str:
    return f"{candidate.detail}: {candidate.value}" if candidate.detail else candidate.value
