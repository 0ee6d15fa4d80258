"""Looking up an email address or phone number in Contacts by a (spoken) name."""

from __future__ import annotations

import re

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.macos.protocol import counted, records
from tinyagent.tools.macos.runner import ScriptRunner
from tinyagent.tools.matching import Candidate, normalize, pick

SCRIPT = "contacts_lookup"
KINDS = {"email": "email address", "phone": "phone number"}
MAX_TERMS = 6
# Contacts stores built-in labels as "_$!<Mobile>!$_".
_BUILTIN_LABEL = re.compile(r"^_\$!<(?P<label>.*)>!\$_$")
_MOBILE_LABELS = frozenset({"mobile", "iphone", "cell"})


def search_terms(name: str) -> list[str]:
    """The words of ``name`` that Contacts searches for, longest first, without repeats."""
    words = list(dict.fromkeys(name.split()))
    long_words = [w for w in words if len(w) > 1]
    chosen = long_words or words
    return sorted(chosen, key=len, reverse=True)[:MAX_TERMS]


def candidates(runner: ScriptRunner, kind: str, terms: list[str]) -> list[Candidate]:
    """Every email (or phone) of the people whose name contains a term; everybody's for no terms."""
    output = runner.run_script(SCRIPT, kind, *counted(terms))
    found = []
    for name, label, value in records(output, fields=3, script=SCRIPT):
        if value.strip():
            tag = clean_label(label)
            mobile = kind == "phone" and tag.casefold() in _MOBILE_LABELS
            found.append(Candidate(name=name, value=value.strip(), detail=tag, preferred=mobile))
    return _one_mobile_preferred(found)


def clean_label(label: str) -> str:
    """A label as people read it: "_$!<Mobile>!$_" -> "mobile"."""
    builtin = _BUILTIN_LABEL.match(label)
    return builtin["label"].lower() if builtin else label.strip()


def _one_mobile_preferred(found: list[Candidate]) -> list[Candidate]:
    """A person's mobile number is the one to text only when they have exactly one."""
    mobiles: dict[str, int] = {}
    for c in found:
        if c.preferred:
            mobiles[c.name] = mobiles.get(c.name, 0) + 1
    return [
        Candidate(c.name, c.value, c.detail, False) if c.preferred and mobiles[c.name] > 1 else c
        for c in found
    ]


def look_up(runner: ScriptRunner, name: str, kind: str) -> str:
    """The one email address (``kind="email"``) or phone number of the person ``name`` names.

    Contacts first searches the name's words; when none of those people fits, everybody
    is matched fuzzily (typos, missing accents). Several fits raise ``AmbiguousMatch``.
    """
    what = KINDS[kind]
    if not normalize(name):
        raise ToolArgumentError(f"Give a name to look up the {what} for.")
    nearby = candidates(runner, kind, search_terms(name))
    try:
        return pick(name, nearby, what=what)
    except ToolError as nobody:
        if type(nobody) is not ToolError:  # AmbiguousMatch, ToolArgumentError: final
            raise
    return pick(name, candidates(runner, kind, []), what=what)
