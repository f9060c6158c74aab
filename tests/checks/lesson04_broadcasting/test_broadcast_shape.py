"""Checks for lesson04/broadcast_shape."""

import ast
from pathlib import Path

import pytest
import torch

from tutor.testing import (
    RuleViolation,
    call_each,
    describe,
    describe_call,
    forbidden,
    require_function,
)

FORBIDDEN_CALLS = (
    "torch.broadcast_shapes", "torch.functional.broadcast_shapes", "torch._refs._broadcast_shapes",
    "torch.broadcast_tensors", "torch.broadcast_to", "torch.Tensor.expand",
    "torch.Tensor.expand_as", "torch.empty", "torch.zeros", "torch.ones", "torch.full",
    "torch.rand", "torch.randn", "torch.tensor", "torch.as_tensor", "torch.arange",
    "numpy.broadcast_shapes", "numpy.broadcast", "numpy.broadcast_to", "numpy.broadcast_arrays",
    "numpy.empty", "numpy.zeros", "numpy.ones",
)
BANNED_NAMES = {"broadcast_shapes", "_broadcast_shapes", "broadcast_tensors", "broadcast_to",
                "broadcast_arrays", "broadcast"}
RULE = "Work the rule out on the tuples themselves, in plain Python."
RULE_HINT = ("line the shapes up at their right end and pad the shorter one with 1s on the "
             "left; in each position the sizes must be equal or one of them 1, and the result "
             "takes the other size.")


def _run(fn, a, b):
    with forbidden(*FORBIDDEN_CALLS, rule=RULE):
        return fn(a, b)


def _torch_says(a, b):
    """torch's answer, computed outside the forbidden block: a tuple, or None if incompatible.

    Adding two small real tensors, not torch.broadcast_shapes: its first call imports sympy
    (about 2 s), which would blow this exercise's time budget.
    """
    try:
        return tuple((torch.zeros(a, dtype=torch.bool) | torch.zeros(b, dtype=torch.bool)).shape)
    except RuntimeError:
        return None


def _hint(a, b, got, expected):
    if isinstance(got, tuple) and len(got) != len(expected):
        return (f"the result has as many dims as the longer shape ({len(expected)} here); "
                "missing dims count as 1 on the LEFT.")
    if 0 in expected and 0 not in got:
        return ("size 1 stretches to any size, 0 included: (0,) with (1,) is (0,). max() of "
                "the two sizes gets this wrong.")
    return RULE_HINT


def _check(fn, a, b, outcome=None):
    """``outcome``: the call's Outcome when it was made already (call_each)."""
    expected = _torch_says(a, b)
    assert expected is not None, f"check bug: {a} and {b} do not broadcast"
    call = describe_call("broadcast_shape", a, b)
    try:
        got = outcome.get() if outcome is not None else _run(fn, a, b)
    except ValueError as error:
        padded = "on the LEFT (shapes line up at their right end)" if len(a) != len(b) else \
            "nowhere here (the ranks are equal)"
        raise AssertionError(f"{call} raised ValueError: {error}; but these shapes do "
                             f"broadcast, to {expected!r}.\nHint: the shorter shape is padded "
                             f"with 1s {padded}, and a size 1 pairs with any size.") from None
    if not isinstance(got, tuple):
        extra = " Did you forget to `return` it?" if got is None else ""
        raise AssertionError(f"{call} returned {describe(got)}; expected the tuple "
                             f"{expected!r}.{extra}\nHint: tuple(sizes) turns a list into a "
                             "tuple.")
    if tuple(got) != expected:
        raise AssertionError(f"{call} returned {got!r}; expected {expected!r}.\n"
                             f"Hint: {_hint(a, b, tuple(got), expected)}")
    if not all(type(s) is int for s in got):
        raise AssertionError(f"{call} returned {got!r}; expected plain Python ints "
                             f"{expected!r}, not {type(got[0]).__name__}.")


def _check_raises(fn, a, b, outcome=None):
    assert _torch_says(a, b) is None, f"check bug: {a} and {b} do broadcast"
    call = describe_call("broadcast_shape", a, b)
    try:
        got = outcome.get() if outcome is not None else _run(fn, a, b)
    except ValueError:
        return
    except (NotImplementedError, RuleViolation):
        raise
    except Exception as error:
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}; expected "
                             "ValueError.\nHint: raise ValueError(...) yourself when a pair "
                             "of sizes differs and neither is 1.") from None
    raise AssertionError(f"{call} returned {describe(got)}; expected ValueError, because "
                         f"the shapes cannot broadcast.\nHint: {RULE_HINT}")


