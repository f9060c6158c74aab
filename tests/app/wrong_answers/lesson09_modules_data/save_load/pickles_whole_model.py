"""Wrong: torch.save(net) pickles the whole module; loading it needs weights_only=False."""

import torch


def save_weights(net, path):
    torch.save(net, path)


def load_weights(net, path, device="cpu"):
    saved = torch.load(path, map_location=device, weights_only=False)
    net.load_state_dict(saved.state_dict())
    return net.to(device)
