"""ToolRAG: which of the 16 tools to offer the planner for a request.

A multi-label classifier (``core.classifiers``) scores every tool for the request, 16
sigmoid outputs in the published label order (``TOOL_NAMES``); a tool is offered when its
probability is above the threshold (0.5, as TinyAgent does) and it is enabled. The built-in
classifier is ``models/toolrag`` (checked against its manifest); a TinyAgent-ToolRAG
checkpoint folder (DeBERTa-v3-small) can be used unchanged instead.

When no enabled tool passes the threshold the request is either chit-chat (no tool scores
even ``chitchat_below``: nothing is offered and the planner answers with ``join()``) or a
request the classifier is unsure about: then the ``fallback_k`` best-scoring enabled tools
are offered, because a missing tool makes the plan fail while an extra one only costs
prompt tokens. The in-context example retriever is ``core.examples.ExampleIndex``.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinyagent.core.classifiers import SequenceClassifierScorer, ToolScorer, TunedScorer
from tinyagent.core.embedding import SentenceEncoder, file_sha256
from tinyagent.core.errors import ModelLoadError, ModelNotFound
from tinyagent.core.intents import split_intents, split_topics, starts_a_request
from tinyagent.tools.catalog import TOOL_NAMES
from tinyagent.tools.registry import ToolSpec

MODEL_FORMAT = "tinyagent-toolrag/1"
TRAIN_COMMAND = "python -m training.toolrag"


@dataclass(frozen=True)
class ToolRAGOptions:
    """How probabilities become a selection."""

    threshold: float = 0.5  # a tool is offered when its probability is above this
    # No tool above this either: the request needs no tool (chit-chat, a knowledge question).
    chitchat_below: float = 0.1
    # Nothing above the threshold but something above chitchat_below: offer this many.
    fallback_k: int = 3
    # Score each clause of a request of several too, and keep each tool's highest probability.
    per_clause: bool = True


class SelectionReason(enum.Enum):
    """Why a selection holds the tools it holds."""

    THRESHOLD = "above threshold"
    FALLBACK = "best-scoring (none above threshold)"
    CHITCHAT = "no tool needed"


@dataclass(frozen=True)
class ToolSelection:
    """The tools offered for one request, and the scores they were chosen by."""

    tools: tuple[ToolSpec, ...]  # in label order
    probabilities: tuple[float, ...]  # one per label, ``TOOL_NAMES`` order
    reason: SelectionReason

    def probability(self, name: str) -> float:
        """The classifier's probability for the tool called ``name``."""
        return self.probabilities[TOOL_NAMES.index(name)]


def choose(
    scores: Sequence[float], enabled: Sequence[int], options: ToolRAGOptions
) -> tuple[tuple[int, ...], SelectionReason]:
    """The label indices to offer among ``enabled``, in ascending order, and why.

    Above the threshold if any enabled tool is; else nothing when no tool at all reaches
    ``chitchat_below``; else the ``fallback_k`` best enabled ones. An index the classifier
    has no output for (a tool it does not know) is always offered: it cannot be ruled out.
    """
    chosen = [i for i in enabled if i >= len(scores) or scores[i] > options.threshold]
    if chosen:
        return tuple(sorted(chosen)), SelectionReason.THRESHOLD
    if max(scores, default=0.0) < options.chitchat_below:
        return (), SelectionReason.CHITCHAT
    best = sorted(enabled, key=lambda i: -scores[i])[: options.fallback_k]
    return tuple(sorted(best)), SelectionReason.FALLBACK


def builtin_dir() -> Path:
    """Where the built-in ToolRAG model lives (``$TINYAGENT_BUILTIN_MODELS`` overrides it)."""
    from tinyagent.core.models import builtin_root

    return builtin_root() / "toolrag"


def read_manifest(folder: Path) -> dict[str, Any]:
    """``manifest.json`` of a ToolRAG model folder, every file it lists checked by size and SHA-256."""
    path = folder / "manifest.json"
    if not path.is_file():
        raise ModelNotFound(
            f"No ToolRAG model in {folder} (manifest.json is missing); restore models/toolrag from the "
            f"repository or train one with `{TRAIN_COMMAND}`."
        )
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        files: dict[str, dict[str, Any]] = manifest["files"]
    except (ValueError, KeyError, TypeError) as error:
        raise ModelLoadError(f"{path} is not a valid ToolRAG manifest: {error}") from error
    if manifest.get("format") != MODEL_FORMAT or manifest.get("labels") != list(TOOL_NAMES):
        raise ModelLoadError(
            f"{path} describes a {manifest.get('format')!r} model with labels {manifest.get('labels')}; this "
            f"version needs {MODEL_FORMAT!r} in the order of TOOL_NAMES. Retrain it: `{TRAIN_COMMAND}`."
        )
    if manifest.get("head") not in files:
        raise ModelLoadError(f"{path} names no head file among its files; retrain it with `{TRAIN_COMMAND}`.")
    for name, meta in files.items():
        file = folder / name
        if not file.is_file():
            raise ModelNotFound(f"{file} is missing; restore models/toolrag from the repository.")
        if file.stat().st_size != meta["size"] or file_sha256(file) != meta["sha256"]:
            raise ModelLoadError(
                f"{file} does not match its manifest (size or SHA-256 differ): the file is corrupt or "
                f"was replaced. Restore it from the repository or retrain with `{TRAIN_COMMAND}`."
            )
    return manifest


