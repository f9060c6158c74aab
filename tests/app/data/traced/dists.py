"""Two versions of pairwise squared distances, traced by tests/app/test_trace.py."""
import torch


def good(x, y):
    diff = x[:, None, :] - y[None, :, :]
    squared = diff**2
    return squared.sum(-1)


def axes_swapped(x, y):
    diff = x - y[:, None, :]
    squared = diff**2
    return squared.sum(-1)


def helper_then_raise(x, y):
    scaled = _double(x)
    return scaled @ y


def _double(t):
    twice = t * 2
    return twice


class Net(torch.nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.body = torch.nn.Sequential(torch.nn.Linear(4, hidden), torch.nn.ReLU(),
                                        torch.nn.Linear(hidden, 2))

    def forward(self, x):
        return self.body(x)
