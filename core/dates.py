"""Date and time expressions in a request, resolved against "now" before planning.

Small planner models are bad at date arithmetic. Before planning, the agent finds date and
time expressions in the request and resolves them to absolute values, and the planner prompt
carries them as a line from :func:`describe_for_prompt`::

    Dates: "tomorrow at 3" = 2024-06-04 15:00:00; "next fri noon" = 2024-06-14 12:00:00

:mod:`tinyagent.core.date_phrases` finds the phrases (typos, shorthands, false positives),
``dateparser`` reads calendar dates ("june 5th", "5/6", "6/5/25"), and this module applies
the conventions below. A value without a time is all-day and formats as ``YYYY-MM-DD``.
Weeks start on Monday. Examples resolve against now = Monday 2024-06-03 09:00.

==============================  ============================  ==================================
Request says                    Resolves to                   Rule
==============================  ============================  ==================================
today / tomorrow                2024-06-03 / 2024-06-04       also "tmrw", "tommorow", "2moro"
the day after tomorrow          2024-06-05
yesterday, last friday          2024-06-02, 2024-05-31        the only values in the past
friday, on fri                  2024-06-07                    the first Friday after today (on
                                                              a Friday: next week's)
this friday                     2024-06-07                    the same, but on a Friday: today
next friday, friday next week   2024-06-14                    the Friday of next week
tuesday week, friday after      2024-06-11, 2024-06-14        a week after the day "tuesday"
next                                                          alone names
friday the 14th                 2024-06-14                    the date wins over the weekday
on the 1st, by the 15th         2024-07-01, 2024-06-15        the first such day of a month
                                                              after today; months without it
                                                              are skipped
june 5th, 5 june, dec 3rd       2024-06-05, ..., 2024-12-03   the first such date after today;
                                                              "2/29" waits for a leap year: 2028
5/6                             2025-05-06                    month/day (US); with
                                                              ``day_first=True``: 2024-06-05;
                                                              "13/5" can only be 13 May
6/5/2025, 6/5/25, 2024-07-04    as written                    a written year never moves
next week / month / year        2024-06-10 / 07-01 / 2025-    its first day: Monday, the 1st,
                                01-01                         January 1st
this weekend, the weekend       2024-06-08                    Saturday of this week; on a Sunday
                                                              it is today
next weekend                    2024-06-15                    Saturday of next week
the weekend after next          2024-06-22                    Saturday of the week after next
(at / by) the end of the week   2024-06-07                    the first Friday on or after today
end of next week                2024-06-14                    Friday of next week
end of (the) month / next mon.  2024-06-30 / 2024-07-31       last day of the month
end of (the) year               2024-12-31
the first monday of next        2024-07-01, 2024-06-28,       the 1st-4th or last such day of
month, the last fri of june,    2025-07-08                    the month; a month alone: the
2nd tue of july 2025                                          first such day after today
the first monday of every       2024-06-03, 2024-07-01        the first such day from today on;
month, ... of every month at 8  08:00                         as "every monday"
every monday at 10,             2024-06-03 10:00, 06-10       the first occurrence, today
every monday at 8               08:00                         included: like "this monday";
                                                              also "each", "every other", "on
                                                              mondays", "mondays at 10"
every day at 9, every morning   2024-06-04 09:00              also "everyday", "every evening";
every weekday at 9              2024-06-04 09:00              "weekday": Monday to Friday
in 3 days, 2 weeks, a month     2024-06-06, 06-17, 07-03      all-day; months keep the day,
                                                              clamped (Jan 31 + 1 = Feb 29)
in a fortnight                  2024-06-17                    two weeks
in 20 min, in 2 hours           2024-06-03 09:20:00, 11:00    now + length, to the minute (the
                                                              seconds of now are dropped)
at 14:00, at 2:30pm, 7 pm       14:00, 14:30, 19:00           as written
at 17, at 09:30, at 00:30       17:00, 09:30, 00:30           24-hour when > 12 or a leading 0
at 3, 3 oclock, at 2:30, at 11  15:00, 15:00, 14:30, 11:00    no am/pm: office hours, 1-7 pm,
                                                              8-11 am, 12 noon
half past 4, quarter to 8       16:30, 07:45                  the hour named by office hours,
                                                              then +30 / +15 / -15 minutes
noon, midday, 12pm              12:00
midnight, friday midnight       06-04 00:00, 06-08 00:00      the end of the day named (today
                                                              when none): the next day's 00:00
12am, friday at 12am            06-04 00:00, 06-07 00:00      the start of the day named
this morning / afternoon /      09:00 / 15:00 / 18:00         today; also "friday morning" etc.
evening
tonight, friday night           06-03 20:00, 06-07 20:00      "tonight" is today
in the morning / afternoon /    09:00 / 15:00 / 18:00         no day named: today if after now,
evening                                                       else tomorrow
tonight at 8, morning at 8      20:00, 08:00                  a part of day sets am/pm; "tonight
                                                              at 12" is midnight
eod, end of day, cob            17:00                         a time of day (moves like "at 5pm")
from 2 to 4pm, 2-4pm            14:00 to 16:00                the start takes the end's am/pm
11 to 1pm, 10pm to 1am          11:00 to 13:00, 22:00 to      ... unless that puts it after the
                                01:00 next day                end; an end before the start is
                                                              on the next day
from 9 to 5, between 1 and 3    09:00 to 17:00, 13:00 to      start by office hours, end the
                                15:00                         first such hour after the start
9 to 10 tomorrow                09:00 to 10:00 on 06-04       without "from"/am/pm: only next
                                                              to a day
at 3 for 30 minutes             15:00 to 15:30                "for" + length, next to the time
at 3 lasting an hour,           15:00 to 16:00, 15:00 to      also "lasting" + length and
at 3, an hour and a half long   16:30                         length + "long"; lengths like "2
                                                              hours", "two and a half hours",
                                                              "an hour and a half", "1.5 hrs",
                                                              "half an hour"
a 2 hour meeting ... at 3       15:00 to 17:00                a length apart from any time goes
                                                              to the nearest timed mention
30 min before the call at 3,    2024-06-03 14:30, 16:00       the next phrase, shifted; only a
an hour after the call at 3                                   few words of the same clause may
                                                              be between; "after" a range or
                                                              a length counts from its end
the day before friday,          2024-06-06, 2024-06-12        all-day; the next phrase must
2 days after june 10                                          name a day
a week on tuesday, a week from  2024-06-11, 2024-06-14,       days or weeks after the day named
fri, a week tomorrow at 3       2024-06-11 15:00              next, keeping its time; not "for a
                                                              week from monday", "every 2 weeks
                                                              on monday"
==============================  ============================  ==================================

A time that is not after now moves to the next day when no day was named ("at 3" said at
16:00 is tomorrow 15:00; "at 8" said at 19:30 is tomorrow 08:00: the office-hours reading
is kept), and a week on for "this friday at 9" said on a Friday at 10:00 (or "every monday
at 10" said on a Monday at 11:00). A day that was named never moves: today, tonight,
tomorrow, this morning, next friday, this weekend, end of month, in 3 days, the first monday
of this month, or a date ("today at 9am" said at 10:00 stays in the past).

A shift ("30 minutes before", "an hour after", "the day before", "2 weeks after") takes the
value of the phrase after it, with up to five words of the same clause between ("remind me
30 minutes before the match tonight at 8" = 19:30; not across "and", "then", "to", ..., or
punctuation), and the mention spans both. A shift that does not fit its phrase gives no
value at all rather than the phrase's: minutes or hours before a day without a time ("an
hour before my flight tomorrow"), days before a time without a day ("the day before the
call at 3").

Not resolved (no mention): a month name without a day ("email may", "text june", "march to
the office"); "the 2nd" without "on", a cue word ("by", "until", "before", "for", ...) or a
time ("open the 2nd file"); fraction-like "1/2" under the same condition ("1/2 cup"); numbers
without "at" or am/pm ("call 555 0100", "room 301", "$20", "at 10 dollars"); "mon", "wed",
"sat" and "sun" without "on", "next", "this", "coming" or "last", or a time after them
("i sat down"); a plural day without "on" or a time ("i hate mondays"); "the first monday
of the month" (which month?); "every week", "every 2 weeks", "every hour"; a shift with
nothing after it ("remind me the day before", "an hour before"); ordinal words ("the second
file"); "this week", "in 1.5 days"; other languages. At most ``MAX_MENTIONS``
mentions per request. Arithmetic is on wall-clock time: an aware ``now`` gives aware values
in its zone.

A length gives an end only after "for" or "lasting", before "long", or alone in a form that
is clearly one ("a 2 hour meeting", "half an hour"): "a minute" and "an hour (and a half)"
need the word ("give me a minute"), and a lone length followed by "ago", "before", "after",
"later", "earlier", "early", "late", "away" or "back" is not one ("2 hours ago i said",
"30 minutes before the call at 3": a shift).

These conventions agree with the training-data generator (``training/dataset/dates.py``):
every phrase it produces resolves here to the value it writes into the gold plan.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tinyagent.core.date_phrases import Kind, Phrase, Piece, find_phrases

MAX_MENTIONS = 20
"""Mentions reported for one request; a prompt line should stay short."""

_PART_MINUTES = {
    "morning": 9 * 60,
    "afternoon": 15 * 60,
    "evening": 18 * 60,
    "night": 20 * 60,
    "eod": 17 * 60,
}
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES.split(), start=1)}
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_SMALL_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve"
_ROUND_NUMBERS = {
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_NUMBERS = (
    {word: n for n, word in enumerate(_SMALL_NUMBERS.split())}
    | _ROUND_NUMBERS
    | {"a": 1, "an": 1, "forty five": 45, "forty-five": 45}
)
_CLOCK_WORDS = re.compile(r"(?P<size>half|quarter)\s+(?P<side>past|to)\s+(?P<hour>.*)")
_CLOCK = re.compile(r"(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2}))?\s*(?P<mer>[ap])?|(?P<word>noon|midday|midnight)")
_DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class DateMention:
    """A date or time expression found in a request, resolved to absolute values."""

    text: str  # exactly as it appears in the request
    start: datetime  # midnight of the day when ``all_day``
    all_day: bool  # a date with no time ("friday", "on the 1st")
    end: datetime | None = None  # when a range or a duration was given

    def formatted(self) -> str:
        """``start`` as the plan language writes it: 'YYYY-MM-DD HH:MM:SS', all-day 'YYYY-MM-DD'."""
        return self.start.strftime("%Y-%m-%d" if self.all_day else "%Y-%m-%d %H:%M:%S")

    def formatted_end(self) -> str | None:
        """``end`` as 'YYYY-MM-DD HH:MM:SS', or None when no end was given."""
        return None if self.end is None else self.end.strftime("%Y-%m-%d %H:%M:%S")


def ground_dates(text: str, now: datetime, *, day_first: bool = False) -> tuple[DateMention, ...]:
    """Date and time expressions in ``text``, resolved against ``now``, in order of appearance.

    ``day_first`` reads "5/6" as 5 June instead of May 6. Never raises on odd input: text
    with no dates (or in another language) gives ``()``. See the module docstring for rules.
    """
    if not text.strip():
        return ()
    found = find_phrases(text)
    wall_now = now.replace(tzinfo=None, microsecond=0)
    resolved = [
        (phrase, mention)
        for phrase in found.phrases[:MAX_MENTIONS]
        if (mention := _resolve(phrase, wall_now, day_first)) is not None
    ]
    mentions = _attach_loose_durations(found.loose_durations, resolved)
    if now.tzinfo is not None:
        mentions = [_localized(m, now) for m in mentions]
    return tuple(mentions)


def describe_for_prompt(mentions: Sequence[DateMention]) -> str:
    """One line for the planner prompt, or "" when there is nothing to say.

    ``Dates: "tomorrow at 3" = 2024-06-04 15:00:00; "friday" = 2024-06-07``; a range or a
    duration adds `` to <end>``.
    """
    if not mentions:
        return ""
    described = []
    for m in mentions:
        end = m.formatted_end()
        described.append(f'"{m.text}" = {m.formatted()}' + (f" to {end}" if end else ""))
    return "Dates: " + "; ".join(described)


def warm_up() -> None:
    """Load the date parser's data now (about 0.3 s) rather than on the first request."""
    _read_calendar_date("june 5th", False)


