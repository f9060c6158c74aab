"""Checks for lesson03/interleave."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_no_loops,
    describe_call,
    inputs_unchanged,
    randint,
    randn,
    require_function,
)

ORDER_HINT = ("rows must alternate a[0], b[0], a[1], b[1], ... torch.cat puts all of a before "
              "all of b; stack the pair on a new dim 1, then merge dims 0 and 1.")


def _expected(a, b):
    out = torch.empty((2 * a.shape[0], *a.shape[1:]), dtype=a.dtype)
    out[0::2] = a
    out[1::2] = b
    return out


def test_small_example(exercise):
    """interleave([[1, 1], [2, 2]], [[10, 10], [20, 20]]) is [[1, 1], [10, 10], [2, 2], [20, 20]]"""
    interleave = require_function(exercise, "interleave")
    a, b = torch.tensor([[1, 1], [2, 2]]), torch.tensor([[10, 10], [20, 20]])
    assert_equal(interleave(a, b), torch.tensor([[1, 1], [10, 10], [2, 2], [20, 20]]),
                 call=describe_call("interleave", a, b), hint=ORDER_HINT)


@pytest.mark.parametrize("shape", [(5, 3), (4,), (3, 2, 4), (1, 6)])
def test_shapes_and_values(exercise, rng, shape):
    """out[2i] == a[i] and out[2i + 1] == b[i] for 1-D, 2-D and 3-D rows"""
    a, b = randn(*shape, generator=rng), randn(*shape, generator=rng)
    assert_close(exercise.interleave(a, b), _expected(a, b),
                 call=describe_call("interleave", a, b), hint=ORDER_HINT)


def test_integer_dtype(exercise, rng):
    """int64 rows stay int64"""
    a, b = randint(0, 100, 3, 4, generator=rng), randint(100, 200, 3, 4, generator=rng)
    assert_equal(exercise.interleave(a, b), _expected(a, b),
                 call=describe_call("interleave", a, b), hint=ORDER_HINT)


def test_empty(exercise):
    """two empty (0, 3) tensors give an empty (0, 3) tensor"""
    a, b = torch.zeros(0, 3), torch.zeros(0, 3)
    assert_close(exercise.interleave(a, b), torch.zeros(0, 3),
                 call=describe_call("interleave", a, b))


def test_noncontiguous_inputs(exercise, rng):
    """works on transposed (non-contiguous) inputs"""
    a, b = randn(3, 4, generator=rng).t(), randn(3, 4, generator=rng).t()
    assert_close(exercise.interleave(a, b), _expected(a, b),
                 call=describe_call("interleave", a, b), hint=ORDER_HINT)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops (for, while, comprehensions)"""
    a, b = randn(4, 2, generator=rng), randn(4, 2, generator=rng)
    assert_close(exercise.interleave(a, b), _expected(a, b),
                 call=describe_call("interleave", a, b), hint=ORDER_HINT)
    assert_no_loops(exercise)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    interleave = require_function(exercise, "interleave")
    for args in [(torch.randn(3, 2, generator=rng), torch.randn(3, 2, generator=rng))]:
        with inputs_unchanged(describe_call("interleave", *args), **dict(zip(("a", "b"), args))):
            interleave(*args)
