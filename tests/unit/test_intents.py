"""Several requests in one sentence: clauses are found, and their plans joined into one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pytest

from tests.support.fakes import ScriptedLLM
from tinyagent.core.intents import join_plans, split_intents, split_topics, starts_a_request
from tinyagent.core.plan import parse_plan, render_plan
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.tools.registry import REGISTRY, ToolSpec

NOW = datetime(2026, 11, 20, 9, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        (
            "zoom the move today at midday and write back I'll be there",
            ("zoom the move today at midday", "write back I'll be there"),
        ),
        (
            "show me the Gift ideas note in Chéng & find Mırōsh Aslan's mobile.",
            ("show me the Gift ideas note in Chéng", "find Mırōsh Aslan's mobile"),
        ),
        (
            "can you reply: count me in, cc Jiayi; directions the gym?",
            ("can you reply: count me in, cc Jiayi", "directions the gym?"),
        ),
        ("Reply to this email. Also, get me Zoë's email", ("Reply to this email", "get me Zoë's email")),
        (
            "text Toni i'm late also find Coach Nwosu's mobile",
            ("text Toni i'm late", "find Coach Nwosu's mobile"),
        ),
        ("see you at 9 a.m. Then text Bo hi", ("see you at 9 a.m", "text Bo hi")),
    ],
)
def test_separate_requests_are_split(query: str, clauses: tuple[str, ...]) -> None:
    assert split_intents(query) == clauses


@pytest.mark.parametrize(
    "query",
    [
        "find the Q3 report and email it to Sid",  # a chain: "it" points back
        "Summarize meeting notes, email to Ronit.",  # no object: continues the first clause
        "Email Prof. Kouyaté the recipe book",  # an abbreviation, not a sentence end
        "text Ana & Bo that I'm late",  # "&" between names
        "schedule a sync at 3 and invite Hiroshi and Farzana",  # invitees belong to the event
        "I have to return the library books tomorrow, remind me",  # the reminder has no content of its own
        "email Sid and Lutfi the deck",
        "remind me to call mom",
        "email Jürgen about the offsite, tell him the hotel is booked",  # what the email says
        "write to Professor Okonkwo about my thesis and let her know the draft is ready",
    ],
)
def test_one_request_stays_whole(query: str) -> None:
    assert split_intents(query) == (query,)


@pytest.mark.parametrize(
    "query",
    [
        # a situation first: it gives the next clause its topic, it is no request of its own
        "The whole team is travelling for the rebrand. Set up a zoom on friday at 10",
        "Pardon me, on the map, show me Kinkaku-ji",  # an opener, then where to act
        "On the Gear to pack list, add trekking poles",  # a long list name is still a place
        "put the trivia night on my calendar at 8pm tonight, add a note saying bring coins",
        "set a reminder to renew the visa on monday and add the note bring two photos",
        "I want to remember something for Kitchen ideas. Put open shelving in that note",
        "email Ines and Pavol about the launch, tell thm the date moved",  # "them" in a hurry
    ],
)
def test_what_continues_a_request_stays_with_it(query: str) -> None:
    assert split_intents(query) == (query,)


def test_a_situation_goes_with_the_request_after_it_when_others_are_split() -> None:
    query = "The whole team is remote for the rebrand. Set up a zoom on friday at 10, and text Mılo I'm late"
    assert split_intents(query) == (
        "The whole team is remote for the rebrand. Set up a zoom on friday at 10",
        "text Mılo I'm late",
    )


def test_a_clause_with_a_time_is_a_request_of_its_own() -> None:
    assert split_intents("Dinner with Oona friday 7pm. Text Kwame I'm running late") == (
        "Dinner with Oona friday 7pm",
        "Text Kwame I'm running late",
    )


def test_what_to_tell_someone_stays_with_its_request_when_others_are_split() -> None:
    query = "show me the Guinness Storehouse on the map and email Siobhán about saturday, tell her we're going at 2"
    assert split_intents(query) == (
        "show me the Guinness Storehouse on the map",
        "email Siobhán about saturday, tell her we're going at 2",
    )


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("also text Bo hi", True),
        ("please remind me to call mom", True),
        ("I always forget things like this", False),
        ("My phone is on the charger", False),
    ],
)
def test_a_clause_starts_a_request_when_it_starts_with_a_command(clause: str, expected: bool) -> None:
    assert starts_a_request(clause) is expected


def test_joined_plans_are_renumbered_with_their_references() -> None:
    first = parse_plan(
        '1. get_phone_number("Bo")\n2. send_sms(["$1"], "costs $1 each")\n3. join()<END_OF_PLAN>'
    )
    second = parse_plan(
        '1. get_email_address("Zoë")\n2. compose_new_email(["$1"], [], "Hi", "", [])\n3. join()<END_OF_PLAN>'
    )
    joined = render_plan(join_plans([first, second]))
    assert joined == (
        '1. get_phone_number("Bo")\n2. send_sms(["$1"], "costs $1 each")\n'
        '3. get_email_address("Zoë")\n4. compose_new_email(["$3"], [], "Hi", "", [])\n5. join()<END_OF_PLAN>'
    )


WHOLE = '1. get_zoom_meeting_link("Move", "2026-11-20 12:00:00", 60, [])\n2. join()<END_OF_PLAN>'
ZOOM = WHOLE
REPLY = '1. reply_to_email([], "I\'ll be there", [])\n2. join()<END_OF_PLAN>'


async def test_clause_plans_are_kept_when_they_do_more() -> None:
    llm = ScriptedLLM([WHOLE, ZOOM, REPLY])
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True))
    tasks = await planner.plan(PlanRequest("zoom the move at noon and write back I'll be there", TOOLS, NOW))
    assert [t.tool for t in tasks] == ["get_zoom_meeting_link", "reply_to_email", "join"]
    assert [p.user.splitlines()[-1] for p in llm.prompts[1:]] == [
        "Question: zoom the move at noon",
        "Question: write back I'll be there",
    ]


async def test_the_whole_plan_is_kept_when_the_clauses_add_nothing() -> None:
    both = '1. get_zoom_meeting_link("Move", "2026-11-20 12:00:00", 60, [])\n2. reply_to_email([], "ok", [])\n3. join()<END_OF_PLAN>'
    llm = ScriptedLLM([both, ZOOM, "1. join()<END_OF_PLAN>"])  # the second clause plans nothing
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True))
    tasks = await planner.plan(PlanRequest("zoom the move at noon and write back ok", TOOLS, NOW))
    assert [t.tool for t in tasks] == ["get_zoom_meeting_link", "reply_to_email", "join"]
    assert tasks[1].args[1] == "ok"


async def test_without_the_option_one_request_is_planned_once() -> None:
    llm = ScriptedLLM([WHOLE])
    planner = Planner(llm, PlannerOptions(use_grammar=False))
    await planner.plan(PlanRequest("zoom the move at noon and write back I'll be there", TOOLS, NOW))
    assert len(llm.prompts) == 1


@pytest.mark.parametrize(
    "query",
    [
        "On my reminders, add take my vitamins at the end of the month.",
        "On the map, show me the Blue Mosque",
        "on monday 3pm: walk the dog. remind me ty",
        "Tomorrow at quarter past 4: RSVP to the wedding. Remind me - urgent",
        "create a note called Shopping list and write pick a venue soon in the folder Grōng.",
    ],
)
def test_held_out_phrasings_that_are_one_request(query: str) -> None:
    assert split_intents(query) == (query,)


@pytest.mark.parametrize(
    ("query", "pieces"),
    [
        (
            "I just remembered something for Reading list. Add glaze is celadon to that note. "
            "One more thing: Ngōthön — what's their phone number?",
            (
                "I just remembered something for Reading list. Add glaze is celadon to that note",
                "Ngōthön — what's their phone number?",
            ),
        ),
        (
            "My week is crazy so set a reminder to call Makena at 2 Oh and the Chávez contract open it",
            ("My week is crazy so set a reminder to call Makena at 2", "the Chávez contract open it"),
        ),
        (
            "Show Montevideo on the map, and after that to Palesa, an email about the stopover. Besides that, "
            "the number for Oğuz, please.",
            (
                "Show Montevideo on the map",
                "to Palesa, an email about the stopover",
                "the number for Oğuz, please",
            ),
        ),
        ("Text Bo hi; while you're at it, find Zoë's email", ("Text Bo hi", "find Zoë's email")),
        (
            "show me where Ponte Vecchio is and, on a different note, email Bianchi about the keys",
            ("show me where Ponte Vecchio is", "email Bianchi about the keys"),
        ),
        (
            "the Fernández invite pdf, can you summarise it? Then, totally different thing: dentist at 8:40",
            ("the Fernández invite pdf, can you summarise it", "dentist at 8:40"),
        ),
        ("Book a zoom at 3. Unrelated, but show me Tsukiji", ("Book a zoom at 3", "show me Tsukiji")),
        (
            "lunch break admin: 1. zoom w/ Oksana fri 9am 2. add book dentist to my to-do note",
            ("lunch break admin", "zoom w/ Oksana fri 9am", "add book dentist to my to-do note"),
        ),
        (
            "Kindly: (a) forward this to Dr. Nwachukwu, (b) remind me on April 30 to submit the form",
            ("Kindly", "forward this to Dr. Nwachukwu", "remind me on April 30 to submit the form"),
        ),
        (
            "before I forget:\n- remind me to renew the car insurance friday\n- text Marguerite the keys are here\n"
            "  * open the Dubois_invoice.pdf",
            (
                "before I forget",
                "remind me to renew the car insurance friday",
                "text Marguerite the keys are here",
                "open the Dubois_invoice.pdf",
            ),
        ),
        ("• text Bo hi\n• email Ana the menu", ("text Bo hi", "email Ana the menu")),
        (
            "Show me the office. Oh, and about the trip: email Hugo and Mom, tell them I accepted",
            ("Show me the office", "about the trip: email Hugo and Mom, tell them I accepted"),
        ),
        # typed in a hurry: one typo in a word of four letters or more
        (
            "remind me to call the bank friday, and afetr that text Bo I'm late",
            ("remind me to call the bank friday", "text Bo I'm late"),
        ),
        ("email Ana the menu. One mre thing: open the lease", ("email Ana the menu", "open the lease")),
        ("email Ana the menu. besdies that, open the lease", ("email Ana the menu", "open the lease")),
        ("Show me Łódź, and after htat email Ana the menu", ("Show me Łódź", "email Ana the menu")),
        ("open the lease One mote thing text Bo hi", ("open the lease", "text Bo hi")),
    ],
)
def test_requests_are_cut_where_the_person_moves_on(query: str, pieces: tuple[str, ...]) -> None:
    assert split_topics(query) == pieces


@pytest.mark.parametrize(
    "query",
    [
        "set up a zoom with Ana at 3 and after that email her the link",  # the link is the earlier result
        "Dinner at Nopa on Friday. Add it to my calendar. Oh, and text them the address",
        "set up a zoom with Ana at 3. One more thing: remind me to call her",  # "her" is named earlier
        "set up a zoom with Ana at 3. Oh, and tell her I'm late",
        "remind me to call mom after that meeting",  # "after that" inside one request
        "Next Friday, remind me to pay rent",  # "next" without a comma is a date
        "Tomorrow, first thing, remind me to call the bank",  # a time, not the first of a list
        "remind me at 3. Buy milk is the reminder",  # "3." ends a sentence: no list without "1." and "2."
        "email Bo and say we'll go with the second option, thanks",
        "email sid jha about lunch, also cc Nick",  # a follow-up merged into its request
        "text Bo I'll pick you up. Oh, and",  # nothing after the word
        "text Bo the score is 3-1 - what a game",  # a dash inside a line is no bullet
        "remind me to pay rent\n- urgent",  # one bullet is no list
        "text Bo hi. Besides what I said, email Ana",  # "what" is a word, not a typo of "that"
        "text Bo hi, and afetr tat email Ana",  # two typos in one phrase: too far to tell
        "text Bo hi, and one mare thing I said, email Ana",
    ],
)
def test_a_request_that_needs_its_earlier_part_stays_whole(query: str) -> None:
    assert split_topics(query) == (query,)


NOTE = '1. append_note_content("Reading list", "glaze", "")\n2. join()<END_OF_PLAN>'
PHONE = '1. get_phone_number("Ngōthön")\n2. join()<END_OF_PLAN>'
MOVES_ON = "I just remembered something for Reading list, add glaze to it. One more thing: Ngōthön's number?"


async def test_pieces_are_planned_on_their_own_and_joined() -> None:
    llm = ScriptedLLM([NOTE, PHONE])
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True))
    tasks = await planner.plan(PlanRequest(MOVES_ON, TOOLS, NOW))
    assert [t.tool for t in tasks] == ["append_note_content", "get_phone_number", "join"]
    assert [p.user.splitlines()[-1] for p in llm.prompts] == [
        "Question: I just remembered something for Reading list, add glaze to it",
        "Question: Ngōthön's number?",
    ]


async def test_the_whole_request_is_planned_when_a_piece_does_nothing() -> None:
    both = '1. append_note_content("Reading list", "glaze", "")\n2. get_phone_number("Ngōthön")\n3. join()<END_OF_PLAN>'
    llm = ScriptedLLM([NOTE, "1. join()<END_OF_PLAN>", both])
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True))
    tasks = await planner.plan(PlanRequest(MOVES_ON, TOOLS, NOW))
    assert [t.tool for t in tasks] == ["append_note_content", "get_phone_number", "join"]
    assert llm.prompts[-1].user.splitlines()[-1] == f"Question: {MOVES_ON}"


async def test_a_preamble_that_plans_nothing_is_left_out() -> None:
    llm = ScriptedLLM(["1. join()<END_OF_PLAN>", NOTE, PHONE])
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True))
    query = "two things: 1) add glaze to my Reading list note 2) what's Ngōthön's number"
    tasks = await planner.plan(PlanRequest(query, TOOLS, NOW))
    assert [t.tool for t in tasks] == ["append_note_content", "get_phone_number", "join"]
    assert len(llm.prompts) == 3  # the preamble, then each item; not the whole request again


async def test_each_piece_is_offered_the_tools_its_own_text_needs() -> None:
    asked: list[str] = []

    def select(query: str, tools: Sequence[ToolSpec]) -> list[ToolSpec]:
        asked.append(query)
        wanted = "get_phone_number" if "number" in query else "append_note_content"
        return [s for s in tools if s.name == wanted]

    llm = ScriptedLLM([NOTE, PHONE])
    planner = Planner(llm, PlannerOptions(use_grammar=False, split_intents=True), select_tools=select)
    await planner.plan(PlanRequest(MOVES_ON, TOOLS, NOW))
    assert asked == [
        "I just remembered something for Reading list, add glaze to it",
        "Ngōthön's number?",
    ]
    assert "append_note_content" in llm.prompts[0].text and "get_phone_number" not in llm.prompts[0].text
    assert "get_phone_number" in llm.prompts[1].text and "append_note_content" not in llm.prompts[1].text