def test_small_example(exercise):
    """broadcast_shape((5, 1, 4), (3, 1)) is (5, 3, 4)"""
    broadcast_shape = require_function(exercise, "broadcast_shape")
    _check(broadcast_shape, (5, 1, 4), (3, 1))


@pytest.mark.parametrize("a, b", [((1, 2), (3, 1)), ((4, 3), (4, 3)), ((2, 1, 4), (1, 3, 1)),
                                  ((1, 1), (1, 1))])
def test_same_rank(exercise, a, b):
    """equal ranks: a size 1 stretches to the other size"""
    _check(exercise.broadcast_shape, a, b)


@pytest.mark.parametrize("a, b", [((4, 32, 14, 14), (32, 1, 1)), ((3,), (2, 3)),
                                  ((8, 1, 6, 1), (7, 1, 5)), ((1,), (2, 3, 4)),
                                  ((2, 3, 4), (4,))])
def test_different_ranks(exercise, a, b):
    """different ranks: the shorter shape is padded with 1s on the left"""
    _check(exercise.broadcast_shape, a, b)


@pytest.mark.parametrize("a, b", [((), ()), ((), (3, 4)), ((5,), ())])
def test_scalar_shapes(exercise, a, b):
    """() is the shape of a 0-d tensor and broadcasts with anything"""
    _check(exercise.broadcast_shape, a, b)


@pytest.mark.parametrize("a, b", [((0,), (1,)), ((1,), (0,)), ((2, 0), (1,)), ((0,), (0,)),
                                  ((3, 0, 1), (4,))])
def test_zero_sizes(exercise, a, b):
    """a size 0 is a size like any other: 1 stretches to 0"""
    _check(exercise.broadcast_shape, a, b)


@pytest.mark.parametrize("a, b", [((2, 3), (3, 2)), ((3,), (4,)), ((4, 3, 32, 32), (3,)),
                                  ((0,), (2,)), ((4, 32, 14, 14), (2, 32, 14, 14)),
                                  ((2, 1), (8, 4, 3))])
def test_incompatible_raises(exercise, a, b):
    """raises ValueError when two aligned sizes differ and neither is 1"""
    _check_raises(exercise.broadcast_shape, a, b)


def test_random_pairs(exercise, rng):
    """agrees with torch's broadcasting on 300 random pairs of rank 0 to 5"""
    sizes = (0, 1, 2, 3, 5)
    pairs = []
    for _ in range(300):
        ranks = torch.randint(0, 6, (2,), generator=rng).tolist()
        base = [sizes[i] for i in torch.randint(0, 5, (5,), generator=rng).tolist()]
        shapes = []
        for rank in ranks:
            picks = torch.randint(0, 10, (rank,), generator=rng).tolist()
            # mostly the shared size or 1 (compatible); now and then anything (often not)
            shape = [base[5 - rank + i] if p < 5 else 1 if p < 9 else sizes[p % 5]
                     for i, p in enumerate(picks)]
            shapes.append(tuple(shape))
        pairs.append(tuple(shapes))
    # All 300 calls first, then each result in turn: under strict isolation one round trip
    # between the processes instead of 300.
    broadcast_shape = exercise.broadcast_shape
    with forbidden(*FORBIDDEN_CALLS, rule=RULE):
        outcomes = call_each(broadcast_shape, pairs)
    for (a, b), outcome in zip(pairs, outcomes, strict=True):
        if _torch_says(a, b) is None:
            _check_raises(broadcast_shape, a, b, outcome)
        else:
            _check(broadcast_shape, a, b, outcome)


def test_accepts_torch_size(exercise):
    """works on x.shape directly: torch.Size is a tuple"""
    a, b = torch.zeros(2, 1).shape, torch.zeros(3).shape
    _check(exercise.broadcast_shape, a, b)


def _banned_name_used(module):
    path = Path(module.__file__ or "")
    if not path.is_file():
        return None
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = (node.id if isinstance(node, ast.Name) else node.attr
                if isinstance(node, ast.Attribute) else node.name
                if isinstance(node, ast.alias) else None)
        if name and name.rsplit(".", 1)[-1] in BANNED_NAMES:
            return node.lineno, name
    return None


def test_rule_plain_python(exercise):
    """rule: no broadcast_shapes / broadcast_tensors and no tensors, only tuple logic"""
    _check(exercise.broadcast_shape, (6, 1, 3), (5, 1))
    found = _banned_name_used(exercise)
    if found:
        line, name = found
        raise RuleViolation(f"Rule broken: this exercise asks you not to use `{name}` (line "
                            f"{line}). {RULE}")
