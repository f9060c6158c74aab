"""Checks for lesson11/resnet18."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    assert_tensor,
    assert_value,
    describe,
    describe_call,
    layers,
    on_failure,
    randn,
    reference_solution,
    require_function,
)

NAMES = ["0", "1", "2", "3", "resnet_block1", "resnet_block2", "resnet_block3", "resnet_block4",
         "global_avg_pool", "fc"]
# The seed's table for a (2, 1, 96, 96) batch.
TABLE_96 = [(2, 64, 48, 48), (2, 64, 48, 48), (2, 64, 48, 48), (2, 64, 24, 24), (2, 64, 24, 24),
            (2, 128, 12, 12), (2, 256, 6, 6), (2, 512, 3, 3), (2, 512, 1, 1), (2, 10)]
STAGE_PARAMS = {"resnet_block1": 148_224, "resnet_block2": 525_952,
                "resnet_block3": 2_100_480, "resnet_block4": 8_395_264}


def _net(exercise, *args, **kwargs) -> nn.Module:
    net = require_function(exercise, "resnet18")(*args, **kwargs)
    if not isinstance(net, nn.Module):
        raise AssertionError(f"{describe_call('resnet18', *args, **kwargs)} returned "
                             f"{describe(net)}; expected an nn.Sequential.")
    return net


def _forward(net, X, label):
    call = f"{label}({describe_call('', X)[1:-1]})"
    try:
        with torch.no_grad():
            return net.eval()(X), call
    except NotImplementedError:
        raise
    except RuntimeError as error:
        first = str(error).splitlines()[0]
        hint = ("the stem conv must take in_channels channels (not a fixed 1)"
                if "channels" in first else
                "after global_avg_pool the batch is (N, 512, 1, 1); fc flattens it to "
                "(N, 512) before Linear(512, num_classes)")
        raise AssertionError(f"{call} raised RuntimeError: {first}\nHint: {hint}.") from None


def test_small_example(exercise):
    """resnet18() maps a (2, 1, 96, 96) batch to scores (2, 10)"""
    net, X = _net(exercise), torch.zeros(2, 1, 96, 96)
    with on_failure(trace=layers(net, X, against=lambda: reference_solution().resnet18())):
        y, call = _forward(net, X, "resnet18()")
        assert_tensor(y, call=call, shape=(2, 10), dtype=torch.float32)


def test_resnet_block(exercise, rng):
    """resnet_block(64, 128, 2) halves H and W and doubles the channels; first_block keeps both"""
    resnet_block = require_function(exercise, "resnet_block")
    X = randn(2, 8, 6, 6, generator=rng)
    with torch.no_grad():
        y = resnet_block(8, 16, 2).eval()(X)
        assert_tensor(y, call=f"resnet_block(8, 16, 2)({describe_call('', X)[1:-1]})",
                      shape=(2, 16, 3, 3),
                      hint="the first block of a later stage is Residual(in, out, "
                           "use_1x1conv=True, stride=2).")
        y = resnet_block(8, 8, 2, first_block=True).eval()(X)
        assert_tensor(y, call=f"resnet_block(8, 8, 2, first_block=True)"
                              f"({describe_call('', X)[1:-1]})", shape=(2, 8, 6, 6),
                      hint="with first_block=True no block downsamples: the stem's max-pool "
                           "already halved the image.")


def test_child_names(exercise):
    """the children are 0, 1, 2, 3, resnet_block1..4, global_avg_pool, fc, in that order"""
    with torch.device("meta"):
        net = _net(exercise)
    assert_value([name for name, _ in net.named_children()], NAMES,
                 call="[name for name, _ in resnet18().named_children()]",
                 hint="build the stem with nn.Sequential(...) (names 0-3), then "
                      "net.add_module('resnet_block1', ...) and so on.")


def test_parameter_count(exercise):
    """resnet18() has 11,178,378 parameters; the stages 148,224 / 525,952 / 2,100,480 / 8,395,264"""
    with torch.device("meta"):
        net = _net(exercise)
    children = dict(net.named_children())
    for name, count in STAGE_PARAMS.items():
        if name in children:
            got = sum(p.numel() for p in children[name].parameters())
            if got != count:
                raise AssertionError(
                    f"resnet18().{name} has {got:,} parameters; expected {count:,}.\nHint: "
                    + ("the first stage has no 1x1 conv: first_block=True."
                       if name == "resnet_block1" else
                       "a stage is two Residual blocks; only the first has use_1x1conv=True."))
    total = sum(p.numel() for p in net.parameters())
    if total != 11_178_378:
        raise AssertionError(f"resnet18() has {total:,} parameters; expected 11,178,378.\n"
                             "Hint: stem Conv2d(1, 64, 7) 3,200 + BatchNorm2d(64) 128; the "
                             "four stages; fc Linear(512, 10) 5,130.")


def test_shape_table(exercise):
    """on (2, 1, 96, 96) the children give the seed's table: 48, 48, 48, 24, 24, 12, 6, 3, 1, 10"""
    net = _net(exercise).eval()
    got = []
    handles = [child.register_forward_hook(
                   lambda m, i, o, name=name: got.append((name, tuple(o.shape))))
               for name, child in net.named_children()]
    try:
        _forward(net, torch.zeros(2, 1, 96, 96), "resnet18()")
    finally:
        for handle in handles:
            handle.remove()
    assert_value(got, list(zip(NAMES, TABLE_96, strict=True)),
                 call="the (child, output shape) table of resnet18() on (2, 1, 96, 96)",
                 hint="stem: 96 -> conv stride 2 -> 48 -> max-pool stride 2 -> 24; "
                      "resnet_block1 keeps 24; each later stage halves.")


