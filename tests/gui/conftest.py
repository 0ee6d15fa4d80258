"""GUI tests: pytest-qt, one QApplication per session, offscreen rendering, no real dialogs.

Each test gets a fresh TinyAgent home (tests/conftest.py), a qasync event loop, and the
real app (``build_app``) on the local backend, with a scripted model instead of a GGUF.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtWidgets import QApplication

from tests.support.fakes import ScriptedLLM
from tinyagent.core.settings import Settings, save_settings, user_paths
from tinyagent.gui.app import DesktopApp, build_app, make_event_loop
from tinyagent.tools.local.contacts import import_vcards

T = TypeVar("T")

PEOPLE = """BEGIN:VCARD
VERSION:3.0
FN:Sid Jha
EMAIL:sid@example.com
TEL:+1 555 0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Sid Meier
EMAIL:sid.meier@example.org
TEL:+1 555 0199
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Nick Weiß
EMAIL:nick@example.com
END:VCARD
"""


@pytest.fixture(scope="session")
def session_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """One qasync loop for the whole session, like the one QApplication.

    (A loop closed after each test leaves qasync's Qt timers behind, and the next test's
    loop fired them on deleted objects.)
    """
    event_loop = make_event_loop(qapp)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def loop(session_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The qasync loop (asyncio and Qt on one thread, as in the app); a test's leftover tasks are cancelled."""
    asyncio.set_event_loop(session_loop)
    yield session_loop
    pending = [t for t in asyncio.all_tasks(session_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        session_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


@pytest.fixture
def run(loop: asyncio.AbstractEventLoop) -> Callable[[Coroutine[Any, Any, T]], T]:
    """Run a coroutine to its end on the test's loop (Qt events are processed meanwhile)."""

    def run_(coroutine: Coroutine[Any, Any, T], timeout: float = 20.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(coroutine, timeout))

    return run_


@pytest.fixture
def data_dir() -> Path:
    """The local backend's folder, with three contacts (two of them named Sid)."""
    folder = user_paths().data_dir / "data"
    folder.mkdir(parents=True, exist_ok=True)
    vcf = folder.parent / "people.vcf"
    vcf.write_text(PEOPLE, encoding="utf-8")
    import_vcards(folder, vcf)
    return folder


@pytest.fixture
def make_app(
    qapp: QApplication,
    loop: asyncio.AbstractEventLoop,
    data_dir: Path,  # noqa: ARG001 (imports the contacts)
) -> Iterator[Callable[..., tuple[DesktopApp, ScriptedLLM]]]:
    """``make_app(replies)``: the real app on the local backend, planning with scripted replies."""
    made: list[DesktopApp] = []

    def make(
        replies: list[str], *, settings: Settings | None = None, write: bool = True
    ) -> tuple[DesktopApp, ScriptedLLM]:
        if write:
            save_settings(settings or Settings(backend="local", toolrag=False))
        llm = ScriptedLLM(replies)
        desktop = build_app(qapp, llm_factory=lambda _settings: llm)
        qapp.setQuitOnLastWindowClosed(False)  # earlier tests' windows close while this one runs
        made.append(desktop)
        desktop.window.show()
        loop.run_until_complete(desktop.bridge.start())
        return desktop, llm

    yield make
    for desktop in made:
        desktop.window.shutdown()
        desktop.window.deleteLater()
        desktop.bar.deleteLater()
        desktop.history.close()
