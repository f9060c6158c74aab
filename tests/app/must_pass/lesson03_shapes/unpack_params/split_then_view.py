"""torch.split by element counts, then .view(shape) each piece (a list built with zip)."""

import math

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    if flat.dim() != 1:
        raise ValueError("flat must be 1-D")
    sizes = [math.prod(s) for s in shapes]
    if sum(sizes) != flat.numel():
        raise ValueError(f"the shapes need {sum(sizes)} elements, flat has {flat.numel()}")
    pieces = torch.split(flat, sizes)
    return [piece.view(shape) for piece, shape in zip(pieces, shapes, strict=True)]
