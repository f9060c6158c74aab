"""Wrong: uses log_softmax and nll_loss, which the exercise forbids."""

import torch
import torch.nn.functional as F


def cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    return F.nll_loss(F.log_softmax(logits, dim=1), labels)
