"""The plan grammar, checked with llama.cpp's own grammar engine (``GrammarProbe``).

Two directions: every plan the grammar lets a model write parses and validates
(random walks through the grammar), and the plans we want are in it (hand-written
plans for every tool, random well-formed plans); malformed plans are not.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinyagent.core.grammar import MAX_ACTIONS, GrammarError, plan_grammar, validate_grammar
from tinyagent.core.plan import Task, parse_plan, validate_plan
from tinyagent.tools import catalog  # noqa: F401  (declares the tools)
from tinyagent.tools.registry import REGISTRY, ArgType, ToolSpec
from training.grammar_probe import GrammarProbe

ALL = tuple(REGISTRY.values())
NAMES = sorted(REGISTRY)
# Steer random walks towards ending strings, lists and lines, and towards the
# characters the grammar treats specially.
WEIGHTS = {ord(c): 40.0 for c in '")]\n'} | {ord(c): 8.0 for c in ",$<E{\\ 123"}

SPEC_EXAMPLE = (  # from shared/spec/plan-language.md
    '1. get_email_address("Sid")\n'
    '2. get_email_address("Lutfi")\n'
    '3. create_calendar_event("Budget review", "2024-06-04 14:00:00", "2024-06-04 15:00:00", "", '
    '["$1", "$2"], "", None)\n'
    "Thought: I have created the event.\n"
    "4. join()<END_OF_PLAN>"
)

# One plan per tool at least, with the literals each type allows.
GOOD_PLANS = [
    SPEC_EXAMPLE,
    "1. join()<END_OF_PLAN>",
    "Thought: nothing to do.\n1. join()<END_OF_PLAN>",
    '1. get_phone_number("Maria")\n2. send_sms(["$1", "+1 555 0100"], "Running late, sorry!")\n'
    "3. join()<END_OF_PLAN>",
    '1. open_and_get_file_path("Q3 report.pdf")\n2. summarize_pdf("$1")\n3. get_email_address("Lutfi")\n'
    '4. compose_new_email(["$3"], [], "Q3 report", "Summary: $2", ["$1"])\n5. join()<END_OF_PLAN>',
    '1. reply_to_email(["boss@example.com"], "Say yes \\"gladly\\"\\n\\tThanks", [])\n2. join()<END_OF_PLAN>',
    '1. forward_email(["ana@example.com"], [], "", [])\n2. join()<END_OF_PLAN>',
    '1. maps_open_location("Café Zoë, 12 Rue <Main>")\n'
    '2. maps_show_directions("", "Golden Gate Bridge", "d")\n3. join()<END_OF_PLAN>',
    '1. create_note("Groceries", "eggs & milk: $5 total {approx}", "Shopping")\n'
    '2. open_note("Groceries", "")\n3. append_note_content("Groceries", "bread", "")\n4. join()<END_OF_PLAN>',
    '1. create_reminder("Call mum", "2024-06-05", "", "", 1, True)\n'
    '2. create_reminder("Pay rent", "", "It is $1200", "Home", -1, False)\n3. join()<END_OF_PLAN>',
    '1. get_email_address("Sid")\n2. get_zoom_meeting_link("Sync", "2024-06-04 10:00:00", 45, ["$1"])\n'
    '3. create_calendar_event("Sync", "2024-06-04 10:00:00", "2024-06-04 10:45:00", "$2", ["$1"], '
    '"", "Work")\n4. join()<END_OF_PLAN>',
    '1. maps_open_location("\\\\server\\\\share")\n2. maps_open_location("\\"Quoted\\" place <")\n'
    "3. join()<END_OF_PLAN>",
    # Non-ASCII first characters, which byte-fallback tokens spell one byte at a time.
    '1. get_phone_number("王小明")\n2. get_email_address("¡Hola! こうじ")\n'
    '3. create_note("Ölung", "— \u2028 …", "Épicerie")\n4. join()<END_OF_PLAN>',
]

_JOIN2 = "\n2. join()<END_OF_PLAN>"
BAD_PLANS = {
    "no join": '1. get_phone_number("Sid")',
    "no end marker": '1. get_phone_number("Sid")\n2. join()',
    "text after the end": "1. join()<END_OF_PLAN>\n2. join()<END_OF_PLAN>",
    "numbering skips": '1. get_phone_number("Sid")\n3. join()<END_OF_PLAN>',
    "numbering starts at 0": "0. join()<END_OF_PLAN>",
    "unknown tool": '1. get_weather("Paris")' + _JOIN2,
    "too few arguments": '1. create_note("a", "b")' + _JOIN2,
    "too many arguments": '1. get_phone_number("Sid", "x")' + _JOIN2,
    "int for str": "1. get_phone_number(5)" + _JOIN2,
    "str for int": '1. create_reminder("a", "", "", "", "1", True)' + _JOIN2,
    "lowercase bool": '1. create_reminder("a", "", "", "", 1, true)' + _JOIN2,
    "int with leading zero": '1. create_reminder("a", "", "", "", 01, True)' + _JOIN2,
    "None for a plain str": '1. create_note("a", None, "")' + _JOIN2,
    "str for a list": '1. send_sms("+1 555", "hi")' + _JOIN2,
    "list of ints": '1. send_sms([1], "hi")' + _JOIN2,
    "named argument": '1. get_phone_number(name="Sid")' + _JOIN2,
    "single quotes": "1. get_phone_number('Sid')" + _JOIN2,
    "unterminated string": '1. get_phone_number("Sid)' + _JOIN2,
    "raw newline in string": '1. create_note("a", "line\nline", "")' + _JOIN2,
    "raw tab in string": '1. create_note("a", "col\tcol", "")' + _JOIN2,
    "unknown escape": '1. create_note("a", "\\x41", "")' + _JOIN2,
    "end marker in string": '1. create_note("a", "<END_OF_PLAN>", "")' + _JOIN2,
    "end marker in thought": "Thought: done<END_OF_PLAN>\n1. join()<END_OF_PLAN>",
    "forward reference": '1. get_phone_number("$2")\n2. get_phone_number("Sid")\n3. join()<END_OF_PLAN>',
    "self reference": '1. get_phone_number("Sid")\n2. send_sms(["$2"], "hi")\n3. join()<END_OF_PLAN>',
    "reference to 0": '1. get_phone_number("$0")' + _JOIN2,
    "bare reference to 0": '1. get_phone_number("Sid $0")' + _JOIN2,
    "bare reference to Arabic-Indic 0": '1. get_phone_number("Sid $\u0660")' + _JOIN2,
    "braced reference": '1. get_phone_number("Sid")\n2. send_sms(["${1}"], "hi")\n3. join()<END_OF_PLAN>',
    "reference with spaces": '1. get_phone_number("Sid")\n2. send_sms([" $1"], "hi")\n3. join()<END_OF_PLAN>',
    "leading space": '1. get_phone_number(" Sid")' + _JOIN2,
    "leading no-break space": '1. get_phone_number("\u00a0Sid")' + _JOIN2,
    "leading ideographic space": '1. get_phone_number("\u3000Sid")' + _JOIN2,
    "no space after comma": '1. create_note("a","b", "c")' + _JOIN2,
    "space before paren": '1. get_phone_number ("Sid")' + _JOIN2,
    "join with arguments": '1. join("x")<END_OF_PLAN>',
}


@pytest.fixture(scope="module")
def probe() -> Iterator[GrammarProbe]:
    engine = GrammarProbe()
    yield engine
    engine.close()


def test_every_tool_set_the_code_can_generate_parses() -> None:
    # plan_grammar validates what it returns: this fails (without crashing) if not.
    for specs in [ALL, (), *((spec,) for spec in ALL)]:
        for max_actions in (0, 1, MAX_ACTIONS):
            assert plan_grammar(specs, max_actions=max_actions).startswith("root ::= ")


@pytest.mark.parametrize("plan", GOOD_PLANS, ids=range(len(GOOD_PLANS)))
def test_real_plans_are_in_the_grammar(probe: GrammarProbe, plan: str) -> None:
    validate_plan(parse_plan(plan), REGISTRY)  # the sample itself is a valid plan
    assert probe.check(plan_grammar(ALL), plan)
    assert probe.check(plan_grammar(ALL), plan, end_of_plan_token=True)


def test_every_tool_appears_in_the_sample_plans() -> None:
    used = {task.tool for plan in GOOD_PLANS for task in parse_plan(plan)}
    assert used >= set(NAMES)


@pytest.mark.parametrize("name", BAD_PLANS)
def test_malformed_plans_are_not(probe: GrammarProbe, name: str) -> None:
    assert not probe.check(plan_grammar(ALL), BAD_PLANS[name])


def test_only_enabled_tools_are_allowed(probe: GrammarProbe) -> None:
    plan = '1. get_phone_number("Sid")\n2. send_sms(["$1"], "hi")\n3. join()<END_OF_PLAN>'
    contacts_only = [REGISTRY["get_phone_number"]]
    assert probe.check(plan_grammar([*contacts_only, REGISTRY["send_sms"]]), plan)
    assert not probe.check(plan_grammar(contacts_only), plan)
    assert probe.check(plan_grammar([]), "1. join()<END_OF_PLAN>")
    assert not probe.check(plan_grammar([]), plan)


def test_the_number_of_actions_is_bounded(probe: GrammarProbe) -> None:
    def plan(n: int) -> str:
        lines = [f'{i}. maps_open_location("place {i}")' for i in range(1, n + 1)]
        return "\n".join([*lines, f"{n + 1}. join()<END_OF_PLAN>"])

    grammar = plan_grammar(ALL)
    assert probe.check(grammar, plan(MAX_ACTIONS))
    assert not probe.check(grammar, plan(MAX_ACTIONS + 1))
    assert not probe.check(plan_grammar(ALL, max_actions=2), plan(3))


def test_references_may_name_every_earlier_action(probe: GrammarProbe) -> None:
    lines = ['1. get_email_address("Sid")']
    lines += [f'{i}. get_email_address("${i - 1}")' for i in range(2, MAX_ACTIONS + 1)]
    lines.append(f'{MAX_ACTIONS + 1}. compose_new_email(["$1", "$19", "$20"], [], "", "", [])')
    assert not probe.check(plan_grammar(ALL), "\n".join(lines))  # 21 actions: one too many
    lines[-1] = f'{MAX_ACTIONS}. compose_new_email(["$1", "$10", "$19"], [], "", "", [])'
    del lines[-2]
    text = "\n".join([*lines, f"{MAX_ACTIONS + 1}. join()<END_OF_PLAN>"])
    validate_plan(parse_plan(text), REGISTRY)
    assert probe.check(plan_grammar(ALL), text)


def test_grammars_are_cached_per_tool_set() -> None:
    a = plan_grammar([REGISTRY["send_sms"], REGISTRY["get_phone_number"]])
    b = plan_grammar([REGISTRY["get_phone_number"], REGISTRY["send_sms"], REGISTRY["send_sms"]])
    assert a is b
    assert plan_grammar([REGISTRY["send_sms"]]) != a


@pytest.mark.parametrize(
    ("gbnf", "message"),
    [
        ('root ::= foo_bar\nfoo_bar ::= "x"', "letters, digits and '-'"),
        ('start ::= "x"', "no 'root' rule"),
        ("root ::= missing", "could not parse"),
        ("root ::= root", "could not parse"),  # left recursion
        ('root ::= "unterminated', "could not parse"),
        ('root ::= "a"\x00', "could not parse"),
        ("", "no 'root' rule"),
    ],
)
def test_a_broken_grammar_is_an_error_not_a_crash(gbnf: str, message: str) -> None:
    with pytest.raises(GrammarError, match=message):
        validate_grammar(gbnf)


def test_a_good_grammar_validates() -> None:
    validate_grammar('root ::= "a" [0-9]{1,3} rest\nrest ::= "!"?')


@given(
    names=st.sets(st.sampled_from(NAMES)),
    max_actions=st.integers(0, 6),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=150, deadline=None)
def test_whatever_the_grammar_allows_parses_and_validates(
    probe: GrammarProbe, names: set[str], max_actions: int, seed: int
) -> None:
    specs = [REGISTRY[n] for n in names]
    text = probe.sample(plan_grammar(specs, max_actions=max_actions), random.Random(seed), WEIGHTS)
    tasks = validate_plan(parse_plan(text), {s.name: s for s in specs})
    assert len(tasks) <= max_actions + 1


# What the grammar refuses in a string (see resources/grammars/plan-literals.gbnf).
_REFUSED = re.compile(r"^\s|^\$|\$[{0]|\$[^\x00-\x7f]|<E")


def _text_ok(value: str) -> bool:
    return not _REFUSED.search(value)


_CHARS = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n")
_TEXT = st.text(_CHARS, max_size=12).filter(_text_ok)


def _string(idx: int) -> st.SearchStrategy[str]:
    refs = [f"${n}" for n in range(1, idx)]
    return st.one_of(_TEXT, st.sampled_from(refs)) if refs else _TEXT


def _value(kind: ArgType, idx: int) -> st.SearchStrategy[object]:
    return {
        ArgType.STR: _string(idx),
        ArgType.INT: st.integers(-(10**10) + 1, 10**10 - 1),
        ArgType.BOOL: st.booleans(),
        ArgType.STR_LIST: st.lists(_string(idx), max_size=3),
        ArgType.OPTIONAL_STR: st.one_of(st.none(), _string(idx)),
    }[kind]


@st.composite
def _plans(draw: st.DrawFn, specs: Sequence[ToolSpec]) -> str:
    lines = []
    count = draw(st.integers(0, 5)) if specs else 0
    for idx in range(1, count + 2):
        if draw(st.booleans()):
            lines.append("Thought: " + draw(st.text(_CHARS.filter(lambda c: c != "\n")).filter(_text_ok)))
        if idx > count:
            lines.append(f"{idx}. join()<END_OF_PLAN>")
            break
        spec = draw(st.sampled_from(specs))
        args = tuple(draw(_value(p.type, idx)) for p in spec.params)
        lines.append(Task(idx, spec.name, args).render())
    return "\n".join(lines)


@given(data=st.data(), names=st.sets(st.sampled_from(NAMES)))
@settings(max_examples=150, deadline=None)
def test_well_formed_plans_are_in_the_grammar(
    probe: GrammarProbe, data: st.DataObject, names: set[str]
) -> None:
    specs = [REGISTRY[n] for n in sorted(names)]
    plan = data.draw(_plans(specs))
    validate_plan(parse_plan(plan), {s.name: s for s in specs})
    assert probe.check(plan_grammar(specs), plan), plan
