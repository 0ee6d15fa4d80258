"""Secrets: the OS keyring (an in-memory backend here), environment overrides, no keyring."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail, null
from keyring.errors import KeyringLocked

from tests.support.memory_keyring import MemoryKeyring, installed
from tinyagent.core.errors import ConfigurationError
from tinyagent.core.secrets import (
    ENV_VARS,
    SERVICE,
    delete_secret,
    get_secret,
    keyring_available,
    set_secret,
)


@pytest.fixture(autouse=True)
def no_secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own TINYAGENT_* secrets must not leak into these tests."""
    for var in ENV_VARS.values():
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def test_round_trip_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    assert get_secret("smtp_password") is None
    set_secret("smtp_password", "pässwörd ✓")
    assert memory_keyring.passwords == {(SERVICE, "smtp_password"): "pässwörd ✓"}
    assert get_secret("smtp_password") == "pässwörd ✓"
    assert get_secret("zoom_token") is None  # names are separate entries
    delete_secret("smtp_password")
    assert get_secret("smtp_password") is None
    delete_secret("smtp_password")  # deleting what is not there is fine


def test_environment_overrides_the_keyring(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_secret("zoom_token", "from-keyring")
    monkeypatch.setenv("TINYAGENT_ZOOM_TOKEN", "from-env")
    assert get_secret("zoom_token") == "from-env"
    monkeypatch.setenv("TINYAGENT_ZOOM_TOKEN", "")  # empty means unset
    assert get_secret("zoom_token") == "from-keyring"
    assert memory_keyring.passwords[(SERVICE, "zoom_token")] == "from-keyring"


@pytest.mark.parametrize("backend_class", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_without_a_keyring_reading_finds_nothing_and_storing_says_what_to_do(
    backend_class: type[keyring.backend.KeyringBackend], monkeypatch: pytest.MonkeyPatch
) -> None:
    with installed(backend_class()):
        assert not keyring_available()
        assert get_secret("llm_api_key") is None
        with pytest.raises(ConfigurationError) as caught:
            set_secret("llm_api_key", "sk-123")
        message = str(caught.value)
        assert "No OS keyring is available" in message
        assert "GNOME Keyring" in message and "KWallet" in message
        assert "TINYAGENT_LLM_API_KEY" in message
        delete_secret("llm_api_key")  # nothing stored, nothing to do
        monkeypatch.setenv("TINYAGENT_LLM_API_KEY", "sk-env")
        assert get_secret("llm_api_key") == "sk-env"


def test_a_locked_keyring_is_a_configuration_error(memory_keyring: MemoryKeyring) -> None:
    assert keyring_available()
    memory_keyring.fail_with = KeyringLocked("collection is locked")
    expected = r"refused to (read|store) the SMTP password \(collection is locked\)\. Unlock your keyring"
    with pytest.raises(ConfigurationError, match=expected + r".*TINYAGENT_SMTP_PASSWORD"):
        get_secret("smtp_password")
    with pytest.raises(ConfigurationError, match=expected):
        set_secret("smtp_password", "x")


def test_unknown_names_and_empty_values_are_programmer_errors(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="unknown secret 'github_token'"):
        get_secret("github_token")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="delete_secret"):
        set_secret("zoom_token", "")
    assert memory_keyring.passwords == {}
