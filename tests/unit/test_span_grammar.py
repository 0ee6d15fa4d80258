"""The per-request plan grammar, checked with llama.cpp's own grammar engine (``GrammarProbe``).

Gold plans of realistic requests (their free text copied from the request as written,
their dates from hand-made ``DateMention``s) are in the grammar; plans that invent a
name, a date, an address or a transport are not; random walks through the grammar are
plans that parse and validate, whose free text is the request's; and the grammar stays
small and cheap, with the static grammar for requests beyond the bounds.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.fakes import ScriptedLLM
from tinyagent.core.dates import DateMention
from tinyagent.core.grammar import MAX_ACTIONS, plan_grammar
from tinyagent.core.plan import Task, parse_plan, render_plan, validate_plan
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.core.prompt import PROMPT_FORMATS, builtin_prompt
from tinyagent.core.span_grammar import (
    MAX_QUERY_CHARS,
    MAX_SPAN_WORDS,
    grammar_for_request,
    grounded_dates,
    request_grammar,
)
from tinyagent.tools import catalog  # noqa: F401  (declares the tools)
from tinyagent.tools.registry import REGISTRY, App, ArgType, Param, SideEffect, ToolSpec
from training.grammar_probe import GrammarProbe

ALL = tuple(REGISTRY.values())
NOW = datetime(2024, 6, 3, 9, 0)  # a Monday
WEIGHTS = {ord(c): 40.0 for c in '")]\n'} | {ord(c): 8.0 for c in ", $1"}


def at(
    text: str, month: int, day: int, hour: int, minute: int = 0, end: tuple[int, int] | None = None
) -> DateMention:
    """A timed mention in June/July 2024; ``end`` is (hour, minute) on the same day."""
    start = datetime(2024, month, day, hour, minute)
    return DateMention(text, start, False, None if end is None else start.replace(hour=end[0], minute=end[1]))


def on(text: str, month: int, day: int) -> DateMention:
    """An all-day mention in 2024."""
    return DateMention(text, datetime(2024, month, day), True)


def plan(*calls: tuple[Any, ...]) -> str:
    """Plan text for ``(tool, *args)`` calls, rendered as the planner writes it."""
    tasks = [Task(i, tool, tuple(args)) for i, (tool, *args) in enumerate(calls, start=1)]
    return render_plan([*tasks, Task(len(tasks) + 1, "join", ())])


@dataclass(frozen=True)
class Case:
    query: str
    plan: str
    dates: tuple[DateMention, ...] = ()


TOMORROW_2PM = at("tomorrow at 2pm", 6, 4, 14)
FRIDAY_10 = at("on friday at 10", 6, 7, 10)
PICNIC = ("Ana", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai")

CASES = {
    "unicode name": Case(
        "Email Lutfi Eren Erdoğan about the budget review",
        plan(
            ("get_email_address", "Lutfi Eren Erdoğan"),
            ("compose_new_email", ["$1"], [], "Budget review", "", []),
        ),
    ),
    "diaeresis and CJK name": Case(
        "Text Zoë and 王小明 that I'm running late!",
        plan(
            ("get_phone_number", "Zoë"),
            ("get_phone_number", "王小明"),
            ("send_sms", ["$1", "$2"], "I'm running late"),
        ),
    ),
    "CJK without spaces": Case(
        "给王小明发短信说我晚点到。",
        plan(("get_phone_number", "王小明"), ("send_sms", ["$1"], "我晚点到")),
    ),
    "quotes and backslashes": Case(
        'Create a note called "Paths" with C:\\Users\\me\\plan.txt in my Work folder',
        '1. create_note("Paths", "C:\\\\Users\\\\me\\\\plan.txt", "Work")\n2. join()<END_OF_PLAN>',
    ),
    "quotes inside a span": Case(
        'Remind me to read "War and Peace" tonight',
        '1. create_reminder("Read \\"War and Peace\\"", "2024-06-03 20:00:00", "", "", 0, False)\n'
        "2. join()<END_OF_PLAN>",
        (at("tonight", 6, 3, 20),),
    ),
    "addresses given directly": Case(
        "Forward this to ana.lopez@example.com and cc bob@example.org, thanks",
        plan(("forward_email", ["ana.lopez@example.com"], ["bob@example.org"], "", [])),
    ),
    "a phone number given directly": Case(
        "Text +1 415 555 0100 that the door code is 4721",
        plan(("send_sms", ["+1 415 555 0100"], "The door code is 4721")),
    ),
    "a number and a name": Case(
        "text (201) 555-0123 and Sid that we moved to room 301",
        plan(("get_phone_number", "Sid"), ("send_sms", ["(201) 555-0123", "$1"], "We moved to room 301")),
    ),
    "dictation without punctuation": Case(
        "hey can you email sid and maria about lunch tomorrow at noon thanks",
        plan(
            ("get_email_address", "sid"),
            ("get_email_address", "maria"),
            ("compose_new_email", ["$1", "$2"], [], "Lunch", "Lunch tomorrow at noon", []),
        ),
        (at("tomorrow at noon", 6, 4, 12),),
    ),
    "event with a place": Case(
        "Schedule a budget review with Sid tomorrow at 2pm at the Blue Bottle Café.",
        plan(
            ("get_email_address", "Sid"),
            (
                "create_calendar_event",
                "Budget review",
                "2024-06-04 14:00:00",
                "2024-06-04 15:00:00",
                "Blue Bottle Café",
                ["$1"],
                "",
                None,
            ),
        ),
        (TOMORROW_2PM,),
    ),
    "event with a range, in a calendar": Case(
        "Block 2 to 4pm next friday for deep work in my Work calendar",
        plan(
            (
                "create_calendar_event",
                "Deep work",
                "2024-06-14 14:00:00",
                "2024-06-14 16:00:00",
                "",
                [],
                "",
                "Work",
            ),
        ),
        (at("2 to 4pm next friday", 6, 14, 14, end=(16, 0)),),
    ),
    "event on a day without a time": Case(
        "Put the team offsite on my calendar for friday",
        plan(
            (
                "create_calendar_event",
                "Team offsite",
                "2024-06-07 09:00:00",
                "2024-06-07 17:00:00",
                "",
                [],
                "",
                None,
            )
        ),
        (on("friday", 6, 7),),
    ),
    "zoom link into an event": Case(
        "Set up a zoom meeting about the launch with kofi@example.com on friday at 10 and add it to my calendar",
        plan(
            ("get_zoom_meeting_link", "Launch", "2024-06-07 10:00:00", 45, ["kofi@example.com"]),
            (
                "create_calendar_event",
                "Launch",
                "2024-06-07 10:00:00",
                "2024-06-07 11:00:00",
                "$1",
                ["kofi@example.com"],
                "",
                None,
            ),
        ),
        (FRIDAY_10,),
    ),
    "all-day reminder": Case(
        "Remind me to pay rent on the 1st",
        plan(("create_reminder", "Pay rent", "2024-07-01", "", "", 0, True)),
        (on("on the 1st", 7, 1),),
    ),
    "timed reminder with a possessive": Case(
        "Remind me to call Kofi's dentist tomorrow at 9am, high priority, in my Errands list",
        plan(("create_reminder", "Call Kofi's dentist", "2024-06-04 09:00:00", "", "Errands", 1, False)),
        (at("tomorrow at 9am", 6, 4, 9),),
    ),
    "reminder without a date": Case(
        "remind me to water the plants",
        plan(("create_reminder", "Water the plants", "", "", "", 0, False)),
    ),
    "possessive dropped": Case(
        "What's Kofi's number?",
        plan(("get_phone_number", "Kofi")),
    ),
    "directions": Case(
        "How do I walk from Union Square to the Ferry Building?",
        plan(("maps_show_directions", "Union Square", "Ferry Building", "w")),
    ),
    "a place": Case(
        "Show me the Golden Gate Bridge on the map", plan(("maps_open_location", "Golden Gate Bridge"))
    ),
    "summary by email": Case(
        "Summarize the Q3 report.pdf and email it to Sid",
        plan(
            ("open_and_get_file_path", "Q3 report.pdf"),
            ("summarize_pdf", "$1"),
            ("get_email_address", "Sid"),
            ("compose_new_email", ["$3"], [], "Q3 report.pdf", "$2", ["$1"]),
        ),
    ),
    "punctuation-only words inside a span": Case(
        "Add eggs, milk & bread to my Groceries note",
        plan(("append_note_content", "Groceries", "eggs, milk & bread", "")),
    ),
    "open and create notes": Case(
        "Open my Packing list note from the Travel folder and create a note called Ideas",
        plan(("open_note", "Packing list", "Travel"), ("create_note", "Ideas", "", "")),
    ),
    "reply with cc": Case(
        "Reply that I'll be there at 3 and cc maria@example.com",
        plan(("reply_to_email", ["maria@example.com"], "I'll be there at 3", [])),
        (at("at 3", 6, 3, 15),),
    ),
    "the end of trailing punctuation dropped": Case(
        "Text Maria can you pick up bread on the way home?. Thanks",
        plan(("get_phone_number", "Maria"), ("send_sms", ["$1"], "Can you pick up bread on the way home?")),
    ),
    "a file extension dropped": Case(
        "Email the annual report.pages to Sid",
        plan(
            ("open_and_get_file_path", "annual report.pages"),
            ("get_email_address", "Sid"),
            ("compose_new_email", ["$2"], [], "Annual report", "", ["$1"]),
        ),
    ),
    "chit-chat": Case("Hello there", "1. join()<END_OF_PLAN>"),
    "many references": Case(
        "Email Ana, Ben, Cy, Dee, Eve, Fay, Gus, Hal, Ivy, Jo and Kai about the picnic",
        plan(
            *(("get_email_address", n) for n in PICNIC),
            ("compose_new_email", [f"${i}" for i in range(1, 12)], [], "Picnic", "", []),
        ),
    ),
    "money is left out": Case(
        "Remind me to pay Sid $5 for coffee",
        plan(("create_reminder", "Pay Sid", "", "For coffee", "", 0, False)),
    ),
}


@pytest.fixture(scope="module")
def probe() -> Iterator[GrammarProbe]:
    engine = GrammarProbe()
    yield engine
    engine.close()


def grammar(case: Case, specs: Sequence[ToolSpec] = ALL) -> str:
    return request_grammar(specs, case.query, case.dates)


@pytest.mark.parametrize("name", CASES)
def test_gold_plans_are_in_the_grammar(probe: GrammarProbe, name: str) -> None:
    case = CASES[name]
    validate_plan(parse_plan(case.plan), REGISTRY)  # the gold plan itself is a valid plan
    assert probe.check(grammar(case), case.plan)
    assert probe.check(grammar(case), case.plan, end_of_plan_token=True)


def test_every_tool_appears_in_the_gold_plans() -> None:
    used = {task.tool for case in CASES.values() for task in parse_plan(case.plan)}
    assert used >= set(REGISTRY)


def test_spans_keep_the_characters_of_the_request() -> None:
    tasks = parse_plan(CASES["quotes and backslashes"].plan)
    assert tasks[0].args[1] == "C:\\Users\\me\\plan.txt"
    tasks = parse_plan(CASES["quotes inside a span"].plan)
    assert tasks[0].args[0] == 'Read "War and Peace"'


def _swap(name: str, old: str, new: str) -> tuple[str, str]:
    case = CASES[name]
    assert old in case.plan, old
    return name, case.plan.replace(old, new, 1)


# (case, a plan that is not allowed for its request)
REJECTED = {
    "a name not in the request": _swap("unicode name", '"Lutfi Eren Erdoğan"', '"Koesi"'),
    "a name spelled differently": _swap("unicode name", '"Lutfi Eren Erdoğan"', '"Lutfi Eren Erdogan"'),
    "part of a word": _swap("unicode name", '"Lutfi Eren Erdoğan"', '"Lutfi Eren Erdo"'),
    "words that are not adjacent": _swap("dictation without punctuation", '"sid"', '"sid maria"'),
    "a middle word upper-cased": _swap("unicode name", '"Budget review"', '"Budget Review"'),
    "a word lower-cased": _swap("timed reminder with a possessive", "\"Call Kofi's", "\"Call kofi's"),
    "double space": _swap("unicode name", '"Lutfi Eren Erdoğan"', '"Lutfi  Eren Erdoğan"'),
    "an empty name": _swap("possessive dropped", '"Kofi"', '""'),
    "a made-up CJK name": _swap("diaeresis and CJK name", '"王小明"', '"王明"'),
    "an ungrounded start": _swap("event with a place", "2024-06-04 14:00:00", "2024-06-04 15:00:00"),
    "an end that is not start + 60": _swap(
        "event with a place", "2024-06-04 15:00:00", "2024-06-04 14:30:00"
    ),
    "an ungrounded reminder date": _swap(
        "timed reminder with a possessive", "2024-06-04 09:00:00", "2024-06-05 09:00:00"
    ),
    "an all-day date with all_day False": _swap("all-day reminder", "0, True", "0, False"),
    "a timed date with all_day True": _swap("timed reminder with a possessive", "1, False", "1, True"),
    "a time for an all-day reminder": _swap("all-day reminder", '"2024-07-01"', '"2024-07-01 09:00:00"'),
    "an ungrounded zoom start": _swap(
        "zoom link into an event", '"Launch", "2024-06-07 10:00:00"', '"Launch", "2024-06-07 11:00:00"'
    ),
    "a wrong transport": _swap("directions", '"w")', '"x")'),
    "a spelled-out transport": _swap("directions", '"w")', '"walk")'),
    "a priority that does not exist": _swap("timed reminder with a possessive", "1, False", "2, False"),
    "an address not in the request": _swap(
        "addresses given directly", "ana.lopez@example.com", "eve@example.com"
    ),
    "a name as a recipient": _swap("a number and a name", '"$1"]', '"Sid"]'),
    "a number repeated": _swap(
        "a phone number given directly", '["+1 415 555 0100"]', '["+1 415 555 0100", "+1 415 555 0100"]'
    ),
    "more recipients than values": _swap(
        "a number and a name", '["(201) 555-0123", "$1"]', '["(201) 555-0123", "$1", "$1"]'
    ),
    "a number not in the request": _swap(
        "a phone number given directly", "+1 415 555 0100", "+1 415 555 0199"
    ),
    "a span as an attachment": _swap("summary by email", '["$1"])', '["Q3 report.pdf"])'),
    "a reference to itself": _swap("summary by email", 'summarize_pdf("$1")', 'summarize_pdf("$2")'),
    "a reference in the first action": _swap("possessive dropped", '"Kofi"', '"$1"'),
    "a reference where none is allowed": _swap(
        "summary by email", 'get_email_address("Sid")', 'get_email_address("$1")'
    ),
    "money copied": _swap("money is left out", '"Pay Sid"', '"Pay Sid $5"'),
    "punctuation dropped inside a span": _swap(
        "the end of trailing punctuation dropped", "way home?", "way home? Thanks"
    ),
    "a thought line": _swap("a place", "1. maps", "Thought: easy.\n1. maps"),
    "a calendar not in the request": _swap("event with a range, in a calendar", '"Work")', '"Home")'),
}


@pytest.mark.parametrize("name", REJECTED)
def test_invented_values_are_not(probe: GrammarProbe, name: str) -> None:
    case_name, text = REJECTED[name]
    assert not probe.check(grammar(CASES[case_name]), text)


def test_an_address_inside_another_is_a_recipient_of_its_own(probe: GrammarProbe) -> None:
    text = plan(("compose_new_email", ["j@acme.com", "maj@acme.com"], [], "Minutes", "", []))
    assert probe.check(request_grammar(ALL, "email j@acme.com and maj@acme.com the minutes", ()), text)


def test_a_name_missing_from_the_request_cannot_be_written(probe: GrammarProbe) -> None:
    text = plan(("get_phone_number", "Kofi"), ("send_sms", ["$1"], "Hi"))
    assert not probe.check(request_grammar(ALL, "Text Koesi hi", ()), text)
    assert probe.check(request_grammar(ALL, "Text Kofi hi", ()), text)


@pytest.mark.parametrize(
    ("query", "looked_up", "allowed"),
    [
        ("Alright, text Kofi I'm late", "Alright", False),
        ("Alright, text Kofi I'm late", "Kofi", True),
        ("email Siobhán about saturday, tell her we're going", "tell", False),
        ("email Siobhán about saturday, tell her we're going", "her", False),
        ("i need to get hold of Órla, find me her email", "need", False),
        ("I'm texting Will and Can tonight", "Will", True),  # English words that are names stay
        ("I'm texting Will and Can tonight", "Can", True),
        ("email Oh Ji-min the plan", "Oh Ji-min", True),
        ("text Im Yoon-ah and Um Ji-won", "Um Ji-won", True),
        ("text the Mom's group", "Mom's group", True),
    ],
)
def test_a_looked_up_person_never_starts_with_a_common_word(
    probe: GrammarProbe, query: str, looked_up: str, allowed: bool
) -> None:
    lookup = plan(("get_email_address", looked_up))
    assert bool(probe.check(request_grammar(ALL, query, ()), lookup)) is allowed
    # the same words stay allowed where they are not a name: a reminder's title, a message
    reminder = plan(("create_reminder", looked_up, "", "", "", 0, False))
    assert probe.check(request_grammar(ALL, query, ()), reminder)


FRIEND = "a friend told me about amman and I have no idea where it is. show it on the map"
UPDATE = "There's an update on the granite contract and Wambui should know. Email them"


@pytest.mark.parametrize(
    ("query", "call", "allowed"),
    [
        (FRIEND, ("maps_open_location", "amman"), True),
        (FRIEND, ("maps_open_location", "Amman"), True),
        (FRIEND, ("maps_open_location", "me"), False),  # a name never ends on a common word
        (FRIEND, ("maps_open_location", "A"), False),
        (FRIEND, ("maps_open_location", "it is"), False),
        (FRIEND, ("maps_open_location", "it is. show"), False),  # nor runs on past a sentence
        (FRIEND, ("open_and_get_file_path", "idea where it"), False),
        (UPDATE, ("get_email_address", "Wambui"), True),
        (UPDATE, ("get_email_address", "An"), False),  # "an" as written, upper-cased by the model
        (UPDATE, ("get_email_address", "an update"), True),  # a common word may start a name
        ("An asked me to text her the plan", ("get_phone_number", "An"), True),  # written so
        ("text Nguyễn Văn An that I'm late", ("get_phone_number", "Nguyễn Văn An"), True),
        ("email keisha oh about the rota", ("get_email_address", "keisha oh"), True),
        (
            "i want to write to thảo bruno but i don't have their address",
            ("get_email_address", "thảo bruno"),
            True,
        ),
        (
            "i want to write to thảo bruno but i don't have their address",
            ("get_email_address", "thảo bruno but"),
            False,
        ),
        ("Email Prof. Mehta and Dr. J. Okafor the agenda", ("get_email_address", "Prof. Mehta"), True),
        ("Email Prof. Mehta and Dr. J. Okafor the agenda", ("get_email_address", "Dr. J. Okafor"), True),
        ("Where is Rome? Show it on the map", ("maps_open_location", "Rome? Show"), False),
        ("Show me the Colosseum — thanks", ("maps_open_location", "Colosseum — thanks"), False),
        ("Show me the Colosseum — quickly", ("maps_open_location", "Colosseum — quickly"), False),
        ("Open Proposal - Acme.docx please", ("open_and_get_file_path", "Proposal - Acme.docx"), True),
        ("Add to my to do note: milk", ("append_note_content", "to do", "milk", ""), True),
        # nor does the name of a thing start on one ("the office" is "office")
        (
            "I can't read the whole headshot.jpg, summarize it",
            ("open_and_get_file_path", "headshot.jpg"),
            True,
        ),
        (
            "I can't read the whole headshot.jpg, summarize it",
            ("open_and_get_file_path", "the whole headshot.jpg"),
            False,
        ),
        ("Excuse me, on the map, show me Kinkaku-ji", ("maps_open_location", "Excuse me, on the map"), False),
        ("Excuse me, on the map, show me Kinkaku-ji", ("maps_open_location", "Kinkaku-ji"), True),
        ("To the office by car", ("maps_show_directions", "", "office", "d"), True),
        ("To the office by car", ("maps_show_directions", "", "the office", "d"), False),
        ("Open my IT policy.pdf", ("open_and_get_file_path", "IT policy.pdf"), True),
        ("open my open questions note", ("open_note", "open questions", ""), True),
        ("forward this to legal@kestrel.law and Ana", ("get_email_address", "legal@kestrel"), False),
        ("forward this to legal@kestrel.law and Ana", ("get_email_address", "legal@kestrel.law"), False),
        ("forward this to legal@kestrel.law and Ana", ("get_email_address", "Ana"), True),
    ],
)
def test_a_name_does_not_start_or_end_on_a_common_word(
    probe: GrammarProbe, query: str, call: tuple[Any, ...], allowed: bool
) -> None:
    assert bool(probe.check(request_grammar(ALL, query, ()), plan(call))) is allowed


BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# Gold plans no span grammar can write: a message reworded from the request ("ask when someone
# can come" -> "when can someone come"), a date said relative to another ("the day before").
NOT_SPANS = {"h022", "h076", "h122", "h2-019"}


@pytest.mark.parametrize("name", sorted(p.name for p in BENCHMARKS.glob("human_cases*.jsonl")))
def test_the_hand_written_gold_plans_are_in_their_requests_grammar(probe: GrammarProbe, name: str) -> None:
    """The limits on names rule out no name a person wrote in these requests."""
    cases = [json.loads(line) for line in (BENCHMARKS / name).read_text(encoding="utf-8").splitlines()]
    rejected = []
    for case in cases:
        gbnf = grammar_for_request(ALL, case["query"], datetime.fromisoformat(case["now"]))
        if not probe.check(gbnf, case["plan"], end_of_plan_token=True):
            rejected.append(case["id"])
    assert set(rejected) <= NOT_SPANS, rejected


def test_titles_and_messages_may_end_on_any_word(probe: GrammarProbe) -> None:
    query = "remind me to call him about it, and text Ana: see you there"
    reminder = plan(("create_reminder", "Call him about it", "", "", "", 0, False))
    assert probe.check(request_grammar(ALL, query, ()), reminder)
    sms = plan(("get_phone_number", "Ana"), ("send_sms", ["$1"], "See you there"))
    assert probe.check(request_grammar(ALL, query, ()), sms)


def test_a_request_with_no_possible_name_still_lets_a_place_be_shown(probe: GrammarProbe) -> None:
    assert probe.check(request_grammar(ALL, "where is it", ()), plan(("maps_open_location", "it")))


def test_a_request_of_common_words_only_still_lets_a_person_be_looked_up(probe: GrammarProbe) -> None:
    assert probe.check(request_grammar(ALL, "email her", ()), plan(("get_email_address", "Her")))


def test_only_the_offered_tools_are_allowed(probe: GrammarProbe) -> None:
    case = CASES["a place"]
    assert probe.check(grammar(case, [REGISTRY["maps_open_location"]]), case.plan)
    assert not probe.check(grammar(case, [REGISTRY["maps_show_directions"]]), case.plan)


def test_dates_fall_back_to_the_pattern_when_nothing_was_grounded(probe: GrammarProbe) -> None:
    query = "Schedule a budget review with Sid on 2024-06-04 at 2pm"
    text = plan(
        (
            "create_calendar_event",
            "Budget review",
            "2024-06-04 14:00:00",
            "2024-06-04 15:00:00",
            "",
            [],
            "",
            None,
        )
    )
    assert probe.check(request_grammar(ALL, query, ()), text)
    assert not probe.check(request_grammar(ALL, query, ()), text.replace("14:00:00", "14:00"))
    reminder = plan(("create_reminder", "Pay rent", "2024-07-01", "", "", 0, True))
    assert probe.check(request_grammar(ALL, "remind me to pay rent on 2024-07-01", ()), reminder)


def test_a_later_mention_can_end_an_event(probe: GrammarProbe) -> None:
    dates = (at("at 10", 6, 3, 10), at("until 12:30", 6, 3, 12, 30))
    text = plan(
        ("create_calendar_event", "Workshop", "2024-06-03 10:00:00", "2024-06-03 12:30:00", "", [], "", None)
    )
    assert probe.check(request_grammar(ALL, "Workshop at 10 until 12:30", dates), text)
    backwards = text.replace("10:00:00", "XX").replace("12:30:00", "10:00:00").replace("XX", "12:30:00")
    assert not probe.check(request_grammar(ALL, "Workshop at 10 until 12:30", dates), backwards)


def test_grounded_dates_come_from_core_dates(probe: GrammarProbe) -> None:
    query = "Schedule a budget review with Sid tomorrow at 2pm"
    dates = grounded_dates(query, NOW)
    assert [m.formatted() for m in dates] == ["2024-06-04 14:00:00"]
    assert grammar_for_request(ALL, query, NOW) == request_grammar(ALL, query, dates)
    text = plan(
        (
            "create_calendar_event",
            "Budget review",
            "2024-06-04 14:00:00",
            "2024-06-04 15:00:00",
            "",
            [],
            "",
            None,
        )
    )
    assert probe.check(grammar_for_request(ALL, query, NOW), text)


LOG_IT = ToolSpec(
    "log_it",
    99,
    (
        Param("text", ArgType.STR),
        Param("count", ArgType.INT),
        Param("loud", ArgType.BOOL),
        Param("tags", ArgType.STR_LIST),
        Param("where", ArgType.OPTIONAL_STR),
        Param("name", ArgType.INT),  # a known name with an unexpected type: its type decides
    ),
    "Log something.",
    SideEffect.READS,
    App.NOTES,
    "Log",
)


def test_parameters_of_unknown_tools_get_values_by_type(probe: GrammarProbe) -> None:
    specs = [REGISTRY["get_phone_number"], LOG_IT]
    gbnf = request_grammar(specs, "log Kofi twice loudly", ())
    good = plan(("get_phone_number", "Kofi"), ("log_it", "$1", -2, True, ["Kofi twice", "$1"], None, 12))
    validate_plan(parse_plan(good), {s.name: s for s in specs})
    assert probe.check(gbnf, good)
    assert probe.check(gbnf, plan(("log_it", "", 0, False, [], "Loudly", 1)))
    assert not probe.check(gbnf, plan(("log_it", "Koesi", 0, False, [], None, 1)))
    assert not probe.check(gbnf, plan(("log_it", "Kofi", 0, False, ["$1"], None, 1)))
    for seed in range(20):
        text = probe.sample(
            request_grammar(specs, "log Kofi twice", (), max_actions=4), random.Random(seed), WEIGHTS
        )
        validate_plan(parse_plan(text), {s.name: s for s in specs})


# --- random walks ---------------------------------------------------------------------------
# Requests spelled with the bytes the probe's walks draw (ASCII, é), with dates, addresses,
# numbers, quotes, backslashes, money and the plan's own markers.

WALK_CASES = [
    Case('Email Sid and ana@example.com about the Café "Zoe" budget tomorrow at 2pm', "", (TOMORROW_2PM,)),
    Case("text +1 415 555 0100 and Kofi that C:\\temp is $5 or ${1} <END_OF_PLAN> ok", ""),
    Case("remind me friday to pay rent, high priority", "", (on("friday", 6, 7),)),
    Case("Zoom with Lutfi on friday at 10 for 45 minutes then walk to the Ferry Building", "", (FRIDAY_10,)),
    Case("summarize report.pdf, note it in Work and reply to Maria's email", ""),
]


def _normalized(query: str) -> str:
    return " ".join(re.split(r"[\s\x00-\x1f\x7f-\x9f]+", query)).strip()


def _is_span(value: str, query: str) -> bool:
    """Necessary for a span: it is in the request, but perhaps for an upper-cased first letter."""
    text = _normalized(query)
    if value in text:
        return True
    return any(
        value[0] == c.upper() and text[i + 1 : i + len(value)] == value[1:] for i, c in enumerate(text)
    )


_DATE_PARAMS = ("start_date", "end_date", "due_date", "start_time")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?")


def _grounded_values(dates: Sequence[DateMention]) -> set[str]:
    """What the grammar offers for dates (an all-day day at any time: only its day is checked)."""
    ends = {m.formatted_end() for m in dates} | {_shifted(m) for m in dates if not m.all_day}
    return {m.formatted()[:10] if m.all_day else m.formatted() for m in dates} | {e for e in ends if e}


def _shifted(m: DateMention) -> str:
    return m.start.replace(hour=m.start.hour + 1).strftime("%Y-%m-%d %H:%M:%S")


def _check_arguments(task: Task, case: Case) -> None:
    for param, value in zip(REGISTRY[task.tool].params, task.args):
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or item == "" or re.fullmatch(r"\$[0-9]+", item):
                continue
            if param.name in _DATE_PARAMS:
                assert _STAMP.fullmatch(item), item
                grounded = _grounded_values(case.dates)
                assert not case.dates or item in grounded or item[:10] in grounded, item
            elif param.name == "transport":
                assert item in "dwr"
            else:
                assert _is_span(item, case.query), (param.name, item)


@given(
    case=st.sampled_from(WALK_CASES),
    names=st.sets(st.sampled_from(sorted(REGISTRY))),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=120, deadline=None)
def test_whatever_the_grammar_allows_parses_validates_and_copies(
    probe: GrammarProbe, case: Case, names: set[str], seed: int
) -> None:
    specs = [REGISTRY[n] for n in names]
    text = probe.sample(
        request_grammar(specs, case.query, case.dates, max_actions=6), random.Random(seed), WEIGHTS
    )
    tasks = validate_plan(parse_plan(text), {s.name: s for s in specs})
    for task in tasks[:-1]:
        _check_arguments(task, case)


@given(query=st.text(st.characters(exclude_categories=("Cs",)), max_size=80), seed=st.integers(0, 2**32))
@settings(max_examples=150, deadline=None)
def test_any_request_gives_a_grammar_that_parses(probe: GrammarProbe, query: str, seed: int) -> None:
    # request_grammar validates what it returns: an unparsable grammar fails here, no crash.
    gbnf = request_grammar(ALL, query, ())
    assert probe.check(gbnf, "1. join()<END_OF_PLAN>")
    ascii_query = query.encode("ascii", "replace").decode()
    text = probe.sample(request_grammar(ALL, ascii_query, (), max_actions=3), random.Random(seed), WEIGHTS)
    validate_plan(parse_plan(text), REGISTRY)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!",
        "— … —",
        "\x00\x01 null \ud800 surrogate",
        "emoji 👍🏽 ok, zero\u200bwidth, e\u0301 combining, عربي ٥ نص",
        "tabs\tand\nnewlines\r\n and \u2028 separators",
        '"\\" \\\\ "" \\',
        "<END_OF_PLAN> $1 ${2} $0 $٥",
        "「王小明」さん、こんにちは！",
    ],
)
def test_odd_requests_give_valid_grammars(probe: GrammarProbe, query: str) -> None:
    assert probe.check(request_grammar(ALL, query, ()), "1. join()<END_OF_PLAN>")


def test_odd_characters_are_copied_exactly(probe: GrammarProbe) -> None:
    query = "note emoji 👍🏽 zero\u200bwidth e\u0301 「王小明」"
    for value in ("emoji 👍🏽 zero\u200bwidth", "E\u0301", "王小明", "「王小明」", "Zero\u200bwidth e\u0301"):
        assert probe.check(request_grammar(ALL, query, ()), plan(("create_note", value, "", ""))), value


# --- size, time, bounds ----------------------------------------------------------------------


def _query(words: int) -> str:
    text = "text Maria and Lutfi that I am running about fifteen minutes late because of the traffic"
    return " ".join((text.split() * (words // 15 + 1))[:words])


def test_grammars_are_cached_per_request() -> None:
    a = request_grammar(ALL, "Text Kofi hi", ())
    assert request_grammar(list(reversed(ALL)), "Text Kofi hi", ()) is a
    assert request_grammar(ALL, "Text Kofi hi", (TOMORROW_2PM,)) is not a


def test_a_typical_request_is_cheap() -> None:
    specs = tuple(ALL)
    timings = []
    for n in range(20):
        query = _query(40) + f" {n}"
        start = time.perf_counter()
        gbnf = request_grammar(specs, query, (TOMORROW_2PM,))  # built and validated by llama.cpp
        timings.append(time.perf_counter() - start)
        assert len(gbnf) < 60_000
    assert sorted(timings)[len(timings) // 2] < 0.02  # typically ~1 ms


def test_grammar_size_grows_linearly_with_the_request() -> None:
    small = len(request_grammar(ALL, _query(10), ()))
    large = len(request_grammar(ALL, _query(MAX_SPAN_WORDS), ()))
    assert large - small < 150 * (MAX_SPAN_WORDS - 10)


def test_long_requests_get_the_static_grammar() -> None:
    assert request_grammar(ALL, _query(MAX_SPAN_WORDS), ()) != plan_grammar(ALL)
    assert request_grammar(ALL, _query(MAX_SPAN_WORDS + 1), ()) == plan_grammar(ALL)
    huge = "Email Sid about the budget tomorrow at 3 " * (10_000 // 41)
    assert len(huge) > MAX_QUERY_CHARS
    start = time.perf_counter()
    assert grammar_for_request(ALL, huge, NOW) == plan_grammar(ALL)
    assert time.perf_counter() - start < 0.05


def test_no_tools_or_no_actions_give_the_static_grammar() -> None:
    assert request_grammar([], "Text Kofi", ()) == plan_grammar([])
    assert request_grammar(ALL, "Text Kofi", (), max_actions=0) == plan_grammar(ALL, max_actions=0)
    with pytest.raises(ValueError, match="max_actions"):
        request_grammar(ALL, "Text Kofi", (), max_actions=-1)


def test_the_number_of_actions_is_bounded(probe: GrammarProbe) -> None:
    def lookups(n: int) -> str:
        return plan(*(("get_phone_number", "Kofi") for _ in range(n)))

    assert probe.check(request_grammar(ALL, "Text Kofi", ()), lookups(MAX_ACTIONS))
    assert not probe.check(request_grammar(ALL, "Text Kofi", ()), lookups(MAX_ACTIONS + 1))


# --- prompt and planner ----------------------------------------------------------------------


def test_the_builtin_prompt_carries_the_request_and_its_dates() -> None:
    prompt = builtin_prompt("Call Sid tomorrow at 2pm", ALL, NOW)
    assert (
        prompt.text
        == 'Question: Call Sid tomorrow at 2pm\nDates: "tomorrow at 2pm" = 2024-06-04 14:00:00\nPlan:\n'
    )
    assert not prompt.chat
    assert builtin_prompt("Hello there", ALL, NOW, chat=True).text == "Question: Hello there\nPlan:\n"
    assert PROMPT_FORMATS["builtin"] is builtin_prompt


async def test_the_planner_uses_the_request_grammar_when_asked() -> None:
    request = PlanRequest("Text Kofi that I am late", ALL, NOW)
    reply = plan(("get_phone_number", "Kofi"), ("send_sms", ["$1"], "I am late"))
    llm = ScriptedLLM([reply, reply])
    tasks = await Planner(llm, PlannerOptions(grammar_mode="request"), prompt_builder=builtin_prompt).plan(
        request
    )
    assert [t.tool for t in tasks] == ["get_phone_number", "send_sms", "join"]
    assert llm.options[0].grammar == grammar_for_request(ALL, request.query, NOW)
    assert llm.prompts[0].text == "Question: Text Kofi that I am late\nPlan:\n"
    await Planner(llm, PlannerOptions()).plan(request)
    assert llm.options[1].grammar == plan_grammar(ALL)  # the default stays the static grammar
    no_grammar = Planner(llm, PlannerOptions(use_grammar=False, grammar_mode="request"))
    assert no_grammar.generation_options(request).grammar is None
