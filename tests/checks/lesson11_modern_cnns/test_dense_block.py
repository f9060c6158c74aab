"""Checks for lesson11/dense_block."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_tensor,
    assert_value,
    describe,
    describe_call,
    randn,
    require_function,
)

CONCAT_HINT = ("forward concatenates along the CHANNEL dimension with the input first: "
               "X = torch.cat((X, block(X)), dim=1), and the next conv block sees that X.")


def _conv_block(c_in, c_out):
    return nn.Sequential(nn.BatchNorm2d(c_in), nn.ReLU(), nn.Conv2d(c_in, c_out, 3, padding=1))


class _DenseReference(nn.Module):
    def __init__(self, num_convs, in_channels, growth_rate):
        super().__init__()
        self.net = nn.Sequential(*(_conv_block(in_channels + i * growth_rate, growth_rate)
                                   for i in range(num_convs)))

    def forward(self, X):
        for block in self.net:
            X = torch.cat((X, block(X)), dim=1)
        return X


def _dense(exercise, *args) -> nn.Module:
    block = require_function(exercise, "DenseBlock")(*args)
    if not isinstance(block, nn.Module):
        raise AssertionError(f"{describe_call('DenseBlock', *args)} is not an nn.Module.")
    return block


def _transition(exercise, *args) -> nn.Module:
    block = require_function(exercise, "transition_block")(*args)
    if not isinstance(block, nn.Module):
        raise AssertionError(f"{describe_call('transition_block', *args)} returned "
                             f"{describe(block)}; expected an nn.Sequential.")
    return block


def _forward(block, X, name, args):
    call = f"{describe_call(name, *args)}({describe_call('', X)[1:-1]})"
    try:
        return block(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        raise AssertionError(
            f"{call} raised RuntimeError: {str(error).splitlines()[0]}\nHint: conv block i "
            "receives in_channels + i * growth_rate channels (everything concatenated so "
            "far) and outputs growth_rate channels.") from None


def _copy_parameters(source: nn.Module, target: nn.Module, what: str) -> None:
    """Copy tensors in registration order (names may differ), shapes must agree."""
    src = list(source.state_dict().values())
    dst = list(target.state_dict().values())
    if [tuple(t.shape) for t in src] != [tuple(t.shape) for t in dst]:
        raise AssertionError(
            f"{what}'s parameter and buffer shapes are {[tuple(t.shape) for t in dst]}; a "
            f"DenseNet block has {[tuple(t.shape) for t in src]}.\nHint: each conv block is "
            "BatchNorm2d(c_in), ReLU, Conv2d(c_in, growth_rate, 3, padding=1), in that order.")
    with torch.no_grad():
        for s, d in zip(src, dst, strict=True):
            d.copy_(s)


def test_small_example(exercise, rng):
    """DenseBlock(2, 3, 10): (4, 3, 8, 8) -> (4, 23, 8, 8); transition_block(23, 10): -> 4x4"""
    block = _dense(exercise, 2, 3, 10)
    Y, call = _forward(block, randn(4, 3, 8, 8, generator=rng), "DenseBlock", (2, 3, 10))
    assert_tensor(Y, call=call, shape=(4, 23, 8, 8), dtype=torch.float32,
                  hint="3 input channels + 2 convs x 10 new channels = 23.")
    assert_value(getattr(block, "out_channels", None), 23,
                 call="DenseBlock(2, 3, 10).out_channels",
                 hint="set self.out_channels = in_channels + num_convs * growth_rate in "
                      "__init__: the next layer needs it.")
    Z, call = _forward(_transition(exercise, 23, 10), Y.detach(), "transition_block", (23, 10))
    assert_tensor(Z, call=call, shape=(4, 10, 4, 4), dtype=torch.float32)


@pytest.mark.parametrize("num_convs, c_in, growth, h, w", [(1, 2, 3, 5, 4), (3, 1, 2, 3, 3),
                                                           (4, 5, 1, 1, 6)])
def test_dense_shapes(exercise, rng, num_convs, c_in, growth, h, w):
    """out_channels = in_channels + num_convs * growth_rate; H and W are kept"""
    args = (num_convs, c_in, growth)
    block = _dense(exercise, *args)
    Y, call = _forward(block, randn(2, c_in, h, w, generator=rng), "DenseBlock", args)
    expected = c_in + num_convs * growth
    assert_tensor(Y, call=call, shape=(2, expected, h, w))
    assert_value(getattr(block, "out_channels", None), expected,
                 call=f"{describe_call('DenseBlock', *args)}.out_channels")


def test_input_comes_first(exercise, rng):
    """the first in_channels output channels are exactly the input (concatenation keeps it)"""
    args = (2, 3, 4)
    X = randn(2, 3, 5, 5, generator=rng)
    Y, call = _forward(_dense(exercise, *args), X, "DenseBlock", args)
    assert_tensor(Y, call=call, shape=(2, 11, 5, 5))
    assert_equal(Y[:, :3].detach(), X, call=call + "[:, :3]", hint=CONCAT_HINT)


def test_same_values_as_densenet(exercise, rng):
    """with the same weights it computes DenseNet's block: BN -> ReLU -> conv, concatenated"""
    args = (3, 2, 3)
    block = _dense(exercise, *args)
    reference = _DenseReference(*args)
    for p in reference.parameters():
        p.data = randn(*p.shape, generator=rng) * 0.5
    _copy_parameters(reference, block, describe_call("DenseBlock", *args))
    X = randn(4, 2, 5, 5, generator=rng)
    Y, call = _forward(block, X, "DenseBlock", args)
    with torch.no_grad():
        assert_close(Y.detach(), reference(X), call=call + " with the check's weights",
                     atol=1e-4, rtol=1e-4, hint=CONCAT_HINT + " Inside each conv block the "
                     "order is BatchNorm2d, ReLU, Conv2d.")


