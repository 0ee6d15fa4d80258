"""Train the built-in planner: a small Llama, from scratch, on the generated dataset.

Stages: (prompt, plan) pairs in the engine's ``builtin`` prompt format -> a SentencePiece
BPE tokenizer trained on them -> ``LlamaForCausalLM`` trained with AdamW on CPU within a
time budget (loss on the plan tokens only) -> GGUF -> ``models/planner/manifest.json``.

    python -m training.planner --data data/ --out models/planner --minutes 40

The model only has to learn *which* tool and *where* in the request each argument comes
from: at run time the request grammar (``core/span_grammar.py``) admits only spans of the
request and the grounded dates, so it never has to spell a name it has not seen.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import sentencepiece as spm
import torch
from transformers import LlamaConfig, LlamaForCausalLM

from tinyagent.core.prompt import builtin_prompt
from training.gguf_export import export_llama, gguf_vocab, import_llama, sentencepiece_vocab
from training.tokenizer import train_tokenizer

log = logging.getLogger(__name__)
IGNORE = -100  # label of tokens the loss skips (BOS, prompt, padding)
TOKENIZER = "tokenizer.model"  # written beside planner.gguf, so that training can go on later


@dataclass(frozen=True)
class PlannerConfig:
    """Shape and schedule of the built-in planner (~3M parameters, ~12 MB as f32 GGUF)."""

    vocab_size: int = 2048  # upper bound of the BPE vocabulary (256 byte pieces included)
    dim: int = 192
    layers: int = 5
    heads: int = 6  # head_dim 32
    kv_heads: int = 2  # grouped-query attention, as in the TinyAgent Llama checkpoints
    ffn: int = 512  # a multiple of 32 (q8_0 friendly)
    max_tokens: int = 320  # longer examples are dropped (and counted)
    batch_tokens: int = 4096  # tokens per optimiser step (batches are length-bucketed)
    lr: float = 3e-3
    warmup_steps: int = 150
    min_lr_ratio: float = 0.05
    weight_decay: float = 0.01
    minutes: float = 40.0  # wall-clock training budget
    snapshot_minutes: float = 10.0  # export the model this often while training
    seed: int = 0


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """(prompt, completion) pairs from a dataset JSONL file, prompts as the engine builds them."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        now = datetime.strptime(case["now"], "%Y-%m-%d %H:%M:%S")
        prompt = builtin_prompt(case["query"], (), now).text
        pairs.append((prompt, case["plan"]))
    return pairs


def encode(
    sp: spm.SentencePieceProcessor, pairs: Sequence[tuple[str, str]], max_tokens: int
) -> list[tuple[list[int], int]]:
    """[BOS] prompt plan [EOS] token ids and where the plan starts; overlong pairs are dropped."""
    rows = []
    for prompt, completion in pairs:
        head = sp.encode(prompt)
        ids = sp.encode(prompt + completion)
        # llama.cpp tokenises the prompt alone and then generates: the plan's tokens must
        # be exactly what follows the prompt's own tokens (prompts end with "\n").
        if ids[: len(head)] != head:
            raise ValueError(f"prompt does not end on a token boundary: {prompt!r}")
        row = [sp.bos_id(), *ids, sp.eos_id()]
        if len(row) <= max_tokens:
            rows.append((row, len(head) + 1))
    return rows


