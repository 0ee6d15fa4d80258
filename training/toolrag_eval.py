"""How tool selectors do on a split, and the ablation table of ``training.toolrag --ablation``.

The table follows the TinyAgent paper's Table 1 idea: for each way of choosing the tools
to show the planner, how many tools it offers and how many of the needed ones it keeps.
``tinyagent eval --ablation`` (``core/ablation.py``) runs the planner behind rows (a), (b)
and (c) and adds prompt tokens and plan success; its basic RAG searches the shipped example
index rather than the whole train split used here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn

from tinyagent.core.classifiers import sigmoid
from tinyagent.core.toolrag import SelectionReason, ToolRAGOptions, choose

if TYPE_CHECKING:
    from training.toolrag import Encoded, Split, TrainConfig

N_LABELS = 16


@dataclass(frozen=True)
class Metrics:
    """How a tool selector did on a split."""

    requests: int
    tool_requests: int  # requests whose gold plan calls at least one tool
    recall: float  # mean fraction of gold tools offered, over tool requests
    all_gold: float  # fraction of tool requests offered every gold tool
    avg_tools: float  # tools offered per request, all requests
    avg_tools_tool_requests: float
    avg_gold_tools: float  # gold tools per tool request
    no_tool_offered_nothing: float  # fraction of no-tool requests (chit-chat) offered nothing
    fallback: float  # fraction of requests that fell back to the best-scoring tools


def measure(offered: np.ndarray, labels: np.ndarray, fallback: np.ndarray | None = None) -> Metrics:
    """``offered`` (n, 16) 0/1 against the gold ``labels`` (n, 16)."""
    has = labels.sum(1) > 0
    hit = ((offered > 0) & (labels > 0)).sum(1)
    count = offered.sum(1)
    return Metrics(
        requests=len(labels),
        tool_requests=int(has.sum()),
        recall=float((hit[has] / labels[has].sum(1)).mean()),
        all_gold=float((hit[has] == labels[has].sum(1)).mean()),
        avg_tools=float(count.mean()),
        avg_tools_tool_requests=float(count[has].mean()),
        avg_gold_tools=float(labels[has].sum(1).mean()),
        no_tool_offered_nothing=float((count[~has] == 0).mean()) if (~has).any() else 1.0,
        fallback=float(fallback.mean()) if fallback is not None else 0.0,
    )


def select_all(probs: np.ndarray, options: ToolRAGOptions) -> tuple[np.ndarray, np.ndarray]:
    """What ``ToolRAG.select`` offers with every tool enabled, (n, 16) 0/1, and the fallback flags."""
    offered = np.zeros_like(probs)
    fallback = np.zeros(len(probs), dtype=bool)
    everything = list(range(N_LABELS))
    for i, row in enumerate(probs):
        chosen, reason = choose(row.tolist(), everything, options)
        offered[i, list(chosen)] = 1.0
        fallback[i] = reason is SelectionReason.FALLBACK
    return offered, fallback


def embedding_retrieval(
    train_vectors: np.ndarray, train_labels: np.ndarray, vectors: np.ndarray, k: int
) -> np.ndarray:
    """Basic RAG: the union of the tools of the ``k`` most similar train requests, (n, 16)."""
    offered = np.zeros((len(vectors), N_LABELS), dtype=np.float32)
    for start in range(0, len(vectors), 512):
        sims = vectors[start : start + 512] @ train_vectors.T  # (batch, n_train): cosine
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        offered[start : start + 512] = train_labels[top].max(axis=1)
    return offered


def frozen_head_logits(train_x: np.ndarray, train_y: np.ndarray, x: np.ndarray, seed: int) -> np.ndarray:
    """A baseline: an MLP (384-256-16) on the frozen sentence vectors, trained 30 epochs."""
    torch.manual_seed(seed)
    model = nn.Sequential(
        nn.Dropout(0.1), nn.Linear(train_x.shape[1], 256), nn.ReLU(), nn.Linear(256, N_LABELS)
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.full((N_LABELS,), 3.0))
    xs, ys = torch.from_numpy(train_x), torch.from_numpy(train_y)
    order = torch.Generator().manual_seed(seed)
    for _ in range(30):
        for batch in torch.randperm(len(xs), generator=order).split(128):
            loss = loss_fn(model(xs[batch]), ys[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.inference_mode():
        return model.eval()(torch.from_numpy(x)).numpy()


def _row(name: str, m: Metrics) -> str:
    return (
        f"| {name:<50} | {m.avg_tools:5.2f} | {m.avg_tools_tool_requests:6.2f} | {m.recall:.4f} "
        f"| {m.all_gold:.4f} | {m.no_tool_offered_nothing:12.3f} |"
    )


def ablation_table(
    data: dict[str, Split],
    encoded: dict[str, Encoded],
    logits: np.ndarray,
    manifest: dict[str, Any],
    cfg: TrainConfig,
) -> str:
    """Tools offered and recall on test for every selector; ``logits``: the stored classifier's."""
    from training.toolrag import calibrate, held_out_styles

    train, labels = data["train"], data["test"].labels
    rows: list[tuple[str, Metrics]] = [("(a) all tools", measure(np.ones_like(labels), labels))]
    for k in (1, 3, 5):
        offered = embedding_retrieval(encoded["train"].vectors, train.labels, encoded["test"].vectors, k)
        rows.append((f"(b) embedding retrieval, tools of top-{k} examples", measure(offered, labels)))
    # The frozen-vector head, calibrated the same way as the shipped classifier.
    held_styles = held_out_styles(train.styles, cfg.calibration_styles, cfg.seed)
    held = np.array([bool(set(s.split("+")) & set(held_styles)) for s in train.styles])
    x = encoded["train"].vectors
    frozen_held = frozen_head_logits(x[~held], train.labels[~held], x[held], cfg.seed)
    frozen_offset = calibrate(frozen_held, train.labels[held], cfg.target_recall)
    frozen = frozen_head_logits(x, train.labels, encoded["test"].vectors, cfg.seed)
    rows.append(
        ("(c0) MLP on frozen sentence vector, p > 0.5", measure((frozen > 0).astype(np.float32), labels))
    )
    rows.append(
        (
            f"(c0) same, calibrated (offset {frozen_offset:.1f})",
            measure((frozen + frozen_offset > 0).astype(np.float32), labels),
        )
    )
    offset = manifest["calibration"]["logit_offset"]
    rows.append(
        (
            "(c) tuned top layers, uncalibrated, p > 0.5",
            measure((logits - offset > 0).astype(np.float32), labels),
        )
    )
    rows.append(
        (
            f"(c) tuned top layers, calibrated (offset {offset:.1f})",
            measure((logits > 0).astype(np.float32), labels),
        )
    )
    offered, fallback = select_all(sigmoid(logits), ToolRAGOptions(**manifest["options"]))
    rows.append(("(c) + fallback and chit-chat rule (ToolRAG.select)", measure(offered, labels, fallback)))
    need = int((labels.sum(1) > 0).sum())
    header = [
        f"ToolRAG ablation on the test split ({len(labels)} requests, {need} need a tool)",
        "tools: offered per request; tools*: per request that needs a tool;",
        "recall: mean share of gold tools offered; all gold: share of requests offered every gold tool;",
        "chit-chat->0: share of no-tool requests offered no tool",
        f"| {'tool selector':<50} | tools | tools* | recall | all gold | chit-chat->0 |",
        f"|{'-' * 52}|-------|--------|--------|----------|--------------|",
    ]
    return "\n".join(header + [_row(name, m) for name, m in rows])
