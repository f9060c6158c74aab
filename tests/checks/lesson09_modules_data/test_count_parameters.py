"""Checks for lesson09/count_parameters."""

import torch
from torch import nn

from tutor.testing import (
    assert_value,
    draw_int,
    random_shape,
    repeats,
    require_function,
)


class _AdderNet(nn.Module):
    """The seed's "add two numbers" network: Linear(2, 8) -> ReLU -> Linear(8, 1)."""

    def __init__(self) -> None:
        super().__init__()
        self.input_to_hidden_layer = nn.Linear(2, 8)
        self.hidden_layer_activation = nn.ReLU()
        self.hidden_to_output_layer = nn.Linear(8, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.hidden_to_output_layer(self.hidden_layer_activation(
            self.input_to_hidden_layer(x)))


def _mlp(sizes: list[int]) -> nn.Sequential:
    layers: list[nn.Module] = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(fan_in, fan_out), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def _formula(sizes: list[int]) -> int:
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def test_small_example(exercise):
    """the seed's Linear(2, 8) -> ReLU -> Linear(8, 1) network has 33 parameters"""
    count_parameters = require_function(exercise, "count_parameters")
    got = count_parameters(_AdderNet())
    assert_value(got, 33, call="count_parameters(<Linear(2, 8) -> ReLU -> Linear(8, 1)>)",
                 hint="weights (8, 2) and (1, 8) plus biases (8,) and (1,): 16 + 8 + 8 + 1.")


def test_returns_int(exercise):
    """returns a Python int, not a tensor or a float"""
    got = exercise.count_parameters(nn.Linear(4, 3))
    assert type(got) is int, (
        f"count_parameters(nn.Linear(4, 3)) returned {type(got).__name__} {got!r}; expected "
        "the int 15. p.numel() is an int already: add them up with sum(), no tensor needed.")
    assert_value(got, 15, call="count_parameters(nn.Linear(4, 3))")


def test_known_mlp(exercise):
    """a 784-256-64-10 MLP has 218,058 parameters"""
    got = exercise.count_parameters(_mlp([784, 256, 64, 10]))
    assert_value(got, 218_058, call="count_parameters(<MLP 784-256-64-10>)",
                 hint="each Linear(a, b) holds a*b weights and b biases.")


def test_random_mlps(exercise, rng):
    """matches in*out + out summed over the layers, for random MLP sizes"""
    for _ in range(repeats(5)):
        depth = draw_int(rng, 2, 4, name="")
        sizes = list(random_shape(rng, depth, 1, 40, names="sizes"))
        got = exercise.count_parameters(_mlp(sizes))
        assert_value(got, _formula(sizes), call=f"count_parameters(<MLP {sizes}>)")


def test_frozen_parameters_not_counted(exercise):
    """frozen parameters (requires_grad=False) are not counted"""
    net = _mlp([6, 5, 3])
    net[0].weight.requires_grad_(False)
    net[0].bias.requires_grad_(False)
    got = exercise.count_parameters(net)
    assert_value(got, 3 * 5 + 3, call="count_parameters(<MLP 6-5-3 with the first layer frozen>)",
                 hint="count only the parameters with p.requires_grad == True: a frozen layer "
                      "is not trained, so it is not a trainable parameter.")


def test_shared_layer_counted_once(exercise):
    """a layer used twice (shared weights) is counted once"""
    shared = nn.Linear(5, 5)
    net = nn.Sequential(shared, nn.ReLU(), shared)
    got = exercise.count_parameters(net)
    assert_value(got, 30, call="count_parameters(nn.Sequential(lin, nn.ReLU(), lin))",
                 hint="the same Linear(5, 5) appears twice but holds one set of 30 numbers. "
                      "net.parameters() lists each parameter once; state_dict() lists it under "
                      "every name it has.")


def test_buffers_not_counted(exercise):
    """buffers (BatchNorm's running mean/var) are not parameters"""
    net = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    got = exercise.count_parameters(net)
    assert_value(got, 3 * 4 + 4 + 4 + 4,
                 call="count_parameters(nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4)))",
                 hint="BatchNorm1d(4) has 8 parameters (weight, bias) and 9 buffer numbers "
                      "(running_mean, running_var, num_batches_tracked) that are not trained. "
                      "state_dict() includes the buffers; parameters() does not.")
