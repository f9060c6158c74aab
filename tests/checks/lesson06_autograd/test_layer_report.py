"""Checks for lesson06/layer_report."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    randn,
    random_shape,
    require_function,
)

HOOK_DICTS = ("_forward_hooks", "_forward_pre_hooks", "_backward_hooks", "_backward_pre_hooks")


class Residual(nn.Module):
    """fc1 → act → fc2, plus a skip connection: out = fc2(h) + h."""

    def __init__(self, d: int, h: int) -> None:
        super().__init__()
        self.fc1, self.act, self.fc2 = nn.Linear(d, h), nn.Tanh(), nn.Linear(h, h)

    def forward(self, x):
        h = self.act(self.fc1(x))
        return self.fc2(h) + h


def _sequential(rng, d, h, o):
    torch.manual_seed(int(torch.randint(0, 2**31 - 1, (), generator=rng)))
    return nn.Sequential(nn.Linear(d, h), nn.ReLU(), nn.Linear(h, o))


def _residual(rng, d, h):
    torch.manual_seed(int(torch.randint(0, 2**31 - 1, (), generator=rng)))
    return Residual(d, h)


def _reference(net, X, y):
    """Every child's output and dloss/d(output), from a forward pass the check watches itself."""
    outputs, handles = {}, []

    def keep(name):
        def hook(module, inputs, output):
            outputs[name] = output                  # returning None keeps the output as is
        return hook

    for name, child in net.named_children():
        handles.append(child.register_forward_hook(keep(name)))
    try:
        loss = ((net(X) - y) ** 2).mean()
        params = [p for p in net.parameters() if p.requires_grad]
        kept = torch.autograd.grad(loss, list(outputs.values()) + params)
    finally:
        for handle in handles:
            handle.remove()
    grads = dict(zip(outputs, kept[:len(outputs)]))
    return {k: v.detach() for k, v in outputs.items()}, grads


def _call(exercise, net, X, y):
    layer_report = require_function(exercise, "layer_report")
    call = f"layer_report({type(net).__name__}, X={describe(X)}, y={describe(y)})"
    result = layer_report(net, X, y)
    if not (isinstance(result, tuple) and len(result) == 2
            and all(isinstance(part, dict) for part in result)):
        raise AssertionError(f"{call} returned {describe(result)}; expected a pair of dicts "
                             "(outputs, grads).")
    names = [name for name, _ in net.named_children()]
    for label, part in zip(("outputs", "grads"), result):
        if sorted(part) != sorted(names):
            raise AssertionError(f"{call} returned {label} with the keys {sorted(part)}; "
                                 f"expected one per child of net: {names}.")
    return result[0], result[1], call


def _hooks_left(net):
    return [f"{name or 'net'}.{attr}" for name, module in net.named_modules()
            for attr in HOOK_DICTS if getattr(module, attr, None)]


@pytest.mark.task(1)
def test_outputs(exercise, rng):
    """records every child's output: Linear, ReLU, Linear of a Sequential"""
    d, h, o = random_shape(rng, 3, 2, 7, names="d, h, o")
    net, X, y = _sequential(rng, d, h, o), randn(5, d, generator=rng), randn(5, o, generator=rng)
    outputs, _, call = _call(exercise, net, X, y)
    want, _ = _reference(net, X, y)
    for name, tensor in want.items():
        assert_close(outputs[name], tensor, call=f"{call}, outputs[{name!r}],",
                     hint="record the `output` argument of a forward hook on that child.")


@pytest.mark.task(2)
def test_gradients(exercise, rng):
    """records dloss/d(output) of every child, as autograd computes it"""
    d, h, o = random_shape(rng, 3, 2, 7, names="d, h, o")
    net, X, y = _sequential(rng, d, h, o), randn(6, d, generator=rng), randn(6, o, generator=rng)
    _, grads, call = _call(exercise, net, X, y)
    _, want = _reference(net, X, y)
    for name, tensor in want.items():
        hint = None
        got = grads[name]
        if isinstance(got, torch.Tensor) and got.shape != tensor.shape:
            hint = ("a full backward hook gets (grad_input, grad_output): the gradient with "
                    "respect to the module's OUTPUT is grad_output[0].")
        assert_close(got, tensor, call=f"{call}, grads[{name!r}],", hint=hint)


@pytest.mark.task(2)
def test_skip_connection(exercise, rng):
    """works for a net with a skip connection (out = fc2(h) + h): hooks see what net really does"""
    d, h = random_shape(rng, 2, 2, 6, names="d, h")
    net, X, y = _residual(rng, d, h), randn(4, d, generator=rng), randn(4, h, generator=rng)
    outputs, grads, call = _call(exercise, net, X, y)
    want_out, want_grad = _reference(net, X, y)
    for name in want_out:
        assert_close(outputs[name], want_out[name], call=f"{call}, outputs[{name!r}],")
        assert_close(grads[name], want_grad[name], call=f"{call}, grads[{name!r}],",
                     hint="one possible cause: the loss must come from net(X), which adds "
                          "the skip path; calling the children one after another leaves it "
                          "out.")