def read_head(path: Path) -> dict[str, Any]:
    """The tensors of a head file (ModelLoadError when it is not safetensors)."""
    from safetensors import SafetensorError
    from safetensors.numpy import load_file

    try:
        return dict(load_file(str(path)))
    except (SafetensorError, OSError, ValueError) as error:
        raise ModelLoadError(f"{path} is not a ToolRAG head file: {error}") from error


class ToolRAG:
    """Offers the planner the tools a request needs; usable as the agent's ``select_tools``."""

    def __init__(self, scorer: ToolScorer, options: ToolRAGOptions = ToolRAGOptions()) -> None:
        self.scorer = scorer
        self.options = options
        # The planner asks again for each piece of a split request, which the whole request's
        # selection has already scored: recent texts are scored once.
        self._scores = functools.lru_cache(maxsize=32)(self._score)

    def _score(self, text: str) -> tuple[float, ...]:
        return tuple(float(p) for p in self.scorer.probabilities(text))

    @classmethod
    def builtin(
        cls,
        folder: Path | None = None,
        *,
        encoder: SentenceEncoder | None = None,
        options: ToolRAGOptions | None = None,
    ) -> ToolRAG:
        """The shipped classifier (``models/toolrag``), its files checked against the manifest.

        The head is read now (a few MB); the encoder loads on first use (or ``load()``).
        Without ``options``, the selection options the head was calibrated with.
        """
        folder = builtin_dir() if folder is None else folder
        manifest = read_manifest(folder)
        scorer = TunedScorer(encoder or SentenceEncoder(), read_head(folder / manifest["head"]))
        if options is None:
            try:
                options = ToolRAGOptions(**manifest.get("options", {}))
            except TypeError as error:
                raise ModelLoadError(f"{folder / 'manifest.json'} has unknown options: {error}") from error
        return cls(scorer, options)

    @classmethod
    def from_checkpoint(cls, folder: Path, options: ToolRAGOptions = ToolRAGOptions()) -> ToolRAG:
        """A TinyAgent-ToolRAG checkpoint folder, used unchanged (its weights load on first use)."""
        return cls(SequenceClassifierScorer(folder), options)

    @property
    def encoder(self) -> SentenceEncoder | None:
        """The sentence encoder the classifier runs on (share it with ``ExampleIndex``), if any."""
        return self.scorer.encoder if isinstance(self.scorer, TunedScorer) else None

    def load(self) -> None:
        """Load the models now (e.g. in a background thread at start-up), not on the first request."""
        self.scorer.load()

    def classify(self, query: str, tools: Sequence[ToolSpec]) -> ToolSelection:
        """The enabled ``tools`` to offer for ``query``, with the probabilities and the reason.

        A request of several pieces or clauses (``core.intents.split_topics`` and
        ``split_intents``) is also scored piece by piece and clause by clause, and a tool's
        probability is its highest: in "email Sunita the tax forms,
        put call the accountant on my Admin list, and show me H&R Block" the reminder is
        clear in its own clause and drowned in the whole.
        """
        scores = self._scores(query)
        parts: list[str] = []
        if self.options.per_clause:
            pieces = split_topics(query)
            parts = list(pieces) if len(pieces) > 1 else []
            for piece in pieces:
                clauses = split_intents(piece)
                if len(clauses) > 1:  # not "I always forget things like this.": it reads as a reply
                    parts += [c for c in clauses if starts_a_request(c)]
        for part in parts:
            scores = tuple(max(a, b) for a, b in zip(scores, self._scores(part)))
        by_index = {s.index: s for s in tools}
        chosen, reason = choose(scores, sorted(by_index), self.options)
        return ToolSelection(tuple(by_index[i] for i in chosen), scores, reason)

    def select(self, query: str, tools: Sequence[ToolSpec]) -> tuple[ToolSpec, ...]:
        """The enabled ``tools`` to offer the planner for ``query``, in label order."""
        return self.classify(query, tools).tools

    def __call__(self, query: str, tools: Sequence[ToolSpec]) -> tuple[ToolSpec, ...]:
        """``select``: a ToolRAG is the agent's ``select_tools`` callable."""
        return self.select(query, tools)
