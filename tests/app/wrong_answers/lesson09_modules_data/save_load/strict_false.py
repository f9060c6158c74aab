"""Wrong: strict=False hides mismatched keys, so nothing is loaded and no error is raised."""

import torch


def save_weights(net, path):
    torch.save(net.state_dict(), path)


def load_weights(net, path, device="cpu"):
    net.load_state_dict(torch.load(path, map_location=device, weights_only=True), strict=False)
    return net.to(device)
