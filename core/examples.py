"""In-context examples by similarity, as TinyAgent picks them.

The index holds training requests with their plans (``examples.jsonl``) and the
all-MiniLM-L6-v2 vectors of the requests (``examples.npy``, float16). For a request it
returns the most similar examples (cosine similarity, descending) among those whose
tools were all offered to the planner, so that no example shows a tool the prompt lacks.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tinyagent.core.embedding import SentenceEncoder, TextEncoder
from tinyagent.core.errors import ModelLoadError, ModelNotFound
from tinyagent.core.prompt import Example
from tinyagent.core.toolrag import builtin_dir, read_manifest
from tinyagent.tools.catalog import TOOL_NAMES
from tinyagent.tools.registry import ToolSpec

EXAMPLES_TEXT = "examples.jsonl"
EXAMPLES_VECTORS = "examples.npy"


def tool_mask(names: Iterable[str]) -> int:
    """A bit per tool (bit i = ``TOOL_NAMES[i]``), for fast subset tests."""
    return sum(1 << TOOL_NAMES.index(name) for name in set(names))


class ExampleIndex:
    """Training examples and their request vectors; ``nearest`` finds the usable ones."""

    def __init__(
        self, examples: Sequence[Example], vectors: npt.NDArray[np.floating], encoder: TextEncoder
    ) -> None:
        if vectors.shape != (len(examples), encoder.dim):
            raise ModelLoadError(
                f"{len(examples)} examples but vectors of shape {vectors.shape} (expected "
                f"({len(examples)}, {encoder.dim})); rebuild the index with `python -m training.toolrag`."
            )
        unknown = {t for e in examples for t in e.tools} - set(TOOL_NAMES)
        if unknown:
            raise ModelLoadError(f"examples use unknown tools {sorted(unknown)}")
        self.examples = tuple(examples)
        self.encoder = encoder
        self._vectors = np.asarray(vectors, dtype=np.float32)
        self._masks = np.array([tool_mask(e.tools) for e in examples], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.examples)

    @classmethod
    def builtin(cls, folder: Path | None = None, encoder: TextEncoder | None = None) -> ExampleIndex:
        """The shipped index (``models/toolrag``), its files checked against the manifest.

        Pass the ToolRAG's encoder (``ToolRAG.encoder``) so that the request is embedded once.
        """
        folder = builtin_dir() if folder is None else folder
        read_manifest(folder)
        return cls.load(folder, encoder)

    @classmethod
    def load(cls, folder: Path, encoder: TextEncoder | None = None) -> ExampleIndex:
        """The index saved in ``folder`` by ``save`` (the built-in one: ``models/toolrag``)."""
        text, npy = folder / EXAMPLES_TEXT, folder / EXAMPLES_VECTORS
        for path in (text, npy):
            if not path.is_file():
                raise ModelNotFound(
                    f"{path} is missing; restore models/toolrag from the repository or rebuild it "
                    "with `python -m training.toolrag`."
                )
        try:
            rows = [json.loads(line) for line in text.read_text(encoding="utf-8").splitlines() if line]
            examples = [Example(r["question"], r["plan"], frozenset(r["tools"])) for r in rows]
            vectors = np.load(npy, allow_pickle=False)
        except (ValueError, KeyError, TypeError, OSError) as error:
            raise ModelLoadError(f"The example index in {folder} is unreadable: {error}") from error
        return cls(examples, vectors, encoder or SentenceEncoder())

    def save(self, folder: Path) -> tuple[Path, Path]:
        """Write ``examples.jsonl`` and ``examples.npy`` (float16) into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        text, npy = folder / EXAMPLES_TEXT, folder / EXAMPLES_VECTORS
        lines = [
            json.dumps(
                {"question": e.question, "plan": e.plan, "tools": sorted(e.tools, key=TOOL_NAMES.index)},
                ensure_ascii=False,
            )
            for e in self.examples
        ]
        text.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        np.save(npy, self._vectors.astype(np.float16), allow_pickle=False)
        return text, npy

    def nearest(self, query: str, selected_tools: Iterable[ToolSpec | str], k: int = 4) -> list[Example]:
        """Up to ``k`` examples most similar to ``query`` whose tools are all in ``selected_tools``."""
        return [e for e, _ in self.nearest_scored(self.encoder.encode_one(query), selected_tools, k)]

    def nearest_scored(
        self, vector: npt.NDArray[np.float32], selected_tools: Iterable[ToolSpec | str], k: int
    ) -> list[tuple[Example, float]]:
        """Like ``nearest`` for an already embedded request, with the cosine similarities."""
        names = {t if isinstance(t, str) else t.name for t in selected_tools}
        allowed = tool_mask(names & set(TOOL_NAMES))
        usable = np.flatnonzero((self._masks & ~allowed) == 0)
        if k <= 0 or usable.size == 0:
            return []
        sims = self._vectors[usable] @ vector  # rows and vector are unit length: cosine
        top = np.argsort(-sims, kind="stable")[:k]
        return [(self.examples[usable[i]], float(sims[i])) for i in top]
