"""From settings and secrets to the tool backends' ``BackendConfig``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.memory_keyring import MemoryKeyring, installed
from tinyagent.core.config import backend_config, configure_backend, open_command
from tinyagent.core.secrets import ENV_VARS, set_secret
from tinyagent.core.settings import Settings, SmtpSettings, user_paths
from tinyagent.tools.base import BackendConfig, SmtpAccount

SMTP = SmtpSettings(
    host="smtp.example.org", username="zoë", sender="zoe@example.org", port=465, security="ssl"
)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Own home, an empty in-memory keyring, and none of the developer's TINYAGENT_* variables."""
    monkeypatch.setenv("TINYAGENT_HOME", str(tmp_path / "home"))
    for var in (*ENV_VARS.values(), "TINYAGENT_OSASCRIPT", "TINYAGENT_MDFIND"):
        monkeypatch.delenv(var, raising=False)
    with installed(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def test_defaults_give_a_quiet_local_configuration(tmp_path: Path) -> None:
    configured = configure_backend(Settings(), user_paths())
    assert configured.warnings == ()
    assert configured.config == BackendConfig(
        data_dir=tmp_path / "home" / "data" / "data",
        timeout_s=30.0,
        open_command=None,  # pytest is running: never open windows from tests
    )
    assert backend_config(Settings(), user_paths()) == configured.config


def test_settings_and_secrets_are_carried_over(tmp_path: Path) -> None:
    set_secret("smtp_password", "s3cret ✓")
    set_secret("zoom_token", "zoom-abc")
    settings = Settings(
        data_dir=str(tmp_path / "Données"),
        file_folders=("~/Documents", str(tmp_path / "Work")),
        smtp=SMTP,
        zoom_api_url="http://127.0.0.1:9/v2",
        osascript="/opt/osascript",
        task_timeout_s=7,
    )
    config = backend_config(settings, user_paths())
    assert config.data_dir == tmp_path / "Données"
    assert config.file_folders == (Path("~/Documents").expanduser(), tmp_path / "Work")
    assert config.smtp == SmtpAccount("smtp.example.org", 465, "zoë", "s3cret ✓", "zoe@example.org", "ssl")
    assert (config.zoom_token, config.zoom_api_url) == ("zoom-abc", "http://127.0.0.1:9/v2")
    assert (config.osascript, config.mdfind, config.timeout_s) == ("/opt/osascript", "mdfind", 7.0)


def test_smtp_without_a_password_stays_off_with_a_warning() -> None:
    configured = configure_backend(Settings(smtp=SMTP), user_paths())
    assert configured.config.smtp is None
    [warning] = configured.warnings
    assert "smtp.example.org" in warning and "no SMTP password" in warning
    assert "TINYAGENT_SMTP_PASSWORD" in warning


def test_environment_secrets_and_programs_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TINYAGENT_SMTP_PASSWORD", "from-env")
    monkeypatch.setenv("TINYAGENT_OSASCRIPT", "/fake/osascript")
    config = backend_config(Settings(smtp=SMTP, osascript="/opt/osascript"), user_paths())
    assert config.smtp is not None and config.smtp.password == "from-env"
    assert config.osascript == "/fake/osascript"


def test_a_locked_keyring_becomes_warnings_not_a_crash(isolated: MemoryKeyring) -> None:
    from keyring.errors import KeyringLocked

    isolated.fail_with = KeyringLocked("locked")
    configured = configure_backend(Settings(smtp=SMTP), user_paths())
    assert configured.config.smtp is None and configured.config.zoom_token is None
    assert any("Unlock your keyring" in w and "TINYAGENT_ZOOM_TOKEN" in w for w in configured.warnings)


@pytest.mark.parametrize(
    ("platform", "environ", "installed_programs", "expected"),
    [
        ("darwin", {}, {"open"}, "open"),
        ("linux", {"DISPLAY": ":0"}, {"xdg-open"}, "xdg-open"),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, {"xdg-open"}, "xdg-open"),
        ("linux", {}, {"xdg-open"}, None),  # no graphical session
        ("linux", {"DISPLAY": ":0"}, set(), None),  # opener not installed
        ("darwin", {"CI": "true"}, {"open"}, None),
        ("win32", {}, {"open", "xdg-open"}, None),
    ],
)
def test_open_command(
    platform: str, environ: dict[str, str], installed_programs: set[str], expected: str | None
) -> None:
    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in installed_programs else None

    assert open_command(True, environ, platform, which) == expected
    assert open_command(False, environ, platform, which) is None
