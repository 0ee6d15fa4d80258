"""An ``LLM`` served by any OpenAI-compatible HTTP server: llama-server, LM Studio, Ollama, vLLM.

Requests stream (server-sent events) from ``/chat/completions`` when the prompt is a chat,
else from ``/completions`` with the prompt as one text. Each request uses its own
connection; cancelling the consumer (or closing the generator) closes it, which is how
llama-server and friends learn to stop generating.

The GBNF ``grammar`` option goes into the request body as ``grammar`` (llama-server honours
it on both endpoints; our grammars are written for it). Servers that refuse unknown fields
(the OpenAI API, some proxies) answer 400: the request is then repeated once without the
field, and this instance stops sending it. Pass ``send_grammar=False`` to never send it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
from collections.abc import AsyncGenerator, Iterator
from typing import Any

import httpx

from tinyagent.core.errors import LLMUnavailable
from tinyagent.core.llm import GenerationOptions, Prompt

log = logging.getLogger(__name__)

_SERVERS = "llama-server/LM Studio/Ollama"
# Words with which servers refuse a field they do not know ("Unrecognized request argument
# supplied: grammar", pydantic's "Extra inputs are not permitted"). A grammar the server
# knows but cannot parse is a different error and is not retried.
_UNKNOWN_FIELD_WORDS = ("unrecognized", "unknown", "extra", "not permitted", "unexpected")


class OpenAIHttpLLM:
    """A model behind an OpenAI-compatible API at ``base_url`` (e.g. ``http://127.0.0.1:8080/v1``).

    ``model`` is the name sent to the server; None asks ``/models`` once and uses the
    first. ``api_key`` is sent as a bearer token. ``timeout_s`` bounds connecting and each
    wait for more data (not the whole answer). Errors raise ``LLMUnavailable``.
    """

    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        writes_prose: bool = True,
        send_grammar: bool = True,
    ) -> None:
        self.base_url = base_url.strip().rstrip("/")
        try:
            scheme = httpx.URL(self.base_url).scheme
        except httpx.InvalidURL as exc:
            raise LLMUnavailable(f"{base_url!r} is not a URL ({exc}); {_EXAMPLE}") from exc
        if scheme not in ("http", "https"):
            raise LLMUnavailable(f"{base_url!r} is not an http:// or https:// URL; {_EXAMPLE}")
        # A server on this machine is never behind $HTTP_PROXY, whatever NO_PROXY says.
        self._trust_env = not _is_loopback(httpx.URL(self.base_url).host)
        self.model = model
        self.timeout_s = timeout_s
        self.send_grammar = send_grammar
        self._api_key = api_key
        self._writes_prose = writes_prose

    @property
    def name(self) -> str:
        """The model's name and the server, e.g. ``qwen2.5-7b at http://127.0.0.1:8080/v1``."""
        return f"{self.model} at {self.base_url}" if self.model else self.base_url

    @property
    def writes_prose(self) -> bool:
        """True when the model may write email bodies and summaries (set by the caller)."""
        return self._writes_prose

    async def stream(self, prompt: Prompt, options: GenerationOptions) -> AsyncGenerator[str, None]:
        """Yield text pieces as the server streams them; closing or cancelling stops the server."""
        async with self._async_client() as client:
            with self._translated_errors():
                response = await self._aopen(client, prompt, options)
                try:
                    async with contextlib.aclosing(_apieces(response, prompt.chat, self.base_url)) as pieces:
                        async for piece in pieces:
                            yield piece
                finally:
                    await response.aclose()

    def complete(self, prompt: Prompt, options: GenerationOptions) -> str:
        """The whole completion, blocking (for callers already in a worker thread)."""
        with self._client() as client, self._translated_errors():
            response = self._open(client, prompt, options)
            try:
                return "".join(_pieces(response, prompt.chat, self.base_url))
            finally:
                response.close()

    async def aclose(self) -> None:
        """Nothing to release: every request's connection is closed when the request ends."""

    # ---- requests -------------------------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    def _client(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout_s, headers=self._headers(), trust_env=self._trust_env)

    def _async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self.timeout_s, headers=self._headers(), trust_env=self._trust_env)

    def _request(self, prompt: Prompt, options: GenerationOptions, model: str) -> tuple[str, dict[str, Any]]:
        """The URL and JSON body of one streaming generation request."""
        body: dict[str, Any] = {
            "model": model,
            "temperature": options.temperature,
            "max_tokens": options.max_tokens,
            "stream": True,
        }
        if prompt.chat:
            system = [{"role": "system", "content": prompt.system}] if prompt.system else []
            body["messages"] = [*system, {"role": "user", "content": prompt.user}]
        else:
            body["prompt"] = prompt.text
        if options.stop:
            body["stop"] = list(options.stop)
        if options.grammar is not None and self.send_grammar:
            body["grammar"] = options.grammar
        path = "/chat/completions" if prompt.chat else "/completions"
        return self.base_url + path, body

    def _refused_grammar(self, response: httpx.Response, body: dict[str, Any]) -> bool:
        """True when the server rejected the ``grammar`` field itself; stop sending it then."""
        message = _server_message(response).lower()
        refused = (
            "grammar" in body
            and response.status_code in (400, 422)
            and "grammar" in message
            and any(word in message for word in _UNKNOWN_FIELD_WORDS)
        )
        if refused:
            log.warning("%s does not accept a grammar; sending requests without it", self.base_url)
            self.send_grammar = False
        return refused

    async def _aopen(
        self, client: httpx.AsyncClient, prompt: Prompt, options: GenerationOptions
    ) -> httpx.Response:
        """Send the request; return the open streaming response (status already checked)."""
        if self.model is None:
            self.model = _first_model(await client.get(self.base_url + "/models"), self.base_url)
        url, body = self._request(prompt, options, self.model)
        request = client.build_request("POST", url, json=body, headers={"Accept": "text/event-stream"})
        response = await client.send(request, stream=True)
        if response.status_code < 400:
            return response
        await response.aread()
        await response.aclose()
        if self._refused_grammar(response, body):
            return await self._aopen(client, prompt, options)
        raise _http_error(response, self.base_url)

    def _open(self, client: httpx.Client, prompt: Prompt, options: GenerationOptions) -> httpx.Response:
        """Blocking twin of ``_aopen``."""
        if self.model is None:
            self.model = _first_model(client.get(self.base_url + "/models"), self.base_url)
        url, body = self._request(prompt, options, self.model)
        request = client.build_request("POST", url, json=body, headers={"Accept": "text/event-stream"})
        response = client.send(request, stream=True)
        if response.status_code < 400:
            return response
        response.read()
        response.close()
        if self._refused_grammar(response, body):
            return self._open(client, prompt, options)
        raise _http_error(response, self.base_url)

    @contextlib.contextmanager
    def _translated_errors(self) -> Iterator[None]:
        """Turn transport errors into ``LLMUnavailable`` messages that say what to do."""
        url = self.base_url
        try:
            yield
        except httpx.ConnectError as exc:
            raise LLMUnavailable(
                f"Nothing is listening at {url} — start your {_SERVERS} or fix --llm-url ({exc})."
            ) from exc
        except httpx.TimeoutException as exc:
            raise LLMUnavailable(
                f"{url} did not answer within {self.timeout_s:g} s — the model may still be loading or be "
                "too slow for this machine. Wait and try again, pick a smaller model, or raise the timeout."
            ) from exc
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise LLMUnavailable(
                f"The connection to {url} broke while the model was answering ({exc or type(exc).__name__})"
                " — check that the server is still running and see its log."
            ) from exc
        except httpx.HTTPError as exc:
            raise LLMUnavailable(
                f"Talking to {url} failed ({type(exc).__name__}: {exc}) — check --llm-url and the server."
            ) from exc


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_EXAMPLE = "set --llm-url to the server's OpenAI API, e.g. http://127.0.0.1:8080/v1"