@pytest.mark.task(2)
def test_plain_results(exercise, rng):
    """returns plain tensors: no graph attached"""
    net, X, y = _sequential(rng, 3, 4, 2), randn(5, 3, generator=rng), randn(5, 2, generator=rng)
    outputs, grads, call = _call(exercise, net, X, y)
    for label, part in (("outputs", outputs), ("grads", grads)):
        for name, tensor in part.items():
            assert_tensor(tensor, call=f"{call}, {label}[{name!r}],")
            assert not tensor.requires_grad and tensor.grad_fn is None, (
                f"{call}, {label}[{name!r}], is still attached to the graph "
                f"(grad_fn={type(tensor.grad_fn).__name__}).\nHint: store output.detach(); "
                "a stored graph keeps every tensor of the forward pass alive.")


@pytest.mark.task(3)
def test_hooks_removed(exercise, rng):
    """removes every hook it registered: a later forward pass records nothing"""
    net, X, y = _sequential(rng, 3, 4, 2), randn(5, 3, generator=rng), randn(5, 2, generator=rng)
    outputs, grads, call = _call(exercise, net, X, y)
    left = _hooks_left(net)
    assert not left, (f"after {call}, hooks are still registered on {left}.\nHint: "
                      "register_forward_hook and register_full_backward_hook return handles; "
                      "call handle.remove() on each before returning.")
    before = {k: v.clone() for k, v in outputs.items()}
    net(randn(2, 3, generator=rng)).sum().backward()
    for name, tensor in outputs.items():
        assert torch.equal(tensor, before[name]), (
            f"after {call}, a later net(...) call changed outputs[{name!r}]: a hook is still "
            "writing into it.")


@pytest.mark.task(3)
def test_hooks_removed_on_error(exercise, rng):
    """removes its hooks even when the loss raises (y of the wrong shape)"""
    net, X = _sequential(rng, 3, 4, 2), randn(5, 3, generator=rng)
    y = randn(5, 3, generator=rng)                     # net(X) is (5, 2): the loss fails
    layer_report = require_function(exercise, "layer_report")
    call = f"layer_report(Sequential, X={describe(X)}, y={describe(y)})"
    try:
        layer_report(net, X, y)
    except NotImplementedError:
        raise  # the untouched stub: "not started"
    except RuntimeError:
        pass
    else:
        raise AssertionError(f"{call} returned; expected the RuntimeError that the loss raises "
                             "for a y of the wrong shape (let it propagate).")
    left = _hooks_left(net)
    assert not left, (f"{call} raised (as it should), but left hooks on {left}.\nHint: "
                      "remove the handles in a `finally:` block, so they go even when the "
                      "forward or backward pass raises.")


@pytest.mark.task(4)
def test_no_side_effects(exercise, rng):
    """leaves the parameters' .grad and requires_grad, the mode of net, and X as they were"""
    net, X, y = _sequential(rng, 3, 4, 2), randn(5, 3, generator=rng), randn(5, 2, generator=rng)
    first = net[0]
    first.weight.grad = torch.full_like(first.weight, 3.0)
    net[2].bias.requires_grad_(False)
    net.eval()
    X_before = X.clone()
    _, _, call = _call(exercise, net, X, y)
    assert torch.equal(first.weight.grad, torch.full_like(first.weight, 3.0)), (
        f"after {call}, net[0].weight.grad has changed.\nHint: loss.backward() adds into every "
        "parameter's .grad; torch.autograd.grad(loss, params) returns the gradients instead "
        "(and still runs the backward hooks).")
    grads_now = {name: p.grad for name, p in net.named_parameters() if name != "0.weight"}
    assert all(g is None for g in grads_now.values()), (
        f"after {call}, parameters that had no .grad now have one: "
        f"{[n for n, g in grads_now.items() if g is not None]}.\nHint: use "
        "torch.autograd.grad instead of loss.backward().")
    assert not net[2].bias.requires_grad and net[0].weight.requires_grad, (
        f"after {call}, requires_grad of the parameters was changed.")
    assert not net.training, f"after {call}, net is in training mode; it was in eval mode."
    assert torch.equal(X, X_before) and not X.requires_grad, f"after {call}, X has changed."


@pytest.mark.gpu
def test_cuda(exercise, rng, gpu_device):
    """a CUDA net and batch give CUDA records equal to the CPU ones"""
    net, X, y = _sequential(rng, 3, 5, 2), randn(4, 3, generator=rng), randn(4, 2, generator=rng)
    want_out, want_grad = _reference(net, X, y)
    outputs, grads, call = _call(exercise, net.to(gpu_device), X.to(gpu_device),
                                 y.to(gpu_device))
    for name in want_out:
        assert_tensor(outputs[name], device=gpu_device, call=f"{call}, outputs[{name!r}],")
        assert_close(outputs[name].cpu(), want_out[name], call=f"{call}, outputs[{name!r}],")
        assert_close(grads[name].cpu(), want_grad[name], call=f"{call}, grads[{name!r}],")
