"""Wrong: steps with a closure that never clears the gradients, so they pile up across batches."""

import torch


def train_epoch(net, loss_fn, optimizer, X, y, batch_size, generator):
    total = 0.0
    for idx in torch.randperm(len(X), generator=generator).split(batch_size):
        def closure(idx=idx):
            loss = loss_fn(net(X[idx]), y[idx])
            loss.backward()
            return loss

        total += optimizer.step(closure).item() * len(idx)
    return total / len(X)
