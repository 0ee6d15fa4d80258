"""Conversation history: conversations, their turns and each turn's events, in SQLite.

The app keeps one file, ``history.sqlite3`` in the user's data folder, so that conversations
and their task cards come back after a restart. The schema grows by append-only, named
migrations (``MIGRATIONS``); the ``_migrations`` table records which ones a file has had.

A file that is not a SQLite database, or whose schema cannot be read, is moved aside to
``history.sqlite3.corrupt-<timestamp>`` (with its ``-wal``/``-shm`` files) and a new, empty
history is started; ``History.warnings`` says so. Nothing is deleted. Disk problems (a folder
that is not writable, a full disk) raise ``HistoryError``.

One connection serves every thread, guarded by a lock: each call is a few quick statements,
so the asyncio thread of the GUI can call it directly.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from tinyagent.core.errors import HistoryError

# The settings file's backup naming, reused so every damaged file is named the same way.
from tinyagent.core.settings import backup_path, user_paths

HISTORY_FILE = "history.sqlite3"
TITLE_LIMIT = 60  # characters of the first query kept as a conversation's title

TurnStatus = Literal["running", "answered", "failed", "stopped"]
_FINISHED: tuple[TurnStatus, ...] = ("answered", "failed", "stopped")
_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")  # SQLite would replay a stale one into a new file


@dataclass(frozen=True)
class Conversation:
    """One conversation; times are seconds since the epoch, like ``Event.at``."""

    id: int
    title: str  # "" until the first query names it
    created_at: float
    updated_at: float  # bumped when a turn starts or finishes
    turn_count: int = 0


@dataclass(frozen=True)
class StoredTurn:
    """One request and its outcome, with the events it produced in the order they came."""

    id: int
    conversation_id: int
    query: str
    answer: str | None
    status: TurnStatus
    created_at: float
    finished_at: float | None  # None while running, or when the app died during it
    events: tuple[dict[str, Any], ...] = ()  # exactly the dicts given to ``add_event``


def title_from_query(query: str, limit: int = TITLE_LIMIT) -> str:
    """A conversation title from a query: its first non-blank line, at most ``limit`` characters.

    A longer line is cut at a word boundary when one is near the end, and ends with "…".
    """
    line = next((" ".join(text.split()) for text in query.splitlines() if text.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


# ---- migrations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    """One schema step; ``name`` is recorded in ``_migrations`` once it has been applied."""

    name: str
    apply: Callable[[sqlite3.Connection], None]


def _m001_initial(db: sqlite3.Connection) -> None:
    # AUTOINCREMENT: an id is never reused, so a late event for a deleted turn can never
    # land in a newer one.
    db.execute(
        """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            query TEXT NOT NULL,
            answer TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'answered', 'failed', 'stopped')),
            created_at REAL NOT NULL,
            finished_at REAL)"""
    )
    db.execute(
        """CREATE TABLE events (
            turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (turn_id, seq)) WITHOUT ROWID"""
    )


def _m002_indexes(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX turns_by_conversation ON turns (conversation_id, id)")
    db.execute("CREATE INDEX conversations_by_update ON conversations (updated_at)")


# Append only: never edit, rename or reorder a migration that has shipped.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("m001_initial", _m001_initial),
    Migration("m002_indexes", _m002_indexes),
)


def migrate(db: sqlite3.Connection, migrations: tuple[Migration, ...] | None = None) -> list[str]:
    """Apply the migrations ``db`` has not had yet, in order, each in its own transaction.

    ``migrations`` defaults to ``MIGRATIONS``. Returns the names applied now.
    """
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for step in MIGRATIONS if migrations is None else migrations:
        if step.name in done:
            continue
        with _transaction(db):
            step.apply(db)
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (step.name, time.time()))
        applied.append(step.name)
    return applied


@contextmanager
def _transaction(db: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    db.execute(begin)
    try:
        yield
        db.commit()
    except BaseException:
        db.rollback()  # a no-op when SQLite already rolled back (e.g. on a full disk)
        raise


# ---- opening ----------------------------------------------------------------------------

# Columns every query relies on; preparing these finds a file whose schema is not ours.
_PROBES = (
    "SELECT id, title, created_at, updated_at FROM conversations LIMIT 0",
    "SELECT id, conversation_id, query, answer, status, created_at, finished_at FROM turns LIMIT 0",
    "SELECT turn_id, seq, json FROM events LIMIT 0",
)

# Failures of the disk or of permissions, not of the file's contents.
_DISK_CODES = {
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_NOMEM,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PROTOCOL,
    sqlite3.SQLITE_AUTH,
}


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF  # the primary code of an extended one


def _has_sqlite_header(path: Path) -> bool:
    """False for a file that is surely not SQLite; such a file is moved aside unopened.

    Opening it would not be harmless: closing the failed connection deletes its ``-wal``.
    """
    try:
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except OSError:
        return True  # missing (a new file) or unreadable: SQLite says which, precisely
    return head in (b"", _SQLITE_HEADER)  # SQLite treats an empty file as a new database


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``path``, check it, bring its schema up to date and stop turns left running."""
    # isolation_level=None: transactions are explicit (``_transaction``), never implicit.
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # the first read: fails here if not a database
        db.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a power cut loses the last write only
        db.execute("PRAGMA foreign_keys=ON")
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems[:3]))
        migrate(db)
        for probe in _PROBES:
            db.execute(probe)
        # The app died during these: nobody will finish them now.
        db.execute("UPDATE turns SET status = 'stopped' WHERE status = 'running'")
    except BaseException:
        db.close()
        raise
    return db


