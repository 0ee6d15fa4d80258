"""Date and time expressions with the absolute value each one means at a given "now".

The generator writes the phrase into the request and the resolved value into the gold
plan, so this table IS the convention the planner learns. The runtime grounding
(``core/dates.py``) must agree with it; ``expression_values(now)`` lists the phrases
this module produces for a given ``now`` with their values, for that comparison. Where
a phrase is ambiguous the generator simply never produces the ambiguous case (marked
"never generated" below), so agreement is needed only on the clear cases.

Notation: ``D`` is the date of ``now``, weeks run Monday..Sunday.

==========================  =========================================================
phrase                      value
==========================  =========================================================
today                       D (a whole day)
tomorrow                    D + 1 day
the day after tomorrow      D + 2 days
on Friday / Friday /        the first Friday after D (1..6 days ahead). Never
this Friday                 generated on a Friday.
next Friday                 the Friday of NEXT week (Monday-start weeks): on a
                            Wednesday that is 9 days ahead, on a Saturday 6 days.
                            Generated on any day (on a Friday: D + 7).
next week                   the Monday of next week (a whole day only)
this weekend                the first Saturday on or after D (D itself on Saturday);
                            on a Sunday: D
next weekend                the Saturday of next week
end of the week             the first Friday on or after D (a whole day only)
end of the month            the last day of D's month (a whole day only)
on the 5th                  day 5 of D's month if that is after D, else of the next
                            month. Never generated when D is the 5th or when that
                            month has no such day.
on June 5th / 5 June /      June 5 of D's year if that is after D, else of the next
the 5th of June / Jun 5     year. Never generated when D is June 5.
on 2025-06-05 /             exactly that date (only future dates are generated)
June 5, 2025
in 3 days / in a week /     D + 3 / 7 / 14 days (a whole day, or with a clock time)
in two weeks
in 30 minutes / in an       now + that long, to the minute (seconds dropped: HH:MM:00)
hour / in 2 hours
tonight                     D 20:00
this morning / afternoon /  D 09:00 / 15:00 / 18:00 (only generated while still ahead)
this evening
tomorrow morning /          D + 1 at 09:00 / 15:00 / 18:00 / 20:00; likewise after a
afternoon / evening / night weekday ("on Friday morning")
by end of day / by EOD      D 17:00 (only generated before 17:00)
at 4pm / at 8 (no day)      the next such time after now: today if still ahead, else
                            tomorrow. A bare hour keeps its business-hours reading
                            ("at 8" said at 19:30 = 08:00 tomorrow).
==========================  =========================================================

A day and a clock time combine as "tomorrow at 3pm", "at 3pm tomorrow" or "tomorrow
3pm" (the last only with am/pm or noon written); a named day with a time that has
already passed is never generated ("today at 9am" said at 10:00).

Clock times:

- ``3pm``, ``3 pm``, ``3 p.m.``, ``3PM``, ``3:30pm``, ``11am``, ``12am`` (= 00:00 of the
  day named): as written.
- A 24-hour clock with a leading zero or an hour over 12 (``09:00``, ``14:30``, ``00:30``)
  is exact; ``10:30`` or ``11:00`` is a bare hour (below).
- A bare hour (``at 3``, ``3:30``, ``3 o'clock``, ``half past 3``) uses business hours:
  1-7 -> PM (13:00-19:59), 8-11 -> AM, 12 -> noon.
- After ``morning`` the hour is AM (5-11 generated); after ``afternoon`` (12-5),
  ``evening`` (5-10), ``tonight`` or ``night`` (6-11) it is PM ("tonight at 9" = 21:00).
- ``noon`` / ``midday`` = 12:00; ``half past 3`` = 15:30, ``quarter past 4`` = 16:15,
  ``quarter to 5`` = 16:45 (the bare-hour rule on the hour named, then +-15 min).
- A meeting lasts 60 minutes unless a duration is given ("for 30 minutes", "for an
  hour and a half" = 90) or a range ("from 2 to 3:30pm": a start written without am/pm
  takes the end's; the generator writes both when they differ, "from 11am to 1pm").

Values are written ``YYYY-MM-DD HH:MM:SS`` or ``YYYY-MM-DD`` for a whole day (an all-day
reminder). Every generated value lies after ``now`` (a whole day: on or after D).
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(calendar.month_name)[1:]
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
PARTS = {
    "morning": (9, "am", (5, 11)),
    "afternoon": (15, "pm", (12, 17)),
    "evening": (18, "pm", (17, 22)),
    "night": (20, "pm", (18, 23)),
}


@dataclass(frozen=True)
class DateValue:
    """A phrase as a person says it and the absolute value it stands for."""

    text: str
    value: datetime
    has_time: bool  # False: a whole day, written YYYY-MM-DD
    kind: str  # which row of the table produced it, e.g. "weekday_next+clock"

    @property
    def plan_value(self) -> str:
        """The value as the gold plan writes it."""
        return self.value.strftime("%Y-%m-%d %H:%M:%S" if self.has_time else "%Y-%m-%d")


@dataclass(frozen=True)
class DayPhrase:
    text: str
    day: date
    kind: str
    at: time | None = None  # a time the phrase itself implies ("tonight")
    meridiem: str | None = None  # "am"/"pm" forced on a bare hour that follows
    window: tuple[int, int] = (0, 23)  # hours a following clock time may name ("morning": 5-11)


@dataclass(frozen=True)
class ClockPhrase:
    text: str  # without a leading "at"
    hour: int  # the hour as written (1-12 or 0-23)
    minute: int
    meridiem: str | None  # "am"/"pm" as written, "24h", or None for a bare hour
    kind: str
    offset: int = 0  # minutes added after resolving ("quarter to 5": hour 5, offset -15)

    def resolve(self, forced: str | None = None) -> time:
        """The clock time, applying the bare-hour rule or a part of day's am/pm."""
        if self.meridiem == "24h":
            return time(self.hour, self.minute)
        meridiem = self.meridiem or forced or _business_meridiem(self.hour)
        hour = self.hour % 12 + (12 if meridiem == "pm" else 0)
        at = datetime.combine(date(2000, 1, 3), time(hour, self.minute)) + timedelta(minutes=self.offset)
        return at.time()


