"""The conversation: the user's bubbles, a card per plan task, the answers.

``ChatView.apply`` takes the engine's typed events, live from the bridge or read back from
history, so a restored conversation looks exactly like it did.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from tinyagent.core.events import (
    AnswerReady,
    ChoiceRequested,
    ConfirmationRequested,
    Event,
    PlanningStarted,
    Replanning,
    RunFailed,
    TaskFinished,
    TaskPlanned,
    TaskStarted,
)
from tinyagent.core.history import StoredTurn
from tinyagent.gui.cards import STATUS_WORDS, TaskCard, selectable
from tinyagent.gui.theme import Colours

TICK_MS = 200  # how often running cards refresh their elapsed time
BUBBLE_WIDTH = 560  # widest a message bubble's text gets, in pixels
CARD_WIDTH = 680
# Shown in an empty conversation; a click puts one in the input line to edit and send.
EXAMPLES = (
    "remind me to call mom tomorrow at 6pm",
    "email Priya about the offsite and cc Tom",
    "set up a zoom about the budget review with Sam on Friday at 3 and add it to my calendar",
    "text Alex directions to the Rijksmuseum from here on foot",
    "summarize the lease agreement and save it as a note",
)


def tally(cards: Sequence[TaskCard]) -> str:
    """What became of a plan's tasks, in a line: "All 3 done.", "2 done, 1 failed."."""
    counts = Counter(card.status for card in cards)
    done = counts.pop("done", 0)
    if not counts:
        return "Done." if done == 1 else f"All {done} done."
    parts = ([f"{done} done"] if done else []) + [f"{n} {STATUS_WORDS[s].lower()}" for s, n in counts.items()]
    return ", ".join(parts) + "."


class Bubble(QFrame):
    """A message: the user's (right, accent colour), the assistant's or a notice (left)."""

    def __init__(self, text: str, role: str, colours: Colours) -> None:
        super().__init__()
        self.role = role
        self.setObjectName(f"{role}Bubble")
        self.text = selectable(QLabel(text))
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # A word-wrapped label asks for too little width; size it to its longest line.
        metrics = self.text.fontMetrics()
        widest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
        self.text.setMinimumWidth(min(BUBBLE_WIDTH, widest + 4))
        self.text.setMaximumWidth(BUBBLE_WIDTH)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text)
        styles = {
            "user": f"background: {colours.user_bubble}; color: {colours.user_text};",
            "answer": f"background: {colours.card}; color: {colours.text};"
            f" border: 1px solid {colours.card_border};",
            "error": f"background: {colours.card}; color: {colours.status['failed']};"
            f" border: 1px solid {colours.status['failed']};",
            "notice": f"color: {colours.muted}; font-style: italic;",
        }
        self.setStyleSheet(f"#{role}Bubble {{ {styles[role]} border-radius: 12px; }}")


class Welcome(QFrame):
    """What an empty conversation shows: what the assistant does, and requests to try."""

    def __init__(self, choose: Callable[[str], object]) -> None:
        super().__init__()
        self.setObjectName("welcome")
        title = QLabel("What can I do for you?")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        about = QLabel(  # two fixed lines: a word-wrapped label gets clipped in a scroll area
            "Type or say a request. I plan it on this computer, show each step as a card,\n"
            "and ask before anything is sent to another person."
        )
        about.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted in any theme
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 24)
        column.setSpacing(8)
        column.addWidget(title)
        column.addWidget(about)
        column.addSpacing(8)
        self.buttons: list[QPushButton] = []
        for example in EXAMPLES:
            button = QPushButton(f"“{example}”")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip("Put this request in the input line")
            button.setStyleSheet("text-align: left; padding: 4px 8px;")
            button.clicked.connect(lambda _=False, text=example: choose(text))
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons.append(button)


