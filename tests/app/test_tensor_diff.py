"""The mismatch data assert_close attaches, and its text drawing (80 columns, no colour)."""

from __future__ import annotations

import json

import pytest
import torch

from tutor.grading.diffview import describe_diff
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
    lines = describe_diff(failure_of(got, expected))
    assert lines[0] == ("1 of 64 values differ; the worst at (2, 3): yours -1, "
                        "expected 2.71429.")
    assert any("-1*" in line for line in lines)
    assert sum("*" in line for line in lines[1:]) == 3  # the legend, then the cell in each block
    assert max(len(line) for line in lines) <= 80
    assert any(set("░▒▓█") & set(line) for line in lines)
