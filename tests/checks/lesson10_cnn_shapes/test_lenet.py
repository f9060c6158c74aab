"""Checks for lesson10/lenet."""

import re

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
    reference_solution,
    require_function,
    shape_str,
)

PARAM_SHAPES = [(6, 1, 5, 5), (6,), (16, 6, 5, 5), (16,), (120, 256), (120,), (84, 120), (84,),
                (10, 84), (10,)]
PADDED_HINT = ("61,706 is the d2l 2.0 variant: its first Conv2d pads by 2, so 28 -> 28 -> 14 -> "
               "10 -> 5 and it flattens 16*5*5 = 400 features into Linear(400, 120). This "
               "exercise wants the seed's LeNet without padding: 28 -> 24 -> 12 -> 8 -> 4, "
               "16*4*4 = 256 features, Linear(256, 120), 44,426 parameters.")


def _reference() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.Sigmoid(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.Sigmoid(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(256, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10))


def _build(exercise) -> nn.Module:
    lenet = require_function(exercise, "lenet")
    net = lenet()
    if not isinstance(net, nn.Module):
        raise AssertionError(f"lenet() returned {describe(net)}; expected an nn.Module "
                             "(for example an nn.Sequential of the layers).")
    return net


def _forward(net, X):
    call = describe_call("net", X)
    try:
        return net(X), call
    except RuntimeError as error:
        first = str(error).splitlines()[0]
        raise AssertionError(f"{call} with net = lenet() raised RuntimeError: {first}"
                             f"{_matmul_hint(first, X.shape[0])}") from None


def _matmul_hint(message, batch):
    """Explain 'mat1 and mat2 shapes cannot be multiplied (AxB and CxD)'."""
    found = re.search(r"\((\d+)x(\d+) and (\d+)x(\d+)\)", message)
    if not found:
        return ""
    rows, features, expected = int(found[1]), int(found[2]), int(found[3])
    if batch > 1 and rows == 1:
        return (f"\nHint: {batch} images arrived as ONE row of {features} numbers: the flatten "
                "also flattened the batch dimension. Flatten from dim 1 (nn.Flatten(), "
                "x.flatten(1)).")
    return (f"\nHint: the first Linear expects {expected} features but the conv part gives "
            f"{features}. For a 28x28 input without padding the conv part ends at "
            "(N, 16, 4, 4), so flatten gives 16*4*4 = 256 features: Linear(256, 120).")


def _count(net) -> int:
    return sum(p.numel() for p in net.parameters())


def test_output_shape(exercise, rng):
    """lenet() maps a batch (N, 1, 28, 28) to scores (N, 10)"""
    net = _build(exercise)
    X = randn(4, 1, 28, 28, generator=rng)
    with on_failure(trace=layers(net, X, against=lambda: reference_solution().lenet())):
        y_hat, call = _forward(net, X)
        assert_tensor(y_hat, call=call, shape=(4, 10), dtype=torch.float32)


def test_batch_of_one(exercise, rng):
    """a batch of one image still gives (1, 10): flattening keeps the batch dimension"""
    net = _build(exercise)
    X = randn(1, 1, 28, 28, generator=rng)
    y_hat, call = _forward(net, X)
    assert_tensor(y_hat, call=call, shape=(1, 10),
                  hint="flatten from dim 1 (nn.Flatten() or X.flatten(1) or "
                       "X.reshape(X.shape[0], -1)), never the batch dimension.")


def test_parameter_count(exercise):
    """LeNet has 44,426 parameters (156 + 2,416 + 30,840 + 10,164 + 850)"""
    net = _build(exercise)
    total = _count(net)
    if total == 44_426:
        return
    hint = PADDED_HINT if total == 61_706 else (
        "per layer: Conv2d(1, 6, 5) 6*1*5*5 + 6 = 156; Conv2d(6, 16, 5) 2,416; "
        "Linear(256, 120) 30,840; Linear(120, 84) 10,164; Linear(84, 10) 850.")
    raise AssertionError(f"lenet() has {total:,} parameters; expected 44,426.\nHint: {hint}")


def test_parameter_shapes(exercise):
    """the weights have the shapes of Conv2d(1,6,5), Conv2d(6,16,5), Linear(256,120), (120,84), (84,10)"""
    net = _build(exercise)
    got = sorted(tuple(p.shape) for p in net.parameters())
    if got != sorted(PARAM_SHAPES):
        missing = [shape_str(s) for s in PARAM_SHAPES if s not in got]
        extra = [shape_str(s) for s in got if s not in PARAM_SHAPES]
        hint = PADDED_HINT if (120, 400) in got else \
            "an nn.Linear(in, out) weight is (out, in); a Conv2d weight is (out, in, kh, kw)."
        raise AssertionError(f"lenet()'s parameter shapes differ from LeNet's. Missing: "
                             f"{', '.join(missing) or 'none'}; unexpected: "
                             f"{', '.join(extra) or 'none'}.\nHint: {hint}")


def test_layer_by_layer_shapes(exercise, rng):
    """walking the layers: 28 -> conv 24 -> pool 12 -> conv 8 -> pool 4 -> 256 features"""
    net = _build(exercise)
    seen: list[tuple[str, tuple[int, ...]]] = []

    # Only Conv2d and Linear are watched: pooling and activations may be modules or
    # functions in forward (as the official PyTorch tutorial writes them). What a conv
    # receives shows the pooling before it; what the first Linear receives, the flatten.
    def hook(module, inputs, output):
        if isinstance(module, nn.Linear):
            if not any(kind == "Linear input" for kind, _ in seen):
                seen.append(("Linear input", tuple(inputs[0].shape)))
        else:
            seen.append(("Conv2d input", tuple(inputs[0].shape)))
            seen.append(("Conv2d output", tuple(output.shape)))

    watched = (nn.Conv2d, nn.Linear)
    handles = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, watched)]
    try:
        _forward(net, randn(2, 1, 28, 28, generator=rng))
    finally:
        for handle in handles:
            handle.remove()
    expected = [("Conv2d input", (2, 1, 28, 28)), ("Conv2d output", (2, 6, 24, 24)),
                ("Conv2d input", (2, 6, 12, 12)), ("Conv2d output", (2, 16, 8, 8)),
                ("Linear input", (2, 256))]
    if seen == expected:
        return
    rows = [f"  {i}. {kind:<14} {shape_str(shape)}" for i, (kind, shape) in enumerate(seen, 1)]
    want = [f"  {i}. {kind:<14} {shape_str(shape)}" for i, (kind, shape) in
            enumerate(expected, 1)]
    raise AssertionError(
        "walking net = lenet() on a (2, 1, 28, 28) batch, the layers gave:\n"
        + ("\n".join(rows) or "  (no Conv2d or Linear modules ran)")
        + "\nexpected:\n" + "\n".join(want)
        + "\nHint: with no padding a 5x5 kernel takes 28 to 24 and 12 to 8; a 2x2 pooling "
          "halves 24 to 12 and 8 to 4, so the first Linear gets 16*4*4 = 256 features.")


