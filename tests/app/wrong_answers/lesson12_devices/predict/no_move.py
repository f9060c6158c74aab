"""Wrong: never moves X, so a net on the GPU gets a CPU input ('Expected all tensors ...')."""

import torch


def model_device(net):
    param = next(net.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def predict(net, X):
    with torch.no_grad():
        return net(X).cpu()
