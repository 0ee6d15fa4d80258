"""Intent families: what each kind of request means as a plan.

A family's ``build`` turns the slot values a template was filled with into actions,
following the planning conventions of ``shared/spec/plan-language.md``: contacts are
looked up first (in the order they were named; addresses and numbers given directly
are used as they are), then files, then whatever consumes them. Several people get one
action with a list. Titles come from the request's words (``title_of``), messages are
the user's words with a capital first letter (``sentence``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tinyagent.core.plan import Task, render_plan
from training.dataset.dates import DateValue, format_value
from training.dataset.slots import Contact, file_title, place_name, sentence, title_of

Values = dict[str, Any]


class PlanBuilder:
    """Actions numbered as they are added; ``call`` returns the ``$N`` of the new action."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []

    def call(self, tool: str, *args: Any) -> str:
        self.tasks.append(Task(len(self.tasks) + 1, tool, tuple(args)))
        return f"${len(self.tasks)}"

    def text(self) -> str:
        """The plan text, ending with ``join()<END_OF_PLAN>``."""
        text: str = render_plan([*self.tasks, Task(len(self.tasks) + 1, "join", ())])
        return text


@dataclass(frozen=True)
class Family:
    """One kind of request: how to fill its slots and what plan it means."""

    id: str
    build: Callable[[Values, PlanBuilder], object]  # what it returns (a $N) is not used
    options: Mapping[str, Any] = field(default_factory=dict)


def _lookup(b: PlanBuilder, people: list[Contact], tool: str) -> list[str]:
    return [c.direct or b.call(tool, c.name) for c in people]


def _emails(b: PlanBuilder, v: Values, key: str) -> list[str]:
    return _lookup(b, v.get(key, []), "get_email_address")


def _attachments(b: PlanBuilder, v: Values) -> list[str]:
    return [b.call("open_and_get_file_path", v[key]) for key in ("file", "file2") if key in v]


def _start_end(v: Values) -> tuple[str, str]:
    when: DateValue = v["when"]
    end = v.get("end") or when.value + timedelta(minutes=v.get("duration", 60))
    return when.plan_value, format_value(end)


def _say(v: Values, key: str = "say") -> str:
    return sentence(v[key]) if key in v else ""


def email(v: Values, b: PlanBuilder) -> None:
    to, cc = _emails(b, v, "who"), _emails(b, v, "cc")
    b.call("compose_new_email", to, cc, title_of(v["topic"]), _say(v), _attachments(b, v))


def sms(v: Values, b: PlanBuilder) -> None:
    b.call("send_sms", _lookup(b, v["who"], "get_phone_number"), sentence(v["say"]))


def reply(v: Values, b: PlanBuilder) -> None:
    cc = _emails(b, v, "cc")
    b.call("reply_to_email", cc, _say(v), _attachments(b, v))


def forward(v: Values, b: PlanBuilder) -> None:
    to, cc = _emails(b, v, "who"), _emails(b, v, "cc")
    b.call("forward_email", to, cc, _say(v, "fnote"), _attachments(b, v))


def calendar(
    v: Values, b: PlanBuilder, location: str | None = None, invitees: list[str] | None = None
) -> None:
    guests = invitees if invitees is not None else _emails(b, v, "guests")
    start, end = _start_end(v)
    title = title_of(v.get("event") or v["topic"])
    location = location or place_name(v.get("loc", ""))
    b.call(
        "create_calendar_event", title, start, end, location, guests, v.get("notes", ""), v.get("calendar")
    )


def zoom(v: Values, b: PlanBuilder, invitees: list[str] | None = None) -> str:
    guests = invitees if invitees is not None else _emails(b, v, "guests")
    return b.call(
        "get_zoom_meeting_link", title_of(v["topic"]), v["when"].plan_value, v.get("duration", 60), guests
    )


