"""Choosing a tool backend: ``macos`` on a Mac, ``local`` elsewhere, or what the user says."""

from __future__ import annotations

import importlib
import sys

from tinyagent.tools.base import BackendConfig, ToolBackend, Writer
from tinyagent.tools.errors import ConfigurationError

BACKENDS = {
    "local": ("tinyagent.tools.local.backend", "LocalBackend"),
    "macos": ("tinyagent.tools.macos.backend", "MacOSBackend"),
}


def default_backend_name() -> str:
    """The platform's default backend."""
    return "macos" if sys.platform == "darwin" else "local"


def make_backend(name: str | None, config: BackendConfig, writer: Writer) -> ToolBackend:
    """Build the named backend (``None``: the platform's default)."""
    chosen = name or default_backend_name()
    if chosen not in BACKENDS:
        raise ConfigurationError(f"unknown backend {chosen!r}; choose one of: {', '.join(BACKENDS)}")
    module_name, class_name = BACKENDS[chosen]
    backend_class: type[ToolBackend] = getattr(importlib.import_module(module_name), class_name)
    return backend_class(config, writer)
