"""Wrong: splits by each shape's first size instead of its number of elements."""

import math

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    if flat.dim() != 1 or sum(math.prod(s) for s in shapes) != flat.numel():
        raise ValueError("sizes do not match")
    sizes = [shape[0] if shape else 1 for shape in shapes]
    pieces = torch.split(flat, sizes)
    return [piece.reshape(shape) for piece, shape in zip(pieces, shapes)]
