"""The Preferences form: what the dialog's widgets hold, and its mapping to settings and secrets.

No Qt here: ``settings_from_form`` turns a ``PreferencesForm`` into ``Settings`` or raises a
``FormError`` saying what to fix, so the mapping is tested without clicking. Secrets go to
the OS keyring (``store_secrets``), never into the settings file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args
from urllib.parse import urlsplit

from tinyagent.core.errors import ConfigurationError, SettingsError
from tinyagent.core.models import CATALOG
from tinyagent.core.secrets import SecretName, delete_secret, get_secret, set_secret
from tinyagent.core.settings import ALL_APPS, PlannerSettings, Settings, SmtpSecurity, SmtpSettings, Theme

PlannerChoice = Literal["builtin", "catalog", "file", "http"]
Page = Literal["apps", "planner", "general", "accounts"]  # where the dialog shows a field

_CATALOG_PLANNERS = frozenset(spec.name for spec in CATALOG if spec.kind == "planner")


@dataclass(frozen=True)
class PlannerForm:
    """The planner page: which option is chosen, and what each option's fields hold."""

    choice: PlannerChoice = "builtin"
    catalog_model: str = ""  # a catalog name, as resolve_gguf takes it
    gguf_file: str = ""
    llm_url: str = ""
    llm_model: str = ""


@dataclass(frozen=True)
class SmtpForm:
    """The outgoing mail server's fields; host, username and sender all empty: no server."""

    host: str = ""
    port: int = 587
    security: SmtpSecurity = "starttls"
    username: str = ""
    sender: str = ""


@dataclass(frozen=True)
class Secrets:
    """The keyring's secrets as the form shows them ("" for none)."""

    zoom_token: str = ""
    smtp_password: str = ""
    llm_api_key: str = ""


@dataclass(frozen=True)
class PreferencesForm:
    """Everything the dialog's widgets hold."""

    enabled_apps: tuple[str, ...] = ALL_APPS
    planner: PlannerForm = PlannerForm()
    toolrag: bool = True
    custom_instructions: str = ""
    whisper_model: str = "base"
    backend: str | None = None
    data_dir: str = ""
    file_folders: tuple[str, ...] = ()
    theme: Theme = "system"
    smtp: SmtpForm = SmtpForm()
    secrets: Secrets = Secrets()


class FormError(ValueError):
    """A field the user must fix before the settings can be saved; ``page`` holds it."""

    def __init__(self, page: Page, message: str) -> None:
        super().__init__(message)
        self.page = page


def form_from_settings(settings: Settings, secrets: Secrets = Secrets()) -> PreferencesForm:
    """The form showing ``settings`` and ``secrets``."""
    planner = settings.planner
    gguf = planner.gguf_path or ""
    on_catalog = gguf.strip().lower() in _CATALOG_PLANNERS
    choice: PlannerChoice = "builtin"
    if planner.kind == "http":
        choice = "http"
    elif planner.kind == "gguf":
        choice = "catalog" if on_catalog else "file"
    smtp = settings.smtp
    smtp_form = (
        SmtpForm(smtp.host, smtp.port, smtp.security, smtp.username, smtp.sender) if smtp else SmtpForm()
    )
    return PreferencesForm(
        enabled_apps=settings.enabled_apps,
        planner=PlannerForm(
            choice=choice,
            catalog_model=gguf.strip().lower() if on_catalog else "",
            gguf_file="" if on_catalog else gguf,
            llm_url=planner.llm_url or "",
            llm_model=planner.llm_model or "",
        ),
        toolrag=settings.toolrag,
        custom_instructions=settings.custom_instructions,
        whisper_model=settings.whisper_model,
        backend=settings.backend,
        data_dir=settings.data_dir or "",
        file_folders=settings.file_folders,
        theme=settings.theme,
        smtp=smtp_form,
        secrets=secrets,
    )


def settings_from_form(form: PreferencesForm, base: Settings) -> Settings:
    """``base`` with the form's values; raises ``FormError`` saying what to fix.

    Settings the dialog does not show (timeouts, the writer, ...) keep their values.
    """
    planner = _planner_settings(form.planner, base.planner)
    smtp = _smtp_settings(form.smtp)
    try:
        return base.replace(
            enabled_apps=tuple(app for app in ALL_APPS if app in form.enabled_apps),
            planner=planner,
            toolrag=form.toolrag,
            custom_instructions=form.custom_instructions.strip(),
            whisper_model=form.whisper_model,
            backend=form.backend,
            data_dir=form.data_dir.strip() or None,
            file_folders=tuple(dict.fromkeys(f.strip() for f in form.file_folders if f.strip())),
            theme=form.theme,
            smtp=smtp,
        )
    except SettingsError as error:
        raise FormError("general", str(error)) from error


def _planner_settings(form: PlannerForm, base: PlannerSettings) -> PlannerSettings:
    """The chosen option is checked; the others' fields are kept as typed, for switching back."""
    gguf, url, model = form.gguf_file.strip(), form.llm_url.strip(), form.llm_model.strip()
    kind: Literal["builtin", "gguf", "http"] = "builtin"
    gguf_path = gguf or None
    if form.choice == "catalog":
        if not form.catalog_model:
            raise FormError("planner", "Choose a downloaded model, or get one in the Models window first.")
        kind, gguf_path = "gguf", form.catalog_model
    elif form.choice == "file":
        if not gguf:
            raise FormError("planner", "Enter the path of a .gguf file, or choose another planner.")
        if not Path(gguf).expanduser().is_file():
            raise FormError("planner", f"There is no file {gguf}; choose an existing .gguf file.")
        kind = "gguf"
    elif form.choice == "http":
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FormError(
                "planner",
                "The server URL must start with http:// or https://, e.g. http://127.0.0.1:8080/v1.",
            )
        kind = "http"
    return base.replace(kind=kind, gguf_path=gguf_path, llm_url=url or None, llm_model=model or None)


def _smtp_settings(form: SmtpForm) -> SmtpSettings | None:
    host, username, sender = form.host.strip(), form.username.strip(), form.sender.strip()
    if not (host or username or sender):
        return None
    missing = [label for label, value in (("host", host), ("sender address", sender)) if not value]
    if missing:
        raise FormError(
            "accounts",
            f"Fill in the SMTP {' and '.join(missing)}, or clear every SMTP field to turn sending mail off.",
        )
    try:
        return SmtpSettings(
            host=host, username=username, sender=sender, port=form.port, security=form.security
        )
    except SettingsError as error:
        raise FormError("accounts", str(error)) from error


def read_secrets() -> tuple[Secrets, str | None]:
    """The stored secrets, and why some could not be read (a locked keyring), if so."""
    values: dict[str, str] = {}
    problem = None
    for name in get_args(SecretName):
        try:
            values[name] = get_secret(name) or ""
        except ConfigurationError as error:
            problem = str(error)
    return Secrets(**values), problem


def secret_changes(before: Secrets, after: Secrets) -> dict[SecretName, str | None]:
    """What to write to the keyring: each changed secret's new value, or None to delete it."""
    changed: dict[SecretName, str | None] = {}
    for name in get_args(SecretName):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changed[name] = new or None
    return changed


def store_secrets(changes: dict[SecretName, str | None]) -> None:
    """Write ``changes`` to the keyring; raises ``ConfigurationError`` saying what to do."""
    for name, value in changes.items():
        if value is None:
            delete_secret(name)
        else:
            set_secret(name, value)
