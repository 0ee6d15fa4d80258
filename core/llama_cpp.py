"""The in-process LLM backend: a GGUF model run by llama.cpp (llama-cpp-python).

llama.cpp blocks while it generates, so generation runs in a worker thread that hands
text pieces to the asyncio consumer through a queue; the worker checks a cancel flag
between tokens, so cancelling the consumer stops generation within one token.

Each model has one worker thread and every llama.cpp call (load, generate, free) runs
on it: a llama.cpp context is not thread-safe, and ggml's OpenMP keeps a team of
spinning threads per calling thread, so calls from several threads made a plan three
times slower on a 2-core machine (measured).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncGenerator, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from llama_cpp.llama import Llama
from llama_cpp.llama_grammar import LlamaGrammar

from tinyagent.core.errors import ModelLoadError, ModelNotFound, PromptTooLong
from tinyagent.core.grammar import validate_grammar
from tinyagent.core.llama_log import route_llama_logs
from tinyagent.core.llm import GenerationOptions, Prompt

__all__ = ["GenerationStats", "LlamaCppLLM", "PromptTooLong"]

_GGUF_MAGIC = b"GGUF"


@dataclass(frozen=True)
class GenerationStats:
    """How the last generation went (for logs and the settings' model test)."""

    prompt_tokens: int  # 0 for chat prompts: llama-cpp-python applies the template inside
    pieces: int  # text pieces streamed: about one per token
    seconds: float  # from the first piece request to the end, prompt processing included
    finish: str  # "stop" (EOS or a stop string), "length" or "cancelled"


@dataclass(frozen=True)
class _End:
    error: BaseException | None = None


class LlamaCppLLM:
    """A GGUF model behind the ``LLM`` protocol; loads lazily on first use or on ``load()``."""

    def __init__(
        self,
        path: Path | str,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        writes_prose: bool = False,
        chat_format: str | None = None,
    ) -> None:
        self._path = Path(path).expanduser()
        self._n_ctx = n_ctx
        self._n_threads = n_threads
        self._writes_prose = writes_prose
        self._chat_format = chat_format
        self._llama: Llama | None = None  # touched only on the worker thread
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"llama.cpp {self.name}")
        self._run_lock = threading.Lock()  # held while generating: tells ``busy``
        self._cancels: set[threading.Event] = set()
        self._last_stats: GenerationStats | None = None

    @property
    def name(self) -> str:
        """The model file's name."""
        return self._path.name

    @property
    def writes_prose(self) -> bool:
        """True when the settings say this model can write email bodies and summaries."""
        return self._writes_prose

    @property
    def busy(self) -> bool:
        """True while a generation is running (or finishing after a cancel)."""
        return self._run_lock.locked()

    @property
    def last_stats(self) -> GenerationStats | None:
        """Statistics of the last finished generation, or None before the first."""
        return self._last_stats

    def load(self) -> None:
        """Load the model now (it is otherwise loaded on first use); safe from any thread.

        Raises ``ModelNotFound`` or ``ModelLoadError`` with what to do about it.
        """
        self._worker.submit(self._model).result()

    def count_tokens(self, text: str) -> int:
        """How many tokens the model's tokenizer makes of ``text`` as a completion prompt (BOS included).

        Loads the model if needed. A chat prompt's template adds its own tokens on top.
        """
        return self._worker.submit(lambda: _token_count(self._model(), text)).result()

    def _model(self) -> Llama:
        if self._llama is None:
            self._llama = _open(self._path, self._n_ctx, self._n_threads, self._chat_format)
        return self._llama

    def complete(self, prompt: Prompt, options: GenerationOptions) -> str:
        """Blocking whole completion, for callers already in a worker thread."""
        job = self._worker.submit(lambda: "".join(self._pieces(prompt, options, threading.Event())))
        return job.result()

    async def stream(self, prompt: Prompt, options: GenerationOptions) -> AsyncGenerator[str, None]:
        """Yield text pieces as they are generated; cancelling the consumer stops generation."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | _End] = asyncio.Queue()
        cancel = threading.Event()

        def put(item: str | _End) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the loop is closed: nobody is listening any more
                cancel.set()

        def produce() -> None:
            try:
                for piece in self._pieces(prompt, options, cancel):
                    put(piece)
            except BaseException as exc:  # handed to the consumer, which re-raises it
                put(_End(exc))
            else:
                put(_End())

        worker = loop.run_in_executor(self._worker, produce)
        try:
            while not isinstance(item := await queue.get(), _End):
                yield item
            if item.error is not None:
                raise item.error
            await worker
        finally:
            cancel.set()  # no-op after a normal end; stops the worker after a cancel

    def _pieces(self, prompt: Prompt, options: GenerationOptions, cancel: threading.Event) -> Iterator[str]:
        """Generate (on the worker thread), yielding text pieces until done or ``cancel`` is set."""
        grammar = None
        if options.grammar is not None:
            validate_grammar(options.grammar)  # an unparsable grammar would crash llama.cpp
            grammar = LlamaGrammar.from_string(options.grammar, verbose=False)
        llama = self._model()
        if cancel.is_set():  # cancelled while queued behind another generation
            return
        with self._run_lock:
            self._cancels.add(cancel)
            try:
                yield from self._generate(llama, prompt, options, grammar, cancel)
            finally:
                self._cancels.discard(cancel)

    def _generate(
        self,
        llama: Llama,
        prompt: Prompt,
        options: GenerationOptions,
        grammar: LlamaGrammar | None,
        cancel: threading.Event,
    ) -> Iterator[str]:
        n_prompt = 0 if prompt.chat else self._check_fits(llama, prompt.text)
        started, pieces, finish = time.monotonic(), 0, "length"
        chunks = _start(llama, prompt, options, grammar)
        try:
            for chunk in chunks:
                if cancel.is_set():
                    finish = "cancelled"
                    break
                choice = chunk["choices"][0]
                text = choice["delta"].get("content") if prompt.chat else choice["text"]
                if text:
                    pieces += 1
                    yield text
                finish = choice.get("finish_reason") or finish
        except ValueError as exc:
            if "context window" in str(exc):  # a chat template made the prompt too long
                raise PromptTooLong(_too_long_message(self._n_ctx, None)) from exc
            raise
        finally:
            chunks.close()  # stops llama.cpp's generator at once when we broke out early
            self._last_stats = GenerationStats(n_prompt, pieces, time.monotonic() - started, finish)

    def _check_fits(self, llama: Llama, text: str) -> int:
        """The prompt's token count; ``PromptTooLong`` when no token could follow it."""
        n = _token_count(llama, text)
        if n >= self._n_ctx:
            raise PromptTooLong(_too_long_message(self._n_ctx, n))
        return n

    async def aclose(self) -> None:
        """Stop any generation and free the model; a later call loads it again."""
        for cancel in list(self._cancels):
            cancel.set()
        # Queued behind any generation on the worker, so a model in use is never freed.
        await asyncio.get_running_loop().run_in_executor(self._worker, self._free)

    def _free(self) -> None:
        if self._llama is not None:
            self._llama.close()
            self._llama = None


