"""clone().detach().float() for tensors, torch.tensor(dtype=) for lists; len(self.X)."""

import torch
from torch.utils.data import DataLoader, Dataset


def _float32(data) -> torch.Tensor:
    if isinstance(data, torch.Tensor):
        return data.clone().detach().to(torch.float32)
    return torch.tensor(data, dtype=torch.float32)


class XYDataset(Dataset):
    def __init__(self, X, y) -> None:
        self.X, self.y = _float32(X), _float32(y)
        if len(self.X) != len(self.y):
            raise ValueError("X and y have different numbers of rows")

    def __len__(self) -> int:
        return len(self.X)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.X[i], self.y[i]


def make_loader(dataset: Dataset, batch_size: int, shuffle: bool = False,
                seed: int = 0) -> DataLoader:
    return DataLoader(dataset, batch_size, shuffle,
                      generator=torch.Generator().manual_seed(seed))