def _move_aside(path: Path) -> Path:
    """Rename the damaged file and its sidecars to ``<name>.corrupt-<timestamp>``; return it."""
    backup = backup_path(path)
    try:
        os.replace(path, backup)
        for suffix in _SIDECARS:
            sidecar = path.with_name(path.name + suffix)
            if sidecar.exists():
                os.replace(sidecar, backup.with_name(backup.name + suffix))
    except OSError as exc:
        raise HistoryError(
            f"The history file {path} is damaged and could not be moved aside ({exc.strerror or exc}); "
            "move it (and any -wal/-shm file next to it) to another folder, then start TinyAgent again."
        ) from exc
    return backup


def _error(path: Path, action: str, exc: sqlite3.Error) -> HistoryError:
    """A ``HistoryError`` for a failed ``action`` that says what the user can do."""
    code = _code(exc)
    if code == sqlite3.SQLITE_FULL:
        advice = "the disk is full; free some space and try again"
    elif code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN):
        advice = f"check that the folder {path.parent} exists and is writable"
    elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        advice = "another program is using the file (is TinyAgent running twice?); close it and try again"
    elif code in _DISK_CODES:
        advice = "check the disk and try again"
    else:
        advice = "the file is damaged; restart TinyAgent to move it aside and start a new history"
    return HistoryError(f"Could not {action} the conversation history {path} ({exc}): {advice}.")


_CONVERSATION_SELECT = """
    SELECT c.id, c.title, c.created_at, c.updated_at,
           (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)
    FROM conversations c"""


# ---- the store --------------------------------------------------------------------------


