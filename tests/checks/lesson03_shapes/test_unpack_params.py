"""Checks for lesson03/unpack_params."""

import math

import pytest
import torch

from tutor.testing import (
    assert_equal,
    assert_raises,
    assert_value,
    describe,
    describe_call,
    inputs_unchanged,
    randn,
    require_function,
)


def _pieces(fn, flat, shapes, call):
    try:
        got = fn(flat, shapes)
    except NotImplementedError:
        raise
    except (RuntimeError, ValueError) as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__}: {error}; these shapes need exactly "
            f"{flat.numel()} elements, so no error was expected.\nHint: a shape holds the "
            f"PRODUCT of its sizes, math.prod(shape): (2, 3) holds 6, () holds 1, (3, 0) holds "
            f"0. Split flat by those counts along dim 0.") from error
    if not isinstance(got, (list, tuple)):
        raise AssertionError(f"{call} returned {describe(got)}; expected a list of tensors."
                             + (" Did you forget to `return` it?" if got is None else ""))
    assert_value(len(got), len(shapes), call=f"{call} -> len(result):",
                 hint="return exactly one tensor per shape, in order.")
    return list(got)


def _expected(flat, shapes):
    out, start = [], 0
    for shape in shapes:
        size = math.prod(shape)
        out.append(flat[start:start + size].reshape(shape))
        start += size
    return out


def _check(fn, flat, shapes):
    call = describe_call("unpack_params", flat, shapes)
    got = _pieces(fn, flat, shapes, call)
    for k, (piece, want) in enumerate(zip(got, _expected(flat, shapes))):
        assert_equal(piece, want, call=f"{call}[{k}] (shape {tuple(shapes[k])}):",
                     hint="piece k starts right after the elements of pieces 0..k-1; a shape "
                          "(a, b) holds a * b elements and () holds 1.")
    return got


def test_small_example(exercise):
    """unpack_params(arange(1, 9), [(2, 2), (3,), ()]) gives [[1, 2], [3, 4]], [5, 6, 7], 8"""
    unpack_params = require_function(exercise, "unpack_params")
    _check(unpack_params, torch.arange(1, 9), [(2, 2), (3,), ()])


def test_linear_layer_params(exercise, rng):
    """cuts a Linear(4, 3) + Linear(3, 2) parameter vector into W1, b1, W2, b2"""
    shapes = [(3, 4), (3,), (2, 3), (2,)]
    flat = randn(sum(math.prod(s) for s in shapes), generator=rng)
    _check(exercise.unpack_params, flat, shapes)


@pytest.mark.parametrize("shapes", [[(5,)], [(2, 3, 4), (1,), (4, 1)], [(), (), (3, 2)],
                                    [(0,), (2, 2), (3, 0)]])
def test_various_shapes(exercise, rng, shapes):
    """works for one piece, 3-D pieces, several 0-d pieces and empty pieces"""
    flat = randn(sum(math.prod(s) for s in shapes), generator=rng)
    _check(exercise.unpack_params, flat, shapes)


def test_round_trip(exercise, rng):
    """undoes torch.cat([t.reshape(-1) for t in tensors])"""
    tensors = [randn(2, 5, generator=rng), randn(5, generator=rng), randn(generator=rng),
               randn(3, 1, 2, generator=rng)]
    flat = torch.cat([t.reshape(-1) for t in tensors])
    shapes = [tuple(t.shape) for t in tensors]
    got = _pieces(exercise.unpack_params, flat, shapes, describe_call("unpack_params", flat,
                                                                      shapes))
    for k, (piece, t) in enumerate(zip(got, tensors)):
        assert_equal(piece, t, call=f"{describe_call('unpack_params', flat, shapes)}[{k}]:")


def test_pieces_are_views(exercise, rng):
    """each piece is a view of flat: writing into a piece writes into flat"""
    shapes = [(2, 2), (3,)]
    flat = randn(7, generator=rng)
    got = _check(exercise.unpack_params, flat, shapes)
    got[1][0] = 100.0
    if flat[4].item() != 100.0:
        raise AssertionError(
            f"{describe_call('unpack_params', flat, shapes)}: writing 100 into piece 1 did not "
            "change flat[4], so the pieces are copies.\nHint: split, slicing and view all share "
            "memory; .clone(), torch.tensor(...) and .tolist() make copies.")


@pytest.mark.parametrize("flat_size, shapes", [(7, [(2, 2), (2,)]), (5, [(2, 3)]),
                                               (5, [(3,), ()]), (0, [(1,)])])
def test_wrong_total_raises(exercise, flat_size, shapes):
    """raises ValueError when the shapes need more or fewer elements than flat has"""
    flat = torch.arange(float(flat_size))
    assert_raises(exercise.unpack_params, flat, shapes, error=ValueError,
                  call=describe_call("unpack_params", flat, shapes),
                  hint="add up math.prod(shape) over the shapes and compare it with "
                       "flat.numel() before cutting.")


def test_not_1d_raises(exercise):
    """raises ValueError when flat is not 1-D"""
    flat = torch.zeros(2, 3)
    assert_raises(exercise.unpack_params, flat, [(6,)], error=ValueError,
                  call=describe_call("unpack_params", flat, [(6,)]), hint="check flat.dim() == 1 first.")



def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    unpack_params = require_function(exercise, "unpack_params")
    for args in [(torch.randn(10, generator=rng), [(2, 3), (4,)])]:
        with inputs_unchanged(describe_call("unpack_params", *args), **dict(zip(("flat", "shapes"), args))):
            unpack_params(*args)
