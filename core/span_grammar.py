"""Per-request plan grammars for the built-in planner: arguments are copied from the request.

A tiny planner trained briefly does not copy names it never saw ("Kofi" -> "Koesi"). With
``request_grammar(specs, query, dates)`` as the grammar of a generation the model only
chooses *where* to copy from: a free-text argument is a span of the request, a date is
one of the values ``core.dates`` grounded, an address is one found in the request; and
the plan is still one that ``parse_plan`` reads and ``validate_plan`` accepts.

The layout is the static plan grammar's (``core/grammar.py``): actions numbered 1..20,
``"$N"`` only to earlier actions, ``", "`` between arguments, ``N. join()<END_OF_PLAN>``
last. There are no ``Thought:`` lines: the built-in model is not trained on them, and a
free-text line is where a tiny model would drift. What a parameter may hold:

====================================  ===============================================
parameter                             values
====================================  ===============================================
title, create_reminder's name         a span, never empty (what the event or reminder
                                      is)
a note's name, file_name,             a name: a span within ``ENTITY_LIMITS``, which
end_location, maps_open_location's    does not end on "me", "the", "but", nor runs on
location                              past a sentence's end ("Prof. Mehta" does)
get_phone_number's and                a name that does not start with a word of
get_email_address's name              ``NOT_A_NAME_START`` ("Alright", "me", "tell")
subject, folder, list_name, topic,    a span or ""
start_location ("" = here)
context, content, notes, message,     a span, "" or "$N" (a summary, a link, a note)
create_calendar_event's location
pdf_path                              "$N" (from open_and_get_file_path) or a name
calendar                              None or a span
recipients, cc, invitees,             lists of "$N" and of email addresses found in
meeting_invitees                      the request (names are looked up first)
send_sms's recipients                 lists of "$N", numbers and addresses found
attachments                           lists of "$N" only (paths of found files); none
                                      of these lists is longer than its distinct values
start_date, end_date                  a pair: a grounded start, then its grounded end,
                                      start + 60 minutes or a later grounded start
start_time                            a grounded start
due_date, all_day                     a grounded time and False, a grounded day and
                                      True, or "" and False
transport, priority, duration         "d" "w" "r"; 0 1 5 9; 1 to 9999
====================================  ===============================================

A span (``core/spans.py``) is one or more consecutive words of the request as written,
perhaps without leading or trailing punctuation, a final "'s" or a file extension,
perhaps with its first letter upper-cased. A day grounded without a time gives that day at any time for event
and meeting starts. With nothing grounded, dates fall back to the pattern
``YYYY-MM-DD HH:MM:SS`` (``YYYY-MM-DD`` for all-day reminders), so that a plan is never
impossible. Requests longer than ``MAX_SPAN_WORDS`` words or ``MAX_QUERY_CHARS``
characters, or with no word to copy, get the static plan grammar.
"""

from __future__ import annotations

import enum
import functools
import importlib.resources
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tinyagent.core.dates import DateMention, ground_dates
from tinyagent.core.grammar import MAX_ACTIONS, plan_grammar, validate_grammar
from tinyagent.core.plan import END_OF_PLAN
from tinyagent.core.spans import (
    MAX_QUERY_CHARS,
    MAX_SPAN_WORDS,
    EntityLimits,
    found_addresses,
    gbnf_literal,
    plan_string,
    request_words,
    span_rules,
)
from tinyagent.tools.registry import ArgType, ToolSpec

__all__ = [
    "ENTITY_LIMITS",
    "MAX_QUERY_CHARS",
    "MAX_SPAN_WORDS",
    "NOT_A_NAME_START",
    "grammar_for_request",
    "grounded_dates",
    "request_grammar",
]

