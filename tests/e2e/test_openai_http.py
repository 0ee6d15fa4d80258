"""OpenAIHttpLLM against a real HTTP server on 127.0.0.1 that streams like llama-server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tinyagent.core.errors import LLMUnavailable
from tinyagent.core.llm import GenerationOptions, Prompt
from tinyagent.core.openai_http import OpenAIHttpLLM

pytestmark = pytest.mark.e2e

PIECES = ("Hello", ", ", "wörld ✓", "!")
CHAT = Prompt(system="You plan.", user="Email Zoë", chat=True)
RAW = Prompt(system="You plan.", user="Email Zoë", chat=False)
OPTIONS = GenerationOptions(max_tokens=64, temperature=0.2, stop=("<END>", "\n\n"), grammar='root ::= "x"')


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class FakeServer:
    """What the server saw, and how it answers (``mode``)."""

    url: str = ""
    mode: str = "stream"
    models: list[str] = field(default_factory=lambda: ["tiny-planner"])
    requests: list[Seen] = field(default_factory=list)
    disconnected: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def posts(self) -> list[Seen]:
        return [r for r in self.requests if r.method == "POST"]


def _chunk(piece: str | None, chat: bool, finish: str | None = None) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": 0, "finish_reason": finish}
    if chat:
        choice["delta"] = {} if piece is None else {"content": piece}
    else:
        choice["text"] = piece or ""
    return {"id": "cmpl-1", "choices": [choice]}


def _handler(state: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(Seen("GET", self.path, dict(self.headers), None))
            self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in state.models]})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            state.requests.append(Seen("POST", self.path, dict(self.headers), body))
            chat = self.path.endswith("/chat/completions")
            try:
                getattr(self, "_" + state.mode)(chat, body)
            except (BrokenPipeError, ConnectionResetError):
                state.disconnected.set()

        def _json(self, status: int, reply: Any) -> None:
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _events(self, lines: list[str], pause_s: float = 0.0) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()  # HTTP/1.0, no length: the body ends when the connection closes
            for line in lines:
                self.wfile.write(f"{line}\n\n".encode())
                self.wfile.flush()
                time.sleep(pause_s)

        def _stream(self, chat: bool, _body: Any) -> None:
            first = [f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'role': 'assistant'}}]})}"]
            data = [f"data: {json.dumps(_chunk(p, chat), ensure_ascii=False)}" for p in PIECES]
            end = [f"data: {json.dumps(_chunk(None, chat, 'stop'))}", "data: [DONE]"]
            self._events([": keep-alive", *(first if chat else []), *data, *end])

        def _endless(self, chat: bool, _body: Any) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # until the client hangs up
                self.wfile.write(f"data: {json.dumps(_chunk('tick ', chat))}\n\n".encode())
                self.wfile.flush()
                time.sleep(0.01)

        def _error500(self, _chat: bool, _body: Any) -> None:
            self._json(500, {"error": {"code": 500, "message": "CUDA out of memory", "type": "server_error"}})

        def _unauthorized(self, _chat: bool, _body: Any) -> None:
            self._json(401, {"error": {"message": "Invalid API Key", "type": "authentication_error"}})

        def _not_found(self, _chat: bool, _body: Any) -> None:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"File Not Found")

        def _slow(self, _chat: bool, _body: Any) -> None:
            state.release.wait(5)

        def _garbage(self, _chat: bool, _body: Any) -> None:
            self._events(["data: {this is not json", "data: [DONE]"])

        def _html(self, _chat: bool, _body: Any) -> None:
            self._events(["<html><body>Welcome to nginx!</body></html>"])

        def _midstream_error(self, chat: bool, _body: Any) -> None:
            error = {
                "code": 500,
                "message": "the request exceeds the available context size",
                "type": "server",
            }
            self._events([f"data: {json.dumps(_chunk('Hel', chat))}", f"error: {json.dumps(error)}"])

        def _truncated(self, chat: bool, _body: Any) -> None:
            self._events([f"data: {json.dumps(_chunk('Hel', chat))}"])

        def _reject_grammar(self, chat: bool, body: Any) -> None:
            if "grammar" in body:
                message = "Unrecognized request argument supplied: grammar"
                self._json(400, {"error": {"message": message, "type": "invalid_request_error"}})
            else:
                self._stream(chat, body)

        def _whole_json(self, chat: bool, _body: Any) -> None:
            message = {"role": "assistant", "content": "all at once"}
            choice = {"index": 0, "message": message, "finish_reason": "stop"}
            self._json(200, {"choices": [choice if chat else {"index": 0, "text": "all at once"}]})

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


@pytest.fixture
def server() -> Iterator[FakeServer]:
    state = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.block_on_close = False
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


async def collect(llm: OpenAIHttpLLM, prompt: Prompt, options: GenerationOptions = OPTIONS) -> list[str]:
    return [piece async for piece in llm.stream(prompt, options)]


# ---- requests and streaming ---------------------------------------------------------------


async def test_chat_prompts_stream_from_chat_completions(server: FakeServer) -> None:
    llm = OpenAIHttpLLM(server.url, model="qwen2.5-7b", api_key="sk-local")
    assert await collect(llm, CHAT) == list(PIECES)
    [seen] = server.requests
    assert (seen.method, seen.path) == ("POST", "/v1/chat/completions")
    assert seen.headers["Authorization"] == "Bearer sk-local"
    assert seen.body == {
        "model": "qwen2.5-7b",
        "messages": [{"role": "system", "content": "You plan."}, {"role": "user", "content": "Email Zoë"}],
        "temperature": 0.2,
        "max_tokens": 64,
        "stream": True,
        "stop": ["<END>", "\n\n"],
        "grammar": 'root ::= "x"',
    }
    assert llm.name == f"qwen2.5-7b at {server.url}"


async def test_raw_prompts_stream_from_completions(server: FakeServer) -> None:
    llm = OpenAIHttpLLM(server.url + "/", model="tiny")  # a trailing slash is fine
    assert "".join(await collect(llm, RAW, GenerationOptions())) == "".join(PIECES)
    [seen] = server.requests
    assert seen.path == "/v1/completions"
    assert seen.body["prompt"] == "You plan.\n\nEmail Zoë"
    assert "messages" not in seen.body
    assert "grammar" not in seen.body and "stop" not in seen.body  # not given, not sent
    assert "Authorization" not in seen.headers


async def test_a_proxy_in_the_environment_is_not_used_for_loopback(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead_proxy = f"http://127.0.0.1:{free_port()}"
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(var, dead_proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    llm = OpenAIHttpLLM(server.url, model="m")
    assert "".join(await collect(llm, CHAT)) == "".join(PIECES)
    assert llm.complete(RAW, OPTIONS) == "".join(PIECES)


async def test_grammar_is_not_sent_when_switched_off(server: FakeServer) -> None:
    await collect(OpenAIHttpLLM(server.url, model="m", send_grammar=False), RAW)
    assert "grammar" not in server.requests[0].body


async def test_the_model_is_discovered_once(server: FakeServer) -> None:
    server.models = ["first-model", "second-model"]
    llm = OpenAIHttpLLM(server.url)
    await collect(llm, CHAT)
    await collect(llm, RAW)
    assert [(r.method, r.path) for r in server.requests] == [
        ("GET", "/v1/models"),
        ("POST", "/v1/chat/completions"),
        ("POST", "/v1/completions"),
    ]
    assert {r.body["model"] for r in server.posts()} == {"first-model"}
    assert llm.name.startswith("first-model at ")


async def test_a_server_without_models_says_what_to_do(server: FakeServer) -> None:
    server.models = []
    with pytest.raises(LLMUnavailable, match=r"lists no models .* --llm-model"):
        await collect(OpenAIHttpLLM(server.url), CHAT)


def test_complete_blocks_and_returns_the_whole_text(server: FakeServer) -> None:
    llm = OpenAIHttpLLM(server.url)
    assert llm.complete(CHAT, OPTIONS) == "".join(PIECES)
    assert llm.complete(RAW, OPTIONS) == "".join(PIECES)
    assert [r.path for r in server.requests] == ["/v1/models", "/v1/chat/completions", "/v1/completions"]


@pytest.mark.parametrize("prompt", [CHAT, RAW], ids=["chat", "raw"])
async def test_a_server_that_ignores_stream_still_works(server: FakeServer, prompt: Prompt) -> None:
    server.mode = "whole_json"
    llm = OpenAIHttpLLM(server.url, model="m")
    assert await collect(llm, prompt) == ["all at once"]
    assert llm.complete(prompt, OPTIONS) == "all at once"


async def test_a_refused_grammar_field_is_dropped_and_retried(server: FakeServer) -> None:
    server.mode = "reject_grammar"
    llm = OpenAIHttpLLM(server.url, model="gpt-x")
    assert "".join(await collect(llm, CHAT)) == "".join(PIECES)
    assert "".join(await collect(llm, CHAT)) == "".join(PIECES)
    assert ["grammar" in r.body for r in server.posts()] == [True, False, False]
    assert llm.send_grammar is False


# ---- cancellation ------------------------------------------------------------------------------


async def test_cancelling_the_consumer_closes_the_connection(server: FakeServer) -> None:
    server.mode = "endless"
    llm = OpenAIHttpLLM(server.url, model="m")
    got: list[str] = []
    three = asyncio.Event()

    async def consume() -> None:
        async for piece in llm.stream(CHAT, OPTIONS):
            got.append(piece)
            if len(got) == 3:
                three.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(three.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(server.disconnected.wait, 5), "the server kept streaming to nobody"


async def test_closing_the_generator_closes_the_connection(server: FakeServer) -> None:
    server.mode = "endless"
    llm = OpenAIHttpLLM(server.url, model="m")
    async with contextlib.aclosing(llm.stream(RAW, OPTIONS)) as pieces:
        async for piece in pieces:
            assert piece == "tick "
            break
    assert await asyncio.to_thread(server.disconnected.wait, 5), "the server kept streaming to nobody"
    await llm.aclose()


# ---- errors ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def test_nothing_listening_says_to_start_the_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    llm = OpenAIHttpLLM(url, model="m")
    expected = f"Nothing is listening at {url} — start your llama-server/LM Studio/Ollama or fix --llm-url"
    with pytest.raises(LLMUnavailable) as caught:
        await collect(llm, CHAT)
    assert str(caught.value).startswith(expected)
    with pytest.raises(LLMUnavailable, match="Nothing is listening"):
        llm.complete(CHAT, OPTIONS)
    with pytest.raises(LLMUnavailable, match="Nothing is listening"):  # discovery fails the same way
        await collect(OpenAIHttpLLM(url), CHAT)


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("error500", r"answered HTTP 500: CUDA out of memory\. See the server's log"),
        ("unauthorized", r"answered HTTP 401: Invalid API Key\. Check the API key .*TINYAGENT_LLM_API_KEY"),
        ("not_found", r"answered HTTP 404: File Not Found\. Check that --llm-url is the OpenAI API root"),
        (
            "garbage",
            r"cannot read \(not JSON: 'data: \{this is not json'\) — is --llm-url an OpenAI-compatible",
        ),
        ("html", r"cannot read \(not a server-sent event: '<html>"),
        ("midstream_error", r"failed while generating: the request exceeds the available context size"),
        ("truncated", r"ended the answer early"),
    ],
)
async def test_server_errors_become_llm_unavailable_with_the_reason(
    server: FakeServer, mode: str, expected: str
) -> None:
    server.mode = mode
    llm = OpenAIHttpLLM(server.url, model="m")
    with pytest.raises(LLMUnavailable, match=expected):
        await collect(llm, CHAT)
    with pytest.raises(LLMUnavailable, match=expected):
        llm.complete(RAW, OPTIONS)


async def test_a_server_that_never_answers_times_out(server: FakeServer) -> None:
    server.mode = "slow"
    llm = OpenAIHttpLLM(server.url, model="m", timeout_s=0.3)
    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match=r"did not answer within 0\.3 s .* raise the timeout"):
        await collect(llm, CHAT)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("url", ["127.0.0.1:8080/v1", "ftp://127.0.0.1/v1", "http://[::1/v1"])
def test_a_url_that_is_not_http_is_refused_at_once(url: str) -> None:
    with pytest.raises(LLMUnavailable, match=re.escape("e.g. http://127.0.0.1:8080/v1")):
        OpenAIHttpLLM(url)
