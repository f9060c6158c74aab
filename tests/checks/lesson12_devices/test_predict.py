"""Checks for lesson12/predict (model_device and predict)."""

import contextlib

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    describe,
    describe_call,
    inputs_unchanged,
    randn,
    require_function,
)


class _Stop(Exception):
    """Raised by a forward hook once it has seen which device the input is on."""


def _adder() -> nn.Linear:
    net = nn.Linear(2, 1)
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[1.0, 1.0]]))
        net.bias.zero_()
    return net


def _device_of(exercise, net) -> torch.device:
    try:
        got = exercise.model_device(net)
    except StopIteration:
        raise AssertionError(
            f"model_device({type(net).__name__}()) raised StopIteration: this net has no "
            "parameters, so next(net.parameters()) has nothing to return.\nHint: "
            "next(net.parameters(), None) returns None instead; use the CPU then.") from None
    assert isinstance(got, torch.device), (
        f"model_device(...) returned {describe(got)}; expected a torch.device.")
    return got


def test_small_example(exercise):
    """predict(<x1 + x2 net>, [[1, 2], [3, 4]]) is [[3], [7]]"""
    predict = require_function(exercise, "predict")
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert_close(predict(_adder(), X), torch.tensor([[3.0], [7.0]]),
                 call=describe_call("predict", "<x1 + x2 net>", X), check_device=True)


def test_model_device(exercise):
    """model_device is the device of the net's parameters (meta here), cpu if it has none"""
    require_function(exercise, "model_device")
    got = _device_of(exercise, nn.Linear(3, 2))
    assert got.type == "cpu", f"model_device(nn.Linear(3, 2)) returned {got}; expected cpu."
    got = _device_of(exercise, nn.Linear(3, 2).to("meta"))
    assert got.type == "meta", (
        f"model_device(<nn.Linear on meta>) returned {got}; expected meta.\nHint: read the "
        "device from the parameters: next(net.parameters()).device.")
    got = _device_of(exercise, nn.ReLU())
    assert got.type == "cpu", f"model_device(nn.ReLU()) returned {got}; expected cpu."


def test_values_and_no_graph(exercise, rng):
    """predict equals net(X), on the CPU, with no autograd graph attached"""
    net = nn.Sequential(nn.Linear(4, 5), nn.Tanh(), nn.Linear(5, 3))
    X = randn(6, 4, generator=rng)
    got = exercise.predict(net, X)
    with torch.no_grad():
        expected = net(X)
    assert_close(got, expected, call=describe_call("predict", "<net>", X), atol=1e-6)
    assert got.grad_fn is None and not got.requires_grad, (
        f"predict(...) returned a tensor with grad_fn={got.grad_fn}: autograd recorded the "
        "forward pass for nothing. Run the net inside `with torch.no_grad():`.")


def test_moves_input_to_model_device(exercise, rng):
    """the input reaches the net on the net's device (meta here), not where X was"""
    net = nn.Linear(3, 2).to("meta")
    seen: list[torch.device] = []

    def record_and_stop(module, args):
        seen.append(args[0].device)
        raise _Stop

    net.register_forward_pre_hook(record_and_stop)
    with contextlib.suppress(_Stop):
        exercise.predict(net, randn(4, 3, generator=rng))
    assert seen, "predict(net, X) never called net."
    assert seen[0].type == "meta", (
        f"predict(<net on meta>, <X on cpu>) gave the net an input on {seen[0]}. A net and "
        "its input must be on the same device: call net(X.to(model_device(net))).")


def test_net_without_parameters(exercise, rng):
    """works for a net with no parameters (nn.Flatten())"""
    X = randn(2, 3, 2, generator=rng)
    try:
        got = exercise.predict(nn.Flatten(), X)
    except StopIteration:
        raise AssertionError(
            "predict(nn.Flatten(), X) raised StopIteration from next(net.parameters()): "
            "this net has no parameters.\nHint: model_device should fall back to the CPU.") \
            from None
    assert_close(got, X.reshape(2, 6), call=describe_call("predict", "nn.Flatten()", X))


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """a net on CUDA: model_device says cuda; predict takes CPU X and returns CPU values"""
    net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 4))
    X = randn(10, 8, generator=rng)
    with torch.no_grad():
        expected = net(X)
    net.to(gpu_device)
    assert _device_of(exercise, net).type == "cuda", "model_device(<net on cuda>) is not cuda."
    got = exercise.predict(net, X)
    assert_close(got, expected, call=describe_call("predict", "<net on cuda>", X), atol=1e-5,
                 hint="bring the result back with .cpu() so callers can print it or call "
                      ".numpy().")


def test_leaves_net_and_input_unchanged(exercise, rng):
    """leaves X, the net's weights and its mode as they were"""
    predict = require_function(exercise, "predict")
    net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.Linear(4, 2)).eval()
    X = torch.randn(5, 3, generator=rng)
    with inputs_unchanged(describe_call("predict", net, X), net=net, X=X):
        predict(net, X)
    assert not net.training, ("predict(net, X) switched an eval-mode net to train mode; it "
                              "should leave the mode as the caller set it.")


def test_keeps_float64(exercise, rng):
    """a float64 net on float64 inputs gives float64 predictions"""
    predict = require_function(exercise, "predict")
    net = nn.Linear(3, 2).double()
    X = torch.randn(4, 3, generator=rng, dtype=torch.float64)
    got = predict(net, X)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.float64, (
        f"{describe_call('predict', net, X)} returned {describe(got)}; expected float64, "
        "the net's own dtype: do not convert the result.")
