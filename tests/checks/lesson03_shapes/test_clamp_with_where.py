"""Checks for lesson03/clamp_with_where."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    describe_call,
    forbidden,
    inputs_unchanged,
    noncontiguous,
    randn,
    require_function,
)

CLAMP_CALLS = (
    "torch.clamp", "torch.clip", "torch.clamp_min", "torch.clamp_max", "torch.minimum",
    "torch.maximum", "torch.fmin", "torch.fmax", "torch.Tensor.clamp", "torch.Tensor.clip",
    "torch.Tensor.clamp_min", "torch.Tensor.clamp_max", "torch.Tensor.minimum",
    "torch.Tensor.maximum", "torch.nn.functional.hardtanh",
)
RULE = "Build the result from comparisons (x < low) and torch.where."


def test_small_example(exercise):
    """clamp_with_where([-2, -0.5, 0, 0.7, 3], -1, 1) is [-1, -0.5, 0, 0.7, 1]"""
    clamp_with_where = require_function(exercise, "clamp_with_where")
    x = torch.tensor([-2.0, -0.5, 0.0, 0.7, 3.0])
    assert_close(clamp_with_where(x, -1.0, 1.0), torch.tensor([-1.0, -0.5, 0.0, 0.7, 1.0]),
                 call=describe_call("clamp_with_where", x, -1.0, 1.0),
                 hint="torch.where(cond, a, b) takes a where cond is True and b elsewhere: "
                      "torch.where(x < low, low, x) replaces the values below low.")


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_random_values(exercise, rng, dtype):
    """matches torch.clamp on random 3-D inputs and keeps the dtype"""
    x = 3 * randn(3, 4, 5, generator=rng, dtype=dtype)
    low, high = -1.5, 0.5
    expected = torch.clamp(x, low, high)
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, low, high)
    assert_close(got, expected, call=describe_call("clamp_with_where", x, low, high),
                 hint="values below low become low, values above high become high, the rest "
                      "stay as they are: torch.where(condition, value_if_true, value_if_false).")


def _special_values_hint(got, x: torch.Tensor) -> str:
    """Name the mistake the output shows (NaN made from an infinity, or a NaN replaced)."""
    if not isinstance(got, torch.Tensor) or got.shape != x.shape:
        return "return a tensor shaped like x."
    made_nan = torch.isnan(got) & torch.isinf(x)
    lost_nan = ~torch.isnan(got) & torch.isnan(x)
    if bool(made_nan.any()):
        return ("NaN where x is infinite: arithmetic on inf (a mask multiplied in, inf - inf) "
                "makes NaN; torch.where picks values without arithmetic.")
    if bool(lost_nan.any()):
        return ("NaN must stay NaN: every comparison with NaN is False, so torch.where keeps x "
                "there unless another step replaces it.")
    return "-inf is below low and inf above high: they become low and high like any value."


def test_infinities_and_nan(exercise):
    """-inf becomes low, inf becomes high, NaN stays NaN"""
    x = torch.tensor([float("-inf"), -3.0, float("nan"), 2.0, float("inf")])
    expected = torch.tensor([-1.0, -1.0, float("nan"), 1.0, 1.0])
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, -1.0, 1.0)
    assert_close(got, expected, call=describe_call("clamp_with_where", x, -1.0, 1.0),
                 hint=_special_values_hint(got, x))


def test_input_unchanged(exercise, rng):
    """leaves x unchanged (no in-place writes into the caller's tensor)"""
    x = 2 * randn(4, 6, generator=rng)
    before = x.clone()
    with forbidden(*CLAMP_CALLS, rule=RULE):
        exercise.clamp_with_where(x, -0.5, 0.5)
    if not torch.equal(x, before):
        raise AssertionError(
            f"{describe_call('clamp_with_where', x, -0.5, 0.5)} changed its input x.\nHint: "
            "x[x < low] = low writes into the caller's tensor. torch.where returns a new tensor; "
            "if you prefer masked assignment, do it on x.clone().")


def test_equal_limits_and_empty(exercise, rng):
    """low == high gives a constant tensor; an empty tensor stays empty"""
    x = randn(2, 3, generator=rng)
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, 0.25, 0.25)
        empty = exercise.clamp_with_where(torch.zeros(0, 3), -1.0, 1.0)
    assert_close(got, torch.full((2, 3), 0.25), call=describe_call("clamp_with_where", x, 0.25,
                                                                     0.25))
    assert_close(empty, torch.zeros(0, 3),
                 call=describe_call("clamp_with_where", torch.zeros(0, 3), -1.0, 1.0))


def test_noncontiguous_input(exercise, rng):
    """works on a non-contiguous (transposed) input"""
    x = (2 * randn(5, 3, generator=rng)).t()
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, -1.0, 1.0)
    assert_close(got, torch.clamp(x, -1.0, 1.0), call=describe_call("clamp_with_where", x, -1.0,
                                                                      1.0))
    y = noncontiguous(2 * randn(4, 4, generator=rng))
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(y, 0.0, 1.0)
    assert_close(got, torch.clamp(y, 0.0, 1.0), call=describe_call("clamp_with_where", y, 0.0,
                                                                     1.0))


def test_rule_no_clamp(exercise, rng):
    """rule: no torch.clamp, clip, minimum or maximum; use masks and torch.where"""
    x = randn(6, generator=rng)
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, -0.5, 0.5)
    assert_close(got, torch.clamp(x, -0.5, 0.5), call=describe_call("clamp_with_where", x, -0.5,
                                                                      0.5))


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on a CUDA tensor: the result stays on the GPU and matches the CPU answer"""
    x_cpu = 3 * randn(64, 33, generator=rng)
    x = x_cpu.to(gpu_device)
    with forbidden(*CLAMP_CALLS, rule=RULE):
        got = exercise.clamp_with_where(x, -1.0, 2.0)
    assert_close(got, torch.clamp(x_cpu, -1.0, 2.0).to(gpu_device),
                 call=describe_call("clamp_with_where", x, -1.0, 2.0))


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    clamp_with_where = require_function(exercise, "clamp_with_where")
    for args in [(torch.randn(10, generator=rng), -0.5, 0.5)]:
        with inputs_unchanged(describe_call("clamp_with_where", *args), **dict(zip(("x", "low", "high"), args))):
            clamp_with_where(*args)
