"""A CPU copy of the state_dict saved through an open file; load to CPU, then .to(device)."""

import torch
from torch import nn


def save_weights(net: nn.Module, path) -> None:
    state = {name: t.detach().cpu() for name, t in net.state_dict().items()}
    with open(path, "wb") as f:
        torch.save(state, f)


def load_weights(net: nn.Module, path, device: torch.device | str = "cpu") -> nn.Module:
    with open(path, "rb") as f:
        state = torch.load(f, map_location="cpu", weights_only=True)
    net.load_state_dict(state, strict=True)
    return net.to(device)
