"""Checks for lesson13/collapse_linear.

Judged by behaviour: the new layer's output must equal l2(l1(x)), and its parameters must be
W2 @ W1 and W2 @ b1 + b2; how it is built (constructor, copy_, nn.Parameter) is free.
"""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    describe,
    random_shape,
    require_function,
)

LINEAR_HINT = ("nn.Linear keeps weight as (out_features, in_features) and computes "
               "x @ weight.T + bias, so l2(l1(x)) = x @ (W2 @ W1).T + (W2 @ b1 + b2).")


def _layers(rng, sizes, bias=(True, True), dtype=torch.float32, device="cpu"):
    d_in, hidden, d_out = sizes
    l1 = nn.Linear(d_in, hidden, bias=bias[0], dtype=dtype)
    l2 = nn.Linear(hidden, d_out, bias=bias[1], dtype=dtype)
    with torch.no_grad():
        for p in (*l1.parameters(), *l2.parameters()):
            p.copy_(torch.randn(p.shape, generator=rng, dtype=dtype))
    return l1.to(device), l2.to(device)


def _name(l1, l2):
    def one(layer):
        if not isinstance(layer, nn.Linear):
            return type(layer).__name__
        where = "" if layer.weight.device.type == "cpu" else f", on {layer.weight.device}"
        kind = "" if layer.weight.dtype == torch.float32 else f", {layer.weight.dtype}"
        return (f"Linear({layer.in_features}, {layer.out_features}"
                f"{'' if layer.bias is not None else ', bias=False'}{kind}{where})")
    return f"collapse_linear({one(l1)}, {one(l2)})"


def _call(exercise, l1, l2):
    collapse_linear = require_function(exercise, "collapse_linear")
    call = _name(l1, l2)
    got = collapse_linear(l1, l2)
    assert isinstance(got, nn.Linear), (
        f"{call} returned {describe(got)}; expected one nn.Linear. (An nn.Sequential of the "
        "two layers computes the same thing, but is still two layers.)")
    assert (got.in_features, got.out_features) == (l1.in_features, l2.out_features), (
        f"{call} returned Linear({got.in_features}, {got.out_features}); expected "
        f"Linear({l1.in_features}, {l2.out_features}): l1's inputs, l2's outputs.")
    return got, call


def _expected(l1, l2):
    W1, W2 = l1.weight.detach(), l2.weight.detach()
    b = torch.zeros(W2.shape[0], dtype=W2.dtype, device=W2.device)
    if l1.bias is not None:
        b = b + W2 @ l1.bias.detach()
    if l2.bias is not None:
        b = b + l2.bias.detach()
    return W2 @ W1, b


def _check(exercise, l1, l2, atol=1e-5):
    W, b = _expected(l1, l2)
    got, call = _call(exercise, l1, l2)
    same_kind = got.weight.shape == W.shape and got.weight.dtype == W.dtype
    assert_close(got.weight, W, call=call + ".weight", atol=atol, rtol=1e-5,
                 hint=LINEAR_HINT if same_kind else None)
    if got.bias is None:
        assert not bool(b.abs().gt(0).any()), (
            f"{call} returned a layer without a bias, but W2 @ b1 + b2 is not zero.")
    else:
        assert_close(got.bias, b, call=call + ".bias", atol=atol, rtol=1e-5,
                     hint="the bias is W2 @ b1 + b2: l1's bias also passes through W2.")
    return got, call