def batches(
    rows: list[tuple[list[int], int]], batch_tokens: int, rng: random.Random
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Endless length-bucketed batches (little padding), reshuffled every epoch."""
    while True:
        order = sorted(range(len(rows)), key=lambda i: (len(rows[i][0]), rng.random()))
        chunks, chunk = [], []
        for i in order:
            width = len(rows[i][0])
            if chunk and (len(chunk) + 1) * width > batch_tokens:
                chunks.append(chunk)
                chunk = []
            chunk.append(i)
        if chunk:
            chunks.append(chunk)
        rng.shuffle(chunks)
        for chunk in chunks:
            yield _tensors([rows[i] for i in chunk])


def _tensors(rows: Sequence[tuple[list[int], int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), width), 2, dtype=torch.long)  # EOS as padding
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for r, (ids, start) in enumerate(rows):
        input_ids[r, : len(ids)] = torch.tensor(ids)
        labels[r, start : len(ids)] = torch.tensor(ids[start:])
    return input_ids, labels


def make_model(sp: spm.SentencePieceProcessor, config: PlannerConfig) -> LlamaForCausalLM:
    """A freshly initialised Llama of the configured shape."""
    return LlamaForCausalLM(
        LlamaConfig(
            vocab_size=sp.get_piece_size(),
            hidden_size=config.dim,
            intermediate_size=config.ffn,
            num_hidden_layers=config.layers,
            num_attention_heads=config.heads,
            num_key_value_heads=config.kv_heads,
            max_position_embeddings=2048,
            bos_token_id=sp.bos_id(),
            eos_token_id=sp.eos_id(),
            pad_token_id=None,
            tie_word_embeddings=False,
        )
    )


def _lr(step: int, progress: float, config: PlannerConfig) -> float:
    """Linear warm-up over the first steps, then cosine decay over the time budget.

    ``progress`` is the share of the time budget spent: a schedule by time, not by a step
    count guessed from early speed, still anneals fully when the machine gets busier.
    """
    if step < config.warmup_steps:
        return config.lr * (step + 1) / config.warmup_steps
    progress = min(1.0, max(0.0, progress))
    return config.lr * (
        config.min_lr_ratio + (1 - config.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress))
    )


def validation_loss(model: LlamaForCausalLM, rows: list[tuple[list[int], int]]) -> float:
    """Mean loss per plan token on held-out rows."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(rows), 64):
            input_ids, labels = _tensors(rows[start : start + 64])
            tokens = int((labels[:, 1:] != IGNORE).sum())
            total += float(model(input_ids=input_ids, labels=labels).loss) * tokens
            count += tokens
    model.train()
    return total / max(1, count)


def train(
    model: LlamaForCausalLM,
    rows: list[tuple[list[int], int]],
    val: list[tuple[list[int], int]],
    config: PlannerConfig,
    snapshot: Callable[[], None] | None = None,
) -> dict[str, float]:
    """AdamW with warm-up and cosine decay until the time budget is spent.

    ``snapshot`` is called every ``config.snapshot_minutes``: a long run leaves a usable
    model behind even if it is stopped early.
    """
    rng = random.Random(config.seed)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.lr, weight_decay=config.weight_decay, betas=(0.9, 0.95)
    )
    budget_s = config.minutes * 60
    started = time.monotonic()
    step, tokens, warm_s = 0, 0, 0.0
    last_snapshot = started
    model.train()
    for input_ids, labels in batches(rows, config.batch_tokens, rng):
        elapsed = time.monotonic() - started
        if elapsed >= budget_s:
            break
        if step == config.warmup_steps:
            warm_s = elapsed  # the cosine runs over the rest of the budget
        decay = 0.0 if step <= config.warmup_steps else (elapsed - warm_s) / max(1.0, budget_s - warm_s)
        for group in optimizer.param_groups:
            group["lr"] = _lr(step, decay, config)
        loss = model(input_ids=input_ids, labels=labels).loss
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        tokens += input_ids.numel()
        if step % 200 == 0:
            log.info(
                "step %d (%.0f%% of the time)  loss %.4f  %.0f tok/s",
                step,
                100 * elapsed / budget_s,
                loss.item(),
                tokens / (time.monotonic() - started),
            )
        if snapshot is not None and time.monotonic() - last_snapshot > config.snapshot_minutes * 60:
            snapshot()
            log.info("snapshot at step %d: val loss %.4f", step, validation_loss(model, val[:500]))
            last_snapshot = time.monotonic()
    seconds = time.monotonic() - started
    return {
        "steps": step,
        "tokens": tokens,
        "seconds": round(seconds, 1),
        "val_loss": round(validation_loss(model, val), 4),
    }