# --- resolution -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Days:
    """The day a phrase names, and the next one to move to if its time has passed."""

    first: date
    then: date | None = None


def _resolve(phrase: Phrase, now: datetime, day_first: bool) -> DateMention | None:
    if phrase.shift is not None:
        return _resolve_shifted(phrase, now, day_first)
    if phrase.moment is not None:  # "in 20 min": from now, to the minute
        start = now.replace(second=0) + timedelta(minutes=_minutes(phrase.moment))
        return _with_duration(DateMention(phrase.text, start, all_day=False), phrase.duration)
    days = _days(phrase, now.date(), day_first)
    if days is None:
        return None
    if phrase.time is None and phrase.part is None:
        return DateMention(phrase.text, _at(days.first, 0), all_day=True)
    part = _part(phrase.part)
    if phrase.time is not None and phrase.time.kind is Kind.TIME_RANGE:
        begin, finish = _range_minutes(phrase.time, part)
        start = _place(days, begin, now)
        return DateMention(phrase.text, start, False, start + timedelta(minutes=finish - begin))
    if phrase.time is not None:
        minutes = _clock_minutes(phrase.time.fields["clock"], part)
    else:
        minutes = _PART_MINUTES[part or "eod"]  # a part of day alone: "tonight"
    start = _place(days, minutes, now)
    return _with_duration(DateMention(phrase.text, start, all_day=False), phrase.duration)


