"""Checks for lesson08/sgd_step."""

import pytest
import torch
from torch import nn

from tutor.testing import assert_close, describe_call, forbidden, require_function

CLEAR_HINT = ("after the update, clear the gradient (p.grad = None, as optimizer.zero_grad() "
              "does): backward() ADDS into .grad, so a stale gradient leaks into the next step.")


def _params_with_grads(rng, shapes, device="cpu"):
    """Leaf tensors that require grad, with .grad filled by a real backward pass."""
    params = [torch.randn(s, generator=rng).to(device).requires_grad_(True) for s in shapes]
    weights = [torch.randn(s, generator=rng).to(device) for s in shapes]
    loss = sum(((p - w) ** 3).sum() for p, w in zip(params, weights))
    loss.backward()
    return params


def _check_cleared(p, call, i):
    if p.grad is None:
        return
    if bool(p.grad.any()):
        raise AssertionError(f"after {call}, parameter #{i} still has its old gradient in "
                             f".grad.\nHint: {CLEAR_HINT}")
    # One truth with the stub and optimizer.zero_grad() (set_to_none=True since PyTorch 2.0):
    # zeros would work numerically, but the contract says None, which also frees the memory.
    raise AssertionError(f"after {call}, parameter #{i} has .grad filled with zeros; the "
                         "contract clears it to None (p.grad = None), as "
                         "optimizer.zero_grad() does in PyTorch 2.x.")


def test_worked_example(exercise):
    """w = [1, 2] with grad [2, 4] and lr 0.1 becomes [0.8, 1.6] and its grad is cleared"""
    sgd_step = require_function(exercise, "sgd_step")
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w**2).sum().backward()
    call = describe_call("sgd_step", [w], 0.1)
    result = sgd_step([w], 0.1)
    if result is not None:
        raise AssertionError(f"{call} returned {result!r}; it should update in place and "
                             "return None.")
    assert_close(w.detach(), torch.tensor([0.8, 1.6]), call=call + " then w",
                 hint="the update is w <- w - lr * w.grad, done in place (w -= ...) inside "
                      "`with torch.no_grad():`. `w = w - ...` only rebinds a local name.")
    _check_cleared(w, call, 0)


def test_values_on_random_parameters(exercise, rng):
    """every parameter becomes old - lr * grad (a matrix, a vector and a 0-dim scalar)"""
    params = _params_with_grads(rng, [(3, 4), (4,), ()])
    lr = float(torch.rand((), generator=rng)) * 0.5 + 0.01
    expected = [(p - lr * p.grad).detach().clone() for p in params]
    call = describe_call("sgd_step", params, lr)
    exercise.sgd_step(params, lr)
    for i, (p, e) in enumerate(zip(params, expected)):
        assert_close(p.detach(), e, call=f"{call} then parameter #{i}",
                     hint="each parameter moves AGAINST its gradient: p -= lr * p.grad.")


def test_gradients_cleared(exercise, rng):
    """after the step every gradient is cleared to None (as optimizer.zero_grad() does)"""
    params = _params_with_grads(rng, [(2, 3), (5,)])
    call = describe_call("sgd_step", params, 0.1)
    exercise.sgd_step(params, 0.1)
    for i, p in enumerate(params):
        _check_cleared(p, call, i)


def test_parameters_stay_leaves_updated_in_place(exercise, rng):
    """parameters stay the same leaf tensors (same storage), with requires_grad and no grad_fn"""
    params = _params_with_grads(rng, [(4, 2), (3,)])
    pointers = [p.data_ptr() for p in params]
    call = describe_call("sgd_step", params, 0.05)
    exercise.sgd_step(params, 0.05)
    for i, (p, ptr) in enumerate(zip(params, pointers)):
        problem = None
        if not p.requires_grad:
            problem = "no longer requires grad"
        elif not p.is_leaf or p.grad_fn is not None:
            problem = f"is no longer a leaf (grad_fn={type(p.grad_fn).__name__})"
        elif p.data_ptr() != ptr:
            problem = "now lives in new memory instead of being updated in place"
        if problem:
            raise AssertionError(
                f"after {call}, parameter #{i} {problem}.\nHint: update in place inside "
                "`with torch.no_grad():` (p -= lr * p.grad), so autograd does not record the "
                "update and the parameter stays the same leaf tensor.")