MEETING = timedelta(minutes=60)  # a meeting's length unless the user says otherwise
# Words that never start the name of a person to look up. A tiny planner sometimes looks up
# "Alright", "me" or "tell"; common words that are also names stay out of this list ("Will",
# "May", "Can", "An", "So", "Oh", "Im", "Um", "He", "She", "You", "To": Turkish, Vietnamese,
# Korean and Chinese names), so a name the user says is never ruled out.
_NOT_A_NAME_START_TEXT = """
i i'm i'll i'd me my mine myself your yours you're him his he's her hers she's it its it's we
we're us our ours they they're them let's their everyone everybody someone somebody anyone the a
this that these those all both each every some any one and or but about after before by for from
into of on with at besides then also plus if because as alright okay hey hi hello uh please
pls plz thanks thank cheers quick just excuse sorry well yes hmm text txt sms email e-mail mail
send tell call message msg remind set add put open show find get look need want make create
schedule book reply forward fwd write check let give ask lost help could would note notes map
directions reminder reminders calendar meeting zoom number phone address contact file morning
today tomorrow tonight
"""
NOT_A_NAME_START = frozenset(_NOT_A_NAME_START_TEXT.split())
# Words that never end the name of a person, place, file or note: a tiny planner sometimes
# copies "me" ("a friend told me about Amman"), "A", "it is" or "kobayashi but". Titles of
# events and reminders are not names ("Call him", "Print it"), so they may end on any word.
# Short words that are also names ("Nguyễn Văn An", "Keisha Oh", "Will") end a name after
# another word, or alone where the user wrote them with a capital.
_NEVER_END_TEXT = """
a the i me my mine myself it its it's we us our ours they them their theirs your yours him his
her hers this that these those there here of in on at by for from with about into onto over
under and or but if because than then is are was were be been am have has had could would
should might must don't doesn't didn't can't won't isn't wasn't aren't please pls plz thanks
thank ty thx cheers uh hmm ok okay hey hi yes no yeah yep alright well just also very really
much more some any all both each every not now when where what who how why which whose let's
"""
# Words that never start the name of a place, file or note ("the office" is "office"). Words
# that start note names stay out ("Open questions", "Show notes", "What to pack", "To do").
_NEVER_START_TEXT = """
a an the i me my mine it its it's we us our they them their your him his her this that these
those there here of in on at by for from with about into and or but if because than then is are
was were be been am have has had could would should might must don't please thanks ty cheers uh
ok okay hey hi yes no alright well just also very really some any both each every not now know
tell find get look send remind put summarize excuse pardon
"""
_ALONE_IF_CAPITAL_TEXT = "an he she oh so to too you will may can um im do"
_ABBREVIATIONS_TEXT = "mr mrs ms mx dr prof st jr sr mt ft rev fr sgt capt col gen lt no co inc ltd ave rd vs"
ENTITY_LIMITS = EntityLimits(
    never_start=frozenset(_NEVER_START_TEXT.split()),
    never_end=frozenset(_NEVER_END_TEXT.split()),
    alone_if_capital=frozenset(_ALONE_IF_CAPITAL_TEXT.split()),
    abbreviations=frozenset(_ABBREVIATIONS_TEXT.split()),
)
_QUOTE = gbnf_literal('"')
_DOLLAR = '"$'  # how a whole-string reference starts


@functools.lru_cache(maxsize=128)
def grounded_dates(query: str, now: datetime) -> tuple[DateMention, ...]:
    """``ground_dates(query, now)``, cached: a request's prompt and its grammar both need it."""
    return ground_dates(query, now)


def grammar_for_request(
    specs: Sequence[ToolSpec], query: str, now: datetime, *, first: str | None = None
) -> str:
    """``request_grammar`` with the dates grounded in ``query`` against ``now``."""
    if request_words(query) is None:  # beyond the bounds: no grounding needed for the static grammar
        return request_grammar(specs, query, (), first=first)
    return request_grammar(specs, query, grounded_dates(query, now), first=first)


def request_grammar(
    specs: Sequence[ToolSpec],
    query: str,
    dates: Sequence[DateMention],
    *,
    max_actions: int = MAX_ACTIONS,
    first: str | None = None,
) -> str:
    """The GBNF grammar of plans over ``specs`` whose arguments come from ``query`` and ``dates``.

    See the module docstring for what each parameter may hold. The result is validated
    and cached per (tools, query, dates); a request beyond ``MAX_SPAN_WORDS`` words or
    ``MAX_QUERY_CHARS`` characters, or without a word to copy, gets ``plan_grammar(specs)``.
    With ``first`` (a tool of ``specs``), a plan calls that tool, and before any message
    is sent (``SENDS``): the message a request asks to send is that tool's output.
    """
    if max_actions < 0:
        raise ValueError(f"max_actions must be >= 0, got {max_actions}")
    unique = {spec.name: spec for spec in specs}
    key = tuple(unique[name] for name in sorted(unique))
    return _request_grammar(key, query, tuple(dates), max_actions, first if first in unique else None)