def _resolve_shifted(phrase: Phrase, now: datetime, day_first: bool) -> DateMention | None:
    """The value of a phrase with a shift ("30 minutes before ...", "the day after ..."), shifted.

    A time shift needs a phrase with a time ("an hour before friday" says no time); a day shift
    needs a phrase that names a day ("the day before at 3" does not), and gives a whole day.
    "after" a range or a length counts from its end.
    """
    shift = phrase.shift
    assert shift is not None
    anchor = _resolve(replace(phrase, shift=None), now, day_first)
    if anchor is None:
        return None
    sign = -1 if shift.fields.get("dir") == "before" else 1  # "a week on tuesday" has no "dir"
    if _is_day_shift(shift.fields):
        days = _shift_days(shift.fields)
        if days is None or phrase.date is None:
            return None
        if "dir" not in shift.fields:  # "a week on tuesday at 3": the same time, days later
            moved = timedelta(days=days)
            end = None if anchor.end is None else anchor.end + moved
            return DateMention(phrase.text, anchor.start + moved, anchor.all_day, end)
        day = anchor.start.date() + timedelta(days=sign * days)
        return DateMention(phrase.text, _at(day, 0), all_day=True)
    if anchor.all_day:
        return None
    base = anchor.end if sign > 0 and anchor.end is not None else anchor.start
    return DateMention(phrase.text, base + timedelta(minutes=sign * _minutes(shift)), all_day=False)


