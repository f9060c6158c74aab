"""Wrong: clones every piece, so the pieces no longer share memory with flat."""

import math

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    sizes = [math.prod(shape) for shape in shapes]
    if flat.dim() != 1 or sum(sizes) != flat.numel():
        raise ValueError("sizes do not match")
    return [piece.clone().reshape(shape) for piece, shape in zip(flat.split(sizes), shapes)]