class ChatView(QScrollArea):
    """Scrollable conversation; newest at the bottom, kept in view while a plan runs."""

    example_chosen = Signal(str)  # an example request of the welcome panel was clicked

    def __init__(self, colours: Colours) -> None:
        super().__init__()
        self.colours = colours
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._content = QWidget()
        self._content.setObjectName("chatContent")
        self._column = QVBoxLayout(self._content)
        self._column.setContentsMargins(16, 16, 16, 16)
        self._column.setSpacing(8)
        self._column.addStretch(1)
        self.setWidget(self._content)
        self.cards: dict[tuple[int, int], TaskCard] = {}  # (attempt, action number) -> card
        self._attempt = 1
        self._attempt_cards: list[TaskCard] = []  # the cards of the plan running now
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.verticalScrollBar().rangeChanged.connect(self._follow)
        self._at_bottom = True
        self.welcome: Welcome | None = None
        self._show_welcome()

    # ---- building blocks ------------------------------------------------------------

    def _show_welcome(self) -> None:
        self.welcome = Welcome(self.example_chosen.emit)
        self._column.insertWidget(0, self.welcome, 0, Qt.AlignmentFlag.AlignHCenter)

    def _add(self, widget: QWidget, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        if self.welcome is not None:  # the conversation has begun
            self.welcome.hide()
            self.welcome.deleteLater()
            self.welcome = None
        self._at_bottom = self._scrolled_to_bottom()
        self._column.insertWidget(self._column.count() - 1, widget, 0, align)

    def add_user(self, text: str) -> Bubble:
        """The user's request."""
        bubble = Bubble(text, "user", self.colours)
        self._add(bubble, Qt.AlignmentFlag.AlignRight)
        self._at_bottom = True  # a new request always scrolls into view
        return bubble

    def add_answer(self, text: str, *, error: bool = False) -> Bubble:
        """The assistant's final answer (or why the request failed)."""
        bubble = Bubble(text, "error" if error else "answer", self.colours)
        self._add(bubble)
        return bubble

    def add_notice(self, text: str) -> Bubble:
        """A quiet line: loading, a replan, a warning about the configuration."""
        bubble = Bubble(text, "notice", self.colours)
        self._add(bubble)
        return bubble

    def clear(self) -> None:
        """Empty the view (a new or another conversation)."""
        while self._column.count() > 1:
            item = self._column.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self.welcome = None
        self.cards.clear()
        self._attempt = 1
        self._timer.stop()
        self._show_welcome()

    # ---- events ---------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Show what ``event`` says happened."""
        if isinstance(event, PlanningStarted):
            self._attempt = event.attempt
            self._attempt_cards = []
        elif isinstance(event, TaskPlanned):
            new = TaskCard(event.task.idx, event.task.tool, event.label, event.task.args, self.colours)
            new.setMaximumWidth(CARD_WIDTH)
            self.cards[(self._attempt, event.task.idx)] = new
            self._attempt_cards.append(new)
            self._add(new, Qt.AlignmentFlag(0))
        elif isinstance(event, TaskStarted):
            if card := self.cards.get((self._attempt, event.idx)):
                card.started(event.label, event.args, event.at)
                self._timer.start()
        elif isinstance(event, ConfirmationRequested | ChoiceRequested):
            if card := self.cards.get((self._attempt, event.idx)):
                card.waiting()
        elif isinstance(event, TaskFinished):
            if card := self.cards.get((self._attempt, event.idx)):
                card.finished(event.status, event.result, event.error, event.elapsed_s)
        elif isinstance(event, Replanning):
            self.add_notice(f"Trying again: {event.reason}")
        elif isinstance(event, AnswerReady):
            # a summary of the results the cards above already show is told as a tally
            echoes = event.echoes_results and self._attempt_cards
            self.add_answer(tally(self._attempt_cards) if echoes else event.text)
        elif isinstance(event, RunFailed):
            self.add_answer(event.message, error=True)

    def show_turns(self, turns: Sequence[tuple[StoredTurn, Sequence[Event]]]) -> None:
        """A stored conversation, as it looked when it ran."""
        self.clear()
        for turn, events in turns:
            self.add_user(turn.query)
            self._attempt = 1
            for event in events:
                self.apply(event)
            ended = any(isinstance(e, AnswerReady | RunFailed) for e in events)
            if not ended:
                self.add_notice("This request was interrupted before it finished.")
            for card in self.cards.values():  # a card left running was interrupted too
                if card.status in ("pending", "running", "waiting"):
                    card.set_status("cancelled")
        self._timer.stop()
        self._at_bottom = True

    def running_cards(self) -> list[TaskCard]:
        """Cards whose task is running right now."""
        return [c for c in self.cards.values() if c.status in ("running", "waiting")]

    def _tick(self) -> None:
        running = self.running_cards()
        now = time.time()
        for card in running:
            card.tick(now)
        if not running:
            self._timer.stop()

    # ---- scrolling ------------------------------------------------------------------

    def _scrolled_to_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 24

    def _follow(self, _minimum: int, maximum: int) -> None:
        if self._at_bottom:  # keep following the plan unless the user scrolled up to read
            self.verticalScrollBar().setValue(maximum)
