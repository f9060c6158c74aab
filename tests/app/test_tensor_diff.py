"""The mismatch data assert_close attaches, and its text drawing (80 columns, no colour)."""

from __future__ import annotations

import json

import pytest
import torch

from tutor.grading.diffview import describe_diff
from tutor.grading.drawing import plain
from tutor.testing import assert_close


def failure_of(got: torch.Tensor, expected: torch.Tensor) -> dict:
    with pytest.raises(AssertionError) as failure:
        assert_close(got, expected)
    diff = failure.value.tensor_diff
    json.dumps(diff)  # plain data only: it crosses the result pipe as JSON
    return diff


def test_the_worst_element_and_a_window_around_it():
    expected = torch.arange(100.0).reshape(10, 10)
    got = expected.clone()
    got[7, 8] += 5
    got[7, 9] += 1
    diff = failure_of(got, expected)
    assert diff["mismatches"] == 2 and diff["elements"] == 100
    assert diff["worst_index"] == [7, 8] and diff["worst_got"] == 83.0
    window = diff["window"]
    assert (window["top"], window["left"]) == (4, 4)
    assert window["wrong"][3][4] is True and window["got"][3][4] == 83.0


def test_named_mistake_travels_with_the_data():
    x = torch.randn(5, 4, generator=torch.Generator().manual_seed(0))
    assert "exactly 4×" in failure_of(x.sum(1), x.mean(1))["named_mistake"]


def test_four_d_tensors_get_a_heat_map_per_slice():
    expected = torch.zeros(2, 3, 16, 40)
    got = expected.clone()
    got[1, 2, 3, 30] = 1.0
    diff = failure_of(got, expected)
    assert diff["window"]["slice"] == [1, 2]
    assert len(diff["heat"]) == 4  # the first MAX_SLICES slices
    assert all(len(h["values"]) == 8 and len(h["values"][0]) == 24 for h in diff["heat"])


def test_drawing_marks_wrong_cells_without_colour_and_fits_80_columns():
    expected = torch.arange(64.0).reshape(8, 8) / 7
    got = expected.clone()
    got[2, 3] = -1.0
    got[2, 4] += 0.5
    lines = describe_diff(failure_of(got, expected))
    assert lines[0] == ("2 of 64 values differ; the worst at (2, 3): yours -1, "
                        "expected 2.71429.")
    row = next(line for line in lines if "-1!" in line)  # the worst: ! (no colour needed)
    assert row.index("-1!") < row.index("2.714!")  # yours beside expected, one row
    assert row.count("3.357*") == 1 and row.count("2.857*") == 1  # the other wrong cell
    assert max(len(line) for line in lines) <= 74
    assert any(set("░▒▓█") & set(line) for line in lines)


def test_narrow_drawings_keep_the_worst_column_then_stack():
    from tutor.grading.diffview import windows

    expected = torch.arange(64.0).reshape(8, 8) / 7
    got = expected.clone()
    got[5, 7] = 100.0
    diff = failure_of(got, expected)
    for width in (74, 50, 30, 20):
        text = [plain(line) for line in windows(diff, width)]
        assert max(len(line) for line in text) <= width, width
        assert any("100!" in line for line in text), width
    assert len(windows(diff, 20)) > len(windows(diff, 74))  # stacked, not side by side


def test_the_heat_map_shows_the_worst_slices_side_by_side():
    from tutor.grading.diffview import heat_lines

    expected = torch.zeros(3, 4, 10, 10)
    got = expected.clone()
    got[2, 3, 0, 0] = 5.0  # the last slice: still shown
    got[0, 0, 9, 9] = 1.0
    diff = failure_of(got, expected)
    assert [h["slice"] for h in diff["heat"]][-1] == [2, 3]
    text = "\n".join(plain(line) for line in heat_lines(diff, width=74))
    assert "slice (0, 0)" in text and "slice (2, 3)" in text
    assert text.splitlines()[1].index("slice (2, 3)") > 0  # beside, not under


