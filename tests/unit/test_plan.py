from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tinyagent.core.errors import PlanSyntaxError, PlanValidationError
from tinyagent.core.plan import (
    PlanParser,
    Task,
    parse_plan,
    plan_graph,
    references,
    render_plan,
    renumber,
    substitute,
    validate_plan,
    without_duplicates,
)
from tinyagent.tools.registry import REGISTRY

SPEC_EXAMPLE = """1. get_email_address("Sid")
2. get_email_address("Lutfi")
3. create_calendar_event("Budget review", "2024-06-04 14:00:00", "2024-06-04 15:00:00", "", ["$1", "$2"], "", None)
Thought: I have created the event.
4. join()<END_OF_PLAN>"""


def test_spec_example_parses_with_dependencies_and_thought() -> None:
    tasks = validate_plan(parse_plan(SPEC_EXAMPLE), REGISTRY)
    assert [t.tool for t in tasks] == ["get_email_address"] * 2 + ["create_calendar_event", "join"]
    assert tasks[2].deps == (1, 2)
    assert tasks[2].args[4] == ["$1", "$2"]
    assert tasks[2].args[6] is None
    assert tasks[3].thought == "I have created the event."
    graph = plan_graph(tasks)
    assert set(graph.edges) == {(1, 3), (2, 3), (1, 4), (2, 4), (3, 4)}
    assert set(plan_graph(tasks, include_join=False).edges) == {(1, 3), (2, 3)}


def test_streaming_yields_each_task_when_its_line_completes() -> None:
    parser = PlanParser()
    seen: list[tuple[int, int]] = []  # (chunk number, task idx)
    for n, i in enumerate(range(0, len(SPEC_EXAMPLE), 5)):
        for task in parser.feed(SPEC_EXAMPLE[i : i + 5]):
            seen.append((n, task.idx))
    seen += [(-1, t.idx) for t in parser.finish()]
    assert [idx for _, idx in seen] == [1, 2, 3, 4]
    first_line_end = SPEC_EXAMPLE.index("\n")
    assert seen[0][0] == first_line_end // 5  # emitted by the chunk holding the newline
    assert parser.ended


def test_join_without_end_marker_is_flushed_by_finish() -> None:
    parser = PlanParser()
    assert [t.idx for t in parser.feed('1. maps_open_location("Paris")\n2. join()')] == [1]
    assert [t.tool for t in parser.finish()] == ["join"]


def test_text_after_join_is_ignored() -> None:
    tasks = parse_plan('1. join()<END_OF_PLAN>\n2. send_sms(["1"], "x")\n')
    assert [t.tool for t in tasks] == ["join"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('1. get_email_address("Sid"\n2. join()', "not closed"),
        ('1. get_email_address("Sid", )x)\n2. join()', "not valid literals"),
        ("1. get_email_address(name='Sid')\n2. join()", "named arguments"),
        ("1. get_email_address(os.system('x'))\n2. join()", "not a literal"),
        ("hello there\n1. join()", "expected 'N. tool_name"),
        ('1. get_email_address("Sid")\n', "ends without join"),
        ("", "ends without join"),
    ],
)
def test_syntax_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(PlanSyntaxError, match=message):
        parse_plan(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('1. launch_rockets("now")\n2. join()', "unknown or disabled tool 'launch_rockets'"),
        ('1. get_email_address("Sid", "x")\n2. join()', "takes 1 arguments .* got 2"),
        ('1. create_reminder("x", "", "", "", "high", False)\n2. join()', "'priority' must be int"),
        ('1. send_sms("555", "hi")\n2. join()', "'recipients' must be list"),
        ('1. get_email_address("$2")\n2. get_email_address("Bo")\n3. join()', r"\$2 refers to action 2"),
        ('1. get_email_address("Bo")\n3. join()', "expected 2 here"),
        ('1. get_email_address("${1}")\n2. join()', r"\$1 refers to action 1"),
        ('1. join("x")', "join\\(\\) takes no arguments"),
    ],
)
def test_validation_errors_say_what_is_wrong(text: str, message: str) -> None:
    parser = PlanParser()
    tasks = parser.feed(text + "\n")
    with pytest.raises(PlanValidationError, match=message):
        validate_plan(tasks, REGISTRY)


def test_nothing_may_follow_join() -> None:
    tasks = [Task(1, "join", ()), Task(2, "get_email_address", ("Bo",))]
    with pytest.raises(PlanValidationError, match="nothing may follow"):
        validate_plan(tasks, REGISTRY)


def test_plan_must_end_with_join() -> None:
    tasks = parse_plan('1. get_email_address("Bo")\n2. join()')[:1]
    with pytest.raises(PlanValidationError, match="must end with join"):
        validate_plan(tasks, REGISTRY)


def test_money_is_not_a_reference_but_whole_and_braced_refs_are() -> None:
    assert references("lunch was $12", before=3) == set()
    assert references("it costs $1.50", before=3) == set()
    assert references("see $1, thanks", before=3) == {1}
    assert references("$5", before=3) == {5}
    assert references(["${4}", "x"], before=3) == {4}
    assert substitute("I owe you $12 for $1", {1: "lunch"}, before=3) == "I owe you $12 for lunch"
    assert substitute(["$1", "a@b.c"], {1: "sid@x.com"}, before=2) == ["sid@x.com", "a@b.c"]


def test_render_round_trips() -> None:
    tasks = parse_plan(SPEC_EXAMPLE)
    assert parse_plan(render_plan(tasks)) == tasks


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@given(name=_text, content=_text, folder=_text)
def test_any_string_round_trips_through_the_plan_language(name: str, content: str, folder: str) -> None:
    tasks = parse_plan(f"1. create_note({_lit(name)}, {_lit(content)}, {_lit(folder)})\n2. join()")
    assert tasks[0].args == (name, content, folder)


def _lit(value: str) -> str:
    from tinyagent.core.plan import _literal

    return _literal(value)


def test_long_and_non_ascii_arguments() -> None:
    body = "ü" * 10_000
    tasks = validate_plan(parse_plan(f'1. send_sms(["+49 30 1234"], "{body}")\n2. join()'), REGISTRY)
    assert tasks[0].args[1] == body


def test_repeated_actions_are_dropped_and_the_rest_renumbered() -> None:
    plan = """1. get_phone_number("Henry")
2. get_phone_number("Henry")
3. get_email_address("Ana")
4. send_sms(["$1", "$2"], "I owe you $2 and ${3}")
5. get_email_address("Ana")
6. compose_new_email(["$5"], [], "Hi", "", [])
7. compose_new_email(["$3"], [], "Hi", "", [])
8. join()<END_OF_PLAN>"""
    tasks = validate_plan(without_duplicates(validate_plan(parse_plan(plan), REGISTRY)), REGISTRY)
    assert (
        render_plan(tasks)
        == """1. get_phone_number("Henry")
2. get_email_address("Ana")
3. send_sms(["$1"], "I owe you $1 and ${2}")
4. compose_new_email(["$2"], [], "Hi", "", [])
5. join()<END_OF_PLAN>"""
    )
    assert [t.deps for t in tasks] == [(), (), (1, 2), (2,), ()]


def test_a_plan_without_repeats_is_unchanged() -> None:
    tasks = validate_plan(parse_plan(SPEC_EXAMPLE), REGISTRY)
    assert without_duplicates(tasks) == tasks


def test_renumber_leaves_money_and_unknown_numbers() -> None:
    assert renumber("pay $12 to $3", {3: 1, 12: 2}, 4) == "pay $12 to $1"
    assert renumber(["$3", "${3}", "$9"], {3: 2}, 5) == ["$2", "$2", "$9"]