def test_skips_parameters_without_gradient(exercise, rng):
    """a parameter whose .grad is None (not used in the loss) is left unchanged"""
    used = torch.randn(3, generator=rng).requires_grad_(True)
    unused = torch.randn(2, generator=rng).requires_grad_(True)
    (used**2).sum().backward()
    before_used = (used - 0.1 * used.grad).detach().clone()
    before_unused = unused.detach().clone()
    call = describe_call("sgd_step", [used, unused], 0.1)
    exercise.sgd_step([used, unused], 0.1)
    assert_close(used.detach(), before_used, call=f"{call} then parameter #0")
    assert_close(unused.detach(), before_unused, call=f"{call} then parameter #1 (grad None)",
                 hint="skip parameters whose .grad is None, as torch.optim does.")


def test_two_steps_use_fresh_gradients(exercise, rng):
    """two steps in a row: the second uses only the second backward's gradient"""
    X, y = torch.randn(6, 3, generator=rng), torch.randn(6, generator=rng)
    w = torch.zeros(3, requires_grad=True)
    w_ref = torch.zeros(3)
    call = describe_call("sgd_step", [w], 0.1)
    for step in (1, 2):
        ((X @ w - y) ** 2).mean().backward()
        grad = 2 * X.T @ (X @ w_ref - y) / 6
        w_ref = w_ref - 0.1 * grad
        exercise.sgd_step([w], 0.1)
        assert_close(w.detach(), w_ref, call=f"step {step}: {call} then w", atol=1e-6,
                     hint=CLEAR_HINT if step == 2 else None)


def test_accepts_parameters_generator(exercise, rng):
    """works with net.parameters(), a generator that can be looped over only once"""
    net = nn.Linear(3, 2)
    X = torch.randn(5, 3, generator=rng)
    net(X).pow(2).sum().backward()
    expected = [(p - 0.1 * p.grad).detach().clone() for p in net.parameters()]
    call = "sgd_step(net.parameters(), 0.1)"
    exercise.sgd_step(net.parameters(), 0.1)
    for (name, p), e in zip(net.named_parameters(), expected):
        assert_close(p.detach(), e, call=f"{call} then net.{name}")
        if p.grad is not None and bool(p.grad.any()):
            raise AssertionError(
                f"after {call}, net.{name} still has its old gradient.\nHint: "
                "net.parameters() is a generator: a second `for` loop over it sees nothing. "
                "Update and clear each parameter in the same loop.")


def test_rule_no_torch_optim(exercise, rng):
    """rule: write the update yourself (torch.optim.SGD is disabled)"""
    params = _params_with_grads(rng, [(3,)])
    expected = (params[0] - 0.2 * params[0].grad).detach().clone()
    call = describe_call("sgd_step", params, 0.2)
    with forbidden("torch.optim.SGD",
                   rule="Write p -= lr * p.grad yourself under torch.no_grad()."):
        exercise.sgd_step(params, 0.2)
    assert_close(params[0].detach(), expected, call=call)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """CUDA parameters are updated on CUDA and match the same step on the CPU"""
    cpu = _params_with_grads(rng, [(4, 3), (3,)])
    expected = [(p - 0.1 * p.grad).detach().to(gpu_device) for p in cpu]
    gpu = [p.detach().to(gpu_device).requires_grad_(True) for p in cpu]
    for p, c in zip(gpu, cpu):
        p.grad = c.grad.to(gpu_device)
    call = describe_call("sgd_step", gpu, 0.1)
    exercise.sgd_step(gpu, 0.1)
    for i, (p, e) in enumerate(zip(gpu, expected)):
        assert_close(p.detach(), e, call=f"{call} then parameter #{i}", atol=1e-6)
        _check_cleared(p, call, i)