# ---- responses ------------------------------------------------------------------------------


def _server_message(response: httpx.Response) -> str:
    """The error text in a server's answer: OpenAI's ``{"error": {"message"}}`` and variants."""
    try:
        data = response.json()
    except ValueError:
        return response.text.strip()[:300] or response.reason_phrase
    error = data.get("error", data) if isinstance(data, dict) else data
    if isinstance(error, dict):
        error = error.get("message") or error.get("detail") or error
    return error if isinstance(error, str) else json.dumps(error, ensure_ascii=False)[:300]


def _http_error(response: httpx.Response, url: str) -> LLMUnavailable:
    status = response.status_code
    if status in (401, 403):
        hint = "Check the API key (Settings, or TINYAGENT_LLM_API_KEY)."
    elif status == 404:
        hint = "Check that --llm-url is the OpenAI API root (often ending in /v1) and the model name."
    elif status >= 500:
        hint = "See the server's log; the model may be loading, or out of memory."
    else:
        hint = "The server rejected the request."
    return LLMUnavailable(
        f"The LLM server at {url} answered HTTP {status}: {_server_message(response)}. {hint}"
    )


def _first_model(response: httpx.Response, url: str) -> str:
    """The first model id a ``GET /models`` answer lists."""
    if response.status_code >= 400:
        raise _http_error(response, url)
    try:
        models = response.json()["data"]
        return str(models[0]["id"])
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMUnavailable(
            f"The server at {url} lists no models (GET {url}/models) — load a model in the server "
            "(LM Studio, Ollama) or give its name with --llm-model."
        ) from exc


