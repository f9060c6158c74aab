"""Lesson 09, exercise 4: a Dataset over generated tensors, and its DataLoader."""

import torch
from torch.utils.data import DataLoader, Dataset


class XYDataset(Dataset):
    """Pairs ``(X[i], y[i])`` held as float32 tensors."""

    def __init__(self, X, y) -> None:
        self.X = torch.as_tensor(X, dtype=torch.float32)
        self.y = torch.as_tensor(y, dtype=torch.float32)
        if len(self.X) != len(self.y):
            raise ValueError(f"X has {len(self.X)} rows but y has {len(self.y)}")

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.X[i], self.y[i]


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = False,
                seed: int = 0) -> DataLoader:
    """A DataLoader whose shuffled order depends only on ``seed``."""
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator)
