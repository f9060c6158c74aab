"""XYDataset as a subclass of TensorDataset; RandomSampler with a seeded generator."""

import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler, SequentialSampler, TensorDataset


class XYDataset(TensorDataset):
    def __init__(self, X, y) -> None:
        X = torch.as_tensor(X, dtype=torch.float32)
        y = torch.as_tensor(y, dtype=torch.float32)
        if X.shape[0] != y.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows, y has {y.shape[0]}")
        super().__init__(X, y)
        self.X, self.y = X, y


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = False,
                seed: int = 0) -> DataLoader:
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed)
        sampler = RandomSampler(dataset, generator=g)
    else:
        sampler = SequentialSampler(dataset)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, num_workers=0,
                      drop_last=False)
