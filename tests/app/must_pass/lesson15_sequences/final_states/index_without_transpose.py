"""Advanced indexing in either layout (no transpose); the halves joined with torch.where."""

import torch


def final_states(output: torch.Tensor, lengths: torch.Tensor, bidirectional: bool = False,
                 batch_first: bool = False) -> torch.Tensor:
    if output.ndim != 3:
        raise ValueError("output must be (T, B, D*H) or (B, T, D*H)")
    batch, features = output.shape[0 if batch_first else 1], output.shape[2]
    if lengths.shape != (batch,):
        raise ValueError("lengths must be (B,)")
    if bidirectional and features % 2 == 1:
        raise ValueError("a bidirectional output has an even number of features")
    rows = torch.arange(batch, device=output.device)
    last = lengths.to(output.device) - 1
    at_end = output[rows, last] if batch_first else output[last, rows]
    if not bidirectional:
        return at_end
    first = output[:, 0] if batch_first else output[0]
    backward_half = torch.arange(features, device=output.device) >= features // 2
    return torch.where(backward_half, first, at_end)
