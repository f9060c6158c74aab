"""Wrong: drop_last=True silently skips the short last batch every epoch."""

import torch
from torch.utils.data import DataLoader, Dataset


class XYDataset(Dataset):
    def __init__(self, X, y) -> None:
        self.X = torch.as_tensor(X, dtype=torch.float32)
        self.y = torch.as_tensor(y, dtype=torch.float32)
        if len(self.X) != len(self.y):
            raise ValueError("X and y differ in length")

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i):
        return self.X[i], self.y[i]


def make_loader(dataset, batch_size, shuffle=False, seed=0):
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=True,
                      generator=torch.Generator().manual_seed(seed))
