"""Wrong: sums the per-example losses instead of averaging them."""

import torch


def cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    m = logits.amax(dim=1, keepdim=True)
    log_z = m.squeeze(1) + (logits - m).exp().sum(dim=1).log()
    return (log_z - logits[torch.arange(len(labels)), labels]).sum()
