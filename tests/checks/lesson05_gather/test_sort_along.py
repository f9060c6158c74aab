"""Checks for lesson05/sort_along."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_no_loops,
    assert_tensor,
    describe_call,
    noncontiguous,
    randn,
    random_shape,
    require_function,
    shapes,
)


def _spec(values, keys, dim):
    # Sort the keys stretched to values' shape, then read values at those positions.
    order = torch.sort(keys.expand(values.shape), dim=dim, stable=True).indices
    return values.gather(dim, order)


def _shared_keys_shape(rng, shape, dim):
    # Size 1 (one key shared) in about half of the dims other than `dim`.
    dim = dim % len(shape)
    coins = torch.rand(len(shape), generator=rng).tolist()
    return tuple(1 if d != dim and coin < 0.5 else n for d, (n, coin) in enumerate(zip(shape, coins)))


def _shape_hint(got, values, keys):
    # Evidence for gather with an unexpanded index: the result has keys' shape, not values'.
    if isinstance(got, torch.Tensor) and got.shape == keys.shape != values.shape:
        return ("the result has keys' shape: gather never broadcasts its index. Use "
                "torch.take_along_dim (it broadcasts) or expand the order to values' shape.")
    return None


def _check(exercise, values, keys, dim):
    before = (values.clone(), keys.clone())
    flags = (values.requires_grad, keys.requires_grad)
    call = describe_call("sort_along", values, keys, dim=dim)
    got = exercise.sort_along(values, keys, dim=dim)
    expected = _spec(*before, dim)   # from copies: an in-place answer must not move it
    assert_tensor(got, call=call, shape=tuple(values.shape), dtype=values.dtype,
                  device=values.device, hint=_shape_hint(got, values, keys),
                  trace=shapes(exercise.sort_along, *before, dim=dim))
    assert_equal(got.detach(), expected, call=call,
                 hint="reorder values by the order that sorts keys (argsort of keys), "
                      "not by sorting values themselves.")
    assert torch.equal(values.detach(), before[0]) and torch.equal(keys, before[1]) and \
        flags == (values.requires_grad, keys.requires_grad), (
        f"{call} changed its inputs (values or requires_grad); the contract returns a new tensor and leaves "
        "values and keys as they were.")


@pytest.mark.task(1)
def test_small_example(exercise):
    """sorts [[10, 20, 30], [40, 50, 60]] by keys [[0.3, 0.1, 0.2], [0.5, 0.9, 0.4]] along dim 1"""
    require_function(exercise, "sort_along")
    values = torch.tensor([[10, 20, 30], [40, 50, 60]])
    keys = torch.tensor([[0.3, 0.1, 0.2], [0.5, 0.9, 0.4]])
    got = exercise.sort_along(values, keys, dim=1)
    assert_equal(got, torch.tensor([[20, 30, 10], [60, 40, 50]]),
                 call=describe_call("sort_along", values, keys, dim=1))


@pytest.mark.task(1)
@pytest.mark.parametrize("ndim", [1, 2, 3, 4])
def test_random_shapes_every_dim(exercise, rng, device, ndim):
    """matches sort-then-gather on random shapes, along every dim (negative dims too)"""
    shape = random_shape(rng, ndim, 1, 6)
    values = randn(*shape, generator=rng, device=device)
    keys = randn(*shape, generator=rng, device=device)
    for dim in [*range(ndim), -1, -ndim]:
        _check(exercise, values, keys, dim)


@pytest.mark.task(1)
def test_default_dim_is_last(exercise, rng):
    """dim defaults to -1 (the last dim)"""
    values, keys = randn(3, 5, generator=rng), randn(3, 5, generator=rng)
    got = exercise.sort_along(values, keys)
    assert_close(got, _spec(values, keys, -1), call=describe_call("sort_along", values, keys))


@pytest.mark.task(2)
@pytest.mark.parametrize("ndim", [2, 3, 4])
def test_shared_keys_broadcast(exercise, rng, device, ndim):
    """keys of size 1 in other dims are shared: keys (B, T, 1) reorder all H features of values (B, T, H)"""
    shape = random_shape(rng, ndim, 2, 6)
    values = randn(*shape, generator=rng, device=device)
    for dim in range(ndim):
        keys = randn(*_shared_keys_shape(rng, shape, dim), generator=rng, device=device)
        _check(exercise, values, keys, dim)
    keys = randn(*shape[:-1], 1, generator=rng, device=device)   # always one shared dim
    _check(exercise, values, keys, 0)


@pytest.mark.task(1)
@pytest.mark.parametrize("dtype", [torch.int64, torch.float64, torch.float16, torch.int32])
def test_keeps_dtype(exercise, rng, dtype):
    """keeps values' dtype (int64, float64, float16, int32); keys may be float32 or float64"""
    values = (randn(4, 6, generator=rng) * 10).to(dtype)
    keys = randn(4, 6, generator=rng, dtype=torch.float64)
    _check(exercise, values, keys, 1)
    _check(exercise, values, keys.float(), 0)


