"""Checks for lesson06/frozen_features."""

import ast
from pathlib import Path

import pytest
import torch

from tutor.testing import (
    RuleViolation,
    assert_close,
    assert_tensor,
    describe_call,
    randn,
    require_function,
)


def _weights(rng, n=4, d=3, h=5, o=2, device="cpu"):
    X = randn(n, d, generator=rng, device=device)
    W1 = randn(d, h, generator=rng, device=device).requires_grad_()
    W2 = randn(h, o, generator=rng, device=device).requires_grad_()
    return X, W1, W2


def _expected(X, W1, W2):
    return torch.relu(X @ W1.detach()) @ W2.detach()


def test_small_example(exercise):
    """X = [[1, -1]], W1 = identity, W2 = [[2], [3]]: y_hat = relu([1, -1]) @ W2 = [[2]]"""
    frozen_features = require_function(exercise, "frozen_features")
    X = torch.tensor([[1.0, -1.0]])
    W1 = torch.eye(2, requires_grad=True)
    W2 = torch.tensor([[2.0], [3.0]], requires_grad=True)
    got = frozen_features(X, W1, W2)
    assert_close(got, torch.tensor([[2.0]]), call=describe_call("frozen_features", X, W1, W2))


def test_values(exercise, rng, device):
    """y_hat = relu(X @ W1) @ W2 with shape (N, O), on random weights"""
    frozen_features = require_function(exercise, "frozen_features")
    for n, d, h, o in [(4, 3, 5, 2), (1, 1, 1, 1), (6, 2, 3, 4)]:
        X, W1, W2 = _weights(rng, n, d, h, o, device)
        got = frozen_features(X, W1, W2)
        assert_close(got, _expected(X, W1, W2), call=describe_call("frozen_features", X, W1, W2))


def test_dtype_and_device(exercise, rng):
    """keeps the inputs' dtype (float64) and device (meta): y_hat is float64, on X's device"""
    frozen_features = require_function(exercise, "frozen_features")
    X = randn(4, 3, generator=rng, dtype=torch.float64)
    W1 = randn(3, 5, generator=rng, dtype=torch.float64).requires_grad_()
    W2 = randn(5, 2, generator=rng, dtype=torch.float64).requires_grad_()
    meta = [torch.empty(*s, device="meta", dtype=torch.float64) for s in ((4, 3), (3, 5), (5, 2))]
    meta_weights = (meta[0], meta[1].requires_grad_(), meta[2].requires_grad_())
    for X_, W1_, W2_ in ((X, W1, W2), meta_weights):
        call = describe_call("frozen_features", X_, W1_, W2_)
        got = frozen_features(X_, W1_, W2_)
        assert_tensor(got, shape=(4, 2), dtype=torch.float64, device=X_.device, call=call)
        if X_.device.type != "meta":
            assert_close(got, _expected(X_, W1_, W2_), atol=1e-12, rtol=1e-10, call=call)


def test_head_still_trains(exercise, rng):
    """y_hat still has a graph back to W2 (requires_grad=True), so the head can learn"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    got = frozen_features(X, W1, W2)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{describe_call('frozen_features', X, W1, W2)} returned a tensor with "
        "requires_grad=False: no gradient can reach W2.\nHint: only the feature part "
        "(relu(X @ W1)) goes inside torch.no_grad() or gets .detach(); the last matmul "
        "with W2 must be recorded.")


def test_gradients_reach_only_w2(exercise, rng):
    """after backward, W2.grad is the right gradient and W1.grad stays None"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    call = describe_call("frozen_features", X, W1, W2)
    y_hat = frozen_features(X, W1, W2)
    assert isinstance(y_hat, torch.Tensor) and y_hat.requires_grad, (
        f"{call} returned a tensor without a graph, so nothing can be trained.")
    y_hat.pow(2).sum().backward()
    assert W1.grad is None, (
        f"after {call}.pow(2).sum().backward(), W1.grad is not None: the gradient flowed "
        "through the features into W1.\nHint: compute the features under torch.no_grad(), "
        "or .detach() them, before multiplying by W2.")
    features = torch.relu(X @ W1.detach())
    assert_close(W2.grad, 2 * features.T @ _expected(X, W1, W2), atol=1e-4, rtol=1e-4,
                 call=f"after backward, W2.grad from {call}")


def test_caller_flags_untouched(exercise, rng):
    """freezes by not recording, not by switching off W1.requires_grad on the caller's tensor"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    frozen_features(X, W1, W2)
    assert W1.requires_grad and W1.is_leaf, (
        f"after {describe_call('frozen_features', X, W1, W2)}, W1.requires_grad is False: "
        "the function changed the caller's weight for good.\nHint: leave W1 as it is; stop "
        "the gradient inside your function with torch.no_grad() or .detach().")


def test_inputs_unchanged(exercise, rng):
    """leaves the values of X, W1 and W2 alone, and fills no .grad"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    before = [t.detach().clone() for t in (X, W1, W2)]
    frozen_features(X, W1, W2)
    call = describe_call("frozen_features", X, W1, W2)
    for name, now, then in zip(("X", "W1", "W2"), (X, W1, W2), before):
        assert torch.equal(now.detach(), then), f"after {call}, the values of {name} changed."
        assert now.grad is None, (f"after {call}, {name}.grad is set: the function ran a "
                                  "backward pass; it should only build y_hat.")


def test_rule_no_dot_data(exercise, rng):
    """rule: stop the gradient with torch.no_grad() or .detach(), not the legacy .data"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    assert_close(frozen_features(X, W1, W2), _expected(X, W1, W2),
                 call=describe_call("frozen_features", X, W1, W2))
    path = Path(exercise.__file__ or "")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = [node.lineno for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr == "data"]
    if lines:
        raise RuleViolation(
            f"Rule broken: {path.name} uses `.data` on line {lines[0]}. `.data` is the "
            "pre-0.4 way to escape autograd; it skips autograd's safety checks and can give "
            "silently wrong gradients. Use .detach() or a torch.no_grad() block.")


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on CUDA tensors, y_hat and W2.grad are on the GPU and match the CPU"""
    frozen_features = require_function(exercise, "frozen_features")
    X, W1, W2 = _weights(rng)
    expected = _expected(X, W1, W2)
    X_gpu = X.to(gpu_device)
    W1_gpu = W1.detach().to(gpu_device).requires_grad_()
    W2_gpu = W2.detach().to(gpu_device).requires_grad_()
    call = describe_call("frozen_features", X_gpu, W1_gpu, W2_gpu)
    got = frozen_features(X_gpu, W1_gpu, W2_gpu)
    assert_close(got, expected.to(gpu_device), atol=1e-4, rtol=1e-4, call=call)
    got.sum().backward()
    assert W1_gpu.grad is None, f"after {call}.sum().backward(), W1.grad is not None."
    assert W2_gpu.grad is not None and W2_gpu.grad.device.type == "cuda", (
        f"after {call}.sum().backward(), W2.grad must be a CUDA tensor.")
