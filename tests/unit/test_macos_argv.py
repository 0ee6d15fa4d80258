"""Hostile values reach the fixed scripts unchanged, each as its own argv item.

The subprocess runner is replaced by a capture (fast, no process); the same protocol
runs through the real recorder subprocess in ``test_macos_tools.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import importlib.util
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinyagent.tools.base import BackendConfig, Outgoing
from tinyagent.tools.errors import ToolError
from tinyagent.tools.macos.backend import MacOSBackend
from tinyagent.tools.macos.protocol import US, note_html, note_lines_html
from tinyagent.tools.macos.runner import script_path
from tinyagent.tools.matching import normalize
from tinyagent.tools.zoom import ZoomClient

OSA = "/fake/bin/osascript"
MDFIND = "/fake/bin/mdfind"
OPEN = "/fake/bin/open"
SCRIPT_DIR = Path(__file__).resolve().parents[2] / "resources" / "applescript"
FAKE_OSASCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "fake_osascript.py"

HOSTILE = [
    "",
    " ",
    '"',
    "'",
    "\\",
    '\\"',
    "\n",
    "\r\n",
    "\t",
    '" & do shell script "rm -rf ~" & "',
    "'; rm -rf ~; echo '",
    "$(rm -rf ~)",
    "`id`",
    "end run\non run argv",
    "¬",
    "😀👩‍👩‍👧",
    "\u202eevil\u202c",
    "שלום عربى",
    "e\u0301\u0308",
    "\x1e",
    "\x1f",
    "-e",
    "--",
    "%s {0}",
]
_CHARS = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(_CHARS, max_size=30),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join),
)
some_text = text.filter(lambda s: bool(s.strip()))
_ADDRESS_CHARS = st.sampled_from([*"abcXYZ09._+-!#$%&'*/=?^`{|}~\"\\()[]:", "é", "😀", "\u202e", "ש"])
address = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.text(_ADDRESS_CHARS, min_size=1, max_size=12),
    st.text(_ADDRESS_CHARS, min_size=1, max_size=12),
)
addresses = st.lists(address, max_size=3)
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load_fake() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fake_osascript", FAKE_OSASCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FAKE = _load_fake()


def _digests() -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SCRIPT_DIR.glob("*.applescript")}


@pytest.fixture(autouse=True, scope="module")
def scripts_stay_fixed() -> Iterator[None]:
    before = _digests()
    yield
    assert _digests() == before


class Capture:
    """Stands in for the subprocess runner: records argv, answers like the recorder."""

    def __init__(self, answers: dict[str, str] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.answers = dict(answers or {})

    def __call__(self, argv: Sequence[str], timeout_s: float) -> subprocess.CompletedProcess[str]:
        assert timeout_s == 7.0
        self.calls.append(list(argv))
        if argv[0] != OSA:
            return subprocess.CompletedProcess(list(argv), 0, self.answers.get(Path(argv[0]).name, ""), "")
        name = Path(argv[1]).stem
        if name in self.answers:
            return subprocess.CompletedProcess(list(argv), 0, self.answers[name] + "\n", "")
        try:
            answer = FAKE.SCRIPTS[name](list(argv[2:]))
        except FAKE.ScriptFailed as exc:
            return subprocess.CompletedProcess(list(argv), 1, "", f"{argv[1]}: execution error: {exc}")
        return subprocess.CompletedProcess(list(argv), 0, answer + "\n", "")


class VerbatimWriter:
    """Writes the context itself as the body, so hostile text flows into the send argv."""

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        del subject, recipients, kind
        return context

    def summarize(self, text: str, *, title: str) -> str:
        return f"{title}: {text}"


def captured_backend(
    answers: dict[str, str] | None = None, *, open_command: str | None = None
) -> tuple[MacOSBackend, Capture]:
    config = BackendConfig(
        data_dir=Path(tempfile.gettempdir()),
        osascript=OSA,
        mdfind=MDFIND,
        open_command=open_command,
        timeout_s=7.0,
    )
    mac = MacOSBackend(config, VerbatimWriter())
    capture = Capture(answers)
    mac.runner.spawn = capture
    return mac, capture


def script(name: str) -> str:
    return str(script_path(name))


def counted(values: Sequence[str]) -> list[str]:
    return [str(len(values)), *values]


def parts(moment: datetime) -> list[str]:
    fields = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return [str(x) for x in fields]


@FUZZ
@given(name=some_text, kind=st.sampled_from(["email", "phone"]))
def test_contact_lookups_pass_the_names_words_as_items(name: str, kind: str) -> None:
    mac, capture = captured_backend({"contacts_lookup": ""})
    lookup = mac.get_email_address if kind == "email" else mac.get_phone_number
    with contextlib.suppress(ToolError):  # empty address book: only an address itself is returned
        lookup(name)
    if not normalize(name):
        assert capture.calls == []  # nothing to look up: refused before running anything
        return
    first, *everybody = capture.calls
    assert first[:4] == [OSA, script("contacts_lookup"), kind, str(len(first) - 4)]
    assert first[4:] and set(first[4:]) <= set(name.split())
    assert everybody in ([], [[OSA, script("contacts_lookup"), kind, "0"]])


@FUZZ
@given(
    to=addresses.filter(bool), cc=addresses, subject=text, context=text, names=st.lists(some_text, max_size=3)
)
def test_new_email_items(to: list[str], cc: list[str], subject: str, context: str, names: list[str]) -> None:
    mac, capture = captured_backend()
    with tempfile.TemporaryDirectory() as folder:
        files = [_file(Path(folder), i, n) for i, n in enumerate(names)]
        outgoing = mac.compose_new_email(to, cc, subject, context, files)
        assert capture.calls == []  # nothing runs before the user approves
        mac.deliver(outgoing)
    assert capture.calls == [
        [OSA, script("mail_send"), "new", "", subject, context, *counted(to), *counted(cc), *counted(files)]
    ]


def _file(folder: Path, index: int, name: str) -> str:
    safe = name.replace("/", "∕").replace("\x00", "")
    path = folder / f"{index}{safe}"[:40]
    path.write_text("x", encoding="utf-8")
    return str(path)


def _selected(sender: str, name: str, subject: str, message_id: str) -> str:
    return US.join([sender, name, "", subject, message_id])


@FUZZ
@given(cc=addresses, context=text, sender=address, name=text, subject=text, message_id=some_text)
def test_reply_items(
    cc: list[str], context: str, sender: str, name: str, subject: str, message_id: str
) -> None:
    fields = [_clean(x) for x in (name, subject, message_id)]
    mac, capture = captured_backend({"mail_selected": _selected(sender, *fields), "mail_send": "sent"})
    outgoing = mac.reply_to_email(cc, context, [])
    assert capture.calls == [[OSA, script("mail_selected")]]
    mac.deliver(outgoing)
    assert outgoing.subject.endswith(fields[1]) and outgoing.subject.lstrip().lower().startswith("re:")
    assert capture.calls[1] == [
        OSA, script("mail_send"), "reply", fields[2], outgoing.subject, context,
        *counted([sender]), *counted(cc), "0",
    ]  # fmt: skip


def _clean(value: str) -> str:
    return value.replace("\x1e", " ").replace("\x1f", " ")


@FUZZ
@given(to=addresses.filter(bool), cc=addresses, context=text, subject=text, message_id=some_text)
def test_forward_items(to: list[str], cc: list[str], context: str, subject: str, message_id: str) -> None:
    subject, message_id = _clean(subject), _clean(message_id)
    selected = _selected("sid@example.com", "Sid", subject, message_id)
    mac, capture = captured_backend({"mail_selected": selected, "mail_send": "sent"})
    outgoing = mac.forward_email(to, cc, context, [])
    mac.deliver(outgoing)
    assert capture.calls[1] == [
        OSA, script("mail_send"), "forward", message_id, outgoing.subject, context,
        *counted(to), *counted(cc), "0",
    ]  # fmt: skip
    assert outgoing.subject.endswith(subject)


@FUZZ
@given(recipients=st.lists(some_text, min_size=1, max_size=3), message=some_text)
def test_sms_items_one_run_per_recipient(recipients: list[str], message: str) -> None:
    mac, capture = captured_backend()
    outgoing = mac.send_sms(recipients, message)
    assert capture.calls == []
    mac.deliver(outgoing)
    assert capture.calls == [[OSA, script("messages_send"), r, message] for r in recipients]


@FUZZ
@given(
    title=some_text,
    start=moments,
    minutes=st.integers(1, 5000),
    location=text,
    invitees=addresses,
    notes=text,
    calendar=st.one_of(st.none(), text),
)
def test_calendar_items(
    title: str,
    start: datetime,
    minutes: int,
    location: str,
    invitees: list[str],
    notes: str,
    calendar: str | None,
) -> None:
    end = start + timedelta(minutes=minutes)
    mac, capture = captured_backend()
    outgoing = mac.create_calendar_event(title, f"{start:%Y-%m-%d %H:%M:%S}", f"{end:%Y-%m-%d %H:%M:%S}",
                                         location, invitees, notes, calendar)  # fmt: skip
    assert (outgoing.kind, outgoing.recipients) == ("event", tuple(invitees))
    assert capture.calls == []
    mac.deliver(outgoing)
    assert capture.calls == [
        [OSA, script("calendar_create"), title, location, notes, calendar or "",
         *parts(start), *parts(end), *counted(invitees)]
    ]  # fmt: skip


@FUZZ
@given(
    name=some_text,
    notes=text,
    list_name=text,
    priority=st.sampled_from([0, 1, 5, 9]),
    due=st.one_of(st.none(), moments),
    all_day=st.booleans(),
)
def test_reminder_items(
    name: str, notes: str, list_name: str, priority: int, due: datetime | None, all_day: bool
) -> None:
    mac, capture = captured_backend()
    due_text = "" if due is None else f"{due:%Y-%m-%d}" if all_day else f"{due:%Y-%m-%d %H:%M:%S}"
    mac.create_reminder(name, due_text, notes, list_name, priority, all_day)
    if due is None:
        when = ["none", *["0"] * 6]
    elif all_day:
        when = ["allday", *parts(due.replace(hour=0, minute=0, second=0))]
    else:
        when = ["due", *parts(due)]
    assert capture.calls == [[OSA, script("reminders_create"), name, notes, list_name, str(priority), *when]]


@FUZZ
@given(name=some_text, content=text, folder=text)
def test_note_items(name: str, content: str, folder: str) -> None:
    mac, capture = captured_backend({"notes_open": content, "notes_append": "appended"})
    mac.create_note(name, content, folder)
    assert mac.open_note(name, folder) == content
    body = note_html(name, content)
    calls = [
        [OSA, script("notes_create"), name, body, folder],
        [OSA, script("notes_open"), name, folder],
    ]
    if content.strip():
        mac.append_note_content(name, content, folder)
        calls.append([OSA, script("notes_append"), name, folder, note_lines_html(content), body])
    assert capture.calls == calls
    assert _text_of(body) == [name, *_lines(content)]


def _lines(content: str) -> list[str]:
    return content.replace("\r\n", "\n").replace("\r", "\n").split("\n") if content else []


def _text_of(body: str) -> list[str]:
    """The plain text a Notes body shows: one entry per heading or line."""
    flat = body.removeprefix("<div>").replace("</h1></div>", "</h1>", 1)
    blocks = re.findall(r"<(h1|div)>(.*?)</\1>", flat, re.DOTALL)
    return ["" if inner == "<br>" else html.unescape(inner) for _, inner in blocks]


@FUZZ
@given(location=some_text, start=text, end=some_text, transport=st.sampled_from(["d", "w", "r"]))
def test_maps_items_carry_the_places_inside_the_url(
    location: str, start: str, end: str, transport: str
) -> None:
    mac, capture = captured_backend()
    place = mac.maps_open_location(location)
    route = mac.maps_show_directions(start, end, transport)
    assert capture.calls == [[OSA, script("maps_open"), place], [OSA, script("maps_open"), route]]
    assert parse_qs(urlsplit(place).query, keep_blank_values=True) == {"q": [location]}
    expected = {"daddr": [end], "dirflg": [transport]} | ({"saddr": [start]} if start.strip() else {})
    assert parse_qs(urlsplit(route).query, keep_blank_values=True) == expected
    assert place.startswith("https://maps.apple.com/?") and route.startswith("https://maps.apple.com/?")


@FUZZ
@given(file_name=some_text.filter(lambda s: "/" not in s))
def test_file_search_passes_the_name_as_one_item_and_opens_the_path_as_one_item(file_name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        found = Path(folder) / "report.pdf"
        found.write_bytes(b"%PDF-1.4")
        mac, capture = captured_backend({"mdfind": f"{found}\0"}, open_command=OPEN)
        assert mac.open_and_get_file_path(file_name) == str(found)
    assert capture.calls == [[MDFIND, "-0", "-name", file_name.strip()], [OPEN, str(found)]]


@FUZZ
@given(topic=some_text, start=moments, duration=st.integers(1, 1440), invitees=addresses)
def test_zoom_gets_the_values_unchanged_and_deliver_returns_exactly_the_join_url(
    topic: str, start: datetime, duration: int, invitees: list[str]
) -> None:
    seen: list[tuple[object, ...]] = []

    def create_meeting(
        self: ZoomClient, topic: str, start_time: datetime | None, duration_min: int, invitees: Sequence[str]
    ) -> str:
        del self
        seen.append((topic, start_time, duration_min, tuple(invitees)))
        return "https://zoom.us/j/123?pwd=abc"

    mac, capture = captured_backend()
    mac.config = BackendConfig(data_dir=Path("/"), zoom_token="token", timeout_s=7.0)
    outgoing = mac.get_zoom_meeting_link(topic, f"{start:%Y-%m-%d %H:%M:%S}", duration, invitees)
    assert isinstance(outgoing, Outgoing) and outgoing.kind == "meeting"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ZoomClient, "create_meeting", create_meeting)
        assert mac.deliver(outgoing) == "https://zoom.us/j/123?pwd=abc"
    assert seen == [(topic, start, duration, tuple(invitees))]
    assert capture.calls == []
