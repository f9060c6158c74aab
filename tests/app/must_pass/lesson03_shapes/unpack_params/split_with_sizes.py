"""flat.split_with_sizes and torch.Size(...).numel(); validation up front."""

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    if flat.dim() != 1:
        raise ValueError(f"flat must be 1-D, got shape {tuple(flat.shape)}")
    counts = [torch.Size(s).numel() for s in shapes]
    if sum(counts) != len(flat):
        raise ValueError("the shapes do not use exactly the elements of flat")
    pieces = flat.split_with_sizes(counts)
    return [p.view(*s) if s else p.view(()) for p, s in zip(pieces, shapes, strict=True)]