@pytest.mark.task(1)
def test_noncontiguous(exercise, rng):
    """works on non-contiguous values and keys (a transposed and a strided view)"""
    values = randn(6, 4, generator=rng).t()
    keys = noncontiguous(randn(4, 6, generator=rng))
    _check(exercise, values, keys, 1)
    _check(exercise, values, keys, 0)


@pytest.mark.task(3)
def test_gradients_reach_values(exercise, rng):
    """gradients flow back to values (each entry gets the gradient of the place it moved to)"""
    values = randn(3, 5, generator=rng, dtype=torch.float64).requires_grad_()
    keys = randn(3, 5, generator=rng, dtype=torch.float64)
    weights = randn(3, 5, generator=rng, dtype=torch.float64)
    call = describe_call("sort_along", values, keys, dim=1)
    got = exercise.sort_along(values, keys, dim=1)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result with no autograd history; expected gradients to reach "
        "values.\nHint: index with the order (take_along_dim or gather); do not call .detach(), "
        ".item() or torch.tensor(...) on the values.")
    (got * weights).sum().backward()
    expected = torch.autograd.grad((_spec(values, keys, 1) * weights).sum(), values)[0]
    assert_close(values.grad, expected, call=f"values.grad after {call}", atol=1e-12)


@pytest.mark.task(3)
def test_tensors_made_on_the_inputs_device(exercise, rng):
    """every tensor it creates is on the inputs' device (checked with 'meta' as the default device)"""
    values, keys = randn(2, 7, 3, generator=rng), randn(2, 7, 1, generator=rng)
    call = describe_call("sort_along", values, keys, dim=1) + " with torch.device('meta') active"
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = exercise.sort_along(values, keys, dim=1)
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except RuntimeError as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__}: {str(error)[:160]}\nHint: a tensor made "
            "without device= (torch.zeros, torch.arange, torch.tensor) follows the default "
            "device, not the inputs'; make it from the inputs (zeros_like, "
            "new_zeros, device=values.device).") from None
    assert_tensor(got, call=call, shape=(2, 7, 3), dtype=torch.float32, device="cpu",
                  hint="a tensor made without device= follows the default device, not the "
                       "inputs': make new tensors from the inputs (device=values.device).")
    assert_equal(got, _spec(values, keys, 1), call=call)


@pytest.mark.task(3)
def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    values, keys = randn(3, 4, generator=rng), randn(3, 4, generator=rng)
    _check(exercise, values, keys, 1)
    assert_no_loops(exercise)


@pytest.mark.task(3)
@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    values, keys = randn(8, 50, 4, generator=rng), randn(8, 50, 1, generator=rng)
    got = exercise.sort_along(values.to(gpu_device), keys.to(gpu_device), dim=1)
    assert_close(got, _spec(values, keys, 1).to(gpu_device),
                 call=describe_call("sort_along", values.to(gpu_device), keys.to(gpu_device),
                                    dim=1))