def _is_day_shift(fields: Mapping[str, str]) -> bool:
    """ "the day before", "2 weeks after"; not "30 minutes before", "half an hour after"."""
    return "the_day" in fields or fields.get("unit", "").startswith(("d", "w"))


def _shift_days(fields: Mapping[str, str]) -> int | None:
    if "the_day" in fields:
        return 1
    amount = _amount(fields["amount"])
    if amount != int(amount):
        return None  # "1.5 days before"
    return int(amount) * (7 if fields["unit"].startswith("w") else 1)


def _place(days: _Days, minutes: int, now: datetime) -> datetime:
    """The time on the first day if that is after now, else on the next day it may move to."""
    first = _at(days.first, minutes)
    return _at(days.then, minutes) if first <= now and days.then is not None else first


def _at(day: date, minutes: int) -> datetime:
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


def _part(piece: Piece | None) -> str | None:
    if piece is None:
        return None
    if "tonight" in piece.fields:
        return "night"
    if "eod" in piece.fields:
        return "eod"
    return piece.fields.get("part") or piece.fields.get("weak")


def _days(phrase: Phrase, today: date, day_first: bool) -> _Days | None:
    piece = phrase.date
    if piece is None:
        said_today = phrase.part is not None and not {"today", "tonight"}.isdisjoint(phrase.part.fields)
        return _Days(today) if said_today else _Days(today, today + timedelta(days=1))
    fields = piece.fields
    if piece.kind is Kind.RELATIVE_DAY:
        offset = _RELATIVE_DAYS.get(fields["rel"], 2)  # the only other one: the day after tomorrow
        return _Days(today + timedelta(days=offset))
    if piece.kind is Kind.WEEKDAY:
        return _weekday(fields, today)
    if piece.kind is Kind.MONTH_DAY:
        return _Days(_next_day_of_month(int(fields["day"]), today + timedelta(days=1)))
    if piece.kind is Kind.CALENDAR_DATE:
        return _calendar_date(fields, today, day_first)
    if piece.kind is Kind.PERIOD:
        return _Days(_period(fields["period"], today))
    if piece.kind is Kind.END_OF:
        return _Days(_end_of(fields["unit"], fields.get("which") == "next", today))
    if piece.kind is Kind.NTH_WEEKDAY:
        return _nth_weekday(fields, today)
    if piece.kind is Kind.RECURRING:
        return _recurring(fields, today)
    return _day_offset(fields, today)


