"""A task card: one plan task, from planned to its result, updated by the engine's events."""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from tinyagent.core.events import TaskStatus
from tinyagent.gui.theme import Colours, icon, status_key
from tinyagent.tools.registry import REGISTRY

COLLAPSED_CHARS = 240  # longer results (a PDF summary, a note) are folded behind "Show all"
STATUS_WORDS = {
    "pending": "Pending",
    "running": "Running",
    "waiting": "Waiting for you",
    "done": "Done",
    "failed": "Failed",
    "skipped": "Skipped",
    "cancelled": "Cancelled",
}


def selectable(label: QLabel) -> QLabel:
    """Make a label's text selectable and copyable with the mouse and the keyboard."""
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setWordWrap(True)
    return label


_REFERENCE = re.compile(r"\$\{?(\d+)\}?")


def show_references(text: str) -> str:
    """``$3`` (the result of action 3, not known yet) as "‹result of step 3›"."""
    return _REFERENCE.sub(lambda m: f"‹result of step {m.group(1)}›", text)


def format_args(tool: str, args: tuple[Any, ...]) -> str:
    """Arguments as the card shows them: dates readable, lists joined, unset ones left out.

    ``create_reminder("Call mom", "2026-11-22 18:00:00", "", "", False, 0)`` ->
    "Call mom · Sun 22 Nov 2026, 18:00".
    """
    spec = REGISTRY.get(tool)
    names = [p.name for p in spec.params] if spec else []
    shown = []
    for n, arg in enumerate(args):
        name = names[n].replace("_", " ") if n < len(names) else ""
        if isinstance(arg, bool):
            text = name if arg else ""  # all_day=True -> "all day"
        elif isinstance(arg, int):
            text = f"{name} {arg}" if arg else ""
        elif isinstance(arg, list | tuple):
            text = ", ".join(str(a) for a in arg)
            text = f"{name}: {text}" if text and name in ("cc", "attachments") else text
        else:
            text = _readable_date(str(arg).strip())
        if text:
            shown.append(text if len(text) <= 80 else text[:79] + "…")
    return show_references(" · ".join(shown))


def _readable_date(text: str) -> str:
    """ "2026-11-22 18:00:00" -> "Sun 22 Nov 2026, 18:00"; "2026-11-27" -> "Fri 27 Nov 2026"."""
    for layout, shown in (("%Y-%m-%d %H:%M:%S", "%a %d %b %Y, %H:%M"), ("%Y-%m-%d", "%a %d %b %Y")):
        try:
            return datetime.strptime(text, layout).strftime(shown)
        except ValueError:
            continue
    return text


def format_elapsed(seconds: float) -> str:
    """ "0.4 s", "12 s", "2 min 5 s"."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


class TaskCard(QFrame):
    """Icon, human label, substituted arguments, status with colour and time, result or error."""

    def __init__(self, idx: int, tool: str, label: str, args: tuple[Any, ...], colours: Colours) -> None:
        super().__init__()
        self.idx = idx
        self.tool = tool
        self.status = "pending"
        self._colours = colours
        self._started_at: float | None = None
        self._full_text = ""
        self._long = False
        self.setObjectName("taskCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        spec = REGISTRY.get(tool)
        app = spec.app.value.lower() if spec else "answer"
        self._icon = QLabel()
        self._icon.setPixmap(icon(app, colours.muted).pixmap(24, 24))
        self._icon.setFixedWidth(28)
        self._icon.setAccessibleName(spec.app.value if spec else tool)
        self.label = selectable(QLabel(show_references(label)))
        self.label.setObjectName("cardLabel")
        self.args = selectable(QLabel(format_args(tool, args)))
        self.args.setObjectName("cardArgs")
        self.status_label = QLabel()
        self.status_label.setObjectName("cardStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.result = selectable(QLabel())
        self.result.setObjectName("cardResult")
        self.result.hide()
        self.more = QPushButton("Show all")
        self.more.setFlat(True)
        self.more.setCheckable(True)
        self.more.toggled.connect(self._toggle)
        self.more.hide()
        self._layout()
        self.set_status("pending")

    def _layout(self) -> None:
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.label)
        text.addWidget(self.args)
        text.addWidget(self.result)
        text.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        row.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)

    # ---- updates from events --------------------------------------------------------

    def started(self, label: str, args: tuple[Any, ...], at: float) -> None:
        """The task's dependencies are done; these are its arguments after substitution."""
        self.label.setText(label)
        self.args.setText(format_args(self.tool, args))
        self._started_at = at
        self.set_status("running")

    def waiting(self) -> None:
        """The user is being asked (confirmation or choice)."""
        self.set_status("waiting")

    def finished(self, status: TaskStatus, result: str | None, error: str | None, elapsed_s: float) -> None:
        """The task ended; shows the result or the reason."""
        self._started_at = None
        self.set_status(status.value, format_elapsed(elapsed_s) if status is not TaskStatus.SKIPPED else "")
        self._show_text(result if status is TaskStatus.DONE else error)

    def tick(self, now: float | None = None) -> None:
        """Refresh the elapsed time of a running card."""
        if self._started_at is not None and self.status in ("running", "waiting"):
            elapsed = (now or time.time()) - self._started_at
            self._paint_status(f"{STATUS_WORDS[self.status]} · {format_elapsed(max(0.0, elapsed))}")

    def set_status(self, status: str, elapsed: str = "") -> None:
        """Show ``status`` ("pending", "running", "waiting", "done"…) with its colour."""
        self.status = status
        self.setProperty("status", status)
        self._paint_status(STATUS_WORDS[status] + (f" · {elapsed}" if elapsed else ""))
        self.setAccessibleDescription(f"{self.label.text()}: {STATUS_WORDS[status]}")

    def _paint_status(self, text: str) -> None:
        colour = self._colours.status[status_key(self.status)]
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.setStyleSheet(
            f"#taskCard {{ background: {self._colours.card}; border: 1px solid {self._colours.card_border};"
            f" border-left: 4px solid {colour}; border-radius: 8px; }}"
            f" #cardArgs {{ color: {self._colours.muted}; }}"
        )

    def _show_text(self, text: str | None) -> None:
        self._full_text = (text or "").strip()
        if not self._full_text:
            self.result.hide()
            return
        self._long = len(self._full_text) > COLLAPSED_CHARS or self._full_text.count("\n") > 4
        self.more.setVisible(self._long)
        self._toggle(self.more.isChecked())
        self.result.show()

    def _toggle(self, expanded: bool) -> None:
        short = self._full_text[:COLLAPSED_CHARS].split("\n")[:5]
        folded = "\n".join(short).rstrip() + "…"
        self.result.setText(self._full_text if expanded or not self._long else folded)
        self.more.setText("Show less" if expanded else "Show all")

    @property
    def result_text(self) -> str:
        """The whole result or error text (also when folded)."""
        return self._full_text
