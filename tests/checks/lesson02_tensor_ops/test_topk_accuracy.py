"""Checks for lesson02/topk_accuracy."""

import pytest
import torch

from tutor.testing import (
    assert_no_loops,
    describe,
    describe_call,
    inputs_unchanged,
    require_function,
)

COLUMN_HINT = ("the top-k indices have shape (N, k) and y has shape (N,): compare them with "
               "y as a column, y.unsqueeze(1) or y[:, None] of shape (N, 1), so each row is "
               "compared with its own label. Then .any(dim=1).")


def _run(exercise, logits: torch.Tensor, y: torch.Tensor, k: int):
    topk_accuracy = require_function(exercise, "topk_accuracy")
    call = describe_call("topk_accuracy", logits, y, k)
    try:
        return topk_accuracy(logits, y, k), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        if "must match the size" in str(error):
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: "
                                 f"{COLUMN_HINT}") from error
        raise


def _spec(logits: torch.Tensor, y: torch.Tensor, k: int) -> float:
    """Plain loops: rank each row's classes by score, count the rows whose label is in the top k."""
    hits = 0
    for scores, label in zip(logits.tolist(), y.tolist(), strict=True):
        ranked = sorted(range(len(scores)), key=lambda c: scores[c], reverse=True)
        hits += label in ranked[:k]
    return hits / logits.shape[0]


def _check(got, expected: float, call: str, hint: str | None = None) -> None:
    if isinstance(got, torch.Tensor) or not isinstance(got, float):
        extra = (" Turn a 0-d tensor into a Python number with .item()."
                 if isinstance(got, torch.Tensor) else "")
        raise AssertionError(f"{call} returned {describe(got)}; expected a Python float."
                             + extra)
    if abs(got - expected) > 1e-6:
        raise AssertionError(f"{call} returned {got:.6g}; expected {expected:.6g}."
                             + (f"\nHint: {hint}" if hint else ""))


def _inputs(rng: torch.Generator, n: int, c: int):
    return torch.randn(n, c, generator=rng), torch.randint(0, c, (n,), generator=rng)


def test_small_example(exercise):
    """scores [[0.1, 0.5, 0.4], [0.7, 0.2, 0.1]], labels [2, 2]: top-1 gives 0.0, top-2 0.5"""
    logits = torch.tensor([[0.1, 0.5, 0.4], [0.7, 0.2, 0.1]])
    y = torch.tensor([2, 2])
    for k, expected in ((1, 0.0), (2, 0.5)):
        got, call = _run(exercise, logits, y, k)
        _check(got, expected, call, COLUMN_HINT)


def test_returns_python_float(exercise, rng):
    """returns a Python float, not a tensor"""
    logits, y = _inputs(rng, 6, 4)
    got, call = _run(exercise, logits, y, 2)
    _check(got, _spec(logits, y, 2), call)


def test_top1_is_accuracy(exercise, rng, device):
    """k = 1 is the plain accuracy: argmax(logits, dim=1) == y, averaged"""
    logits, y = _inputs(rng, 50, 5)
    expected = (logits.argmax(dim=1) == y).float().mean().item()
    got, call = _run(exercise, logits.to(device), y.to(device), 1)
    _check(got, expected, call, "the highest score of each row is along dim=1 (the classes).")


@pytest.mark.parametrize("n, c, k", [(1, 4, 2), (30, 10, 3), (12, 6, 5), (4, 4, 2), (3, 3, 3)])
def test_random_values(exercise, rng, device, n, c, k):
    """matches a plain-loop count on random scores (square cases included)"""
    logits, y = _inputs(rng, n, c)
    got, call = _run(exercise, logits.to(device), y.to(device), k)
    _check(got, _spec(logits, y, k), call, COLUMN_HINT)


def test_k_equals_c(exercise, rng):
    """k = C: every label is in the top C, so the result is 1.0"""
    logits, y = _inputs(rng, 7, 5)
    got, call = _run(exercise, logits, y, 5)
    _check(got, 1.0, call, COLUMN_HINT)


def test_largest_scores(exercise):
    """takes the HIGHEST scores: [[9, 0, 5]] with label 2 is a top-2 hit, label 1 is not"""
    logits = torch.tensor([[9.0, 0.0, 5.0], [9.0, 0.0, 5.0]])
    got, call = _run(exercise, logits, torch.tensor([2, 1]), 2)
    _check(got, 0.5, call, "topk returns the largest values by default; keep largest=True and "
                           "use dim=1.")


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops"""
    logits, y = _inputs(rng, 8, 5)
    got, call = _run(exercise, logits, y, 2)
    _check(got, _spec(logits, y, 2), call, COLUMN_HINT)
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_inputs(exercise, rng, gpu_device):
    """GPU inputs: still a Python float, equal to the CPU count"""
    logits, y = _inputs(rng, 500, 20)
    got, call = _run(exercise, logits.to(gpu_device), y.to(gpu_device), 5)
    _check(got, _spec(logits, y, 5), call, COLUMN_HINT)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    topk_accuracy = require_function(exercise, "topk_accuracy")
    for args in [(torch.randn(6, 4, generator=rng), torch.randint(0, 4, (6,), generator=rng), 2)]:
        with inputs_unchanged(describe_call("topk_accuracy", *args), **dict(zip(("logits", "y", "k"), args))):
            topk_accuracy(*args)