def test_channels_and_classes(exercise, rng):
    """resnet18(in_channels=3, num_classes=5) takes RGB images and gives 5 scores"""
    net = _net(exercise, in_channels=3, num_classes=5)
    X = randn(1, 3, 32, 32, generator=rng)
    y, call = _forward(net, X, "resnet18(in_channels=3, num_classes=5)")
    assert_tensor(y, call=call, shape=(1, 5),
                  hint="the stem conv takes in_channels and the last Linear gives "
                       "num_classes; do not hard-code 1 and 10.")


@pytest.mark.gpu
def test_gpu_matches_cpu_in_eval_mode(exercise, rng, gpu_device):
    """in eval mode the net on the GPU gives the CPU scores"""
    net = _net(exercise)
    X = randn(2, 1, 64, 64, generator=rng)
    expected, _ = _forward(net, X, "resnet18()")
    got, call = _forward(net.to(gpu_device), X.to(gpu_device), "resnet18() on cuda")
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-3, rtol=1e-3)


def test_stem_max_pool(exercise):
    """the stem's max pool is 3x3 with stride 2 and padding 1 (the same output size as 4x4)"""
    net = exercise.resnet18()
    pools = [m for m in net.modules() if isinstance(m, nn.MaxPool2d)]
    got = [(m.kernel_size, m.stride, m.padding) for m in pools]
    assert got == [(3, 2, 1)], (
        f"resnet18() has max pools {got} as (kernel_size, stride, padding); expected one, "
        "nn.MaxPool2d(kernel_size=3, stride=2, padding=1), after the 7x7 convolution.")



def test_stage_values_and_gradients(exercise, reference, rng):
    """a stage computes relu(F(X) + X) in every block: the lesson's values, float64 kept,
    gradients reach X"""
    for args in [(3, 3, 2, True), (3, 6, 2, False)]:
        net = exercise.resnet_block(*args).double().eval()
        ref = reference.resnet_block(*args).double().eval()
        call = describe_call("resnet_block", *args)
        src, dst = list(ref.state_dict().values()), list(net.state_dict().values())
        if [t.shape for t in src] != [t.shape for t in dst]:    # by order: names are free
            raise AssertionError(f"{call} has other layers than the lesson's block: its "
                                 f"parameter shapes are {[tuple(t.shape) for t in dst][:8]}..., "
                                 f"expected {[tuple(t.shape) for t in src][:8]}...")
        with torch.no_grad():
            for s, d in zip(src, dst, strict=True):
                d.copy_(s)
        X = torch.randn(2, 3, 6, 6, generator=rng, dtype=torch.float64, requires_grad=True)
        Y = net(X)
        assert_close(Y, ref(X).detach(), call=f"{call}(X)",
                     hint="each Residual returns relu(Y + X): the shortcut is added, and the "
                          "forward keeps X's dtype.")
        assert Y.requires_grad, f"{call}(X) returned a result without autograd history."
        Y.sum().backward()
        assert X.grad is not None, f"after {call}(X).sum().backward(), X has no gradient."