def build(
    data: Path, out: Path, config: PlannerConfig, init: Path | None = None, layers: int | None = None
) -> dict[str, Any]:
    """Train on ``data/train.jsonl`` (validated on ``val.jsonl``) and write ``out/planner.gguf``
    with its ``tokenizer.model``.

    ``init``: a folder holding an earlier ``planner.gguf`` and its ``tokenizer.model``;
    training goes on from those weights and that tokenizer (the shape is theirs, not
    ``config``'s) instead of starting from scratch.
    ``layers``: the number of decoder layers; with ``init``, the loaded model is deepened
    to it (``deepen``).
    """
    torch.manual_seed(config.seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    train_pairs, val_pairs = load_pairs(data / "train.jsonl"), load_pairs(data / "val.jsonl")
    if init is not None:
        model, sp = load_planner(init)
        log.info("going on from %s", init)
        if layers is not None and layers != model.config.num_hidden_layers:
            log.info("deepened from %d to %d layers", model.config.num_hidden_layers, layers)
            model = deepen(model, layers)
    else:
        config = config if layers is None else replace(config, layers=layers)
        sp = train_tokenizer([text for pair in train_pairs for text in pair], config.vocab_size)
    rows, val = encode(sp, train_pairs, config.max_tokens), encode(sp, val_pairs, config.max_tokens)
    log.info(
        "%d training rows (%d dropped as too long), %d validation rows, vocab %d",
        len(rows),
        len(train_pairs) - len(rows),
        len(val),
        sp.get_piece_size(),
    )
    if init is None:
        model = make_model(sp, config)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "planner.gguf"
    (out / TOKENIZER).write_bytes(sp.serialized_model_proto())

    def snapshot() -> None:
        partial = path.with_suffix(".part")
        export_llama(model.eval(), sentencepiece_vocab(sp), partial, name="tinyagent-builtin-planner")
        partial.replace(path)
        model.train()

    stats = train(model, rows, val[:2000], config, snapshot)
    snapshot()
    params = sum(p.numel() for p in model.parameters())
    shape = model.config
    return {
        "file": path.name,
        "parameters": params,
        "config": asdict(config)
        | {
            "vocab_size": sp.get_piece_size(),
            "dim": shape.hidden_size,
            "layers": shape.num_hidden_layers,
            "heads": shape.num_attention_heads,
            "kv_heads": shape.num_key_value_heads,
            "ffn": shape.intermediate_size,
        },
        "training": stats,
        "train_rows": len(rows),
    }


def deepen(model: LlamaForCausalLM, layers: int) -> LlamaForCausalLM:
    """``model`` with ``layers`` decoder layers that computes exactly what ``model`` computes.

    The added layers are copies of layers spread evenly through the stack, each placed right
    after its original, with the attention output and MLP down projections zeroed: a layer
    whose two branches add nothing to the residual stream is the identity. Training then
    grows them from there (block expansion): a trained model gets more capacity without
    starting again from scratch.
    """
    old = model.config.num_hidden_layers
    if layers < old:
        raise ValueError(f"the model has {old} layers and can only grow: {layers} asked for")
    added = layers - old
    # The layer ending each of ``added + 1`` equal stretches of the stack, the last excepted
    # (a layer appears more than once when the stack more than doubles).
    copied = [math.ceil((k + 1) * old / (added + 1)) - 1 for k in range(added)]
    config = LlamaConfig.from_dict(model.config.to_dict() | {"num_hidden_layers": layers})
    grown = LlamaForCausalLM(config)
    state = model.state_dict()
    new_state = {k: v for k, v in state.items() if not k.startswith("model.layers.")}
    target = 0
    for source in range(old):
        prefix = f"model.layers.{source}."
        for copy in range(1 + copied.count(source)):
            for key, value in state.items():
                if key.startswith(prefix):
                    name = key[len(prefix) :]
                    zeroed = copy > 0 and name in ("self_attn.o_proj.weight", "mlp.down_proj.weight")
                    new_state[f"model.layers.{target}.{name}"] = (
                        torch.zeros_like(value) if zeroed else value.clone()
                    )
            target += 1
    grown.load_state_dict(new_state, strict=True)
    return grown


def load_planner(folder: Path) -> tuple[LlamaForCausalLM, spm.SentencePieceProcessor]:
    """The model and tokenizer of a trained planner folder, checked against each other."""
    gguf_path, tokenizer_path = folder / "planner.gguf", folder / TOKENIZER
    for needed in (gguf_path, tokenizer_path):
        if not needed.exists():
            raise FileNotFoundError(f"{needed} is missing: --init needs a folder that training.planner wrote")
    sp = spm.SentencePieceProcessor(model_file=str(tokenizer_path))
    if gguf_vocab(gguf_path) != sentencepiece_vocab(sp).pieces:
        raise ValueError(f"{tokenizer_path} is not the tokenizer {gguf_path} was trained with")
    return import_llama(gguf_path), sp


def evaluate_planner(gguf: Path, cases_path: Path, toolrag_dir: Path | None = None) -> dict[str, Any]:
    """``tinyagent eval`` of the GGUF on ``cases_path`` as the app runs it (ToolRAG, request grammar)."""
    from tinyagent.core.engine import planner_options
    from tinyagent.core.evaluation import evaluate, load_cases
    from tinyagent.core.llama_cpp import LlamaCppLLM
    from tinyagent.core.planner import Planner
    from tinyagent.core.settings import Settings
    from tinyagent.core.toolrag import ToolRAG
    from tinyagent.tools.registry import REGISTRY

    llm = LlamaCppLLM(gguf, n_ctx=1024, n_threads=1)  # as the app runs it (core/engine.py)
    select = (
        ToolRAG.builtin(toolrag_dir) if toolrag_dir and (toolrag_dir / "manifest.json").exists() else None
    )
    options = planner_options(Settings(), "builtin")
    planner = Planner(llm, options, prompt_builder=builtin_prompt, select_tools=select)
    tools = sorted(REGISTRY.values(), key=lambda s: s.index)
    report = asyncio.run(evaluate(planner, load_cases(cases_path), tools, select))
    return report.to_json()


def sha256(path: Path) -> str:
    """The file's SHA-256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(
    folder: Path,
    built: dict[str, Any],
    report: dict[str, Any],
    *,
    command: str,
    data_seed: int,
    continued_from: dict[str, Any] | None = None,
    extra_eval: dict[str, Any] | None = None,
) -> Path:
    """``manifest.json`` beside the GGUF: checksum, size, shape, how it was made, how it scored.

    ``continued_from``: the earlier manifest's record when training went on from it
    (``--init``), so the whole history of the weights stays on file.
    ``extra_eval``: more evaluations by name (e.g. the hand-written requests).
    """
    files = [folder / str(built["file"])] + ([folder / TOKENIZER] if (folder / TOKENIZER).exists() else [])
    manifest: dict[str, Any] = {
        "name": "builtin-planner",
        "kind": "planner",
        "format": "gguf",
        "prompt_format": "builtin",
        "files": [{"path": f.name, "sha256": sha256(f), "size": f.stat().st_size} for f in files],
        "parameters": built["parameters"],
        "architecture": "llama",
        "config": built["config"],
        "training": built["training"],
        "training_command": command,
        "data_seed": data_seed,
    }
    if continued_from is not None:
        manifest["continued_from"] = continued_from
    manifest["eval"] = {"split": "test", "summary": report["summary"], "by_tag": report["by_tag"]}
    for name, extra in (extra_eval or {}).items():
        manifest[f"eval_{name}"] = extra
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """CLI: train the built-in planner and print what was built."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with train.jsonl and val.jsonl")
    parser.add_argument("--out", type=Path, required=True, help="folder to write planner.gguf into")
    parser.add_argument("--minutes", type=float, default=PlannerConfig.minutes)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lr", type=float, default=PlannerConfig.lr, help="peak learning rate")
    parser.add_argument(
        "--init",
        type=Path,
        metavar="DIR",
        help="go on training the planner in DIR (planner.gguf + tokenizer.model) instead of a new one",
    )
    parser.add_argument(
        "--layers",
        type=int,
        metavar="N",
        help=f"decoder layers (default {PlannerConfig.layers}); with --init, the model is deepened to N "
        "layers that start as copies computing what it computed",
    )
    args = parser.parse_args(argv)
    if args.layers is not None and args.layers < 1:
        parser.error("--layers must be at least 1")
    if args.init is not None:  # a wrong folder or shape is said now, not after loading the data
        try:
            have = load_planner(args.init)[0].config.num_hidden_layers
        except (FileNotFoundError, ValueError) as error:
            parser.error(str(error))
        if args.layers is not None and args.layers < have:
            parser.error(
                f"--layers {args.layers}: the planner in {args.init} has {have} layers and can only grow"
            )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    config = PlannerConfig(minutes=args.minutes, seed=args.seed, lr=args.lr)
    print(json.dumps(build(args.data, args.out, config, args.init, args.layers), indent=2))


if __name__ == "__main__":
    main()
