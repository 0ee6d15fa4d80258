"""The ``tinyagent`` command as a user runs it: a real process, real files, a real HTTP model."""

from __future__ import annotations

import email
import email.policy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.openai_server import scripted_server

pytestmark = pytest.mark.e2e

PEOPLE = """BEGIN:VCARD
VERSION:3.0
FN:Sid Jha
EMAIL:sid@example.com
TEL:+1 555 0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Lutfi Eren Erdoğan
EMAIL:lutfi@example.org
END:VCARD
"""

EMAIL_AND_EVENT = """1. get_email_address("Sid")
2. get_email_address("Lutfi")
3. compose_new_email(["$1", "$2"], [], "Q3 deck", "Here is the Q3 deck for the review.", [])
4. create_calendar_event("Q3 review", "2024-06-07 14:00:00", "2024-06-07 15:00:00", "", [], "", None)
Thought: I have sent the email and created the event.
5. join()<END_OF_PLAN>"""
QUERY = "email Sid and Lutfi the Q3 deck and put a review on my calendar friday 2pm"


def tinyagent(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TINYAGENT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "tinyagent.core.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    vcf = tmp_path / "people.vcf"
    vcf.write_text(PEOPLE, encoding="utf-8")
    home = tmp_path / "home"
    _scripted_plans_only(home)
    done = tinyagent(home, "contacts", "import", str(vcf), "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    return home


def _scripted_plans_only(home: Path) -> None:
    """ToolRAG off: the scripted server's plans may use any tool."""
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"toolrag": False}), encoding="utf-8")


def _eml(folder: Path) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
        for p in sorted(folder.glob("*.eml"))
    ]


