"""index_put_ with accumulate=True on a zeros tensor built with device=labels.device."""

import torch


def class_counts(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    counts = torch.zeros(num_classes, dtype=torch.int64, device=labels.device)
    counts.index_put_((labels,), torch.ones(len(labels), dtype=torch.int64,
                                            device=labels.device), accumulate=True)
    return counts