def reminder(v: Values, b: PlanBuilder) -> None:
    when: DateValue | None = v.get("when")
    due = when.plan_value if when else ""
    b.call(
        "create_reminder",
        sentence(v["task"]),
        due,
        v.get("notes", ""),
        v.get("list", ""),
        v.get("priority", 0),
        bool(when and not when.has_time),
    )


def note_create(v: Values, b: PlanBuilder) -> None:
    b.call("create_note", v["title"], v.get("content", ""), v.get("folder", ""))


def note_open(v: Values, b: PlanBuilder) -> str:
    return b.call("open_note", v["title"], v.get("folder", ""))


def note_append(v: Values, b: PlanBuilder) -> None:
    b.call("append_note_content", v["title"], v["content"], v.get("folder", ""))


def maps_open(v: Values, b: PlanBuilder) -> str:
    return b.call("maps_open_location", place_name(v["place"]))


def directions(v: Values, b: PlanBuilder) -> str:
    return b.call(
        "maps_show_directions", place_name(v.get("origin", "")), place_name(v["dest"]), v.get("mode", "d")
    )


def file_open(v: Values, b: PlanBuilder) -> str:
    return b.call("open_and_get_file_path", v["file"])


def summarize(v: Values, b: PlanBuilder) -> str:
    return _file_and_summary(v, b)[1]


def _file_and_summary(v: Values, b: PlanBuilder) -> tuple[str, str]:
    """The ``$N`` of the opened file and of its summary (a chain may attach the file too)."""
    path = file_open(v, b)
    return path, b.call("summarize_pdf", path)


def lookup(tool: str) -> Callable[[Values, PlanBuilder], None]:
    def build(v: Values, b: PlanBuilder) -> None:
        b.call(tool, v["one"])

    return build


def lookup_both(v: Values, b: PlanBuilder) -> None:
    """Phone number and email address of one person, in the order asked."""
    tools = ["get_phone_number", "get_email_address"]
    for tool in reversed(tools) if v.get("first") == "email" else tools:
        b.call(tool, v["one"])


def no_tool(v: Values, b: PlanBuilder) -> None:  # noqa: ARG001  (the plan is join() alone)
    return None


# ---- chains ------------------------------------------------------------------------


def summary_email(v: Values, b: PlanBuilder) -> None:
    to = _emails(b, v, "who")
    path, summary = _file_and_summary(v, b)
    b.call("compose_new_email", to, [], file_title(v["file"]), summary, [path] if v.get("attach") else [])


def summary_note(v: Values, b: PlanBuilder) -> None:
    summary = summarize(v, b)
    title = v.get("title") or file_title(v["file"])
    b.call("create_note", title, summary, v.get("folder", ""))


def summary_sms(v: Values, b: PlanBuilder) -> None:
    to = _lookup(b, v["who"], "get_phone_number")
    b.call("send_sms", to, summarize(v, b))


def summary_reply(v: Values, b: PlanBuilder) -> None:
    path, summary = _file_and_summary(v, b)
    b.call("reply_to_email", [], summary, [path] if v.get("attach") else [])


def summary_append(v: Values, b: PlanBuilder) -> None:
    b.call("append_note_content", v["title"], summarize(v, b), v.get("folder", ""))


def zoom_calendar(v: Values, b: PlanBuilder) -> None:
    guests = _emails(b, v, "guests")
    link = zoom(v, b, guests)
    calendar(v, b, location=link, invitees=guests)


def zoom_email(v: Values, b: PlanBuilder) -> None:
    to = _emails(b, v, "who")
    link = zoom(v, b, to)
    b.call("compose_new_email", to, [], title_of(v["topic"]), link, [])


def zoom_invite(v: Values, b: PlanBuilder) -> None:
    to = _emails(b, v, "who")
    link = zoom(v, b, to)
    calendar(v, b, location=link, invitees=to)
    b.call("compose_new_email", to, [], title_of(v["topic"]), link, [])


def zoom_sms(v: Values, b: PlanBuilder) -> None:
    to = _lookup(b, v["who"], "get_phone_number")
    b.call("send_sms", to, zoom(v, b, []))


