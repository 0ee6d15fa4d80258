"""The questions the engine asks: "send this?" and "which one did you mean?".

Both are window-modal but opened with ``open()``, never ``exec()``: the event loop (and
every other task of the plan) keeps running while the user reads.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tinyagent.core.console import question_for
from tinyagent.gui.cards import selectable
from tinyagent.tools.base import Outgoing
from tinyagent.tools.errors import Choice

_SEND_WORDS = {"email": "&Send", "sms": "&Send", "event": "Add and &invite", "meeting": "&Create and invite"}
_BODY_WORDS = {"email": "Message", "sms": "Text", "event": "Notes", "meeting": "Agenda"}
_TITLE_WORDS = {"email": "Subject", "sms": "", "event": "Title", "meeting": "Topic"}


class ConfirmDialog(QDialog):
    """Exactly what will be sent, with the text editable; Cancel is the default button."""

    def __init__(self, outgoing: Outgoing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outgoing = outgoing
        self.setWindowTitle(question_for(outgoing))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        heading = QLabel(question_for(outgoing))
        heading.setObjectName("confirmHeading")
        heading.setStyleSheet("font-weight: 600; font-size: 14px;")
        heading.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        who = "Invitees" if outgoing.kind in ("event", "meeting") else "To"
        form.addRow(f"{who}:", selectable(QLabel(", ".join(outgoing.recipients) or "(nobody)")))
        if outgoing.cc:
            form.addRow("Cc:", selectable(QLabel(", ".join(outgoing.cc))))
        self.subject = QLineEdit(outgoing.subject)
        if _TITLE_WORDS.get(outgoing.kind, "Subject"):
            form.addRow(f"{_TITLE_WORDS.get(outgoing.kind, 'Subject')}:", self.subject)
        for label, value in outgoing.details:
            if not label.startswith("_"):  # backend bookkeeping (e.g. the original message's path)
                form.addRow(f"{label}:", selectable(QLabel(value)))
        if outgoing.attachments:
            files = QLabel("\n".join(Path(a).name for a in outgoing.attachments))
            files.setToolTip("\n".join(outgoing.attachments))
            form.addRow("Attachments:", selectable(files))
        self.body = QPlainTextEdit(outgoing.body)
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(140)
        form.addRow(f"{_BODY_WORDS.get(outgoing.kind, 'Message')}:", self.body)
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = QPushButton(_SEND_WORDS.get(outgoing.kind, "&Send"))
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Enter must never send by accident: Cancel is the default, Send is never auto-default.
        self.send_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.body.setFocus()

    def edited(self) -> Outgoing:
        """The outgoing message with the user's edits."""
        return replace(self.outgoing, subject=self.subject.text(), body=self.body.toPlainText())


class ChoiceDialog(QDialog):
    """Several contacts (or messages) match: the user picks one, or cancels the task."""

    def __init__(self, question: str, choices: tuple[Choice, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.setWindowTitle("Which one did you mean?")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        heading = selectable(QLabel(question))
        heading.setStyleSheet("font-weight: 600;")
        self.list = QListWidget()
        for choice in choices:
            detail = f"  ({choice.detail})" if choice.detail else ""
            item = QListWidgetItem(f"{choice.label}  <{choice.value}>{detail}")
            item.setToolTip(choice.value)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = buttons.addButton("&Use this one", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.setFocus()

    def picked(self) -> Choice | None:
        """The highlighted choice."""
        row = self.list.currentRow()
        return self.choices[row] if 0 <= row < len(self.choices) else None
