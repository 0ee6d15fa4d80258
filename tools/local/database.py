"""SQLite files of the local store, migrated on open with append-only named steps."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

BUSY_TIMEOUT_S = 10.0


def connect(path: Path, migrations: Sequence[str]) -> sqlite3.Connection:
    """A connection to ``path`` with every migration applied (``PRAGMA user_version`` counts them).

    Parallel tasks may open a new database at the same moment; the migration runs under
    ``BEGIN IMMEDIATE`` and re-reads the version, so exactly one of them applies each step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        if _version(db) < len(migrations):
            _migrate(db, migrations)
    except BaseException:
        db.close()
        raise
    return db


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _migrate(db: sqlite3.Connection, migrations: Sequence[str]) -> None:
    db.isolation_level = None  # manage the transaction by hand: DDL and the version bump together
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _version(db)
            for number, script in enumerate(migrations[version:], start=version + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.isolation_level = "DEFERRED"  # the default again, so callers can use ``with db:``
