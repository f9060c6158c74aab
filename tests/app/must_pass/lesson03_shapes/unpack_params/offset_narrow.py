"""A running offset with flat.narrow and torch.Size(shape).numel()."""

import torch


def unpack_params(flat: torch.Tensor, shapes: list[tuple[int, ...]]) -> list[torch.Tensor]:
    if flat.ndim != 1:
        raise ValueError("flat is not 1-D")
    out, start = [], 0
    for shape in shapes:
        n = torch.Size(shape).numel()
        if start + n > flat.shape[0]:
            raise ValueError("the shapes need more elements than flat has")
        out.append(flat.narrow(0, start, n).reshape(shape))
        start += n
    if start != flat.shape[0]:
        raise ValueError("the shapes need fewer elements than flat has")
    return out
