"""The chat window: conversations on the left, the conversation, and the input line.

The window only shows things and forwards what the user does to the bridge; it never
awaits model work. Questions from the engine (confirm a message, pick a contact) open as
window-modal dialogs with ``open()``, so the rest of the plan keeps running behind them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tinyagent.core.history import Conversation, StoredTurn
from tinyagent.core.settings import Settings, Theme
from tinyagent.gui.bridge import EngineBridge, replay
from tinyagent.gui.chat import ChatView
from tinyagent.gui.dialogs import ChoiceDialog, ConfirmDialog
from tinyagent.gui.models_window import ModelsWindow
from tinyagent.gui.preferences import PreferencesDialog
from tinyagent.gui.theme import apply_theme, icon
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import Choice

SPEECH_UNAVAILABLE = (
    "Speaking to TinyAgent is not available in this version yet: speech input "
    "(Whisper, on this computer) comes with a later update. Type your request instead."
)
PLACEHOLDER = "Ask TinyAgent… e.g. “remind me to call mom tomorrow at 6pm”"


class MainWindow(QMainWindow):
    """TinyAgent's main window."""

    preferences_opened = Signal(object)  # the PreferencesDialog (tests drive it)

    def __init__(self, bridge: EngineBridge) -> None:
        super().__init__()
        self.bridge = bridge
        self.setWindowTitle("TinyAgent")
        self.setWindowIcon(icon("app"))
        self.resize(980, 720)
        self._jobs: set[asyncio.Task[Any]] = set()
        self.dialogs: dict[int, QDialog] = {}  # open questions by the bridge's request id
        self.models_window: ModelsWindow | None = None
        colours = apply_theme(_app(), bridge.settings.theme)
        self.chat = ChatView(colours)
        self._build_input()
        self._build_sidebar()
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self._main_column())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 760])
        self.setCentralWidget(splitter)
        self._build_menus()
        self.engine_status = QLabel("Starting…")
        self.statusBar().addWidget(self.engine_status, 1)
        self._connect()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._set_busy(False)
        self.input.setFocus()

    # ---- layout ---------------------------------------------------------------------

    def _build_input(self) -> None:
        self.input = QLineEdit()
        self.input.setPlaceholderText(PLACEHOLDER)
        self.input.setAccessibleName("Request")
        self.input.setMaxLength(20_000)
        self.input.returnPressed.connect(self.send)
        self.send_button = QPushButton(icon("send"), "Send")
        self.send_button.setToolTip("Send the request (Enter)")
        self.send_button.clicked.connect(self.send)
        self.stop_button = QPushButton(icon("stop"), "Stop")
        self.stop_button.setToolTip("Stop the running request (Esc)")
        self.stop_button.clicked.connect(self.stop)
        self.mic_button = QToolButton()
        self.mic_button.setIcon(icon("mic"))
        self.mic_button.setAccessibleName("Speak a request")
        self.mic_button.setToolTip(SPEECH_UNAVAILABLE)
        self.mic_button.clicked.connect(self._speech_unavailable)

    def _main_column(self) -> QWidget:
        row = QHBoxLayout()
        row.setContentsMargins(12, 8, 12, 12)
        row.addWidget(self.mic_button)
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.chat, 1)
        column.addLayout(row)
        widget = QWidget()
        widget.setLayout(column)
        return widget

    def _build_sidebar(self) -> None:
        self.conversation_list = QListWidget()
        self.conversation_list.setAccessibleName("Conversations")
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.setWordWrap(False)
        self.conversation_list.itemActivated.connect(self._open_item)
        self.conversation_list.itemClicked.connect(self._open_item)
        new = QPushButton("New conversation")
        new.clicked.connect(self.new_conversation)
        column = QVBoxLayout()
        column.setContentsMargins(8, 8, 0, 8)
        column.addWidget(new)
        column.addWidget(self.conversation_list, 1)
        self.sidebar = QWidget()
        self.sidebar.setLayout(column)
        self.refresh_conversations()

    def _build_menus(self) -> None:
        entries: list[tuple[str, str, QKeySequence | QKeySequence.StandardKey, Callable[[], object]]] = [
            ("&File", "&New Conversation", QKeySequence.StandardKey.New, self.new_conversation),
            ("&File", "&Settings…", QKeySequence.StandardKey.Preferences, self.open_preferences),
            ("&File", "&Models…", QKeySequence("Ctrl+Shift+M"), self.open_models),
            ("&File", "&Quit", QKeySequence.StandardKey.Quit, QApplication.quit),
            ("&Conversation", "&Stop", QKeySequence(Qt.Key.Key_Escape), self.stop),
            ("&Conversation", "&Delete Conversation", QKeySequence(), self.delete_conversation),
            ("&Help", "&About TinyAgent", QKeySequence(), self._about),
        ]
        menus: dict[str, Any] = {}
        self.menu_actions: dict[str, QAction] = {}  # by text without "&" and "…", e.g. "Settings"
        for menu_name, text, keys, slot in entries:
            if menu_name not in menus:
                menus[menu_name] = self.menuBar().addMenu(menu_name)
            menu = menus[menu_name]
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.menu_actions[text.replace("&", "").rstrip("…")] = action
        if not self.menu_actions["Settings"].shortcut().toString():  # no standard key on Linux
            self.menu_actions["Settings"].setShortcut(QKeySequence("Ctrl+,"))

    def _connect(self) -> None:
        b = self.bridge
        for signal in (b.planning_started, b.task_planned, b.task_started, b.task_waiting, b.task_finished):
            signal.connect(self.chat.apply)
        b.replanning.connect(self.chat.apply)
        b.turn_started.connect(self.chat.add_user)
        self.chat.example_chosen.connect(self._use_example)
        b.answered.connect(self.chat.apply)
        b.failed.connect(lambda text: self.chat.add_answer(text, error=True))
        b.notice.connect(self.chat.add_notice)
        b.busy_changed.connect(self._set_busy)
        b.engine_loading.connect(self._engine_loading)
        b.engine_ready.connect(self._engine_ready)
        b.engine_failed.connect(self._engine_failed)
        b.confirmation_requested.connect(self.ask_confirmation)
        b.choice_requested.connect(self.ask_choice)
        b.request_withdrawn.connect(self._withdraw)
        b.conversation_opened.connect(self._show_conversation)
        b.conversations_changed.connect(self.refresh_conversations)

    # ---- what the user does ---------------------------------------------------------

    def send(self) -> None:
        """Send the typed request (Enter or the Send button)."""
        query = self.input.text().strip()
        if not query or self.bridge.busy:
            return
        self.input.clear()
        self.run_job(self.bridge.submit_text(query))

    def stop(self) -> None:
        """Cancel the running plan (Esc or the Stop button)."""
        if self.bridge.busy:
            self.bridge.cancel()
            self.engine_status.setText("Stopping…")

    def new_conversation(self) -> None:
        """Start over with an empty conversation."""
        self.bridge.new_conversation()
        self.input.setFocus()

    def delete_conversation(self) -> None:
        """Delete the open conversation from history, after asking."""
        conversation = self.bridge.conversation
        if conversation is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete conversation",
            f"Delete “{conversation.title or 'this conversation'}” and its tasks from history?",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.bridge.delete_conversation(conversation.id)

    def open_preferences(self) -> PreferencesDialog:
        """The preferences; applied changes reach the engine without a restart."""
        dialog = PreferencesDialog(self.bridge.settings, self.bridge.paths, self)
        dialog.settings_applied.connect(self.apply_settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.preferences_opened.emit(dialog)
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """New settings: theme now, engine in the background."""
        if settings.theme != self.bridge.settings.theme:
            self.restyle(settings.theme)
        self.run_job(self.bridge.apply_settings(settings))

    def restyle(self, theme: Theme) -> None:
        """Apply ``theme`` and redraw the open conversation in its colours."""
        self.chat.colours = apply_theme(_app(), theme)
        conversation = self.bridge.conversation
        if conversation is not None and not self.bridge.busy:
            self.bridge.open_conversation(conversation.id)

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.bridge.settings.theme == "system":
            self.restyle("system")

    def open_models(self) -> ModelsWindow:
        """The models window (one, reused)."""
        if self.models_window is None:
            self.models_window = ModelsWindow(self.bridge.paths)
            self.models_window.setWindowIcon(icon("app"))
        self.models_window.show()
        self.models_window.raise_()
        self.models_window.activateWindow()
        return self.models_window

    def run_job(self, job: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run a bridge coroutine on the event loop, keeping a reference until it ends."""
        task = asyncio.ensure_future(job)
        self._jobs.add(task)
        task.add_done_callback(self._jobs.discard)
        return task

    # ---- questions from the engine ----------------------------------------------------

    def ask_confirmation(self, request_id: int, outgoing: Outgoing) -> ConfirmDialog:
        """Show what will be sent; Send passes the (edited) message back, anything else declines."""
        dialog = ConfirmDialog(outgoing, self)
        self._ask(request_id, dialog)
        dialog.finished.connect(
            lambda code: self.bridge.answer_confirmation(
                request_id, dialog.edited() if code == QDialog.DialogCode.Accepted else None
            )
        )
        return dialog

    def ask_choice(self, request_id: int, question: str, choices: tuple[Choice, ...]) -> ChoiceDialog:
        """Let the user pick between matching contacts; the pick flows back into the plan."""
        dialog = ChoiceDialog(question, choices, self)
        self._ask(request_id, dialog)
        dialog.finished.connect(
            lambda code: self.bridge.answer_choice(
                request_id, dialog.picked() if code == QDialog.DialogCode.Accepted else None
            )
        )
        return dialog

    def _ask(self, request_id: int, dialog: QDialog) -> None:
        self.dialogs[request_id] = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self.dialogs.pop(request_id, None))
        self.showNormal()
        self.raise_()
        dialog.open()

    def _withdraw(self, request_id: int) -> None:
        dialog = self.dialogs.pop(request_id, None)
        if dialog is not None:
            dialog.reject()

    # ---- what the engine tells -------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.send_button.setVisible(not busy)
        self.stop_button.setVisible(busy)
        self.input.setEnabled(True)
        if not busy and self.bridge.ready:
            self.engine_status.setText(self._ready_text)
        elif busy:
            self.engine_status.setText("Working…")

    _ready_text = "Ready"

    def _engine_loading(self, text: str) -> None:
        self.engine_status.setText(text)

    def _engine_ready(self, warnings: tuple[str, ...]) -> None:
        names = {"builtin": "built-in planner", "gguf": "GGUF planner", "http": "planner server"}
        self._ready_text = f"Ready · {names.get(self.bridge.settings.planner.kind, 'planner')}"
        self.engine_status.setText(self._ready_text)
        for warning in warnings:
            self.chat.add_notice(warning)

    def _engine_failed(self, message: str) -> None:
        self.engine_status.setText("The planner could not be loaded")
        self.chat.add_answer(f"{message}\nOpen Settings (Ctrl+,) or Models to fix this.", error=True)

    def _show_conversation(self, conversation: Conversation | None, turns: list[StoredTurn]) -> None:
        if conversation is None:
            self.chat.clear()
        else:
            self.chat.show_turns(replay(turns))
        self._select_current()

    def refresh_conversations(self) -> None:
        """Re-read the list of conversations from history."""
        self.conversation_list.clear()
        for conversation in self.bridge.conversations():
            item = QListWidgetItem(conversation.title or "New conversation")
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            item.setToolTip(conversation.title)
            self.conversation_list.addItem(item)
        self._select_current()

    def _select_current(self) -> None:
        current = self.bridge.conversation.id if self.bridge.conversation else None
        for row in range(self.conversation_list.count()):
            item = self.conversation_list.item(row)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) == current)

    def _open_item(self, item: QListWidgetItem) -> None:
        conversation_id = item.data(Qt.ItemDataRole.UserRole)
        if self.bridge.conversation is None or self.bridge.conversation.id != conversation_id:
            if self.bridge.busy:
                self.chat.add_notice("Stop the running request (Esc) before switching conversations.")
                self._select_current()
                return
            self.bridge.open_conversation(conversation_id)

    def _use_example(self, text: str) -> None:
        self.input.setText(text)
        self.input.setFocus()

    def _speech_unavailable(self) -> None:
        self.chat.add_notice(SPEECH_UNAVAILABLE)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About TinyAgent",
            "TinyAgent: a private assistant that plans with a small model on this computer "
            "and acts through your own apps. Nothing leaves the machine.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """With a tray icon the window only hides (the app keeps running); otherwise the app quits."""
        if not _app().quitOnLastWindowClosed():
            event.ignore()
            self.hide()
            return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """The app is quitting: stop the running request, cancel downloads (kept for resuming)."""
        self.bridge.cancel()
        if self.models_window is not None:
            self.models_window.cancel_all()
            self.models_window.close()


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
