"""amax shift by hand, advanced indexing logits[arange(N), labels]."""

import torch


def cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    m = logits.amax(dim=1, keepdim=True)
    lse = m.squeeze(1) + (logits - m).exp().sum(dim=1).log()
    rows = torch.arange(logits.shape[0], device=logits.device)
    return torch.mean(lse - logits[rows, labels])
