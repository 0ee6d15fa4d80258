"""The local address book: SQLite (``contacts.sqlite3``), filled by importing vCards.

Importing is idempotent: a card updates the contact with the same UID, or, for cards
without one, the contact with the same name and a shared address or number.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vobject

from tinyagent.tools.errors import ToolError
from tinyagent.tools.local.database import connect
from tinyagent.tools.matching import Candidate, normalize

DB_NAME = "contacts.sqlite3"
EMAIL, PHONE = "email", "phone"

# Append-only: a released migration is never edited, a new one is added at the end.
MIGRATIONS = (
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        uid TEXT UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL
    );
    CREATE INDEX contacts_name_key ON contacts(name_key);
    CREATE TABLE contact_values (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
        value TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        preferred INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL
    );
    CREATE INDEX contact_values_contact ON contact_values(contact_id);
    """,
)

_IGNORED_TYPES = frozenset({"internet", "pref", "voice", "x400", "x.400"})
_LABELS = {"cell": "mobile", "iphone": "mobile"}
_CARD = re.compile(r"^BEGIN:VCARD\r?\n.*?^END:VCARD\r?$", re.MULTILINE | re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class ContactValue:
    """One email address or phone number of a contact."""

    kind: str  # EMAIL or PHONE
    value: str
    label: str = ""  # "work", "home", "mobile"…
    preferred: bool = False


@dataclass(frozen=True)
class Contact:
    """A person as imported from one vCard."""

    name: str
    uid: str | None
    values: tuple[ContactValue, ...]


@dataclass(frozen=True)
class ImportReport:
    """What an import did; ``reasons`` explain each skipped card."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    reasons: tuple[str, ...] = ()


def import_vcards(data_dir: Path, vcf_path: Path) -> ImportReport:
    """Add or update the contacts of the vCard file ``vcf_path`` in ``data_dir``'s address book."""
    cards = _read_cards(vcf_path)
    outcomes = {"added": 0, "updated": 0, "unchanged": 0}
    reasons: list[str] = []
    store = ContactStore(data_dir)
    with store.transaction() as db:
        for number, text in enumerate(cards, start=1):
            try:
                contact = parse_card(text)
            except ValueError as exc:
                reasons.append(f"card {number}: {exc}")
                continue
            outcomes[store.save(db, contact)] += 1
    return ImportReport(skipped=len(reasons), reasons=tuple(reasons), **outcomes)


def _read_cards(vcf_path: Path) -> list[str]:
    try:
        raw = Path(vcf_path).expanduser().read_bytes()
    except FileNotFoundError:
        raise ToolError(
            f"There is no file at {vcf_path}. Export your contacts as a .vcf file first."
        ) from None
    except OSError as exc:
        raise ToolError(f"Cannot read {vcf_path} ({exc.strerror}). Check that you may open it.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # old vCard 2.1 exports; every byte decodes
    cards = [m.group(0) for m in _CARD.finditer(text.replace("\r\n", "\n"))]
    if not cards:
        raise ToolError(
            f"{vcf_path} holds no vCards (BEGIN:VCARD … END:VCARD). Export your contacts as vCard."
        )
    return cards


def parse_card(text: str) -> Contact:
    """The contact in one vCard; ``ValueError`` saying why when it is unusable."""
    try:
        card: Any = vobject.readOne(text)
    except Exception as exc:  # vobject raises many unrelated types for bad input
        raise ValueError(f"not a readable vCard ({exc})") from exc
    name = _card_name(card)
    if not name:
        raise ValueError("it has no name (FN or N)")
    values = tuple(
        [_value(EMAIL, line) for line in card.contents.get("email", []) if str(line.value).strip()]
        + [_value(PHONE, line) for line in card.contents.get("tel", []) if str(line.value).strip()]
    )
    if not values:
        raise ValueError(f"{name} has no email address or phone number")
    uid_lines = card.contents.get("uid", [])
    uid = str(uid_lines[0].value).strip() if uid_lines else ""
    return Contact(name=name, uid=uid or None, values=values)


def _card_name(card: Any) -> str:
    if "fn" in card.contents and str(card.fn.value).strip():
        return " ".join(str(card.fn.value).split())
    if "n" in card.contents:
        n = card.n.value
        return " ".join(" ".join(str(p) for p in (n.prefix, n.given, n.additional, n.family) if p).split())
    return ""


def _value(kind: str, line: Any) -> ContactValue:
    # vCard 3/4 write TYPE=work,pref; vCard 2.1 writes bare parameters (EMAIL;PREF;WORK).
    raw = [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]
    types = [t.casefold() for param in raw for t in str(param).split(",")]
    preferred = "pref" in types or bool(line.params.get("PREF"))
    labels = [t for t in types if t not in _IGNORED_TYPES]
    label = _LABELS.get(labels[0], labels[0]) if labels else ""
    return ContactValue(kind, " ".join(str(line.value).split()), label, preferred)


def _value_key(value: ContactValue) -> str:
    if value.kind == PHONE:
        return re.sub(r"[^\d+]", "", value.value)
    return value.value.casefold()


class ContactStore:
    """The address book of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DB_NAME

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A migrated connection; committed on success, rolled back on error."""
        with closing(connect(self.path, MIGRATIONS)) as db:
            db.execute("PRAGMA foreign_keys = ON")
            with db:
                yield db

    def candidates(self, kind: str) -> list[Candidate]:
        """Every email address (``EMAIL``) or phone number (``PHONE``) with its owner's name."""
        if not self.path.exists():
            return []
        with self.transaction() as db:
            rows = db.execute(
                "SELECT c.name, v.value, v.label, v.preferred FROM contact_values v "
                "JOIN contacts c ON c.id = v.contact_id WHERE v.kind = ? ORDER BY c.id, v.position",
                (kind,),
            ).fetchall()
        return [Candidate(name, value, label, bool(preferred)) for name, value, label, preferred in rows]

    def save(self, db: sqlite3.Connection, contact: Contact) -> str:
        """Add or update ``contact``; returns "added", "updated" or "unchanged"."""
        existing = self._find(db, contact)
        if existing is None:
            cursor = db.execute(
                "INSERT INTO contacts (uid, name, name_key) VALUES (?, ?, ?)",
                (contact.uid, contact.name, normalize(contact.name)),
            )
            self._write_values(db, int(cursor.lastrowid or 0), contact.values)
            return "added"
        if self._load(db, existing) == contact.values and self._name(db, existing) == contact.name:
            return "unchanged"
        db.execute(
            "UPDATE contacts SET uid = COALESCE(?, uid), name = ?, name_key = ? WHERE id = ?",
            (contact.uid, contact.name, normalize(contact.name), existing),
        )
        db.execute("DELETE FROM contact_values WHERE contact_id = ?", (existing,))
        self._write_values(db, existing, contact.values)
        return "updated"

    def _find(self, db: sqlite3.Connection, contact: Contact) -> int | None:
        if contact.uid:
            row = db.execute("SELECT id FROM contacts WHERE uid = ?", (contact.uid,)).fetchone()
            if row:
                return int(row[0])
        keys = {_value_key(v) for v in contact.values}
        for (contact_id,) in db.execute(
            "SELECT id FROM contacts WHERE name_key = ? ORDER BY id", (normalize(contact.name),)
        ).fetchall():
            if keys & {_value_key(v) for v in self._load(db, contact_id)}:
                return int(contact_id)
        return None

    @staticmethod
    def _load(db: sqlite3.Connection, contact_id: int) -> tuple[ContactValue, ...]:
        rows = db.execute(
            "SELECT kind, value, label, preferred FROM contact_values WHERE contact_id = ? ORDER BY position",
            (contact_id,),
        ).fetchall()
        return tuple(ContactValue(k, v, label, bool(p)) for k, v, label, p in rows)

    @staticmethod
    def _name(db: sqlite3.Connection, contact_id: int) -> str:
        return str(db.execute("SELECT name FROM contacts WHERE id = ?", (contact_id,)).fetchone()[0])

    @staticmethod
    def _write_values(db: sqlite3.Connection, contact_id: int, values: Sequence[ContactValue]) -> None:
        db.executemany(
            "INSERT INTO contact_values (contact_id, kind, value, label, preferred, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(contact_id, v.kind, v.value, v.label, int(v.preferred), i) for i, v in enumerate(values)],
        )
