"""Train a small Llama-style SentencePiece BPE tokenizer on the training texts.

Settings follow Llama's tokenizer so that llama.cpp's "llama" tokenizer splits text
exactly as SentencePiece does: byte fallback (any text, including "\\n", is encodable),
digits split one by one, identity normalisation, whitespace kept, a dummy prefix.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import sentencepiece as spm

from training.gguf_export import END_OF_PLAN


def train_tokenizer(texts: Sequence[str], vocab_size: int = 512) -> spm.SentencePieceProcessor:
    """A BPE tokenizer for ``texts``; ``<END_OF_PLAN>`` is one user-defined piece.

    ``vocab_size`` is an upper bound: a small corpus yields fewer merges, and the 256
    byte pieces always exist.
    """
    # SentencePiece trains on sentences; "\n" is never inside a piece (it is <0x0A>).
    lines = sorted({line for text in texts for line in text.split("\n") if line.strip()})
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="bpe",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        byte_fallback=True,
        split_digits=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        character_coverage=1.0,
        user_defined_symbols=[END_OF_PLAN],
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        num_threads=1,  # deterministic merges
        minloglevel=2,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())
