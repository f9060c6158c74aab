"""The smallest failing case, found by hypothesis, deterministic for the same code."""

from __future__ import annotations

import pytest
import torch

from tutor.testing import assert_close
from tutor.testing.shrink import find_smallest, smallest_failure


def rows_mean_wrong_when_wide(x: torch.Tensor) -> torch.Tensor:
    """Right for one or two columns only: divides by 2 instead of the width."""
    return x.sum(dim=1) / 2


def make_case(function):
    def case(n: int, d: int) -> None:
        x = torch.randn(n, d, generator=torch.Generator().manual_seed(n * 1000 + d))
        assert_close(function(x), x.mean(dim=1), call=f"row_means(<{n}x{d}>)")
    return case


def test_a_failure_reports_the_smallest_failing_sizes():
    case = make_case(rows_mean_wrong_when_wide)
    with pytest.raises(AssertionError) as failure, smallest_failure(case, n=(1, 64), d=(1, 32)):
        case(37, 12)
    text = str(failure.value)
    assert text.startswith("row_means(<37x12>) returned wrong values")
    assert "\nSmallest failing case (n=1, d=1): AssertionError: row_means(<1x1>)" in text


def test_the_search_is_deterministic():
    case = make_case(rows_mean_wrong_when_wide)
    first = find_smallest(case, {"n": (1, 64), "d": (1, 32)})
    assert first is not None and first == find_smallest(case, {"n": (1, 64), "d": (1, 32)})


def test_shrinks_to_the_boundary_of_the_bug():
    def wrong_from_width_three(n: int, d: int) -> None:
        assert d < 3, f"wrong for width {d}"
    assert find_smallest(wrong_from_width_three, {"n": (1, 50), "d": (1, 50)}) == \
        ({"n": 1, "d": 3}, "AssertionError: wrong for width 3")


def test_a_passing_block_is_untouched_and_a_fluke_is_reraised_as_is():
    case = make_case(lambda x: x.mean(dim=1))
    with smallest_failure(case, n=(1, 8), d=(1, 8)):
        case(5, 5)
    with pytest.raises(AssertionError, match="^only this one$"), \
            smallest_failure(case, n=(1, 8), d=(1, 8)):
        raise AssertionError("only this one")  # no size reproduces it: nothing is added


def test_the_pictures_stay_and_a_broken_rule_is_not_shrunk():
    from tutor.testing.rules import RuleViolation

    def wrong(n: int, d: int) -> None:
        error = AssertionError(f"wrong for {n}x{d}")
        error.tensor_diff = {"worst_index": [0, 0]}  # what assert_close attaches
        raise error

    with pytest.raises(AssertionError) as failure, smallest_failure(wrong, n=(1, 8), d=(1, 8)):
        wrong(5, 5)
    assert "Smallest failing case (n=1, d=1)" in str(failure.value)
    assert failure.value.tensor_diff == {"worst_index": [0, 0]}

    with pytest.raises(RuleViolation, match="^Rule broken$"), \
            smallest_failure(wrong, n=(1, 8), d=(1, 8)):
        raise RuleViolation("Rule broken")