def _token_count(llama: Llama, text: str) -> int:
    return len(llama.tokenize(text.encode("utf-8"), add_bos=True, special=True))


def _start(
    llama: Llama, prompt: Prompt, options: GenerationOptions, grammar: LlamaGrammar | None
) -> Generator[dict[str, Any], None, None]:
    """Start a streaming completion; the returned generator does the work as it is read."""
    common: dict[str, Any] = {
        "max_tokens": options.max_tokens,
        "temperature": options.temperature,
        "stop": list(options.stop) or None,  # llama-cpp-python strips the stop string
        "grammar": grammar,
        "stream": True,
    }
    if prompt.chat:
        messages = [{"role": "system", "content": prompt.system}] if prompt.system else []
        messages.append({"role": "user", "content": prompt.user})
        chat = llama.create_chat_completion(messages=cast(Any, messages), **common)
        return cast(Generator[dict[str, Any], None, None], chat)
    return cast(Generator[dict[str, Any], None, None], llama.create_completion(prompt.text, **common))


def _too_long_message(n_ctx: int, n_tokens: int | None) -> str:
    size = f"is {n_tokens} tokens" if n_tokens is not None else "is too long"
    return (
        f"the prompt {size}, but the model's context window holds {n_ctx} tokens in all; "
        "enable fewer tools, shorten the request, or raise the context size in settings"
    )


def _open(path: Path, n_ctx: int, n_threads: int | None, chat_format: str | None) -> Llama:
    """Load a GGUF file, turning every way it can fail into our two errors."""
    if not path.is_file():
        what = "is a folder, not a .gguf file" if path.is_dir() else "does not exist"
        raise ModelNotFound(
            f"model file {path} {what}; download a model with `tinyagent models` "
            "or choose another file in settings"
        )
    with path.open("rb") as file:
        magic = file.read(4)
    if magic != _GGUF_MAGIC:
        # llama.cpp would only say "failed to load"; say what the file is not.
        start = f"it starts with {magic!r}" if magic else "it is empty"
        raise ModelLoadError(
            f"{path} is not a GGUF model file ({start}); re-download it with `tinyagent models` or rebuild it"
        )
    route_llama_logs()
    try:
        return Llama(
            model_path=str(path),
            n_ctx=n_ctx,
            n_threads=n_threads,
            chat_format=chat_format,
            verbose=False,  # llama.cpp logs every load and token batch to stderr otherwise
        )
    except (ValueError, RuntimeError, OSError, MemoryError) as exc:
        raise ModelLoadError(
            f"llama.cpp could not load {path}: the file is damaged, truncated or holds a model "
            "this llama.cpp does not support; re-download it with `tinyagent models` or rebuild it"
        ) from exc