@pytest.mark.task(1)
def test_small_example(exercise):
    """Linear(2, 2) then Linear(2, 1) with small integer weights gives weight [[-2, -2]], bias 0.5"""
    l1, l2 = nn.Linear(2, 2), nn.Linear(2, 1)
    with torch.no_grad():
        l1.weight.copy_(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
        l1.bias.copy_(torch.tensor([1.0, 1.0]))
        l2.weight.copy_(torch.tensor([[1.0, -1.0]]))
        l2.bias.copy_(torch.tensor([0.5]))
    _check(exercise, l1, l2)


@pytest.mark.task(1)
def test_random_sizes_same_outputs(exercise, rng, device):
    """for random sizes, the one layer gives the outputs of the two, on random inputs"""
    sizes = random_shape(rng, 3, 1, 9, names="d_in, d_hidden, d_out")
    l1, l2 = _layers(rng, sizes, device=device)
    got, call = _check(exercise, l1, l2)
    x = torch.randn(7, sizes[0], generator=rng).to(device)
    with torch.no_grad():
        assert_close(got(x), l2(l1(x)), call=f"{call}(x)", atol=1e-5, rtol=1e-5,
                     hint=LINEAR_HINT)


@pytest.mark.task(2)
@pytest.mark.parametrize("bias", [(False, True), (True, False), (False, False)],
                         ids=["no_b1", "no_b2", "no_bias"])
def test_missing_biases(exercise, rng, bias):
    """a layer built with bias=False counts as a zero bias"""
    l1, l2 = _layers(rng, (4, 5, 3), bias=bias)
    got, call = _check(exercise, l1, l2)
    x = torch.randn(6, 4, generator=rng)
    with torch.no_grad():
        assert_close(got(x), l2(l1(x)), call=f"{call}(x)", atol=1e-5, rtol=1e-5)


@pytest.mark.task(3)
def test_float64(exercise, rng):
    """float64 layers give a float64 layer with float64 accuracy"""
    l1, l2 = _layers(rng, (3, 6, 2), dtype=torch.float64)
    got, _ = _check(exercise, l1, l2, atol=1e-12)
    assert got.weight.dtype == torch.float64


@pytest.mark.task(3)
@pytest.mark.parametrize("bias", [(True, True), (False, False)], ids=["bias", "no_bias"])
def test_device_and_dtype(exercise, meta_call, bias):
    """the new layer sits on l1's device in l1's dtype (checked on the data-free 'meta' device)"""
    l1 = nn.Linear(3, 4, bias=bias[0], device="meta", dtype=torch.float64)
    l2 = nn.Linear(4, 2, bias=bias[1], device="meta", dtype=torch.float64)
    got, call = meta_call(_name(l1, l2), _call, exercise, l1, l2)
    for name, p in got.named_parameters():
        assert p.device.type == "meta" and p.dtype == torch.float64, (
            f"{call} returned a layer whose {name} is {describe(p)}; expected float64 on "
            "meta, like l1.\nHint: nn.Linear(in, out, device=l1.weight.device, "
            "dtype=l1.weight.dtype); a bare nn.Linear(in, out) is float32 on the CPU.")


@pytest.mark.task(3)
def test_new_trainable_layer(exercise, rng):
    """a new layer with ordinary trainable leaf parameters; l1 and l2 are not changed"""
    l1, l2 = _layers(rng, (5, 4, 3))
    before = [p.detach().clone() for p in (*l1.parameters(), *l2.parameters())]
    got, call = _check(exercise, l1, l2)
    assert got is not l1 and got is not l2, f"{call} returned one of its inputs; build a new layer."
    after = [p.detach() for p in (*l1.parameters(), *l2.parameters())]
    assert all(torch.equal(a, b) for a, b in zip(before, after)), (
        f"{call} changed l1 or l2.\nHint: write the products into the new layer; never into "
        "l1.weight or l2.weight.")
    for name, p in got.named_parameters():
        assert isinstance(p, nn.Parameter) and p.is_leaf and p.requires_grad \
            and p.grad_fn is None and p.grad is None, (
                f"{call} returned a layer whose {name} is not an ordinary trainable leaf "
                f"(requires_grad={p.requires_grad}, grad_fn={p.grad_fn}, .grad "
                f"{describe(p.grad)}).\nHint: copy the numbers in under torch.no_grad() (or "
                "wrap a detached tensor in nn.Parameter); do not switch requires_grad off.")
    got(torch.randn(2, 5, generator=rng)).sum().backward()
    leaked = [n for n, p in (*l1.named_parameters("l1"), *l2.named_parameters("l2"))
              if p.grad is not None]
    assert not leaked, (f"training {call} sent gradients into {', '.join(leaked)}: the new "
                        "layer is still tied to the old ones by autograd.\nHint: build it "
                        "under torch.no_grad() or from .detach()ed tensors.")


@pytest.mark.task(4)
@pytest.mark.parametrize("sizes", [((3, 4), (5, 2)), ((3, 5), (4, 2))], ids=["4vs5", "5vs4"])
def test_size_mismatch_raises(exercise, expect_error, sizes):
    """l1.out_features != l2.in_features raises ValueError (either one too large)"""
    l1, l2 = nn.Linear(*sizes[0]), nn.Linear(*sizes[1])
    expect_error(require_function(exercise, "collapse_linear"), l1, l2, call=_name(l1, l2),
                 why=f"l1 gives {l1.out_features} features but l2 takes {l2.in_features}.",
                 fix="check the inputs first and raise ValueError yourself.")


@pytest.mark.task(4)
@pytest.mark.parametrize("position", ["l1", "l2"])
def test_not_linear_raises(exercise, expect_error, position):
    """a layer that is not an nn.Linear raises TypeError, in either position"""
    other = nn.Sequential(nn.Linear(4, 4))
    l1, l2 = (other, nn.Linear(4, 2)) if position == "l1" else (nn.Linear(3, 4), other)
    expect_error(require_function(exercise, "collapse_linear"), l1, l2, error=TypeError,
                 call=_name(l1, l2), why=f"{position} is an nn.Sequential, not an nn.Linear.",
                 fix="check the inputs first and raise TypeError yourself.")


@pytest.mark.gpu
@pytest.mark.task(3)
def test_gpu(exercise, rng, gpu_device):
    """CUDA layers give a CUDA layer that matches the CPU computation"""
    l1, l2 = _layers(rng, (64, 128, 32))
    W, b = _expected(l1, l2)
    got, call = _call(exercise, l1.to(gpu_device), l2.to(gpu_device))
    assert_close(got.weight, W.to(gpu_device), call=call + ".weight", atol=1e-4, rtol=1e-5)
    assert_close(got.bias, b.to(gpu_device), call=call + ".bias", atol=1e-4, rtol=1e-5)
