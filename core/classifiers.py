"""The multi-label tool classifiers behind ToolRAG: request in, 16 probabilities out.

- ``TunedScorer``, the built-in one: all-MiniLM-L6-v2 whose top layers were fine-tuned for
  the 16 tools (``training.toolrag``). The packaged encoder's lower layers are shared with
  the example retriever: one forward pass gives the request's sentence vector (the 6
  original layers) and its token states below the tuned layers, which the tuned layers and
  a linear layer over their mean turn into 16 logits. Only the tuned layers and the linear
  layer are stored (``models/toolrag/head.safetensors``, float16).
- ``SequenceClassifierScorer``: a TinyAgent-ToolRAG checkpoint used unchanged, i.e. any
  Hugging Face ``AutoModelForSequenceClassification`` folder with 16 labels
  (DeBERTa-v3-small for the published one), fed the raw request as TinyAgent does.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from tinyagent.core.embedding import SentenceEncoder, quiet_loading
from tinyagent.core.errors import ModelLoadError, ModelNotFound
from tinyagent.tools.catalog import TOOL_NAMES

Probabilities = npt.NDArray[np.float32]
"""Per-tool probabilities, shape (16,), indexed like ``TOOL_NAMES``."""

_LAYER_KEY = re.compile(r"^layers\.(\d+)\.(.+)$")


class ToolScorer(Protocol):
    """A multi-label classifier over the 16 tools."""

    def probabilities(self, query: str) -> Probabilities:
        """Per-tool probabilities for ``query``, in ``TOOL_NAMES`` order."""
        ...

    def load(self) -> None:
        """Load the model now rather than on the first request."""
        ...


def sigmoid(logits: npt.NDArray[np.floating]) -> npt.NDArray[np.float32]:
    """The logistic function, stable for large magnitudes."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * np.asarray(logits, dtype=np.float64))), dtype=np.float32)


def tuned_layer_count(tensors: Mapping[str, npt.NDArray[Any]]) -> int:
    """How many top layers a head file holds; ValueError when it is not a head file."""
    indices = {int(m.group(1)) for m in map(_LAYER_KEY.match, tensors) if m}
    weight, bias = tensors.get("classifier.weight"), tensors.get("classifier.bias")
    if weight is None or bias is None or weight.ndim != 2 or bias.shape != (weight.shape[0],):
        raise ValueError("no classifier.weight / classifier.bias pair")
    if weight.shape[0] != len(TOOL_NAMES):
        raise ValueError(f"the classifier has {weight.shape[0]} outputs, not {len(TOOL_NAMES)}")
    if not indices or indices != set(range(len(indices))):
        raise ValueError(f"tuned layers {sorted(indices)} are not numbered 0..n-1")
    if len(tensors) != 2 + sum(1 for k in tensors if _LAYER_KEY.match(k)):
        raise ValueError(f"unexpected tensors {sorted(k for k in tensors if not k.startswith('layers.'))}")
    return len(indices)


