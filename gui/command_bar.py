"""The Spotlight-style command bar, the tray (menu-bar) icon, and the single-instance channel.

Qt has no global hotkey, and on Wayland and macOS a program may not grab one by itself.
So the global shortcut is the desktop's own: bind a key to ``tinyagent bar`` in the
system's keyboard settings (GNOME, KDE, macOS Shortcuts). That command finds the running
app through a local socket and opens its command bar (or starts the app with the bar).
Inside the app, Ctrl+Space opens the bar too.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QSystemTrayIcon, QVBoxLayout, QWidget

from tinyagent.gui.theme import icon

SHOW, BAR = b"show\n", b"bar\n"  # what a second ``tinyagent`` asks the running one to do


def channel_name() -> str:
    """The local socket's name, one per user."""
    return f"tinyagent-{getpass.getuser()}"


class CommandBar(QWidget):
    """A floating one-line prompt: type, Enter sends to the main window's conversation."""

    submitted = Signal(str)

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setWindowTitle("TinyAgent command bar")
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("commandBar")
        self.input = QLineEdit()
        self.input.setPlaceholderText("Ask TinyAgent…")
        self.input.setAccessibleName("Request")
        self.input.setMinimumWidth(560)
        self.input.setStyleSheet("font-size: 18px; padding: 8px;")
        self.input.returnPressed.connect(self._submit)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.input)
        layout.addWidget(self.status)
        self.setStyleSheet("#commandBar { border: 1px solid palette(mid); border-radius: 10px; }")

    def summon(self) -> None:
        """Show the bar centred near the top of the screen, ready to type."""
        screen = QGuiApplication.primaryScreen()
        self.adjustSize()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(area.center().x() - self.width() // 2, area.top() + area.height() // 4)
        self.show()
        self.raise_()
        self.activateWindow()
        self.input.setFocus()
        self.input.selectAll()

    def say(self, text: str) -> None:
        """A line under the input: what happened to the last request."""
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.adjustSize()

    def _submit(self) -> None:
        query = self.input.text().strip()
        if query:
            self.input.clear()
            self.say("Working… (the TinyAgent window shows each task)")
            self.submitted.emit(query)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc hides the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        else:
            super().keyPressEvent(event)


def make_tray(
    show: Callable[[], None], bar: Callable[[], None], quit_app: Callable[[], None]
) -> QSystemTrayIcon | None:
    """The menu-bar / tray icon, where the desktop has a tray (None where it has none)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(icon("app"))
    tray.setToolTip("TinyAgent")
    menu = QMenu()
    menu.addAction("Open TinyAgent", show)
    menu.addAction("Command bar", bar)
    menu.addSeparator()
    menu.addAction("Quit TinyAgent", quit_app)
    tray.setContextMenu(menu)
    tray.activated.connect(
        lambda reason: bar() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
    )
    tray.show()
    tray.setProperty("menu", menu)  # keep the menu alive as long as the icon
    return tray


class InstanceChannel(QObject):
    """One running app per user: a second ``tinyagent`` hands its wish to the first and exits."""

    show_requested = Signal()
    bar_requested = Signal()

    def __init__(self, name: str | None = None) -> None:
        super().__init__()
        self.name = name or channel_name()
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Serve requests from later launches; False if the name cannot be taken."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # a stale socket left by a crashed run
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        wish = bytes(socket.readAll().data())
        if wish == BAR:
            self.bar_requested.emit()
        else:
            self.show_requested.emit()
        socket.disconnectFromServer()


def hand_over(wish: bytes, name: str | None = None, timeout_ms: int = 500) -> bool:
    """Ask an already running app to show itself (``SHOW``) or its bar (``BAR``)."""
    socket = QLocalSocket()
    socket.connectToServer(name or channel_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(wish)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True
