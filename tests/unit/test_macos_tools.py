"""Every macOS tool, run end to end against the recorder as a real osascript subprocess."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tinyagent.tools.base import BackendConfig, Outgoing
from tinyagent.tools.errors import AmbiguousMatch, ConfigurationError, ToolArgumentError, ToolError
from tinyagent.tools.macos.backend import MacOSBackend
from tinyagent.tools.macos.protocol import note_html, note_lines_html
from tinyagent.tools.macos.runner import script_path

FAKE_OSASCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "fake_osascript.py"
HOSTILE = '" & do shell script "rm -rf ~" & "\\\n😀 \u202eשלום e\u0301'
OSA = str(FAKE_OSASCRIPT)


class VerbatimWriter:
    """Writes the context itself as the body and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[dict[str, Any]] = []

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        self.asked.append({"context": context, "subject": subject, "recipients": recipients, "kind": kind})
        return context

    def summarize(self, text: str, *, title: str) -> str:
        return f"{title}: {text}"


@dataclass
class Mac:
    backend: MacOSBackend
    writer: VerbatimWriter
    log: Path
    tmp: Path
    monkeypatch: pytest.MonkeyPatch

    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def fake(self, env: str, data: object) -> None:
        path = self.tmp / f"{env.lower()}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        self.monkeypatch.setenv(env, str(path))


