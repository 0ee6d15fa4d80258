"""Fixtures for end-to-end tests with real small models.

``tiny_planner_gguf`` is a real Llama GGUF trained (in ~10-20 s on a 2-core CPU) to
answer each request of ``TINY_PLANNER_PAIRS`` with its plan. It is cached in the
system temp folder under a hash of the pairs and the training code, so only the first
session after a change pays for the build.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

from training.tiny_model import build_tiny_planner
from training.tiny_pairs import TINY_PLANNER_PAIRS, TINY_PROMPT_FORMAT, tiny_prompt

__all__ = ["TINY_PLANNER_PAIRS", "TINY_PROMPT_FORMAT", "tiny_planner_gguf", "tiny_prompt"]

_TRAINING = Path(__file__).resolve().parents[2] / "training"
_RECIPE = ("tiny_pairs.py", "tokenizer.py", "tiny_model.py", "gguf_export.py")


def _cache_key() -> str:
    digest = hashlib.sha256(repr(TINY_PLANNER_PAIRS).encode())
    for name in _RECIPE:  # a change to the recipe rebuilds
        digest.update(name.encode() + (_TRAINING / name).read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def tiny_planner_gguf() -> Path:
    """Path of the tiny planner GGUF (built on first use, then reused across sessions)."""
    cache = Path(tempfile.gettempdir()) / "tinyagent-test-models"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"tiny-planner-{_cache_key()}.gguf"
    if not path.exists():
        pairs = [(tiny_prompt(request), plan) for request, plan in TINY_PLANNER_PAIRS]
        partial = path.with_suffix(f".{os.getpid()}.part")
        build_tiny_planner(pairs, partial, seed=0)
        partial.replace(path)  # atomic: a parallel session never sees half a file
    return path
