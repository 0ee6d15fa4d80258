"""Settings: defaults, validation, the JSON file (round trip, corruption, atomic writes), paths."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from tinyagent.core.errors import SettingsError
from tinyagent.core.settings import (
    ALL_APPS,
    PlannerSettings,
    Settings,
    SmtpSettings,
    apply_env_overrides,
    load_settings,
    save_settings,
    user_paths,
)
from tinyagent.tools.registry import App

BACKUP_NAME = re.compile(r"settings\.json\.corrupt-\d{8}T\d{6}Z(-\d+)?$")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own TinyAgent home."""
    path = tmp_path / "home"
    monkeypatch.setenv("TINYAGENT_HOME", str(path))
    return path


@pytest.fixture
def settings_file(home: Path) -> Path:
    return home / "config" / "settings.json"


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def backups(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if BACKUP_NAME.search(p.name))


def rich_settings() -> Settings:
    return Settings(
        backend="local",
        data_dir="~/Données/TinyAgent",
        enabled_apps=("Mail", "Calendar"),
        custom_instructions="Réponds en français. 日本語も OK ✓",
        planner=PlannerSettings(kind="http", llm_url="http://127.0.0.1:8080/v1", llm_model="qwen", chat=True),
        toolrag=False,
        file_folders=("~/Documents", "/tmp/Öffentlich"),
        smtp=SmtpSettings(
            host="smtp.example.org", username="zoë", sender="Zoë <zoe@example.org>", port=465, security="ssl"
        ),
        theme="dark",
        task_timeout_s=12.5,
        writer="plain",
    )


# ---- paths ----------------------------------------------------------------------------------


def test_tinyagent_home_redirects_every_folder(home: Path) -> None:
    paths = user_paths()
    assert paths.config_dir == home / "config"
    assert paths.data_dir == home / "data"
    assert paths.cache_dir == home / "cache"
    assert paths.models_dir == home / "models"
    assert paths.settings_file == home / "config" / "settings.json"


def test_without_tinyagent_home_the_platform_folders_are_used(tmp_path: Path) -> None:
    paths = user_paths(environ={})
    assert "TinyAgent" in str(paths.config_dir)
    assert paths.models_dir.parent == paths.data_dir
    assert not str(paths.config_dir).startswith(str(tmp_path))


# ---- defaults and validation ----------------------------------------------------------------


def test_a_missing_file_gives_the_defaults(settings_file: Path) -> None:
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.warnings == ()
    assert not settings_file.exists()  # loading does not create it
    defaults = loaded.settings
    assert defaults.backend is None and defaults.data_dir is None and defaults.smtp is None
    assert defaults.enabled_apps == tuple(app.value for app in App) == ALL_APPS
    assert defaults.planner == PlannerSettings(kind="builtin")
    assert (defaults.whisper_model, defaults.theme, defaults.writer) == ("base", "system", "auto")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"theme": "blue"}, '\'theme\' must be one of "system", "light", "dark", not "blue"'),
        ({"toolrag": "yes"}, "'toolrag' must be true or false"),
        ({"planner": {"kind": "cloud"}}, '\'planner.kind\' must be one of "builtin", "gguf", "http"'),
        ({"planner": {"n_ctx": 0}}, "'planner.n_ctx' must be a whole number above 0, not 0"),
        ({"planner": {"max_tokens": True}}, "'planner.max_tokens' must be a whole number"),
        ({"planner": "fast"}, "'planner' must be an object with keys kind, gguf_path"),
        ({"enabled_apps": ["Mail", "Fax"]}, "'enabled_apps' must be a list of app names from: Calendar"),
        ({"file_folders": "~/Documents"}, "'file_folders' must be a list of strings"),
        ({"task_timeout_s": -1}, "'task_timeout_s' must be a number of seconds above 0"),
        ({"backend": 3}, "'backend' must be a string or null, not 3"),
        ({"smtp": {"host": "h", "sender": "s"}}, "'smtp.username' is missing; it must be a string"),
        (
            {"smtp": {"host": "h", "username": "u", "sender": "s", "port": 70000}},
            "'smtp.port' must be a port",
        ),
        (
            {"smtp": {"host": "h", "username": "u", "sender": "s", "security": "tls"}},
            "'smtp.security' must be one",
        ),
    ],
)
def test_from_dict_names_the_bad_field_and_what_it_expects(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError, match="settings field " + re.escape(message)):
        Settings.from_dict(data)


def test_to_dict_and_from_dict_round_trip() -> None:
    original = rich_settings()
    data = original.to_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert data["enabled_apps"] == ["Mail", "Calendar"]
    assert Settings.from_dict(data) == original


def test_replace_validates_and_normalises() -> None:
    changed = Settings().replace(enabled_apps=["Zoom"], task_timeout_s=5)
    assert changed.enabled_apps == ("Zoom",)  # a tuple: the object stays hashable
    assert isinstance(changed.task_timeout_s, float)
    hash(changed)
    with pytest.raises(SettingsError, match="'theme' must be one of"):
        Settings().replace(theme="blue")
    with pytest.raises(SettingsError, match="'n_ctx'"):
        PlannerSettings(n_ctx=-5)


