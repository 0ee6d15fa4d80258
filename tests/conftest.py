"""Shared by every test tier: each test gets its own TinyAgent home and an empty keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.memory_keyring import MemoryKeyring, installed


@pytest.fixture(autouse=True)
def _isolated_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test reads or writes the real user's settings, data or keyring."""
    monkeypatch.setenv("TINYAGENT_HOME", str(tmp_path_factory.mktemp("tinyagent-home")))
    for var in ("TINYAGENT_ZOOM_TOKEN", "TINYAGENT_SMTP_PASSWORD", "TINYAGENT_LLM_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    with installed(MemoryKeyring()):
        yield


@pytest.fixture
def repo_root() -> Path:
    """The repository's root folder."""
    return Path(__file__).resolve().parents[1]
