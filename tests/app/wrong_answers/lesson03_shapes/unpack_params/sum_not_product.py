"""Wrong: counts the elements of a shape with sum(shape) instead of the product of its sizes."""

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    sizes = [sum(shape) for shape in shapes]
    if flat.dim() != 1 or sum(sizes) != flat.numel():
        raise ValueError("sizes do not match")
    return [piece.view(shape) for piece, shape in zip(flat.split(sizes), shapes)]
