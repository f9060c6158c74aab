"""Checks for lesson11/layer_shapes."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from tutor.testing import assert_close, assert_value, describe_call, require_function

HOOK_HINT = ("run the WHOLE net once (net(X)) and record each top-level child's output with "
             "child.register_forward_hook(...): forward may do work between children (a "
             "flatten before fc), so feeding the children one after another is not the same.")


def _small_cnn() -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(4 * 4 * 4, 10))


class _Residual(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, padding=1, stride=stride)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.conv3 = nn.Conv2d(c_in, c_out, 1, stride=stride) if stride != 1 or c_in != c_out \
            else None

    def forward(self, X):
        Y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(X)))))
        return F.relu(Y + (X if self.conv3 is None else self.conv3(X)))


def _d2l_resnet18(width: int = 64) -> nn.Sequential:
    """Seed 001's ResNet-18 for 1-channel input and 10 classes (width 64: 11,178,378 params)."""
    w = [width, width * 2, width * 4, width * 8]
    net = nn.Sequential(nn.Conv2d(1, w[0], 7, stride=2, padding=3), nn.BatchNorm2d(w[0]),
                        nn.ReLU(), nn.MaxPool2d(3, 2, 1))
    c_in = w[0]
    for i, c in enumerate(w, 1):
        stride = 1 if i == 1 else 2
        net.add_module(f"resnet_block{i}", nn.Sequential(_Residual(c_in, c, stride),
                                                         _Residual(c, c)))
        c_in = c
    net.add_module("global_avg_pool", nn.AdaptiveAvgPool2d(1))
    net.add_module("fc", nn.Sequential(nn.Flatten(), nn.Linear(w[3], 10)))
    return net


class _TorchvisionStyle(nn.Module):
    """Like torchvision's ResNet: forward flattens between avgpool and fc."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.relu = nn.ReLU()
        self.layer1 = nn.Conv2d(4, 6, 3, padding=1)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(6, 5)

    def forward(self, x):
        x = self.layer1(self.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def _call(exercise, net, input_shape, label):
    layer_shapes = require_function(exercise, "layer_shapes")
    call = describe_call("layer_shapes", net, input_shape).replace(
        describe_call("", net)[1:-1], label)
    try:
        result = layer_shapes(net, input_shape)
    except NotImplementedError:
        raise
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error).splitlines()[0]}\n"
                             f"Hint: {HOOK_HINT}") from None
    except ValueError as error:
        raise AssertionError(f"{call} raised ValueError: {str(error).splitlines()[0]}\n"
                             "Hint: in training mode BatchNorm needs more than one value per "
                             "channel; measure shapes in eval mode (net.eval(), then restore "
                             "the mode).") from None
    if not isinstance(result, list):
        raise AssertionError(f"{call} returned {type(result).__name__}; expected a list of "
                             "(name, shape) pairs.")
    return [(name, tuple(shape)) for name, shape in result], call


def _sequential_spec(net, input_shape):
    """For an nn.Sequential the children run one after another: the plain definition."""
    X, rows = torch.zeros(input_shape), []
    net.eval()
    with torch.no_grad():
        for name, child in net.named_children():
            X = child(X)
            rows.append((name, tuple(X.shape)))
    return rows


def test_small_example(exercise):
    """a small CNN on (2, 1, 8, 8): conv (2, 4, 8, 8), relu, pool (2, 4, 4, 4), ... (2, 10)"""
    got, call = _call(exercise, _small_cnn(), (2, 1, 8, 8), "<small CNN>")
    assert_value(got, [("0", (2, 4, 8, 8)), ("1", (2, 4, 8, 8)), ("2", (2, 4, 4, 4)),
                       ("3", (2, 64)), ("4", (2, 10))], call=call,
                 hint="one (name, output shape) pair per top-level child, names from "
                      "net.named_children(), in the order the children ran.")


@pytest.mark.parametrize("input_shape", [(2, 1, 96, 96), (1, 1, 64, 40)])
def test_resnet18_table(exercise, input_shape):
    """the seed's ResNet-18 (narrow copy): stem, 4 stages halving H and W, pool, fc"""
    net = _d2l_resnet18(width=4)
    got, call = _call(exercise, net, input_shape, "<ResNet-18, width 4>")
    assert_value(got, _sequential_spec(_d2l_resnet18(width=4), input_shape), call=call)


