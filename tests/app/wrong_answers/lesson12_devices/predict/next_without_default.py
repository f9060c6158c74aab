"""Wrong: next(net.parameters()) raises StopIteration for a net without parameters."""

import torch


def model_device(net):
    return next(net.parameters()).device


def predict(net, X):
    with torch.no_grad():
        return net(X.to(model_device(net))).cpu()
