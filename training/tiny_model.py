"""Build a tiny Llama planner GGUF that has memorised a few (prompt, plan) pairs.

It exists so that tests can run the real llama.cpp path (load, tokenise, grammar,
stream, stop, cancel) on a model that gives known answers, in about a minute on a
2-core CPU. Stages: SentencePiece tokenizer (``training.tokenizer``) -> transformers
``LlamaForCausalLM`` trained with torch until every completion token is predicted with
high probability -> GGUF (``training.gguf_export``). Seeded and deterministic.

    python -m training.tiny_model --out tiny-planner.gguf
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import LlamaConfig, LlamaForCausalLM

from training.gguf_export import export_llama, sentencepiece_vocab
from training.tiny_pairs import TINY_PLANNER_PAIRS, tiny_prompt
from training.tokenizer import train_tokenizer

log = logging.getLogger(__name__)
IGNORE = -100  # label of tokens the loss skips (BOS, prompt, padding)


@dataclass(frozen=True)
class TinyConfig:
    """Shape and training settings of the tiny planner (~0.5M parameters)."""

    vocab_size: int = 512  # upper bound; ~10 pairs give ~450 pieces incl. 256 bytes
    dim: int = 128
    layers: int = 2
    heads: int = 4  # head_dim 32
    kv_heads: int = 2  # grouped-query attention, as in TinyAgent's Llama checkpoints
    ffn: int = 352  # a multiple of 32 so q8_0 quantisation would also work
    max_positions: int = 2048  # RoPE has no parameters: cheap to allow long contexts
    lr: float = 3e-3
    check_every: int = 20  # steps between confidence checks
    # Training stops once every completion token has at least this probability, so
    # that llama.cpp's slightly different float arithmetic keeps the same argmax.
    min_prob: float = 0.9


@dataclass(frozen=True)
class _Batch:
    input_ids: torch.Tensor  # (n_pairs, max_len), right-padded
    labels: torch.Tensor  # (n_pairs, max_len), IGNORE outside completions


def _encode(sp: spm.SentencePieceProcessor, pairs: Sequence[tuple[str, str]]) -> _Batch:
    """[BOS] prompt completion [EOS] per pair; loss only on completion and EOS."""
    rows: list[tuple[list[int], int]] = []
    for prompt, completion in pairs:
        head = sp.encode(prompt)
        ids = sp.encode(prompt + completion)
        # llama.cpp tokenises only the prompt and then generates, so the completion's
        # tokens must be what follows the prompt's own tokens in the joint encoding.
        if ids[: len(head)] != head:
            raise ValueError(f"prompt must end on a token boundary (end it with a newline): {prompt!r}")
        rows.append(([sp.bos_id(), *ids, sp.eos_id()], len(head) + 1))
    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), width), sp.eos_id(), dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for r, (ids, start) in enumerate(rows):
        input_ids[r, : len(ids)] = torch.tensor(ids)
        labels[r, start : len(ids)] = torch.tensor(ids[start:])
    return _Batch(input_ids, labels)


def _min_target_prob(model: LlamaForCausalLM, batch: _Batch) -> float:
    """The smallest probability the model gives a completion token (teacher-forced).

    Above 0.5 everywhere means greedy decoding reproduces every completion.
    """
    with torch.no_grad():
        logits = model(input_ids=batch.input_ids).logits[:, :-1]  # (n, len-1, vocab)
    targets = batch.labels[:, 1:]
    mask = targets != IGNORE
    probs = logits.softmax(-1).gather(-1, targets.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    return float(probs[mask].min())


def _train(model: LlamaForCausalLM, batch: _Batch, config: TinyConfig, steps: int) -> int:
    """Full-batch AdamW until confident or ``steps``; returns the steps taken."""
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=0.0)
    for step in range(1, steps + 1):
        model.train()
        loss = model(input_ids=batch.input_ids, labels=batch.labels).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % config.check_every == 0:
            model.eval()
            worst = _min_target_prob(model, batch)
            log.info("step %d loss %.4f min p %.3f", step, loss.item(), worst)
            if worst >= config.min_prob:
                return step
    raise RuntimeError(
        f"the tiny planner did not learn its {len(batch.input_ids)} pairs in {steps} steps; "
        "raise steps or the model size"
    )


def build_tiny_planner(
    pairs: Sequence[tuple[str, str]],
    out_path: Path | str,
    *,
    steps: int = 1500,
    seed: int = 0,
    config: TinyConfig = TinyConfig(),
) -> Path:
    """Train a tiny Llama on (prompt_text, completion_text) pairs and write it as GGUF.

    Greedy decoding of each prompt reproduces its completion, followed by EOS.
    ``steps`` is an upper bound; raises ``RuntimeError`` when it is not enough.
    """
    out = Path(out_path)
    torch.manual_seed(seed)
    sp = train_tokenizer([text for pair in pairs for text in pair], config.vocab_size)
    batch = _encode(sp, pairs)
    model = LlamaForCausalLM(
        LlamaConfig(
            vocab_size=sp.get_piece_size(),
            hidden_size=config.dim,
            intermediate_size=config.ffn,
            num_hidden_layers=config.layers,
            num_attention_heads=config.heads,
            num_key_value_heads=config.kv_heads,
            max_position_embeddings=config.max_positions,
            bos_token_id=sp.bos_id(),
            eos_token_id=sp.eos_id(),
            pad_token_id=None,
            tie_word_embeddings=False,
        )
    )
    started = time.monotonic()
    taken = _train(model, batch, config, steps)
    log.info("trained in %d steps, %.1f s", taken, time.monotonic() - started)
    out.parent.mkdir(parents=True, exist_ok=True)
    return export_llama(model.eval(), sentencepiece_vocab(sp), out)


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: build the tiny planner on ``TINY_PLANNER_PAIRS``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="GGUF file to write")
    parser.add_argument("--steps", type=int, default=1500, help="upper bound on training steps")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pairs = [(tiny_prompt(request), plan) for request, plan in TINY_PLANNER_PAIRS]
    started = time.monotonic()
    path = build_tiny_planner(pairs, args.out, steps=args.steps, seed=args.seed)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