def place_share(channel: str) -> Callable[[Values, PlanBuilder], None]:
    def build(v: Values, b: PlanBuilder) -> None:
        if channel == "sms":
            to = _lookup(b, v["who"], "get_phone_number")
            b.call("send_sms", to, maps_open(v, b))
        else:
            to = _emails(b, v, "who")
            b.call("compose_new_email", to, [], title_of(v["place"]), maps_open(v, b), [])

    return build


def directions_sms(v: Values, b: PlanBuilder) -> None:
    to = _lookup(b, v["who"], "get_phone_number")
    b.call("send_sms", to, directions(v, b))


def note_email(v: Values, b: PlanBuilder) -> None:
    to = _emails(b, v, "who")
    b.call("compose_new_email", to, [], v["title"], note_open(v, b), [])


def note_sms(v: Values, b: PlanBuilder) -> None:
    to = _lookup(b, v["who"], "get_phone_number")
    b.call("send_sms", to, note_open(v, b))


def file_email(v: Values, b: PlanBuilder) -> None:
    to, cc = _emails(b, v, "who"), _emails(b, v, "cc")
    # the file, and a second one when said ("send Chiamaka the floor plan and the moodboard")
    b.call("compose_new_email", to, cc, file_title(v["file"]), _say(v), _attachments(b, v))


SMS = {"channel": "sms", "say": "sms_messages", "who_counts": (1, 1, 1, 2, 2, 3, 4), "direct": 0.12}
EMAIL = {"channel": "email", "say": "email_messages"}
TIMED = {"when": "timed"}
ONE = {"who_counts": (1, 1, 1, 2)}
PDF = {"pdf": True}  # files to summarize get no .docx / .xlsx extension

FAMILIES: dict[str, Family] = {
    f.id: f
    for f in [
        Family("email", email, EMAIL),
        Family("sms", sms, SMS),
        Family("lookup_email", lookup("get_email_address")),
        Family("lookup_phone", lookup("get_phone_number")),
        Family("lookup_both", lookup_both),
        Family("reply", reply, {"say": "reply_messages"}),
        Family("forward", forward, {"who_counts": (1, 1, 1, 2, 3)}),
        Family("calendar", calendar, TIMED),
        Family("zoom", zoom, TIMED),
        Family("reminder", reminder),
        Family("note_create", note_create),
        Family("note_open", note_open),
        Family("note_append", note_append),
        Family("maps_open", maps_open),
        Family("directions", directions),
        Family("file_open", file_open),
        Family("summarize", summarize, PDF),
        Family("chain_summary_email", summary_email, {**ONE, **PDF}),
        Family("chain_summary_note", summary_note, PDF),
        Family("chain_summary_sms", summary_sms, {**SMS, **ONE, **PDF}),
        Family("chain_summary_reply", summary_reply, PDF),
        Family("chain_summary_append", summary_append, PDF),
        Family("chain_zoom_calendar", zoom_calendar, TIMED),
        Family("chain_zoom_email", zoom_email, {**TIMED, "direct": 0.05}),
        Family("chain_zoom_invite", zoom_invite, {**TIMED, **ONE, "direct": 0.05}),
        Family("chain_zoom_sms", zoom_sms, {**TIMED, **SMS, **ONE, "direct": 0.05}),
        Family("chain_place_sms", place_share("sms"), {**SMS, **ONE}),
        Family("chain_place_email", place_share("email"), {**EMAIL, **ONE}),
        Family("chain_directions_sms", directions_sms, {**SMS, **ONE}),
        Family("chain_note_email", note_email, ONE),
        Family("chain_note_sms", note_sms, {"channel": "sms", **ONE, "direct": 0.12}),
        Family("chain_file_email", file_email, {**EMAIL, **ONE}),
        Family("no_tool_knowledge", no_tool),
        Family("no_tool_chit_chat", no_tool),
        Family("no_tool_impossible", no_tool),
    ]
}
