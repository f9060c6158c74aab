"""Time-major view via transpose, advanced indexing out[lengths - 1, arange(B)], torch.cat."""

import torch


def final_states(output: torch.Tensor, lengths: torch.Tensor, bidirectional: bool = False,
                 batch_first: bool = False) -> torch.Tensor:
    if output.dim() != 3:
        raise ValueError("output must be 3-D")
    seq = output.transpose(0, 1) if batch_first else output     # (T, B, F)
    B, F = seq.shape[1], seq.shape[2]
    if lengths.shape != (B,):
        raise ValueError(f"lengths must have shape ({B},)")
    if bidirectional and F % 2:
        raise ValueError("a bidirectional output has an even feature size")
    batch = torch.arange(B, device=output.device)
    last = seq[lengths.to(output.device) - 1, batch]            # (B, F)
    if not bidirectional:
        return last
    H = F // 2
    return torch.cat((last[:, :H], seq[0, :, H:]), dim=1)
