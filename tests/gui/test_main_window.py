"""The chat window driven as a user would: requests, cards, confirmations, choices, stop, history."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.support.qt import next_signal
from tinyagent.core.events import TaskFinished, TaskStarted, TaskStatus
from tinyagent.core.settings import Settings, load_settings
from tinyagent.gui.cards import TaskCard
from tinyagent.gui.chat import Bubble, tally
from tinyagent.gui.dialogs import ChoiceDialog, ConfirmDialog

NOTE_PLAN = '1. get_email_address("Sid Jha")\n2. create_note("Sid", "$1", "")\n3. join()<END_OF_PLAN>'
EMAIL_PLAN = (
    '1. get_email_address("Sid Jha")\n'
    '2. compose_new_email(["$1"], [], "Lunch", "See you at noon.", [])\n3. join()<END_OF_PLAN>'
)


def sent_and_drafts(data_dir: Path) -> list[email.message.EmailMessage]:
    files = sorted((data_dir / "Mail").glob("*/*.eml"))
    return [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]  # type: ignore[misc]


def type_request(window: Any, text: str) -> None:
    window.input.setText(text)
    QTest.keyClick(window.input, Qt.Key.Key_Return)


async def ask_to_send(window: Any, text: str) -> tuple[ConfirmDialog, Any]:
    """Type ``text`` and wait for the confirmation dialog; the dialog and the Outgoing."""
    asked = asyncio.ensure_future(next_signal(window.bridge.confirmation_requested))
    type_request(window, text)
    request_id, outgoing = await asked
    dialog = window.dialogs[request_id]
    assert isinstance(dialog, ConfirmDialog)
    return dialog, outgoing


async def answer_and_wait(window: Any, act: Callable[[], None]) -> str:
    """Do ``act`` (click a button…) and wait for the final answer."""
    answer = asyncio.ensure_future(next_signal(window.bridge.answer_ready))
    act()
    (text,) = await answer
    return str(text)


def test_cards_follow_the_engine_events(make_app: Callable[..., Any], run: Callable[..., Any]) -> None:
    desktop, _ = make_app([NOTE_PLAN])
    window, bridge = desktop.window, desktop.bridge
    seen: list[tuple[str, int, str]] = []  # (event, idx, card status right after the event)

    def record(event: TaskStarted | TaskFinished) -> None:
        card = window.chat.cards[(1, event.idx)]
        seen.append((type(event).__name__, event.idx, card.status))

    bridge.task_started.connect(record)
    bridge.task_finished.connect(record)

    async def scenario() -> str:
        answer = asyncio.ensure_future(next_signal(bridge.answer_ready))
        type_request(window, "make a note with Sid's email")
        (text,) = await answer
        return str(text)

    answer = run(scenario())
    assert seen == [
        ("TaskStarted", 1, "running"),
        ("TaskFinished", 1, "done"),
        ("TaskStarted", 2, "running"),
        ("TaskFinished", 2, "done"),
    ]
    cards = window.chat.cards
    assert cards[(1, 1)].label.text() == "Look up Sid Jha's email address"
    assert cards[(1, 2)].args.text().startswith("Sid · sid@example.com")  # after $1 substitution
    assert "sid@example.com" in cards[(1, 1)].result_text
    assert window.send_button.isVisible() and not window.stop_button.isVisible()
    # the cards show the results, so the answer bubble tallies them instead of repeating them;
    # the answer itself (kept in the history, shown under the command bar) still has them
    bubbles = [b.text.text() for b in window.chat.findChildren(Bubble)]
    assert bubbles[-1] == "All 2 done." and "✓" in answer


def test_declined_confirmation_sends_nothing(
    make_app: Callable[..., Any], run: Callable[..., Any], data_dir: Path
) -> None:
    desktop, _ = make_app([EMAIL_PLAN])
    window = desktop.window

    async def scenario() -> None:
        dialog, outgoing = await ask_to_send(window, "email sid jha about lunch")
        assert dialog.isVisible() and window.chat.cards[(1, 2)].status == "waiting"
        assert outgoing.recipients == ("sid@example.com",)
        await answer_and_wait(
            window, lambda: QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        )

    run(scenario())
    card = window.chat.cards[(1, 2)]
    assert card.status == "cancelled"
    assert "not sent" in card.result_text
    assert sent_and_drafts(data_dir) == []


def test_enter_in_the_dialog_does_not_send(
    make_app: Callable[..., Any], run: Callable[..., Any], data_dir: Path
) -> None:
    desktop, _ = make_app([EMAIL_PLAN])
    window = desktop.window

    async def scenario() -> None:
        dialog, _ = await ask_to_send(window, "email sid jha about lunch")
        assert dialog.cancel_button.isDefault() and not dialog.send_button.isDefault()
        await answer_and_wait(window, lambda: QTest.keyClick(dialog.subject, Qt.Key.Key_Return))  # Enter

    run(scenario())
    assert window.chat.cards[(1, 2)].status == "cancelled"
    assert sent_and_drafts(data_dir) == []


def test_accepted_edited_confirmation_sends_the_edited_text(
    make_app: Callable[..., Any], run: Callable[..., Any], data_dir: Path
) -> None:
    desktop, _ = make_app([EMAIL_PLAN])
    window = desktop.window

    async def scenario() -> None:
        dialog, _ = await ask_to_send(window, "email sid jha about lunch")
        assert "See you at noon." in dialog.body.toPlainText()
        dialog.subject.setText("Lunch on Friday 🍜")
        dialog.body.setPlainText("Could we make it 12:30 instead? — Zoë")
        await answer_and_wait(window, lambda: QTest.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton))

    run(scenario())
    assert window.chat.cards[(1, 2)].status == "done"
    [message] = sent_and_drafts(data_dir)
    assert message["Subject"] == "Lunch on Friday 🍜"
    assert message["To"] == "sid@example.com"
    assert message.get_content().strip() == "Could we make it 12:30 instead? — Zoë"  # exactly as edited


def test_a_choice_between_two_sids_flows_back_into_the_plan(
    make_app: Callable[..., Any], run: Callable[..., Any], data_dir: Path
) -> None:
    plan = '1. get_email_address("Sid")\n2. compose_new_email(["$1"], [], "Hi", "Hello!", [])\n3. join()<END_OF_PLAN>'
    desktop, _ = make_app([plan])
    window, bridge = desktop.window, desktop.bridge

    async def scenario() -> None:
        choice = asyncio.ensure_future(next_signal(bridge.choice_requested))
        type_request(window, "email sid hello")
        request_id, _, choices = await choice
        dialog = window.dialogs[request_id]
        assert isinstance(dialog, ChoiceDialog)
        assert [c.label for c in choices] == ["Sid Jha", "Sid Meier"]
        dialog.list.setCurrentRow(1)
        asked = asyncio.ensure_future(next_signal(bridge.confirmation_requested))
        QTest.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
        confirm_id, outgoing = await asked
        assert outgoing.recipients == ("sid.meier@example.org",)
        done = asyncio.ensure_future(next_signal(bridge.answer_ready))
        QTest.mouseClick(window.dialogs[confirm_id].send_button, Qt.MouseButton.LeftButton)
        await done

    run(scenario())
    [message] = sent_and_drafts(data_dir)
    assert message["To"] == "sid.meier@example.org"


def test_stop_cancels_the_running_plan_and_withdraws_the_question(
    make_app: Callable[..., Any], run: Callable[..., Any], data_dir: Path
) -> None:
    desktop, _ = make_app([EMAIL_PLAN])
    window, bridge = desktop.window, desktop.bridge

    async def scenario() -> None:
        asked = asyncio.ensure_future(next_signal(bridge.confirmation_requested))
        type_request(window, "email sid jha about lunch")
        request_id, _ = await asked
        dialog = window.dialogs[request_id]
        assert window.stop_button.isVisible()
        ended = asyncio.ensure_future(next_signal(bridge.busy_changed))
        window.menu_actions["Stop"].trigger()  # Stop from the menu (the dialog itself is window-modal)
        assert await ended == (False,)
        assert request_id not in window.dialogs
        assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed (and deleted)

    run(scenario())
    assert window.chat.cards[(1, 2)].status == "cancelled"
    assert sent_and_drafts(data_dir) == []
    assert not window.stop_button.isVisible()
    [turn] = desktop.history.turns(bridge.conversation.id)
    assert turn.status == "stopped"  # not an answer a follow-up builds on


def test_stop_while_the_model_is_still_writing(make_app: Callable[..., Any], run: Callable[..., Any]) -> None:
    desktop, llm = make_app([NOTE_PLAN])
    llm.delay_s, llm.chunk = 0.05, 2  # about 2.5 s to write the plan
    window, bridge = desktop.window, desktop.bridge

    async def scenario() -> str:
        answer = asyncio.ensure_future(next_signal(bridge.answer_ready))
        type_request(window, "make a note with Sid's email")
        await asyncio.sleep(0.3)
        window.stop()
        (text,) = await answer
        return str(text)

    started = asyncio.get_event_loop().time()
    assert run(scenario()).startswith("Stopped")
    assert asyncio.get_event_loop().time() - started < 2.0
    assert all(c.status != "running" for c in window.chat.cards.values())


def test_history_survives_a_restart_cards_included(
    make_app: Callable[..., Any], run: Callable[..., Any]
) -> None:
    first, _ = make_app([NOTE_PLAN])

    async def ask() -> None:
        answer = asyncio.ensure_future(next_signal(first.bridge.answer_ready))
        type_request(first.window, "make a note with Sid's email — Ünïcödé")
        await answer

    run(ask())
    first.window.shutdown()
    first.history.close()

    second, _ = make_app([], write=False)
    window = second.window
    assert window.conversation_list.count() == 1
    assert window.conversation_list.item(0).text() == "make a note with Sid's email — Ünïcödé"
    window.conversation_list.setCurrentRow(0)
    window._open_item(window.conversation_list.item(0))
    cards = window.chat.cards
    assert [c.status for c in cards.values()] == ["done", "done"]
    assert cards[(1, 2)].label.text() == "Create the note “Sid”"
    assert "sid@example.com" in cards[(1, 1)].result_text


def test_a_follow_up_reaches_the_planner_with_the_previous_turn(
    make_app: Callable[..., Any], run: Callable[..., Any]
) -> None:
    follow = (
        '1. get_email_address("Sid Jha")\n2. get_email_address("Nick")\n'
        '3. compose_new_email(["$1"], ["$2"], "Lunch", "See you at noon.", [])\n4. join()<END_OF_PLAN>'
    )
    desktop, llm = make_app([EMAIL_PLAN, follow])
    window = desktop.window

    async def turn(text: str) -> Any:
        dialog, outgoing = await ask_to_send(window, text)
        await answer_and_wait(window, dialog.reject)
        return outgoing

    run(turn("email sid jha about lunch"))
    outgoing = run(turn("also cc Nick"))
    assert llm.prompts[1].user.startswith("Question: email sid jha about lunch, also cc Nick\n")
    assert outgoing.cc == ("nick@example.com",)
    assert window.conversation_list.count() == 1  # the same conversation


def test_new_conversation_starts_empty(make_app: Callable[..., Any], run: Callable[..., Any]) -> None:
    desktop, llm = make_app([NOTE_PLAN, NOTE_PLAN])
    window, bridge = desktop.window, desktop.bridge

    async def ask(text: str) -> None:
        answer = asyncio.ensure_future(next_signal(bridge.answer_ready))
        type_request(window, text)
        await answer

    run(ask("make a note with Sid's email"))
    window.menu_actions["New Conversation"].trigger()
    assert window.chat.cards == {}
    run(ask("and a second note"))
    assert llm.prompts[1].user.startswith("Question: and a second note\n")  # no earlier turn merged
    assert window.conversation_list.count() == 2


def test_an_empty_conversation_offers_examples_to_try(
    make_app: Callable[..., Any], run: Callable[..., Any]
) -> None:
    desktop, _ = make_app([NOTE_PLAN])
    window = desktop.window
    welcome = window.chat.welcome
    assert welcome is not None and welcome.isVisibleTo(window)
    example = welcome.buttons[1]
    QTest.mouseClick(example, Qt.MouseButton.LeftButton)
    assert window.input.text() == "email Priya about the offsite and cc Tom"  # to edit, not yet sent
    assert window.input.hasFocus() or not window.isActiveWindow()
    assert window.chat.cards == {}

    async def ask() -> None:
        answer = asyncio.ensure_future(next_signal(window.bridge.answer_ready))
        type_request(window, "make a note with Sid's email")
        await answer

    run(ask())
    assert window.chat.welcome is None  # gone once the conversation begins
    window.menu_actions["New Conversation"].trigger()
    assert window.chat.welcome is not None  # and back in a new one


def test_preferences_apply_without_a_restart(make_app: Callable[..., Any], run: Callable[..., Any]) -> None:
    desktop, _ = make_app([])
    window, bridge = desktop.window, desktop.bridge
    assert "compose_new_email" in {t.name for t in bridge._built.agent.tools}  # type: ignore[union-attr]
    new = bridge.settings.replace(
        enabled_apps=("Calendar", "Notes"), theme="dark", custom_instructions="Be brief."
    )

    async def scenario() -> None:
        ready = asyncio.ensure_future(next_signal(bridge.engine_ready))
        window.apply_settings(new)
        await ready

    run(scenario())
    tools = {t.name for t in bridge._built.agent.tools}  # type: ignore[union-attr]
    assert "compose_new_email" not in tools and "create_note" in tools
    assert window.chat.colours.dark
    assert bridge._built.agent.planner.options.custom_instructions == "Be brief."  # type: ignore[union-attr]


def test_preferences_dialog_from_the_menu_round_trips(
    make_app: Callable[..., Any], run: Callable[..., Any]
) -> None:
    desktop, _ = make_app([])
    window, bridge = desktop.window, desktop.bridge
    dialog = window.open_preferences()
    form = dialog.form()
    assert form is not None
    dialog.pages["general"].instructions.setPlainText("Sign emails as Zoë.")  # type: ignore[attr-defined]

    async def scenario() -> None:
        ready = asyncio.ensure_future(next_signal(bridge.engine_ready))
        assert dialog.apply()
        await ready

    run(scenario())
    assert load_settings().settings.custom_instructions == "Sign emails as Zoë."
    assert bridge.settings.custom_instructions == "Sign emails as Zoë."


def test_corrupt_settings_and_history_are_backed_up_and_the_app_starts(make_app: Callable[..., Any]) -> None:
    from tinyagent.core.settings import user_paths

    paths = user_paths()
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text("{ not json", encoding="utf-8")
    (paths.data_dir / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    desktop, _ = make_app([], write=False)
    notices = [
        w.text.text() for w in desktop.window.chat.findChildren(type(desktop.window.chat.add_notice("x")))
    ]
    text = "\n".join(notices)
    assert "settings.json.corrupt-" in text and "history.sqlite3.corrupt-" in text
    assert list(paths.config_dir.glob("settings.json.corrupt-*"))
    assert list(paths.data_dir.glob("history.sqlite3.corrupt-*"))
    assert desktop.bridge.ready
    assert isinstance(Settings(), Settings)


def test_speech_button_says_why_it_is_unavailable(make_app: Callable[..., Any]) -> None:
    desktop, _ = make_app([])
    window = desktop.window
    QTest.mouseClick(window.mic_button, Qt.MouseButton.LeftButton)
    bubbles = [b.text.text() for b in window.chat.findChildren(type(window.chat.add_notice("x")))]
    assert any("not available" in b and "Type your request" in b for b in bubbles)


def test_long_results_fold_behind_show_all(make_app: Callable[..., Any]) -> None:
    desktop, _ = make_app([])
    card = TaskCard(1, "summarize_pdf", "Summarize report.pdf", ("report.pdf",), desktop.window.chat.colours)
    card.finished(TaskStatus.DONE, "word " * 200, None, 1.5)
    assert card.more.isVisibleTo(card)
    assert len(card.result.text()) < 300 and card.result_text == ("word " * 200).strip()
    card.more.setChecked(True)
    assert card.result.text() == card.result_text


def test_card_arguments_read_like_a_person_wrote_them() -> None:
    from tinyagent.gui.cards import format_args

    assert format_args("create_reminder", ("Call mom", "2026-11-22 18:00:00", "", "", 0, False)) == (
        "Call mom · Sun 22 Nov 2026, 18:00"
    )
    assert format_args("create_reminder", ("Rent", "2026-11-27", "", "Home", 1, True)) == (
        "Rent · Fri 27 Nov 2026 · Home · priority 1 · all day"
    )
    assert format_args("compose_new_email", (["a@x.org"], ["b@x.org"], "Hi", "", ["/tmp/r.pdf"])) == (
        "a@x.org · cc: b@x.org · Hi · attachments: /tmp/r.pdf"
    )


def test_a_missing_model_file_is_reported_and_requests_say_what_to_do(
    qapp: Any, run: Callable[..., Any], tmp_path: Path
) -> None:
    from tinyagent.core.settings import PlannerSettings, save_settings
    from tinyagent.gui.app import build_app

    missing = tmp_path / "gone.gguf"
    save_settings(
        Settings(backend="local", toolrag=False, planner=PlannerSettings(kind="gguf", gguf_path=str(missing)))
    )
    desktop = build_app(qapp)  # the real model factory
    qapp.setQuitOnLastWindowClosed(False)
    window, bridge = desktop.window, desktop.bridge
    try:
        failed: list[str] = []
        bridge.engine_failed.connect(failed.append)
        run(bridge.start())
        assert failed and str(missing) in failed[0]
        assert window.engine_status.text() == "The planner could not be loaded"

        async def ask() -> str:
            answer = asyncio.ensure_future(next_signal(bridge.failed))
            type_request(window, "remind me to call mom")
            (text,) = await answer
            return str(text)

        assert str(missing) in run(ask())
        assert not bridge.busy and window.send_button.isVisibleTo(window)
    finally:
        window.shutdown()
        desktop.history.close()


def test_a_tally_says_what_became_of_the_tasks(make_app: Callable[..., Any]) -> None:
    colours = make_app([])[0].window.chat.colours

    def cards(*statuses: str) -> list[TaskCard]:
        made = [TaskCard(i, "send_sms", "Text Bo", (), colours) for i, _ in enumerate(statuses, start=1)]
        for card, status in zip(made, statuses, strict=True):
            card.set_status(status)
        return made

    assert tally(cards("done")) == "Done."
    assert tally(cards("done", "done", "done")) == "All 3 done."
    assert tally(cards("done", "failed", "done")) == "2 done, 1 failed."
    assert tally(cards("skipped", "cancelled")) == "1 skipped, 1 cancelled."
