"""GBNF grammars that let a model write only well-formed plans of the enabled tools.

With ``plan_grammar(specs)`` as the grammar of a llama.cpp generation, every output is
a plan that ``parse_plan`` reads and ``validate_plan`` accepts against the same tools:
actions numbered 1, 2, 3…, real tool names, the right number of arguments, literals of
the declared types, ``$N`` naming only earlier actions, and ``N. join()<END_OF_PLAN>``
last. What the grammar cannot know (e.g. that ``transport`` is "d", "w" or "r") is left
to the validator and the tools.

llama.cpp crashes the process on a grammar it cannot parse, so every grammar handed to
it goes through ``validate_grammar`` first.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Sequence

from tinyagent.core.errors import GrammarError
from tinyagent.tools.registry import ArgType, ToolSpec

__all__ = ["MAX_ACTIONS", "GrammarError", "plan_grammar", "validate_grammar"]

# Plans of the published models stay well under this; the bound keeps the grammar finite.
MAX_ACTIONS = 20

_RULE_DEF = re.compile(r"^\s*([^\s#:]+)\s*::=", re.MULTILINE)


def plan_grammar(specs: Sequence[ToolSpec], *, max_actions: int = MAX_ACTIONS) -> str:
    """The GBNF grammar of plans that use only ``specs``, at most ``max_actions`` before join().

    The result is validated and cached per tool set, so calling this per request is cheap.
    """
    if max_actions < 0:
        raise ValueError(f"max_actions must be >= 0, got {max_actions}")
    unique = {spec.name: spec for spec in specs}
    key = tuple(unique[name] for name in sorted(unique))
    return _plan_grammar(key, max_actions if key else 0)


@functools.lru_cache(maxsize=64)
def _plan_grammar(specs: tuple[ToolSpec, ...], max_actions: int) -> str:
    lines = ["root ::= step-1"]
    for level in range(1, max_actions + 2):
        lines.extend(_level_rules(specs, level, last=level == max_actions + 1))
    gbnf = "\n".join(lines) + "\n\n" + _literals()
    validate_grammar(gbnf)
    return gbnf


def _level_rules(specs: tuple[ToolSpec, ...], level: int, *, last: bool) -> list[str]:
    """Rules for action number ``level``: its line, its calls and its literals.

    Literal rules are per level because which ``$N`` strings are allowed depends on it.
    """
    join = f'"{level}. join()<END_OF_PLAN>"'
    if last:
        return [f"step-{level} ::= thought? {join}"]
    refs = " | ".join(f'"{n}"' for n in range(1, level))
    string = f'"\\"" (text | "$" ({refs}))? "\\""' if refs else '"\\"" text? "\\""'
    rules = [
        f'step-{level} ::= thought? ("{level}. " call-{level} "\\n" step-{level + 1} | {join})',
        f"call-{level} ::= " + " | ".join(f"{_rule_name(s.name)}-{level}" for s in specs),
        f"str-{level} ::= {string}",
        f'list-{level} ::= "[" (str-{level} (", " str-{level})*)? "]"',
        f'opt-{level} ::= str-{level} | "None"',
    ]
    for spec in specs:
        args = "".join((' ", " ' if i else " ") + _arg_rule(p.type, level) for i, p in enumerate(spec.params))
        rules.append(f'{_rule_name(spec.name)}-{level} ::= "{spec.name}("{args} ")"')
    return rules


def _arg_rule(kind: ArgType, level: int) -> str:
    """The rule that matches one literal of ``kind`` in action ``level``."""
    return {
        ArgType.STR: f"str-{level}",
        ArgType.INT: "int",
        ArgType.BOOL: "bool",
        ArgType.STR_LIST: f"list-{level}",
        ArgType.OPTIONAL_STR: f"opt-{level}",
    }[kind]


def _rule_name(tool_name: str) -> str:
    # GBNF rule names may contain letters, digits and hyphens only.
    return "tool-" + re.sub(r"[^A-Za-z0-9]", "-", tool_name)


@functools.cache
def _literals() -> str:
    resource = importlib.resources.files("tinyagent.resources") / "grammars" / "plan-literals.gbnf"
    return resource.read_text(encoding="utf-8")


def validate_grammar(gbnf: str) -> None:
    """Raise ``GrammarError`` unless llama.cpp can parse ``gbnf`` (root rule ``root``).

    Parsing goes through llama.cpp's own parser, which reports failure by returning no
    sampler instead of crashing; results are cached per grammar text.
    """
    if not _parses(gbnf):
        raise GrammarError(_diagnose(gbnf))


@functools.lru_cache(maxsize=256)
def _parses(gbnf: str) -> bool:
    from llama_cpp import llama_cpp as lib  # the shared library loads on first use

    from tinyagent.core.llama_log import route_llama_logs

    route_llama_logs()  # a parse failure is reported by our exception, not on stderr

    if "\x00" in gbnf or not gbnf.strip():
        # A NUL ends the C string early; an empty one means "no grammar" to llama.cpp.
        return False
    # No vocabulary is needed to parse; it is only used for <[token]> syntax and sampling.
    sampler = lib.llama_sampler_init_grammar(None, gbnf.encode("utf-8"), b"root")
    if not sampler:
        return False
    lib.llama_sampler_free(sampler)
    return True


def _diagnose(gbnf: str) -> str:
    """A message that points at the likely cause (llama.cpp prints its own on stderr)."""
    names = _RULE_DEF.findall(gbnf)
    bad = [n for n in names if not re.fullmatch(r"[A-Za-z0-9-]+", n)]
    if bad:
        return f"GBNF rule names may contain only letters, digits and '-'; fix {bad[:5]}"
    if "root" not in names:
        return "the grammar has no 'root' rule"
    return (
        "llama.cpp could not parse the grammar (undefined rule, left recursion or a syntax "
        "error; its parser's message is on stderr)"
    )
