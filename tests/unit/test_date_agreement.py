"""The generator's date table and the runtime's grounding agree, phrase for phrase.

``training/dataset/dates.py`` writes a date phrase into a request and its value into the
gold plan; at run time ``core/dates.py`` must find the same phrase and give the same value,
or the planner is trained on one convention and handed another. This samples a fixed,
seeded set of generated phrases (every expression kind, at "now" values chosen for their
edge cases) and grounds each one alone and inside a request sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

import pytest

from tinyagent.core.dates import DateMention, ground_dates, warm_up
from training.dataset import dates, when
from training.dataset.fragments import FRAGMENTS
from training.dataset.slots import DURATIONS

NOWS = (
    datetime(2024, 2, 29, 10, 0),  # Thursday, leap day
    datetime(2023, 2, 28, 16, 45),  # Tuesday, end of a February without a leap day
    datetime(2024, 1, 31, 8, 5),  # Wednesday, end of a 31-day month before a short one
    datetime(2024, 4, 30, 18, 30),  # Tuesday, end of a 30-day month, evening
    datetime(2024, 12, 31, 22, 0),  # Tuesday, New Year's Eve: dates roll into next year
    datetime(2025, 12, 31, 9, 15, 42),  # Wednesday, year end, "now" with seconds
    datetime(2024, 6, 9, 11, 0),  # Sunday: "this weekend" is today, weeks turn tomorrow
    datetime(2024, 6, 10, 7, 30),  # Monday, early
    datetime(2024, 6, 7, 19, 30),  # Friday evening: "Friday" means next week's
    datetime(2024, 6, 8, 0, 0, 30),  # Saturday, just after midnight
    datetime(2024, 11, 30, 23, 50),  # Saturday, month end, ten minutes before midnight
    datetime(2027, 3, 1, 12, 0),  # Monday after a February without a leap day
)
# Seven consecutive days just after midnight: every weekday, every "later today" phrase.
PROBE_NOWS = tuple(datetime(2024, 7, 15, 0, 5) + timedelta(days=i) for i in range(7))
PER_KIND = 3  # phrases per expression kind per "now"
RANGES = 12  # "tomorrow from 2 to 3:30pm" per "now"
# Request sentences around the phrase, in the generator's manner (start, middle, end).
SENTENCES = (
    "Remind me to water the plants {when}",
    "Set up a meeting about the budget {when} and put it on my work calendar",
    "can you schedule lunch with María {when}?",
    "zoom mtg quarterly review {when}, add to my calendar",
    "{when} I have to pick up the kids from school",
)


@dataclass(frozen=True)
class Case:
    """A generated phrase and the values the generator wrote into the gold plan for it."""

    now: datetime
    kind: str
    phrase: str
    start: str
    end: str | None = None  # a range or a duration: the end the gold plan writes

    def check(self, text: str) -> str | None:
        """None when ``text`` grounds to exactly this phrase's values; else what it gave."""
        found = ground_dates(text, self.now)
        if len(found) == 1 and self._same(found[0]):
            return None
        return "; ".join(f"{m.text!r} = {m.formatted()} to {m.formatted_end()}" for m in found) or "nothing"

    def _same(self, mention: DateMention) -> bool:
        # The runtime's span may leave out a leading word ("by" of "by EOD"); the value may not differ.
        return (
            mention.text.casefold() in self.phrase.casefold()
            and mention.formatted() == self.start
            and (self.end is None or mention.formatted_end() == self.end)
        )


def _by_kind(values: list[dates.DateValue]) -> dict[str, list[dates.DateValue]]:
    grouped: dict[str, list[dates.DateValue]] = defaultdict(list)
    for value in values:
        grouped[value.kind].append(value)
    return grouped


def _cases_at(now: datetime, rng: Random) -> Iterator[Case]:
    for kind, values in sorted(_by_kind(dates.expression_values(now)).items()):
        for value in rng.sample(values, min(PER_KIND, len(values))):
            text = value.text.lower() if rng.random() < 0.25 else value.text  # a lowercase voice
            yield Case(now, kind, text, value.plan_value)
    for _ in range(RANGES):
        start, end = when.sample_range(rng, now)
        yield Case(now, start.kind, start.text, start.plan_value, dates.format_value(end))


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    warm_up()
    rng = Random(20240229)
    return [case for now in NOWS for case in _cases_at(now, rng)]


def _report(failures: list[tuple[Case, str, str]]) -> str:
    lines = [f"{len(failures)} phrases ground differently from the generator's value:"]
    for case, text, got in failures[:40]:
        lines.append(
            f"  now {case.now:%a %Y-%m-%d %H:%M:%S} [{case.kind}] {text!r}: generator {case.start}"
            + (f" to {case.end}" if case.end else "")
            + f", runtime {got}"
        )
    return "\n".join(lines)


def test_the_sample_is_a_few_thousand_phrases(cases: list[Case]) -> None:
    assert 2500 <= len(cases) <= 6000


def test_every_phrase_alone_grounds_to_the_generators_value(cases: list[Case]) -> None:
    failures = [(c, c.phrase, got) for c in cases if (got := c.check(c.phrase)) is not None]
    assert not failures, _report(failures)


def test_every_phrase_in_a_request_grounds_to_the_generators_value(cases: list[Case]) -> None:
    failures = []
    for i, case in enumerate(cases):
        sentence = SENTENCES[i % len(SENTENCES)].format(when=case.phrase)
        got = case.check(sentence)
        if got is not None:
            failures.append((case, sentence, got))
    assert not failures, _report(failures)


def test_every_expression_kind_of_the_generator_is_sampled(cases: list[Case]) -> None:
    generated = {v.kind for now in PROBE_NOWS + NOWS for v in dates.expression_values(now)}
    sampled = {c.kind for c in cases}
    assert generated - sampled == set(), f"kinds never sampled: {sorted(generated - sampled)}"
    day_kinds = {k.partition("+")[0] for k in generated} - {"clock_only", "in_minutes", "end_of_day"}
    ranged = {c.kind.removesuffix("+range") for c in cases if c.kind.endswith("+range")}
    assert ranged, "no range ('tomorrow from 2 to 3:30pm') was sampled"
    assert ranged <= day_kinds


def _length_cases() -> Iterator[object]:
    """Every length the generator writes, in every calendar wording ("for 2 hours", "lasting an hour").

    The generator writes the end a length implies into calendar plans; a length the runtime
    does not read leaves that end out of the request grammar, and the plan cannot match.
    """
    forms = [form for form in dict.fromkeys(FRAGMENTS["dur"]) if isinstance(form, str)]
    for form in forms:
        for minutes, text in DURATIONS:
            yield pytest.param(form, minutes, text, id=form.format(span=text).strip(" ,"))


@pytest.mark.parametrize(("form", "minutes", "text"), list(_length_cases()))
def test_a_meeting_length_after_the_time_gives_the_generators_end(form: str, minutes: int, text: str) -> None:
    rng = Random(minutes)
    failures = []
    for now in NOWS[::4]:
        start = when.sample_timed(rng, now)
        phrase = start.text + form.format(span=text)
        end = dates.format_value(start.value + timedelta(minutes=minutes))
        case = Case(now, f"{start.kind}+length", phrase, start.plan_value, end)
        sentence = f"Set up a meeting about the budget {phrase} and put it on my work calendar"
        if (got := case.check(sentence)) is not None:
            failures.append((case, sentence, got))
    assert not failures, _report(failures)