class _StreamDecoder:
    """Reads the ``data: {...}`` lines of an OpenAI completion stream."""

    def __init__(self, chat: bool, url: str) -> None:
        self.chat = chat
        self.url = url
        self.ended = False  # saw [DONE] or a finish_reason

    def feed(self, line: str) -> str:
        """The text carried by one line of the stream ("" for none)."""
        line = line.strip()
        if not line or line.startswith((":", "event:", "id:", "retry:")):
            return ""
        if line.startswith("error:"):  # llama-server's event for a failure mid-answer
            raise self._failed(line.removeprefix("error:").strip())
        if not line.startswith("data:"):
            raise self._malformed("not a server-sent event", line)
        payload = line.removeprefix("data:").strip()
        if payload == "[DONE]":
            self.ended = True
            return ""
        try:
            chunk = json.loads(payload)
        except json.JSONDecodeError:
            raise self._malformed("not JSON", line) from None
        return self.text(chunk, line)

    def text(self, chunk: Any, line: str) -> str:
        """The text of one decoded chunk (streamed, or a whole non-streamed answer)."""
        if isinstance(chunk, dict) and "error" in chunk:
            raise self._failed(json.dumps(chunk))
        try:
            choices = chunk["choices"]
            if not choices:
                return ""  # e.g. a final usage-only chunk
            choice = choices[0]
            part = (choice.get("delta") or choice.get("message") or {}) if self.chat else choice
            piece = part.get("content") if self.chat else part.get("text")
        except (TypeError, KeyError, AttributeError):
            raise self._malformed("no choices", line) from None
        self.ended = self.ended or bool(choice.get("finish_reason"))
        return piece if isinstance(piece, str) else ""

    def whole(self, content: bytes) -> str:
        """The text of a whole JSON answer, from a server that does not stream."""
        try:
            chunk = json.loads(content)
        except ValueError:
            raise self._malformed("not JSON", content.decode("utf-8", "replace")) from None
        return self.text(chunk, json.dumps(chunk)[:80])

    def finish(self) -> None:
        """Raise when the stream stopped before the server said it was complete."""
        if not self.ended:
            raise LLMUnavailable(
                f"The server at {self.url} ended the answer early, without finishing it — see its log."
            )

    def _failed(self, payload: str) -> LLMUnavailable:
        message = _server_message(httpx.Response(500, text=payload))
        return LLMUnavailable(f"The LLM server at {self.url} failed while generating: {message}")

    def _malformed(self, what: str, line: str) -> LLMUnavailable:
        return LLMUnavailable(
            f"The server at {self.url} sent a stream TinyAgent cannot read ({what}: {line[:80]!r}) — "
            f"is --llm-url an OpenAI-compatible API (e.g. http://127.0.0.1:8080/v1)?"
        )


def _is_json(response: httpx.Response) -> bool:
    """True when the server ignored ``stream`` and sent one JSON answer."""
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("application/json")


async def _apieces(response: httpx.Response, chat: bool, url: str) -> AsyncGenerator[str, None]:
    decoder = _StreamDecoder(chat, url)
    if _is_json(response):
        yield decoder.whole(await response.aread())
        return
    async for line in response.aiter_lines():
        piece = decoder.feed(line)
        if piece:
            yield piece
    decoder.finish()


def _pieces(response: httpx.Response, chat: bool, url: str) -> Iterator[str]:
    decoder = _StreamDecoder(chat, url)
    if _is_json(response):
        yield decoder.whole(response.read())
        return
    for line in response.iter_lines():
        piece = decoder.feed(line)
        if piece:
            yield piece
    decoder.finish()
