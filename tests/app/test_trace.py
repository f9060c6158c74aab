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
    assert "line 12: the first shape the reference never makes" in text
    assert text.index("Your axes_swapped") < text.index("The reference, step by step")
    assert "x[:, None, :] - y[None, :, :]" not in text  # the reference's code is the answer


def test_comparison_inputs_are_not_shared():
    x = torch.ones(2, 2)
    compare_traces(lambda t: t.mul_(3), lambda t: t, x)
    assert torch.equal(x, torch.ones(2, 2))


def test_layer_table_shows_shapes_params_and_the_first_difference():
    text = layer_table(dists.Net(8), dists.Net(5), torch.randn(3, 4))
    lines = text.splitlines()
    assert "body.0 Linear" in lines[1] and "(3, 8)" in lines[1] and "(3, 5)" in lines[1]
    assert lines[1].startswith("▶")
    assert "40 / 25*" in lines[1] and "(3, 8)*" in lines[1]
    assert "(3, 2)*" not in lines[3]  # same output shape, different parameter count
    assert "row 0 is the first layer whose output or parameters differ" in text
    assert "58 / 37" in lines[-3]  # 4*8+8+8*2+2 vs 4*5+5+5*2+2
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
    assert text.startswith("dists(x, y) returned shape (3, 4); expected (4, 3).\nYour axes_swapped")
    assert "line 12: the first shape" in text and "Hint: the result looks transposed" in text


def test_a_trace_as_data_rides_on_the_failure_with_a_pointer_in_the_message():
    import json

    import pytest

    from tutor.testing import assert_close, shapes

    with pytest.raises(AssertionError) as failure:
        assert_close(dists.axes_swapped(X, Y), dists.good(X, Y), call="dists(x, y)",
                     trace=shapes(dists.axes_swapped, X, Y, against=dists.good))
    data = failure.value.shape_trace
    assert json.loads(json.dumps(data)) == data  # plain data: it crosses the pipe as JSON
    assert data["kind"] == "lines" and data["diverged"] == 12
    assert data["yours"]["steps"][0]["tensors"] == {"diff": "float32 (3, 4, 2)"}
    assert all(step["source"] == "" for step in data["reference"]["steps"])
    assert "Shape trace: line 12 is the first to make a shape the reference never makes" \
        in str(failure.value)


def test_on_failure_attaches_only_when_the_block_fails_and_never_hides_it():
    import pytest

    from tutor.testing import layers, on_failure

    made = []

    def layer_trace():
        made.append(1)
        return layers(dists.Net(8), torch.randn(3, 4), against=lambda: dists.Net(5))()

    with on_failure(trace=layer_trace):
        pass
    assert not made
    with pytest.raises(AssertionError) as failure, on_failure(trace=layer_trace):
        raise AssertionError("wrong")
    assert failure.value.shape_trace["first_bad"] == 0 and made == [1]

    def broken():
        raise RuntimeError("the trace itself failed")

    with pytest.raises(ValueError, match="the learner's") as failure, on_failure(trace=broken):
        raise ValueError("the learner's error")
    assert not hasattr(failure.value, "shape_trace")
    with pytest.raises(NotImplementedError) as failure, on_failure(trace=layer_trace):
        raise NotImplementedError  # a stub: nothing to explain
    assert not hasattr(failure.value, "shape_trace") and made == [1]


def test_a_module_that_raises_shows_how_far_it_got():
    from tutor.testing import layer_data

    class Broken(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.first, self.second = torch.nn.Linear(4, 6), torch.nn.Linear(5, 2)

        def forward(self, x):
            return self.second(self.first(x))

    data = layer_data(Broken(), dists.Net(6), torch.randn(3, 4))
    assert data["rows"][0]["yours"][1] == "(3, 6)"
    assert data["rows"][1]["yours"][0] == "raised RuntimeError"
    assert data["first_bad"] == 1
