"""Lesson 09, exercise 4: a Dataset over generated tensors, and its DataLoader."""

import torch
from torch.utils.data import DataLoader, Dataset


class XYDataset(Dataset):
    """Pairs ``(X[i], y[i])`` held as float32 tensors.

    Args:
        X: inputs, shape ``(N, D)``: a nested list or a tensor of any dtype.
        y: targets with N rows, e.g. shape ``(N,)`` or ``(N, 1)``: a list or a tensor.

    Store both as float32 tensors without a warning when a tensor is passed in
    (``torch.tensor(a_tensor)`` warns; ``torch.as_tensor`` does not). Raise ``ValueError``
    when X and y have different numbers of rows.

    Example:
        >>> ds = XYDataset([[1, 2], [3, 4]], [[3], [7]])
        >>> len(ds), ds[0]
        (2, (tensor([1., 2.]), tensor([3.])))
    """

    def __init__(self, X, y) -> None:
        # TODO: convert X and y to float32 tensors and check their lengths match.
        raise NotImplementedError("XYDataset.__init__: not written yet")

    def __len__(self) -> int:
        # TODO: the number of examples.
        raise NotImplementedError("XYDataset.__len__: not written yet")

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        # TODO: the pair (X[i], y[i]).
        raise NotImplementedError("XYDataset.__getitem__: not written yet")


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = False,
                seed: int = 0) -> DataLoader:
    """Return a DataLoader over ``dataset`` whose shuffled order depends only on ``seed``.

    Keep every example (a short last batch stays) and ``num_workers=0``. With
    ``shuffle=True`` two loaders made with the same seed yield the same order.

    Example:
        >>> loader = make_loader(XYDataset([[1, 2], [3, 4], [5, 6]], [1, 2, 3]), batch_size=2)
        >>> [tuple(X.shape) for X, y in loader]
        [(2, 2), (1, 2)]
    """
    # TODO: a DataLoader with a torch.Generator seeded with `seed`.
    raise NotImplementedError("make_loader: not written yet")
