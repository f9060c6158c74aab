"""Checks for lesson09/evaluate."""

import contextlib

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from tutor.testing import assert_value, describe, inputs_unchanged, require_function


class _Probe(nn.Module):
    """Wraps a net and records, at every forward, the mode, grad mode and input device."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner
        self.dropout = nn.Dropout(0.5)  # a submodule whose mode matters
        self.seen: list[tuple[bool, bool, torch.device]] = []

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        self.seen.append((self.training, torch.is_grad_enabled(), X.device))
        return self.inner(X)


class _Stop(Exception):
    """Raised by a forward hook to stop after the input's device was recorded."""


def _loader(X, y, batch_size):
    return DataLoader(TensorDataset(X, y), batch_size=batch_size)


def _data(rng, n=10, d=4, c=3):
    net = nn.Linear(d, c)
    X = torch.randn(n, d, generator=rng)
    with torch.no_grad():
        y = net(X).argmax(dim=1)
    return net, X, y


def _modes(net: nn.Module) -> set[bool]:
    return {m.training for m in net.modules()}


def test_small_example(exercise):
    """scores [[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]] with labels [0, 2] give accuracy 0.5"""
    evaluate = require_function(exercise, "evaluate")
    scores = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
    got = evaluate(nn.Identity(), _loader(scores, torch.tensor([0, 2]), 2))
    assert_value(got, 0.5, call="evaluate(nn.Identity(), <the two scored rows>)",
                 hint="row 0 predicts class 2 (label 0), row 1 predicts 2 (label 2): 1 of 2.")


def test_returns_float(exercise, rng):
    """returns a Python float"""
    net, X, y = _data(rng)
    got = exercise.evaluate(net, _loader(X, y, 4))
    assert type(got) is float, (
        f"evaluate(...) returned {describe(got)}; expected a Python float. Use .item() on "
        "counts and divide Python numbers.")


def test_counts_every_example(exercise, rng):
    """the accuracy is over examples, not the mean of batch accuracies (short last batch)"""
    net, X, y = _data(rng, n=10)
    y[8:] = (y[8:] + 1) % 3  # the last batch of 2 is all wrong: 8 of 10 correct
    got = exercise.evaluate(net, _loader(X, y, 4))
    assert_value(got, 0.8, call="evaluate(net, <10 examples in batches of 4, 4, 2>)",
                 hint="add up correct predictions and examples over all batches and divide "
                      "once. The mean of batch accuracies (1, 1, 0) is 0.667: the short last "
                      "batch weighs as much as a full one.")


def test_eval_mode_and_no_grad(exercise, rng):
    """the net runs in eval mode and under torch.no_grad()"""
    inner, X, y = _data(rng)
    net = _Probe(inner).train()
    exercise.evaluate(net, _loader(X, y, 4))
    assert net.seen, "evaluate(...) never called the net."
    training, grad_enabled, _ = net.seen[0]
    assert not training, (
        "the net was in training mode while evaluate(...) ran it: dropout was active and "
        "batch norm used batch statistics. Call net.eval() before the loop.")
    assert not grad_enabled, (
        "evaluate(...) ran the net with gradients enabled: it built an autograd graph for "
        "nothing. Wrap the loop in `with torch.no_grad():`. (net.eval() does not turn "
        "gradients off.)")


def test_restores_train_mode(exercise, rng):
    """a net in training mode is back in training mode afterwards"""
    inner, X, y = _data(rng)
    net = _Probe(inner).train()
    exercise.evaluate(net, _loader(X, y, 4))
    assert _modes(net) == {True}, (
        "after evaluate(net, ...) the net is left in eval mode, so the next training epoch "
        "would run without dropout. Remember was_training = net.training and call "
        "net.train(was_training) at the end.")


def test_keeps_eval_mode(exercise, rng):
    """a net in eval mode stays in eval mode (not switched to training)"""
    inner, X, y = _data(rng)
    net = _Probe(inner).eval()
    exercise.evaluate(net, _loader(X, y, 4))
    assert _modes(net) == {False}, (
        "evaluate(net, ...) was given a net in eval mode and left it in training mode. "
        "Restore the mode the net had (net.train(was_training)), do not always call "
        "net.train().")


def test_moves_batches_to_device(exercise, rng):
    """moves each batch to `device` before calling the net"""
    inner, X, y = _data(rng)
    net = _Probe(inner.to("meta"))

    def record_and_stop(module, args):
        module.seen.append((module.training, torch.is_grad_enabled(), args[0].device))
        raise _Stop

    net.register_forward_pre_hook(record_and_stop)
    with contextlib.suppress(_Stop):  # the hook stops the run after its first call
        exercise.evaluate(net, _loader(X, y, 4), device=torch.device("meta"))
    assert net.seen, "evaluate(net, loader, device) never called the net."
    device = net.seen[0][2]
    assert device.type == "meta", (
        f"evaluate(net, loader, device=torch.device('meta')) gave the net a batch on {device}"
        "; expected it on meta, the device asked for. Move each batch with X.to(device) "
        "(and y.to(device)) inside the loop.")


@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """a net on CUDA with a CPU loader gives the same accuracy as on the CPU"""
    net, X, y = _data(rng, n=50)
    with torch.no_grad():
        top2 = net(X).topk(2, dim=1).values
    keep = top2[:, 0] - top2[:, 1] > 1e-3  # near-ties could flip between CPU and GPU
    X, y = X[keep], y[keep]
    y[::3] = (y[::3] + 1) % 3
    expected = (net(X).argmax(dim=1) == y).float().mean().item()
    got = exercise.evaluate(net.to(gpu_device), _loader(X, y, 8), device=gpu_device)
    assert type(got) is float, f"evaluate(...) on CUDA returned {describe(got)}; expected float."
    assert abs(got - expected) < 1e-9, (
        f"evaluate(<net on cuda>, <CPU loader>, device=cuda) returned {got}; the CPU gives "
        f"{expected}.")


def test_leaves_the_net_unchanged(exercise, rng):
    """changes no weight and no running statistic of the net (evaluation trains nothing)"""
    evaluate = require_function(exercise, "evaluate")
    net = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.Linear(6, 3)).train()
    X, y = torch.randn(10, 4, generator=rng), torch.randint(0, 3, (10,), generator=rng)
    with inputs_unchanged("evaluate(net, loader)", net=net, X=X, y=y):
        evaluate(net, _loader(X, y, 4))