def test_sigmoid_and_max_pooling(exercise, rng):
    """given the same weights, it computes what LeNet computes (sigmoid activations, max pooling)"""
    net = _build(exercise)
    if sorted(tuple(p.shape) for p in net.parameters()) != sorted(PARAM_SHAPES):
        test_parameter_shapes(exercise)
    reference = _reference()
    by_shape = {tuple(p.shape): p for p in reference.parameters()}
    with torch.no_grad():
        for p in net.parameters():   # every LeNet parameter has its own shape
            values = randn(*p.shape, generator=rng)
            p.copy_(values)
            by_shape[tuple(p.shape)].copy_(values)
    X = randn(3, 1, 28, 28, generator=rng)
    y_hat, call = _forward(net, X)
    assert_close(y_hat.detach(), reference(X).detach(), call=call + " with the check's weights",
                 atol=1e-4, rtol=1e-4, hint=_forward_hint(net))


def _forward_hint(net):
    # Name average pooling only when the net has it; otherwise list the likely causes.
    if any(isinstance(m, nn.AvgPool2d) for m in net.modules()):
        return ("nn.AvgPool2d is what LeNet-5 and d2l's LeNet use, but this exercise follows "
                "the notes' variant: nn.MaxPool2d(2, 2).")
    return ("possible causes: an activation other than nn.Sigmoid() after each conv and each "
            "hidden Linear, average instead of max pooling (this exercise asks for max "
            "pooling, the notes' variant), or an activation after the last Linear.")


@pytest.mark.gpu
def test_runs_on_gpu(exercise, rng, gpu_device):
    """moved with .to('cuda'), it gives the CPU scores on the GPU"""
    net = _build(exercise)
    X = randn(5, 1, 28, 28, generator=rng)
    tf32 = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = False  # cuDNN convolutions default to TF32 (~1e-3 error)
    try:
        with torch.no_grad():
            expected, _ = _forward(net, X)
            got, call = _forward(net.to(gpu_device), X.to(gpu_device))
    finally:
        torch.backends.cudnn.allow_tf32 = tf32
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-4, rtol=1e-4)