def test_run_confirms_then_writes_the_email_and_the_event(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with scripted_server([EMAIL_AND_EVENT]) as server:
        done = tinyagent(
            home,
            "run",
            QUERY,
            "--llm-url",
            server.url,
            "--data-dir",
            str(data),
            "--now",
            "2024-06-03 09:00:00",
            stdin="y\n",
        )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "Send this email to sid@example.com, lutfi@example.org? [y/N]" in out
    assert "Subject:     Q3 deck" in out
    for status in ("[pending]", "[running]", "[done]"):
        assert status in out
    assert 'compose_new_email(["sid@example.com", "lutfi@example.org"]' in out  # after $N substitution
    drafts = _eml(data / "Mail" / "Drafts") + _eml(data / "Mail" / "Sent")
    assert len(drafts) == 1
    assert drafts[0]["To"] == "sid@example.com, lutfi@example.org"
    assert "Q3 deck" in drafts[0].get_body().get_content()  # type: ignore[union-attr]
    calendar = (data / "Calendar" / "Calendar.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Q3 review" in calendar and "DTSTART" in calendar
    assert "Today's date is Monday 2024-06-03 09:00" in json.dumps(server.requests[0])


def test_end_of_input_declines_and_nothing_is_sent(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with scripted_server([EMAIL_AND_EVENT]) as server:
        done = tinyagent(home, "run", QUERY, "--llm-url", server.url, "--data-dir", str(data), stdin="")
    assert "[cancelled]" in done.stdout and "not sent" in done.stdout
    assert not list((data / "Mail").rglob("*.eml")) if (data / "Mail").exists() else True
    assert (data / "Calendar" / "Calendar.ics").exists()  # the independent task still ran


def test_json_lines_and_yes(home: Path, tmp_path: Path) -> None:
    with scripted_server([EMAIL_AND_EVENT]) as server:
        done = tinyagent(
            home,
            "run",
            QUERY,
            "--llm-url",
            server.url,
            "--data-dir",
            str(tmp_path / "data"),
            "--json",
            "--yes",
        )
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "planning_started" and kinds[-1] == "answer_ready"
    assert kinds.count("task_finished") == 4 and "confirmation_requested" in kinds
    assert all(isinstance(e["at"], float) for e in events)
    assert "Send this email" in done.stderr  # questions stay off stdout in JSON mode


def test_ambiguous_contact_lets_the_user_choose(tmp_path: Path) -> None:
    vcf = tmp_path / "sids.vcf"
    vcf.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sid Jha\nTEL:+1 555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sid Meier\nTEL:+1 555 0199\nEND:VCARD\n",
        encoding="utf-8",
    )
    data, home = tmp_path / "data", tmp_path / "home"
    _scripted_plans_only(home)
    assert tinyagent(home, "contacts", "import", str(vcf), "--data-dir", str(data)).returncode == 0
    plan = '1. get_phone_number("Sid")\n2. send_sms(["$1"], "Running late")\n3. join()<END_OF_PLAN>'
    with scripted_server([plan]) as server:
        done = tinyagent(
            home,
            "run",
            "text sid im running late",
            "--llm-url",
            server.url,
            "--data-dir",
            str(data),
            stdin="2\ny\n",
        )
    assert "1) Sid Jha" in done.stdout and "2) Sid Meier" in done.stdout
    assert "Send this text message to +1 555 0199?" in done.stdout
    assert done.returncode == 0, done.stdout + done.stderr


def test_plan_prints_the_plan_and_executes_nothing(home: Path, tmp_path: Path) -> None:
    with scripted_server([EMAIL_AND_EVENT]) as server:
        done = tinyagent(home, "plan", QUERY, "--llm-url", server.url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == '1. get_email_address("Sid")'
    assert done.stdout.strip().endswith("5. join()<END_OF_PLAN>")
    assert not (tmp_path / "data" / "Calendar").exists()


@pytest.mark.parametrize(
    ("query", "says"), [("   ", "The request is empty"), ("x" * 10_000, "the limit is 4,000. Shorten it")]
)
def test_plan_refuses_an_empty_or_overlong_request_clearly(home: Path, query: str, says: str) -> None:
    with scripted_server([EMAIL_AND_EVENT]) as server:
        done = tinyagent(home, "plan", query, "--llm-url", server.url)
        assert not server.requests  # nothing was planned
    assert done.returncode == 2 and not done.stdout
    assert says in done.stderr


def test_plan_offers_the_tools_toolrag_selects_as_the_app_does(home: Path) -> None:
    prompts = []
    for toolrag in (True, False):
        (home / "config" / "settings.json").write_text(json.dumps({"toolrag": toolrag}), encoding="utf-8")
        with scripted_server([EMAIL_AND_EVENT]) as server:
            done = tinyagent(home, "plan", QUERY, "--llm-url", server.url)
        assert done.returncode == 0, done.stderr
        prompts.append(json.dumps(server.requests[0]))
    selected, every = prompts
    assert "compose_new_email" in selected and "create_calendar_event" in selected
    assert "maps_show_directions" not in selected  # nothing in the request asks for directions
    assert "maps_show_directions" in every


def test_malformed_plans_are_replanned_then_reported(home: Path) -> None:
    bad = '1. get_email_address("Sid"\n2. join()'
    with scripted_server([bad, bad, "1. launch_rockets()\n2. join()"]) as server:
        done = tinyagent(home, "run", "email sid", "--llm-url", server.url, "--no-grammar")
    assert done.returncode == 1
    assert "Planning again" in done.stdout
    assert "could not make a valid plan after 3 tries" in done.stdout
    assert "unknown or disabled tool 'launch_rockets'" in done.stdout
    assert "Previous Plan" in json.dumps(server.requests[1])  # the error was fed back


def test_eval_scores_against_gold(home: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {
            "id": "c1",
            "now": "2024-06-03 09:00:00",
            "query": QUERY,
            "plan": EMAIL_AND_EVENT,
            "tags": ["email"],
        },
        {
            "id": "c2",
            "now": "2024-06-03 09:00:00",
            "query": "walk to the park",
            "plan": '1. maps_show_directions("", "the park", "w")\n2. join()<END_OF_PLAN>',
        },
    ]
    cases.write_text("\n".join(json.dumps(c) for c in lines) + "\n", encoding="utf-8")
    wrong = '1. maps_open_location("the park")\n2. join()<END_OF_PLAN>'
    with scripted_server([EMAIL_AND_EVENT, wrong]) as server:
        done = tinyagent(home, "eval", str(cases), "--llm-url", server.url, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["success"] == 0.5
    assert report["summary"]["invalid_rate"] == 0.0
    assert report["by_tag"]["email"]["success"] == 1.0
    assert [c["success"] for c in report["cases"]] == [True, False]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--llm-url", "http://127.0.0.1:9/v1"), "Nothing is listening"),
        (("--model", "/nonexistent/model.gguf"), "/nonexistent/model.gguf"),
        (("--now", "tomorrow"), "is not 'YYYY-MM-DD HH:MM:SS'"),
    ],
)
def test_bad_setup_gives_a_clear_message_and_nonzero_exit(
    home: Path, args: tuple[str, ...], message: str
) -> None:
    done = tinyagent(home, "run", "email sid", *args)
    assert done.returncode != 0
    assert message in done.stderr + done.stdout


def test_corrupt_model_file(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + os.urandom(256))
    done = tinyagent(home, "run", "email sid", "--model", str(broken))
    assert done.returncode == 2
    assert "broken.gguf" in done.stderr


def test_long_request_and_corrupt_settings(home: Path) -> None:
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("{ not json", encoding="utf-8")
    with scripted_server([]) as server:
        done = tinyagent(home, "run", "ü" * 10_000, "--llm-url", server.url)
    assert done.returncode == 1
    assert "10,000 characters long" in done.stdout
    assert "is not valid" in done.stderr and "settings.json.corrupt-" in done.stderr
    assert list(settings.parent.glob("settings.json.corrupt-*"))
