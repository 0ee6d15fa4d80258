"""From the user's settings and secrets to what the tool backends need (``BackendConfig``)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tinyagent.core.errors import ConfigurationError
from tinyagent.core.secrets import SecretName, get_secret
from tinyagent.core.settings import Settings, SmtpSettings, UserPaths, apply_env_overrides
from tinyagent.tools.base import BackendConfig, SmtpAccount

# Set by CI services and by pytest while a test runs: never open windows there.
_HEADLESS_ENV = ("CI", "PYTEST_CURRENT_TEST")


@dataclass(frozen=True)
class ConfiguredBackend:
    """The backends' configuration, and what the user should fix to get all of it."""

    config: BackendConfig
    warnings: tuple[str, ...] = ()


def backend_config(settings: Settings, paths: UserPaths) -> BackendConfig:
    """The tool backends' configuration; see ``configure_backend`` for the warnings."""
    return configure_backend(settings, paths).config


def configure_backend(
    settings: Settings, paths: UserPaths, environ: Mapping[str, str] | None = None
) -> ConfiguredBackend:
    """Build ``BackendConfig`` from ``settings``, the keyring and the environment.

    Nothing here fails for a missing secret: SMTP stays off (``smtp=None``) until its
    password is stored, and a warning says so; tools that need it then explain at use.
    """
    env = os.environ if environ is None else environ
    settings = apply_env_overrides(settings, env)
    warnings: list[str] = []
    smtp = _smtp_account(settings.smtp, warnings)
    zoom_token = _secret("zoom_token", warnings)
    data_dir = Path(settings.data_dir).expanduser() if settings.data_dir else paths.data_dir / "data"
    config = BackendConfig(
        data_dir=data_dir,
        file_folders=tuple(Path(folder).expanduser() for folder in settings.file_folders),
        smtp=smtp,
        zoom_token=zoom_token,
        zoom_api_url=settings.zoom_api_url,
        osascript=settings.osascript or "osascript",
        mdfind=settings.mdfind or "mdfind",
        open_command=open_command(settings.open_files, env),
        timeout_s=settings.task_timeout_s,
    )
    return ConfiguredBackend(config, tuple(warnings))


def _secret(name: SecretName, warnings: list[str]) -> str | None:
    try:
        return get_secret(name)
    except ConfigurationError as exc:
        warnings.append(str(exc))
        return None


def _smtp_account(smtp: SmtpSettings | None, warnings: list[str]) -> SmtpAccount | None:
    if smtp is None:
        return None
    password = _secret("smtp_password", warnings)
    if password is None:
        warnings.append(
            f"Sending mail through {smtp.host} is off: no SMTP password is stored. Enter it in "
            "Settings (it goes to the OS keyring) or set TINYAGENT_SMTP_PASSWORD."
        )
        return None
    return SmtpAccount(
        host=smtp.host,
        port=smtp.port,
        username=smtp.username,
        password=password,
        sender=smtp.sender,
        security=smtp.security,
    )


def open_command(
    enabled: bool,
    environ: Mapping[str, str],
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> str | None:
    """The program that opens a found file on this desktop, or None.

    None when opening is off, in CI and tests, without a graphical session on Linux,
    or when the opener is not installed.
    """
    if not enabled or any(environ.get(var) for var in _HEADLESS_ENV):
        return None
    if platform == "darwin":
        program = "open"
    elif platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
            return None
        program = "xdg-open"
    else:
        return None  # Windows has no opener program: "start" is a shell built-in
    return program if which(program) else None
