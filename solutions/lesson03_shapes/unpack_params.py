"""Lesson 03, exercise 6: cut one flat parameter vector into tensors of given shapes."""

import math

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    """Consecutive pieces of the 1-D tensor flat, one per shape; each a view of flat."""
    sizes = [math.prod(shape) for shape in shapes]
    if flat.dim() != 1 or sum(sizes) != flat.numel():
        raise ValueError(f"the shapes need {sum(sizes)} elements; flat has shape "
                         f"{tuple(flat.shape)}")
    return [piece.view(shape) for piece, shape in zip(flat.split(sizes), shapes)]
