"""Test doubles: a scripted model and a recording tool backend (no real apps touched)."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tinyagent.core.llm import GenerationOptions, Prompt
from tinyagent.tools.base import BackendConfig, Outgoing, ToolBackend
from tinyagent.tools.registry import REGISTRY, SideEffect
from tinyagent.tools.writing import PlainWriter


class ScriptedLLM:
    """Streams pre-written replies, one per call, in small chunks; records the prompts."""

    def __init__(self, replies: Sequence[str], *, chunk: int = 7, delay_s: float = 0.0) -> None:
        self.replies = list(replies)
        self.prompts: list[Prompt] = []
        self.options: list[GenerationOptions] = []
        self.chunk = chunk
        self.delay_s = delay_s

    @property
    def name(self) -> str:
        return "scripted"

    @property
    def writes_prose(self) -> bool:
        return False

    def _next(self, prompt: Prompt, options: GenerationOptions) -> str:
        self.prompts.append(prompt)
        self.options.append(options)
        if not self.replies:
            raise AssertionError("the scripted model was asked more often than scripted")
        text = self.replies.pop(0)
        for stop in options.stop:
            text = text.split(stop, 1)[0]
        return text

    async def stream(self, prompt: Prompt, options: GenerationOptions) -> AsyncIterator[str]:
        text = self._next(prompt, options)
        for i in range(0, len(text), self.chunk):
            if self.delay_s:
                await asyncio.sleep(self.delay_s)
            yield text[i : i + self.chunk]

    def complete(self, prompt: Prompt, options: GenerationOptions) -> str:
        return self._next(prompt, options)

    async def aclose(self) -> None:
        return None


def _make_method(name: str) -> Callable[..., Any]:
    spec = REGISTRY[name]

    def method(self: RecordingBackend, *args: Any) -> Any:
        return self._handle(name, args)

    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    params += [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in spec.params]
    returns = "Outgoing" if spec.side_effect is SideEffect.REACHES_PERSON else "str"
    method.__signature__ = inspect.Signature(params, return_annotation=returns)  # type: ignore[attr-defined]
    method.__name__ = name
    return method


def _deliver(self: RecordingBackend, outgoing: Outgoing) -> str:
    with self._lock:
        self.delivered.append(outgoing)
    return str(self.outputs.get("deliver:" + outgoing.tool, f"sent {outgoing.kind}"))


# Built with type() so that the backend contract check sees all 16 methods at once.
_Recording: type[ToolBackend] = type(
    "_Recording",
    (ToolBackend,),
    {"name": "recording", "deliver": _deliver, **{name: _make_method(name) for name in REGISTRY}},
)


class RecordingBackend(_Recording):  # type: ignore[valid-type,misc]
    """Every tool records its call and returns ``outputs[tool]`` (a value or a function).

    ``delays`` sleep in the tool's thread; ``failures`` raise the given exception.
    Tools that reach a person return an Outgoing built from their arguments.
    """

    def __init__(
        self,
        *,
        outputs: Mapping[str, Any] | None = None,
        delays: Mapping[str, float] | None = None,
        failures: Mapping[str, Exception] | None = None,
    ) -> None:
        super().__init__(BackendConfig(data_dir=Path("/nonexistent")), PlainWriter())
        self.outputs = dict(outputs or {})
        self.delays = dict(delays or {})
        self.failures = dict(failures or {})
        self.calls: list[tuple[str, tuple[Any, ...], float]] = []
        self.delivered: list[Outgoing] = []
        self._lock = threading.Lock()

    def _handle(self, name: str, args: tuple[Any, ...]) -> Any:
        with self._lock:
            self.calls.append((name, args, time.monotonic()))
        if name in self.delays:
            time.sleep(self.delays[name])
        if name in self.failures:
            raise self.failures[name]
        if REGISTRY[name].side_effect is SideEffect.REACHES_PERSON:
            return _outgoing(name, args)
        out = self.outputs.get(name, f"{name} ok")
        return out(*args) if callable(out) else out

    def called(self, name: str) -> list[tuple[Any, ...]]:
        return [args for tool, args, _ in self.calls if tool == name]


def _outgoing(name: str, args: tuple[Any, ...]) -> Outgoing:
    kinds = {"send_sms": "sms", "create_calendar_event": "event", "get_zoom_meeting_link": "meeting"}
    named = dict(zip([p.name for p in REGISTRY[name].params], args))
    recipients = named.get("recipients") or named.get("invitees") or named.get("meeting_invitees") or []
    if name == "reply_to_email":
        recipients = ["original.sender@example.com"]
    return Outgoing(
        tool=name,
        kind=kinds.get(name, "email"),
        recipients=tuple(recipients),
        cc=tuple(named.get("cc", [])),
        subject=str(named.get("subject") or named.get("title") or named.get("topic") or ""),
        body=str(named.get("context") or named.get("message") or named.get("notes") or ""),
        attachments=tuple(named.get("attachments", [])),
        args=args,
    )
