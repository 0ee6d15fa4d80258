"""Tool declarations: each tool is declared once, from a typed stub and its docstring.

The decorator derives the wire signature (name and parameter order are the
TinyAgent wire format), the description the model reads, and validates the
declaration eagerly so that a bad declaration fails at import, not at run time.
"""

from __future__ import annotations

import enum
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class SideEffect(enum.Enum):
    """What running a tool may do; the executor's confirmation policy reads this."""

    READS = "reads"
    CHANGES_LOCAL = "changes local data"
    REACHES_PERSON = "reaches another person"


class App(enum.Enum):
    """The user-facing app groups that can be switched on and off in settings."""

    CALENDAR = "Calendar"
    CONTACTS = "Contacts"
    FILES = "Files"
    MAIL = "Mail"
    MAPS = "Maps"
    MESSAGES = "Messages"
    NOTES = "Notes"
    REMINDERS = "Reminders"
    ZOOM = "Zoom"


class ArgType(enum.Enum):
    """The literal types a plan argument may have."""

    STR = "str"
    INT = "int"
    BOOL = "bool"
    STR_LIST = "list[str]"
    OPTIONAL_STR = "str | None"

    def accepts(self, value: object) -> bool:
        """True when ``value`` is a literal of this type (bools are not ints here)."""
        if self is ArgType.STR:
            return isinstance(value, str)
        if self is ArgType.INT:
            return isinstance(value, int) and not isinstance(value, bool)
        if self is ArgType.BOOL:
            return isinstance(value, bool)
        if self is ArgType.STR_LIST:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value is None or isinstance(value, str)


_ANNOTATIONS: Mapping[object, ArgType] = {
    str: ArgType.STR,
    int: ArgType.INT,
    bool: ArgType.BOOL,
    list[str]: ArgType.STR_LIST,
    str | None: ArgType.OPTIONAL_STR,
}


@dataclass(frozen=True)
class Param:
    """One positional parameter of a tool."""

    name: str
    type: ArgType


@dataclass(frozen=True)
class ToolSpec:
    """Everything known about a tool except how a backend carries it out."""

    name: str
    index: int  # output index of the published ToolRAG classifier
    params: tuple[Param, ...]
    description: str  # one guideline per line; the prompt shows them as " - " bullets
    side_effect: SideEffect
    app: App
    label: str  # human label for task cards, formatted with the arguments by name

    @property
    def signature(self) -> str:
        """The signature, e.g. ``get_email_address(name: str) -> str`` (every tool returns text)."""
        params = ", ".join(f"{p.name}: {p.type.value}" for p in self.params)
        return f"{self.name}({params}) -> str"

    @property
    def guidelines(self) -> tuple[str, ...]:
        """The description's lines, one guideline each."""
        return tuple(line.strip() for line in self.description.splitlines() if line.strip())

    def describe_call(self, args: Sequence[object]) -> str:
        """A human label for a call, e.g. "Look up Sid's email address"."""
        values = {p.name: _short(v) for p, v in zip(self.params, args)}
        try:
            return self.label.format(**values)
        except (KeyError, IndexError):
            return self.label


def _short(value: object, limit: int = 40) -> str:
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value) or "nobody"
    else:
        text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


REGISTRY: dict[str, ToolSpec] = {}


def tool(*, index: int, app: App, effect: SideEffect, label: str) -> Callable[[Callable[..., Any]], ToolSpec]:
    """Declare a tool from a typed stub whose docstring is the model's description."""

    def declare(stub: Callable[..., Any]) -> ToolSpec:
        spec = _spec_from_stub(stub, index=index, app=app, effect=effect, label=label)
        if spec.name in REGISTRY:
            raise TypeError(f"tool {spec.name!r} is declared twice")
        if any(other.index == index for other in REGISTRY.values()):
            raise TypeError(f"tool {spec.name!r} reuses ToolRAG index {index}")
        REGISTRY[spec.name] = spec
        return spec

    return declare


def _spec_from_stub(
    stub: Callable[..., Any], *, index: int, app: App, effect: SideEffect, label: str
) -> ToolSpec:
    name = stub.__name__
    doc = inspect.getdoc(stub)
    if not doc:
        raise TypeError(f"tool {name!r} needs a docstring: it is the description the model reads")
    hints = typing.get_type_hints(stub)
    params = []
    for pname, parameter in inspect.signature(stub).parameters.items():
        if parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            raise TypeError(f"tool {name!r}: parameter {pname!r} must be plain positional")
        if parameter.default is not inspect.Parameter.empty:
            raise TypeError(f"tool {name!r}: plans pass every argument; drop the default of {pname!r}")
        if hints.get(pname) not in _ANNOTATIONS:
            raise TypeError(f"tool {name!r}: parameter {pname!r} has unsupported type {hints.get(pname)!r}")
        params.append(Param(pname, _ANNOTATIONS[hints[pname]]))
    if hints.get("return") is not str:
        raise TypeError(f"tool {name!r} must be declared to return str")
    try:
        label.format(**{p.name: "" for p in params})
    except (KeyError, IndexError) as exc:
        raise TypeError(f"tool {name!r}: label {label!r} names an unknown parameter") from exc
    return ToolSpec(name, index, tuple(params), doc, effect, app, label)


def tools_for_apps(apps: Sequence[App]) -> tuple[ToolSpec, ...]:
    """The enabled tools, in ToolRAG index order."""
    wanted = set(apps)
    return tuple(s for s in sorted(REGISTRY.values(), key=lambda s: s.index) if s.app in wanted)
