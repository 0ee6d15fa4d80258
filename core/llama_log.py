"""Route llama.cpp's log lines into Python logging instead of the terminal.

llama-cpp-python's own log callback prints llama.cpp's warnings to stderr even with
``verbose=False`` (its level table predates llama.cpp's current numbering), so a
desktop app would spray load chatter into the user's terminal. Every failure we care
about becomes an exception with a message of its own; the raw lines go to the
``tinyagent.llama_cpp`` logger at DEBUG level for whoever wants them.
"""

from __future__ import annotations

import ctypes
import logging
import threading

from llama_cpp import llama_cpp as lib

log = logging.getLogger("tinyagent.llama_cpp")
_installed = False
_lock = threading.Lock()


def _to_logging(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
    del level, user_data  # llama.cpp's levels have been renumbered across versions
    if log.isEnabledFor(logging.DEBUG):
        log.debug("%s", text.decode("utf-8", errors="replace").rstrip("\n"))


# Module-level so the C callback outlives every call into llama.cpp.
_CALLBACK = lib.llama_log_callback(_to_logging)


def route_llama_logs() -> None:
    """Install the callback once per process (llama.cpp's logger is process-wide)."""
    global _installed
    with _lock:
        if not _installed:
            lib.llama_log_set(_CALLBACK, ctypes.c_void_p(0))
            _installed = True
