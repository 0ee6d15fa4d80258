"""The user's settings: frozen dataclasses stored as JSON in the user's config folder.

``load_settings`` never fails because of the file's contents: a file that is not JSON, or
fields of the wrong type, are backed up next to it as ``settings.json.corrupt-<timestamp>``
and replaced by defaults (every valid field is kept), with a warning that says so.

Secrets (the SMTP password, the Zoom token, an API key) never live here; see
``tinyagent.core.secrets``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Self, TypeVar

from platformdirs import PlatformDirs

from tinyagent.core.errors import SettingsError
from tinyagent.tools.registry import App

APP_NAME = "TinyAgent"
HOME_ENV = "TINYAGENT_HOME"
OSASCRIPT_ENV = "TINYAGENT_OSASCRIPT"
MDFIND_ENV = "TINYAGENT_MDFIND"
SETTINGS_FILE = "settings.json"

PlannerKind = Literal["builtin", "gguf", "http"]
SmtpSecurity = Literal["ssl", "starttls", "none"]
Theme = Literal["system", "light", "dark"]
WriterKind = Literal["auto", "model", "plain"]

ALL_APPS: tuple[str, ...] = tuple(app.value for app in App)

_T = TypeVar("_T")


@dataclass(frozen=True)
class UserPaths:
    """Where TinyAgent keeps its files for this user."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    models_dir: Path

    @property
    def settings_file(self) -> Path:
        """The settings JSON file."""
        return self.config_dir / SETTINGS_FILE


def user_paths(environ: Mapping[str, str] | None = None) -> UserPaths:
    """The platform's per-user folders, or folders under ``$TINYAGENT_HOME`` when it is set."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return UserPaths(root / "config", root / "data", root / "cache", root / "models")
    dirs = PlatformDirs(APP_NAME, appauthor=False)
    data = dirs.user_data_path
    return UserPaths(dirs.user_config_path, data, dirs.user_cache_path, data / "models")


# ---- validation -----------------------------------------------------------------------


# A field's extra rule, next to its declaration: (predicate, what the user must write).
def _rule(check: Callable[[Any], bool], expected: str) -> dict[str, object]:
    return {"check": check, "expected": expected}


def _known_apps(apps: tuple[str, ...]) -> bool:
    return all(app in ALL_APPS for app in apps)


_POSITIVE_INT = _rule(lambda v: v > 0, "a whole number above 0")
_PORT = _rule(lambda v: 0 < v < 65536, "a port number from 1 to 65535")
_NOT_BLANK = _rule(lambda v: bool(v.strip()), "a non-empty string")
_APPS = _rule(_known_apps, "a list of app names from: " + ", ".join(ALL_APPS))
_TIMEOUT = _rule(lambda v: v > 0, "a number of seconds above 0")


def _describe(hint: Any) -> str:
    """What a JSON value of type ``hint`` looks like, in the user's words."""
    origin = typing.get_origin(hint)
    if origin is Literal:
        return "one of " + ", ".join(json.dumps(a) for a in typing.get_args(hint))
    if origin is types.UnionType:
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return f"{_describe(inner[0])} or null"
    if origin is tuple:
        return "a list of strings"
    if dataclasses.is_dataclass(hint):
        return "an object with keys " + ", ".join(f.name for f in dataclasses.fields(hint))
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "a string"}
    return names[hint]


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return value in typing.get_args(hint)
    if origin is tuple:
        return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _invalid(path: str, expected: str, value: Any) -> SettingsError:
    shown = json.dumps(_plain(value), ensure_ascii=False, default=str)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return SettingsError(f"settings field {path!r} must be {expected}, not {shown}")


def _parse_value(
    value: Any, hint: Any, meta: Mapping[str, Any], path: str, problems: list[str] | None
) -> Any:
    """``value`` converted to ``hint``; raise ``SettingsError`` when it does not fit."""
    expected = _describe(hint)
    if typing.get_origin(hint) is types.UnionType:
        if value is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if dataclasses.is_dataclass(hint):
        if isinstance(value, typing.cast(type, hint)):
            return value
        if not isinstance(value, Mapping):
            raise _invalid(path, expected, value)
        return _parse_object(hint, value, path + ".", problems)  # type: ignore[arg-type]
    if not _fits(value, hint):
        raise _invalid(path, expected, value)
    converted = tuple(value) if typing.get_origin(hint) is tuple else float(value) if hint is float else value
    if "check" in meta and not meta["check"](converted):
        raise _invalid(path, meta["expected"], value)
    return converted


