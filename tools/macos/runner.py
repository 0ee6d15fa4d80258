"""Running the bundled AppleScripts and helper programs, with argv lists only.

Every value reaches a script as its own argv item (``on run argv``): nothing the user
or the model says is ever formatted into AppleScript or a shell command. This module
is the only place in the macOS backend that starts a process.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from tinyagent.tools.errors import ConfigurationError, ToolArgumentError, ToolError

Spawn = Callable[[Sequence[str], float], "subprocess.CompletedProcess[str]"]

OSASCRIPT_ENV = "TINYAGENT_OSASCRIPT"
MDFIND_ENV = "TINYAGENT_MDFIND"

# osascript reports a failed script as "<path>: execution error: <message> (<number>)".
_EXECUTION_ERROR = re.compile(r"execution error: (?P<message>.*?)(?: \((?P<number>-?\d+)\))?\s*$", re.DOTALL)
_NOT_AUTHORIZED = {-1743, -1744}  # errAEEventNotPermitted, errAEEventWouldRequireUserConsent
_TIMED_OUT = -1712  # errAETimeout
_APP_NAME = re.compile(r"Apple ?events to (?:application )?“?(?P<app>[^.”]+)”?")


def spawn(argv: Sequence[str], timeout_s: float) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` (never through a shell) and capture its UTF-8 output."""
    return subprocess.run(
        list(argv),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout_s,
        check=False,
    )


def program(configured: str, default: str, env_var: str) -> str:
    """The program to run: the configured one, or ``$env_var`` when config kept the default."""
    if configured == default:
        return os.environ.get(env_var) or default
    return configured


_KEEP_EXTRACTED = contextlib.ExitStack()


@functools.cache
def script_path(name: str) -> Path:
    """The absolute path of the bundled ``resources/applescript/<name>.applescript``."""
    resource = resources.files("tinyagent.resources").joinpath("applescript", f"{name}.applescript")
    if not resource.is_file():
        raise FileNotFoundError(f"no bundled AppleScript named {name!r}")
    # Installed packages are plain directories; a zipped one is extracted once, for good.
    path = _KEEP_EXTRACTED.enter_context(resources.as_file(resource))
    return Path(path).resolve()


class ScriptRunner:
    """Runs ``[osascript, <bundled script>, *values]`` and other programs with a timeout."""

    def __init__(self, osascript: str, timeout_s: float, spawn: Spawn = spawn) -> None:
        self.osascript = osascript
        self.timeout_s = timeout_s
        self.spawn = spawn

    def run_script(self, name: str, *values: str) -> str:
        """Run the bundled script ``name`` with ``values`` as argv; return what it printed.

        osascript ends the printed result with one newline, which is removed.
        """
        argv = [self.osascript, str(script_path(name)), *_checked(values)]
        done = self._spawn(argv, missing=_missing_osascript(self.osascript))
        if done.returncode != 0:
            raise script_error(name, done.stderr)
        return done.stdout[:-1] if done.stdout.endswith("\n") else done.stdout

    def run_program(self, argv: Sequence[str], *, missing: str) -> subprocess.CompletedProcess[str]:
        """Run a helper program (mdfind, open); ``missing`` is the error when it is absent."""
        return self._spawn([argv[0], *_checked(argv[1:])], missing=missing)

    def _spawn(self, argv: list[str], *, missing: str) -> subprocess.CompletedProcess[str]:
        try:
            return self.spawn(argv, self.timeout_s)
        except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
            raise ConfigurationError(missing) from exc
        except subprocess.TimeoutExpired as exc:
            raise ToolError(
                f"{Path(argv[0]).name} did not finish within {self.timeout_s:g} s. If macOS is asking "
                "for a permission, answer it, then try again."
            ) from exc


def _missing_osascript(osascript: str) -> str:
    return (
        f"The macOS tools need macOS: the program {osascript!r} (osascript) was not found or cannot "
        f"be run. On another system choose the local backend in Settings; on a Mac, set "
        f"{OSASCRIPT_ENV} to the path of osascript (normally /usr/bin/osascript)."
    )


def _checked(values: Sequence[str]) -> list[str]:
    """Values as argv items; refuses the two things an argv item cannot carry."""
    for value in values:
        if not isinstance(value, str):
            raise TypeError(f"argv items must be str, not {type(value).__name__}")
        if "\x00" in value:
            raise ToolArgumentError("A value contains a NUL character, which macOS apps cannot receive.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ToolArgumentError("A value contains broken Unicode (a lone surrogate).") from exc
    return list(values)


def script_error(name: str, stderr: str) -> ToolError:
    """A ToolError that says what went wrong in the script and what the user can do."""
    text = stderr.strip()
    found = _EXECUTION_ERROR.search(text)
    if found is None:
        detail = text or "no error message"
        return ToolError(f"The macOS script {name!r} failed: {detail}")
    message = found["message"].strip()
    number = int(found["number"]) if found["number"] else None
    if number in _NOT_AUTHORIZED:
        app = _APP_NAME.search(message)
        target = app["app"] if app else "the app"
        return ToolError(
            f"macOS did not allow TinyAgent to control {target}. Allow it in System Settings > "
            f"Privacy & Security > Automation, then try again. (osascript: {message})"
        )
    if number == _TIMED_OUT:
        return ToolError(f"The app did not answer in time; open it, then try again. (osascript: {message})")
    # Number 1 marks the scripts' own messages, already written for the user.
    return ToolError(message if number in (None, 1) else f"{message} (AppleScript error {number})")
