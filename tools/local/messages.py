"""Text messages on a computer without a phone line: an outbox in ``messages.sqlite3``.

Messages wait there, marked "stored"; a phone bridge (or the user) can send them later.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tinyagent.tools.errors import ToolArgumentError
from tinyagent.tools.local.database import connect

DB_NAME = "messages.sqlite3"
MIN_DIGITS = 3  # short codes have 3 to 6 digits
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")

# Append-only: a released migration is never edited, a new one is added at the end.
MIGRATIONS = (
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        recipients TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'stored'
    );
    """,
)


@dataclass(frozen=True)
class StoredMessage:
    """One message in the outbox."""

    id: int
    created_at: str  # ISO 8601, UTC
    recipients: tuple[str, ...]
    body: str
    status: str


def check_numbers(numbers: Sequence[str]) -> tuple[str, ...]:
    """The non-empty ``numbers``, each a plausible phone number."""
    cleaned = tuple(" ".join(n.split()) for n in numbers if n.strip())
    if not cleaned:
        raise ToolArgumentError("Give at least one phone number to text.")
    for number in cleaned:
        if not _PHONE.match(number) or sum(ch.isdigit() for ch in number) < MIN_DIGITS:
            raise ToolArgumentError(
                f"{number!r} is not a phone number. Look it up with get_phone_number first."
            )
    return cleaned


class Outbox:
    """The outbox of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DB_NAME

    def store(self, recipients: Sequence[str], body: str) -> int:
        """Add a message; returns its id."""
        with self._connect() as db, db:
            cursor = db.execute(
                "INSERT INTO outbox (created_at, recipients, body) VALUES (?, ?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), json.dumps(list(recipients)), body),
            )
            return int(cursor.lastrowid or 0)

    def messages(self) -> list[StoredMessage]:
        """Every message in the outbox, oldest first."""
        if not self.path.exists():
            return []
        with self._connect() as db:
            rows = db.execute("SELECT id, created_at, recipients, body, status FROM outbox ORDER BY id")
            return [
                StoredMessage(i, created, tuple(json.loads(recipients)), body, status)
                for i, created, recipients, body, status in rows.fetchall()
            ]

    def _connect(self) -> closing[sqlite3.Connection]:
        return closing(connect(self.path, MIGRATIONS))