def test_forward_with_work_between_children(exercise):
    """a torchvision-style model whose forward flattens before fc: fc's output is (2, 5)"""
    got, call = _call(exercise, _TorchvisionStyle().eval(), (2, 3, 8, 8),
                      "<torchvision-style net>")
    assert_value(got, [("conv1", (2, 4, 4, 4)), ("bn1", (2, 4, 4, 4)), ("relu", (2, 4, 4, 4)),
                       ("layer1", (2, 6, 4, 4)), ("avgpool", (2, 6, 1, 1)), ("fc", (2, 5))],
                 call=call, hint=HOOK_HINT)


def test_hooks_removed(exercise):
    """afterwards the net has no hooks left (a second call gives the same table)"""
    net = _small_cnn()
    first, call = _call(exercise, net, (1, 1, 8, 8), "<small CNN>")
    left = [name or "net" for name, m in net.named_modules() if m._forward_hooks]
    if left:
        raise AssertionError(f"after {call}, these modules still have forward hooks: "
                             f"{left}.\nHint: keep the handles that register_forward_hook "
                             "returns and call handle.remove() on each (in a finally: block).")
    second, _ = _call(exercise, net, (1, 1, 8, 8), "<small CNN>")
    assert_value(second, first, call=call + " called a second time")


def test_net_left_unchanged(exercise):
    """a net in training mode stays in training mode, and its BatchNorm statistics do not move"""
    net = _TorchvisionStyle().train()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    _, call = _call(exercise, net, (1, 3, 8, 8), "<torchvision-style net in train mode>")
    if not net.training:
        raise AssertionError(f"after {call} the net is in eval mode; expected it back in "
                             "training mode.\nHint: remember net.training, call net.eval(), "
                             "and net.train(was_training) at the end.")
    for key, value in net.state_dict().items():
        assert_close(value, before[key], call=f"after {call}, the net's {key}", atol=0,
                     rtol=0, hint="in training mode BatchNorm updates running_mean/var on "
                                  "every forward pass: measure the shapes in eval mode.")


def test_uses_the_nets_dtype(exercise):
    """a float64 net works: the zeros are made with the net's dtype and device"""
    net = _small_cnn().double()
    got, call = _call(exercise, net, (3, 1, 8, 8), "<float64 small CNN>")
    assert_value(got[-1], ("4", (3, 10)), call=call + "[-1]",
                 hint="make the input like the parameters: p = next(net.parameters()); "
                      "torch.zeros(input_shape, dtype=p.dtype, device=p.device).")


def test_d2l_resnet18_parameter_count(exercise):
    """a narrow copy of the seed's 11,178,378-parameter ResNet-18 ends in global pool, then fc"""
    with torch.device("meta"):
        net = _d2l_resnet18()
    count = sum(p.numel() for p in net.parameters())
    assert count == 11_178_378, f"check setup: {count}"
    got, call = _call(exercise, _d2l_resnet18(width=1), (1, 1, 32, 32), "<ResNet-18, width 1>")
    assert_value(got[-2:], [("global_avg_pool", (1, 8, 1, 1)), ("fc", (1, 10))], call=call)


@pytest.mark.gpu
def test_net_on_gpu(exercise, gpu_device):
    """a net on the GPU: the zeros go to the GPU too, and the table matches the CPU one"""
    cpu_rows, _ = _call(exercise, _d2l_resnet18(width=4), (2, 1, 64, 64), "<ResNet-18>")
    got, call = _call(exercise, _d2l_resnet18(width=4).to(gpu_device), (2, 1, 64, 64),
                      "<ResNet-18 on cuda>")
    assert_value(got, cpu_rows, call=call)


def test_no_graph_and_the_net_device(exercise):
    """runs under no_grad, on zeros made on the net's device (tried on `meta`, any machine)"""
    layer_shapes = require_function(exercise, "layer_shapes")
    grad_modes = []
    net = nn.Sequential(nn.Linear(3, 4), nn.ReLU())
    net[0].register_forward_hook(lambda m, i, o: grad_modes.append(torch.is_grad_enabled()))
    layer_shapes(net, (2, 3))
    assert grad_modes == [False], (
        f"layer_shapes(net, (2, 3)) ran the net with autograd on {grad_modes}; run the "
        "forward inside torch.no_grad(): shapes need no graph.")
    meta = nn.Sequential(nn.Linear(3, 4), nn.ReLU()).to("meta")
    call = describe_call("layer_shapes", "<net on meta>", (2, 3))
    try:
        got = layer_shapes(meta, (2, 3))
    except RuntimeError as error:
        raise AssertionError(f"{call} raised {str(error)[:160]}\nHint: this often means X "
                             "was made on the CPU; give torch.zeros the device (and dtype) "
                             "of the net's parameters.") from None
    assert_value(got, [("0", (2, 4)), ("1", (2, 4))], call=call)
