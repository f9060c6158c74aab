"""Checks for lesson02/linear_forward."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    inputs_unchanged,
    mistake,
    noncontiguous,
    randn,
    require_function,
)

TRANSPOSE_HINT = ("W is stored as (out_features, in_features), like nn.Linear.weight. X has "
                  "in_features columns, so multiply by W's transpose: X @ W.T.")


def _run(exercise, X: torch.Tensor, W: torch.Tensor, b: torch.Tensor):
    """Call linear_forward; a matmul shape error becomes a failed check with a hint."""
    linear_forward = require_function(exercise, "linear_forward")
    call = describe_call("linear_forward", X, W, b)
    try:
        return linear_forward(X, W, b), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        if "cannot be multiplied" in str(error) or "size of tensor" in str(error):
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: "
                                 f"{TRANSPOSE_HINT}") from error
        if "must be a matrix" in str(error) or "2D" in str(error):
            raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: torch.mm and "
                                 f".mm accept 2-D matrices only; the @ operator (torch.matmul) "
                                 f"treats X's leading dims as a batch: X @ W.T + b.") from error
        raise


def _inputs(rng: torch.Generator, lead: tuple[int, ...], n_in: int, n_out: int,
            device: torch.device | str = "cpu"):
    X = randn(*lead, n_in, generator=rng, device=device)
    W = randn(n_out, n_in, generator=rng, device=device)
    b = randn(n_out, generator=rng, device=device)
    return X, W, b


def test_small_example(exercise):
    """X = [[1, 2, 3, 4], [5, 6, 7, 8]], W = [[2, 3, 1, 0]], b = [0.5] give [[11.5], [35.5]]"""
    X = torch.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]])
    W = torch.tensor([[2.0, 3.0, 1.0, 0.0]])
    got, call = _run(exercise, X, W, torch.tensor([0.5]))
    no_bias = mistake("no bias", lambda: X @ W.T, "that is X @ W.T without the bias: add b.")
    assert_close(got, torch.tensor([[11.5], [35.5]]), call=call, hint=TRANSPOSE_HINT,
                 mistakes=[no_bias])


def test_shape(exercise, rng):
    """X (5, 3) with W (4, 3) gives shape (5, 4) = (N, out_features)"""
    got, call = _run(exercise, *_inputs(rng, (5,), 3, 4))
    assert_tensor(got, call=call, shape=(5, 4), hint=TRANSPOSE_HINT)


def test_square_weight(exercise, rng):
    """a square W (in = out = 4) must still be transposed: compared with F.linear"""
    X, W, b = _inputs(rng, (3,), 4, 4)
    got, call = _run(exercise, X, W, b)
    assert_close(got, F.linear(X, W, b), call=call, atol=1e-5, rtol=1e-5,
                 hint="with a square W, X @ W runs without an error but gives wrong numbers. "
                      + TRANSPOSE_HINT)


def test_matches_nn_linear(exercise, rng):
    """gives what nn.Linear gives with the same weight and bias"""
    layer = torch.nn.Linear(6, 2)
    X = randn(7, 6, generator=rng)
    with torch.no_grad():
        expected = layer(X)
        got, call = _run(exercise, X, layer.weight, layer.bias)
    assert_close(got, expected, call=call, atol=1e-5, rtol=1e-5, hint=TRANSPOSE_HINT)


@pytest.mark.parametrize("n, n_in, n_out", [(1, 5, 3), (4, 1, 2), (4, 3, 1), (8, 16, 5)])
def test_random_values(exercise, rng, device, n, n_in, n_out):
    """matches F.linear on random inputs, size-1 dims included"""
    X, W, b = _inputs(rng, (n,), n_in, n_out, device)
    got, call = _run(exercise, X, W, b)
    assert_close(got, F.linear(X, W, b), call=call, atol=1e-5, rtol=1e-5,
                 hint="add b once per output column: y_hat = X @ W.T + b.")


def test_leading_dims(exercise, rng, device):
    """works for X of shape (2, 3, in_features) too, like nn.Linear"""
    X, W, b = _inputs(rng, (2, 3), 4, 5, device)
    got, call = _run(exercise, X, W, b)
    assert_close(got, F.linear(X, W, b), call=call, atol=1e-5, rtol=1e-5,
                 hint="the @ operator treats leading dims as a batch; use X @ W.T, not "
                      "torch.mm (2-D only).")


def test_float64_and_noncontiguous(exercise, rng):
    """float64 inputs stay float64; non-contiguous X and W work"""
    X, W, b = _inputs(rng, (4,), 3, 2)
    X, W, b = noncontiguous(X.double()), noncontiguous(W.double()), b.double()
    got, call = _run(exercise, X, W, b)
    assert_close(got, F.linear(X, W, b), call=call, atol=1e-10, rtol=1e-10)


def test_empty_batch(exercise, rng):
    """an empty batch X (0, in_features) gives (0, out_features)"""
    X, W, b = _inputs(rng, (0,), 3, 2)
    got, call = _run(exercise, X, W, b)
    assert_tensor(got, call=call, shape=(0, 2))


def test_rule_no_linear(exercise, rng):
    """rule: no torch.nn.functional.linear and no nn.Linear layer"""
    X, W, b = _inputs(rng, (3,), 4, 2)
    expected = F.linear(X, W, b)
    with forbidden("torch.nn.functional.linear",
                   rule="Write the product yourself: X @ W.T + b."):
        got, call = _run(exercise, X, W, b)
    assert_close(got, expected, call=call, atol=1e-5, rtol=1e-5)


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on the GPU: the result stays on the GPU and matches the CPU result"""
    X, W, b = _inputs(rng, (64,), 128, 32)
    expected = F.linear(X.double(), W.double(), b.double()).float()
    got, call = _run(exercise, X.to(gpu_device), W.to(gpu_device), b.to(gpu_device))
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-4, rtol=1e-4,
                 hint="keep every tensor on the input's device; do not call .cpu().")


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    linear_forward = require_function(exercise, "linear_forward")
    for args in [(torch.randn(5, 3, generator=rng), torch.randn(4, 3, generator=rng), torch.randn(4, generator=rng))]:
        with inputs_unchanged(describe_call("linear_forward", *args), **dict(zip(("X", "W", "b"), args))):
            linear_forward(*args)


def test_gradients_reach_weight_and_bias(exercise, rng):
    """keeps the autograd graph: backward through the result gives W and b their gradients"""
    linear_forward = require_function(exercise, "linear_forward")
    X = torch.randn(5, 3, generator=rng)
    W = torch.randn(4, 3, generator=rng).requires_grad_()
    b = torch.randn(4, generator=rng).requires_grad_()
    call = describe_call("linear_forward", X, W, b)
    got = linear_forward(X, W, b)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result without autograd history although W and b require grad, "
        "so a layer built on it could never learn. Compute it from X, W and b directly (no "
        ".detach(), no torch.tensor(...) around the result).")
    got.sum().backward()
    assert_close(W.grad, torch.ones(5, 4).T @ X, call=f"W.grad after {call}.sum().backward()")
    assert_close(b.grad, torch.full((4,), 5.0), call=f"b.grad after {call}.sum().backward()")