@pytest.mark.slow
def test_a_real_failing_run_carries_the_diff_to_json_and_text(shared_grader, builtin_pack):
    """A wrong answer graded for real: the data reaches the result, JSON and the CLI text."""
    from pathlib import Path

    from tutor.grading.formats import render
    from tutor.grading.request import GradeOptions, build_request
    from tutor.grading.results import RunResult

    exercise = builtin_pack.exercise("lesson01/make_grid")
    wrong = Path(__file__).parent / "wrong_answers" / "lesson01_tensors" / "make_grid" / \
        "starts_at_one.py"
    result = shared_grader.grade(build_request(exercise, wrong, GradeOptions(device="cpu")))
    failing = next(c for c in result.checks if c.diff is not None)
    assert failing.diff["named_mistake"].startswith("every value is off by the same amount")
    run = RunResult(exercises=[result], pack_id="p", pack_version="1", device="cpu",
                    mode="warm", duration=0.0)
    assert json.loads(render(run, "json"))["exercises"][0]["checks"][0]["diff"]["mismatches"]
    text = render(run, "text")
    assert "* marks a wrong value, ! the worst:" in text and "Expected" in text


def nonfinite_failure(got: torch.Tensor, expected: torch.Tensor) -> tuple[str, dict]:
    with pytest.raises(AssertionError) as failure:
        assert_close(got, expected, call="f(x)")
    diff = failure.value.tensor_diff
    json.dumps(diff, allow_nan=False)  # strict JSON: NaN and inf travel as strings
    return str(failure.value), diff


def test_nan_where_expected_is_finite_is_counted_located_and_marked():
    x = torch.tensor([[1.0, 0.0, 2.0, 3.0], [0.0, 4.0, 5.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    expected = x / (x + 1)
    got = expected.clone()
    got[x == 0] = float("nan")     # 0/0 where x is 0
    message, diff = nonfinite_failure(got, expected)
    assert message.splitlines()[0] == (
        "f(x) returned NaN at 3 of 12 elements where the expected values are finite; "
        "the first at index (0, 1): got nan, expected 0.")
    assert "Looks like: every NaN of yours is where the expected value is 0: a 0/0" in message
    assert diff["nonfinite"] == {"count": 3, "yours": {"nan": 3}, "expected": {},
                                 "first": [0, 1], "yours_only": 3, "expected_only": 0}
    assert diff["worst_index"] == [0, 1] and diff["worst_got"] == "nan"
    assert diff["window"]["got"][1][0] == "nan"
    text = describe_diff(diff, width=80)
    assert "Yours has NaN at 3 of 12 elements where the expected value is finite (first at " \
           "(0, 1))." in " ".join(text)
    assert "# a non-finite value facing a finite one" in " ".join(text)
    row_one = next(line for line in text if line.startswith("1 "))
    assert row_one.count("nan#") == 2 and row_one.count("0#") == 2  # both sides marked
    assert all(len(line) <= 80 for line in text)


def test_inf_in_yours_and_no_cause_claimed_without_evidence():
    expected = torch.tensor([0.5, 1.5, 2.5, 3.5])
    got = expected.clone()
    got[2] = float("inf")
    message, diff = nonfinite_failure(got, expected)
    assert message.startswith("f(x) returned inf at 1 of 4 elements where the expected values "
                              "are finite; the first at index (2,): got inf, expected 2.5.")
    assert "Looks like" not in message  # the values support no particular cause
    assert diff["nonfinite"]["yours"] == {"inf": 1}
    assert any("inf!" in line for line in describe_diff(diff))


def test_finite_where_expected_is_minus_inf():
    x = torch.tensor([[1.0, 0.0], [2.0, 0.0]])
    message, diff = nonfinite_failure(torch.log(x.clamp(min=1e-12)), torch.log(x))
    assert message.startswith("f(x) returned finite values at 2 of 4 elements where -inf was "
                              "expected; the first at index (0, 1): got -27.631, expected -inf.")
    assert diff["nonfinite"]["expected"] == {"-inf": 2}
    assert diff["max_error"] == "inf"
    assert "The expected value is -inf at 2 of 4 elements where yours is finite" in \
        " ".join(describe_diff(diff))


def test_nan_on_both_sides_is_not_a_mismatch():
    expected = torch.tensor([1.0, float("nan"), 3.0])
    got = torch.tensor([1.0, float("nan"), 4.0])
    _, diff = nonfinite_failure(got, expected)
    assert diff["nonfinite"] is None and diff["mismatches"] == 1
