"""Checks for lesson05/pick_class_scores."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    describe_call,
    inputs_unchanged,
    mistake,
    noncontiguous,
    randint,
    randn,
    require_function,
)

SQUARE_HINT = ("logits[:, labels] takes whole columns, one per label, giving (N, N). Pair each "
               "row with its own label instead: gather, or index rows and columns together.")


def _spec(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    # A different route than the one the lesson teaches: advanced indexing.
    return logits[torch.arange(logits.shape[0], device=logits.device), labels]


def _check(got, logits, labels, expected=None):
    """Compare with the spec, naming the (N, N) result of logits[:, labels]."""
    expected = _spec(logits, labels) if expected is None else expected
    n = logits.shape[0]
    square = isinstance(got, torch.Tensor) and tuple(got.shape) == (n, n) and n > 1
    predicted = mistake("predicted class", lambda: logits.amax(dim=1),
                        "these are each row's HIGHEST scores (the predicted class), not the "
                        "scores of the labelled classes: pick logits[i, labels[i]].")
    assert_close(got, expected, call=describe_call("pick_class_scores", logits, labels),
                 hint=SQUARE_HINT if square else None, mistakes=[predicted])


def _inputs(rng, n, c, device, dtype=torch.float32):
    logits = randn(n, c, generator=rng, dtype=dtype, device=device)
    labels = randint(0, c, n, generator=rng, device=device)
    return logits, labels


def test_small_example(exercise):
    """picks one score per row: [[1, 2, 3], [4, 5, 6]] with labels [2, 0] gives [3, 4]"""
    pick_class_scores = require_function(exercise, "pick_class_scores")
    logits = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    labels = torch.tensor([2, 0])
    _check(pick_class_scores(logits, labels), logits, labels, expected=torch.tensor([3.0, 4.0]))


def test_shape_is_n(exercise, rng):
    """returns shape (N,), one score per row, also when N equals C"""
    for n, c in [(5, 3), (4, 4), (1, 6)]:
        logits, labels = _inputs(rng, n, c, "cpu")
        _check(exercise.pick_class_scores(logits, labels), logits, labels)


@pytest.mark.parametrize("n, c", [(1, 1), (7, 1), (1, 9), (6, 10), (32, 5)])
def test_random_values(exercise, rng, device, n, c):
    """out[i] == logits[i, labels[i]] on random inputs, on the input's device"""
    logits, labels = _inputs(rng, n, c, device)
    _check(exercise.pick_class_scores(logits, labels), logits, labels)


def test_keeps_dtype(exercise, rng, device):
    """float64 logits give float64 scores (no conversion)"""
    logits, labels = _inputs(rng, 5, 4, device, dtype=torch.float64)
    _check(exercise.pick_class_scores(logits, labels), logits, labels)


def test_empty_batch(exercise, device):
    """an empty batch (N = 0) gives an empty (0,) tensor"""
    logits = torch.zeros(0, 5, device=device)
    labels = torch.zeros(0, dtype=torch.int64, device=device)
    _check(exercise.pick_class_scores(logits, labels), logits, labels)


def test_noncontiguous_logits(exercise, rng, device):
    """works on non-contiguous logits (a strided view)"""
    logits, labels = _inputs(rng, 6, 5, device)
    strided = noncontiguous(logits)
    _check(exercise.pick_class_scores(strided, labels), strided, labels)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves logits and labels as they were"""
    logits, labels = _inputs(rng, 6, 4, "cpu")
    call = describe_call("pick_class_scores", logits, labels)
    with inputs_unchanged(call, logits=logits, labels=labels):
        got = exercise.pick_class_scores(logits, labels)
    _check(got, logits, labels)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions (one gather or indexing call)"""
    logits, labels = _inputs(rng, 4, 3, "cpu")
    _check(exercise.pick_class_scores(logits, labels), logits, labels)
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    logits, labels = _inputs(rng, 64, 10, "cpu")
    expected = _spec(logits, labels).to(gpu_device)
    logits, labels = logits.to(gpu_device), labels.to(gpu_device)
    _check(exercise.pick_class_scores(logits, labels), logits, labels, expected=expected)
