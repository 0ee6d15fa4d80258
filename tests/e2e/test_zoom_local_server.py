"""ZoomClient against a real HTTP server on 127.0.0.1 that answers like Zoom's API."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tinyagent.tools.base import BackendConfig
from tinyagent.tools.errors import ConfigurationError, ToolArgumentError, ToolError
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.writing import PlainWriter
from tinyagent.tools.zoom import ZoomClient

pytestmark = pytest.mark.e2e

GOOD_TOKEN = "good-token"
JOIN_URL = "https://zoom.us/j/1234567890?pwd=abc"


@dataclass
class FakeZoom:
    """What the server saw, and how it should answer the next request."""

    url: str
    requests: list[tuple[str, dict[str, str], Any]] = field(default_factory=list)
    status: int = 201
    reply: Any = None
    delay_s: float = 0.0


def _handler(state: FakeZoom) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"null")
            state.requests.append((self.path, dict(self.headers), body))
            if state.delay_s:
                threading.Event().wait(state.delay_s)
            if self.headers.get("Authorization") != f"Bearer {GOOD_TOKEN}":
                status, reply = 401, {"code": 124, "message": "Invalid access token."}
            else:
                status, reply = state.status, state.reply or {"id": 1, "join_url": JOIN_URL}
            data = json.dumps(reply).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


@pytest.fixture
def zoom_server() -> Iterator[FakeZoom]:
    state = FakeZoom(url="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.block_on_close = False  # do not wait for the deliberately slow handler
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v2"
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def test_creates_a_scheduled_meeting_and_returns_the_join_url(zoom_server: FakeZoom) -> None:
    client = ZoomClient(GOOD_TOKEN, zoom_server.url, timeout_s=5)
    start = datetime(2024, 6, 4, 14, 0, 0)
    url = client.create_meeting("Budget review", start, 45, ["sid@example.org", "lutfi@example.org"])
    assert url == JOIN_URL
    path, headers, body = zoom_server.requests[0]
    assert path == "/v2/users/me/meetings"
    assert headers["Authorization"] == f"Bearer {GOOD_TOKEN}"
    assert body["topic"] == "Budget review"
    assert body["type"] == 2
    assert body["duration"] == 45
    assert body["start_time"] == start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert body["settings"]["meeting_invitees"] == [
        {"email": "sid@example.org"},
        {"email": "lutfi@example.org"},
    ]


def test_no_start_time_sends_none(zoom_server: FakeZoom) -> None:
    ZoomClient(GOOD_TOKEN, zoom_server.url + "/", timeout_s=5).create_meeting("Now", None, 60, [])
    assert "start_time" not in zoom_server.requests[0][2]


def test_rejected_token_says_to_set_a_new_one(zoom_server: FakeZoom) -> None:
    client = ZoomClient("expired", zoom_server.url, timeout_s=5)
    with pytest.raises(ToolError, match=r"rejected the token \(401\).*Settings"):
        client.create_meeting("x", None, 30, [])


def test_other_refusals_carry_zoom_s_message(zoom_server: FakeZoom) -> None:
    zoom_server.status, zoom_server.reply = 400, {"code": 300, "message": "Invalid start_time."}
    with pytest.raises(ToolError, match=r"400: Invalid start_time\."):
        ZoomClient(GOOD_TOKEN, zoom_server.url, timeout_s=5).create_meeting("x", None, 30, [])


def test_reply_without_join_url_is_an_error(zoom_server: FakeZoom) -> None:
    zoom_server.reply = {"id": 5}
    with pytest.raises(ToolError, match="no join link"):
        ZoomClient(GOOD_TOKEN, zoom_server.url, timeout_s=5).create_meeting("x", None, 30, [])


def test_slow_server_times_out(zoom_server: FakeZoom) -> None:
    zoom_server.delay_s = 0.5
    with pytest.raises(ToolError, match="did not answer"):
        ZoomClient(GOOD_TOKEN, zoom_server.url, timeout_s=0.2).create_meeting("x", None, 30, [])


def test_unreachable_server_says_so() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ZoomClient(GOOD_TOKEN, f"http://127.0.0.1:{port}/v2", timeout_s=2)
    with pytest.raises(ToolError, match="Could not reach Zoom"):
        client.create_meeting("x", None, 30, [])


def test_missing_token_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="Set your Zoom token in Settings"):
        ZoomClient("", "http://127.0.0.1:1/v2", timeout_s=1)


def test_bad_duration_is_an_argument_error() -> None:
    client = ZoomClient(GOOD_TOKEN, "http://127.0.0.1:1/v2", timeout_s=1)
    with pytest.raises(ToolArgumentError, match="between 1 and"):
        client.create_meeting("x", None, 0, [])


def test_the_backend_returns_exactly_the_join_url(zoom_server: FakeZoom, tmp_path: Path) -> None:
    config = BackendConfig(
        data_dir=tmp_path, zoom_token=GOOD_TOKEN, zoom_api_url=zoom_server.url, timeout_s=5
    )
    backend = LocalBackend(config, PlainWriter())
    outgoing = backend.get_zoom_meeting_link("Design sync", "2024-06-04 14:00:00", 30, ["sid@example.org"])
    assert not zoom_server.requests  # nothing is created before the user approves
    assert backend.deliver(outgoing) == JOIN_URL
    body = zoom_server.requests[0][2]
    assert (body["topic"], body["duration"]) == ("Design sync", 30)
    assert body["settings"]["meeting_invitees"] == [{"email": "sid@example.org"}]
