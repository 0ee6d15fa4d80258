"""People a plan left out of a list it looks up are given to it (core/people.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.fakes import ScriptedLLM
from tinyagent.core.people import complete_lists
from tinyagent.core.plan import parse_plan, render_plan
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.tools.registry import REGISTRY

NOW = datetime(2026, 11, 20, 9, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))


def completed(query: str, plan: str) -> str:
    return render_plan(complete_lists(parse_plan(plan), query)).removesuffix("<END_OF_PLAN>")


@pytest.mark.parametrize(
    ("query", "plan", "expected"),
    [
        (  # the last name dropped
            "text Ines, Kofi Mensah and Yuki that the bus is late",
            '1. get_phone_number("Ines")\n2. get_phone_number("Kofi Mensah")\n'
            '3. send_sms(["$1", "$2"], "The bus is late")\n4. join()',
            '1. get_phone_number("Ines")\n2. get_phone_number("Kofi Mensah")\n3. get_phone_number("Yuki")\n'
            '4. send_sms(["$1", "$2", "$3"], "The bus is late")\n5. join()',
        ),
        (  # the first one dropped, written without capitals, and every later number moves
            "ana, bo lin and cyrus can't make friday. zoom at 6 and email them the link",
            '1. get_email_address("bo lin")\n2. get_email_address("cyrus")\n'
            '3. get_zoom_meeting_link("Friday", "2026-11-20 18:00:00", 60, ["$1", "$2"])\n'
            '4. compose_new_email(["$1", "$2"], [], "Friday", "$3", [])\n5. join()',
            '1. get_email_address("ana")\n2. get_email_address("bo lin")\n3. get_email_address("cyrus")\n'
            '4. get_zoom_meeting_link("Friday", "2026-11-20 18:00:00", 60, ["$1", "$2", "$3"])\n'
            '5. compose_new_email(["$1", "$2", "$3"], [], "Friday", "$4", [])\n6. join()',
        ),
        (  # a number in the list is kept where the planner put it
            "text Oğuz, +44 7700 900123, Mele and Tavita we're here",
            '1. get_phone_number("Oğuz")\n2. get_phone_number("Mele")\n'
            '3. send_sms(["$1", "+44 7700 900123", "$2"], "We\'re here")\n4. join()',
            '1. get_phone_number("Oğuz")\n2. get_phone_number("Mele")\n3. get_phone_number("Tavita")\n'
            '4. send_sms(["$1", "+44 7700 900123", "$2", "$3"], "We\'re here")\n5. join()',
        ),
        (  # a word of the request looked up in a person's place gives way to the person
            "email Ruth & Amadou Diallo with the lease attached",
            '1. get_email_address("Ruth")\n2. get_email_address("Attached")\n'
            '3. compose_new_email(["$1", "$2"], [], "Lease", "", [])\n4. join()',
            '1. get_email_address("Ruth")\n2. get_email_address("Amadou Diallo")\n'
            '3. compose_new_email(["$1", "$2"], [], "Lease", "", [])\n4. join()',
        ),
        (  # part of a name looked up: the whole name
            "message Noa, Tamar Cohen, Eli: running late",
            '1. get_phone_number("Noa")\n2. get_phone_number("Tamar")\n'
            '3. send_sms(["$1", "$2"], "Running late")\n4. join()',
            '1. get_phone_number("Noa")\n2. get_phone_number("Tamar Cohen")\n3. get_phone_number("Eli")\n'
            '4. send_sms(["$1", "$2", "$3"], "Running late")\n5. join()',
        ),
    ],
)
def test_people_left_out_of_a_list_are_looked_up(query: str, plan: str, expected: str) -> None:
    assert completed(query, plan) == expected


@pytest.mark.parametrize(
    ("query", "plan"),
    [
        (  # the name twice: which list is meant is unclear
            "lunch with Paloma and Itziar at 1, and text Paloma I booked",
            '1. create_calendar_event("Lunch with Paloma and Itziar", "2026-11-20 13:00:00", '
            '"2026-11-20 14:00:00", "", [], "", None)\n2. get_phone_number("Paloma")\n'
            '3. send_sms(["$2"], "I booked")\n4. join()',
        ),
        (  # not people
            "email Ana, Bo and the team the deck",
            '1. get_email_address("Ana")\n2. get_email_address("Bo")\n'
            '3. compose_new_email(["$1", "$2"], [], "Deck", "", [])\n4. join()',
        ),
        (  # a place before the list
            "there's news on the office in Mexico City and Lucas should know, email him",
            '1. get_email_address("Lucas")\n2. compose_new_email(["$1"], [], "Office", "", [])\n3. join()',
        ),
        (  # cc is its own list
            "email ana and cc bo about the menu",
            '1. get_email_address("ana")\n2. compose_new_email(["$1"], [], "Menu", "", [])\n3. join()',
        ),
        (  # a name after "and" that starts another request
            "email Sid and text Bo hi",
            '1. get_email_address("Sid")\n2. compose_new_email(["$1"], [], "", "", [])\n'
            '3. get_phone_number("Bo")\n4. send_sms(["$3"], "Hi")\n5. join()',
        ),
    ],
)
def test_plans_without_a_missing_person_stay_as_they_are(query: str, plan: str) -> None:
    assert completed(query, plan) == render_plan(parse_plan(plan)).removesuffix("<END_OF_PLAN>")


SHORT = '1. get_phone_number("Ines")\n2. send_sms(["$1"], "Late")\n3. join()<END_OF_PLAN>'


async def test_the_planner_completes_lists_when_asked() -> None:
    request = PlanRequest("text Ines and Yuki late", TOOLS, NOW)
    plain = await Planner(ScriptedLLM([SHORT]), PlannerOptions(use_grammar=False)).plan(request)
    assert [t.args[0] for t in plain if t.tool == "get_phone_number"] == ["Ines"]
    options = PlannerOptions(use_grammar=False, complete_lists=True)
    tasks = await Planner(ScriptedLLM([SHORT]), options).plan(request)
    assert [t.args[0] for t in tasks if t.tool == "get_phone_number"] == ["Ines", "Yuki"]
    assert tasks[2].args[0] == ["$1", "$2"] and tasks[2].deps == (1, 2)
