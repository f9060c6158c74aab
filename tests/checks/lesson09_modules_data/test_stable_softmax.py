"""Checks for lesson09/stable_softmax."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    noncontiguous,
    randn,
    random_shape,
    require_function,
)

SOFTMAX_CALLS = (
    "torch.softmax", "torch.Tensor.softmax", "torch.nn.functional.softmax",
    "torch.special.softmax", "torch.log_softmax", "torch.Tensor.log_softmax",
    "torch.nn.functional.log_softmax", "torch.special.log_softmax",
)
LARGE_ATOL = 1e-4
"""For inputs of size ~1000: float32 spacing there is 6e-5, so exp(x - logsumexp(x)) (SciPy's
formula, also overflow-free) is off by ~2e-5; overflow bugs give NaN or 0, far outside this."""
GLOBAL_SUM = ("each slice along `dim` must sum to 1: sum with dim=dim and keepdim=True, "
              "not over the whole tensor.")


def test_small_example(exercise):
    """stable_softmax([1, 2, 3]) is [0.0900, 0.2447, 0.6652]"""
    stable_softmax = require_function(exercise, "stable_softmax")
    x = torch.tensor([1.0, 2.0, 3.0])
    assert_close(stable_softmax(x), torch.softmax(x, dim=-1), call=describe_call(
        "stable_softmax", x), atol=1e-6)


def test_large_values(exercise):
    """stable_softmax([1000, 1001]) is [0.2689, 0.7311], not NaN"""
    x = torch.tensor([1000.0, 1001.0])
    assert_close(exercise.stable_softmax(x), torch.tensor([0.268941, 0.731059]),
                 call="stable_softmax(tensor([1000., 1001.]))", atol=LARGE_ATOL,
                 hint="exp(1000) overflows to inf and inf/inf is NaN. Subtract the maximum "
                      "first: softmax(x) == softmax(x - max(x)).")


def test_shape_and_dtype(exercise, rng):
    """keeps the input's shape and dtype (float64 in, float64 out)"""
    x = randn(3, 1, 5, generator=rng, dtype=torch.float64)
    got = exercise.stable_softmax(x, dim=-1)
    assert_tensor(got, call=describe_call("stable_softmax", x, dim=-1), shape=(3, 1, 5),
                  dtype=torch.float64)


@pytest.mark.parametrize("ndim", [1, 2, 3])
def test_matches_torch_along_every_dim(exercise, rng, ndim):
    """matches torch.softmax on random 1-D, 2-D and 3-D inputs along every dim"""
    x = randn(*random_shape(rng, ndim, 1, 6), generator=rng) * 3
    for dim in range(-ndim, ndim):
        assert_close(exercise.stable_softmax(x, dim=dim), torch.softmax(x, dim=dim),
                     call=describe_call("stable_softmax", x, dim=dim), atol=1e-6, hint=GLOBAL_SUM)


def test_default_dim_is_last(exercise, rng):
    """without dim it works along the last dimension"""
    x = randn(4, 3, generator=rng)
    assert_close(exercise.stable_softmax(x), torch.softmax(x, dim=-1),
                 call=describe_call("stable_softmax", x), atol=1e-6,
                 hint="keep the default `dim: int = -1` from the stub.")


def test_slices_sum_to_one(exercise, rng):
    """every column sums to 1 for dim=0 (not the whole tensor)"""
    x = randn(5, 4, generator=rng)
    got = exercise.stable_softmax(x, dim=0)
    assert_tensor(got, call=describe_call("stable_softmax", x, dim=0), shape=(5, 4))
    assert_close(got.sum(dim=0), torch.ones(4), call=describe_call(
        "stable_softmax", x, dim=0) + ".sum(dim=0)", atol=1e-5, hint=GLOBAL_SUM)


def test_each_slice_shifted_by_its_own_max(exercise):
    """rows far apart ([[1000, 1001], [-1000, -999]]) both give [0.2689, 0.7311]"""
    x = torch.tensor([[1000.0, 1001.0], [-1000.0, -999.0]])
    assert_close(exercise.stable_softmax(x, dim=1), torch.softmax(x, dim=1),
                 call="stable_softmax(tensor([[1000., 1001.], [-1000., -999.]]), dim=1)",
                 atol=LARGE_ATOL, hint="subtract each row's own maximum (amax with dim and "
                                 "keepdim=True), not the maximum of the whole tensor: "
                                 "exp(-1000 - 1001) is 0 and 0/0 is NaN.")


def test_minus_infinity_entries(exercise):
    """a -inf score (a masked entry) gets probability 0"""
    x = torch.tensor([[0.0, float("-inf"), 1.0], [float("-inf"), 2.0, 2.0]])
    assert_close(exercise.stable_softmax(x), torch.softmax(x, dim=-1),
                 call="stable_softmax(tensor([[0., -inf, 1.], [-inf, 2., 2.]]))", atol=1e-6)


def test_size_one_empty_and_noncontiguous(exercise, rng):
    """works for a size-1 dim (all ones), an empty batch and a non-contiguous input"""
    single = randn(4, 1, generator=rng)
    assert_close(exercise.stable_softmax(single, dim=1), torch.ones(4, 1),
                 call=describe_call("stable_softmax", single, dim=1))
    empty = torch.zeros(0, 4)
    assert_close(exercise.stable_softmax(empty, dim=-1), torch.zeros(0, 4),
                 call=describe_call("stable_softmax", empty, dim=-1))
    x = noncontiguous(randn(3, 5, generator=rng))
    assert_close(exercise.stable_softmax(x, dim=1), torch.softmax(x, dim=1),
                 call=describe_call("stable_softmax", x, dim=1) + " on a non-contiguous x",
                 atol=1e-6)


def test_input_unchanged(exercise, rng):
    """leaves its input unchanged (no in-place x -= max)"""
    x = randn(3, 4, generator=rng)
    before = x.clone()
    exercise.stable_softmax(x, dim=1)
    assert_close(x, before, call="the input x after stable_softmax(x, dim=1)",
                 hint="`x -= ...` or `x.sub_(...)` changes the caller's tensor; write "
                      "`shifted = x - ...` instead.")


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA input: the result stays on the GPU and matches the CPU values"""
    x = randn(6, 7, generator=rng) * 50
    got = exercise.stable_softmax(x.to(gpu_device), dim=1)
    assert_close(got, torch.softmax(x, dim=1).to(gpu_device),
                 call=describe_call("stable_softmax", x.to(gpu_device), dim=1), atol=LARGE_ATOL)


def test_rule_no_library_softmax(exercise, rng):
    """rule: no torch.softmax / Tensor.softmax / F.softmax / log_softmax"""
    x = randn(3, 4, generator=rng)
    expected = torch.softmax(x, dim=1)
    with forbidden(*SOFTMAX_CALLS, rule="Write softmax from exp, a max and a sum."):
        got = exercise.stable_softmax(x, dim=1)
    assert_close(got, expected, call=describe_call("stable_softmax", x, dim=1), atol=1e-6)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    stable_softmax = require_function(exercise, "stable_softmax")
    for args in [(torch.randn(3, 4, generator=rng), -1), (torch.randn(3, 4, generator=rng), 0)]:
        with inputs_unchanged(describe_call("stable_softmax", *args), **dict(zip(("x", "dim"), args))):
            stable_softmax(*args)