def _parse_object(cls: type[_T], data: Mapping[str, Any], prefix: str, problems: list[str] | None) -> _T:
    """Build ``cls`` from ``data``: strictly (``problems`` None) or keeping what is valid.

    In lenient mode a bad field falls back to its default and its message goes to
    ``problems``; a bad required field makes the whole object invalid.
    """
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        path = prefix + f.name
        has_default = f.default is not dataclasses.MISSING
        if f.name not in data:
            if not has_default:
                expected = _describe(hints[f.name])
                raise SettingsError(f"settings field {path!r} is missing; it must be {expected}")
            continue
        try:
            values[f.name] = _parse_value(data[f.name], hints[f.name], f.metadata, path, problems)
        except SettingsError as exc:
            if problems is None or not has_default:
                raise
            problems.append(str(exc))
    return cls(**values)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The resolved field types of ``cls`` (cached: every construction needs them)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _check_instance(obj: object) -> None:
    """Validate a just-built settings object and normalise it (lists to tuples, ints to floats)."""
    hints = _hints(type(obj))
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        converted = _parse_value(value, hints[f.name], f.metadata, f.name, None)
        if converted is not value:
            object.__setattr__(obj, f.name, converted)  # frozen: the one sanctioned write


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _unknown_keys(data: Mapping[str, Any], cls: type, prefix: str = "") -> list[str]:
    """Dotted names of keys in ``data`` that no field of ``cls`` (or its parts) declares."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = _hints(cls)
    unknown = []
    for key, value in data.items():
        if key not in fields:
            unknown.append(prefix + key)
            continue
        inner = [a for a in typing.get_args(hints[key]) if a is not type(None)] or [hints[key]]
        if dataclasses.is_dataclass(inner[0]) and isinstance(value, Mapping):
            unknown += _unknown_keys(value, inner[0], f"{prefix}{key}.")  # type: ignore[arg-type]
    return unknown


class _Schema:
    """Shared validation: construction, ``from_dict``, ``to_dict`` and ``replace``."""

    def __post_init__(self) -> None:
        _check_instance(self)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (validated like the file is)."""
        return dataclasses.replace(self, **changes)  # type: ignore[type-var]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (tuples become lists)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from JSON data; raise ``SettingsError`` naming the first bad field.

        Unknown keys are ignored; ``load_settings`` reports them.
        """
        return _parse_object(cls, data, "", None)


@dataclass(frozen=True)
class PlannerSettings(_Schema):
    """Which model plans, and how it is asked."""

    kind: PlannerKind = "builtin"  # the bundled model, a GGUF file, or an OpenAI-compatible server
    gguf_path: str | None = None
    llm_url: str | None = None  # e.g. http://127.0.0.1:8080/v1
    llm_model: str | None = None  # model name sent to the server; None: the server's first
    chat: bool = True  # chat messages (the model's chat template, as TinyAgent was served) or one raw prompt
    n_ctx: int = field(default=4096, metadata=_POSITIVE_INT)
    max_tokens: int = field(default=512, metadata=_POSITIVE_INT)


@dataclass(frozen=True)
class SmtpSettings(_Schema):
    """An outgoing mail server; its password is in the OS keyring (``smtp_password``)."""

    host: str = field(metadata=_NOT_BLANK)
    username: str
    sender: str = field(metadata=_NOT_BLANK)  # the From address
    port: int = field(default=587, metadata=_PORT)
    security: SmtpSecurity = "starttls"


@dataclass(frozen=True)
class Settings(_Schema):
    """Everything the user can choose; defaults suit a first start."""

    backend: str | None = None  # "macos" or "local"; None: the platform's default
    data_dir: str | None = None  # None: a folder under the user data dir
    enabled_apps: tuple[str, ...] = field(default=ALL_APPS, metadata=_APPS)
    custom_instructions: str = ""
    planner: PlannerSettings = PlannerSettings()
    toolrag: bool = True
    whisper_model: str = field(default="base", metadata=_NOT_BLANK)
    file_folders: tuple[str, ...] = ()
    smtp: SmtpSettings | None = None
    zoom_api_url: str = field(default="https://api.zoom.us/v2", metadata=_NOT_BLANK)
    osascript: str | None = None  # None: "osascript" (or $TINYAGENT_OSASCRIPT)
    mdfind: str | None = None  # None: "mdfind" (or $TINYAGENT_MDFIND)
    open_files: bool = True  # open a found file with the desktop's opener
    theme: Theme = "system"
    task_timeout_s: float = field(default=30.0, metadata=_TIMEOUT)
    writer: WriterKind = "auto"  # who writes email bodies and summaries


@dataclass(frozen=True)
class LoadedSettings:
    """Settings as loaded, and what the user should be told about the file."""

    settings: Settings
    warnings: tuple[str, ...] = ()


def apply_env_overrides(settings: Settings, environ: Mapping[str, str] | None = None) -> Settings:
    """``settings`` with ``$TINYAGENT_OSASCRIPT`` / ``$TINYAGENT_MDFIND`` applied.

    Applied when settings are used (``config.backend_config``), not when loaded, so that
    saving settings never writes a value that only came from the environment.
    """
    env = os.environ if environ is None else environ
    overrides = (("osascript", OSASCRIPT_ENV), ("mdfind", MDFIND_ENV))
    changes = {name: env[var] for name, var in overrides if env.get(var)}
    return settings.replace(**changes) if changes else settings


# ---- the file ---------------------------------------------------------------------------


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read the settings file (default: ``user_paths().settings_file``).

    A missing file gives the defaults. A file that is not a JSON object is moved aside to
    ``settings.json.corrupt-<timestamp>`` and the defaults are used; a file with invalid
    fields is moved aside the same way and rewritten with every valid field kept. The
    returned warnings say what happened and where the backup is.
    """
    path = path or user_paths().settings_file
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        reason = exc.strerror or exc
        message = f"Could not read {path} ({reason}); using the default settings. Check its permissions."
        return LoadedSettings(Settings(), (message,))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _recover(path, f"{path} is not UTF-8 text", Settings(), [])
    except json.JSONDecodeError as exc:
        return _recover(path, f"{path} is not valid JSON ({exc})", Settings(), [])
    if not isinstance(data, dict):
        return _recover(path, f"{path} must hold a JSON object, not {type(data).__name__}", Settings(), [])
    problems: list[str] = []
    settings = _parse_object(Settings, data, "", problems)
    warnings = _unknown_warning(path, _unknown_keys(data, Settings), dropped_now=bool(problems))
    if problems:
        return _recover(path, f"{path} has invalid settings", settings, problems, warnings)
    return LoadedSettings(settings, tuple(warnings))