def _business_meridiem(hour: int) -> str:
    return "pm" if hour <= 7 or hour == 12 else "am"


def ordinal(n: int) -> str:
    """1 -> '1st', 22 -> '22nd'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _next_week(day: date, weekday: int) -> date:
    return day - timedelta(days=day.weekday()) + timedelta(days=7 + weekday)


def _month_day(today: date, day: int) -> date | None:
    year, month = today.year, today.month
    if day == today.day:
        return None  # "on the 5th" said on the 5th: today or next month? never generated
    if day < today.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, day) if day <= calendar.monthrange(year, month)[1] else None


def _calendar_date(today: date, month: int, day: int) -> date | None:
    if (month, day) == (today.month, today.day):
        return None  # "on June 5th" said on June 5: never generated
    for year in (today.year, today.year + 1):
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) > today:
            return date(year, month, day)
    return None


CALENDAR_DAYS = (1, 3, 5, 9, 14, 18, 22, 27, 30)


def calendar_phrases(today: date, month: int, n: int) -> list[DayPhrase]:
    """ "on June 5th", "on 2025-06-05"...: the phrases for day ``n`` of ``month``."""
    found = _calendar_date(today, month, n)
    if found is None:
        return []
    name, abbr = MONTHS[month - 1], MONTH_ABBR[month - 1]
    later = found.replace(year=found.year + 1) if (month, n) != (2, 29) else found
    return [
        DayPhrase(f"on {name} {ordinal(n)}", found, "calendar_date"),
        DayPhrase(f"on {abbr} {n}", found, "calendar_date"),
        DayPhrase(f"on the {ordinal(n)} of {name}", found, "calendar_date"),
        DayPhrase(f"on {n} {name}", found, "calendar_date"),
        DayPhrase(f"on {later.isoformat()}", later, "iso_date"),
        DayPhrase(f"on {name} {n}, {later.year}", later, "calendar_date_year"),
    ]


@functools.lru_cache(maxsize=512)
def day_phrases(today: date) -> tuple[DayPhrase, ...]:
    """Every day expression for ``today``, including part-of-day ones."""
    return (
        plain_day_phrases(today)
        + tuple(p for month in range(1, 13) for n in CALENDAR_DAYS for p in calendar_phrases(today, month, n))
        + tuple(part_phrases(today))
    )


@functools.lru_cache(maxsize=4096)
def plain_day_phrases(today: date) -> tuple[DayPhrase, ...]:
    """The day expressions without a month name or date written out (cheap to list)."""
    out = [
        DayPhrase("today", today, "today"),
        DayPhrase("tomorrow", today + timedelta(days=1), "tomorrow"),
        DayPhrase("the day after tomorrow", today + timedelta(days=2), "day_after_tomorrow"),
        DayPhrase("next week", _next_week(today, 0), "next_week"),
        DayPhrase(
            "this weekend",
            today + timedelta(days=(5 - today.weekday()) % 7 if today.weekday() != 6 else 0),
            "this_weekend",
        ),
        DayPhrase("next weekend", _next_week(today, 5), "next_weekend"),
        DayPhrase("at the end of the week", today + timedelta(days=(4 - today.weekday()) % 7), "end_of_week"),
        DayPhrase("by the end of the week", today + timedelta(days=(4 - today.weekday()) % 7), "end_of_week"),
    ]
    last = date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    out += [
        DayPhrase(t, last, "end_of_month")
        for t in ("at the end of the month", "by the end of the month", "end of month")
    ]
    for n, word in ((2, "two"), (3, "3"), (4, "four"), (5, "5"), (10, "10")):
        out.append(DayPhrase(f"in {word} days", today + timedelta(days=n), "in_days"))
    out += [
        DayPhrase("in a week", today + timedelta(days=7), "in_days"),
        DayPhrase("in two weeks", today + timedelta(days=14), "in_days"),
        DayPhrase("a week from today", today + timedelta(days=7), "in_days"),
    ]
    for wd, name in enumerate(WEEKDAYS):
        nxt = _next_weekday(today, wd)
        out.append(DayPhrase(f"next {name}", _next_week(today, wd), "weekday_next"))
        if wd != today.weekday():
            out += [
                DayPhrase(f"on {name}", nxt, "weekday"),
                DayPhrase(f"this {name}", nxt, "weekday"),
                DayPhrase(name, nxt, "weekday"),
            ]
    for n in (1, 2, 3, 5, 8, 10, 12, 15, 17, 20, 21, 22, 23, 25, 28, 30):
        found = _month_day(today, n)
        if found:
            out.append(DayPhrase(f"on the {ordinal(n)}", found, "month_day"))
    return tuple(out)


def part_phrases(today: date) -> list[DayPhrase]:
    """ "tonight", "tomorrow morning", "on Friday evening": days that imply a time of day."""
    out = [DayPhrase("tonight", today, "tonight", time(20), "pm", PARTS["night"][2])]
    wd = (today.weekday() + 3) % 7
    for part, (hour, meridiem, window) in PARTS.items():
        if part != "night":
            out.append(DayPhrase(f"this {part}", today, "this_part", time(hour), meridiem, window))
        out.append(
            DayPhrase(
                f"tomorrow {part}", today + timedelta(days=1), "tomorrow_part", time(hour), meridiem, window
            )
        )
        out.append(
            DayPhrase(
                f"on {WEEKDAYS[wd]} {part}",
                _next_weekday(today, wd),
                "weekday_part",
                time(hour),
                meridiem,
                window,
            )
        )
    return out


@functools.cache
def clock_phrases() -> tuple[ClockPhrase, ...]:
    """Every clock time phrase (written without a leading "at")."""
    out: list[ClockPhrase] = [
        ClockPhrase("noon", 12, 0, "pm", "noon"),
        ClockPhrase("midday", 12, 0, "pm", "noon"),
    ]
    for h in range(1, 13):
        for m in (0, 15, 30, 45):
            hm = f"{h}:{m:02d}"
            for mer in ("am", "pm"):
                forms = [f"{hm}{mer}", f"{hm} {mer}", f"{hm} {mer[0]}.m.", f"{hm}{mer.upper()}"]
                if m == 0:
                    forms += [f"{h}{mer}", f"{h} {mer}", f"{h} {mer[0]}.m.", f"{h}{mer.upper()}"]
                out += [ClockPhrase(t, h, m, mer, "clock_meridiem") for t in forms]
            out.append(ClockPhrase(str(h) if m == 0 else hm, h, m, None, "clock_bare"))
        out += [
            ClockPhrase(f"{h} o'clock", h, 0, None, "clock_bare"),
            ClockPhrase(f"half past {h}", h, 30, None, "clock_words"),
            ClockPhrase(f"quarter past {h}", h, 15, None, "clock_words"),
        ]
        out.append(ClockPhrase(f"quarter to {h}", h, 0, None, "clock_words", -15))
    for h in (0, 6, 7, 8, 9, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23):
        out += [ClockPhrase(f"{h:02d}:{m:02d}", h, m, "24h", "clock_24h") for m in (0, 30)]
    return tuple(out)


def combine(day: DayPhrase, clock: ClockPhrase, order: int) -> DateValue:
    """Join a day and a clock phrase; ``order`` picks "tomorrow at 3", "at 3 tomorrow" or "tomorrow 3pm"."""
    at = clock.resolve(day.meridiem)
    if order == 0:
        text = f"{day.text} at {clock.text}"
    elif order == 1:
        text = f"at {clock.text} {day.text}"
    else:
        text = f"{day.text} {clock.text}"
    return DateValue(text, datetime.combine(day.day, at), True, f"{day.kind}+{clock.kind}")


def fits(day: DayPhrase, clock: ClockPhrase) -> bool:
    """Whether a clock phrase reads naturally after this day phrase."""
    if day.kind in ("end_of_week", "end_of_month", "next_week"):
        return False  # "at 8am at the end of the week" is not how people talk
    if day.meridiem is None:
        return True
    if clock.meridiem == "24h" or (clock.meridiem and clock.meridiem != day.meridiem):
        return False
    hour = clock.resolve(day.meridiem).hour
    return day.window[0] <= hour <= day.window[1] and clock.kind != "noon"


_OFFSETS = (
    (5, "5 minutes"),
    (10, "10 minutes"),
    (15, "15 minutes"),
    (20, "20 minutes"),
    (30, "30 minutes"),
    (30, "half an hour"),
    (45, "45 minutes"),
    (60, "an hour"),
    (90, "90 minutes"),
    (120, "2 hours"),
    (120, "two hours"),
    (180, "3 hours"),
    (240, "four hours"),
    (300, "5 hours"),
)


def offset_values(now: datetime) -> list[DateValue]:
    """ "in 2 hours", "by EOD": values computed from ``now`` itself."""
    base = now.replace(second=0, microsecond=0)
    out = [DateValue(f"in {t}", base + timedelta(minutes=n), True, "in_minutes") for n, t in _OFFSETS]
    eod = datetime.combine(now.date(), time(17))
    if eod > now:
        out += [
            DateValue(t, eod, True, "end_of_day")
            for t in ("by end of day", "by EOD", "by the end of the day")
        ]
    return out


def relative_values(now: datetime) -> list[DateValue]:
    """``offset_values`` plus a clock time with no day ("at 4pm": the next 16:00 after now)."""
    return offset_values(now) + [clock_only(clock, now) for clock in clock_phrases()]


def clock_only(clock: ClockPhrase, now: datetime) -> DateValue:
    """ "at 4pm" with no day: the next such time after now (today, else tomorrow)."""
    at = datetime.combine(now.date(), clock.resolve())
    return DateValue(f"at {clock.text}", at if at > now else at + timedelta(days=1), True, "clock_only")


def expression_values(now: datetime, *, timed: bool | None = None) -> list[DateValue]:
    """Every expression this module generates for ``now``, with its resolved value.

    ``timed=False``: whole days only; ``True``: only expressions with a clock time;
    ``None``: both. Every value lies after ``now`` (a whole day: on or after its date).
    Every clock phrase is combined with "today", "tomorrow" and the part-of-day phrases;
    other days are combined with a representative set of clock phrases, which keeps the
    list near 30,000 entries.
    """
    out: list[DateValue] = []
    days = day_phrases(now.date())
    if timed is not True:
        out += [
            DateValue(d.text, datetime.combine(d.day, time()), False, d.kind) for d in days if d.at is None
        ]
    if timed is not False:
        out += [v for v in relative_values(now) if v.value > now]
        out += [DateValue(d.text, datetime.combine(d.day, d.at), True, d.kind) for d in days if d.at]
        for d in days:
            for c in clock_phrases() if d.kind in _FULL_CLOCK_DAYS else _sample_clocks():
                if fits(d, c):
                    out += [v for v in (combine(d, c, o) for o in range(3)) if keeps(v, c, now)]
    return out


_FULL_CLOCK_DAYS = ("today", "tomorrow", "tonight", "this_part", "tomorrow_part", "weekday_part")


@functools.cache
def _sample_clocks() -> tuple[ClockPhrase, ...]:
    wanted = (
        "3pm",
        "3",
        "9:30am",
        "9:30",
        "10 a.m.",
        "14:00",
        "08:30",
        "noon",
        "half past 4",
        "quarter to 8",
        "5 o'clock",
        "12:15PM",
        "11am",
        "7",
    )
    return tuple(c for c in clock_phrases() if c.text in wanted)


def keeps(value: DateValue, clock: ClockPhrase, now: datetime) -> bool:
    # "tomorrow 3" without "at" reads badly: the third order needs a written am/pm or noon.
    bare_order = not (" at " in value.text or value.text.startswith("at "))
    return value.value > now and not (bare_order and clock.meridiem in (None, "24h"))


def format_value(value: datetime, has_time: bool = True) -> str:
    """A datetime in the plan's format."""
    return value.strftime("%Y-%m-%d %H:%M:%S" if has_time else "%Y-%m-%d")
