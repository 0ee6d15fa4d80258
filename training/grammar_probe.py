"""Ask llama.cpp's own grammar engine whether a text is in a GBNF grammar.

A vocabulary-only GGUF of byte tokens lets every text be fed one byte at a time, so
the answer is exactly what constrained sampling would allow: a text is accepted when
each byte survives the grammar sampler and end-of-sequence is allowed after the last.
The probe never calls ``accept`` on a rejected byte, which llama.cpp would abort on.
"""

from __future__ import annotations

import ctypes
import math
import random
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from llama_cpp import llama_cpp as lib

from tinyagent.core.llama_log import route_llama_logs
from training.gguf_export import byte_vocab, write_vocab_only

_FIRST_BYTE_ID = 3  # after <unk>, <s>, </s> in byte_vocab()
_EOS_ID = 2
_END_OF_PLAN_ID = 3 + 256
# Bytes a random walk may draw: printable ASCII, the control bytes the grammar must
# refuse, and enough UTF-8 lead/continuation bytes to spell é, NBSP, NEL, U+2028 and
# others (some are whitespace, which the grammar treats specially).
SAMPLE_BYTES = (*range(0x20, 0x7F), *b"\x00\x01\t\n\r\x1f\x7f\xc2\xc3\xe2\x80\x85\xa0\xa8\xa9")


@dataclass(frozen=True)
class Verdict:
    """Whether a text is in the grammar, and if not, the byte offset where it left it."""

    accepted: bool
    failed_at: int | None = None  # None: every byte fit, but the text cannot end there

    def __bool__(self) -> bool:
        return self.accepted


class GrammarProbe:
    """Holds a byte vocabulary loaded in llama.cpp; ``check`` matches texts against grammars."""

    def __init__(self) -> None:
        route_llama_logs()  # no load-time chatter; the probe reports failures itself
        with tempfile.TemporaryDirectory() as tmp:
            path = write_vocab_only(byte_vocab(), Path(tmp) / "bytes.gguf")
            params = lib.llama_model_default_params()
            params.vocab_only = True
            self._model = lib.llama_model_load_from_file(str(path).encode(), params)
        if not self._model:
            raise RuntimeError("llama.cpp could not load the byte vocabulary")
        self._vocab = lib.llama_model_get_vocab(self._model)

    def close(self) -> None:
        """Free the vocabulary."""
        if self._model:
            lib.llama_model_free(self._model)
            self._model = None

    def check(self, gbnf: str, text: str, *, end_of_plan_token: bool = False) -> Verdict:
        """Feed ``text`` through a grammar sampler for ``gbnf`` (which must be valid).

        end_of_plan_token: send "<END_OF_PLAN>" as the one special token, as a trained
        model does, instead of its 13 bytes.
        """
        sampler = lib.llama_sampler_init_grammar(self._vocab, gbnf.encode(), b"root")
        if not sampler:
            raise ValueError("the grammar does not parse; validate it first")
        try:
            for offset, token in _tokens(text, end_of_plan_token):
                if not self._allows(sampler, token):
                    return Verdict(False, offset)
                lib.llama_sampler_accept(sampler, token)
            return Verdict(True) if self._allows(sampler, _EOS_ID) else Verdict(False, None)
        finally:
            lib.llama_sampler_free(sampler)

    def sample(
        self, gbnf: str, rng: random.Random, weights: Mapping[int, float], max_bytes: int = 20_000
    ) -> str:
        """A random text of the grammar: draw allowed bytes (weighted) until the text can end.

        The walk stops as soon as end-of-sequence is allowed, like a model that has
        finished; ``weights`` (byte -> weight, default 1) steer it towards closing
        quotes and lines so that texts stay short.
        """
        sampler = lib.llama_sampler_init_grammar(self._vocab, gbnf.encode(), b"root")
        if not sampler:
            raise ValueError("the grammar does not parse; validate it first")
        out = bytearray()
        try:
            while not self._allows(sampler, _EOS_ID):
                allowed = [b for b in SAMPLE_BYTES if self._allows(sampler, _FIRST_BYTE_ID + b)]
                if not allowed or len(out) >= max_bytes:
                    raise AssertionError(f"the walk is stuck after {bytes(out)!r}")
                byte = rng.choices(allowed, [weights.get(b, 1.0) for b in allowed])[0]
                lib.llama_sampler_accept(sampler, _FIRST_BYTE_ID + byte)
                out.append(byte)
        finally:
            lib.llama_sampler_free(sampler)
        return out.decode("utf-8")

    @staticmethod
    def _allows(sampler: lib.llama_sampler_p, token: int) -> bool:
        data = (lib.llama_token_data * 1)(lib.llama_token_data(token, 0.0, 0.0))
        array = lib.llama_token_data_array(data, 1, -1, False)
        lib.llama_sampler_apply(sampler, ctypes.byref(array))
        return not math.isinf(data[0].logit)


def _tokens(text: str, end_of_plan_token: bool) -> list[tuple[int, int]]:
    """(byte offset, token id) pairs for ``text``."""
    raw = text.encode("utf-8")
    marker = b"<END_OF_PLAN>"
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        if end_of_plan_token and raw.startswith(marker, i):
            out.append((i, _END_OF_PLAN_ID))
            i += len(marker)
        else:
            out.append((i, _FIRST_BYTE_ID + raw[i]))
            i += 1
    return out
