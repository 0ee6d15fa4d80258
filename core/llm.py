"""The language-model interface the planner, joiner and writer use.

Two backends implement it: ``llama_cpp.LlamaCppLLM`` (in-process GGUF) and
``openai_http.OpenAIHttpLLM`` (any OpenAI-compatible server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Prompt:
    """A prompt as chat messages; completion-style backends use ``text``."""

    system: str
    user: str
    # True: send as chat messages (instruct models behind chat templates);
    # False: one raw completion prompt, the layout the model was trained on.
    chat: bool = False

    @property
    def text(self) -> str:
        """The prompt as one completion string: system part, a blank line, user part."""
        return f"{self.system}\n\n{self.user}" if self.system else self.user


@dataclass(frozen=True)
class GenerationOptions:
    """How to sample one completion."""

    max_tokens: int = 512
    temperature: float = 0.0
    stop: tuple[str, ...] = ()
    grammar: str | None = None  # GBNF; honoured by llama.cpp in-process and by llama-server


class LLM(Protocol):
    """A text generator that streams its output."""

    @property
    def name(self) -> str:
        """A short human name, e.g. the model file's name or the server URL."""
        ...

    @property
    def writes_prose(self) -> bool:
        """True when the model can write email bodies and summaries, not only plans."""
        ...

    def stream(self, prompt: Prompt, options: GenerationOptions) -> AsyncIterator[str]:
        """Yield text pieces as they are generated; cancelling the consumer stops generation."""
        ...

    def complete(self, prompt: Prompt, options: GenerationOptions) -> str:
        """Blocking whole completion, for callers already in a worker thread."""
        ...

    async def aclose(self) -> None:
        """Release the model or the connection."""
        ...