def test_transition_layers(exercise, rng):
    """transition_block is BatchNorm2d, ReLU, a 1x1 Conv2d and AvgPool2d(2, 2)"""
    block = _transition(exercise, 6, 3)
    reference = nn.Sequential(nn.BatchNorm2d(6), nn.ReLU(), nn.Conv2d(6, 3, 1),
                              nn.AvgPool2d(2, 2))
    names = [type(m).__name__ for m in block.children()]
    if names != ["BatchNorm2d", "ReLU", "Conv2d", "AvgPool2d"]:
        raise AssertionError(f"transition_block(6, 3) has the layers {names}; expected "
                             "['BatchNorm2d', 'ReLU', 'Conv2d', 'AvgPool2d'].\nHint: a "
                             "transition AVERAGES 2x2 windows (nn.AvgPool2d(2, 2)).")
    _copy_parameters(reference, block, "transition_block(6, 3)")
    X = randn(2, 6, 6, 4, generator=rng)
    Z, call = _forward(block, X, "transition_block", (6, 3))
    with torch.no_grad():
        assert_close(Z.detach(), reference(X), call=call + " with the check's weights",
                     atol=1e-4, rtol=1e-4,
                     hint="Conv2d(in_channels, out_channels, kernel_size=1) changes only the "
                          "channels; AvgPool2d(kernel_size=2, stride=2) halves H and W.")


@pytest.mark.parametrize("h, w", [(8, 8), (7, 5), (2, 3)])
def test_transition_shapes(exercise, rng, h, w):
    """transition_block(c_in, c_out) gives (N, c_out, H // 2, W // 2), odd sizes floored"""
    Z, call = _forward(_transition(exercise, 4, 2), randn(3, 4, h, w, generator=rng),
                       "transition_block", (4, 2))
    assert_tensor(Z, call=call, shape=(3, 2, h // 2, w // 2))


def test_densenet_parameter_counts(exercise):
    """DenseNet's first dense block has 130,048 parameters, its first transition 18,912"""
    with torch.device("meta"):
        dense = _dense(exercise, 4, 64, 32)
        transition = _transition(exercise, 192, 96)
    for module, name, count in ((dense, "DenseBlock(4, 64, 32)", 130_048),
                                (transition, "transition_block(192, 96)", 18_912)):
        total = sum(p.numel() for p in module.parameters())
        if total != count:
            raise AssertionError(
                f"{name} has {total:,} parameters; expected {count:,}.\nHint: a conv block "
                "with c_in inputs has BatchNorm2d(c_in) (2*c_in) + Conv2d(c_in, growth, 3) "
                "(growth*c_in*9 + growth); conv block i has c_in = in + i*growth.")


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on the GPU, DenseBlock then transition_block give the CPU output (eval mode)"""
    dense = _dense(exercise, 2, 3, 4).eval()
    transition = _transition(exercise, 11, 5).eval()
    X = randn(2, 3, 8, 8, generator=rng)
    with torch.no_grad():
        expected = transition(dense(X))
        dense, transition = dense.to(gpu_device), transition.to(gpu_device)
        Y, call = _forward(dense, X.to(gpu_device), "DenseBlock", (2, 3, 4))
        Z, _ = _forward(transition, Y, "transition_block", (11, 5))
    assert_close(Z, expected.to(gpu_device), call="transition_block(11, 5)(" + call + ")",
                 atol=1e-4, rtol=1e-4)


def test_float64_and_gradients_reach_the_input(exercise, rng):
    """float64 in gives float64 out, and the forward keeps the graph back to X"""
    net = exercise.DenseBlock(2, 3, 4).double()
    X = torch.randn(2, 3, 6, 6, generator=rng, dtype=torch.float64, requires_grad=True)
    Y = net(X)
    call = "DenseBlock(2, 3, 4).double()(<float64 (2, 3, 6, 6)>)"
    assert isinstance(Y, torch.Tensor) and Y.dtype == torch.float64, (
        f"{call} returned {Y.dtype if isinstance(Y, torch.Tensor) else type(Y).__name__}; "
        "expected float64: the forward must not convert (no .float()).")
    assert Y.requires_grad, (f"{call} returned a tensor without autograd history: the "
                             "forward must not detach, or the block cannot be trained.")
    Y.sum().backward()
    assert X.grad is not None and bool(X.grad.abs().sum() > 0), (
        f"after {call}.sum().backward(), X has no gradient: keep every step differentiable.")
