"""Checks for lesson05/topk_labels."""

import pytest
import torch

from tutor.testing import (
    assert_equal,
    assert_no_loops,
    describe_call,
    inputs_unchanged,
    mistake,
    require_function,
)

# Seed 002's example: the top-3 columns of each row are [1, 3, 4], [9, 6, 5], [0, 9, 2],
# [9, 7, 8] (highest first), and the label table is 100..109.
SEED_SCORES = torch.tensor([
    [0.02, 0.30, 0.05, 0.25, 0.15, 0.04, 0.06, 0.03, 0.07, 0.03],
    [0.03, 0.05, 0.04, 0.06, 0.02, 0.14, 0.20, 0.07, 0.09, 0.30],
    [0.35, 0.05, 0.14, 0.04, 0.06, 0.03, 0.07, 0.08, 0.02, 0.16],
    [0.04, 0.06, 0.03, 0.05, 0.02, 0.07, 0.08, 0.20, 0.17, 0.28],
])
SEED_LABELS = torch.tensor([[101, 103, 104], [109, 106, 105], [100, 109, 102], [109, 107, 108]])


def _scores(rng, n, c, device):
    # Distinct values (a random permutation per row), so the top k is unambiguous.
    return torch.stack([torch.randperm(c, generator=rng) for _ in range(n)]).float().to(device) \
        if n else torch.zeros(0, c, device=device)


def _table(rng, c, device):
    return torch.randperm(1000, generator=rng)[:c].to(device)


def _spec(scores, table, k):
    return table[scores.topk(k, dim=1).indices]


def _check(got, expected, call, hint=None, mistakes=()):
    """Exact comparison; names the squeezed (N,) result when k == 1."""
    if isinstance(got, torch.Tensor) and got.dim() < 2 and expected.dim() == 2:
        hint = "keep the k dimension: with k = 1 the result is still (N, 1), so don't squeeze."
    assert_equal(got, expected, call=call, hint=hint, mistakes=mistakes)


def test_seed_example(exercise):
    """labels 100..109 and top-3 columns [1, 3, 4], [9, 6, 5], ... give [101, 103, 104], ..."""
    topk_labels = require_function(exercise, "topk_labels")
    table = torch.arange(10) + 100
    got = topk_labels(SEED_SCORES, table, 3)
    lowest = mistake("lowest scores", lambda: table[SEED_SCORES.topk(3, largest=False).indices],
                     "these are the labels of the k LOWEST scores: topk's largest=True (its "
                     "default) picks the highest.")
    _check(got, SEED_LABELS, call=describe_call("topk_labels", SEED_SCORES, table, 3),
           mistakes=[lowest])


def test_uses_the_table(exercise, rng):
    """looks the labels up in label_table (a random table, not 100 + index)"""
    table = _table(rng, 10, "cpu")
    got = exercise.topk_labels(SEED_SCORES, table, 3)
    expected = _spec(SEED_SCORES, table, 3)
    columns = SEED_SCORES.topk(3, dim=1).indices
    offset = isinstance(got, torch.Tensor) and got.shape == columns.shape and \
        bool(((got.cpu().long() - columns) == (got.cpu().long() - columns).flatten()[0]).all())
    _check(got, expected, call=describe_call("topk_labels", SEED_SCORES, table, 3),
           hint="these are the column numbers plus a constant: return label_table's entries "
                "at the top-k columns instead." if offset else None)


@pytest.mark.parametrize("n, c, k", [(1, 1, 1), (3, 8, 1), (5, 6, 6), (8, 20, 4), (1, 12, 5),
                                     (12, 3, 2), (30, 5, 5)])
def test_random_scores(exercise, rng, device, n, c, k):
    """shape (N, k), highest score first, on random scores (more rows than classes too)"""
    scores, table = _scores(rng, n, c, device), _table(rng, c, device)
    got = exercise.topk_labels(scores, table, k)
    _check(got, _spec(scores, table, k), call=describe_call("topk_labels", scores, table, k))


def test_keeps_table_dtype(exercise, rng, device):
    """the result has label_table's dtype (int32 labels stay int32)"""
    scores = _scores(rng, 4, 7, device)
    table = _table(rng, 7, device).to(torch.int32)
    got = exercise.topk_labels(scores, table, 2)
    _check(got, _spec(scores, table, 2), call=describe_call("topk_labels", scores, table, 2))


def test_empty_batch(exercise, rng, device):
    """an empty batch (N = 0) gives an empty (0, k) tensor"""
    scores, table = torch.zeros(0, 5, device=device), _table(rng, 5, device)
    got = exercise.topk_labels(scores, table, 2)
    _check(got, torch.zeros(0, 2, dtype=table.dtype, device=device),
           call=describe_call("topk_labels", scores, table, 2))


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves scores and label_table as they were (no in-place sort)"""
    scores, table = _scores(rng, 6, 5, "cpu"), _table(rng, 5, "cpu")
    call = describe_call("topk_labels", scores, table, 3)
    with inputs_unchanged(call, scores=scores, label_table=table):
        got = exercise.topk_labels(scores, table, 3)
    _check(got, _spec(scores, table, 3), call=call)


def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    scores, table = _scores(rng, 3, 6, "cpu"), _table(rng, 6, "cpu")
    got = exercise.topk_labels(scores, table, 2)
    _check(got, _spec(scores, table, 2), call=describe_call("topk_labels", scores, table, 2))
    assert_no_loops(exercise)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the labels come back on the GPU and match the CPU result"""
    scores, table = _scores(rng, 16, 30, "cpu"), _table(rng, 30, "cpu")
    expected = _spec(scores, table, 5)
    got = exercise.topk_labels(scores.to(gpu_device), table.to(gpu_device), 5)
    _check(got, expected.to(gpu_device),
           call=describe_call("topk_labels", scores.to(gpu_device), table.to(gpu_device), 5))
