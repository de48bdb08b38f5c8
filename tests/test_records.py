"""Step ids are read by one helper, never by splitting strings."""

import pytest

from assistant.records import step_id, step_number


@pytest.mark.parametrize(
    ("item", "number"),
    [("step-4", 4), ("step-11", 11), ("step-1/libraries", 1), ("step-8/core-concepts", 8)],
)
def test_step_number_reads_steps_and_topics(item: str, number: int) -> None:
    assert step_number(item) == number
    assert step_id(number) == item.partition("/")[0]


@pytest.mark.parametrize("item", ["", "step-", "gen-4", "step-x", "Step 4", "step4"])
def test_step_number_refuses_what_is_not_an_id(item: str) -> None:
    with pytest.raises(ValueError, match="not a step or topic id"):
        step_number(item)
