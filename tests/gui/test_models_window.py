"""The Models window against a fake Hub on loopback: list, download, cancel, offline, remove, verify."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import huggingface_hub.constants
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.fake_hub import FakeHub, random_bytes, serving
from tinyagent.core.downloads import DownloadCancelled, DownloadOptions, Offline
from tinyagent.core.models import CATALOG, Status
from tinyagent.core.settings import user_paths
from tinyagent.gui.models_window import ModelsWindow, error_text

GGUF_NAME = "TinyAgent-1.1B-Q4_K_M.gguf"
GGUF = random_bytes(1_000_000, seed=1)
MODEL = "tinyagent-1.1b"
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def _no_hf_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real token or endpoint reaches the tests."""
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-hf-token"))


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    fake = FakeHub()
    fake.add("squeeze-ai-lab/TinyAgent-1.1B-GGUF", {GGUF_NAME: GGUF})
    with serving(fake):
        yield fake


def options(endpoint: str) -> DownloadOptions:
    return DownloadOptions(endpoint=endpoint, chunk_size=16 * 1024, retries=0, retry_wait_s=0.0)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[Callable[[str], ModelsWindow]]:
    windows: list[ModelsWindow] = []

    def make(endpoint: str) -> ModelsWindow:
        window = ModelsWindow(user_paths(), options(endpoint))
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:  # never leave a worker writing into the next test's home
        window.cancel_all()
        qtbot.waitUntil(lambda w=window: not any(w.is_busy(s.name) for s in CATALOG), timeout=WAIT_MS)


def button(window: ModelsWindow, action: str, name: str = MODEL) -> QPushButton:
    found = window.findChild(QPushButton, f"{action}:{name}")
    assert found is not None
    return found


def test_the_builtin_models_are_listed_as_built_in(make_window: Callable[[str], ModelsWindow]) -> None:
    window = make_window(closed_port_url())
    assert window.windowTitle() == "Models"
    for name in ("builtin-planner", "builtin-toolrag"):
        assert window.state(name).status is Status.BUILTIN
        assert window.status_shown(name) == "Built in"
        assert button(window, "remove", name).isHidden()
        assert button(window, "download", name).isHidden()
    assert window.status_shown(MODEL) == "Not downloaded"
    assert not button(window, "download").isHidden()


def test_a_download_shows_progress_to_100_percent_and_installs(
    make_window: Callable[[str], ModelsWindow], hub: FakeHub, qtbot: QtBot
) -> None:
    window = make_window(hub.url)
    seen: list[tuple[int, int, int]] = []
    bar = window._rows[MODEL].progress
    window.download_progressed.connect(lambda _n, done, total: seen.append((done, total, bar.value())))
    changed: list[bool] = []
    window.models_changed.connect(lambda: changed.append(True))
    with qtbot.waitSignal(window.download_finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(button(window, "download"), Qt.MouseButton.LeftButton)
        assert not button(window, "cancel").isHidden()
    assert finished.args == [MODEL, None]
    assert seen[-1] == (len(GGUF), len(GGUF), bar.maximum())
    assert "100%" in bar.text() or bar.value() == bar.maximum()
    assert window.state(MODEL).status is Status.DOWNLOADED
    assert window.status_shown(MODEL) == "Installed"
    assert "Downloaded tinyagent-1.1b" in window.message.text()
    assert changed and not button(window, "remove").isHidden() and button(window, "download").isHidden()
    with qtbot.waitSignal(window.verify_finished, timeout=WAIT_MS) as verified:
        button(window, "verify").click()
    assert verified.args[1].ok and "ok (1 file intact)" in window.message.text()


def test_cancel_mid_download_keeps_a_resumable_part(
    make_window: Callable[[str], ModelsWindow], hub: FakeHub, qtbot: QtBot
) -> None:
    hub.pause_s = 0.05  # about a second for the file: slow enough to cancel part-way
    window = make_window(hub.url)

    def cancel_once_started(_name: str, done: int, _total: int) -> None:
        if done > 0:
            button(window, "cancel").click()

    window.download_progressed.connect(cancel_once_started)
    with qtbot.waitSignal(window.download_finished, timeout=WAIT_MS) as finished:
        window.download(MODEL)
    assert isinstance(finished.args[1], DownloadCancelled)
    assert window.state(MODEL).status is Status.PARTIAL
    assert "cancelled" in window.status_shown(MODEL).lower()
    assert "Download cancelled" in window.message.text()
    assert "click Download to continue" in window.message.text()
    assert "tinyagent models" not in window.message.text()
    parts = list((user_paths().models_dir / MODEL).glob("*.part"))
    assert len(parts) == 1 and 0 < parts[0].stat().st_size < len(GGUF)

    hub.pause_s = 0.0
    window.download_progressed.disconnect(cancel_once_started)
    with qtbot.waitSignal(window.download_finished, timeout=WAIT_MS) as finished:
        button(window, "download").click()
    assert finished.args == [MODEL, None]
    assert (user_paths().models_dir / MODEL / GGUF_NAME).read_bytes() == GGUF
    assert any(start > 0 for file, start in hub.served if file == GGUF_NAME)  # it resumed


def test_an_unreachable_hub_says_offline_and_that_builtins_work(
    make_window: Callable[[str], ModelsWindow], qtbot: QtBot
) -> None:
    window = make_window(closed_port_url())
    with qtbot.waitSignal(window.download_finished, timeout=WAIT_MS) as finished:
        window.download(MODEL)
    assert isinstance(finished.args[1], Offline)
    text = window.message.text()
    assert "Offline" in text and "You're offline" in text
    assert "built-in models work without a download" in text
    assert "click Download again" in text
    assert window.status_shown(MODEL) == "Not downloaded"
    assert not button(window, "download").isHidden()


def test_remove_asks_first_and_then_deletes(
    make_window: Callable[[str], ModelsWindow], hub: FakeHub, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(hub.url)
    with qtbot.waitSignal(window.download_finished, timeout=WAIT_MS):
        window.download(MODEL)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    button(window, "remove").click()
    assert window.state(MODEL).status is Status.DOWNLOADED
    button(window, "remove").click()
    assert window.state(MODEL).status is Status.NOT_DOWNLOADED
    assert len(asked) == 2 and "1 MB" in asked[0]
    assert "Removed tinyagent-1.1b" in window.message.text()


def test_core_messages_point_at_the_button_not_the_command_line() -> None:
    error = Offline(
        "Connect to the internet and run `tinyagent models download x` again; the download resumes."
    )
    assert error_text("x", error) == (
        "x: Offline. Connect to the internet and click Download again; the download resumes."
    )


def test_the_window_renders(make_window: Callable[[str], ModelsWindow], qtbot: QtBot) -> None:
    window = make_window(closed_port_url())
    window.show()
    qtbot.waitExposed(window)
    assert window.grab().save("/tmp/models.png")
