"""Tags that say what an example exercises, read off its plan and slot values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tinyagent.core.plan import Task
from training.dataset.dates import DateValue
from training.dataset.split import TEST_FAMILIES

LOOKUPS = frozenset({"get_email_address", "get_phone_number"})
_ABSOLUTE = ("calendar_date", "iso_date", "month_day")
_MODES = {"w": "directions_walk", "d": "directions_drive", "r": "directions_transit"}

ALL_TAGS = (
    "single",
    "chain",
    "multi_intent",
    "three_intents",
    "no_tool",
    "knowledge",
    "chit_chat",
    "impossible",
    "parallel_lookup",
    "direct_contact",
    "group_sms",
    "cc",
    "attachment",
    "reply",
    "forward",
    "zoom",
    "reminder_timed",
    "reminder_all_day",
    "reminder_undated",
    "reminder_list",
    "reminder_priority",
    "reminder_notes",
    "directions_walk",
    "directions_drive",
    "directions_transit",
    "directions_from_here",
    "directions_from_place",
    "note_create",
    "note_open",
    "note_append",
    "note_folder",
    "calendar_named",
    "event_location",
    "event_invitees",
    "event_notes",
    "duration",
    "time_range",
    "relative_date",
    "absolute_date",
    "held_out_family",
    "lowercase",
    "dictation",
    "typos",
    "filler",
    "aside",
    "diacritics",
)
"""Every tag the generator can give (tests check that each one occurs)."""


def tags_for(
    tasks: Sequence[Task], value_sets: Iterable[dict[str, Any]], extra: list[str], family: str
) -> tuple[str, ...]:
    """The tags of one example, in ``ALL_TAGS`` order."""
    found = set(extra) | _kind_tags(family) | _plan_tags(tasks)
    for values in value_sets:
        found |= _value_tags(values)
    unknown = found - set(ALL_TAGS)
    assert not unknown, f"tags missing from ALL_TAGS: {unknown}"
    return tuple(t for t in ALL_TAGS if t in found)


def _kind_tags(family: str) -> set[str]:
    out = {"held_out_family"} if family in TEST_FAMILIES else set()
    if family.startswith("multi:"):
        return out | {"multi_intent"} | ({"three_intents"} if family.count("+") == 2 else set())
    if family.startswith("no_tool_"):
        return out | {"no_tool", family.removeprefix("no_tool_")}
    return out | {"chain" if family.startswith("chain_") else "single"}


def _plan_tags(tasks: Sequence[Task]) -> set[str]:
    by_idx = {t.idx: t for t in tasks}
    out: set[str] = set()
    for t in tasks:
        deps = [by_idx[d] for d in t.deps]
        if sum(d.tool in LOOKUPS for d in deps) >= 2:
            out.add("parallel_lookup")
        if any(d.tool not in LOOKUPS for d in deps):
            out.add("chain")
        out |= _tool_tags(t)
    return out


def _tool_tags(t: Task) -> set[str]:
    a = t.args
    out: set[str] = set()
    lists = [v for v in a if isinstance(v, list)]
    if any(not s.startswith("$") for lst in lists for s in lst):  # list arguments hold only contacts or $N
        out.add("direct_contact")
    if t.tool == "send_sms" and len(a[0]) >= 2:
        out.add("group_sms")
    if (t.tool in ("compose_new_email", "forward_email") and a[1]) or (t.tool == "reply_to_email" and a[0]):
        out.add("cc")
    if t.tool in ("compose_new_email", "forward_email", "reply_to_email") and a[-1]:
        out.add("attachment")
    out |= {
        "reply_to_email": {"reply"},
        "forward_email": {"forward"},
        "get_zoom_meeting_link": {"zoom"},
        "open_note": {"note_open"},
        "append_note_content": {"note_append"},
        "create_note": {"note_create"},
    }.get(t.tool, set())
    if t.tool in ("create_note", "open_note", "append_note_content") and a[-1]:
        out.add("note_folder")
    if t.tool == "create_reminder":
        due = a[1]
        out.add("reminder_undated" if not due else "reminder_all_day" if a[5] else "reminder_timed")
        out |= {"reminder_list"} if a[3] else set()
        out |= {"reminder_priority"} if a[4] else set()
        out |= {"reminder_notes"} if a[2] else set()
    if t.tool == "maps_show_directions":
        out |= {_MODES[a[2]], "directions_from_place" if a[0] else "directions_from_here"}
    if t.tool == "create_calendar_event":
        out |= {"calendar_named"} if a[6] is not None else set()
        out |= {"event_location"} if a[3] and not a[3].startswith("$") else set()
        out |= {"event_invitees"} if a[4] else set()
        out |= {"event_notes"} if a[5] else set()
    return out


def _value_tags(values: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    if "duration" in values or "end" in values:
        out.add("duration")
    if "end" in values:
        out.add("time_range")
    when = values.get("when")
    if isinstance(when, DateValue):
        out.add("absolute_date" if when.kind.startswith(_ABSOLUTE) else "relative_date")
    return out
