"""Checks for lesson11/residual."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.testing import assert_close, assert_tensor, describe_call, randn, require_function

ORDER_HINT = ("forward is Y = relu(bn1(conv1(X))); Y = bn2(conv2(Y)); X = conv3(X) when "
              "there is a conv3; return relu(Y + X). The stride belongs to conv1 and conv3, "
              "and the last ReLU comes after the addition.")


class _Reference(nn.Module):
    def __init__(self, in_channels, out_channels, use_1x1conv=False, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, stride=stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv3 = nn.Conv2d(in_channels, out_channels, 1, stride=stride) \
            if use_1x1conv else None

    def forward(self, X):
        Y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(X)))))
        return F.relu(Y + (self.conv3(X) if self.conv3 is not None else X))


def _padding(conv: nn.Conv2d) -> tuple[int, ...]:
    """conv.padding as numbers: padding="same" (stride 1) pads (dilation * (k - 1)) // 2."""
    if conv.padding == "same":
        return tuple(d * (k - 1) // 2 for k, d in zip(conv.kernel_size, conv.dilation))
    if conv.padding == "valid":
        return (0,) * len(conv.kernel_size)
    return tuple(conv.padding)


def _name(args, kwargs) -> str:
    return describe_call("Residual", *args, **kwargs)


def _build(exercise, *args, **kwargs) -> nn.Module:
    cls = require_function(exercise, "Residual")
    block = cls(*args, **kwargs)
    if not isinstance(block, nn.Module):
        raise AssertionError(f"{_name(args, kwargs)} is not an nn.Module: subclass nn.Module "
                             "and call super().__init__() first.")
    return block


def _forward(block, X, args, kwargs):
    call = f"{_name(args, kwargs)}({describe_call('', X)[1:-1]})"
    try:
        return block(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        first = str(error).splitlines()[0]
        hint = ("\nHint: Y and X must have the same shape to be added. When the channels or "
                "the stride change, use_1x1conv=True gives conv3 = Conv2d(in, out, 1, "
                "stride=stride) to reshape X.") if "must match" in first else ""
        raise AssertionError(f"{call} raised RuntimeError: {first}{hint}") from None


def _matched(exercise, rng, *args, **kwargs):
    """The learner's block and a reference block holding the same parameters."""
    block = _build(exercise, *args, **kwargs)
    reference = _Reference(*args, **kwargs)
    try:
        block.load_state_dict(reference.state_dict())
    except RuntimeError as error:
        raise AssertionError(
            f"{_name(args, kwargs)}'s parameters do not match the contract (conv1, bn1, conv2, "
            f"bn2 and conv3 only with use_1x1conv): "
            f"{' '.join(str(error).split())[:300]}") from None
    seed = int(torch.randint(0, 2**30, (1,), generator=rng))
    with torch.no_grad():
        for module in (block, reference):   # same random BN statistics in both
            g = torch.Generator().manual_seed(seed)
            for name, buf in module.named_buffers():
                if name.endswith("running_mean"):
                    buf.copy_(torch.randn(buf.shape, generator=g))
                elif name.endswith("running_var"):
                    buf.copy_(torch.rand(buf.shape, generator=g) + 0.5)
    return block, reference


def test_small_examples(exercise, rng):
    """Residual(3, 3) keeps (4, 3, 6, 6); Residual(3, 6, True, stride=2) gives (4, 6, 3, 3)"""
    X = randn(4, 3, 6, 6, generator=rng)
    y, call = _forward(_build(exercise, 3, 3), X, (3, 3), {})
    assert_tensor(y, call=call, shape=(4, 3, 6, 6), dtype=torch.float32)
    kwargs = {"use_1x1conv": True, "stride": 2}
    y, call = _forward(_build(exercise, 3, 6, **kwargs), X, (3, 6), kwargs)
    assert_tensor(y, call=call, shape=(4, 6, 3, 3), dtype=torch.float32,
                  hint="stride=2 goes on conv1 (3x3, padding 1) and on the 1x1 conv3: "
                       "6 -> 3 on both paths.")


def test_layers(exercise):
    """conv1 3x3 with the stride, conv2 3x3 stride 1, conv3 1x1 or None, bn1/bn2 BatchNorm2d"""
    block = _build(exercise, 4, 8, use_1x1conv=True, stride=2)
    want = {"conv1": (4, 8, (3, 3), (2, 2), (1, 1)), "conv2": (8, 8, (3, 3), (1, 1), (1, 1)),
            "conv3": (4, 8, (1, 1), (2, 2), (0, 0))}
    for name, expected in want.items():
        conv = getattr(block, name, None)
        got = None if not isinstance(conv, nn.Conv2d) else (
            conv.in_channels, conv.out_channels, conv.kernel_size, conv.stride, _padding(conv))
        if got != expected:
            raise AssertionError(
                f"Residual(4, 8, use_1x1conv=True, stride=2).{name} is "
                f"{conv!r}; expected Conv2d with (in, out, kernel, stride, padding) = "
                f"{expected}.\nHint: {ORDER_HINT}")
    for name in ("bn1", "bn2"):
        bn = getattr(block, name, None)
        if not isinstance(bn, nn.BatchNorm2d) or bn.num_features != 8:
            raise AssertionError(f"Residual(4, 8, ...).{name} is {bn!r}; expected "
                                 "BatchNorm2d(8) (one per conv output channel).")
    plain = _build(exercise, 4, 4)
    if getattr(plain, "conv3", "missing") is not None:
        raise AssertionError(
            f"Residual(4, 4).conv3 is {getattr(plain, 'conv3', 'missing')!r}; expected None "
            "when use_1x1conv is False (test it with `if self.conv3 is not None:`).")


@pytest.mark.parametrize("args, kwargs, train", [
    ((3, 3), {}, True), ((3, 5), {"use_1x1conv": True}, False),
    ((2, 4), {"use_1x1conv": True, "stride": 2}, True),
    ((2, 4), {"use_1x1conv": True, "stride": 2}, False)])
def test_same_values_as_resnet(exercise, rng, args, kwargs, train):
    """same weights, same output: relu(bn2(conv2(relu(bn1(conv1(X))))) + shortcut), train/eval"""
    block, reference = _matched(exercise, rng, *args, **kwargs)
    block.train(train)
    reference.train(train)
    X = randn(3, args[0], 7, 6, generator=rng)
    y, call = _forward(block, X, args, kwargs)
    mode = "train" if train else "eval"
    with torch.no_grad():
        assert_close(y.detach(), reference(X), call=f"{call} in {mode} mode with the check's "
                     "weights", atol=1e-4, rtol=1e-4, hint=ORDER_HINT)


def test_identity_when_branch_is_off(exercise, rng):
    """with bn2's gamma and beta at 0 the block is relu(X): the skip path carries the input"""
    block = _build(exercise, 5, 5)
    with torch.no_grad():
        block.bn2.weight.zero_()
        block.bn2.bias.zero_()
    X = randn(2, 5, 4, 4, generator=rng)
    y, call = _forward(block, X, (5, 5), {})
    assert_close(y.detach(), torch.relu(X), call=call + " with bn2.weight = bn2.bias = 0",
                 atol=1e-6, rtol=1e-6,
                 hint="when the conv branch outputs zeros, relu(Y + X) is relu(X). Add the "
                      "ORIGINAL input X (not conv1's output) and apply ReLU after the sum.")


def test_odd_size_with_stride(exercise, rng):
    """stride 2 on an odd 7x7 input gives 4x4 on both paths"""
    kwargs = {"use_1x1conv": True, "stride": 2}
    y, call = _forward(_build(exercise, 2, 3, **kwargs), randn(1, 2, 7, 7, generator=rng),
                       (2, 3), kwargs)
    assert_tensor(y, call=call, shape=(1, 3, 4, 4),
                  hint="(7 + 2 - 3) // 2 + 1 = 4 for conv1 and (7 - 1) // 2 + 1 = 4 for the "
                       "1x1 conv3: both need stride=stride.")


def test_resnet18_stage_parameter_count(exercise):
    """ResNet-18's first stage, two Residual(64, 64), has 148,224 parameters"""
    with torch.device("meta"):
        stage = nn.Sequential(_build(exercise, 64, 64), _build(exercise, 64, 64))
    total = sum(p.numel() for p in stage.parameters())
    if total != 148_224:
        raise AssertionError(
            f"two Residual(64, 64) have {total:,} parameters; expected 148,224 = 2 x (2 x "
            "(64*64*9 + 64) conv + 2 x 128 BN).\nHint: no conv3 when use_1x1conv is False.")


@pytest.mark.gpu
def test_gpu_matches_cpu_in_eval_mode(exercise, rng, gpu_device):
    """in eval mode the block on the GPU gives the CPU output"""
    kwargs = {"use_1x1conv": True, "stride": 2}
    block = _build(exercise, 3, 6, **kwargs).eval()
    X = randn(4, 3, 10, 10, generator=rng)
    with torch.no_grad():
        expected, _ = _forward(block, X, (3, 6), kwargs)
        got, call = _forward(block.to(gpu_device), X.to(gpu_device), (3, 6), kwargs)
    assert_close(got, expected.to(gpu_device), call=call + " in eval mode", atol=1e-4,
                 rtol=1e-4)


def test_float64_and_gradients_reach_the_input(exercise, rng):
    """float64 in gives float64 out, and the forward keeps the graph back to X"""
    net = exercise.Residual(3, 6, True, stride=2).double()
    X = torch.randn(2, 3, 6, 6, generator=rng, dtype=torch.float64, requires_grad=True)
    Y = net(X)
    call = "Residual(3, 6, True, stride=2).double()(<float64 (2, 3, 6, 6)>)"
    assert isinstance(Y, torch.Tensor) and Y.dtype == torch.float64, (
        f"{call} returned {Y.dtype if isinstance(Y, torch.Tensor) else type(Y).__name__}; "
        "expected float64: the forward must not convert (no .float()).")
    assert Y.requires_grad, (f"{call} returned a tensor without autograd history: the "
                             "forward must not detach, or the block cannot be trained.")
    Y.sum().backward()
    assert X.grad is not None and bool(X.grad.abs().sum() > 0), (
        f"after {call}.sum().backward(), X has no gradient: keep every step differentiable.")
