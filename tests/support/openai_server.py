"""A scripted OpenAI-compatible server on 127.0.0.1: streams pre-written replies (SSE)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ScriptedServer:
    """Answers each POST with the next reply, cut at the request's stop strings."""

    def __init__(self, replies: Sequence[str], chunk: int = 9) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []
        self.chunk = chunk
        self.url = ""

    def next_reply(self, body: dict[str, Any]) -> str:
        self.requests.append(body)
        text = self.replies.pop(0) if self.replies else ""
        for stop in body.get("stop") or []:
            text = text.split(stop, 1)[0]
        return text


def _handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            self._send(200, "application/json", json.dumps({"data": [{"id": "scripted"}]}).encode())

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            text = server.next_reply(body)
            chat = self.path.endswith("/chat/completions")
            if not body.get("stream"):
                choice = {"message": {"content": text}} if chat else {"text": text}
                self._send(200, "application/json", json.dumps({"choices": [choice]}).encode())
                return
            events = []
            for i in range(0, len(text), server.chunk):
                piece = text[i : i + server.chunk]
                choice = {"delta": {"content": piece}} if chat else {"text": piece}
                events.append(f"data: {json.dumps({'choices': [choice]})}\n\n")
            events.append("data: [DONE]\n\n")
            self._send(200, "text/event-stream", "".join(events).encode())

        def _send(self, status: int, kind: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def scripted_server(replies: Sequence[str]) -> Iterator[ScriptedServer]:
    """Serve ``replies`` on a free loopback port for the duration of the block."""
    state = ScriptedServer(replies)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
