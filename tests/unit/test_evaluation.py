"""Scoring a predicted plan against the gold one (``core/evaluation.py``)."""

from __future__ import annotations

import pytest

from tinyagent.core.evaluation import score_plan
from tinyagent.core.plan import parse_plan

GOLD = """1. get_phone_number("Henry")
2. get_phone_number("Yshōz")
3. send_sms(["$1", "$2"], "I'm at the gym till 7")
4. join()<END_OF_PLAN>"""


@pytest.mark.parametrize(
    ("predicted", "success", "exact", "accuracy"),
    [
        (GOLD, True, True, 1.0),
        # case and spacing of an argument do not count
        (GOLD.replace('"Henry"', '"henry"').replace("gym till", "gym  till"), True, True, 1.0),
        # the paper's metric is the graph: the same graph texting Henry twice is a "success",
        # but not an exact plan
        (GOLD.replace('"Yshōz"', '"Henry"'), True, False, 0.75),
        # the lookups in the other order, with the references following them, is the same plan
        (
            GOLD.replace('"Henry"', '"X"')
            .replace('"Yshōz"', '"Henry"')
            .replace('"X"', '"Yshōz"')
            .replace('["$1", "$2"]', '["$2", "$1"]'),
            True,
            True,
            1.0,
        ),
        (
            '1. get_phone_number("Henry")\n2. send_sms(["$1"], "I\'m at the gym till 7")\n3. join()',
            False,
            False,
            0.5,
        ),
    ],
)
def test_score_plan(predicted: str, success: bool, exact: bool, accuracy: float) -> None:
    score = score_plan(
        parse_plan(GOLD), parse_plan(predicted if "END" in predicted else predicted + "<END_OF_PLAN>")
    )
    assert (score.success, score.exact) == (success, exact)
    assert score.arg_accuracy == pytest.approx(accuracy)
