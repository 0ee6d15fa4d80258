"""Local mail without an account: drafts, attachments, replies and forwards as .eml files."""

from __future__ import annotations

import dataclasses
import email
import os
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.local.backend import LocalBackend

ORIGINAL = """\
From: Sid Jha <sid@example.org>
Reply-To: Sid Lists <sid.lists@example.org>
To: me@example.org
Subject: Q3 numbers
Date: Mon, 03 Jun 2024 09:00:00 +0000
Message-ID: <q3@example.org>
References: <q2@example.org>

Here are the numbers.
Can you check them?
"""


def _eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _only(folder: Path) -> EmailMessage:
    files = list(folder.glob("*.eml"))
    assert len(files) == 1, files
    return _eml(files[0])


@pytest.fixture
def inbox(data_dir: Path) -> Path:
    folder = data_dir / "Mail" / "Inbox"
    folder.mkdir(parents=True)
    (folder / "q3.eml").write_text(ORIGINAL, encoding="utf-8")
    return folder


def test_compose_writes_a_body_from_the_context(backend: LocalBackend) -> None:
    outgoing = backend.compose_new_email(
        ["Sid Jha <sid@example.org>"], ["boss@example.org"], "Lunch", "lunch is at noon on friday", []
    )
    assert (outgoing.kind, outgoing.recipients, outgoing.cc) == ("email", ("Sid Jha <sid@example.org>",),
                                                                ("boss@example.org",))
    assert outgoing.body.startswith("Hi Sid,") and "Lunch is at noon on friday." in outgoing.body
    assert outgoing.reaches_someone


def test_without_an_account_delivery_saves_a_draft_and_says_where(
    backend: LocalBackend, data_dir: Path
) -> None:
    report = data_dir / "Files" / "report.pdf"
    report.write_bytes(b"%PDF-1.4 fake but attachable")
    photo = data_dir / "Files" / "photo.unknownext"
    photo.write_bytes(b"\x00\x01")
    outgoing = backend.compose_new_email(
        ["sid@example.org"], [], "Report", "here it is", [str(report), str(photo)]
    )
    result = backend.deliver(outgoing)
    drafts = data_dir / "Mail" / "Drafts"
    assert "no mail account is configured" in result and str(drafts) in result
    message = _only(drafts)
    assert message["To"] == "sid@example.org" and message["Subject"] == "Report"
    assert message["Message-ID"] and message["Date"] and message["From"] is None
    attachments = {p.get_filename(): p for p in message.iter_attachments()}
    assert attachments["report.pdf"].get_content_type() == "application/pdf"
    assert attachments["report.pdf"].get_content() == b"%PDF-1.4 fake but attachable"
    assert attachments["photo.unknownext"].get_content_type() == "application/octet-stream"
    assert not (data_dir / "Mail" / "Sent").exists()


def test_an_edited_outgoing_is_what_gets_saved(backend: LocalBackend, data_dir: Path) -> None:
    outgoing = backend.compose_new_email(["sid@example.org"], [], "Hi", "hello", [])
    backend.deliver(dataclasses.replace(outgoing, body="Edited by the user.", subject="New subject"))
    message = _only(data_dir / "Mail" / "Drafts")
    assert message["Subject"] == "New subject"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().strip() == "Edited by the user."


def test_missing_attachment_names_the_file(backend: LocalBackend) -> None:
    with pytest.raises(ToolError, match=r"The attachment /no/such/file\.pdf does not exist"):
        backend.compose_new_email(["sid@example.org"], [], "x", "y", ["/no/such/file.pdf"])


def test_recipients_must_be_addresses(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match="'Sid' in recipients is not an email address"):
        backend.compose_new_email(["Sid"], [], "x", "y", [])
    with pytest.raises(ToolArgumentError, match="at least one recipient"):
        backend.compose_new_email([], [], "x", "y", [])


def test_empty_subject_and_context_still_make_an_email(backend: LocalBackend) -> None:
    outgoing = backend.compose_new_email(["sid@example.org"], [], "", "the slides for tomorrow. thanks", [])
    assert outgoing.subject == "the slides for tomorrow"
    assert outgoing.body.strip()


@pytest.mark.usefixtures("inbox")
def test_reply_goes_to_reply_to_and_threads(backend: LocalBackend, data_dir: Path) -> None:
    outgoing = backend.reply_to_email([], "the numbers look right", [])
    assert outgoing.recipients == ("Sid Lists <sid.lists@example.org>",)
    assert outgoing.subject == "Re: Q3 numbers"
    assert dict(outgoing.details)["In reply to"] == "“Q3 numbers” from Sid Jha <sid@example.org>"
    backend.deliver(outgoing)
    reply = _only(data_dir / "Mail" / "Drafts")
    assert reply["In-Reply-To"] == "<q3@example.org>"
    assert reply["References"] == "<q2@example.org> <q3@example.org>"
    text = reply.get_body(preferencelist=("plain",))
    assert text is not None
    content = text.get_content()
    assert "The numbers look right." in content
    assert "Sid Jha <sid@example.org> wrote:\n> Here are the numbers.\n> Can you check them?" in content


def test_reply_subject_is_not_prefixed_twice(backend: LocalBackend, inbox: Path) -> None:
    (inbox / "q3.eml").write_text(ORIGINAL.replace("Subject: Q3", "Subject: RE: Q3"), encoding="utf-8")
    assert backend.reply_to_email([], "ok", []).subject == "RE: Q3 numbers"


@pytest.mark.usefixtures("inbox")
def test_forward_attaches_the_original(backend: LocalBackend, data_dir: Path) -> None:
    outgoing = backend.forward_email(["lutfi@example.org"], [], "", [])
    assert outgoing.subject == "Fwd: Q3 numbers" and "message below" in outgoing.body
    backend.deliver(outgoing)
    forward = _only(data_dir / "Mail" / "Drafts")
    attached = [p for p in forward.iter_attachments() if p.get_content_type() == "message/rfc822"]
    assert len(attached) == 1
    inner = attached[0].get_content()
    assert inner["Subject"] == "Q3 numbers" and inner["Message-ID"] == "<q3@example.org>"


def test_the_selected_file_wins_over_the_newest(backend: LocalBackend, inbox: Path, data_dir: Path) -> None:
    newer = inbox / "newer.eml"
    newer.write_text(ORIGINAL.replace("Q3 numbers", "Newer mail"), encoding="utf-8")
    later = time.time() + 10
    os.utime(newer, (later, later))
    assert backend.reply_to_email([], "ok", []).subject == "Re: Newer mail"
    (data_dir / "Mail" / "selected").write_text("q3.eml\n", encoding="utf-8")
    assert backend.reply_to_email([], "ok", []).subject == "Re: Q3 numbers"
    (data_dir / "Mail" / "selected").write_text("gone.eml", encoding="utf-8")
    with pytest.raises(ToolError, match=r"'gone\.eml'.*does not exist\. Select an email again"):
        backend.reply_to_email([], "ok", [])


def test_nothing_selected_says_how_to_select(backend: LocalBackend) -> None:
    with pytest.raises(ToolError, match=r"No email is selected\. Put the \.eml to answer in"):
        backend.forward_email(["lutfi@example.org"], [], "", [])


def test_a_subject_without_letters_still_gets_a_file(backend: LocalBackend, data_dir: Path) -> None:
    backend.deliver(backend.compose_new_email(["sid@example.org"], [], "???", "call me", []))
    [draft] = list((data_dir / "Mail" / "Drafts").glob("*.eml"))
    assert draft.name.endswith(" no subject.eml") and _eml(draft)["Subject"] == "???"
