"""Lesson 09, exercise 6: save and load a state_dict safely."""

import torch
from torch import nn


def save_weights(net: nn.Module, path) -> None:
    """Write ``net``'s state_dict (parameters and buffers) to ``path`` with torch.save.

    Example:
        >>> save_weights(net, tmp_path / "net.pt")
    """
    # TODO: save the state_dict, not the module object.
    raise NotImplementedError("save_weights: not written yet")


def load_weights(net: nn.Module, path, device: torch.device | str = "cpu") -> nn.Module:
    """Load the state_dict stored at ``path`` into ``net``, move ``net`` to ``device``, return it.

    Read the file with ``torch.load(path, map_location=device, weights_only=True)`` so a
    file holding anything but tensors is refused, and keep ``load_state_dict``'s default
    ``strict=True`` so weights of another architecture raise.

    Args:
        net: a freshly built net of the same architecture as the saved one.
        path: the file written by ``save_weights``.
        device: where the loaded net should live.

    Returns:
        ``net`` itself, with the loaded weights, on ``device``.

    Example:
        >>> fresh = load_weights(make_net(), tmp_path / "net.pt")
    """
    # TODO: torch.load with weights_only=True, load_state_dict, then .to(device).
    raise NotImplementedError("load_weights: not written yet")
