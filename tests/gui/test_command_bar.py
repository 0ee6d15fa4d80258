"""The command bar, the single-instance channel (``tinyagent bar``) and the launcher."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.support.qt import next_signal
from tinyagent.gui.command_bar import BAR, SHOW, CommandBar, InstanceChannel, hand_over

PLAN = '1. create_reminder("Call mom", "", "", "", 0, False)\n2. join()<END_OF_PLAN>'


def test_the_bar_submits_and_hides_on_escape(qtbot: QtBot) -> None:
    bar = CommandBar()
    qtbot.addWidget(bar)
    bar.summon()
    with qtbot.waitSignal(bar.submitted) as sent:
        bar.input.setText("remind me to call mom")
        QTest.keyClick(bar.input, Qt.Key.Key_Return)
    assert sent.args == ["remind me to call mom"]
    assert bar.input.text() == "" and "Working" in bar.status.text()
    QTest.keyClick(bar, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_a_request_from_the_bar_runs_in_the_window(
    make_app: Callable[..., Any], run: Callable[..., Any]
) -> None:
    desktop, _ = make_app([PLAN])

    async def scenario() -> str:
        answer = asyncio.ensure_future(next_signal(desktop.bridge.answer_ready))
        desktop.bar.summon()
        desktop.bar.input.setText("remind me to call mom")
        QTest.keyClick(desktop.bar.input, Qt.Key.Key_Return)
        (text,) = await answer
        return str(text)

    assert "Call mom" in run(scenario())
    assert "Call mom" in desktop.bar.status.text()  # the answer shows under the bar too
    assert [c.status for c in desktop.window.chat.cards.values()] == ["done"]


def test_a_second_launch_hands_its_wish_to_the_running_app(qtbot: QtBot) -> None:
    name = f"tinyagent-test-{uuid.uuid4().hex[:8]}"
    channel = InstanceChannel(name)
    assert channel.listen()
    with qtbot.waitSignal(channel.bar_requested, timeout=5000):
        assert hand_over(BAR, name)
    with qtbot.waitSignal(channel.show_requested, timeout=5000):
        assert hand_over(SHOW, name)
    channel.server.close()
    assert not hand_over(SHOW, name, timeout_ms=200)  # nobody listens: the launch starts the app


def test_the_launcher_runs_the_cli_without_loading_qt() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = (
        "import sys\nfrom tinyagent.gui.launcher import main\n"
        "try:\n    main(['models', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'PySide6' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "models" in done.stdout
