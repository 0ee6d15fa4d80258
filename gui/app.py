"""Starting the desktop app: settings, history, the bridge, the window, the tray, one event loop.

tinyagent          open the app (or bring the running one forward)
tinyagent bar      open the command bar (bind this to a global key in the desktop's settings)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import qasync
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from tinyagent.core.errors import HistoryError
from tinyagent.core.history import HISTORY_FILE, History
from tinyagent.core.settings import load_settings, user_paths
from tinyagent.gui.bridge import EngineBridge, LLMFactory, default_llm_factory
from tinyagent.gui.command_bar import BAR, SHOW, CommandBar, InstanceChannel, hand_over, make_tray
from tinyagent.gui.main_window import MainWindow
from tinyagent.gui.theme import icon


@dataclass
class DesktopApp:
    """Everything the running app is made of (scripts and tests drive it through this)."""

    app: QApplication
    bridge: EngineBridge
    window: MainWindow
    bar: CommandBar
    tray: QSystemTrayIcon | None
    history: History


def open_history(data_dir: Path) -> tuple[History, tuple[str, ...]]:
    """The conversation history, or a temporary one (with a warning) when the disk refuses."""
    try:
        history = History(data_dir / HISTORY_FILE)
        return history, history.warnings
    except HistoryError as error:
        fallback = History(Path(tempfile.mkdtemp(prefix="tinyagent-history-")) / HISTORY_FILE)
        return fallback, (f"{error} Conversations of this session will not be kept.",)


def build_app(app: QApplication, *, llm_factory: LLMFactory = default_llm_factory) -> DesktopApp:
    """Load settings and history, and make the bridge, the window, the command bar and the tray."""
    app.setApplicationName("TinyAgent")
    app.setApplicationDisplayName("TinyAgent")
    app.setWindowIcon(icon("app"))
    loaded = load_settings()
    paths = user_paths()
    history, history_warnings = open_history(paths.data_dir)
    bridge = EngineBridge(loaded.settings, paths, history, llm_factory=llm_factory)
    window = MainWindow(bridge)
    for warning in (*loaded.warnings, *history_warnings):
        window.chat.add_notice(warning)
    bar = CommandBar()
    bar.submitted.connect(lambda query: _from_bar(window, bar, query))
    bridge.answer_ready.connect(bar.say)
    bridge.failed.connect(bar.say)
    QShortcut(QKeySequence("Ctrl+Space"), window, bar.summon)
    tray = make_tray(lambda: _bring_forward(window), bar.summon, app.quit)
    app.setQuitOnLastWindowClosed(tray is None)  # with a tray icon, closing the window hides it
    app.aboutToQuit.connect(window.shutdown)
    return DesktopApp(app, bridge, window, bar, tray, history)


def _from_bar(window: MainWindow, bar: CommandBar, query: str) -> None:
    if window.bridge.busy:
        bar.say("Still working on the previous request; press Stop (Esc) in the window first.")
        return
    window.run_job(window.bridge.submit_text(query))


def _bring_forward(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def make_event_loop(app: QApplication) -> qasync.QEventLoop:
    """The one event loop: asyncio on Qt's loop, with plain Python threads for ``to_thread``.

    qasync's own executor runs jobs on QThreads with a small stack; loading and running torch
    (ToolRAG) there crashed. Python's thread pool gives each worker the platform's stack.
    """
    loop = qasync.QEventLoop(app)
    loop.set_default_executor(ThreadPoolExecutor(max_workers=4, thread_name_prefix="tinyagent-engine"))
    asyncio.set_event_loop(loop)
    return loop


def main(argv: Sequence[str] = ()) -> int:
    """Run the app until it quits; returns the exit status."""
    wish = BAR if "bar" in argv or "--bar" in argv else SHOW
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if hand_over(wish):  # an app is already running: it shows itself (or its bar)
        return 0
    desktop = build_app(app)
    channel = InstanceChannel()
    channel.listen()
    channel.show_requested.connect(lambda: _bring_forward(desktop.window))
    channel.bar_requested.connect(desktop.bar.summon)
    loop = make_event_loop(app)
    quitting = asyncio.Event()
    app.aboutToQuit.connect(quitting.set)
    desktop.window.show()
    if wish == BAR:
        desktop.bar.summon()
    with loop:
        loop.create_task(desktop.bridge.start())
        loop.run_until_complete(quitting.wait())
    desktop.history.close()
    return 0
