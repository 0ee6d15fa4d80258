"""Light and dark themes, following the system unless the user picked one.

One palette per theme on the Fusion style (the same look on macOS and Linux), plus the few
colours the palette has no role for: bubbles and task statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from tinyagent.core.events import TaskStatus
from tinyagent.core.settings import Theme


@dataclass(frozen=True)
class Colours:
    """Colours of one theme."""

    dark: bool
    window: str
    base: str
    text: str
    muted: str
    accent: str
    user_bubble: str
    user_text: str
    card: str
    card_border: str
    status: dict[str, str]


LIGHT = Colours(
    dark=False,
    window="#f5f6f8",
    base="#ffffff",
    text="#1d2430",
    muted="#5f6b7a",
    accent="#2f6fed",
    user_bubble="#2f6fed",
    user_text="#ffffff",
    card="#ffffff",
    card_border="#dde1e7",
    status={
        "pending": "#8a94a3",
        "running": "#2f6fed",
        "waiting": "#8b4dd6",
        "done": "#1f8a4c",
        "failed": "#c62f2f",
        "skipped": "#b7791f",
        "cancelled": "#6b7280",
    },
)
DARK = Colours(
    dark=True,
    window="#1b1d21",
    base="#23262b",
    text="#e6e8eb",
    muted="#9aa3ae",
    accent="#6b9bff",
    user_bubble="#2f5fc4",
    user_text="#ffffff",
    card="#262a30",
    card_border="#3a3f47",
    status={
        "pending": "#8a94a3",
        "running": "#6b9bff",
        "waiting": "#b58cf0",
        "done": "#4cc17f",
        "failed": "#f06a6a",
        "skipped": "#e0a84a",
        "cancelled": "#9aa3ae",
    },
)


def system_is_dark() -> bool:
    """True when the desktop asks for a dark appearance."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colours_for(theme: Theme) -> Colours:
    """The colours of ``theme`` ("system" follows the desktop)."""
    if theme == "system":
        return DARK if system_is_dark() else LIGHT
    return DARK if theme == "dark" else LIGHT


def apply_theme(app: QApplication, theme: Theme) -> Colours:
    """Style the whole app; returns the colours chosen."""
    colours = colours_for(theme)
    app.setStyle("Fusion")
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: colours.window,
        QPalette.ColorRole.WindowText: colours.text,
        QPalette.ColorRole.Base: colours.base,
        QPalette.ColorRole.AlternateBase: colours.window,
        QPalette.ColorRole.Text: colours.text,
        QPalette.ColorRole.Button: colours.base,
        QPalette.ColorRole.ButtonText: colours.text,
        QPalette.ColorRole.Highlight: colours.accent,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: colours.base,
        QPalette.ColorRole.ToolTipText: colours.text,
        QPalette.ColorRole.PlaceholderText: colours.muted,
        QPalette.ColorRole.Link: colours.accent,
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(colours.muted))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(colours.muted))
    app.setPalette(palette)
    app.setProperty("tinyagent_dark", colours.dark)
    return colours


def current_colours() -> Colours:
    """The colours of the theme applied last (light before any)."""
    app = QApplication.instance()
    return DARK if app is not None and app.property("tinyagent_dark") else LIGHT


def status_key(status: TaskStatus | str) -> str:
    """The colour key of a card status."""
    return status.value if isinstance(status, TaskStatus) else status


@cache
def _svg(name: str) -> bytes:
    return (resources.files("tinyagent.resources") / "icons" / f"{name}.svg").read_bytes()


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon from ``resources/icons`` (recoloured when ``colour`` is given)."""
    data = _svg(name)
    if colour is not None:
        data = data.replace(b"#5f6b7a", colour.encode())
    result = QIcon()
    for size in (16, 24, 32, 48):
        result.addPixmap(_render(data, size))
    return result


def _render(data: bytes, size: int) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    QSvgRenderer(QByteArray(data)).render(painter)
    painter.end()
    return pixmap