def _weekday(fields: Mapping[str, str], today: date) -> _Days:
    days = _weekday_alone(fields, today)
    if "plus_week" not in fields:
        return days
    # "tuesday week", "friday after next": a week after the day that "tuesday" alone names
    week = timedelta(days=7)
    return _Days(days.first + week, None if days.then is None else days.then + week)


def _weekday_alone(fields: Mapping[str, str], today: date) -> _Days:
    weekday = _WEEKDAYS[fields["day"][:3]]
    if fields.get("mod") == "last":  # the most recent one before today
        return _Days(today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1))
    if fields.get("mod") == "next" or fields.get("week") == "next":
        next_monday = today + timedelta(days=7 - today.weekday())
        return _Days(next_monday + timedelta(days=weekday))
    if fields.get("mod") == "this":  # "this friday" said on a Friday is today (or a week on)
        first = today + timedelta(days=(weekday - today.weekday()) % 7)
        return _Days(first, first + timedelta(days=7))
    # "friday" said on a Friday is next week's: today would be "today"
    return _Days(today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1))


def _nth_weekday(fields: Mapping[str, str], today: date) -> _Days | None:
    """The day "the first monday of next month" names.

    As written for this or next month or a month with a year; for a month alone, the first such
    day after today ("the 2nd tuesday of june" said on that day: next year's); "of every month":
    the first one from today on. "of the month" could be any month: None.
    """
    weekday, nth = _WEEKDAYS[fields["day"][:3]], _NTH[fields["nth"]]
    which = fields.get("which")
    if which in ("every", "each"):  # recurring: this month's unless it has passed
        this_month = _nth_weekday_of(today.year, today.month, weekday, nth)
        next_start = _add_months(today.replace(day=1), 1)
        following = _nth_weekday_of(next_start.year, next_start.month, weekday, nth)
        if this_month < today:
            after = _add_months(next_start, 1)
            return _Days(following, _nth_weekday_of(after.year, after.month, weekday, nth))
        return _Days(this_month, following)
    if which is not None:
        month_start = _add_months(today.replace(day=1), 1 if which == "next" else 0)
        return _Days(_nth_weekday_of(month_start.year, month_start.month, weekday, nth))
    if "month" not in fields:
        return None  # "the first monday of the month"
    month = _MONTHS[fields["month"][:3]]
    if "year" in fields:
        return _Days(_nth_weekday_of(int(fields["year"]), month, weekday, nth))
    year = today.year
    while (day := _nth_weekday_of(year, month, weekday, nth)) <= today:
        year += 1
    return _Days(day)


