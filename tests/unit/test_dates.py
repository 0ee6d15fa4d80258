"""ground_dates: resolution semantics, false positives, odd input and speed.

TABLE is the table the date parsers were compared on. The HELD_OUT rows were written before
the implementation and not tuned on: the first run scored 36 of 38, and both misses were
fixed. "afternoon" later moved from 14:00 to 15:00 to agree with training/dataset/dates.py.
NTH_WEEKDAYS, RECURRING and SHIFTS came from the ``ungroundable_date`` cases of
benchmarks/human_cases.jsonl; NEVER_WRONG holds their near misses, which give no value.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinyagent.core.dates import MAX_MENTIONS, DateMention, describe_for_prompt, ground_dates, warm_up

MON = datetime(2024, 6, 3, 9, 0)  # Monday morning
FRI = datetime(2024, 6, 7, 19, 30)  # Friday evening
SUN = datetime(2024, 6, 9, 11, 0)  # Sunday late morning
EOM = datetime(2024, 10, 31, 14, 0)  # Thursday, last day of the month
NYE = datetime(2024, 12, 31, 22, 0)  # Tuesday, New Year's Eve: the year rolls over
LEAP = datetime(2024, 2, 29, 10, 0)  # Thursday, leap day

Expected = tuple[str, str, str | None]  # (text, formatted start, formatted end)


def m(text: str, formatted: str, end: str | None = None) -> Expected:
    return (text, formatted, end)


TABLE: list[tuple[datetime, str, list[Expected]]] = [
    (MON, "set up a meeting with sid tomorrow at 3", [m("tomorrow at 3", "2024-06-04 15:00:00")]),
    (MON, "lunch with lutfi next fri noon", [m("next fri noon", "2024-06-14 12:00:00")]),
    (MON, "remind me to pay rent on the 1st", [m("on the 1st", "2024-07-01")]),
    (MON, "remind me in 2 hours to stretch", [m("in 2 hours", "2024-06-03 11:00:00")]),
    (MON, "ping me in 20 min", [m("in 20 min", "2024-06-03 09:20:00")]),
    (MON, "submit the expense report by end of month", [m("end of month", "2024-06-30")]),
    (MON, "remind me to call mom tonight", [m("tonight", "2024-06-03 20:00:00")]),
    (MON, "plan a hike this weekend", [m("this weekend", "2024-06-08")]),
    (MON, "book the room at 14:00", [m("at 14:00", "2024-06-03 14:00:00")]),
    (MON, "call the dentist at 2:30pm", [m("at 2:30pm", "2024-06-03 14:30:00")]),
    (MON, "dinner with jose june 5th at 4:30pm", [m("june 5th at 4:30pm", "2024-06-05 16:30:00")]),
    (MON, "move the deadline to 5/6", [m("5/6", "2025-05-06")]),
    (MON, "lets meet next week", [m("next week", "2024-06-10")]),
    (MON, "remind me friday to send the slides", [m("friday", "2024-06-07")]),
    (MON, "team lunch at noon", [m("at noon", "2024-06-03 12:00:00")]),
    (MON, "back up the server at midnight", [m("at midnight", "2024-06-04 00:00:00")]),
    (
        MON,
        "schedule a zoom call tomorrow at 10 for 30 minutes",
        [m("tomorrow at 10 for 30 minutes", "2024-06-04 10:00:00", "2024-06-04 10:30:00")],
    ),
    (
        MON,
        "block my calendar tomorrow from 2 to 4pm",
        [m("tomorrow from 2 to 4pm", "2024-06-04 14:00:00", "2024-06-04 16:00:00")],
    ),
    (
        MON,
        "set up a 2 hour meeting with sid on thursday at 1",
        [m("on thursday at 1", "2024-06-06 13:00:00", "2024-06-06 15:00:00")],
    ),
    (MON, "call sid in 3 days", [m("in 3 days", "2024-06-06")]),
    (MON, "meet the day after tomorrow at 9am", [m("the day after tomorrow at 9am", "2024-06-05 09:00:00")]),
    (MON, "remind me this afternoon to water the plants", [m("this afternoon", "2024-06-03 15:00:00")]),
    (MON, "text june tomorrow morning", [m("tomorrow morning", "2024-06-04 09:00:00")]),
    (MON, "call the bank at 11", [m("at 11", "2024-06-03 11:00:00")]),
    (MON, "lunch at 12", [m("at 12", "2024-06-03 12:00:00")]),
    (MON, "call the plumber at 2:30", [m("at 2:30", "2024-06-03 14:30:00")]),
    (MON, "drinks at 7 pm", [m("at 7 pm", "2024-06-03 19:00:00")]),
    (MON, "noon tomorrow works for me", [m("noon tomorrow", "2024-06-04 12:00:00")]),
    (MON, "3pm on friday with the design team", [m("3pm on friday", "2024-06-07 15:00:00")]),
    (MON, "dentist on the 15th at 10am", [m("on the 15th at 10am", "2024-06-15 10:00:00")]),
    (MON, "flight on the 2nd of july", [m("on the 2nd of july", "2024-07-02")]),
    (MON, "the party is on 5 june", [m("on 5 june", "2024-06-05")]),
    (MON, "pay the invoice by june 20", [m("june 20", "2024-06-20")]),
    (MON, "conference on 6/5/2025", [m("on 6/5/2025", "2025-06-05")]),
    (MON, "release on 2024-07-04 at 09:30", [m("on 2024-07-04 at 09:30", "2024-07-04 09:30:00")]),
    (MON, "remind me in 90 minutes", [m("in 90 minutes", "2024-06-03 10:30:00")]),
    (MON, "remind me in an hour to check the oven", [m("in an hour", "2024-06-03 10:00:00")]),
    (MON, "remind me in half an hour", [m("in half an hour", "2024-06-03 09:30:00")]),
    (MON, "remind me in two hours", [m("in two hours", "2024-06-03 11:00:00")]),
    (MON, "review the draft this evening", [m("this evening", "2024-06-03 18:00:00")]),
    (MON, "dinner tomorrow evening at 7", [m("tomorrow evening at 7", "2024-06-04 19:00:00")]),
    (MON, "standup this morning at 10", [m("this morning at 10", "2024-06-03 10:00:00")]),
    (
        MON,
        "book a call tomorrow at 4 for an hour",
        [m("tomorrow at 4 for an hour", "2024-06-04 16:00:00", "2024-06-04 17:00:00")],
    ),
    (
        MON,
        "workshop wednesday 9am to 5pm",
        [m("wednesday 9am to 5pm", "2024-06-05 09:00:00", "2024-06-05 17:00:00")],
    ),
    (MON, "meeting tomorrow 2-4pm", [m("tomorrow 2-4pm", "2024-06-04 14:00:00", "2024-06-04 16:00:00")]),
    (MON, "a 30 minute call with sid at 4", [m("at 4", "2024-06-03 16:00:00", "2024-06-03 16:30:00")]),
    (MON, "remind me tmrw at 5 to call mom", [m("tmrw at 5", "2024-06-04 17:00:00")]),
    (MON, "meeting tommorow at 11am", [m("tommorow at 11am", "2024-06-04 11:00:00")]),
    (MON, "lunch on wensday at 12", [m("on wensday at 12", "2024-06-05 12:00:00")]),
    (MON, "doctor on thrusday", [m("on thrusday", "2024-06-06")]),
    (MON, "send the report by eod", [m("eod", "2024-06-03 17:00:00")]),
    (MON, "birthday on 2/29", [m("on 2/29", "2028-02-29")]),
    (
        MON,
        "call sid tomorrow and lutfi on friday",
        [m("tomorrow", "2024-06-04"), m("on friday", "2024-06-07")],
    ),
    (MON, "today at 5 oclock", [m("today at 5 oclock", "2024-06-03 17:00:00")]),
    (FRI, "remind me friday to call mom", [m("friday", "2024-06-14")]),
    (FRI, "meet friday at 3", [m("friday at 3", "2024-06-14 15:00:00")]),
    (FRI, "tennis tomorrow at 3", [m("tomorrow at 3", "2024-06-08 15:00:00")]),
    (FRI, "dinner at 8", [m("at 8", "2024-06-08 08:00:00")]),
    (FRI, "call dad tonight", [m("tonight", "2024-06-07 20:00:00")]),
    (FRI, "clean the garage this weekend", [m("this weekend", "2024-06-08")]),
    (FRI, "camping next weekend", [m("next weekend", "2024-06-15")]),
    (FRI, "review next friday", [m("next friday", "2024-06-14")]),
    (FRI, "plan the sprint next week", [m("next week", "2024-06-10")]),
    (FRI, "pay rent on the 1st", [m("on the 1st", "2024-07-01")]),
    (FRI, "remind me in 2 hours", [m("in 2 hours", "2024-06-07 21:30:00")]),
    (FRI, "finish the deploy by midnight", [m("midnight", "2024-06-08 00:00:00")]),
    (FRI, "schedule a review monday morning", [m("monday morning", "2024-06-10 09:00:00")]),
    (FRI, "brunch sunday at 10am", [m("sunday at 10am", "2024-06-09 10:00:00")]),
    (
        FRI,
        "a 2 hour hike saturday morning",
        [m("saturday morning", "2024-06-08 09:00:00", "2024-06-08 11:00:00")],
    ),
    (EOM, "close the books by end of month", [m("end of month", "2024-10-31")]),
    (EOM, "budget due end of next month", [m("end of next month", "2024-11-30")]),
    (EOM, "invoice on the 31st", [m("on the 31st", "2024-12-31")]),
    (EOM, "rent due on the 30th", [m("on the 30th", "2024-11-30")]),
    (EOM, "start the project next month", [m("next month", "2024-11-01")]),
    (EOM, "call mom tomorrow", [m("tomorrow", "2024-11-01")]),
    (EOM, "follow up in 2 weeks", [m("in 2 weeks", "2024-11-14")]),
    (EOM, "dentist 11/3", [m("11/3", "2024-11-03")]),
    (EOM, "gym friday at 9am", [m("friday at 9am", "2024-11-01 09:00:00")]),
    (EOM, "call the bank at 1:15", [m("at 1:15", "2024-11-01 13:15:00")]),
    (EOM, "pick up the kids at 5", [m("at 5", "2024-10-31 17:00:00")]),
    (NYE, "gym tomorrow at 9am", [m("tomorrow at 9am", "2025-01-01 09:00:00")]),
    (NYE, "start the diet next week", [m("next week", "2025-01-06")]),
    (NYE, "pay rent on the 1st", [m("on the 1st", "2025-01-01")]),
    (NYE, "flight on january 3rd", [m("on january 3rd", "2025-01-03")]),
    (NYE, "taxes next month", [m("next month", "2025-01-01")]),
    (NYE, "wake me in 3 hours", [m("in 3 hours", "2025-01-01 01:00:00")]),
    (NYE, "buy gifts before 12/25", [m("12/25", "2025-12-25")]),
    (NYE, "team lunch friday", [m("friday", "2025-01-03")]),
    (NYE, "call mom tonight at 11", [m("tonight at 11", "2024-12-31 23:00:00")]),
    (NYE, "toast at midnight", [m("at midnight", "2025-01-01 00:00:00")]),
    (NYE, "archive the files by end of year", [m("end of year", "2024-12-31")]),
    (LEAP, "call the clinic tomorrow", [m("tomorrow", "2024-03-01")]),
    (LEAP, "report by end of month", [m("end of month", "2024-02-29")]),
    (LEAP, "review next thursday", [m("next thursday", "2024-03-07")]),
    (LEAP, "on the 30th", [m("on the 30th", "2024-03-30")]),
    (LEAP, "check in 2 days", [m("in 2 days", "2024-03-02")]),
    (LEAP, "quarterly review 3/1", [m("3/1", "2024-03-01")]),
]

HELD_OUT: list[tuple[datetime, str, list[Expected]]] = [
    (MON, "can we push the sync to thursday afternoon", [m("thursday afternoon", "2024-06-06 15:00:00")]),
    (MON, "remind me on sat to buy milk", [m("on sat", "2024-06-08")]),
    (MON, "dentist appointment on july 4th at 10:15am", [m("on july 4th at 10:15am", "2024-07-04 10:15:00")]),
    (MON, "call jose at 5:45", [m("at 5:45", "2024-06-03 17:45:00")]),
    (
        MON,
        "meeting from 10 to 11:30 tomorrow",
        [m("from 10 to 11:30 tomorrow", "2024-06-04 10:00:00", "2024-06-04 11:30:00")],
    ),
    (MON, "remind me in 45 minutes", [m("in 45 minutes", "2024-06-03 09:45:00")]),
    (MON, "lunch next tuesday at 1pm", [m("next tuesday at 1pm", "2024-06-11 13:00:00")]),
    (MON, "schedule the review for the 20th", [m("the 20th", "2024-06-20")]),
    (MON, "pick up laundry this saturday", [m("this saturday", "2024-06-08")]),
    (
        MON,
        "book a 45 minute zoom with lutfi friday at 2",
        [m("friday at 2", "2024-06-07 14:00:00", "2024-06-07 14:45:00")],
    ),
    (MON, "remind me tomorrow night to take out the trash", [m("tomorrow night", "2024-06-04 20:00:00")]),
    (SUN, "plan the sprint next week", [m("next week", "2024-06-10")]),
    (SUN, "clean up this weekend", [m("this weekend", "2024-06-09")]),
    (SUN, "review next friday", [m("next friday", "2024-06-14")]),
    (SUN, "demo friday", [m("friday", "2024-06-14")]),
    (MON, "drinks at 6 tonight", [m("at 6 tonight", "2024-06-03 18:00:00")]),
    (MON, "the report is due sept 15", [m("sept 15", "2024-09-15")]),
    (MON, "dinner at 7:30 pm on the 12th", [m("at 7:30 pm on the 12th", "2024-06-12 19:30:00")]),
    (MON, "call mom in 1 hour", [m("in 1 hour", "2024-06-03 10:00:00")]),
    (MON, "yoga tomorrow at 6am", [m("tomorrow at 6am", "2024-06-04 06:00:00")]),
    (MON, "block 9 to 10 tomorrow", [m("9 to 10 tomorrow", "2024-06-04 09:00:00", "2024-06-04 10:00:00")]),
    (MON, "remind me on monday at 8", [m("on monday at 8", "2024-06-10 08:00:00")]),
    (MON, "send the invoice by the end of the week", [m("the end of the week", "2024-06-07")]),
    (MON, "remind me at 9 tomorrow", [m("at 9 tomorrow", "2024-06-04 09:00:00")]),
    (MON, "meet sid on 6/12 at 3", [m("on 6/12 at 3", "2024-06-12 15:00:00")]),
    (MON, "call the vet tomorow at 10", [m("tomorow at 10", "2024-06-04 10:00:00")]),
    (MON, "submit timesheet by friday 5pm", [m("friday 5pm", "2024-06-07 17:00:00")]),
    (
        MON,
        "schedule a call with sid for an hour tomorrow at 11",
        [m("for an hour tomorrow at 11", "2024-06-04 11:00:00", "2024-06-04 12:00:00")],
    ),
    (FRI, "coffee with jose in the morning", [m("in the morning", "2024-06-08 09:00:00")]),
    (MON, "flight on dec 3rd", [m("on dec 3rd", "2024-12-03")]),
    (MON, "remind me the day after tomorrow", [m("the day after tomorrow", "2024-06-05")]),
    (MON, "call me at 4:00 p.m.", [m("at 4:00 p.m.", "2024-06-03 16:00:00")]),
]

NOT_DATES = [
    "email may about the budget",
    "text june the address",
    "tell april the report is done",
    "may i ask you to book a table",
    "you may want to call sid",
    "march to the office and open the report",
    "call 555 0100",
    "send $20 to jose",
    "book room 301",
    "open the second file",
    "open the 2nd file",
    "summarize the 2024 budget report",
    "add 1/2 cup of sugar to the recipe note",
    "find the 3 latest pdfs",
    "forward the email to sid",
    "version 2.5 release notes",
    "call mark at 555 867 5309",
    "i sat down with the team",
    "the sun was out",
    "add the sundry items to my list",
    "remind me about the second quarter numbers",
    "text jose a 10 minute summary",
    "i have 2 meetings and 3 calls",
    "march madness notes",
    "open the may report",
    "text sid that i am 5 minutes away",
    "call 911",
    "order 2 pizzas at 10 dollars each",
]


# Every row of the semantics table in core/dates.py, in order, against its now (MON).
DOCUMENTED: list[tuple[str, list[Expected]]] = [
    ("today / tomorrow", [m("today", "2024-06-03"), m("tomorrow", "2024-06-04")]),
    ("the day after tomorrow", [m("the day after tomorrow", "2024-06-05")]),
    ("yesterday, last friday", [m("yesterday", "2024-06-02"), m("last friday", "2024-05-31")]),
    ("friday, on fri", [m("friday", "2024-06-07"), m("on fri", "2024-06-07")]),
    ("this friday", [m("this friday", "2024-06-07")]),
    ("next friday, friday next week", [m("next friday", "2024-06-14"), m("friday next week", "2024-06-14")]),
    ("friday the 14th", [m("friday the 14th", "2024-06-14")]),
    ("on the 1st, by the 15th", [m("on the 1st", "2024-07-01"), m("the 15th", "2024-06-15")]),
    (
        "june 5th, 5 june, dec 3rd",
        [m("june 5th", "2024-06-05"), m("5 june", "2024-06-05"), m("dec 3rd", "2024-12-03")],
    ),
    ("on 2/29", [m("on 2/29", "2028-02-29")]),
    ("5/6", [m("5/6", "2025-05-06")]),
    (
        "6/5/2025, 6/5/25, 2024-07-04",
        [m("6/5/2025", "2025-06-05"), m("6/5/25", "2025-06-05"), m("2024-07-04", "2024-07-04")],
    ),
    (
        "next week / next month / next year",
        [m("next week", "2024-06-10"), m("next month", "2024-07-01"), m("next year", "2025-01-01")],
    ),
    ("this weekend, the weekend", [m("this weekend", "2024-06-08"), m("the weekend", "2024-06-08")]),
    ("next weekend", [m("next weekend", "2024-06-15")]),
    ("the weekend after next", [m("the weekend after next", "2024-06-22")]),
    (
        "in a fortnight, 2 fortnights from now",
        [m("in a fortnight", "2024-06-17"), m("2 fortnights from now", "2024-07-01")],
    ),
    (
        "at the end of the week, by the end of the week",
        [m("at the end of the week", "2024-06-07"), m("the end of the week", "2024-06-07")],
    ),
    ("end of next week", [m("end of next week", "2024-06-14")]),
    (
        "end of the month / end of next month",
        [m("end of the month", "2024-06-30"), m("end of next month", "2024-07-31")],
    ),
    ("end of the year", [m("end of the year", "2024-12-31")]),
    (
        "the first monday of next month, the last fri of june, 2nd tue of july 2025",
        [
            m("the first monday of next month", "2024-07-01"),
            m("the last fri of june", "2024-06-28"),
            m("2nd tue of july 2025", "2025-07-08"),
        ],
    ),
    (
        "the first monday of every month, the first monday of every month at 8",
        [
            m("the first monday of every month", "2024-06-03"),
            m("the first monday of every month at 8", "2024-07-01 08:00:00"),
        ],
    ),
    (
        "every monday at 10, every monday at 8",
        [m("every monday at 10", "2024-06-03 10:00:00"), m("every monday at 8", "2024-06-10 08:00:00")],
    ),
    (
        "every day at 9 / every morning",
        [m("every day at 9", "2024-06-04 09:00:00"), m("every morning", "2024-06-04 09:00:00")],
    ),
    ("every weekday at 9", [m("every weekday at 9", "2024-06-04 09:00:00")]),
    (
        "in 3 days, in 2 weeks, in a month",
        [m("in 3 days", "2024-06-06"), m("in 2 weeks", "2024-06-17"), m("in a month", "2024-07-03")],
    ),
    (
        "in 20 min, in 2 hours",
        [m("in 20 min", "2024-06-03 09:20:00"), m("in 2 hours", "2024-06-03 11:00:00")],
    ),
    (
        "at 14:00, at 2:30pm, 7 pm",
        [
            m("at 14:00", "2024-06-03 14:00:00"),
            m("at 2:30pm", "2024-06-03 14:30:00"),
            m("7 pm", "2024-06-03 19:00:00"),
        ],
    ),
    (
        "at 17, at 09:30, at 00:30",
        [
            m("at 17", "2024-06-03 17:00:00"),
            m("at 09:30", "2024-06-03 09:30:00"),
            m("at 00:30", "2024-06-04 00:30:00"),
        ],
    ),
    (
        "at 3, 3 oclock, at 2:30, at 11",
        [
            m("at 3", "2024-06-03 15:00:00"),
            m("3 oclock", "2024-06-03 15:00:00"),
            m("at 2:30", "2024-06-03 14:30:00"),
            m("at 11", "2024-06-03 11:00:00"),
        ],
    ),
    (
        "half past 4, quarter to 8",
        [m("half past 4", "2024-06-03 16:30:00"), m("quarter to 8", "2024-06-04 07:45:00")],
    ),
    (
        "noon, midday, 12pm",
        [
            m("noon", "2024-06-03 12:00:00"),
            m("midday", "2024-06-03 12:00:00"),
            m("12pm", "2024-06-03 12:00:00"),
        ],
    ),
    (
        "midnight, friday midnight",
        [m("midnight", "2024-06-04 00:00:00"), m("friday midnight", "2024-06-08 00:00:00")],
    ),
    ("12am, friday at 12am", [m("12am", "2024-06-04 00:00:00"), m("friday at 12am", "2024-06-07 00:00:00")]),
    (
        "this morning / this afternoon / this evening",
        [
            m("this morning", "2024-06-03 09:00:00"),
            m("this afternoon", "2024-06-03 15:00:00"),
            m("this evening", "2024-06-03 18:00:00"),
        ],
    ),
    (
        "tonight, friday night",
        [m("tonight", "2024-06-03 20:00:00"), m("friday night", "2024-06-07 20:00:00")],
    ),
    # 09:00 is not after now (09:00): "in the morning" moves to tomorrow
    (
        "in the morning / in the afternoon",
        [m("in the morning", "2024-06-04 09:00:00"), m("in the afternoon", "2024-06-03 15:00:00")],
    ),
    (
        "tonight at 8, morning at 8, tonight at 12",
        [
            m("tonight at 8", "2024-06-03 20:00:00"),
            m("morning at 8", "2024-06-04 08:00:00"),
            m("tonight at 12", "2024-06-04 00:00:00"),
        ],
    ),
    (
        "eod, end of day, cob",
        [
            m("eod", "2024-06-03 17:00:00"),
            m("end of day", "2024-06-03 17:00:00"),
            m("cob", "2024-06-03 17:00:00"),
        ],
    ),
    (
        "from 2 to 4pm, 2-4pm",
        [
            m("from 2 to 4pm", "2024-06-03 14:00:00", "2024-06-03 16:00:00"),
            m("2-4pm", "2024-06-03 14:00:00", "2024-06-03 16:00:00"),
        ],
    ),
    (
        "11 to 1pm, 10pm to 1am",
        [
            m("11 to 1pm", "2024-06-03 11:00:00", "2024-06-03 13:00:00"),
            m("10pm to 1am", "2024-06-03 22:00:00", "2024-06-04 01:00:00"),
        ],
    ),
    (
        "tomorrow from 9 to 5, between 1 and 3",
        [
            m("tomorrow from 9 to 5", "2024-06-04 09:00:00", "2024-06-04 17:00:00"),
            m("between 1 and 3", "2024-06-03 13:00:00", "2024-06-03 15:00:00"),
        ],
    ),
    ("9 to 10 tomorrow", [m("9 to 10 tomorrow", "2024-06-04 09:00:00", "2024-06-04 10:00:00")]),
    ("at 3 for 30 minutes", [m("at 3 for 30 minutes", "2024-06-03 15:00:00", "2024-06-03 15:30:00")]),
    (
        "at 3 lasting an hour, at 3, an hour and a half long",
        [
            m("at 3 lasting an hour", "2024-06-03 15:00:00", "2024-06-03 16:00:00"),
            m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:30:00"),
        ],
    ),
    ("a 2 hour meeting with sid at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 17:00:00")]),
    (
        "30 min before the call at 3, an hour after the call at 3",
        [
            m("30 min before the call at 3", "2024-06-03 14:30:00"),
            m("an hour after the call at 3", "2024-06-03 16:00:00"),
        ],
    ),
    (
        "the day before friday, 2 days after june 10",
        [m("the day before friday", "2024-06-06"), m("2 days after june 10", "2024-06-12")],
    ),
    (
        "tuesday week, friday after next",
        [m("tuesday week", "2024-06-11"), m("friday after next", "2024-06-14")],
    ),
    (
        "a week on tuesday, a week from fri, a week tomorrow at 3",
        [
            m("a week on tuesday", "2024-06-11"),
            m("a week from fri", "2024-06-14"),
            m("a week tomorrow at 3", "2024-06-11 15:00:00"),
        ],
    ),
]

MORE_NOT_DATES = [
    "good morning",
    "print pages 2 to 4",
    "i hate mondays",
    "the first monday of the month",
    "sync every week",
    "every 2 weeks",
    "remind me the day before",
    "remind me an hour before",
    "we may 5 times",
    "you may 5 things",
    "give me a minute",
    "on 2/30",
    "on june 31",
    "this week",
]


@pytest.mark.parametrize(("text", "expected"), DOCUMENTED, ids=[d[0] for d in DOCUMENTED])
def test_documented_semantics(text: str, expected: list[Expected]) -> None:
    assert _resolved(text, MON) == expected


@pytest.mark.parametrize("text", MORE_NOT_DATES)
def test_documented_non_dates(text: str) -> None:
    assert ground_dates(text, MON) == ()


def test_a_comma_joins_a_date_to_its_time_but_separates_two_dates() -> None:
    assert _resolved("friday, 3pm", MON) == [m("friday, 3pm", "2024-06-07 15:00:00")]
    assert _resolved("monday, june 10 at 3", MON) == [m("monday, june 10 at 3", "2024-06-10 15:00:00")]
    assert _resolved("tonight, friday night", MON) == [
        m("tonight", "2024-06-03 20:00:00"),
        m("friday night", "2024-06-07 20:00:00"),
    ]


def test_a_length_without_a_time_is_dropped_and_a_time_keeps_the_day() -> None:
    assert _resolved("give me a minute and call sid at 3", MON) == [m("at 3", "2024-06-03 15:00:00")]
    assert _resolved("a 2 hour hike friday", MON) == [m("friday", "2024-06-07")]


# Lengths in the wordings the training-data generator writes ("for", ", ... long", "lasting")
# and their neighbours: the end is start + length, and the span stays inside the request.
LENGTHS: list[tuple[str, list[Expected]]] = [
    (
        "tomorrow at 3 for two and a half hours",
        [m("tomorrow at 3 for two and a half hours", "2024-06-04 15:00:00", "2024-06-04 17:30:00")],
    ),
    (
        "tomorrow at 3, an hour long",
        [m("tomorrow at 3, an hour long", "2024-06-04 15:00:00", "2024-06-04 16:00:00")],
    ),
    (
        "tomorrow at 3, an hour and a half long",
        [m("tomorrow at 3, an hour and a half long", "2024-06-04 15:00:00", "2024-06-04 16:30:00")],
    ),
    (
        "tomorrow at 3, two and a half hours long",
        [m("tomorrow at 3, two and a half hours long", "2024-06-04 15:00:00", "2024-06-04 17:30:00")],
    ),
    (
        "tomorrow at 3 lasting an hour",
        [m("tomorrow at 3 lasting an hour", "2024-06-04 15:00:00", "2024-06-04 16:00:00")],
    ),
    (
        "tomorrow at 3 lasting an hour and a half",
        [m("tomorrow at 3 lasting an hour and a half", "2024-06-04 15:00:00", "2024-06-04 16:30:00")],
    ),
    (
        "tomorrow at 3 lasting two and a half hours",
        [m("tomorrow at 3 lasting two and a half hours", "2024-06-04 15:00:00", "2024-06-04 17:30:00")],
    ),
    (
        "set up a sync with Ana tomorrow at 3, lasting an hour and a half",
        [m("tomorrow at 3, lasting an hour and a half", "2024-06-04 15:00:00", "2024-06-04 16:30:00")],
    ),
    (
        "Set up a meeting about the budget friday at 9am, an hour long and put it on my work calendar",
        [m("friday at 9am, an hour long", "2024-06-07 09:00:00", "2024-06-07 10:00:00")],
    ),
    (
        "book the room on friday at 2 lasting 45 minutes with sid",
        [m("on friday at 2 lasting 45 minutes", "2024-06-07 14:00:00", "2024-06-07 14:45:00")],
    ),
    (
        "at 3 lasting for 1.5 hours",
        [m("at 3 lasting for 1.5 hours", "2024-06-03 15:00:00", "2024-06-03 16:30:00")],
    ),
    (
        "at 3 for an hour and a half",
        [m("at 3 for an hour and a half", "2024-06-03 15:00:00", "2024-06-03 16:30:00")],
    ),
    ("at 3 for half an hour", [m("at 3 for half an hour", "2024-06-03 15:00:00", "2024-06-03 15:30:00")]),
    (
        "at 3 for 2 hours and a half",
        [m("at 3 for 2 hours and a half", "2024-06-03 15:00:00", "2024-06-03 17:30:00")],
    ),
    # Without a day a comma ends the phrase; the length still goes to the nearest time.
    ("call sid at 3, an hour long", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:00:00")]),
    ("call sid at 3, half an hour long", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 15:30:00")]),
    (
        "tomorrow at 3, 30 minutes long",
        [m("tomorrow at 3, 30 minutes long", "2024-06-04 15:00:00", "2024-06-04 15:30:00")],
    ),
    # Lengths before the meeting they describe
    ("a 2-hour meeting at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 17:00:00")]),
    ("a two-hour meeting at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 17:00:00")]),
    ("a 90-minute call at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:30:00")]),
    ("an hour-long call at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:00:00")]),
    ("a two and a half hour workshop at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 17:30:00")]),
    ("a one-and-a-half-hour call at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:30:00")]),
    ("a 1.5 hour call at 3", [m("at 3", "2024-06-03 15:00:00", "2024-06-03 16:30:00")]),
    # "in" + the same lengths is a moment from now, not an end
    ("remind me in two and a half hours", [m("in two and a half hours", "2024-06-03 11:30:00")]),
    ("remind me in an hour and a half", [m("in an hour and a half", "2024-06-03 10:30:00")]),
]

# Words next to a length that make it something else: no end.
NOT_LENGTHS: list[tuple[str, list[Expected]]] = [
    (
        "an hour ago I said we would meet tomorrow at 3",
        [m("tomorrow at 3", "2024-06-04 15:00:00")],
    ),
    ("2 hours ago I said call sid at 3", [m("at 3", "2024-06-03 15:00:00")]),
    ("2 hours and a half ago I said call sid at 3", [m("at 3", "2024-06-03 15:00:00")]),
    (
        "half an hour ago sid asked to move the call to tomorrow at 3",
        [m("tomorrow at 3", "2024-06-04 15:00:00")],
    ),
    # a shift of the time after it, and no end
    (
        "remind me 30 minutes before the call at 3",
        [m("30 minutes before the call at 3", "2024-06-03 14:30:00")],
    ),
    ("i will be 10 minutes late to the 3pm", [m("3pm", "2024-06-03 15:00:00")]),
    ("the long hour at 3 was tiring", [m("at 3", "2024-06-03 15:00:00")]),
    ("it felt like a long hour, call me at 3", [m("at 3", "2024-06-03 15:00:00")]),
    ("give me an hour and a half, then call sid at 3", [m("at 3", "2024-06-03 15:00:00")]),
]


@pytest.mark.parametrize(("text", "expected"), LENGTHS, ids=[t for t, _ in LENGTHS])
def test_a_length_after_for_lasting_or_before_long_gives_the_end(text: str, expected: list[Expected]) -> None:
    assert _resolved(text, MON) == expected


@pytest.mark.parametrize(("text", "expected"), NOT_LENGTHS, ids=[t for t, _ in NOT_LENGTHS])
def test_a_length_that_is_a_point_in_time_gives_no_end(text: str, expected: list[Expected]) -> None:
    assert _resolved(text, MON) == expected


@pytest.mark.parametrize(
    "text", ["an hour ago", "2 hours ago", "the long hour", "an hour and a half", "lasting"]
)
def test_a_length_alone_is_not_a_date(text: str) -> None:
    assert ground_dates(text, MON) == ()


def _resolved(text: str, now: datetime, *, day_first: bool = False) -> list[Expected]:
    return [(x.text, x.formatted(), x.formatted_end()) for x in ground_dates(text, now, day_first=day_first)]


@pytest.mark.parametrize(("now", "text", "expected"), TABLE + HELD_OUT, ids=[c[1] for c in TABLE + HELD_OUT])
def test_expression_resolves_as_a_calendar_user_expects(
    now: datetime, text: str, expected: list[Expected]
) -> None:
    assert _resolved(text, now) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_words_that_are_not_dates_are_not_detected(text: str) -> None:
    assert ground_dates(text, MON) == ()


def test_table_is_large_enough_and_covers_every_reference_day() -> None:
    assert len(TABLE) + len(HELD_OUT) >= 60
    assert {now for now, _, _ in TABLE} == {MON, FRI, EOM, NYE, LEAP}


def test_day_first_reads_day_then_month() -> None:
    assert _resolved("move it to 5/6", MON, day_first=True) == [m("5/6", "2024-06-05")]
    assert _resolved("move it to 5/6", MON) == [m("5/6", "2025-05-06")]
    assert _resolved("on 13/5", MON) == [m("on 13/5", "2025-05-13")]  # only one way to read it


def test_dictated_request_without_punctuation_gives_every_mention_in_order() -> None:
    text = (
        "hey can you set up a 45 minute zoom with sid next tuesday at 10 then remind me "
        "tomorrow morning to prepare and email may the agenda by end of week"
    )
    assert _resolved(text, MON) == [
        m("next tuesday at 10", "2024-06-11 10:00:00", "2024-06-11 10:45:00"),
        m("tomorrow morning", "2024-06-04 09:00:00"),
        m("end of week", "2024-06-07"),
    ]


def test_spans_are_exact_even_with_case_typos_and_unicode_before_them() -> None:
    assert _resolved("Call José TOMORROW At 3PM.", MON) == [m("TOMORROW At 3PM", "2024-06-04 15:00:00")]
    # "İ" lowercases to two characters and "tmrw" is spelled out: offsets must still line up.
    assert _resolved("İİ 🎉 Tmrw at 5, ok?", MON) == [m("Tmrw at 5", "2024-06-04 17:00:00")]


@pytest.mark.parametrize(
    "text", ["", "   \n\t", "Réunion demain à 15h", "会议 明天 下午3点", "call at ٣", "🎉🎉🎉", "\x00\x01"]
)
def test_empty_and_foreign_text_gives_nothing(text: str) -> None:
    assert ground_dates(text, MON) == ()


def test_mixed_language_text_keeps_the_english_part() -> None:
    assert _resolved("réunion avec José tomorrow at 3 s'il vous plaît", MON) == [
        m("tomorrow at 3", "2024-06-04 15:00:00")
    ]


def test_long_text_takes_bounded_time_and_mentions() -> None:
    text = ("book room 301 and call 555 0100 tomorrow at 3 about june 5th for 30 minutes " * 200)[:10_000]
    started = time.perf_counter()
    mentions = ground_dates(text, MON)
    assert time.perf_counter() - started < 1.0
    assert len(mentions) == MAX_MENTIONS
    pathological = ["at " * 3400, "1 " * 5000, "1/" * 5000, "1:" * 5000, "a" * 10_000, "in " * 3400]
    for text in pathological:
        started = time.perf_counter()
        ground_dates(text[:10_000], MON)
        assert time.perf_counter() - started < 1.0


def test_typical_request_is_fast_after_warm_up() -> None:
    warm_up()
    text = "schedule a 30 minute zoom call with jose on june 5th at 4:30pm and text him the link before 5/6"
    ground_dates(text, MON)
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        ground_dates(text, MON)
        timings.append(time.perf_counter() - started)
    assert sorted(timings)[25] < 0.005


def test_aware_now_gives_aware_values_in_the_same_zone() -> None:
    zone = timezone(timedelta(hours=2))
    (mention,) = ground_dates("tomorrow from 2 to 4pm", MON.replace(tzinfo=zone))
    assert mention.start == datetime(2024, 6, 4, 14, 0, tzinfo=zone)
    assert mention.end == datetime(2024, 6, 4, 16, 0, tzinfo=zone)


def test_values_are_to_the_minute_even_when_now_has_seconds() -> None:
    now = datetime(2024, 6, 3, 9, 0, 37, 123456)
    assert _resolved("in 20 min", now) == [m("in 20 min", "2024-06-03 09:20:00")]
    assert _resolved("at 3", now) == [m("at 3", "2024-06-03 15:00:00")]


def test_a_day_named_on_that_very_day_means_the_next_one_unless_this_is_said() -> None:
    assert _resolved("friday", FRI) == [m("friday", "2024-06-14")]
    assert _resolved("this friday", FRI) == [m("this friday", "2024-06-07")]
    friday_morning = datetime(2024, 6, 7, 10, 0)
    assert _resolved("this friday at 9", friday_morning) == [m("this friday at 9", "2024-06-14 09:00:00")]
    assert _resolved("on the 7th", FRI) == [m("on the 7th", "2024-07-07")]
    assert _resolved("june 7th", FRI) == [m("june 7th", "2025-06-07")]
    assert _resolved("at 8", FRI) == [m("at 8", "2024-06-08 08:00:00")]  # office hours; 08:00 has passed


def test_clock_words_follow_the_office_hours_rule_of_the_hour_named() -> None:
    assert _resolved("half past 4", MON) == [m("half past 4", "2024-06-03 16:30:00")]
    assert _resolved("quarter to 8", MON) == [m("quarter to 8", "2024-06-04 07:45:00")]
    assert _resolved("tonight at quarter past 9", MON) == [
        m("tonight at quarter past 9", "2024-06-03 21:15:00")
    ]
    assert _resolved("at 3 at the end of the week", MON) == [
        m("at 3 at the end of the week", "2024-06-07 15:00:00")
    ]


def test_mention_formats_as_the_plan_language_writes_dates() -> None:
    timed = DateMention("at 3", datetime(2024, 6, 4, 15, 0), all_day=False, end=datetime(2024, 6, 4, 16))
    all_day = DateMention("friday", datetime(2024, 6, 7), all_day=True)
    assert (timed.formatted(), timed.formatted_end()) == ("2024-06-04 15:00:00", "2024-06-04 16:00:00")
    assert (all_day.formatted(), all_day.formatted_end()) == ("2024-06-07", None)


def test_prompt_line_lists_each_mention() -> None:
    mentions = ground_dates("lunch tomorrow at 3 and review next fri noon, then friday from 2 to 4pm", MON)
    assert describe_for_prompt(mentions) == (
        'Dates: "tomorrow at 3" = 2024-06-04 15:00:00; "next fri noon" = 2024-06-14 12:00:00; '
        '"friday from 2 to 4pm" = 2024-06-07 14:00:00 to 2024-06-07 16:00:00'
    )
    assert describe_for_prompt(()) == ""


_NOWS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), now=_NOWS)
def test_any_text_never_raises_and_spans_come_from_the_text(text: str, now: datetime) -> None:
    for mention in ground_dates(text, now):
        assert mention.text and mention.text in text
        assert not mention.all_day or mention.start.time() == datetime.min.time()
        assert mention.end is None or mention.end > mention.start


_FUTURE_PHRASES = [
    "at 3",
    "at 8",
    "at 11:45",
    "at 7pm",
    "noon",
    "friday at 9",
    "on the 31st at 10am",
    "2/29 at noon",
    "dec 31 at 23:30",
    "tonight",
    "in the morning",
    "eod",
]


@settings(max_examples=200, deadline=None)
@given(now=_NOWS, phrase=st.sampled_from(_FUTURE_PHRASES))
def test_a_time_without_an_explicit_day_is_never_in_the_past(now: datetime, phrase: str) -> None:
    (mention,) = ground_dates(f"remind me {phrase}", now)
    if phrase == "tonight" and now.hour >= 20:
        assert mention.start.date() == now.date()  # "tonight" is today, even late
    else:
        assert mention.start >= now.replace(microsecond=0)


@settings(max_examples=100, deadline=None)
@given(
    now=_NOWS,
    phrase=st.sampled_from(["friday", "on the 1st", "june 5th", "2/29", "this weekend", "next week"]),
)
def test_a_date_without_a_year_is_never_before_today(now: datetime, phrase: str) -> None:
    (mention,) = ground_dates(f"remind me {phrase}", now)
    assert mention.all_day
    assert date.fromisoformat(mention.formatted()) >= now.date()


# --- the nth weekday of a month, recurring days, shifts ("30 minutes before ...") --------------
# Phrases from benchmarks/human_cases.jsonl (tagged ungroundable_date before these were read)
# and their neighbours, alone, inside requests, and across month and year ends.

H009 = datetime(2026, 2, 24, 7, 50)  # Tuesday morning
H055 = datetime(2026, 6, 28, 16, 20)  # Sunday afternoon, end of June
H140 = datetime(2025, 5, 17, 10, 30)  # Saturday morning

NTH_WEEKDAYS: list[tuple[datetime, str, list[Expected]]] = [
    (
        H055,
        "remind me the first monday of next month to check the smoke alarms",
        [m("the first monday of next month", "2026-07-06")],
    ),
    (
        MON,
        "the first monday of next month at 10",
        [m("the first monday of next month at 10", "2024-07-01 10:00:00")],
    ),
    (
        MON,
        "at 10 on the first monday of next month",
        [m("at 10 on the first monday of next month", "2024-07-01 10:00:00")],
    ),
    (
        MON,
        "remind me on the 1st monday of next month at 10am to pay rent",
        [m("on the 1st monday of next month at 10am", "2024-07-01 10:00:00")],
    ),
    (MON, "first sunday next month", [m("first sunday next month", "2024-07-07")]),
    (
        MON,
        "the third wednesday of the next month",
        [m("the third wednesday of the next month", "2024-07-17")],
    ),
    (MON, "the last friday of this month", [m("the last friday of this month", "2024-06-28")]),
    (MON, "the second monday of july", [m("the second monday of july", "2024-07-08")]),
    # the whole phrase, not "on the 2nd"
    (MON, "remind me on the 2nd monday of july", [m("on the 2nd monday of july", "2024-07-08")]),
    (MON, "2nd tue in july", [m("2nd tue in july", "2024-07-09")]),
    (MON, "the fourth thursday of november", [m("the fourth thursday of november", "2024-11-28")]),
    (MON, "the second tuesday of july 2025", [m("the second tuesday of july 2025", "2025-07-08")]),
    (MON, "the first monday of june", [m("the first monday of june", "2025-06-02")]),  # today: next year's
    (MON, "the last monday of may", [m("the last monday of may", "2025-05-26")]),
    # month and year ends
    (
        NYE,
        "pay the rent on the first monday of next month at 10",
        [m("on the first monday of next month at 10", "2025-01-06 10:00:00")],
    ),
    (NYE, "the second tuesday of january", [m("the second tuesday of january", "2025-01-14")]),
    (NYE, "the last sunday of december", [m("the last sunday of december", "2025-12-28")]),
    (NYE, "the first monday of every month", [m("the first monday of every month", "2025-01-06")]),
    (EOM, "the last friday of next month", [m("the last friday of next month", "2024-11-29")]),
    (
        EOM,
        "the first friday of next month at 9",
        [m("the first friday of next month at 9", "2024-11-01 09:00:00")],
    ),
    # as said, though it has passed
    (EOM, "the first thursday of this month", [m("the first thursday of this month", "2024-10-03")]),
    (
        LEAP,
        "the last thursday of this month at 3",
        [m("the last thursday of this month at 3", "2024-02-29 15:00:00")],
    ),
    (LEAP, "the last thursday of february", [m("the last thursday of february", "2025-02-27")]),
    (LEAP, "the 4th sunday of february 2028", [m("the 4th sunday of february 2028", "2028-02-27")]),
    (
        FRI,
        "the first friday of every month at 3",
        [m("the first friday of every month at 3", "2024-07-05 15:00:00")],
    ),
]

RECURRING: list[tuple[datetime, str, list[Expected]]] = [
    (
        H009,
        "could you put a 1:1 with Zoë on my work calendar every monday at 10",
        [m("every monday at 10", "2026-03-02 10:00:00")],
    ),
    (
        H055,
        "Could you remind me to put the bins out every Tuesday evening?",
        [m("every Tuesday evening", "2026-06-30 18:00:00")],
    ),
    (MON, "sync every monday", [m("every monday", "2024-06-03")]),  # the first one is today
    (MON, "every friday", [m("every friday", "2024-06-07")]),
    (MON, "every day at 10", [m("every day at 10", "2024-06-03 10:00:00")]),
    (MON, "everyday at 9", [m("everyday at 9", "2024-06-04 09:00:00")]),
    (MON, "every evening", [m("every evening", "2024-06-03 18:00:00")]),
    (MON, "every night at 11", [m("every night at 11", "2024-06-03 23:00:00")]),
    (MON, "each tuesday afternoon", [m("each tuesday afternoon", "2024-06-04 15:00:00")]),
    (MON, "every other friday at 3", [m("every other friday at 3", "2024-06-07 15:00:00")]),
    (MON, "every mon at 3", [m("every mon at 3", "2024-06-03 15:00:00")]),
    (MON, "every sunday morning at 8", [m("every sunday morning at 8", "2024-06-09 08:00:00")]),
    (MON, "standup on mondays at 10", [m("on mondays at 10", "2024-06-03 10:00:00")]),
    (MON, "mondays at 10", [m("mondays at 10", "2024-06-03 10:00:00")]),
    (MON, "gym on saturdays", [m("on saturdays", "2024-06-08")]),
    (
        MON,
        "set a reminder 45 mins before the standup every monday at 10",
        [m("45 mins before the standup every monday at 10", "2024-06-03 09:15:00")],
    ),
    (FRI, "every weekday at 8", [m("every weekday at 8", "2024-06-10 08:00:00")]),
    (SUN, "every weekday", [m("every weekday", "2024-06-10")]),
    (SUN, "every sunday at 10", [m("every sunday at 10", "2024-06-16 10:00:00")]),  # 10:00 has passed
    (SUN, "every sunday at 12", [m("every sunday at 12", "2024-06-09 12:00:00")]),
    (NYE, "every tuesday at 9", [m("every tuesday at 9", "2025-01-07 09:00:00")]),
    (NYE, "every day at 9", [m("every day at 9", "2025-01-01 09:00:00")]),
    (NYE, "every night", [m("every night", "2025-01-01 20:00:00")]),
    (EOM, "every friday", [m("every friday", "2024-11-01")]),
]

SHIFTS: list[tuple[datetime, str, list[Expected]]] = [
    (
        H140,
        "remind me 30 minutes before the match tonight at 8 to order the pizza",
        [m("30 minutes before the match tonight at 8", "2025-05-17 19:30:00")],
    ),
    (
        MON,
        "remind me 15 minutes before the 3pm call",
        [m("15 minutes before the 3pm", "2024-06-03 14:45:00")],
    ),
    (
        MON,
        "remind me an hour before the meeting tomorrow at 10",
        [m("an hour before the meeting tomorrow at 10", "2024-06-04 09:00:00")],
    ),
    (
        MON,
        "remind me half an hour before the dentist on friday at 2:30",
        [m("half an hour before the dentist on friday at 2:30", "2024-06-07 14:00:00")],
    ),
    (
        MON,
        "remind me an hour and a half before the flight at 6pm",
        [m("an hour and a half before the flight at 6pm", "2024-06-03 16:30:00")],
    ),
    (
        MON,
        "remind me 10 minutes before I leave at 5",
        [m("10 minutes before I leave at 5", "2024-06-03 16:50:00")],
    ),
    (
        MON,
        "remind me 10 minutes before the 1:1 with zoe at 10",
        [m("10 minutes before the 1:1 with zoe at 10", "2024-06-03 09:50:00")],
    ),
    (MON, "remind me 5 minutes before tonight", [m("5 minutes before tonight", "2024-06-03 19:55:00")]),
    (
        MON,
        "ping me 10 minutes after the call at 3",
        [m("10 minutes after the call at 3", "2024-06-03 15:10:00")],
    ),
    # "after" a range or a length: after its end
    (
        MON,
        "ping me 10 minutes after the meeting from 2 to 3",
        [m("10 minutes after the meeting from 2 to 3", "2024-06-03 15:10:00")],
    ),
    (
        MON,
        "remind me two hours after the talk on friday from 2 to 4pm",
        [m("two hours after the talk on friday from 2 to 4pm", "2024-06-07 18:00:00")],
    ),
    (
        MON,
        "ping me 10 minutes after the call at 3 for an hour",
        [m("10 minutes after the call at 3 for an hour", "2024-06-03 16:10:00")],
    ),
    # a loose length belongs to the call, not to the reminder before it
    (
        MON,
        "a 30 minute call, remind me 10 minutes before the call at 3",
        [m("10 minutes before the call at 3", "2024-06-03 14:50:00")],
    ),
    (
        MON,
        "block an hour before lunch at noon to prep, then call sid at 3",
        [m("an hour before lunch at noon", "2024-06-03 11:00:00"), m("at 3", "2024-06-03 15:00:00")],
    ),
    # across midnight and the year end
    (NYE, "remind me 30 minutes before midnight", [m("30 minutes before midnight", "2024-12-31 23:30:00")]),
    (NYE, "an hour after tonight at 11", [m("an hour after tonight at 11", "2025-01-01 00:00:00")]),
    (NYE, "2 hours before tomorrow at 1am", [m("2 hours before tomorrow at 1am", "2024-12-31 23:00:00")]),
    # days: a whole day
    (MON, "the day before friday", [m("the day before friday", "2024-06-06")]),
    (
        MON,
        "remind me the day before the dentist on thursday",
        [m("the day before the dentist on thursday", "2024-06-05")],
    ),
    (
        MON,
        "remind me the day before the dentist thursday at 10",
        [m("the day before the dentist thursday at 10", "2024-06-05")],
    ),
    (MON, "remind me 2 days before june 10", [m("2 days before june 10", "2024-06-08")]),
    (
        MON,
        "remind me a week before the conference on july 4th",
        [m("a week before the conference on july 4th", "2024-06-27")],
    ),
    (MON, "remind me the day before the 15th", [m("the day before the 15th", "2024-06-14")]),
    (MON, "the day before yesterday", [m("the day before yesterday", "2024-06-01")]),
    (MON, "remind me the day after tomorrow", [m("the day after tomorrow", "2024-06-05")]),  # unchanged
    (MON, "a day after tomorrow", [m("day after tomorrow", "2024-06-05")]),  # unchanged
    (MON, "2 days after tomorrow", [m("2 days after tomorrow", "2024-06-06")]),
    (EOM, "the day before the 1st", [m("the day before the 1st", "2024-10-31")]),
    (EOM, "the day after the 31st", [m("the day after the 31st", "2025-01-01")]),
    (EOM, "2 weeks after next friday", [m("2 weeks after next friday", "2024-11-22")]),
    (NYE, "the day before new year's day on 1/1", [m("the day before new year's day on 1/1", "2024-12-31")]),
    (LEAP, "the day before march 1st", [m("the day before march 1st", "2024-02-29")]),
    (LEAP, "the day after 2/28", [m("the day after 2/28", "2025-03-01")]),
    (LEAP, "2 days after the 28th", [m("2 days after the 28th", "2024-03-30")]),
]

# No value is better than a wrong one: what these must not give is the value of the phrase
# after the shift, or today's time for a recurring day that is not understood.
NEVER_WRONG: list[tuple[datetime, str, list[Expected]]] = [
    (
        datetime(2025, 3, 3, 9, 12),
        "add dentist to my calendar thursday at 10 and remind me the day before",
        [m("thursday at 10", "2025-03-06 10:00:00")],
    ),
    (MON, "remind me the day before and email sid on friday", [m("on friday", "2024-06-07")]),
    (MON, "remind me 10 minutes before the call and book lunch at 1", [m("at 1", "2024-06-03 13:00:00")]),
    (MON, "remind me 10 minutes before the call, then call sid at 3", [m("at 3", "2024-06-03 15:00:00")]),
    (MON, "remind me an hour before to prepare for the call at 3", [m("at 3", "2024-06-03 15:00:00")]),
    (MON, "remind me an hour before my flight tomorrow", []),  # which hour?
    (MON, "remind me an hour before friday", []),
    (MON, "remind me the day before the call at 3", []),  # which day?
    (MON, "remind me 1.5 days before friday", []),
    (MON, "the first monday of the month at 10", []),  # which month? not today at 10
    (MON, "the day after christmas", []),
    (MON, "mondays are the worst", []),
    (MON, "every week at 10", [m("at 10", "2024-06-03 10:00:00")]),  # as before: "every week" is not read
    # a length from a day on, or a recurrence: not days after that day
    (MON, "I'm away for a week from monday", [m("monday", "2024-06-10")]),
    (MON, "every 2 weeks on monday", [m("on monday", "2024-06-10")]),
    (MON, "the weekly sync on friday", [m("on friday", "2024-06-07")]),
]

# British and spoken ways of counting a week on from a day.
WEEKS_ON: list[tuple[datetime, str, list[Expected]]] = [
    (MON, "dentist tuesday week at 3", [m("tuesday week at 3", "2024-06-11 15:00:00")]),
    (MON, "monday week", [m("monday week", "2024-06-17")]),  # said on a Monday: "monday" is next week's
    (FRI, "friday week", [m("friday week", "2024-06-21")]),
    (MON, "the friday after next at 10", [m("friday after next at 10", "2024-06-14 10:00:00")]),
    (MON, "lunch a week on sat", [m("a week on sat", "2024-06-15")]),
    (MON, "a week today", [m("a week today", "2024-06-10")]),
    (MON, "2 weeks on friday", [m("2 weeks on friday", "2024-06-21")]),
    (MON, "a week from next friday", [m("a week from next friday", "2024-06-21")]),
    (MON, "3 days from thursday at noon", [m("3 days from thursday at noon", "2024-06-09 12:00:00")]),
    (
        MON,
        "a week tomorrow from 2 to 4pm",
        [m("a week tomorrow from 2 to 4pm", "2024-06-11 14:00:00", "2024-06-11 16:00:00")],
    ),
    (NYE, "a week on friday", [m("a week on friday", "2025-01-10")]),
    (EOM, "tuesday week", [m("tuesday week", "2024-11-12")]),
]


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    NTH_WEEKDAYS + RECURRING + SHIFTS + NEVER_WRONG + WEEKS_ON,
    ids=[c[1] for c in NTH_WEEKDAYS + RECURRING + SHIFTS + NEVER_WRONG + WEEKS_ON],
)
def test_nth_weekdays_recurring_days_and_shifts(now: datetime, text: str, expected: list[Expected]) -> None:
    assert _resolved(text, now) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "remind me {when} to check the smoke alarms",
        "Set up a meeting about the budget {when} and put it on my work calendar",
        "{when} I have to pick up the kids from school",
    ],
)
@pytest.mark.parametrize(
    ("now", "phrase", "value"),
    [
        (H055, "the first monday of next month", "2026-07-06"),
        (H055, "the first monday of next month at 10", "2026-07-06 10:00:00"),
        (H009, "every monday at 10", "2026-03-02 10:00:00"),
        (H055, "every Tuesday evening", "2026-06-30 18:00:00"),
        (H140, "30 minutes before the match tonight at 8", "2025-05-17 19:30:00"),
        (NYE, "the day before the party on 1/2", "2025-01-01"),
        (NYE, "15 minutes before the call tomorrow at 1am", "2025-01-01 00:45:00"),
    ],
)
def test_new_phrases_inside_requests(now: datetime, phrase: str, value: str, sentence: str) -> None:
    ((text, formatted, _),) = _resolved(sentence.format(when=phrase), now)
    assert formatted == value
    assert phrase.startswith(text)


_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ORDINAL_WORDS = {"first": 1, "2nd": 2, "third": 3, "4th": 4, "last": -1}


@settings(max_examples=200, deadline=None)
@given(now=_NOWS, weekday=st.integers(0, 6), ordinal=st.sampled_from(sorted(_ORDINAL_WORDS)))
def test_the_nth_weekday_of_next_month_is_that_weekday_in_that_week_of_next_month(
    now: datetime, weekday: int, ordinal: str
) -> None:
    (mention,) = ground_dates(f"remind me the {ordinal} {_WEEKDAY_NAMES[weekday]} of next month", now)
    day = mention.start.date()
    following = (now.date().replace(day=1) + timedelta(days=32)).replace(day=1)
    assert (day.year, day.month, day.weekday()) == (following.year, following.month, weekday)
    nth = _ORDINAL_WORDS[ordinal]
    if nth > 0:
        assert (day.day - 1) // 7 + 1 == nth
    else:
        assert (day + timedelta(days=7)).month != day.month


@settings(max_examples=200, deadline=None)
@given(now=_NOWS, weekday=st.integers(0, 6), hour=st.sampled_from(["at 10", "at 3", "at 7pm", "morning"]))
def test_every_weekday_at_a_time_is_its_next_occurrence(now: datetime, weekday: int, hour: str) -> None:
    (mention,) = ground_dates(f"sync every {_WEEKDAY_NAMES[weekday]} {hour}", now)
    assert mention.start.weekday() == weekday
    assert now.replace(microsecond=0) < mention.start <= now + timedelta(days=7)


@settings(max_examples=200, deadline=None)
@given(
    now=_NOWS,
    phrase=st.sampled_from(
        ["tomorrow at 3", "friday at 9", "tonight at 8", "at 11:45", "on the 31st at 10am"]
    ),
    shift=st.sampled_from([("15 minutes", 15), ("an hour", 60), ("half an hour", 30), ("2 hours", 120)]),
)
def test_a_time_shift_is_the_phrase_it_shifts_minus_its_length(
    now: datetime, phrase: str, shift: tuple[str, int]
) -> None:
    (anchor,) = ground_dates(f"the call {phrase}", now)
    (before,) = ground_dates(f"remind me {shift[0]} before the call {phrase}", now)
    (after,) = ground_dates(f"remind me {shift[0]} after the call {phrase}", now)
    assert before.start == anchor.start - timedelta(minutes=shift[1])
    assert after.start == anchor.start + timedelta(minutes=shift[1])
    assert not before.all_day and before.end is None