@functools.lru_cache(maxsize=64)
def _request_grammar(
    specs: tuple[ToolSpec, ...],
    query: str,
    dates: tuple[DateMention, ...],
    max_actions: int,
    first: str | None = None,
) -> str:
    words = request_words(query)
    if not specs or max_actions == 0 or not words or not any(w.body for w in words):
        return plan_grammar(specs, max_actions=max_actions)
    emails, numbers = found_addresses(query)
    # addresses are whole matches, each written once; a number comes with its shorter readings
    flags = _Flags(emails=len(emails), numbers=len(emails) + _outermost(numbers), days=_has_day_branch(dates))
    parts = [
        _plan_rules(specs, max_actions, flags, first),
        *span_rules(words, person_never_starts=NOT_A_NAME_START, entity=ENTITY_LIMITS),
        f"name ::= {_QUOTE} span {_QUOTE}",
        f"entity ::= {_QUOTE} entity-span {_QUOTE}",
        f"person ::= {_QUOTE} person-span {_QUOTE}",
        f"text ::= {_QUOTE} span? {_QUOTE}",
        'calendar ::= "None" | name',
        *_found_rules("email-item", emails),
        *_found_rules("sms-item", emails + numbers),
        *_date_rules(dates),
        _literals(),
    ]
    gbnf = "\n".join(parts)
    validate_grammar(gbnf)
    return gbnf


@functools.cache
def _literals() -> str:
    resource = importlib.resources.files("tinyagent.resources") / "grammars" / "request-literals.gbnf"
    return resource.read_text(encoding="utf-8")


def _outermost(values: Sequence[str]) -> int:
    """How many of ``values`` are not part of another: the readings of one phone number
    ("555 0100" in "+1 415 555 0100") count once."""
    return sum(not any(v != other and v in other for other in values) for v in values)


def _found_rules(name: str, values: Sequence[str]) -> list[str]:
    return [f"{name} ::= " + " | ".join(plan_string(v) for v in values)] if values else []


# --- dates --------------------------------------------------------------------------------------


def _has_day_branch(dates: Sequence[DateMention]) -> bool:
    """Whether ``due-day`` exists: an all-day mention, or nothing grounded (the fallback)."""
    return not dates or any(m.all_day for m in dates)


def _on_day(day: str) -> str:
    """A plan string of ``day`` at any time."""
    return gbnf_literal('"' + day + " ") + f" any-time {_QUOTE}"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _date_rules(dates: Sequence[DateMention]) -> list[str]:
    """``event-times`` (a start and an end), ``start-time``, ``due-timed`` and ``due-day``."""
    any_moment = f'{_QUOTE} any-day " " any-time {_QUOTE}'
    if not dates:
        return [
            f'event-times ::= {any_moment} ", " {any_moment}',
            f"start-time ::= {any_moment}",
            f"due-timed ::= {plan_string('')} | {any_moment}",
            f"due-day ::= {_QUOTE} any-day {_QUOTE}",
        ]
    timed = [m for m in dates if not m.all_day]
    days = list(dict.fromkeys(m.start.date().isoformat() for m in dates if m.all_day))
    pairs = []
    for m in timed:
        ends = [m.end] if m.end is not None and m.end > m.start else []
        ends += [m.start + MEETING, *(t.start for t in timed if t.start > m.start)]
        pairs += [plan_string(m.formatted()) + ' ", " ' + plan_string(_stamp(end)) for end in ends]
    starts = [plan_string(m.formatted()) for m in timed]
    for day in days:
        starts.append(_on_day(day))
        pairs += [f'{starts[-1]} ", " {_on_day(later)}' for later in days if later >= day]
    rules = [
        "event-times ::= " + " | ".join(dict.fromkeys(pairs)),
        "start-time ::= " + " | ".join(dict.fromkeys(starts)),
        "due-timed ::= "
        + " | ".join(dict.fromkeys([plan_string(""), *(plan_string(m.formatted()) for m in timed)])),
    ]
    if days:
        rules.append("due-day ::= " + " | ".join(plan_string(day) for day in days))
    return rules


# --- actions ------------------------------------------------------------------------------------


class _Value(enum.Enum):
    """What a parameter may hold; the value is its rule's name (per action number when levelled)."""

    NAME = "name"
    ENTITY = "entity"
    PERSON = "person"
    TEXT = "text"
    TEXT_REF = "text-ref"
    PATH = "path"
    CALENDAR = "calendar"
    OPTIONAL = "optional"
    TRANSPORT = "transport"
    PRIORITY = "priority"
    DURATION = "duration"
    INT = "int"
    BOOL = "bool"
    START = "start-time"
    EMAILS = "emails"
    NUMBERS = "numbers"
    FILES = "files"
    STRINGS = "strings"

    @property
    def levelled(self) -> bool:
        """True when the values include "$N", which depends on the action's number."""
        return self in _LEVELLED


