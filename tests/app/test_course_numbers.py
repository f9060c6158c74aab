"""The numbers CURRICULUM.md says the reference solutions reproduce (from the seeds).

Each is computed here from the course's own solution files, so a change to a
solution that drifts from a number the lesson text quotes fails loudly.
"""

from __future__ import annotations

import itertools

import pytest
import torch

from tutor.course import builtin_pack_root
from tutor.testing.loader import load_module

SOLUTIONS = builtin_pack_root() / "solutions"


def solution(path: str):
    return load_module(SOLUTIONS / path)


def parameter_count(net: torch.nn.Module) -> int:
    return sum(p.numel() for p in net.parameters())


def test_toy_network_of_seed_000():
    toy = solution("lesson07_backprop/train_toy_fd.py")
    params = toy.toy_params()
    hidden = torch.sigmoid(toy.X_TOY @ params["W1"] + params["b1"])
    assert hidden.flatten().tolist() == pytest.approx([0.589040, 0.367792, 0.463689], abs=5e-7)
    assert toy.toy_forward(params).item() == pytest.approx(-0.578403, abs=5e-7)
    assert toy.toy_loss(params).item() == pytest.approx(0.334550, abs=5e-7)


def test_seed_000_finite_difference_training_reaches_its_printed_prediction():
    """The seed's own recipe (float32, forward differences, h = 1e-4, simultaneous
    updates) gives −0.0174781; the lesson's float64 central differences give
    −0.0174362, which exact gradients confirm (the lesson explains the gap)."""
    toy = solution("lesson07_backprop/train_toy_fd.py")
    params = {name: p.float() for name, p in toy.toy_params().items()}
    x, y = toy.X_TOY.float(), toy.Y_TOY.float()

    def loss(ps):
        y_hat = torch.sigmoid(x @ ps["W1"] + ps["b1"]) @ ps["W2"] + ps["b2"]
        return ((y_hat - y) ** 2).mean().item()

    for _ in range(100):
        base, grads = loss(params), {}
        for name, p in params.items():
            grads[name] = torch.zeros_like(p)
            for index in itertools.product(*map(range, p.shape)):
                nudged = p.clone()
                nudged[index] += 1e-4
                grads[name][index] = (loss({**params, name: nudged}) - base) / 1e-4
        params = {name: p - 0.01 * grads[name] for name, p in params.items()}
    y_hat = torch.sigmoid(x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    assert y_hat.item() == pytest.approx(-0.0174781, abs=2e-7)

    central, _ = toy.train_toy_fd(100, 0.01)
    assert central.item() == pytest.approx(-0.0174362, abs=5e-8)


def test_softmax_of_one_two_three():
    softmax = solution("lesson09_modules_data/stable_softmax.py").stable_softmax
    out = softmax(torch.tensor([1.0, 2.0, 3.0]))
    assert out.tolist() == pytest.approx([0.0900, 0.2447, 0.6652], abs=5e-5)


def test_lenet_parameter_counts():
    lenet = solution("lesson10_cnn_shapes/lenet.py").lenet()
    assert parameter_count(lenet) == 44_426
    shapes = []
    x = torch.zeros(1, 1, 28, 28)
    for layer in lenet:
        x = layer(x)
        if x.dim() == 4:
            shapes.append(x.shape[-1])
    assert sorted(set(shapes), reverse=True) == [24, 12, 8, 4]


def test_seed_002_gather_example():
    topk_labels = solution("lesson05_gather/topk_labels.py").topk_labels
    scores = torch.tensor([[0.1, 0.9, 0.0, 0.8, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0]])
    labels = torch.arange(10) + 100
    assert topk_labels(scores, labels, 3).tolist() == [[101, 103, 104]]
