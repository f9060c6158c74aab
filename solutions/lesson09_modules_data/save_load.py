"""Lesson 09, exercise 6: save and load a state_dict safely."""

import torch
from torch import nn


def save_weights(net: nn.Module, path) -> None:
    """Write ``net``'s state_dict (parameters and buffers) to ``path``."""
    torch.save(net.state_dict(), path)


def load_weights(net: nn.Module, path, device: torch.device | str = "cpu") -> nn.Module:
    """Load the state_dict at ``path`` into ``net``, move it to ``device`` and return it."""
    state = torch.load(path, map_location=device, weights_only=True)
    net.load_state_dict(state)
    return net.to(device)
