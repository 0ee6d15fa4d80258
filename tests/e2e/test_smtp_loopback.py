"""Email delivery through a real SMTP server on 127.0.0.1 (a minimal one, written here)."""

from __future__ import annotations

import base64
import email
import socket
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from tinyagent.tools.base import BackendConfig, SmtpAccount
from tinyagent.tools.errors import ToolError
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.writing import PlainWriter

pytestmark = pytest.mark.e2e

USER, PASSWORD = "me@example.org", "s3cret"
REFUSED = "nobody@example.org"


@dataclass
class Received:
    """One message the server accepted."""

    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpState:
    port: int = 0
    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


class SmtpHandler(socketserver.StreamRequestHandler):
    """Enough of RFC 5321 for smtplib: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    state: SmtpState

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        sender, recipients = "", list[str]()
        while raw := self.rfile.readline():
            command = raw.decode().rstrip("\r\n")
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-localhost\r\n250-AUTH PLAIN\r\n250 8BITMIME")
            elif verb == "AUTH":
                _, user, password = base64.b64decode(command.split()[2]).decode().split("\0")
                self.state.logins.append((user, password))
                ok = (user, password) == (USER, PASSWORD)
                self.reply("235 2.7.0 Authentication successful" if ok else "535 5.7.8 Bad credentials")
            elif verb == "MAIL":
                sender, recipients = command.split(":", 1)[1].split()[0].strip("<>"), list[str]()
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].strip().strip("<>")
                if address == REFUSED:
                    self.reply("550 5.1.1 No such user")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self._read_data(sender, recipients)
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_data(self, sender: str, recipients: list[str]) -> None:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        message = email.message_from_bytes(b"".join(lines), policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.state.received.append(Received(sender, list(recipients), message))
        self.reply("250 OK queued")


@pytest.fixture
def smtp_server() -> Iterator[SmtpState]:
    state = SmtpState()
    handler = type("Handler", (SmtpHandler,), {"state": state})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def _backend(data_dir: Path, port: int, *, username: str = "", password: str = "",
             security: str = "none", host: str = "127.0.0.1") -> LocalBackend:
    account = SmtpAccount(host, port, username, password, sender=f"Me <{USER}>", security=security)
    return LocalBackend(BackendConfig(data_dir=data_dir, smtp=account, timeout_s=5), PlainWriter())


def test_email_is_delivered_and_kept_in_sent(smtp_server: SmtpState, tmp_path: Path) -> None:
    attachment = tmp_path / "agenda.txt"
    attachment.write_text("1. numbers\n", encoding="utf-8")
    backend = _backend(tmp_path / "data", smtp_server.port, username=USER, password=PASSWORD)
    outgoing = backend.compose_new_email(
        ["Sid Jha <sid@example.org>"], ["boss@example.org"], "Agenda", "the agenda is attached",
        [str(attachment)],
    )
    result = backend.deliver(outgoing)

    assert result == "The email “Agenda” was sent to Sid Jha <sid@example.org>."
    assert smtp_server.logins == [(USER, PASSWORD)]
    [got] = smtp_server.received
    assert got.sender == USER and sorted(got.recipients) == ["boss@example.org", "sid@example.org"]
    assert got.message["From"] == f"Me <{USER}>" and got.message["Subject"] == "Agenda"
    body = got.message.get_body(preferencelist=("plain",))
    assert body is not None and "The agenda is attached." in body.get_content()
    [part] = list(got.message.iter_attachments())
    assert (part.get_filename(), part.get_content_type()) == ("agenda.txt", "text/plain")
    sent = list((tmp_path / "data" / "Mail" / "Sent").glob("*.eml"))
    assert len(sent) == 1 and not (tmp_path / "data" / "Mail" / "Drafts").exists()


def test_invitations_reach_the_invitees(smtp_server: SmtpState, tmp_path: Path) -> None:
    backend = _backend(tmp_path / "data", smtp_server.port)
    outgoing = backend.create_calendar_event(
        "Launch", "2024-06-04 14:00:00", "2024-06-04 15:00:00", "", ["sid@example.org"], "", None
    )
    result = backend.deliver(outgoing)
    assert "Added “Launch”" in result and "The invitation was sent to sid@example.org." in result
    [got] = smtp_server.received
    calendars = [p for p in got.message.walk() if p.get_content_type() == "text/calendar"]
    assert calendars and calendars[0].get_param("method") == "REQUEST"
    assert "ORGANIZER:mailto:me@example.org" in calendars[0].get_content()


def test_a_refused_recipient_is_reported(smtp_server: SmtpState, tmp_path: Path) -> None:
    backend = _backend(tmp_path / "data", smtp_server.port)
    result = backend.deliver(backend.compose_new_email(["sid@example.org", REFUSED], [], "Hi", "hello", []))
    assert f"the server refused {REFUSED}" in result
    assert smtp_server.received[0].recipients == ["sid@example.org"]


def test_wrong_password_keeps_a_draft_and_says_what_to_check(smtp_server: SmtpState, tmp_path: Path) -> None:
    backend = _backend(tmp_path / "data", smtp_server.port, username=USER, password="wrong")
    with pytest.raises(ToolError, match=r"rejected the user name or password.*Settings.*saved as a draft"):
        backend.deliver(backend.compose_new_email(["sid@example.org"], [], "Hi", "hello", []))
    assert not smtp_server.received
    assert len(list((tmp_path / "data" / "Mail" / "Drafts").glob("*.eml"))) == 1


def test_starttls_on_a_server_without_it_is_explained(smtp_server: SmtpState, tmp_path: Path) -> None:
    backend = _backend(tmp_path / "data", smtp_server.port, security="starttls")
    with pytest.raises(ToolError, match=r"does not support STARTTLS.*security setting"):
        backend.deliver(backend.compose_new_email(["sid@example.org"], [], "Hi", "hello", []))


def test_unreachable_server_is_explained(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = _backend(tmp_path / "data", port)
    with pytest.raises(ToolError, match=r"Could not reach the mail server 127\.0\.0\.1"):
        backend.deliver(backend.compose_new_email(["sid@example.org"], [], "Hi", "hello", []))


def test_passwords_never_travel_unencrypted_to_other_hosts(tmp_path: Path) -> None:
    backend = _backend(tmp_path / "data", 25, username=USER, password=PASSWORD, host="mail.example.com")
    with pytest.raises(ToolError, match="Refusing to send your mail password unencrypted"):
        backend.deliver(backend.compose_new_email(["sid@example.org"], [], "Hi", "hello", []))
