"""Wrong: saves named_parameters(), which leaves out buffers such as BatchNorm's running stats."""

import torch


def save_weights(net, path):
    torch.save(dict(net.named_parameters()), path)


def load_weights(net, path, device="cpu"):
    net.load_state_dict(torch.load(path, map_location=device, weights_only=True))
    return net.to(device)