@pytest.fixture
def mac(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Mac:
    for name in list(os.environ):
        if name.startswith("TINYAGENT_"):
            monkeypatch.delenv(name)
    log = tmp_path / "argv.jsonl"
    monkeypatch.setenv("TINYAGENT_RECORDER_LOG", str(log))
    # The recorders start with "#!/usr/bin/env python3": find this interpreter first, not a slow shim.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    writer = VerbatimWriter()
    config = BackendConfig(data_dir=tmp_path, osascript=OSA, timeout_s=20)
    return Mac(MacOSBackend(config, writer), writer, log, tmp_path, monkeypatch)


def s(name: str) -> str:
    return str(script_path(name))


# Contacts


def test_email_lookup_runs_the_contacts_script_with_the_name(mac: Mac) -> None:
    assert mac.backend.get_email_address("Sid") == "sid@example.com"
    assert mac.calls() == [[OSA, s("contacts_lookup"), "email", "1", "Sid"]]


def test_phone_lookup_reads_builtin_labels(mac: Mac) -> None:
    assert mac.backend.get_phone_number("sid jha") == "+1 5550101"
    assert mac.calls() == [[OSA, s("contacts_lookup"), "phone", "2", "sid", "jha"]]


def test_two_people_with_the_name_are_ambiguous(mac: Mac) -> None:
    with pytest.raises(AmbiguousMatch) as caught:
        mac.backend.get_email_address("Alex")
    assert {c.value for c in caught.value.choices} == {"alex.kim@example.com", "apark@example.net"}


def test_a_misspelt_name_falls_back_to_matching_everybody(mac: Mac) -> None:
    assert mac.backend.get_email_address("Lutfy") == "lutfi@example.org"
    assert [c[2:] for c in mac.calls()] == [["email", "1", "Lutfy"], ["email", "0"]]


def test_nobody_matching_is_a_tool_error(mac: Mac) -> None:
    with pytest.raises(ToolError, match="No contact matches"):
        mac.backend.get_email_address("Zebedee Quux")


def test_several_addresses_of_one_person_are_ambiguous_but_one_mobile_is_chosen(mac: Mac) -> None:
    mac.fake(
        "TINYAGENT_FAKE_CONTACTS",
        [
            {
                "name": 'Ana "\x1f" Lima',  # a separator inside a name cannot break the format
                "emails": [["work", "ana@work.example"], ["home", "ana@home.example"]],
                "phones": [["work", "+44 20 1"], ["_$!<Mobile>!$_", "+44 7700 1"]],
            },
            {"name": "Bo Berg", "emails": [], "phones": [["mobile", "+46 1"], ["iPhone", "+46 2"]]},
        ],
    )
    with pytest.raises(AmbiguousMatch) as caught:
        mac.backend.get_email_address("Ana Lima")
    assert [(c.value, c.detail) for c in caught.value.choices] == [
        ("ana@work.example", "work: ana@work.example"),
        ("ana@home.example", "home: ana@home.example"),
    ]
    assert mac.backend.get_phone_number("Ana") == "+44 7700 1"
    with pytest.raises(AmbiguousMatch):
        mac.backend.get_phone_number("Bo Berg")  # two mobiles: the user chooses


def test_a_blank_name_is_refused_without_running_anything(mac: Mac) -> None:
    with pytest.raises(ToolArgumentError):
        mac.backend.get_email_address("  ")
    assert mac.calls() == []


# Mail


def test_new_email_is_sent_only_on_deliver_with_exactly_the_approved_values(mac: Mac) -> None:
    report = mac.tmp / f"report {HOSTILE[:5]}.pdf"
    report.write_bytes(b"%PDF-1.4")
    outgoing = mac.backend.compose_new_email(
        ["sid@example.com"], ["al@x.org"], HOSTILE, HOSTILE, [str(report)]
    )
    assert isinstance(outgoing, Outgoing)
    assert (outgoing.kind, outgoing.recipients, outgoing.cc, outgoing.body) == (
        "email",
        ("sid@example.com",),
        ("al@x.org",),
        HOSTILE,
    )
    assert mac.writer.asked == [
        {"context": HOSTILE, "subject": HOSTILE, "recipients": ("sid@example.com",), "kind": "new"}
    ]
    assert mac.calls() == []
    status = mac.backend.deliver(outgoing)
    assert status.startswith("Sent the email") and "sid@example.com" in status
    assert mac.calls() == [
        [
            OSA,
            s("mail_send"),
            "new",
            "",
            HOSTILE,
            HOSTILE,
            "1",
            "sid@example.com",
            "1",
            "al@x.org",
            "1",
            str(report),
        ]
    ]


def test_missing_attachments_and_names_instead_of_addresses_are_refused_before_confirming(mac: Mac) -> None:
    with pytest.raises(ToolArgumentError, match="no file to attach"):
        mac.backend.compose_new_email(["sid@example.com"], [], "s", "c", [str(mac.tmp / "gone.pdf")])
    with pytest.raises(ToolArgumentError, match="get_email_address"):
        mac.backend.compose_new_email(["Sid"], [], "s", "c", [])
    with pytest.raises(ToolArgumentError, match="full file path"):
        mac.backend.compose_new_email(["sid@example.com"], [], "s", "c", ["report.pdf"])
    assert mac.calls() == []


def test_reply_shows_the_real_sender_before_confirmation_then_replies_to_that_email(mac: Mac) -> None:
    outgoing = mac.backend.reply_to_email(["al@x.org"], "Yes, Tuesday works.", [])
    assert outgoing.recipients == ("sid@example.com",)
    assert outgoing.subject == "Re: Budget review"
    assert ("replying to", "Sid Jha <sid@example.com>: Budget review") in outgoing.details
    assert mac.writer.asked[0]["kind"] == "reply"
    assert mac.calls() == [[OSA, s("mail_selected")]]
    mac.backend.deliver(outgoing)
    assert mac.calls()[1] == [
        OSA, s("mail_send"), "reply", "<budget-1@example.com>", "Re: Budget review", "Yes, Tuesday works.",
        "1", "sid@example.com", "1", "al@x.org", "0",
    ]  # fmt: skip


def test_reply_goes_to_the_reply_to_address(mac: Mac) -> None:
    mac.fake(
        "TINYAGENT_FAKE_MAIL_SELECTED",
        {
            "sender_address": "noreply@shop.example",
            "sender_name": "Shop",
            "reply_to": "help@shop.example",
            "subject": "RE: Order 12",
            "message_id": "<o12@shop.example>",
        },
    )
    outgoing = mac.backend.reply_to_email([], "Where is it?", [])
    assert (outgoing.recipients, outgoing.subject) == (("help@shop.example",), "RE: Order 12")


def test_reply_without_a_selected_email_says_to_select_one(mac: Mac) -> None:
    mac.fake("TINYAGENT_FAKE_MAIL_SELECTED", None)
    with pytest.raises(ToolError, match="No email is selected in Mail"):
        mac.backend.reply_to_email([], "ok", [])


def test_reply_refuses_when_the_selection_changed_after_confirmation(mac: Mac) -> None:
    outgoing = mac.backend.reply_to_email([], "ok", [])
    mac.fake(
        "TINYAGENT_FAKE_MAIL_SELECTED",
        {
            "sender_address": "x@y.z",
            "sender_name": "",
            "reply_to": "",
            "subject": "Other",
            "message_id": "<2@y>",
        },
    )
    with pytest.raises(ToolError, match="changed after you confirmed"):
        mac.backend.deliver(outgoing)


def test_forward_sends_the_selected_email_to_the_approved_people(mac: Mac) -> None:
    outgoing = mac.backend.forward_email(["lutfi@example.org"], [], "FYI", [])
    assert (outgoing.subject, outgoing.recipients) == ("Fwd: Budget review", ("lutfi@example.org",))
    edited = dataclasses.replace(outgoing, recipients=("al@x.org",), body="Edited note")
    assert mac.backend.deliver(edited) == "Forwarded the email “Fwd: Budget review” to al@x.org."
    assert mac.calls()[-1] == [
        OSA, s("mail_send"), "forward", "<budget-1@example.com>", "Fwd: Budget review", "Edited note",
        "1", "al@x.org", "0", "0",
    ]  # fmt: skip


# Messages


def test_sms_is_sent_to_each_recipient_after_confirmation(mac: Mac) -> None:
    outgoing = mac.backend.send_sms(["+1 555 0101", "+1 555 0102"], HOSTILE)
    assert (outgoing.kind, outgoing.recipients, outgoing.body) == (
        "sms",
        ("+1 555 0101", "+1 555 0102"),
        HOSTILE,
    )
    assert mac.calls() == []
    assert mac.backend.deliver(outgoing) == "Texted +1 555 0101, +1 555 0102."
    assert mac.calls() == [
        [OSA, s("messages_send"), "+1 555 0101", HOSTILE],
        [OSA, s("messages_send"), "+1 555 0102", HOSTILE],
    ]


def test_a_partly_failed_sms_says_who_got_it(mac: Mac) -> None:
    mac.monkeypatch.setenv(
        "TINYAGENT_FAKE_FAIL", "messages_send:+1 2=Messages got an error: Can’t send. (-1708)"
    )
    outgoing = mac.backend.send_sms(["+1 1", "+1 2"], "hi")
    with pytest.raises(ToolError, match=r"^Texted \+1 1, but not \+1 2 \(Messages got an error"):
        mac.backend.deliver(outgoing)


def test_sms_needs_a_recipient_and_a_message(mac: Mac) -> None:
    with pytest.raises(ToolArgumentError):
        mac.backend.send_sms([], "hi")
    with pytest.raises(ToolArgumentError):
        mac.backend.send_sms(["+1 1"], " ")


# Calendar and Reminders


def test_calendar_event_is_created_on_deliver_with_numeric_dates_and_attendees(mac: Mac) -> None:
    outgoing = mac.backend.create_calendar_event(
        HOSTILE, "2024-06-04 14:00:00", "2024-06-04 15:30:00", "Room 1", ["sid@example.com"], "Agenda", None
    )
    assert (outgoing.kind, outgoing.recipients, outgoing.subject) == ("event", ("sid@example.com",), HOSTILE)
    assert ("when", "2024-06-04 14:00–15:30") in outgoing.details
    assert mac.calls() == []
    assert "inviting sid@example.com" in mac.backend.deliver(outgoing)
    assert mac.calls() == [
        [OSA, s("calendar_create"), HOSTILE, "Room 1", "Agenda", "",
         "2024", "6", "4", "14", "0", "0", "2024", "6", "4", "15", "30", "0", "1", "sid@example.com"]
    ]  # fmt: skip


def test_an_event_without_invitees_is_still_confirmed_and_created_on_deliver(mac: Mac) -> None:
    outgoing = mac.backend.create_calendar_event("Dentist", "2024-06-04 09:00:00", "", "", [], "", "Home")
    assert (outgoing.kind, outgoing.recipients, outgoing.reaches_someone) == ("event", (), False)
    mac.backend.deliver(outgoing)
    assert mac.calls() == [
        [OSA, s("calendar_create"), "Dentist", "", "", "Home",
         "2024", "6", "4", "9", "0", "0", "2024", "6", "4", "10", "0", "0", "0"]
    ]  # fmt: skip


def test_invitees_removed_by_the_user_are_not_invited(mac: Mac) -> None:
    outgoing = mac.backend.create_calendar_event(
        "Sync", "2024-06-04 14:00:00", "2024-06-04 15:00:00", "", ["a@x.org", "b@x.org"], "", None
    )
    mac.backend.deliver(dataclasses.replace(outgoing, recipients=("b@x.org",)))
    assert mac.calls()[0][-2:] == ["1", "b@x.org"]


def test_bad_event_dates_are_refused(mac: Mac) -> None:
    with pytest.raises(ToolArgumentError, match="YYYY-MM-DD HH:MM:SS"):
        mac.backend.create_calendar_event("x", "next Tuesday", "", "", [], "", None)
    with pytest.raises(ToolArgumentError, match="not an email address"):
        mac.backend.create_calendar_event("x", "2024-06-04 14:00:00", "", "", ["Sid"], "", None)


@pytest.mark.parametrize(
    ("due", "all_day", "when", "said"),
    [
        ("2024-06-05", True, ["allday", "2024", "6", "5", "0", "0", "0"], "for 2024-06-05"),
        ("2024-06-05 08:30:00", False, ["due", "2024", "6", "5", "8", "30", "0"], "for 2024-06-05 08:30"),
        ("2024-06-05", False, ["allday", "2024", "6", "5", "0", "0", "0"], "for 2024-06-05"),
        ("", False, ["none", "0", "0", "0", "0", "0", "0"], "”"),
    ],
)
def test_reminders(mac: Mac, due: str, all_day: bool, when: list[str], said: str) -> None:
    status = mac.backend.create_reminder("Call mum", due, HOSTILE, "Family", 1, all_day)
    assert said in status and "“Family”" in status
    assert mac.calls() == [[OSA, s("reminders_create"), "Call mum", HOSTILE, "Family", "1", *when]]


def test_reminder_priority_must_be_one_reminders_knows(mac: Mac) -> None:
    with pytest.raises(ToolArgumentError, match="priority"):
        mac.backend.create_reminder("x", "", "", "", 10, False)


# Notes


def test_notes_create_open_and_append(mac: Mac) -> None:
    assert mac.backend.create_note("Trip", "<b>Pack</b>\nTickets", "Travel") == (
        "Created the note “Trip” in the folder “Travel”."
    )
    assert mac.backend.open_note("Shopping list", "") == "Shopping list\nMilk\nEggs"
    assert (
        mac.backend.append_note_content("Shopping list", "Bread", "")
        == "Added the text to the note “Shopping list”."
    )
    assert "did not exist" in mac.backend.append_note_content("Ideas", "A", "Work")
    assert mac.calls() == [
        [OSA, s("notes_create"), "Trip", note_html("Trip", "<b>Pack</b>\nTickets"), "Travel"],
        [OSA, s("notes_open"), "Shopping list", ""],
        [
            OSA,
            s("notes_append"),
            "Shopping list",
            "",
            note_lines_html("Bread"),
            note_html("Shopping list", "Bread"),
        ],
        [OSA, s("notes_append"), "Ideas", "Work", note_lines_html("A"), note_html("Ideas", "A")],
    ]
    assert note_html("Trip", "<b>Pack</b>\nTickets") == (
        "<div><h1>Trip</h1></div><div>&lt;b&gt;Pack&lt;/b&gt;</div><div>Tickets</div>"
    )


def test_opening_a_missing_note_is_a_tool_error(mac: Mac) -> None:
    with pytest.raises(ToolError, match="There is no note named “Nope”"):
        mac.backend.open_note("Nope", "")


# Maps


def test_maps_open_the_built_url_and_return_it(mac: Mac) -> None:
    place = mac.backend.maps_open_location("Café & Bar, 1 Main St")
    route = mac.backend.maps_show_directions("", "SFO", "w")
    assert place == "https://maps.apple.com/?q=Caf%C3%A9%20%26%20Bar%2C%201%20Main%20St"
    assert route == "https://maps.apple.com/?daddr=SFO&dirflg=w"
    assert mac.backend.maps_show_directions("Home", "Work", "r") == (
        "https://maps.apple.com/?saddr=Home&daddr=Work&dirflg=r"
    )
    assert mac.calls()[:2] == [[OSA, s("maps_open"), place], [OSA, s("maps_open"), route]]
    with pytest.raises(ToolArgumentError, match="transport"):
        mac.backend.maps_show_directions("", "SFO", "fly")


# Zoom


def test_zoom_needs_a_token_before_asking_the_user(mac: Mac) -> None:
    with pytest.raises(ConfigurationError, match="Zoom token"):
        mac.backend.get_zoom_meeting_link("Sync", "2024-06-04 14:00:00", 30, [])


def test_zoom_meeting_is_created_on_deliver_and_returns_exactly_the_join_url(
    mac: Mac, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, Any]] = []

    def post(url: str, *, json: dict[str, Any], headers: dict[str, str], timeout: float) -> httpx.Response:
        del headers, timeout
        sent.append({"url": url, **json})
        return httpx.Response(201, json={"join_url": "https://zoom.us/j/987?pwd=x"})

    monkeypatch.setattr(httpx, "post", post)
    mac.backend.config = dataclasses.replace(mac.backend.config, zoom_token="t0ken")
    outgoing = mac.backend.get_zoom_meeting_link(HOSTILE, "2024-06-04 14:00:00", 45, ["sid@example.com"])
    assert (outgoing.kind, outgoing.recipients, outgoing.subject) == (
        "meeting",
        ("sid@example.com",),
        HOSTILE,
    )
    assert sent == []
    assert mac.backend.deliver(outgoing) == "https://zoom.us/j/987?pwd=x"
    assert sent[0]["url"].endswith("/users/me/meetings")
    assert (sent[0]["duration"], sent[0]["settings"]) == (
        45,
        {"meeting_invitees": [{"email": "sid@example.com"}]},
    )
    assert mac.calls() == []


def test_deliver_refuses_what_this_backend_never_prepared(mac: Mac) -> None:
    with pytest.raises(ValueError, match="nothing to deliver"):
        mac.backend.deliver(Outgoing(tool="create_note", kind="note", recipients=()))
