"""The committed built-in planner: its files match the manifest and it plans a smoke set."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import pytest

from tinyagent.core.engine import planner_options
from tinyagent.core.llama_cpp import LlamaCppLLM
from tinyagent.core.models import builtin_root
from tinyagent.core.plan import validate_plan
from tinyagent.core.planner import Planner, PlannerOptions, PlanRequest
from tinyagent.core.prompt import builtin_prompt
from tinyagent.core.settings import Settings
from tinyagent.tools.registry import REGISTRY

pytestmark = pytest.mark.e2e

FOLDER = builtin_root() / "planner"
NOW = datetime(2024, 6, 3, 9, 0, 0)
TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
# Requests the shipped model plans correctly; a retrained model must keep doing so.
SMOKE = {
    "remind me to call mom tomorrow at 6pm": (
        '1. create_reminder("Call mom", "2024-06-04 18:00:00", "", "", 0, False)'
    ),
    "show me the Rijksmuseum on the map": '1. maps_open_location("Rijksmuseum")',
}


def test_files_match_the_manifest() -> None:
    manifest = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (FOLDER / entry["path"]).read_bytes()
        assert len(data) == entry["size"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert sum(e["size"] for e in manifest["files"]) <= 50 * 1024 * 1024  # the on-disk budget
    assert manifest["prompt_format"] == "builtin"


@pytest.fixture(scope="module")
def planner() -> Planner:
    llm = LlamaCppLLM(FOLDER / "planner.gguf", n_ctx=1024)
    return Planner(llm, PlannerOptions(grammar_mode="request", chat=False), prompt_builder=builtin_prompt)


@pytest.mark.parametrize("query", sorted(SMOKE))
async def test_smoke_requests_are_planned_right(planner: Planner, query: str) -> None:
    tasks = await planner.plan(PlanRequest(query, TOOLS, NOW))
    assert tasks[0].render() == SMOKE[query]
    assert tasks[-1].is_join


@pytest.mark.parametrize(
    "query",
    ["email Zoë Kowalczyk and 王小明 the Q3 deck", "text 0176 5555 0101 that I'm late", "sing me a song"],
)
async def test_any_request_gives_a_valid_plan(planner: Planner, query: str) -> None:
    tasks = await planner.plan(PlanRequest(query, TOOLS, NOW))
    validate_plan(tasks, REGISTRY)  # the request grammar makes invalid plans impossible


# What the welcome panel offers a new user (gui/chat.py EXAMPLES), planned as the app plans.
WELCOME_PLANS = {
    "remind me to call mom tomorrow at 6pm": (
        'create_reminder("Call mom", "2024-06-04 18:00:00", "", "", 0, False)',
    ),
    "email Priya about the offsite and cc Tom": (
        'get_email_address("Priya")',
        'get_email_address("Tom")',
        'compose_new_email(["$1"], ["$2"], "Offsite", "", [])',
    ),
    "set up a zoom about the budget review with Sam on Friday at 3 and add it to my calendar": (
        'get_email_address("Sam")',
        'get_zoom_meeting_link("Budget review", "2024-06-07 15:00:00", 60, ["$1"])',
        'create_calendar_event("Budget review", "2024-06-07 15:00:00", "2024-06-07 16:00:00", "$2", ["$1"], "", None)',
    ),
    "text Alex directions to the Rijksmuseum from here on foot": (
        'get_phone_number("Alex")',
        'maps_show_directions("", "Rijksmuseum", "w")',
        'send_sms(["$1"], "$2")',
    ),
    "summarize the lease agreement and save it as a note": (
        'open_and_get_file_path("lease agreement")',
        'summarize_pdf("$1")',
        'create_note("Lease agreement", "$2", "")',
    ),
}


def test_the_welcome_examples_are_the_ones_checked_here() -> None:
    from tinyagent.gui.chat import EXAMPLES

    assert set(EXAMPLES) == set(WELCOME_PLANS)


@pytest.fixture(scope="module")
def app_planner() -> Planner:
    """The built-in planner with the app's options (core/engine.py), loaded once."""
    llm = LlamaCppLLM(FOLDER / "planner.gguf", n_ctx=1024, n_threads=1)
    return Planner(llm, planner_options(Settings(), "builtin"), prompt_builder=builtin_prompt)


@pytest.mark.parametrize("query", sorted(WELCOME_PLANS))
async def test_the_welcome_examples_are_planned_right(app_planner: Planner, query: str) -> None:
    tasks = await app_planner.plan(PlanRequest(query, TOOLS, NOW))
    rendered = tuple(t.render().split(". ", 1)[1] for t in tasks if not t.is_join)
    assert rendered == WELCOME_PLANS[query]