def _unknown_warning(path: Path, unknown: list[str], dropped_now: bool) -> list[str]:
    if not unknown:
        return []
    names = ", ".join(repr(k) for k in unknown)
    fate = "were dropped from it" if dropped_now else "will be dropped the next time settings are saved"
    return [f"{path} has settings this version does not know ({names}); they are ignored and {fate}."]


def _recover(
    path: Path, what: str, settings: Settings, problems: list[str], warnings: list[str] | None = None
) -> LoadedSettings:
    """Move the bad file aside, keep what was valid, and say so."""
    backup = backup_path(path)
    try:
        os.replace(path, backup)
    except OSError as exc:
        message = f"{what}; using defaults for what is invalid. It could not be backed up ({exc.strerror})."
        return LoadedSettings(settings, (message, *problems, *(warnings or [])))
    kept = "the valid settings were kept and saved" if problems else "using the default settings"
    message = f"{what}; {kept}. The file as it was is now {backup}: fix it there and copy it back if needed."
    if problems:
        try:
            save_settings(settings, path)
        except SettingsError as exc:
            message += f" The repaired settings could not be saved: {exc}"
    return LoadedSettings(settings, (message, *problems, *(warnings or [])))


def backup_path(path: Path) -> Path:
    """A free ``<name>.corrupt-<UTC timestamp>`` path beside ``path`` for a damaged file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return candidate


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write ``settings`` atomically: a crash mid-write leaves the previous file intact."""
    path = path or user_paths().settings_file
    text = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False) + "\n"
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise SettingsError(
            f"Could not save settings to {path} ({exc.strerror or exc}); check that the folder is "
            "writable and the disk is not full."
        ) from exc
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
