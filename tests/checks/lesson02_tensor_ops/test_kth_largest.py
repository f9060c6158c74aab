"""Checks for lesson02/kth_largest."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_no_loops,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    noncontiguous,
    require_function,
)

KTH_HINT = ("kthvalue(j, dim=1) returns the j-th SMALLEST. Among C values the k-th largest "
            "is the (C - k + 1)-th smallest.")
SORT_CALLS = ("torch.topk", "torch.Tensor.topk", "torch.sort", "torch.Tensor.sort",
              "torch.argsort", "torch.Tensor.argsort", "torch.msort", "torch.Tensor.msort")

# The 4 x 10 score matrix of the seed notes (course notes, lesson 13).
SEED = torch.tensor([
    [0.7841, 0.5202, 0.5160, 0.4788, 0.6427, 0.1049, 0.5161, 0.3836, 0.1677, 0.4653],
    [0.4838, 0.4054, 0.4336, 0.1541, 0.4228, 0.4602, 0.5819, 0.3031, 0.0749, 0.7695],
    [0.2420, 0.7969, 0.7428, 0.4675, 0.3132, 0.7516, 0.6356, 0.4277, 0.7945, 0.1089],
    [0.0475, 0.6876, 0.4313, 0.2479, 0.8423, 0.2280, 0.3918, 0.2062, 0.9654, 0.9479]])


def _run(exercise, X: torch.Tensor, k: int):
    kth_largest = require_function(exercise, "kth_largest")
    call = describe_call("kth_largest", X, k)
    try:
        return kth_largest(X, k), call
    except NotImplementedError:
        raise
    except (RuntimeError, IndexError) as error:
        if "out of range" in str(error):
            raise AssertionError(f"{call} raised {type(error).__name__}: {error}\nHint: "
                                 f"{KTH_HINT} j must stay in 1..C.") from error
        raise


def _spec(X: torch.Tensor, k: int) -> torch.Tensor:
    """Sort each row from the largest down and take position k - 1."""
    return torch.stack([torch.tensor(sorted(row.tolist(), reverse=True)[k - 1], dtype=X.dtype)
                        for row in X.cpu()]).to(X.device)


def test_small_example(exercise):
    """kth_largest([[0.1, 0.9, 0.5, 0.3], [4, 2, 3, 1]], 2) is [0.5, 3]"""
    X = torch.tensor([[0.1, 0.9, 0.5, 0.3], [4.0, 2.0, 3.0, 1.0]])
    got, call = _run(exercise, X, 2)
    assert_close(got, torch.tensor([0.5, 3.0]), call=call, hint=KTH_HINT)


def test_seed_matrix(exercise):
    """the seed's 4 x 10 matrix: the 3rd largest per row is [0.5202, 0.4838, 0.7516, 0.8423]"""
    got, call = _run(exercise, SEED, 3)
    assert_close(got, torch.tensor([0.5202, 0.4838, 0.7516, 0.8423]), call=call, hint=KTH_HINT)


def test_shape(exercise, rng):
    """one value per row: X (5, 7) gives shape (5,)"""
    got, call = _run(exercise, torch.randn(5, 7, generator=rng), 2)
    assert_tensor(got, call=call, shape=(5,),
                  hint="kthvalue returns (values, indices); return only .values.")


def test_k_is_one_and_k_is_c(exercise, rng):
    """k = 1 is the row maximum and k = C the row minimum"""
    X = torch.randn(4, 6, generator=rng)
    got, call = _run(exercise, X, 1)
    assert_close(got, X.amax(dim=1), call=call, hint=KTH_HINT)
    got, call = _run(exercise, X, 6)
    assert_close(got, X.amin(dim=1), call=call, hint=KTH_HINT)


@pytest.mark.parametrize("n, c", [(1, 5), (6, 1), (3, 8), (8, 3)])
def test_random_values(exercise, rng, device, n, c):
    """matches sorting each row on random inputs, for every valid k"""
    X = torch.randn(n, c, generator=rng).to(device)
    for k in range(1, c + 1):
        got, call = _run(exercise, X, k)
        assert_close(got, _spec(X, k), call=call, hint=KTH_HINT)


def test_integers_with_ties(exercise, rng):
    """integer rows with repeated values: [[5, 1, 5, 3]] has 2nd largest 5"""
    got, call = _run(exercise, torch.tensor([[5, 1, 5, 3]]), 2)
    assert_equal(got, torch.tensor([5]), call=call, hint=KTH_HINT)
    X = torch.randint(0, 4, (5, 6), generator=rng)
    got, call = _run(exercise, X, 4)
    assert_equal(got, _spec(X, 4), call=call, hint=KTH_HINT)


def test_noncontiguous(exercise, rng):
    """works on a non-contiguous X"""
    X = noncontiguous(torch.randn(4, 5, generator=rng))
    got, call = _run(exercise, X, 2)
    assert_close(got, _spec(X, 2), call=call, hint=KTH_HINT)


def test_rule_kthvalue_only(exercise, rng):
    """rule: use kthvalue (no topk, sort, argsort or msort) and no Python loops"""
    X = torch.randn(3, 7, generator=rng)
    expected = _spec(X, 3)
    with forbidden(*SORT_CALLS, rule="This exercise is about kthvalue and its k-th smallest "
                                     "convention."):
        got, call = _run(exercise, X, 3)
    assert_close(got, expected, call=call, hint=KTH_HINT)
    assert_no_loops(exercise)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    kth_largest = require_function(exercise, "kth_largest")
    for args in [(torch.randn(4, 6, generator=rng), 2)]:
        with inputs_unchanged(describe_call("kth_largest", *args), **dict(zip(("X", "k"), args))):
            kth_largest(*args)
