"""local_twin: a check's own module holding the learner's weights, or None where they do not fit."""

from __future__ import annotations

import torch
from torch import nn

from tutor.testing import local_twin


def _net(width: int = 3) -> nn.Module:
    return nn.Sequential(nn.Linear(2, width), nn.BatchNorm1d(width), nn.Linear(width, 1))


def test_the_twin_computes_what_the_module_computes_and_is_its_own():
    torch.manual_seed(0)
    learner = _net().double().eval()
    twin = local_twin(learner, _net)
    assert twin is not None and not twin.training
    x = torch.randn(4, 2, dtype=torch.float64)
    assert torch.equal(twin(x), learner(x))          # dtype and buffers came along
    with torch.no_grad():
        twin[0].weight.zero_()
    assert learner[0].weight.abs().sum() > 0          # copies, not the learner's tensors


def test_weights_that_do_not_fit_give_none():
    assert local_twin(_net(width=3), lambda: _net(width=4)) is None      # reshaped
    assert local_twin(nn.Linear(2, 1), _net) is None                    # other layers