def test_environment_overrides_osascript_and_mdfind() -> None:
    base = Settings(osascript="/usr/bin/osascript")
    env = {"TINYAGENT_OSASCRIPT": "/opt/fake/osascript", "TINYAGENT_MDFIND": "/opt/fake/mdfind"}
    overridden = apply_env_overrides(base, env)
    assert (overridden.osascript, overridden.mdfind) == ("/opt/fake/osascript", "/opt/fake/mdfind")
    assert apply_env_overrides(base, {"TINYAGENT_MDFIND": ""}) is base


# ---- the file -----------------------------------------------------------------------------


def test_save_then_load_round_trips_non_ascii_and_creates_folders(settings_file: Path) -> None:
    original = rich_settings()
    save_settings(original)
    assert settings_file.is_file()
    text = settings_file.read_text(encoding="utf-8")
    assert "日本語も OK ✓" in text  # stored readably, not as \\u escapes
    assert "password" not in text.lower()
    loaded = load_settings()
    assert loaded.settings == original
    assert loaded.warnings == ()


def test_corrupt_json_is_backed_up_and_defaults_are_used(settings_file: Path) -> None:
    write(settings_file, '{"theme": "dark",,}')
    loaded = load_settings()
    assert loaded.settings == Settings()
    [backup] = backups(settings_file)
    assert backup.read_text(encoding="utf-8") == '{"theme": "dark",,}'
    [warning] = loaded.warnings
    assert f"{settings_file} is not valid JSON" in warning
    assert "line 1 column 18" in warning
    assert str(backup) in warning and "using the default settings" in warning
    assert not settings_file.exists()
    assert load_settings().warnings == ()  # told once, not at every start


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("[1, 2]", "must hold a JSON object, not list"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
        ("", "not valid JSON"),
    ],
)
def test_other_unreadable_files_are_backed_up_too(
    settings_file: Path, content: str | bytes, what: str
) -> None:
    write(settings_file, content)
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert what in loaded.warnings[0]
    assert len(backups(settings_file)) == 1


def test_wrong_types_keep_every_valid_field(settings_file: Path) -> None:
    data = {
        "theme": "blue",
        "toolrag": "yes",
        "custom_instructions": "Sois bref ✓",
        "planner": {"kind": "http", "llm_url": "http://127.0.0.1:1234/v1", "n_ctx": -1, "chat": True},
        "smtp": {"host": "", "username": "u", "sender": "me@example.org"},
        "enabled_apps": ["Mail"],
    }
    write(settings_file, json.dumps(data))
    loaded = load_settings()
    s = loaded.settings
    assert s.custom_instructions == "Sois bref ✓" and s.enabled_apps == ("Mail",)
    assert s.planner == PlannerSettings(kind="http", llm_url="http://127.0.0.1:1234/v1", chat=True)
    assert (s.theme, s.toolrag, s.smtp) == ("system", True, None)  # reset to the defaults
    summary, *problems = loaded.warnings
    [backup] = backups(settings_file)
    assert json.loads(backup.read_text(encoding="utf-8")) == data
    assert str(backup) in summary and "the valid settings were kept" in summary
    assert len(problems) == 4
    for field in ("'theme'", "'toolrag'", "'planner.n_ctx'", "'smtp.host' must be a non-empty string"):
        assert any(field in p for p in problems), field
    # The repaired settings were saved: the next start is quiet and identical.
    again = load_settings()
    assert again == type(again)(s, ())


def test_unknown_keys_are_ignored_with_a_warning_and_no_backup(settings_file: Path) -> None:
    write(settings_file, json.dumps({"theme": "dark", "colour": "red", "planner": {"temperature": 0.7}}))
    loaded = load_settings()
    assert loaded.settings == Settings(theme="dark")
    [warning] = loaded.warnings
    assert "'colour', 'planner.temperature'" in warning and "ignored" in warning
    assert backups(settings_file) == []


def test_an_explicit_path_is_used(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "mine.json"
    save_settings(Settings(theme="light"), path)
    assert load_settings(path).settings.theme == "light"
    assert not user_paths().settings_file.exists()


class Crash(BaseException):
    """Stands for the process dying: not an Exception, so nothing catches it on the way."""


def test_a_crash_mid_write_leaves_the_old_file_intact(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(theme="dark"))
    before = settings_file.read_bytes()

    def crash(_fd: int) -> None:
        raise Crash  # the new contents are written to the temp file, not yet in place

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(Crash):
        save_settings(rich_settings())
    assert settings_file.read_bytes() == before
    assert load_settings().settings == Settings(theme="dark")
    assert sorted(p.name for p in settings_file.parent.iterdir()) == ["settings.json"]  # no temp left


def test_a_failed_write_says_what_to_do(settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save_settings(Settings())

    def disk_full(_src: Any, _dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(SettingsError, match=r"No space left on device.*disk is not full"):
        save_settings(Settings(theme="light"))
    assert json.loads(settings_file.read_text(encoding="utf-8"))["theme"] == "system"
    assert sorted(os.listdir(settings_file.parent)) == ["settings.json"]
