"""Checks for lesson11/vgg_block."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    layers,
    on_failure,
    randn,
    require_function,
)

# VGG-11's five blocks and their parameter counts (seed 001, section 22).
VGG11_BLOCKS = [((1, 1, 64), 640), ((1, 64, 128), 73_856), ((2, 128, 256), 885_248),
                ((2, 256, 512), 3_539_968), ((2, 512, 512), 4_719_616)]


def _build(exercise, *args) -> nn.Sequential:
    block = require_function(exercise, "vgg_block")(*args)
    if not isinstance(block, nn.Sequential):
        raise AssertionError(f"{describe_call('vgg_block', *args)} returned {describe(block)}; "
                             "expected an nn.Sequential of the layers.")
    return block


def _forward(block, X, args):
    call = describe_call("vgg_block", *args) + f"({describe_call('', X)[1:-1]})"
    try:
        return block(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}\n"
                             "Hint: only the first conv takes in_channels; every later conv "
                             "maps out_channels to out_channels.") from None


def _reference(num_convs, in_channels, out_channels) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i in range(num_convs):
        layers += [nn.Conv2d(in_channels if i == 0 else out_channels, out_channels, 3,
                             padding=1), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2, 2))


def _layer_names(block) -> list[str]:
    return [type(m).__name__ for m in block]


def _padding(conv: nn.Conv2d) -> tuple[int, ...]:
    """conv.padding as numbers: padding="same" (stride 1) pads (dilation * (k - 1)) // 2."""
    if conv.padding == "same":
        return tuple(d * (k - 1) // 2 for k, d in zip(conv.kernel_size, conv.dilation))
    if conv.padding == "valid":
        return (0,) * len(conv.kernel_size)
    return tuple(conv.padding)


def _copy_by_order(source: nn.Module, target: nn.Module, call: str) -> None:
    """Copy parameters and buffers in registration order: the learner may name the layers."""
    src, dst = list(source.state_dict().values()), list(target.state_dict().values())
    if [tuple(t.shape) for t in src] != [tuple(t.shape) for t in dst]:
        raise AssertionError(
            f"{call}'s parameter shapes are {[tuple(t.shape) for t in dst]}; a VGG block's "
            f"are {[tuple(t.shape) for t in src]}.\nHint: Conv2d(c_in, out_channels, 3, "
            "padding=1) then ReLU, num_convs times; c_in is in_channels only for the first.")
    with torch.no_grad():
        for s, d in zip(src, dst, strict=True):
            d.copy_(s)


def test_small_example(exercise, rng):
    """vgg_block(2, 3, 8) maps (2, 3, 8, 8) to (2, 8, 4, 4): channels 3 -> 8, size halved"""
    args = (2, 3, 8)
    y, call = _forward(_build(exercise, *args), randn(2, 3, 8, 8, generator=rng), args)
    assert_tensor(y, call=call, shape=(2, 8, 4, 4), dtype=torch.float32,
                  hint="3x3 convs with padding=1 keep 8x8; one MaxPool2d(2, 2) at the end "
                       "halves it to 4x4.")


def test_layer_order(exercise):
    """the layers are num_convs x (Conv2d, ReLU), then one MaxPool2d"""
    for args in [(1, 3, 4), (3, 2, 5)]:
        got = _layer_names(_build(exercise, *args))
        expected = ["Conv2d", "ReLU"] * args[0] + ["MaxPool2d"]
        if got != expected:
            raise AssertionError(
                f"{describe_call('vgg_block', *args)} has the layers {got}; expected "
                f"{expected}.\nHint: one pooling layer per BLOCK, at the end, not one per conv.")


def test_conv_settings(exercise):
    """convs are 3x3, padding 1; the first maps in->out, the rest out->out; pool 2x2 stride 2"""
    args = (3, 2, 5)
    block = _build(exercise, *args)
    convs = [m for m in block if isinstance(m, nn.Conv2d)]
    got = [(c.in_channels, c.out_channels, c.kernel_size, _padding(c), c.stride) for c in convs]
    expected = [(2, 5, (3, 3), (1, 1), (1, 1)), (5, 5, (3, 3), (1, 1), (1, 1)),
                (5, 5, (3, 3), (1, 1), (1, 1))]
    if got != expected:
        raise AssertionError(
            f"{describe_call('vgg_block', *args)}: its convs are (in, out, kernel, padding, "
            f"stride) = {got}; expected {expected}.\nHint: nn.Conv2d(c_in, out_channels, "
            "kernel_size=3, padding=1); c_in is in_channels only for the first conv.")
    pool = block[-1]
    if not (isinstance(pool, nn.MaxPool2d) and pool.kernel_size in (2, (2, 2))
            and pool.stride in (2, (2, 2))):
        raise AssertionError(f"the last layer is {pool!r}; expected "
                             "MaxPool2d(kernel_size=2, stride=2).")


def test_same_values_as_vgg(exercise, rng):
    """with the same weights it computes conv -> ReLU -> ... -> max-pool"""
    args = (2, 3, 4)
    block = _build(exercise, *args)
    reference = _reference(*args)
    _copy_by_order(reference, block, describe_call('vgg_block', *args))
    X = randn(2, 3, 6, 6, generator=rng)
    y, call = _forward(block, X, args)
    with torch.no_grad():
        assert_close(y.detach(), reference(X), call=call + " with the check's weights",
                     atol=1e-5, rtol=1e-4, hint=_values_hint(block))


def _values_hint(block):
    """A cause named only when the block shows it; the layer list was already checked."""
    convs = [m for m in block.modules() if isinstance(m, nn.Conv2d)]
    modes = sorted({m.padding_mode for m in convs} - {"zeros"})
    if modes:
        return (f"the convs pad with padding_mode={modes[0]!r}: VGG pads with zeros "
                "(the default padding_mode='zeros').")
    if any(m.dilation not in (1, (1, 1)) or m.groups != 1 for m in convs):
        return "VGG's convs use dilation 1 and groups 1 (the defaults)."
    pools = [m for m in block.modules() if isinstance(m, nn.AvgPool2d)]
    if pools:
        return "max pooling, not average pooling."
    return None


@pytest.mark.parametrize("num_convs, c_in, c_out, h, w", [(1, 1, 2, 5, 7), (2, 3, 1, 2, 2),
                                                         (3, 2, 3, 9, 4)])
def test_shapes(exercise, rng, num_convs, c_in, c_out, h, w):
    """output (N, out_channels, H // 2, W // 2), also for odd H or W"""
    args, X = (num_convs, c_in, c_out), randn(3, c_in, h, w, generator=rng)
    block = _build(exercise, *args)
    with on_failure(trace=layers(block, X, against=lambda: _reference(*args))):
        y, call = _forward(block, X, args)
        assert_tensor(y, call=call, shape=(3, c_out, h // 2, w // 2),
                      hint="with padding=1 a 3x3 conv keeps H and W; MaxPool2d(2, 2) floors "
                           "odd sizes (7 -> 3).")


@pytest.mark.parametrize("args, count", VGG11_BLOCKS)
def test_vgg11_parameter_counts(exercise, args, count):
    """VGG-11's blocks have 640, 73,856, 885,248, 3,539,968 and 4,719,616 parameters"""
    with torch.device("meta"):     # no memory, no initialisation cost
        block = _build(exercise, *args)
    total = sum(p.numel() for p in block.parameters())
    if total != count:
        raise AssertionError(
            f"{describe_call('vgg_block', *args)} has {total:,} parameters; expected "
            f"{count:,}.\nHint: a Conv2d(c_in, c_out, 3) has c_out*c_in*3*3 weights plus "
            "c_out biases; ReLU and pooling have none.")


@pytest.mark.gpu
def test_runs_on_gpu(exercise, rng, gpu_device):
    """moved with .to('cuda'), the block gives the CPU output on the GPU"""
    args = (2, 3, 4)
    block = _build(exercise, *args)
    X = randn(2, 3, 8, 8, generator=rng)
    with torch.no_grad():
        expected, _ = _forward(block, X, args)
        got, call = _forward(block.to(gpu_device), X.to(gpu_device), args)
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-4, rtol=1e-4)