_LEVELLED = frozenset(
    {
        _Value.TEXT_REF,
        _Value.PATH,
        _Value.OPTIONAL,
        _Value.EMAILS,
        _Value.NUMBERS,
        _Value.FILES,
        _Value.STRINGS,
    }
)
_TYPES = {
    ArgType.STR: {
        _Value.NAME,
        _Value.ENTITY,
        _Value.PERSON,
        _Value.TEXT,
        _Value.TEXT_REF,
        _Value.PATH,
        _Value.TRANSPORT,
        _Value.START,
    },
    ArgType.OPTIONAL_STR: {_Value.CALENDAR, _Value.OPTIONAL},
    ArgType.INT: {_Value.PRIORITY, _Value.DURATION, _Value.INT},
    ArgType.BOOL: {_Value.BOOL},
    ArgType.STR_LIST: {_Value.EMAILS, _Value.NUMBERS, _Value.FILES, _Value.STRINGS},
}
_BY_TYPE = {
    ArgType.STR: _Value.TEXT_REF,
    ArgType.OPTIONAL_STR: _Value.OPTIONAL,
    ArgType.INT: _Value.INT,
    ArgType.BOOL: _Value.BOOL,
    ArgType.STR_LIST: _Value.STRINGS,
}
# By parameter name; "tool.param" entries win. Parameters not listed get _BY_TYPE's value.
_PARAMS = {
    **dict.fromkeys(("title", "create_reminder.name"), _Value.NAME),
    **dict.fromkeys(("name", "file_name", "end_location", "maps_open_location.location"), _Value.ENTITY),
    **dict.fromkeys(("subject", "folder", "list_name", "topic", "start_location"), _Value.TEXT),
    **dict.fromkeys(("context", "content", "notes", "message", "location"), _Value.TEXT_REF),
    **dict.fromkeys(("recipients", "cc", "invitees", "meeting_invitees"), _Value.EMAILS),
    **dict.fromkeys(("start_time", "start_date", "end_date", "due_date"), _Value.START),
    **dict.fromkeys(("get_phone_number.name", "get_email_address.name"), _Value.PERSON),
    "send_sms.recipients": _Value.NUMBERS,
    "attachments": _Value.FILES,
    "pdf_path": _Value.PATH,
    "calendar": _Value.CALENDAR,
    "transport": _Value.TRANSPORT,
    "priority": _Value.PRIORITY,
    "duration": _Value.DURATION,
}

Argument = _Value | str  # a parameter's values, or a GBNF expression that is the same for every level


@dataclass(frozen=True)
class _Flags:
    """Which optional request rules exist: email-item, sms-item (with how many values each
    offers), due-day."""

    emails: int
    numbers: int
    days: bool


def _value(tool: str, param: str, kind: ArgType) -> _Value:
    value = _PARAMS.get(f"{tool}.{param}", _PARAMS.get(param))
    return value if value is not None and value in _TYPES[kind] else _BY_TYPE[kind]


def _argument_lists(spec: ToolSpec, flags: _Flags) -> list[list[Argument]]:
    """The alternative argument sequences of a tool (several where arguments depend on each other)."""
    args: list[Argument] = [_value(spec.name, p.name, p.type) for p in spec.params]
    names = [p.name for p in spec.params]
    if spec.name == "create_calendar_event" and "start_date" in names:
        at = names.index("start_date")
        if names[at + 1 : at + 2] == ["end_date"]:
            args[at : at + 2] = ["event-times"]  # the end depends on the start
    if spec.name == "create_reminder" and {"due_date", "all_day"} <= set(names):
        due, day = names.index("due_date"), names.index("all_day")
        branches = [("due-timed", '"False"')] + ([("due-day", '"True"')] if flags.days else [])
        return [_with(args, {due: when, day: all_day}) for when, all_day in branches]
    return [args]


def _with(args: list[Argument], changes: dict[int, Argument]) -> list[Argument]:
    return [changes.get(i, a) for i, a in enumerate(args)]