class History:
    """The conversation history in one SQLite file; a context manager that closes it.

    ``warnings`` says what the user should be told about the file (it was damaged and
    moved aside). Every method may raise ``HistoryError`` when the disk fails.
    """

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        """Open or create the history at ``path`` (its folder too).

        ``clock`` gives the current time in seconds since the epoch (tests pass their own).
        """
        self.path = path
        self.warnings: tuple[str, ...] = ()
        self._clock = clock
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                f"Could not create the folder {path.parent} for the conversation history "
                f"({exc.strerror or exc}); check that its parent folder is writable."
            ) from exc
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        reason = None if _has_sqlite_header(self.path) else "file is not a database"
        if reason is None:
            try:
                return _connect(self.path)
            except sqlite3.DatabaseError as exc:
                if _code(exc) in _DISK_CODES or not self.path.exists():
                    raise _error(self.path, "open", exc) from exc
                reason = str(exc)
        backup = _move_aside(self.path)
        self.warnings = (
            f"The history file was damaged ({reason}); it was moved to {backup} "
            "and a new, empty history was started.",
        )
        try:
            return _connect(self.path)
        except sqlite3.DatabaseError as exc:
            raise _error(self.path, "create", exc) from exc

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        """Open the history at ``path``; the default is ``history.sqlite3`` in the user's data folder."""
        return cls(path or user_paths().data_dir / HISTORY_FILE)

    def close(self) -> None:
        """Close the file; calling it again does nothing."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _using(self, action: str) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock; disk and file failures become ``HistoryError``."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.DatabaseError as exc:
                # IntegrityError, ProgrammingError…: a bug in this module, not the disk.
                if not isinstance(exc, sqlite3.OperationalError) and type(exc) is not sqlite3.DatabaseError:
                    raise
                raise _error(self.path, action, exc) from exc

    # ---- conversations --------------------------------------------------------------

    def new_conversation(self, title: str = "") -> Conversation:
        """Create an empty conversation; an empty title is set from its first query."""
        now = self._clock()
        with self._using("save") as db:
            cursor = db.execute(
                "INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)",
                (title.strip(), now, now),
            )
        assert cursor.lastrowid is not None
        return Conversation(cursor.lastrowid, title.strip(), now, now)

    def conversations(self, limit: int = 200) -> list[Conversation]:
        """Up to ``limit`` conversations, the most recently updated first."""
        query = _CONVERSATION_SELECT + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?"
        with self._using("read") as db:
            rows = db.execute(query, (limit,)).fetchall()
        return [Conversation(*row) for row in rows]

    def conversation(self, conversation_id: int) -> Conversation | None:
        """The conversation with this id, or None when there is none (e.g. it was deleted)."""
        with self._using("read") as db:
            row = db.execute(_CONVERSATION_SELECT + " WHERE c.id = ?", (conversation_id,)).fetchone()
        return None if row is None else Conversation(*row)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        """Set a conversation's title (an unknown id is ignored); the list order is kept."""
        with self._using("save") as db:
            db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title.strip(), conversation_id))

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete a conversation with its turns and their events (an unknown id is ignored)."""
        with self._using("save") as db:
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # ---- turns ----------------------------------------------------------------------

    def start_turn(self, conversation_id: int, query: str) -> int:
        """Record a new running turn and return its id.

        An untitled conversation takes its title from this query (``title_from_query``).
        Raise ``KeyError`` when the conversation does not exist.
        """
        now = self._clock()
        with self._using("save") as db, _transaction(db):
            row = db.execute("SELECT title FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
            if row is None:
                raise KeyError(f"there is no conversation {conversation_id} in the history")
            cursor = db.execute(
                "INSERT INTO turns (conversation_id, query, status, created_at) VALUES (?, ?, 'running', ?)",
                (conversation_id, query, now),
            )
            title = row[0] or title_from_query(query)
            db.execute(
                "UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?",
                (title, now, conversation_id),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def add_event(self, turn_id: int, event: Mapping[str, Any]) -> None:
        """Append an event (e.g. ``Event.to_json()``) to a turn, after the ones it has.

        It is stored as JSON text, exactly as given. A turn deleted meanwhile (its
        conversation was) is ignored. A value JSON cannot hold raises ``TypeError``.
        """
        text = json.dumps(dict(event), ensure_ascii=False)
        with self._using("save") as db:
            db.execute(
                """INSERT INTO events (turn_id, seq, json)
                   SELECT id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE turn_id = ?), ?
                   FROM turns WHERE id = ?""",
                (turn_id, text, turn_id),
            )

    def finish_turn(self, turn_id: int, *, answer: str | None, status: TurnStatus) -> None:
        """Record how a turn ended: "answered", "failed" or "stopped" (an unknown id is ignored)."""
        if status not in _FINISHED:
            raise ValueError(f"a turn finishes as one of {', '.join(_FINISHED)}, not {status!r}")
        now = self._clock()
        with self._using("save") as db, _transaction(db):
            db.execute(
                "UPDATE turns SET answer = ?, status = ?, finished_at = ? WHERE id = ?",
                (answer, status, now, turn_id),
            )
            db.execute(
                "UPDATE conversations SET updated_at = ? "
                "WHERE id = (SELECT conversation_id FROM turns WHERE id = ?)",
                (now, turn_id),
            )

    def turns(self, conversation_id: int) -> list[StoredTurn]:
        """A conversation's turns, oldest first, each with its events in order."""
        with self._using("read") as db, _transaction(db, "BEGIN"):  # one snapshot for both reads
            turn_rows = db.execute(
                "SELECT id, conversation_id, query, answer, status, created_at, finished_at "
                "FROM turns WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            ).fetchall()
            event_rows = db.execute(
                "SELECT e.turn_id, e.json FROM events e JOIN turns t ON t.id = e.turn_id "
                "WHERE t.conversation_id = ? ORDER BY e.turn_id, e.seq",
                (conversation_id,),
            ).fetchall()
        events: dict[int, list[dict[str, Any]]] = {}
        for turn_id, text in event_rows:
            events.setdefault(turn_id, []).append(json.loads(text))
        return [
            StoredTurn(id_, conv_id, query, answer, status, created, finished, tuple(events.get(id_, ())))
            for id_, conv_id, query, answer, status, created, finished in turn_rows
        ]