def _nth_weekday_of(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` (1-4, or -1: the last) ``weekday`` of a month."""
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _recurring(fields: Mapping[str, str], today: date) -> _Days:
    """The first occurrence of a recurring day, today included; the next one once its time has passed."""
    if "day" in fields:  # "every monday": like "this monday"
        first = today + timedelta(days=(_WEEKDAYS[fields["day"][:3]] - today.weekday()) % 7)
        return _Days(first, first + timedelta(days=7))
    if fields.get("every") == "weekday":  # Monday to Friday
        first = today + timedelta(days=7 - today.weekday() if today.weekday() >= 5 else 0)
        return _Days(first, first + timedelta(days=3 if first.weekday() == 4 else 1))
    return _Days(today, today + timedelta(days=1))  # "every day", "everyday"


def _next_day_of_month(day: int, on_or_after: date) -> date:
    """The first date with this day of the month, on or after ``on_or_after``."""
    year, month = on_or_after.year, on_or_after.month
    while True:
        if day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= on_or_after:
            return date(year, month, day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _next_yearly(month: int, day: int, on_or_after: date) -> date:
    """The first ``month``/``day`` on or after ``on_or_after`` (Feb 29 waits for a leap year)."""
    year = on_or_after.year
    while not (day <= calendar.monthrange(year, month)[1] and date(year, month, day) >= on_or_after):
        year += 1
    return date(year, month, day)


def _calendar_date(fields: Mapping[str, str], today: date, day_first: bool) -> _Days | None:
    read = _read_calendar_date(fields["date"], day_first)
    if read is None:
        return None  # "june 31": not a date
    year, month, day = read
    if "day" in fields and int(fields["day"]) != day:
        return None
    if "a" in fields and (month, day) not in _numeric_orders(fields):
        return None
    if "year" in fields:
        return _Days(date(year, month, day))
    return _Days(_next_yearly(month, day, today + timedelta(days=1)))


def _numeric_orders(fields: Mapping[str, str]) -> set[tuple[int, int]]:
    """The (month, day) pairs the digits allow; dateparser swaps "13/5" to 13 May itself."""
    a, b = int(fields["a"]), int(fields["b"])
    return {(a, b)} if "-" in fields["date"] else {(a, b), (b, a)}


@functools.lru_cache(maxsize=512)
def _read_calendar_date(text: str, day_first: bool) -> tuple[int, int, int] | None:
    """(year, month, day) of a calendar date as written; the year only counts if written."""
    import dateparser  # 0.3 s to load and warm: only when a request has a calendar date

    settings = {
        "DATE_ORDER": "DMY" if day_first else "MDY",
        "PREFER_DATES_FROM": "future",
        # A fixed leap-year base: results do not depend on "now", so they can be cached, and
        # "2/29" reads as February 29 in any year.
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "REQUIRE_PARTS": ["day", "month"],
    }
    value: object = dateparser.parse(text, languages=["en"], settings=settings)
    if not isinstance(value, datetime):
        return None
    return value.year, value.month, value.day


def _period(period: str, today: date) -> date:
    monday = today - timedelta(days=today.weekday())
    if period.endswith("week"):
        return monday + timedelta(days=7)
    if period.endswith("month"):
        return _add_months(today.replace(day=1), 1)
    if period.endswith("year"):
        return date(today.year + 1, 1, 1)
    if period.endswith("after next"):
        return monday + timedelta(days=19)  # Saturday of the week after next
    if period.startswith("next"):
        return monday + timedelta(days=12)  # Saturday of next week
    return today if today.weekday() == 6 else monday + timedelta(days=5)


def _end_of(unit: str, next_one: bool, today: date) -> date:
    if unit == "week" and next_one:
        return today + timedelta(days=7 - today.weekday() + 4)  # Friday of next week
    if unit == "week":
        return today + timedelta(days=(4 - today.weekday()) % 7)
    if unit == "month":
        month_start = _add_months(today.replace(day=1), 1 if next_one else 0)
        return month_start.replace(day=calendar.monthrange(month_start.year, month_start.month)[1])
    return date(today.year + (1 if next_one else 0), 12, 31)


def _day_offset(fields: Mapping[str, str], today: date) -> _Days | None:
    amount = _amount(fields["amount"])
    if amount != int(amount):
        return None  # "in 1.5 days": leave it to the planner
    unit, n = fields["unit"], int(amount)
    if unit.startswith("d"):
        return _Days(today + timedelta(days=n))
    if unit.startswith(("w", "f")):  # a fortnight is two weeks
        return _Days(today + timedelta(weeks=n * (2 if unit.startswith("f") else 1)))
    return _Days(_add_months(today, n if unit.startswith("mo") else 12 * n))


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's length (Jan 31 + 1 = Feb 29)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _amount(text: str) -> float:
    return _NUMBERS[text] if text in _NUMBERS else float(text)


def _minutes(piece: Piece) -> int:
    """The length a TIME_OFFSET or DURATION piece gives, in minutes."""
    if "halfhour" in piece.fields:
        return 30
    unit = 60 if piece.fields["unit"].startswith("h") else 1
    half = "half" in piece.fields or "half_after" in piece.fields  # "two and a half", "an hour and a half"
    amount = _amount(piece.fields["amount"]) + (0.5 if half else 0)
    return round(amount * unit)


def _clock_minutes(clock: str, part: str | None) -> int:
    """Minutes after midnight a clock time means, with the office-hours rule for a bare hour."""
    words = _CLOCK_WORDS.match(clock)
    if words is not None:  # "quarter to 8": 15 minutes before what "8" means
        shift = (30 if words["size"] == "half" else 15) * (1 if words["side"] == "past" else -1)
        return _clock_minutes(words["hour"], part) + shift
    match = _CLOCK.search(clock)
    assert match is not None, clock  # the grammar only hands over clock-shaped text
    if match["word"]:
        return _DAY_MINUTES if match["word"] == "midnight" else 12 * 60
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["mer"]:
        return (hour % 12 + (12 if match["mer"] == "p" else 0)) * 60 + minute
    if not _is_bare_hour(match):
        return hour * 60 + minute  # 24-hour clock
    if part == "night" and hour == 12:
        return _DAY_MINUTES  # "tonight at 12"
    if part == "morning" or (part is None and hour >= 8):
        return hour * 60 + minute  # 8-11 am; 12 is noon
    return (hour % 12 + 12) * 60 + minute  # 1-7 pm, or after afternoon / evening / night / eod


def _is_bare_hour(match: re.Match[str]) -> bool:
    """An hour 1-12 with no am/pm, written without a leading zero ("09:30" is 24-hour)."""
    return not match["mer"] and 1 <= int(match["h"]) <= 12 and not match["h"].startswith("0")


def _range_minutes(piece: Piece, part: str | None) -> tuple[int, int]:
    """Start and end of a time range, in minutes after the start day's midnight."""
    first, second = piece.fields["t1"], piece.fields["t2"]
    end = _clock_minutes(second, part)
    end_meridiem = _meridiem(second)
    if _meridiem(first) is None and end_meridiem is not None:
        start = _clock_minutes(first + end_meridiem, None)  # "2 to 4pm"
        if start > end:
            start = _clock_minutes(first + "a", None)  # "11 to 1pm"
    else:
        start = _clock_minutes(first, part)
    end_match = _CLOCK.search(second)
    if end_match is not None and not end_match["word"] and _is_bare_hour(end_match):
        am = _clock_minutes(second + "a", None)  # a bare end: the first such time after the start
        end = am if am > start else am + 12 * 60
    while end <= start:  # "10pm to 1am" ends the next day
        end += _DAY_MINUTES
    return start, end


def _meridiem(clock: str) -> str | None:
    match = _CLOCK.search(clock)
    return match["mer"] if match is not None else None


def _with_duration(mention: DateMention, duration: Piece | None) -> DateMention:
    if duration is None or mention.all_day or mention.end is not None or _minutes(duration) <= 0:
        return mention
    return replace(mention, end=mention.start + timedelta(minutes=_minutes(duration)))


def _attach_loose_durations(
    durations: Sequence[Piece], resolved: list[tuple[Phrase, DateMention]]
) -> list[DateMention]:
    """Give each stand-alone duration ("a 2 hour meeting") to the nearest timed mention."""
    for duration in durations:
        open_ones = [
            i for i, (p, m) in enumerate(resolved) if not m.all_day and m.end is None and p.shift is None
        ]
        if not open_ones:
            break
        nearest = min(open_ones, key=lambda i: _distance(resolved[i][0], duration))
        phrase, mention = resolved[nearest]
        resolved[nearest] = (phrase, _with_duration(mention, duration))
    return [mention for _, mention in resolved]


def _distance(phrase: Phrase, piece: Piece) -> int:
    return max(piece.start - phrase.end, phrase.start - piece.end, 0)


def _localized(mention: DateMention, now: datetime) -> DateMention:
    end = None if mention.end is None else mention.end.replace(tzinfo=now.tzinfo)
    return replace(mention, start=mention.start.replace(tzinfo=now.tzinfo), end=end)