@functools.lru_cache(maxsize=32)
def _plan_rules(
    specs: tuple[ToolSpec, ...], max_actions: int, flags: _Flags, first: str | None = None
) -> str:
    """Everything but the request's values: steps, calls and the levelled value rules (and,
    with ``first``, the steps before that tool is called: no message is sent there)."""
    calls = {spec.name: _argument_lists(spec, flags) for spec in specs}
    levelled = {s: any(isinstance(a, _Value) and a.levelled for seq in calls[s] for a in seq) for s in calls}
    used = {a for seqs in calls.values() for seq in seqs for a in seq if isinstance(a, _Value)}
    rules = ["root ::= step-1" if first is None else "root ::= before-1"]
    for name in calls:
        if not levelled[name]:
            rules.append(_call_rule(name, calls[name], None))
    for level in range(1, max_actions + 1):

        def tools(names: Iterable[str], level: int = level) -> str:
            return " | ".join(_tool_rule(name) + (f"-{level}" if levelled[name] else "") for name in names)

        rules += [
            f'step-{level} ::= "{level}. " call-{level} "\\n" step-{level + 1} | {_join(level)}',
            f"call-{level} ::= " + tools(calls),
            *(_call_rule(name, calls[name], level) for name in calls if levelled[name]),
            *_levelled_rules(used, level, flags),
        ]
        if first is not None:
            # Before ``first``: any other tool that sends nothing, or ``first`` and then any step.
            others = [name for name in calls if name != first and name not in SENDS]
            wait = f' | "{level}. " ({tools(others)}) "\\n" before-{level + 1}' if others else ""
            wait = wait if level < max_actions else ""
            rules.append(f'before-{level} ::= "{level}. " {tools([first])} "\\n" step-{level + 1}{wait}')
    rules.append(f"step-{max_actions + 1} ::= {_join(max_actions + 1)}")
    return "\n".join(rules)


# The tools that send a message to someone.
SENDS = frozenset({"send_sms", "compose_new_email", "reply_to_email", "forward_email"})


def _join(level: int) -> str:
    return f'"{level}. join(){END_OF_PLAN}"'


def _tool_rule(name: str) -> str:
    # GBNF rule names may contain letters, digits and hyphens only.
    return "tool-" + re.sub(r"[^A-Za-z0-9]", "-", name)


def _call_rule(name: str, sequences: list[list[Argument]], level: int | None) -> str:
    def render(arg: Argument) -> str:
        if isinstance(arg, str):
            return arg
        return f"{arg.value}-{level}" if arg.levelled else arg.value

    alternatives = [' ", " '.join(render(a) for a in seq) for seq in sequences]
    args = alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
    rule = _tool_rule(name) + ("" if level is None else f"-{level}")
    return f'{rule} ::= "{name}(" {args} ")"' if args else f'{rule} ::= "{name}()"'


def _levelled_rules(used: Iterable[_Value], level: int, flags: _Flags) -> list[str]:
    """The rules of the levelled values at action number ``level``; "$N" names actions < level."""
    refs, rules = [], []
    if level > 1:
        numbers = " | ".join(f'"{n}"' for n in range(1, level))
        refs, rules = [f"ref-{level}"], [f"ref-{level} ::= {gbnf_literal(_DOLLAR)} ({numbers}) {_QUOTE}"]
    items = {
        _Value.EMAILS: refs + (["email-item"] if flags.emails else []),
        _Value.NUMBERS: refs + (["sms-item"] if flags.numbers else []),
        _Value.FILES: refs,
        _Value.STRINGS: ["name", *refs],
    }
    # A list holds at most as many items as it has distinct values: a model that repeats one
    # address must close the list instead of writing it until the token limit.
    distinct = {
        _Value.EMAILS: level - 1 + flags.emails,
        _Value.NUMBERS: level - 1 + flags.numbers,
        _Value.FILES: level - 1,
    }
    wanted = set(used) | ({_Value.TEXT_REF} if _Value.OPTIONAL in set(used) else set())
    for value in sorted((v for v in wanted if v.levelled), key=lambda v: v.value):
        rule = f"{value.value}-{level}"
        if value is _Value.TEXT_REF:
            rules.append(f"{rule} ::= " + " | ".join(["text", *refs]))
        elif value is _Value.PATH:
            rules.append(f"{rule} ::= " + " | ".join(["entity", *refs]))
        elif value is _Value.OPTIONAL:
            rules.append(f'{rule} ::= "None" | text-ref-{level}')
        else:
            rules.append(f"{rule} ::= {_list(items[value], distinct.get(value))}")
    return rules


def _list(items: Sequence[str], most: int | None = None) -> str:
    """A plan list of ``items``, with at most ``most`` of them (``None``: any number)."""
    if not items or most == 0:
        return '"[]"'
    item = items[0] if len(items) == 1 else "(" + " | ".join(items) + ")"
    if most == 1:
        return f'"[" {item}? "]"'
    more = "*" if most is None else f"{{0,{most - 1}}}"
    return f'"[" ({item} (", " {item}){more})? "]"'
