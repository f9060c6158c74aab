"""Wrong: loads with weights_only=False, which unpickles (and may run) anything in the file."""

import torch


def save_weights(net, path):
    torch.save(net.state_dict(), path)


def load_weights(net, path, device="cpu"):
    net.load_state_dict(torch.load(path, map_location=device, weights_only=False))
    return net.to(device)