class TunedScorer:
    """The built-in classifier: the packaged MiniLM with its top layers replaced by tuned ones."""

    def __init__(self, encoder: SentenceEncoder, tensors: Mapping[str, npt.NDArray[Any]]) -> None:
        try:
            self.tuned = tuned_layer_count(tensors)
        except ValueError as error:
            raise ModelLoadError(f"The ToolRAG head is not valid: {error}; retrain it.") from error
        self.encoder = encoder
        self._tensors = dict(tensors)
        self._lock = threading.Lock()
        self._layers: list[Any] | None = None
        self._classifier: tuple[Any, Any] | None = None

    def load(self) -> None:
        """Load the encoder and build the tuned layers."""
        with self._lock:
            self._build_locked()

    def _build_locked(self) -> None:
        if self._layers is not None:
            return
        import torch

        originals = self.encoder.layers()
        start = len(originals) - self.tuned
        if start < 0:
            raise ModelLoadError(
                f"The ToolRAG head tunes {self.tuned} layers; the encoder has {len(originals)}."
            )
        layers = []
        for j in range(self.tuned):
            layer = copy.deepcopy(originals[start + j])
            prefix = f"layers.{j}."
            state = {
                k.removeprefix(prefix): torch.from_numpy(np.asarray(v, dtype=np.float32))
                for k, v in self._tensors.items()
                if k.startswith(prefix)
            }
            try:
                layer.load_state_dict(state, strict=True)
            except RuntimeError as error:
                raise ModelLoadError(
                    f"The ToolRAG head does not fit this encoder's layers: {error}; retrain it."
                ) from error
            layers.append(layer.eval())
        weight = torch.from_numpy(np.asarray(self._tensors["classifier.weight"], dtype=np.float32))
        bias = torch.from_numpy(np.asarray(self._tensors["classifier.bias"], dtype=np.float32))
        if weight.shape[1] != self.encoder.dim:
            raise ModelLoadError(
                f"The ToolRAG head reads {weight.shape[1]}-d states, not {self.encoder.dim}."
            )
        self._layers, self._classifier = layers, (weight, bias)
        self._tensors = {}  # now held by the layers

    def probabilities(self, query: str) -> Probabilities:
        """Per-tool probabilities for ``query``."""
        import torch

        with self._lock:
            self._build_locked()
        assert self._layers is not None and self._classifier is not None
        encoding = self.encoder.encoding(query)
        hidden = encoding.hidden_states[len(encoding.hidden_states) - 1 - self.tuned]  # (1, tokens, dim)
        weight, bias = self._classifier
        with torch.inference_mode():
            for layer in self._layers:
                hidden = layer(hidden, None)  # one text: no padding, no mask
            logits = hidden.mean(dim=1)[0] @ weight.T + bias  # (16,)
        return sigmoid(logits.numpy())


class SequenceClassifierScorer:
    """A Hugging Face sequence classifier with 16 labels (the TinyAgent-ToolRAG layout)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._order = label_order(folder)
        self._lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None

    def load(self) -> None:
        """Load the tokenizer and the model (once)."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._model is not None:
            return
        from safetensors import SafetensorError
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        try:
            with quiet_loading():
                tokenizer = AutoTokenizer.from_pretrained(str(self.folder), local_files_only=True)
                model = AutoModelForSequenceClassification.from_pretrained(
                    str(self.folder), local_files_only=True
                )
        except (OSError, ValueError, RuntimeError, SafetensorError) as error:
            raise ModelLoadError(
                f"Could not load the ToolRAG checkpoint in {self.folder}: {error}. Download it again "
                "(a Hugging Face sequence-classification folder: config.json, weights, tokenizer)."
            ) from error
        self._tokenizer, self._model = tokenizer, model.eval()

    def probabilities(self, query: str) -> Probabilities:
        """Per-tool probabilities for ``query`` (the raw request, as TinyAgent feeds it)."""
        import torch

        with self._lock:
            self._load_locked()
            batch = self._tokenizer(query, truncation=True, max_length=512, return_tensors="pt")
            with torch.inference_mode():
                logits = self._model(**batch).logits[0].float().numpy()
        return sigmoid(logits)[self._order]


def label_order(folder: Path) -> npt.NDArray[np.intp]:
    """Output index per ``TOOL_NAMES`` entry: by label name when the config names the
    tools, else by position (the published checkpoint's labels are LABEL_0..LABEL_15)."""
    config_path = folder / "config.json"
    if not folder.is_dir() or not config_path.is_file():
        raise ModelNotFound(
            f"{folder} is not a ToolRAG checkpoint folder (no config.json); point the setting at the "
            "folder that holds the downloaded TinyAgent-ToolRAG model."
        )
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        id2label = {int(k): str(v) for k, v in config.get("id2label", {}).items()}
    except (ValueError, AttributeError) as error:
        raise ModelLoadError(f"{config_path} is not a valid model config: {error}") from error
    count = len(id2label) or int(config.get("num_labels", 0))
    if count != len(TOOL_NAMES):
        raise ModelLoadError(
            f"{folder} classifies into {count} labels, not the {len(TOOL_NAMES)} tools; it is not a "
            "ToolRAG checkpoint."
        )
    if set(id2label.values()) == set(TOOL_NAMES):
        by_name = {name: i for i, name in id2label.items()}
        return np.array([by_name[name] for name in TOOL_NAMES], dtype=np.intp)
    return np.arange(len(TOOL_NAMES), dtype=np.intp)
