"""Shape traces and layer tables, on real functions defined in a file of their own."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch

from tutor.testing.trace import compare_traces, layer_table, record_shapes

SOURCE = Path(__file__).parent / "data" / "traced" / "dists.py"
spec = importlib.util.spec_from_file_location("traced_dists", SOURCE)
assert spec is not None and spec.loader is not None
dists = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dists)

X, Y = torch.randn(4, 2), torch.randn(3, 2)


def test_each_line_records_the_tensors_it_binds():
    trace = record_shapes(dists.good, X, Y)
    assert [(s.line, s.tensors) for s in trace.steps] == [
        (6, {"diff": "float32 (4, 3, 2)"}),
        (7, {"squared": "float32 (4, 3, 2)"}),
        (8, {"return": "float32 (4, 3)"}),
    ]
    assert trace.steps[0].source == "diff = x[:, None, :] - y[None, :, :]"
    assert trace.error is None and trace.result.shape == (4, 3)


def test_helpers_in_the_same_file_are_traced_and_errors_kept():
    trace = record_shapes(dists.helper_then_raise, X, Y)
    assert [s.line for s in trace.steps] == [23, 24, 18]  # _double's lines, then scaled
    assert isinstance(trace.error, RuntimeError)


def test_comparison_marks_the_first_diverging_line():
    text = compare_traces(dists.axes_swapped, dists.good, X, Y)
    assert "▶  12  diff = x - y[:, None, :]" in text
    assert "diff: float32 (3, 4, 2)" in text
    assert "line 12 is the first to make a shape the reference never makes" in text
    assert text.index("Your function") < text.index("The reference solution")


def test_comparison_inputs_are_not_shared():
    x = torch.ones(2, 2)
    compare_traces(lambda t: t.mul_(3), lambda t: t, x)
    assert torch.equal(x, torch.ones(2, 2))


def test_layer_table_shows_shapes_params_and_the_first_difference():
    text = layer_table(dists.Net(8), dists.Net(5), torch.randn(3, 4))
    lines = text.splitlines()
    assert "body.0 Linear" in lines[1] and "(3, 8)" in lines[1] and "(3, 5)" in lines[1]
    assert lines[1].startswith("▶")
    assert "40 / 25" in lines[1]
    assert "row 0 is the first layer whose output or parameters differ" in text
    assert "58 / 37" in lines[-2]  # 4*8+8+8*2+2 vs 4*5+5+5*2+2
    assert max(len(line) for line in lines) <= 80


def test_assert_close_shows_the_trace_only_when_the_shape_is_wrong():
    import pytest

    from tutor.testing import assert_close

    calls = []

    def trace() -> str:
        calls.append(1)
        return compare_traces(dists.axes_swapped, dists.good, X, Y)

    assert_close(dists.good(X, Y), dists.good(X, Y), trace=trace)
    assert not calls
    with pytest.raises(AssertionError) as failure:
        assert_close(dists.axes_swapped(X, Y), dists.good(X, Y), call="dists(x, y)", trace=trace)
    text = str(failure.value)
    assert text.startswith("dists(x, y) returned shape (3, 4); expected (4, 3).\nYour function")
    assert "line 12 is the first" in text and "Hint: the result looks transposed" in text
