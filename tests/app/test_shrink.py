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


# The default: a check that drew its sizes with random_shape/draw_int is shrunk by the plugin.

CHECK = '''
import torch
from tutor.testing import assert_close, draw_int, random_shape, randn, repeats

def row_sums(x):
    return x.sum(dim=1) if x.shape[1] < 3 else x[:, :2].sum(dim=1)   # wrong from width 3

def test_random_sizes(rng):
    for _ in range(repeats(4)):
        n, d = random_shape(rng, 2, 1, 9, names="n, d")
        x = randn(n, d, generator=rng)
        assert_close(row_sums(x), x.sum(dim=1), call=f"row_sums(<{n}x{d}>)")

def test_one_int(rng):
    k = draw_int(rng, 5, 40, name="k")
    assert k < 7, f"k={k} is too large"

def test_fixed_sizes():
    x = torch.ones(5, 4)
    assert_close(row_sums(x), x.sum(dim=1), call="row_sums(<5x4>)")

def test_passes(rng):
    n = draw_int(rng, 1, 9, name="n")
    assert n >= 1
'''


INNER = ("-p", "tutor.testing.plugin", "-p", "no:cacheprovider", "-p", "no:textual-snapshot")
"""A pytest run inside this one: the check plugin, none of this suite's own."""


def _messages(pytester) -> dict[str, str]:
    pytester.makepyfile(test_sized=CHECK)
    result = pytester.runpytest_inprocess(*INNER)
    reports = result.reprec.getreports("pytest_runtest_logreport")
    return {r.nodeid.rsplit("::", 1)[-1]: str(r.longrepr.reprcrash.message)
            for r in reports if r.when == "call" and r.failed}


def test_the_plugin_shrinks_a_check_that_drew_its_sizes(pytester):
    messages = _messages(pytester)
    assert sorted(messages) == ["test_fixed_sizes", "test_one_int", "test_random_sizes"]
    lines = messages["test_random_sizes"].splitlines()
    assert lines[0].startswith("AssertionError: row_sums(<")  # the original failure first
    assert lines[1].startswith("Smallest failing case (n=1, d=3): AssertionError: "
                               "row_sums(<1x3>) returned wrong values")
    # before pytest's own `assert ...` lines, which the grader cuts from the message
    assert messages["test_one_int"].splitlines()[1:] == \
        ["Smallest failing case (k=7): AssertionError: k=7 is too large", "assert 30 < 7"]
    assert "Smallest" not in messages["test_fixed_sizes"]  # drew nothing: nothing to shrink
    assert _messages(pytester) == messages  # same code, same message


def test_a_real_check_names_the_smallest_grid(monkeypatch, pytester):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    monkeypatch.setenv("TUTOR_TARGET", str(
        root / "tests/app/wrong_answers/lesson10_cnn_shapes/conv2d_out_shape/rounds_up.py"))
    result = pytester.runpytest_inprocess(
        str(root / "tests/checks/lesson10_cnn_shapes/test_conv2d_out_shape.py"),
        "-k", "random", *INNER)
    (report,) = [r for r in result.reprec.getreports("pytest_runtest_logreport")
                 if r.when == "call" and r.failed]
    last = str(report.longrepr.reprcrash.message).splitlines()[1]
    assert last.startswith("Smallest failing case (h=1, w=")
    assert "AssertionError: conv2d_out_shape(1, " in last


def test_sizes_follow_from_the_sizes_alone_while_shrinking():
    from tutor.testing import sizes
    from tutor.testing.inputs import draw_int, randn, repeats

    seen = {}

    def check(rng):
        for _ in range(repeats(5)):
            n = draw_int(rng, 1, 6, name="n")
            seen.setdefault(n, []).append(randn(n, generator=rng).tolist())
        assert n < 4

    from tutor.testing.shrink import shrink_check

    def run():
        check(torch.Generator().manual_seed(0))

    assert shrink_check(run, seed=11) == ("n=4", "AssertionError: assert 4 < 4")
    assert all(values == runs[0] for runs in seen.values() for values in runs)
    assert sizes.active is None
