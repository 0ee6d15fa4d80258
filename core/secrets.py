"""Secrets in the OS keyring (service "TinyAgent"), never in the settings file.

An environment variable overrides each secret, for headless use and CI:
``TINYAGENT_ZOOM_TOKEN``, ``TINYAGENT_SMTP_PASSWORD``, ``TINYAGENT_LLM_API_KEY``.
Without a usable keyring, reading finds nothing (unless the variable is set) and storing
raises ``ConfigurationError`` saying how to get one.
"""

from __future__ import annotations

import os
from typing import Literal

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from tinyagent.core.errors import ConfigurationError

SERVICE = "TinyAgent"

SecretName = Literal["zoom_token", "smtp_password", "llm_api_key"]

ENV_VARS: dict[str, str] = {
    "zoom_token": "TINYAGENT_ZOOM_TOKEN",
    "smtp_password": "TINYAGENT_SMTP_PASSWORD",
    "llm_api_key": "TINYAGENT_LLM_API_KEY",
}

_LABELS = {"zoom_token": "Zoom token", "smtp_password": "SMTP password", "llm_api_key": "LLM API key"}


def _env_var(name: str) -> str:
    if name not in ENV_VARS:
        raise ValueError(f"unknown secret {name!r}; known: {', '.join(ENV_VARS)}")
    return ENV_VARS[name]


def _usable_keyring() -> KeyringBackend | None:
    """The configured keyring, or None when it cannot keep anything.

    The fail backend raises on every call, the null backend and an empty chainer
    silently drop what they are given: for the user all three mean "no keyring".
    """
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


def keyring_available() -> bool:
    """True when secrets can be stored in an OS keyring."""
    return _usable_keyring() is not None


def _no_keyring(name: str) -> ConfigurationError:
    return ConfigurationError(
        f"No OS keyring is available to store the {_LABELS[name]}. Unlock or install a keyring service "
        "(on Linux a Secret Service such as GNOME Keyring or KWallet, running in your desktop session; "
        f"the macOS Keychain and Windows Credential Locker are built in), or set {_env_var(name)} in "
        "the environment instead."
    )


def _keyring_failed(name: str, action: str, exc: Exception) -> ConfigurationError:
    return ConfigurationError(
        f"The OS keyring refused to {action} the {_LABELS[name]} ({exc or type(exc).__name__}). "
        f"Unlock your keyring and try again, or set {_env_var(name)} in the environment instead."
    )


def get_secret(name: SecretName) -> str | None:
    """The secret from its environment variable, else from the keyring; None if neither has it.

    Raises ``ConfigurationError`` when a keyring exists but refuses access (e.g. locked).
    """
    from_env = os.environ.get(_env_var(name))
    if from_env:
        return from_env
    backend = _usable_keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, name)
    except keyring.errors.NoKeyringError:
        return None
    except keyring.errors.KeyringError as exc:
        raise _keyring_failed(name, "read", exc) from exc


def set_secret(name: SecretName, value: str) -> None:
    """Store ``value`` in the keyring (an environment variable, if set, still wins on reading)."""
    _env_var(name)
    if not value:
        raise ValueError(f"refusing to store an empty {name}; call delete_secret to remove it")
    backend = _usable_keyring()
    if backend is None:
        raise _no_keyring(name)
    try:
        backend.set_password(SERVICE, name, value)
    except keyring.errors.NoKeyringError as exc:
        raise _no_keyring(name) from exc
    except keyring.errors.KeyringError as exc:
        raise _keyring_failed(name, "store", exc) from exc


def delete_secret(name: SecretName) -> None:
    """Remove the secret from the keyring; nothing happens when it is not stored."""
    _env_var(name)
    backend = _usable_keyring()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, name)
    except (keyring.errors.PasswordDeleteError, keyring.errors.NoKeyringError):
        return
    except keyring.errors.KeyringError as exc:
        raise _keyring_failed(name, "delete", exc) from exc
