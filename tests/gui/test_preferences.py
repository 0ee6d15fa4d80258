"""The Preferences dialog: shows the settings, saves changes to settings.json and secrets to the keyring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import null
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.support.memory_keyring import MemoryKeyring, installed
from tinyagent.core.downloads import file_sha256
from tinyagent.core.secrets import SERVICE, get_secret, set_secret
from tinyagent.core.settings import PlannerSettings, Settings, SmtpSettings, load_settings, user_paths
from tinyagent.gui.preferences import AccountsPage, AppsPage, GeneralPage, PlannerPage, PreferencesDialog
from tinyagent.gui.preferences_form import (
    FormError,
    PreferencesForm,
    Secrets,
    SmtpForm,
    form_from_settings,
    secret_changes,
    settings_from_form,
)


@pytest.fixture
def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "my-planner.gguf"
    path.write_bytes(b"GGUF")
    return path


@pytest.fixture
def custom(gguf: Path, tmp_path: Path) -> Settings:
    """Settings with every field the dialog shows away from its default."""
    return Settings(
        backend="local",
        data_dir=str(tmp_path / "data"),
        enabled_apps=("Calendar", "Contacts", "Mail", "Notes", "Zoom"),
        custom_instructions="Call me Ana.",
        planner=PlannerSettings(kind="gguf", gguf_path=str(gguf), llm_url="http://old:1/v1", n_ctx=2048),
        toolrag=False,
        whisper_model="small",
        file_folders=("/srv/docs", "/srv/papers"),
        smtp=SmtpSettings(
            host="mail.example.org", username="ana", sender="ana@example.org", port=465, security="ssl"
        ),
        theme="dark",
        task_timeout_s=12.0,
    )


@pytest.fixture
def dialog(qtbot: QtBot, custom: Settings) -> Iterator[PreferencesDialog]:
    set_secret("zoom_token", "zoom-123")
    window = PreferencesDialog(custom, user_paths())
    qtbot.addWidget(window)
    yield window


def pages(window: PreferencesDialog) -> tuple[AppsPage, PlannerPage, GeneralPage, AccountsPage]:
    apps, planner, general, accounts = window.pages.values()
    assert isinstance(apps, AppsPage) and isinstance(planner, PlannerPage)
    assert isinstance(general, GeneralPage) and isinstance(accounts, AccountsPage)
    return apps, planner, general, accounts


def click(window: PreferencesDialog, which: QDialogButtonBox.StandardButton) -> None:
    button = window.buttons.button(which)
    assert button is not None
    button.click()


def test_every_widget_shows_the_settings(dialog: PreferencesDialog, custom: Settings, gguf: Path) -> None:
    apps, planner, general, accounts = pages(dialog)
    assert dialog.windowTitle() == "Settings"
    assert [a for a, box in apps.boxes.items() if box.isChecked()] == list(custom.enabled_apps)
    assert planner.choices["file"].isChecked() and planner.gguf_file.text() == str(gguf)
    assert planner.file_row.isEnabled() and not planner.server.isEnabled()
    assert planner.llm_url.text() == "http://old:1/v1"
    assert not general.toolrag.isChecked()
    assert general.instructions.toPlainText() == "Call me Ana."
    assert general.whisper.currentData() == "small"
    assert general.backend.currentText() == "Local files"
    assert general.data_dir.text() == custom.data_dir
    assert [general.folders.item(i).text() for i in range(general.folders.count())] == [
        "/srv/docs",
        "/srv/papers",
    ]
    assert general.theme.currentText() == "Dark"
    assert accounts.host.text() == "mail.example.org" and accounts.port.value() == 465
    assert accounts.security.currentData() == "ssl"
    assert accounts.username.text() == "ana" and accounts.sender_address.text() == "ana@example.org"
    assert (
        accounts.zoom_token.text() == "zoom-123"
        and accounts.zoom_token.echoMode() == QLineEdit.EchoMode.Password
    )
    assert accounts.password.text() == "" and accounts.password.isEnabled()
    assert settings_from_form(dialog.form(), custom) == custom  # showing and reading loses nothing


def test_apply_saves_settings_and_secrets_and_emits_them(
    dialog: PreferencesDialog, custom: Settings, qtbot: QtBot
) -> None:
    apps, planner, general, accounts = pages(dialog)
    apps.boxes["Mail"].setChecked(False)
    apps.boxes["Zoom"].setChecked(False)
    planner.choices["http"].setChecked(True)
    planner.llm_url.setText("http://127.0.0.1:8080/v1")
    planner.llm_model.setText("tinyagent-1.1b")
    planner.api_key.setText("sk-local")
    general.instructions.setPlainText("Be brief.")
    general.theme.setCurrentIndex(general.theme.findData("light"))
    accounts.host.setText("smtp.example.com")
    accounts.password.setText("s3cret-pass")

    with qtbot.waitSignal(dialog.settings_applied, timeout=2000) as applied:
        click(dialog, QDialogButtonBox.StandardButton.Apply)

    saved = load_settings().settings
    assert applied.args == [saved]
    assert saved.enabled_apps == ("Calendar", "Contacts", "Notes")
    assert saved.planner == custom.planner.replace(
        kind="http", llm_url="http://127.0.0.1:8080/v1", llm_model="tinyagent-1.1b"
    )
    assert saved.custom_instructions == "Be brief." and saved.theme == "light"
    assert saved.smtp == SmtpSettings(
        host="smtp.example.com", username="ana", sender="ana@example.org", port=465, security="ssl"
    )
    assert saved.task_timeout_s == 12.0  # not on the dialog: kept
    assert dialog.settings == saved and dialog.error.isHidden()
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    assert backend.passwords[(SERVICE, "smtp_password")] == "s3cret-pass"
    assert backend.passwords[(SERVICE, "llm_api_key")] == "sk-local"
    assert backend.passwords[(SERVICE, "zoom_token")] == "zoom-123"
    text = user_paths().settings_file.read_text(encoding="utf-8")
    assert "s3cret-pass" not in text and "sk-local" not in text and "zoom-123" not in text
    assert json.loads(text)["planner"]["llm_url"] == "http://127.0.0.1:8080/v1"


def test_clearing_a_secret_deletes_it_from_the_keyring(dialog: PreferencesDialog) -> None:
    *_, accounts = pages(dialog)
    accounts.zoom_token.clear()
    assert dialog.apply()
    assert get_secret("zoom_token") is None


@pytest.mark.parametrize(
    ("choose", "expected"),
    [
        (lambda p: (p.choices["http"].setChecked(True), p.llm_url.setText("localhost:8080/v1")), "http://"),
        (lambda p: (p.choices["http"].setChecked(True), p.llm_url.setText("ftp://host/v1")), "http://"),
        (
            lambda p: (p.choices["file"].setChecked(True), p.gguf_file.setText("/no/such/model.gguf")),
            "no file",
        ),
        (lambda p: (p.choices["file"].setChecked(True), p.gguf_file.setText("  ")), "path of a .gguf"),
    ],
)
def test_an_invalid_planner_is_not_saved_and_says_why(
    qtbot: QtBot, custom: Settings, choose: object, expected: str
) -> None:
    window = PreferencesDialog(custom, user_paths())
    qtbot.addWidget(window)
    window.show()
    _, planner, _, _ = pages(window)
    window.tabs.setCurrentIndex(0)
    choose(planner)  # type: ignore[operator]
    fired: list[object] = []
    window.settings_applied.connect(fired.append)
    click(window, QDialogButtonBox.StandardButton.Ok)
    assert window.isVisible()  # OK did not close it
    assert window.error.isVisible() and expected in window.error.text()
    assert window.tabs.currentWidget() is planner
    assert not user_paths().settings_file.exists() and fired == []


def test_ok_saves_and_closes(qtbot: QtBot, custom: Settings) -> None:
    window = PreferencesDialog(custom, user_paths())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.accepted, timeout=2000):
        click(window, QDialogButtonBox.StandardButton.Ok)
    assert load_settings().settings == custom


def test_cancel_discards_everything(qtbot: QtBot, custom: Settings) -> None:
    window = PreferencesDialog(custom, user_paths())
    qtbot.addWidget(window)
    window.show()
    *_, general, accounts = pages(window)
    general.theme.setCurrentIndex(general.theme.findData("light"))
    accounts.password.setText("never-stored")
    fired: list[object] = []
    window.settings_applied.connect(fired.append)
    with qtbot.waitSignal(window.rejected, timeout=2000):
        click(window, QDialogButtonBox.StandardButton.Cancel)
    assert not user_paths().settings_file.exists()
    assert get_secret("smtp_password") is None and fired == []


def test_a_save_error_is_shown(qtbot: QtBot, custom: Settings, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be")
    paths = user_paths()
    paths = type(paths)(blocked, paths.data_dir, paths.cache_dir, paths.models_dir)
    window = PreferencesDialog(custom, paths)
    qtbot.addWidget(window)
    assert not window.apply()
    assert "Could not save settings" in window.error.text()


def test_a_downloaded_planner_can_be_chosen(qtbot: QtBot) -> None:
    folder = user_paths().models_dir / "tinyagent-1.1b"
    folder.mkdir(parents=True)
    gguf = folder / "TinyAgent-1.1B-Q4_K_M.gguf"
    gguf.write_bytes(b"GGUF")
    record = {"size": 4, "sha256": file_sha256(gguf)}
    (folder / ".tinyagent-download.json").write_text(
        json.dumps({"repo_id": "r", "commit": "c", "complete": True, "files": {gguf.name: record}})
    )
    window = PreferencesDialog(Settings(), user_paths())
    qtbot.addWidget(window)
    _, planner, _, _ = pages(window)
    assert planner.choices["builtin"].isChecked()
    assert [planner.catalog.itemText(i) for i in range(planner.catalog.count())] == ["tinyagent-1.1b"]
    planner.choices["catalog"].setChecked(True)
    assert window.apply()
    assert load_settings().settings.planner == PlannerSettings(kind="gguf", gguf_path="tinyagent-1.1b")


def test_a_catalog_planner_in_settings_stays_chosen_when_not_downloaded(qtbot: QtBot) -> None:
    settings = Settings(planner=PlannerSettings(kind="gguf", gguf_path="tinyagent-7b"))
    window = PreferencesDialog(settings, user_paths())
    qtbot.addWidget(window)
    _, planner, _, _ = pages(window)
    assert planner.choices["catalog"].isChecked()
    assert planner.catalog.currentText() == "tinyagent-7b (not downloaded)"
    assert settings_from_form(window.form(), settings) == settings


def test_choose_buttons_use_file_dialogs(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, gguf: Path, tmp_path: Path
) -> None:
    asked: list[tuple[object, ...]] = []
    folders = iter([str(tmp_path / "data"), "/srv/new", "/srv/new"])

    def open_file(*args: object) -> tuple[str, str]:
        asked.append(args)
        return str(gguf), "GGUF models (*.gguf)"

    def open_folder(*args: object) -> str:
        asked.append(args)
        return next(folders)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", open_folder)
    window = PreferencesDialog(Settings(file_folders=("/srv/old",)), user_paths())
    qtbot.addWidget(window)
    _, planner, general, _ = pages(window)
    planner.choices["file"].setChecked(True)  # the button is off until its option is chosen
    planner.choose_file.click()
    assert planner.gguf_file.text() == str(gguf)
    general.choose_data_dir.click()
    assert general.data_dir.text() == str(tmp_path / "data")
    general.add_folder.click()
    general.add_folder.click()  # the same folder twice: listed once
    general.folders.setCurrentRow(0)
    general.remove_folder.click()
    assert "*.gguf" in str(asked[0][-1]) and len(asked) == 4
    assert window.apply()
    saved = load_settings().settings
    assert saved.file_folders == ("/srv/new",) and saved.data_dir == str(tmp_path / "data")
    assert saved.planner.kind == "gguf" and saved.planner.gguf_path == str(gguf)


def test_without_a_keyring_secret_fields_are_off_and_name_the_variables(qtbot: QtBot) -> None:
    with installed(null.Keyring()):
        window = PreferencesDialog(Settings(), user_paths())
        qtbot.addWidget(window)
        _, planner, _, accounts = pages(window)
        assert not accounts.zoom_token.isEnabled() and not accounts.password.isEnabled()
        assert not planner.api_key.isEnabled()
        notes = " ".join(label.text() for label in accounts.findChildren(QLabel))
        for var in ("TINYAGENT_ZOOM_TOKEN", "TINYAGENT_SMTP_PASSWORD", "TINYAGENT_LLM_API_KEY"):
            assert var in notes
        assert window.apply()  # the settings still save
    assert load_settings().settings == Settings()


# ---- the form mapping, without widgets -----------------------------------------------------


def test_smtp_needs_host_and_sender_or_nothing() -> None:
    base = Settings()
    form = form_from_settings(base)
    assert settings_from_form(form, base).smtp is None
    with pytest.raises(FormError) as caught:
        settings_from_form(PreferencesForm(smtp=SmtpForm(username="ana")), base)
    assert caught.value.page == "accounts" and "host and sender address" in str(caught.value)


def test_secret_changes_are_only_what_changed() -> None:
    before = Secrets(zoom_token="z", smtp_password="p")
    after = Secrets(zoom_token="z", smtp_password="", llm_api_key="k")
    assert secret_changes(before, after) == {"smtp_password": None, "llm_api_key": "k"}


# ---- how it looks --------------------------------------------------------------------------


def test_every_page_renders(dialog: PreferencesDialog, qtbot: QtBot) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    for index, name in enumerate(("apps", "planner", "general", "accounts")):
        dialog.tabs.setCurrentIndex(index)
        assert dialog.grab().save(f"/tmp/prefs-{name}.png")
