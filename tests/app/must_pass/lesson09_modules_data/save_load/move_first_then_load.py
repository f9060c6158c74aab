"""Move the net to the device first, then load_state_dict (copies into the moved tensors)."""

from pathlib import Path

import torch
from torch import nn


def save_weights(net: nn.Module, path) -> None:
    torch.save(net.state_dict(), Path(path))


def load_weights(net: nn.Module, path, device: torch.device | str = "cpu") -> nn.Module:
    net.to(device)
    net.load_state_dict(torch.load(Path(path), map_location=device, weights_only=True))
    return net
