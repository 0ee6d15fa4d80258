"""Conversation history: round trips, ordering, titles, reopening, migrations, damage, disk errors."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tinyagent.core import history as history_module
from tinyagent.core.errors import HistoryError, TinyAgentError
from tinyagent.core.events import (
    AnswerReady,
    Event,
    PlanningStarted,
    RunFailed,
    TaskFinished,
    TaskPlanned,
    TaskStarted,
    TaskStatus,
)
from tinyagent.core.history import (
    HISTORY_FILE,
    MIGRATIONS,
    History,
    Migration,
    migrate,
    title_from_query,
)
from tinyagent.core.plan import Task
from tinyagent.core.settings import user_paths

BACKUP_NAME = re.compile(r"history\.sqlite3\.corrupt-\d{8}T\d{6}Z(-\d+)?$")


class Clock:
    """A clock the test moves: every call is one second after the previous one."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / HISTORY_FILE


@pytest.fixture
def store(path: Path) -> Iterator[History]:
    with History(path, clock=Clock()) as h:
        yield h


def raw(path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows straight from the file, bypassing ``History``."""
    db = sqlite3.connect(path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def sample_events() -> list[Event]:
    task = Task(1, "get_email_address", ("Sid",), thought="find Sid")
    return [
        PlanningStarted(query="Email Sid", attempt=1, tools=("get_email_address", "compose_new_email")),
        TaskPlanned(task=task, label="Look up Sid's email"),
        TaskStarted(idx=1, tool="get_email_address", args=("Sid",), label="Look up Sid's email"),
        TaskFinished(
            idx=1,
            tool="get_email_address",
            status=TaskStatus.DONE,
            result="sid@example.com",
            error=None,
            elapsed_s=0.25,
        ),
        AnswerReady(text="Sent."),
    ]


# ---- round trips --------------------------------------------------------------------------


def test_conversation_turns_and_events_survive_close_and_reopen(path: Path) -> None:
    events = [e.to_json() for e in sample_events()]
    with History(path) as h:
        conv = h.new_conversation()
        first = h.start_turn(conv.id, "Email Sid")
        for event in events:
            h.add_event(first, event)
        h.finish_turn(first, answer="Sent.", status="answered")
        second = h.start_turn(conv.id, "Then what?")
        h.add_event(second, RunFailed(message="no model").to_json())
        h.finish_turn(second, answer=None, status="failed")

    with History(path) as h:
        assert h.warnings == ()
        turns = h.turns(conv.id)
        stored = h.conversation(conv.id)

    assert [t.id for t in turns] == [first, second]
    assert turns[0].query == "Email Sid"
    assert turns[0].answer == "Sent."
    assert turns[0].status == "answered"
    assert turns[0].events == tuple(events)
    assert turns[0].events[3]["status"] == "done"  # enums went in as their JSON value
    assert turns[0].finished_at is not None and turns[0].finished_at >= turns[0].created_at
    assert (turns[1].answer, turns[1].status) == (None, "failed")
    assert turns[1].events == (
        {"event": "run_failed", "at": turns[1].events[0]["at"], "message": "no model"},
    )
    assert stored is not None
    assert (stored.title, stored.turn_count) == ("Email Sid", 2)


def test_events_keep_their_order_within_each_turn(store: History) -> None:
    conv = store.new_conversation()
    a = store.start_turn(conv.id, "a")
    b = store.start_turn(conv.id, "b")
    for i in range(5):
        store.add_event(a, {"event": "step", "n": i})
        store.add_event(b, {"event": "step", "n": 10 + i})

    turns = store.turns(conv.id)

    assert [e["n"] for e in turns[0].events] == [0, 1, 2, 3, 4]
    assert [e["n"] for e in turns[1].events] == [10, 11, 12, 13, 14]
    assert raw(store.path, "SELECT seq FROM events WHERE turn_id = ? ORDER BY seq", (b,)) == [
        (1,),
        (2,),
        (3,),
        (4,),
        (5,),
    ]


def test_an_event_is_stored_exactly_as_given(store: History) -> None:
    conv = store.new_conversation()
    turn = store.start_turn(conv.id, "q")
    event = {"z": 1, "event": "custom", "nested": {"list": [1, 2.5, None, True]}, "at": 1.5}

    store.add_event(turn, event)

    (stored,) = store.turns(conv.id)[0].events
    assert stored == event
    assert list(stored) == ["z", "event", "nested", "at"]  # key order kept too


def test_concurrent_events_from_threads_all_land_with_distinct_seqs(store: History) -> None:
    conv = store.new_conversation()
    turn = store.start_turn(conv.id, "q")

    def write(worker: int) -> None:
        for i in range(25):
            store.add_event(turn, {"worker": worker, "i": i})

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    events = store.turns(conv.id)[0].events
    assert len(events) == 100
    for worker in range(4):
        assert [e["i"] for e in events if e["worker"] == worker] == list(range(25))
    assert raw(store.path, "SELECT MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM events") == [(1, 100, 100)]


# ---- conversations: order, titles, renaming, deleting ---------------------------------------


def test_conversations_are_listed_most_recently_updated_first(store: History) -> None:
    old = store.new_conversation("old")
    middle = store.new_conversation("middle")
    new = store.new_conversation("new")
    assert [c.id for c in store.conversations()] == [new.id, middle.id, old.id]

    turn = store.start_turn(old.id, "hello")
    assert [c.id for c in store.conversations()] == [old.id, new.id, middle.id]

    store.start_turn(middle.id, "hi")
    store.finish_turn(turn, answer="hi", status="answered")  # finishing counts as activity
    assert [c.id for c in store.conversations()] == [old.id, middle.id, new.id]

    store.rename_conversation(new.id, "renamed")  # renaming does not reorder
    listed = store.conversations()
    assert [c.id for c in listed] == [old.id, middle.id, new.id]
    assert [c.turn_count for c in listed] == [1, 1, 0]
    assert [c.id for c in store.conversations(limit=2)] == [old.id, middle.id]


def test_first_query_names_an_untitled_conversation_once(store: History) -> None:
    untitled = store.new_conversation()
    titled = store.new_conversation("Trip planning")
    before = store.conversation(untitled.id)

    store.start_turn(untitled.id, "\n  Find   the PDF from Lutfi\nand send it to Sid")
    store.start_turn(untitled.id, "Another question")
    store.start_turn(titled.id, "Book a room")

    after = store.conversation(untitled.id)
    assert before is not None and before.title == ""
    assert after is not None and after.title == "Find the PDF from Lutfi"
    assert after.updated_at > before.updated_at
    titled_after = store.conversation(titled.id)
    assert titled_after is not None and titled_after.title == "Trip planning"


def test_renaming_to_empty_lets_the_next_query_name_it(store: History) -> None:
    conv = store.new_conversation("Something")
    store.rename_conversation(conv.id, "   ")
    store.start_turn(conv.id, "What is on my calendar?")
    renamed = store.conversation(conv.id)
    assert renamed is not None and renamed.title == "What is on my calendar?"


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Email Sid", "Email Sid"),
        ("  Email Sid  \nabout the meeting", "Email Sid"),
        ("\n\n\t\nSecond line wins", "Second line wins"),
        ("   \n  ", ""),
        ("x" * 60, "x" * 60),
        ("x" * 61, "x" * 59 + "…"),
    ],
)
def test_title_from_query(query: str, title: str) -> None:
    assert title_from_query(query) == title


def test_a_long_title_is_cut_at_a_word_and_fits() -> None:
    query = "Please find the quarterly report that Lutfi sent me last week and forward it to Sid"
    title = title_from_query(query)
    assert len(title) <= 60
    assert title == "Please find the quarterly report that Lutfi sent me last…"


def test_delete_removes_the_turns_and_events_and_nothing_else(store: History) -> None:
    doomed = store.new_conversation()
    kept = store.new_conversation()
    doomed_turn = store.start_turn(doomed.id, "q1")
    kept_turn = store.start_turn(kept.id, "q2")
    for turn in (doomed_turn, kept_turn):
        store.add_event(turn, AnswerReady(text="x").to_json())

    store.delete_conversation(doomed.id)

    assert store.conversation(doomed.id) is None
    assert [c.id for c in store.conversations()] == [kept.id]
    assert raw(store.path, "SELECT COUNT(*) FROM turns WHERE id = ?", (doomed_turn,)) == [(0,)]
    assert raw(store.path, "SELECT COUNT(*) FROM events WHERE turn_id = ?", (doomed_turn,)) == [(0,)]
    assert len(store.turns(kept.id)[0].events) == 1


def test_late_writes_to_a_deleted_turn_are_ignored_and_never_reach_a_new_turn(store: History) -> None:
    conv = store.new_conversation()
    running = store.start_turn(conv.id, "slow request")
    store.delete_conversation(conv.id)  # the user deleted it while the request ran
    other = store.new_conversation()
    fresh = store.start_turn(other.id, "new request")

    store.add_event(running, {"event": "late"})
    store.finish_turn(running, answer="late answer", status="answered")
    store.rename_conversation(conv.id, "gone")
    store.delete_conversation(conv.id)

    assert fresh != running  # ids are never reused
    (turn,) = store.turns(other.id)
    assert (turn.events, turn.answer, turn.status) == ((), None, "running")
    assert raw(store.path, "SELECT COUNT(*) FROM events") == [(0,)]


def test_unknown_conversation_and_bad_status_are_programmer_errors(store: History) -> None:
    with pytest.raises(KeyError):
        store.start_turn(12345, "q")
    conv = store.new_conversation()
    turn = store.start_turn(conv.id, "q")
    with pytest.raises(ValueError, match="answered, failed, stopped"):
        store.finish_turn(turn, answer=None, status="running")
    assert store.turns(conv.id)[0].status == "running"
    assert raw(store.path, "SELECT COUNT(*) FROM turns") == [(1,)]  # the KeyError left nothing behind


def test_events_that_json_cannot_hold_raise_type_error(store: History) -> None:
    conv = store.new_conversation()
    turn = store.start_turn(conv.id, "q")
    with pytest.raises(TypeError):
        store.add_event(turn, {"event": "bad", "value": object()})
    assert store.turns(conv.id)[0].events == ()


# ---- reopening ----------------------------------------------------------------------------


def test_turns_left_running_are_stopped_when_reopened(path: Path) -> None:
    with History(path) as h:
        conv = h.new_conversation()
        done = h.start_turn(conv.id, "finished")
        h.finish_turn(done, answer="yes", status="answered")
        stopped = h.start_turn(conv.id, "by the user")
        h.finish_turn(stopped, answer=None, status="stopped")
        h.start_turn(conv.id, "the app died during this one")
        assert [t.status for t in h.turns(conv.id)] == ["answered", "stopped", "running"]

    with History(path) as h:
        turns = h.turns(conv.id)

    assert [t.status for t in turns] == ["answered", "stopped", "stopped"]
    assert turns[0].answer == "yes"
    assert turns[2].finished_at is None  # when it died is unknown


def test_file_uses_wal_and_history_open_defaults_to_the_data_folder() -> None:
    with History.open() as h:
        assert h.path == user_paths().data_dir / HISTORY_FILE
        h.new_conversation("x")
        assert raw(h.path, "PRAGMA journal_mode") == [("wal",)]
    assert h.path.exists()


def test_close_twice_is_harmless(path: Path) -> None:
    h = History(path)
    h.close()
    h.close()


# ---- migrations ---------------------------------------------------------------------------


def applied_migrations(path: Path) -> list[str]:
    return [row[0] for row in raw(path, "SELECT name FROM _migrations ORDER BY rowid")]


def test_a_new_file_has_every_migration(path: Path) -> None:
    History(path).close()
    assert applied_migrations(path) == [m.name for m in MIGRATIONS]
    assert len(MIGRATIONS) >= 2
    assert len({m.name for m in MIGRATIONS}) == len(MIGRATIONS)


def test_an_older_file_is_upgraded_and_keeps_its_data(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, MIGRATIONS[:1]) == [MIGRATIONS[0].name]
    db.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('Old', 1.0, 2.0)")
    db.execute(
        "INSERT INTO turns (conversation_id, query, answer, status, created_at, finished_at) "
        "VALUES (1, 'old query', 'old answer', 'answered', 1.0, 2.0)"
    )
    db.execute("""INSERT INTO events (turn_id, seq, json) VALUES (1, 1, '{"event": "answer_ready"}')""")
    db.close()

    with History(path) as h:
        assert h.warnings == ()
        (conv,) = h.conversations()
        (turn,) = h.turns(conv.id)
        newer = h.start_turn(conv.id, "new query")

    assert applied_migrations(path) == [m.name for m in MIGRATIONS]
    indexes = {row[0] for row in raw(path, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"turns_by_conversation", "conversations_by_update"} <= indexes
    assert (conv.title, conv.created_at, conv.updated_at) == ("Old", 1.0, 2.0)
    assert (turn.query, turn.answer, turn.status, turn.events) == (
        "old query",
        "old answer",
        "answered",
        ({"event": "answer_ready"},),
    )
    assert newer == 2


def test_migrations_run_once_and_new_ones_are_appended(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    History(path).close()
    runs: list[str] = []

    def m_add_pinned(db: sqlite3.Connection) -> None:
        runs.append("pinned")
        db.execute("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(history_module, "MIGRATIONS", (*MIGRATIONS, Migration("m900_pinned", m_add_pinned)))
    for _ in range(3):
        with History(path) as h:
            h.new_conversation()

    assert runs == ["pinned"]
    assert applied_migrations(path) == [*(m.name for m in MIGRATIONS), "m900_pinned"]
    assert raw(path, "SELECT COUNT(*), SUM(pinned) FROM conversations") == [(3, 0)]


def test_a_failing_migration_leaves_no_trace(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(db, (*MIGRATIONS, Migration("m900_half", half_done)))

    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    names = [row[0] for row in db.execute("SELECT name FROM _migrations")]
    db.close()
    assert "half" not in tables
    assert names == [m.name for m in MIGRATIONS]


# ---- damaged files ------------------------------------------------------------------------


def backups(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if BACKUP_NAME.match(p.name))


def test_a_file_that_is_not_a_database_is_moved_aside(path: Path) -> None:
    garbage = os.urandom(64) + b"this is not sqlite" * 500
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    path.with_name(HISTORY_FILE + "-wal").write_bytes(b"stale wal")
    path.with_name(HISTORY_FILE + "-shm").write_bytes(b"stale shm")

    with History(path) as h:
        (warning,) = h.warnings
        conv = h.new_conversation()
        h.start_turn(conv.id, "works again")

    (backup,) = backups(path.parent)
    assert backup.read_bytes() == garbage
    assert backup.with_name(backup.name + "-wal").read_bytes() == b"stale wal"
    assert backup.with_name(backup.name + "-shm").read_bytes() == b"stale shm"
    assert warning.startswith("The history file was damaged")
    assert f"it was moved to {backup} and a new, empty history was started." in warning
    with History(path) as h:
        assert h.warnings == ()
        assert [t.query for t in h.turns(conv.id)] == ["works again"]


def test_a_file_with_damaged_pages_is_moved_aside(path: Path) -> None:
    with History(path) as h:
        conv = h.new_conversation()
        for i in range(50):
            h.start_turn(conv.id, f"query {i} " + "x" * 500)
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * 4096
    data[4096:] = b"\xa5" * (len(data) - 4096)  # keep the header page, wreck the rest
    path.write_bytes(bytes(data))

    with History(path) as h:
        assert len(h.warnings) == 1
        assert h.conversations() == []

    (backup,) = backups(path.parent)
    assert backup.read_bytes() == bytes(data)


def test_a_database_with_someone_elses_schema_is_moved_aside(path: Path) -> None:
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE conversations (uuid TEXT, body BLOB)")
    db.execute("INSERT INTO conversations VALUES ('a', x'00')")
    db.commit()
    db.close()

    with History(path) as h:
        assert len(h.warnings) == 1
        h.new_conversation("mine")

    (backup,) = backups(path.parent)
    assert raw(backup, "SELECT uuid FROM conversations") == [("a",)]


# ---- disk problems ------------------------------------------------------------------------


def test_a_folder_that_cannot_be_created_raises_history_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(HistoryError, match="writable") as info:
        History(blocker / HISTORY_FILE)
    assert isinstance(info.value, TinyAgentError)


def test_a_path_that_cannot_be_opened_raises_history_error_and_is_not_moved(tmp_path: Path) -> None:
    folder_in_the_way = tmp_path / HISTORY_FILE
    folder_in_the_way.mkdir()
    with pytest.raises(HistoryError, match="exists and is writable"):
        History(folder_in_the_way)
    assert folder_in_the_way.is_dir()
    assert backups(tmp_path) == []


def test_a_full_disk_raises_history_error_and_the_store_keeps_working(store: History) -> None:
    conv = store.new_conversation()
    turn = store.start_turn(conv.id, "q")
    pages = raw(store.path, "PRAGMA page_count")[0][0]
    # SQLite reports a database at its page limit exactly as a full disk (SQLITE_FULL).
    store._db.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(HistoryError, match="disk is full; free some space"):
        store.add_event(turn, {"event": "big", "text": "x" * 100_000})
    with pytest.raises(HistoryError, match="disk is full"):
        store.start_turn(conv.id, "y" * 100_000)

    store.add_event(turn, {"event": "small"})
    store.finish_turn(turn, answer="ok", status="answered")
    (stored,) = store.turns(conv.id)
    assert (stored.events, stored.answer) == (({"event": "small"},), "ok")


# ---- text ---------------------------------------------------------------------------------


def test_non_ascii_and_long_text_round_trip(path: Path) -> None:
    query = "Envoyez à José Álvarez 👋🏽 le fichier «résumé» — 会议记录 שלום\n" + "ñ" * 10_000
    answer = "C'est fait ✅ — 已发送 (𝔘𝔫𝔦𝔠𝔬𝔡𝔢)"
    event = TaskFinished(
        idx=1,
        tool="compose_new_email",
        status=TaskStatus.DONE,
        result="Envoyé à josé@exemple.fr 📧",
        error=None,
        elapsed_s=1.0,
    ).to_json()
    with History(path) as h:
        conv = h.new_conversation()
        turn = h.start_turn(conv.id, query)
        h.add_event(turn, event)
        h.finish_turn(turn, answer=answer, status="answered")

    with History(path) as h:
        (stored,) = h.turns(conv.id)
        title = h.conversation(conv.id)

    assert (stored.query, stored.answer, stored.events) == (query, answer, (event,))
    assert len(stored.query) > 10_000
    assert (
        title is not None and title.title == "Envoyez à José Álvarez 👋🏽 le fichier «résumé» — 会议记录 שלום"
    )
    (text,) = raw(path, "SELECT json FROM events")[0]
    assert "josé@exemple.fr 📧" in text  # stored as readable text, not \\u escapes


def test_an_empty_file_is_a_new_history_not_a_damaged_one(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()
    with History(path) as h:
        assert h.warnings == ()
        h.new_conversation("first")
    assert backups(path.parent) == []
