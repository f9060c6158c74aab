"""Wrong: blends with mask multiplication; inf * 0 is nan, so infinities turn into nan."""

import torch


def clamp_with_where(x: torch.Tensor, low: float, high: float) -> torch.Tensor:
    below = (x < low).to(x.dtype)
    above = (x > high).to(x.dtype)
    inside = 1 - below - above
    return x * inside + low * below + high * above
