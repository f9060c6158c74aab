"""Checks for lesson08/iterate_minibatches."""

import pytest
import torch

from tutor.testing import (
    assert_equal,
    describe,
    describe_call,
    draw_int,
    noncontiguous,
    require_function,
)


def _data(n, d=3):
    """Rows whose first column is the row number; y is a known function of the row."""
    X = torch.arange(n * d, dtype=torch.float32).reshape(n, d)
    y = 10 * X[:, 0] + 7
    return X, y


def _batches(fn, X, y, batch_size, seed):
    call = describe_call("iterate_minibatches", X, y, batch_size,
                         f"torch.Generator().manual_seed({seed})")
    got = fn(X, y, batch_size, torch.Generator().manual_seed(seed))
    if got is None:
        raise AssertionError(f"{call} returned None; expected an iterable of (X_batch, y_batch) "
                             "pairs. Did you forget to `yield` (or return) the batches?")
    batches = list(got)
    for i, pair in enumerate(batches):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise AssertionError(f"{call}: batch #{i} is {describe(pair)}; expected a pair "
                                 "(X_batch, y_batch).")
    return batches, call


def _expected(X, y, batch_size, seed):
    perm = torch.randperm(X.shape[0], generator=torch.Generator().manual_seed(seed))
    return [(X[idx], y[idx]) for idx in perm.split(batch_size)]


def _compare(batches, expected, call, hint):
    sizes = [len(b[1]) if hasattr(b[1], "__len__") else "?" for b in batches]
    want = [len(e[1]) for e in expected]
    if sizes != want:
        raise AssertionError(f"{call} gave batches of sizes {sizes}; expected {want}.\n"
                             f"Hint: {hint}")
    for i, ((Xb, yb), (Xe, ye)) in enumerate(zip(batches, expected)):
        assert_equal(Xb, Xe, call=f"{call}: batch #{i}, X_batch", hint=hint)
        assert_equal(yb, ye, call=f"{call}: batch #{i}, y_batch", hint=hint)


ORDER_HINT = ("draw perm = torch.randperm(N, generator=generator) once, then take "
              "consecutive slices perm[i:i + batch_size] (or perm.split(batch_size)) and index "
              "X and y with the SAME slice.")


def _order_hint(batches, X, expected):
    """Name the order mistake the batches show; the general recipe when none fits."""
    try:
        rows = torch.cat([torch.as_tensor(b[0]) for b in batches])
    except (TypeError, RuntimeError, ValueError):
        return ORDER_HINT
    if rows.shape != X.shape:
        return ORDER_HINT
    if torch.equal(rows, torch.cat([e[0] for e in expected])):
        return ("X_batch is right but y_batch holds other rows' targets: index X and y with "
                "the SAME permutation.")
    if torch.equal(rows, X):
        return ("the rows come in their stored order: shuffle them with perm = "
                "torch.randperm(N, generator=generator) first.")
    if torch.equal(rows[:, 0].sort().values, X[:, 0]):
        return ("the rows are shuffled, but not by the generator you were given: draw perm = "
                "torch.randperm(N, generator=generator), not from the global random state.")
    return ORDER_HINT


def test_worked_example(exercise):
    """N = 7, batch_size 3: batches of 3, 3, 1 rows in the order torch.randperm gives"""
    fn = require_function(exercise, "iterate_minibatches")
    X, y = _data(7)
    batches, call = _batches(fn, X, y, 3, seed=0)
    expected = _expected(X, y, 3, 0)
    _compare(batches, expected, call, _order_hint(batches, X, expected))


@pytest.mark.parametrize("n, batch_size", [(10, 5), (11, 4), (3, 8), (6, 1)])
def test_batch_sizes(exercise, n, batch_size):
    """batch sizes are batch_size, ..., batch_size and then the remainder (never dropped)"""
    X, y = _data(n)
    batches, call = _batches(exercise.iterate_minibatches, X, y, batch_size, seed=n)
    sizes = [len(b[0]) for b in batches]
    want = [batch_size] * (n // batch_size) + ([n % batch_size] if n % batch_size else [])
    if sizes != want:
        raise AssertionError(f"{call} gave batches of sizes {sizes}; expected {want}.\nHint: "
                             "the last, shorter batch must not be dropped: range(0, N, "
                             "batch_size) reaches every row.")


def test_every_row_once_and_pairs_aligned(exercise, rng):
    """one pass visits every row exactly once, and each y row stays with its X row"""
    n = draw_int(rng, 15, 39, name="n")
    X, y = _data(n, d=2)
    batches, call = _batches(exercise.iterate_minibatches, X, y, 6, seed=int(n))
    rows = torch.cat([b[0] for b in batches])
    seen = sorted(rows[:, 0].div(2).long().tolist())
    if seen != list(range(n)):
        raise AssertionError(f"{call} visited rows {seen}; every row 0..{n - 1} must appear "
                             "exactly once per pass.\nHint: " + ORDER_HINT)
    for i, (Xb, yb) in enumerate(batches):
        assert_equal(yb, 10 * Xb[:, 0] + 7, call=f"{call}: batch #{i}, y_batch vs its X rows",
                     hint="X_batch and y_batch are out of step: index both with the same "
                          "indices (one permutation, not two).")


def test_order_follows_the_generator(exercise, rng):
    """the order is the one torch.randperm(N, generator=generator) gives (reproducible)"""
    X, y = _data(20)
    seed = int(torch.randint(0, 10_000, (), generator=rng))
    batches, call = _batches(exercise.iterate_minibatches, X, y, 4, seed=seed)
    _compare(batches, _expected(X, y, 4, seed), call,
             "shuffle with torch.randperm(N, generator=generator), not the global RNG and not "
             "range(N): the same generator seed must give the same batches. " + ORDER_HINT)


def test_consecutive_epochs_differ(exercise):
    """two passes with one generator give two different orders (the generator moves on)"""
    X, y = _data(12)
    gen = torch.Generator().manual_seed(5)
    call = describe_call("iterate_minibatches", X, y, 12, "gen")
    first = [b[1].clone() for b in exercise.iterate_minibatches(X, y, 12, gen)]
    second = [b[1].clone() for b in exercise.iterate_minibatches(X, y, 12, gen)]
    if torch.equal(first[0], second[0]):
        raise AssertionError(f"calling {call} twice with the same generator gave the same "
                             "order twice.\nHint: draw the permutation from `generator` on "
                             "every call; don't re-seed it.")


def test_keeps_dtype_and_noncontiguous_input(exercise):
    """works on a non-contiguous float64 X and an int64 y; batches keep their dtypes"""
    X = noncontiguous(torch.arange(18, dtype=torch.float64).reshape(9, 2))
    y = torch.arange(9) * 3
    batches, call = _batches(exercise.iterate_minibatches, X, y, 4, seed=1)
    _compare(batches, _expected(X, y, 4, 1), call, ORDER_HINT)


@pytest.mark.gpu
def test_on_gpu(exercise, gpu_device):
    """CUDA data gives CUDA batches with the same rows as on the CPU"""
    X, y = _data(10)
    expected = [(Xe.to(gpu_device), ye.to(gpu_device)) for Xe, ye in _expected(X, y, 3, 2)]
    batches, call = _batches(exercise.iterate_minibatches, X.to(gpu_device), y.to(gpu_device),
                             3, seed=2)
    _compare(batches, expected, call,
             "keep the generator on the CPU (torch.randperm(N, generator=generator)); indexing "
             "a CUDA tensor with CPU indices is allowed and gives a CUDA result.")
