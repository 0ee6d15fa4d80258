"""Messages that carry nothing get the output the request says to send (core/messages.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from tests.support.fakes import ScriptedLLM
from tinyagent.core.messages import fill_messages, missing_output
from tinyagent.core.plan import parse_plan, render_plan
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.core.span_grammar import request_grammar
from tinyagent.tools.catalog import TOOL_NAMES
from tinyagent.tools.registry import REGISTRY
from training.grammar_probe import GrammarProbe

NOW = datetime(2026, 11, 20, 9, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
ZOOM_TEXT = "by text to Benji: a zoom link for the garden party at 9:30 p.m. tomorrow"
SMS_FIRST = (
    '1. get_phone_number("Benji")\n2. send_sms(["$1"], "At 9:30 p.m")\n'
    '3. get_zoom_meeting_link("Garden party", "2026-11-21 21:30:00", 60, [])\n4. join()'
)
ZOOM_FIRST = (
    '1. get_phone_number("Benji")\n2. get_zoom_meeting_link("Garden party", "2026-11-21 21:30:00", 60, [])\n'
    '3. send_sms(["$1"], "$2")\n4. join()'
)


def filled(query: str, plan: str) -> str:
    return render_plan(fill_messages(parse_plan(plan), query)).removesuffix("<END_OF_PLAN>")


@pytest.mark.parametrize(
    ("query", "plan", "expected"),
    [
        (  # a time in place of the link, sent before the link is made: moved after it
            ZOOM_TEXT,
            SMS_FIRST,
            ZOOM_FIRST,
        ),
        (  # an empty reply that says it carries the summary
            "summarize the Pemberton tender, then reply with that summary and cc Cem Demir",
            '1. open_and_get_file_path("Pemberton tender")\n2. summarize_pdf("$1")\n'
            '3. get_email_address("Cem Demir")\n4. reply_to_email(["$3"], "", [])\n5. join()',
            '1. open_and_get_file_path("Pemberton tender")\n2. summarize_pdf("$1")\n'
            '3. get_email_address("Cem Demir")\n4. reply_to_email(["$3"], "$2", [])\n5. join()',
        ),
        (  # a person's address in place of the link, and the command's word in place of a summary
            "zoom on friday at 3 with Ada Lam, and email her the link",
            '1. get_email_address("Ada Lam")\n2. get_zoom_meeting_link("Zoom", "2026-11-20 15:00:00", 60, ["$1"])\n'
            '3. compose_new_email(["$1"], [], "Zoom", "$1", [])\n4. join()',
            '1. get_email_address("Ada Lam")\n2. get_zoom_meeting_link("Zoom", "2026-11-20 15:00:00", 60, ["$1"])\n'
            '3. compose_new_email(["$1"], [], "Zoom", "$2", [])\n4. join()',
        ),
        (  # two messages, one before the link and one after it
            "zoom at 3 about the budget, then text Ana the link and email Bo the link",
            '1. get_phone_number("Ana")\n2. send_sms(["$1"], "At 3")\n3. get_email_address("Bo")\n'
            '4. get_zoom_meeting_link("Budget", "2026-11-20 15:00:00", 60, [])\n'
            '5. compose_new_email(["$3"], [], "Budget", "", [])\n6. join()',
            '1. get_phone_number("Ana")\n2. get_email_address("Bo")\n'
            '3. get_zoom_meeting_link("Budget", "2026-11-20 15:00:00", 60, [])\n4. send_sms(["$1"], "$3")\n'
            '5. compose_new_email(["$2"], [], "Budget", "$3", [])\n6. join()',
        ),
        (
            "summarise the water notice then send what it says to Arnav by text",
            '1. open_and_get_file_path("water notice")\n2. summarize_pdf("$1")\n3. get_phone_number("Arnav")\n'
            '4. send_sms(["$3"], "Text")\n5. join()',
            '1. open_and_get_file_path("water notice")\n2. summarize_pdf("$1")\n3. get_phone_number("Arnav")\n'
            '4. send_sms(["$3"], "$2")\n5. join()',
        ),
    ],
)
def test_a_message_that_carries_nothing_gets_the_output(query: str, plan: str, expected: str) -> None:
    assert filled(query, plan) == expected
    assert parse_plan(filled(query, plan)) == parse_plan(expected)  # deps follow the moved task


@pytest.mark.parametrize(
    ("query", "plan"),
    [
        (  # the person's own words
            "make a zoom link for 3pm and text Ana I'm running late",
            '1. get_zoom_meeting_link("Zoom", "2026-11-20 15:00:00", 60, [])\n2. get_phone_number("Ana")\n'
            '3. send_sms(["$2"], "I\'m running late")\n4. join()',
        ),
        (  # an email with an empty body beside a summary made for something else
            "email Ada about the launch, and I need a summary of the Q3 report",
            '1. get_email_address("Ada")\n2. compose_new_email(["$1"], [], "Launch", "", [])\n'
            '3. open_and_get_file_path("Q3 report")\n4. summarize_pdf("$3")\n5. join()',
        ),
        (  # the summary is for the person asking
            "email Ada about the launch and skim the Q3 report for me and tell me what it says",
            '1. get_email_address("Ada")\n2. compose_new_email(["$1"], [], "Launch", "", [])\n'
            '3. open_and_get_file_path("Q3 report")\n4. summarize_pdf("$3")\n5. join()',
        ),
        (  # the link is already sent: the other message is the person's own
            "zoom at 3 about the budget, email Ada the link and text Bo",
            '1. get_email_address("Ada")\n2. get_zoom_meeting_link("Budget", "2026-11-20 15:00:00", 60, [])\n'
            '3. compose_new_email(["$1"], [], "Budget", "$2", [])\n4. get_phone_number("Bo")\n'
            '5. send_sms(["$4"], "")\n6. join()',
        ),
        (  # two outputs the request names: which one is meant is not clear
            "summarize the report, show me where the office is, and text Bo the location",
            '1. open_and_get_file_path("report")\n2. summarize_pdf("$1")\n3. maps_open_location("office")\n'
            '4. get_phone_number("Bo")\n5. send_sms(["$4"], "")\n6. join()',
        ),
    ],
)
def test_a_message_in_words_or_for_something_else_is_left(query: str, plan: str) -> None:
    assert filled(query, plan) == plan


def test_a_link_named_inside_another_message_is_no_link_to_send() -> None:
    query = "zoom at 3 about the budget, email Ada, and reply: the link expired"
    plan = (
        '1. get_zoom_meeting_link("Budget", "2026-11-20 15:00:00", 60, [])\n2. get_email_address("Ada")\n'
        '3. compose_new_email(["$2"], [], "Budget", "", [])\n4. reply_to_email([], "The link expired", [])\n5. join()'
    )
    assert filled(query, plan) == plan


def missing(query: str, plan: str, *, dated: bool = True) -> str | None:
    return missing_output(parse_plan(plan), query, set(TOOL_NAMES), dated=lambda: dated)


def test_an_output_never_made_is_found() -> None:
    sms_only = '1. get_phone_number("Benji")\n2. send_sms(["$1"], "At 9:30 p.m")\n3. join()'
    assert missing(ZOOM_TEXT, sms_only) == "get_zoom_meeting_link"
    words = '1. get_phone_number("Benji")\n2. send_sms(["$1"], "A zoom link for the garden party")\n3. join()'
    assert missing(ZOOM_TEXT, words) == "get_zoom_meeting_link"
    assert missing(ZOOM_TEXT, SMS_FIRST) is None  # made: fill_messages sends it
    assert missing(ZOOM_TEXT, sms_only, dated=False) is None  # no time, no meeting
    own_words = '1. get_phone_number("Maria")\n2. send_sms(["$1"], "The zoom link is in the invite")\n3. join()'
    assert missing("text Maria the zoom link is in the invite", own_words) is None
    offered = set(TOOL_NAMES) - {"get_zoom_meeting_link"}
    assert missing_output(parse_plan(sms_only), ZOOM_TEXT, offered, dated=lambda: True) is None


@pytest.fixture(scope="module")
def probe() -> Iterator[GrammarProbe]:
    engine = GrammarProbe()
    yield engine
    engine.close()


def test_the_grammar_can_ask_for_a_tool_before_any_message(probe: GrammarProbe) -> None:
    first = request_grammar(TOOLS, ZOOM_TEXT, (), first="get_zoom_meeting_link")
    plain = request_grammar(TOOLS, ZOOM_TEXT, ())
    no_zoom = '1. get_phone_number("Benji")\n2. send_sms(["$1"], "At 9:30 p.m")\n3. join()<END_OF_PLAN>'
    assert probe.check(plain, no_zoom) and probe.check(plain, SMS_FIRST + "<END_OF_PLAN>")
    assert probe.check(first, ZOOM_FIRST + "<END_OF_PLAN>")
    assert not probe.check(first, no_zoom)
    assert not probe.check(first, SMS_FIRST + "<END_OF_PLAN>")


async def test_the_planner_writes_again_with_the_missing_output_first() -> None:
    sms_only = '1. get_phone_number("Benji")\n2. send_sms(["$1"], "At 9:30 p.m")\n3. join()<END_OF_PLAN>'
    llm = ScriptedLLM([sms_only, ZOOM_FIRST + "<END_OF_PLAN>"])
    options = PlannerOptions(grammar_mode="request", fill_messages=True)
    tasks = await Planner(llm, options).plan(PlanRequest(ZOOM_TEXT, TOOLS, NOW))
    assert render_plan(tasks).removesuffix("<END_OF_PLAN>") == ZOOM_FIRST
    assert llm.options[0].grammar is not None and "before-1" not in llm.options[0].grammar
    assert llm.options[1].grammar is not None and "root ::= before-1" in llm.options[1].grammar
    # off (any other planner): the model's plan as written, asked for once
    llm = ScriptedLLM([sms_only])
    tasks = await Planner(llm, PlannerOptions(grammar_mode="request")).plan(PlanRequest(ZOOM_TEXT, TOOLS, NOW))
    assert [t.tool for t in tasks] == ["get_phone_number", "send_sms", "join"]
