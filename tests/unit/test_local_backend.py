"""The local backend as a whole: the contract, maps, SMS outbox, Zoom checks, delivery."""

from __future__ import annotations

import inspect
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from icalendar import Calendar

from tinyagent.tools.backends import make_backend
from tinyagent.tools.base import BackendConfig, Outgoing, check_backend
from tinyagent.tools.errors import ConfigurationError, ToolArgumentError
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.local.messages import DB_NAME, Outbox
from tinyagent.tools.registry import REGISTRY, SideEffect
from tinyagent.tools.writing import PlainWriter


def test_the_local_backend_implements_every_declared_tool(data_dir: Path) -> None:
    check_backend(LocalBackend)
    backend = make_backend("local", BackendConfig(data_dir=data_dir), PlainWriter())
    assert isinstance(backend, LocalBackend) and backend.name == "local"
    for spec in REGISTRY.values():
        returns = inspect.signature(getattr(LocalBackend, spec.name)).return_annotation
        expected = "Outgoing" if spec.side_effect is SideEffect.REACHES_PERSON else "str"
        assert returns == expected, spec.name
        assert inspect.getdoc(getattr(LocalBackend, spec.name)), spec.name


def test_map_links_are_percent_encoded(backend: LocalBackend) -> None:
    url = backend.maps_open_location("Café de Flore, 172 Bd Saint-Germain & co")
    assert url.startswith("https://www.openstreetmap.org/search?query=Caf%C3%A9%20de%20Flore%2C%20172")
    assert parse_qs(urlsplit(url).query)["query"] == ["Café de Flore, 172 Bd Saint-Germain & co"]


@pytest.mark.parametrize(("transport", "engine"), [("d", "fossgis_osrm_car"), ("w", "fossgis_osrm_foot")])
def test_directions_use_the_osm_engine(backend: LocalBackend, transport: str, engine: str) -> None:
    url = backend.maps_show_directions("Berlin Hbf", "Alexanderplatz", transport)
    query = parse_qs(urlsplit(url).query)
    assert query == {"engine": [engine], "from": ["Berlin Hbf"], "to": ["Alexanderplatz"]}


def test_transit_falls_back_to_walking_and_says_so(backend: LocalBackend) -> None:
    result = backend.maps_show_directions("", "Louvre, Paris", "r")
    url, note = result.split("\n")
    assert parse_qs(urlsplit(url).query) == {"engine": ["fossgis_osrm_foot"], "to": ["Louvre, Paris"]}
    assert "no public transit routing" in note


def test_bad_transport_and_empty_places(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match="d \\(drive\\), w \\(walk\\), r \\(transit\\)"):
        backend.maps_show_directions("a", "b", "x")
    with pytest.raises(ToolArgumentError):
        backend.maps_open_location(" ")


def test_sms_is_stored_in_the_outbox_and_says_it_was_not_sent(backend: LocalBackend, data_dir: Path) -> None:
    outgoing = backend.send_sms(["+1 555 0100", "(030) 1234-567"], "Running 5 min late")
    assert (outgoing.kind, outgoing.recipients) == ("sms", ("+1 555 0100", "(030) 1234-567"))
    assert not (data_dir / DB_NAME).exists()
    result = backend.deliver(outgoing)
    assert "stored in the outbox" in result and "no carrier connection" in result and "not sent" in result
    [stored] = Outbox(data_dir).messages()
    assert stored.recipients == ("+1 555 0100", "(030) 1234-567")
    assert (stored.body, stored.status) == ("Running 5 min late", "stored")
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1


def test_sms_needs_numbers_and_text(backend: LocalBackend) -> None:
    with pytest.raises(ToolArgumentError, match=r"'Sid' is not a phone number\. Look it up with get_phone"):
        backend.send_sms(["Sid"], "hi")
    with pytest.raises(ToolArgumentError, match="empty"):
        backend.send_sms(["+1 555 0100"], "  ")
    with pytest.raises(ToolArgumentError, match="at least one"):
        backend.send_sms([], "hi")


def test_zoom_without_a_token_fails_before_asking(backend: LocalBackend) -> None:
    with pytest.raises(ConfigurationError, match="Set your Zoom token in Settings"):
        backend.get_zoom_meeting_link("Sync", "2024-06-04 14:00:00", 30, [])


def test_zoom_arguments_are_checked_before_asking(data_dir: Path) -> None:
    backend = LocalBackend(BackendConfig(data_dir=data_dir, zoom_token="t"), PlainWriter())
    with pytest.raises(ToolArgumentError, match="YYYY-MM-DD HH:MM:SS"):
        backend.get_zoom_meeting_link("Sync", "at two", 30, [])
    with pytest.raises(ToolArgumentError, match="between 1 and"):
        backend.get_zoom_meeting_link("Sync", "2024-06-04 14:00:00", -5, [])
    outgoing = backend.get_zoom_meeting_link("Sync", "2024-06-04 14:00:00", 30, ["sid@example.org"])
    assert (outgoing.kind, outgoing.recipients, outgoing.subject) == ("meeting", ("sid@example.org",), "Sync")
    assert dict(outgoing.details)["When"].endswith("14:00–14:30")


def test_deliver_refuses_tools_that_send_nothing(backend: LocalBackend) -> None:
    with pytest.raises(ValueError, match="create_note"):
        backend.deliver(Outgoing(tool="create_note", kind="email", recipients=()))


class SilentWriter:
    """A writer (a model, say) that produced nothing."""

    # The Writer protocol fixes these parameters; this writer ignores them all.
    def write_email(
        self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str  # noqa: ARG002
    ) -> str:
        return "  "

    def summarize(self, text: str, *, title: str) -> str:  # noqa: ARG002
        return ""


def test_an_empty_model_answer_falls_back_to_the_plain_writer(data_dir: Path) -> None:
    backend = LocalBackend(BackendConfig(data_dir=data_dir), SilentWriter())
    outgoing = backend.compose_new_email(["sid@example.org"], [], "Hi", "see you at 5", [])
    assert "See you at 5." in outgoing.body


def test_parallel_tasks_can_create_the_outbox_together(backend: LocalBackend, data_dir: Path) -> None:
    outgoings = [backend.send_sms([f"+1 555 01{i:02d}"], f"message {i}") for i in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(backend.deliver, outgoings))
    assert all("stored in the outbox" in r for r in results)
    assert sorted(m.body for m in Outbox(data_dir).messages()) == sorted(f"message {i}" for i in range(12))


def test_parallel_appends_and_events_lose_nothing(backend: LocalBackend, data_dir: Path) -> None:
    events = [
        backend.create_calendar_event(f"E{i}", "2024-06-04 09:00:00", "", "", [], "", None) for i in range(10)
    ]
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(backend.deliver, events))
        list(pool.map(lambda i: backend.append_note_content("Log", f"line {i}", ""), range(10)))
    calendar = Calendar.from_ical((data_dir / "Calendar" / "Calendar.ics").read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == sorted(f"E{i}" for i in range(10))
    lines = (data_dir / "Notes" / "Notes" / "Log.md").read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(f"line {i}" for i in range(10))
