"""Drawing date expressions for requests, with the weights people use them at.

What each phrase means is ``dates``' business (its table); this module only chooses.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from random import Random

from training.dataset.dates import (
    CALENDAR_DAYS,
    ClockPhrase,
    DateValue,
    DayPhrase,
    calendar_phrases,
    clock_only,
    clock_phrases,
    combine,
    fits,
    keeps,
    offset_values,
    part_phrases,
    plain_day_phrases,
)

_DAY_KIND_WEIGHTS = {
    "tomorrow": 6,
    "today": 2,
    "day_after_tomorrow": 1,
    "weekday": 6,
    "weekday_next": 4,
    "month_day": 3,
    "calendar_date": 4,
    "calendar_date_year": 1,
    "iso_date": 1,
    "in_days": 2,
    "next_week": 1,
    "this_weekend": 1,
    "next_weekend": 1,
    "end_of_week": 1,
    "end_of_month": 2,
}
_CALENDAR_KINDS = ("calendar_date", "calendar_date_year", "iso_date")
_CLOCK_KIND_WEIGHTS = {"clock_meridiem": 8, "clock_bare": 3, "clock_24h": 3, "noon": 1, "clock_words": 1}


def _pick_kind(rng: Random, weights: dict[str, int]) -> str:
    kinds = list(weights)
    return rng.choices(kinds, weights=[weights[k] for k in kinds])[0]


@functools.lru_cache(maxsize=4096)
def _days_by_kind(today: date) -> dict[str, tuple[DayPhrase, ...]]:
    index: dict[str, list[DayPhrase]] = {}
    for d in plain_day_phrases(today):
        index.setdefault(d.kind, []).append(d)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _clocks_by_kind() -> dict[str, tuple[ClockPhrase, ...]]:
    index: dict[str, list[ClockPhrase]] = {}
    for c in clock_phrases():
        # sampled clocks stay in waking hours so that requests read realistically
        if 6 <= c.resolve().hour <= 22:
            index.setdefault(c.kind, []).append(c)
    return {k: tuple(v) for k, v in index.items()}


def _pick_day(rng: Random, today: date, exclude: tuple[str, ...] = ()) -> DayPhrase:
    days = _days_by_kind(today)
    while True:
        kind = _pick_kind(rng, _DAY_KIND_WEIGHTS)
        if kind in exclude:
            continue
        if kind in _CALENDAR_KINDS:  # drawn directly: listing all of them per day is slow
            month, n = rng.randint(1, 12), rng.choice(CALENDAR_DAYS)
            options = [p for p in calendar_phrases(today, month, n) if p.kind == kind]
        else:
            options = list(days.get(kind, ()))
        if options:
            return rng.choice(options)


def _pick_clock(rng: Random) -> ClockPhrase:
    return rng.choice(_clocks_by_kind()[_pick_kind(rng, _CLOCK_KIND_WEIGHTS)])


def sample_day(rng: Random, now: datetime) -> DateValue:
    """A whole-day expression ("on Friday", "on June 5th")."""
    day = _pick_day(rng, now.date(), ("today",))
    return DateValue(day.text, datetime.combine(day.day, time()), False, day.kind)


def sample_timed(rng: Random, now: datetime) -> DateValue:
    """An expression with a clock time, after ``now``."""
    while True:
        roll = rng.random()
        if roll < 0.08:
            value = rng.choice(offset_values(now))
        elif roll < 0.16:
            d = rng.choice(part_phrases(now.date()))
            if rng.random() < 0.5:
                value = DateValue(d.text, datetime.combine(d.day, d.at or time()), True, d.kind)
            else:
                value = combine(d, rng.choice([c for c in clock_phrases() if fits(d, c)]), rng.choice((0, 1)))
        elif roll < 0.22:
            value = clock_only(_pick_clock(rng), now)
        else:
            clock = _pick_clock(rng)
            day = _pick_day(rng, now.date(), ("next_week",))
            value = combine(day, clock, rng.choice((0, 0, 0, 1, 2)))
            if not (fits(day, clock) and keeps(value, clock, now)):
                continue
        if value.value > now:
            return value


def sample_range(rng: Random, now: datetime) -> tuple[DateValue, datetime]:
    """ "tomorrow from 2 to 3:30pm": the start (a DateValue carrying the whole text) and the end."""
    while True:
        day = _pick_day(rng, now.date(), ("next_week",))
        start = datetime.combine(day.day, time(rng.randint(8, 18), rng.choice((0, 0, 0, 30))))
        end = start + timedelta(minutes=rng.choice((30, 60, 90, 120, 150, 180)))
        same_half = (start.hour >= 12) == (end.hour >= 12)
        text = f"{day.text} from {_clock_text(start, not same_half)} to {_clock_text(end, True)}"
        if start > now and end.date() == start.date():
            return DateValue(text, start, True, f"{day.kind}+range"), end


def _clock_text(at: datetime, with_meridiem: bool) -> str:
    hour = at.hour % 12 or 12
    text = f"{hour}" if at.minute == 0 else f"{hour}:{at.minute:02d}"
    return text + ("pm" if at.hour >= 12 else "am") if with_meridiem else text
