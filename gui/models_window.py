"""The Models window: the catalog, with download, cancel, remove and verify.

Downloads and verifications run in worker threads (``download_model`` and
``verify_model`` block); a worker never touches a widget: it emits private signals that
Qt queues to the UI thread. Several downloads may run at once; each has its own cancel
flag, and a cancelled download keeps its ``.part`` files so that the next one resumes.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tinyagent.core.downloads import (
    AccessDenied,
    ChecksumMismatch,
    DiskFull,
    DownloadCancelled,
    DownloadOptions,
    NotOnHub,
    Offline,
    format_size,
)
from tinyagent.core.errors import TinyAgentError
from tinyagent.core.models import (
    BUILD_COMMAND,
    CATALOG,
    ModelState,
    Status,
    Verification,
    download_model,
    model_state,
    remove_model,
    verify_model,
)
from tinyagent.core.models_cli import _size_column as size_text
from tinyagent.core.settings import UserPaths, user_paths

COLUMNS = ("Name", "Kind", "Purpose", "Size", "Status", "Actions")
_NAME, _KIND, _PURPOSE, _SIZE, _STATUS, _ACTIONS = range(len(COLUMNS))

STATUS_WORDS = {
    Status.BUILTIN: "Built in",
    Status.NOT_BUILT: "Not built",
    Status.DOWNLOADED: "Installed",
    Status.PARTIAL: "Partly downloaded",
    Status.NOT_DOWNLOADED: "Not downloaded",
}

# Most specific first: a short title before core's message, which says what to do.
_ERROR_TITLES: tuple[tuple[type[Exception], str], ...] = (
    (DownloadCancelled, "Download cancelled"),
    (Offline, "Offline"),
    (DiskFull, "Not enough disk space"),
    (ChecksumMismatch, "Damaged download"),
    (NotOnHub, "Not found on the Hub"),
    (AccessDenied, "Access denied"),
    (TinyAgentError, "Failed"),
)

# Core's messages are written for the command line; in this window the button does it.
_CLI_DOWNLOAD = re.compile(r"\b([Rr])un `tinyagent models download [^`]+`")
_PROGRESS_EVERY_S = 0.05


def status_text(state: ModelState) -> str:
    """The status column in plain words."""
    if state.status is Status.NOT_BUILT:
        return f"Not built: run {BUILD_COMMAND}"
    return STATUS_WORDS[state.status]


def error_text(name: str, error: BaseException) -> str:
    """What went wrong with ``name``, in core's words, pointing at this window's buttons."""
    title = next((t for cls, t in _ERROR_TITLES if isinstance(error, cls)), "Failed")
    message = _CLI_DOWNLOAD.sub(lambda m: ("c" if m.group(1) == "r" else "C") + "lick Download", str(error))
    return f"{name}: {title}. {message}"


def verification_text(result: Verification) -> str:
    """The outcome of a verification, as ``tinyagent models verify`` words it."""
    name = result.state.spec.name
    if result.ok:
        count = len(result.checks)
        if not count:
            return f"{name}: nothing to verify ({STATUS_WORDS[result.state.status].lower()})."
        partly = " so far (the download is not finished)" if result.state.status is Status.PARTIAL else ""
        return f"{name}: ok ({count} file{'s' if count != 1 else ''} intact{partly})."
    problems = "; ".join(f"{c.path.name}: {c.problem}" for c in result.checks if c.problem is not None)
    fix = "Remove it and download it again." if result.state.spec.hub else f"Rebuild it: {BUILD_COMMAND}."
    return f"{name}: DAMAGED ({problems}). {fix}"


@dataclass
class _Job:
    """A worker thread and its cancel flag (internal, mutable bookkeeping)."""

    thread: threading.Thread
    cancel: threading.Event
    kind: str  # "download" or "verify"


class _Row:
    """The widgets of one catalog entry's row."""

    def __init__(self, window: ModelsWindow, name: str) -> None:
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)  # per mille: sizes in bytes overflow Qt's int
        self.progress.setVisible(False)
        self.cell = QWidget()  # the status cell: the label, or the bar while downloading
        column = QVBoxLayout(self.cell)
        column.setContentsMargins(4, 2, 4, 2)
        column.addWidget(self.status)
        column.addWidget(self.progress)
        self.actions = QWidget()
        layout = QHBoxLayout(self.actions)
        layout.setContentsMargins(4, 2, 4, 2)
        self.buttons: dict[str, QPushButton] = {}
        handlers: dict[str, Callable[[str], None]] = {
            "download": window.download,
            "cancel": window.cancel,
            "remove": window.remove,
            "verify": window.verify,
        }
        for action, handler in handlers.items():
            button = QPushButton(action.capitalize())
            button.setObjectName(f"{action}:{name}")
            button.clicked.connect(lambda _=False, h=handler: h(name))
            layout.addWidget(button)
            self.buttons[action] = button
        layout.addStretch(1)

    def show_state(self, state: ModelState, job: _Job | None, note: str | None) -> None:
        downloadable = state.spec.hub is not None and not state.status.ready
        partial = state.status is Status.PARTIAL
        self.buttons["download"].setToolTip("Continues where it stopped" if partial else state.spec.purpose)
        self.buttons["download"].setVisible(downloadable and job is None)
        self.buttons["cancel"].setVisible(job is not None and job.kind == "download")
        self.buttons["remove"].setVisible(
            state.spec.hub is not None and state.status is not Status.NOT_DOWNLOADED and job is None
        )
        self.buttons["verify"].setVisible(state.status not in (Status.NOT_BUILT, Status.NOT_DOWNLOADED))
        self.buttons["verify"].setEnabled(job is None)
        self.status.setText(note or status_text(state))
        downloading = job is not None and job.kind == "download"
        self.progress.setVisible(downloading)
        self.status.setVisible(not downloading)

    def show_progress(self, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        self.progress.setValue(round(1000 * fraction))
        self.progress.setFormat(f"{fraction:.0%} · {format_size(done)} of {format_size(total)}")


class ModelsWindow(QWidget):
    """The model catalog with its actions; long work runs in worker threads."""

    download_progressed = Signal(str, object, object)  # name, bytes done, bytes in all
    download_finished = Signal(str, object)  # name, the error or None
    verify_finished = Signal(str, object)  # name, the Verification or the error
    models_changed = Signal()  # something was downloaded or removed: installed lists are stale

    # from worker threads; queued to the UI thread
    _progressed = Signal(str, object, object)
    _download_ended = Signal(str, object)
    _verify_ended = Signal(str, object)

    def __init__(
        self,
        paths: UserPaths | None = None,
        options: DownloadOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Models")
        self._paths = paths or user_paths()
        self._options = options or DownloadOptions()
        self._jobs: dict[str, _Job] = {}
        self._notes: dict[str, str] = {}  # a row's status replaced until the next refresh
        self._messages: dict[str, str] = {}  # name -> the latest message about it
        self._states: dict[str, ModelState] = {}
        self._rows: dict[str, _Row] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self._progressed.connect(self._on_progress, queued)
        self._download_ended.connect(self._on_download_ended, queued)
        self._verify_ended.connect(self._on_verify_ended, queued)
        self._build()
        self.refresh()

    # ---- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            f"Built-in models work offline. Downloads go to {self._paths.models_dir}; "
            "an interrupted download resumes where it stopped."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        refresh = QPushButton("&Refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(refresh)
        self.table = QTableWidget(len(CATALOG), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (_NAME, _KIND, _SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_PURPOSE, QHeaderView.ResizeMode.Stretch)
        # cell widgets change with the state (a progress bar, up to three buttons): fixed room
        header.setSectionResizeMode(_STATUS, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(_ACTIONS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(_STATUS, 250)
        header.resizeSection(_ACTIONS, 260)
        # the purpose wraps: rows follow its width
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(40)
        for index, spec in enumerate(CATALOG):
            row = _Row(self, spec.name)
            self._rows[spec.name] = row
            for column, text in ((_NAME, spec.name), (_KIND, spec.kind), (_PURPOSE, spec.purpose)):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{spec.purpose}\nLicense: {spec.license}")
                self.table.setItem(index, column, item)
            self.table.setItem(index, _SIZE, QTableWidgetItem())
            self.table.setCellWidget(index, _STATUS, row.cell)
            self.table.setCellWidget(index, _ACTIONS, row.actions)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.resize(1180, 600)

    # ---- reading states ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read every model's state again from disk (clears the notes of finished work)."""
        self._notes = {name: note for name, note in self._notes.items() if name in self._jobs}
        for spec in CATALOG:
            self._show(spec.name)

    def state(self, name: str) -> ModelState:
        """The state shown for ``name`` (as of the last refresh or finished job)."""
        return self._states[name]

    def status_shown(self, name: str) -> str:
        """The text of ``name``'s status cell."""
        return self._rows[name].status.text()

    def is_busy(self, name: str) -> bool:
        """A download or verification of ``name`` is running."""
        return name in self._jobs

    def _show(self, name: str) -> None:
        state = model_state(name, self._paths)
        self._states[name] = state
        index = [spec.name for spec in CATALOG].index(name)
        size = self.table.item(index, _SIZE)
        if size is not None:
            size.setText(size_text(state))
        self._rows[name].show_state(state, self._jobs.get(name), self._notes.get(name))

    def _say(self, name: str, text: str | None) -> None:
        if text is None:
            self._messages.pop(name, None)
        else:
            self._messages[name] = text
        self.message.setText("\n".join(self._messages.values()))

    # ---- actions --------------------------------------------------------------------

    def download(self, name: str) -> None:
        """Start downloading ``name`` in a worker thread (resuming what is there)."""
        if name in self._jobs:
            return
        cancel = threading.Event()
        thread = threading.Thread(target=self._download_work, args=(name, cancel), daemon=True)
        self._jobs[name] = _Job(thread, cancel, "download")
        self._notes.pop(name, None)
        self._say(name, None)
        self._show(name)
        self._rows[name].show_progress(0, self._states[name].spec.approx_size)
        thread.start()

    def cancel(self, name: str) -> None:
        """Ask ``name``'s download to stop after the current chunk."""
        job = self._jobs.get(name)
        if job is not None:
            job.cancel.set()
            self._rows[name].buttons["cancel"].setEnabled(False)

    def cancel_all(self) -> None:
        """Ask every running download to stop (call before quitting: the parts are kept)."""
        for name in list(self._jobs):
            self.cancel(name)

    def remove(self, name: str) -> None:
        """Delete ``name``'s downloaded files, after asking."""
        state = model_state(name, self._paths)
        answer = QMessageBox.question(
            self,
            "Remove model",
            f"Remove {name} ({format_size(state.size)})? You can download it again later.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            freed = remove_model(name, self._paths)
        except (TinyAgentError, OSError) as error:
            self._say(name, error_text(name, error))
        else:
            self._say(name, f"Removed {name} ({format_size(freed)} freed).")
            self.models_changed.emit()
        self._notes.pop(name, None)
        self._show(name)

    def verify(self, name: str) -> None:
        """Check ``name``'s files against their checksums in a worker thread."""
        if name in self._jobs:
            return
        thread = threading.Thread(target=self._verify_work, args=(name,), daemon=True)
        self._jobs[name] = _Job(thread, threading.Event(), "verify")
        self._notes[name] = "Verifying…"
        self._show(name)
        thread.start()

    # ---- worker threads: no widgets here ----------------------------------------------

    def _download_work(self, name: str, cancel: threading.Event) -> None:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if done >= total or now - last >= _PROGRESS_EVERY_S:
                last = now
                _emit(self._progressed, name, done, total)

        try:
            download_model(name, paths=self._paths, progress=progress, cancel=cancel, options=self._options)
        except (TinyAgentError, OSError) as error:
            _emit(self._download_ended, name, error)
        except BaseException as error:  # a bug: the row must not spin forever; then report it
            _emit(self._download_ended, name, error)
            raise
        else:
            _emit(self._download_ended, name, None)

    def _verify_work(self, name: str) -> None:
        try:
            result: Verification | BaseException = verify_model(name, self._paths)
        except (TinyAgentError, OSError) as error:
            result = error
        _emit(self._verify_ended, name, result)

    # ---- back on the UI thread ----------------------------------------------------------

    def _on_progress(self, name: str, done: int, total: int) -> None:
        if name in self._jobs:
            self._rows[name].show_progress(done, total)
            self.download_progressed.emit(name, done, total)

    def _on_download_ended(self, name: str, error: BaseException | None) -> None:
        self._jobs.pop(name, None)
        self._rows[name].buttons["cancel"].setEnabled(True)
        if error is None:
            state = model_state(name, self._paths)
            self._say(name, f"Downloaded {name} ({format_size(state.size)}).")
        else:
            self._say(name, error_text(name, error))
            if isinstance(error, DownloadCancelled):
                self._notes[name] = "Cancelled: partly downloaded"
        self._show(name)
        self.models_changed.emit()
        self.download_finished.emit(name, error)

    def _on_verify_ended(self, name: str, result: Verification | BaseException) -> None:
        self._jobs.pop(name, None)
        self._notes.pop(name, None)
        if isinstance(result, Verification):
            self._say(name, verification_text(result))
            if not result.ok:
                self._notes[name] = "Damaged"
        else:
            self._say(name, error_text(name, result))
        self._show(name)
        self.verify_finished.emit(name, result)


def _emit(signal: SignalInstance, *args: object) -> None:
    """Emit from a worker; the window may have been deleted meanwhile (the app is closing)."""
    with contextlib.suppress(RuntimeError):
        signal.emit(*args)
