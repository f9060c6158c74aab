"""Seeded random inputs, so a hard-coded answer cannot pass and a failure can be replayed.

Every check gets its own generator, seeded from ``$TUTOR_SEED`` (default 0) and
the check's id: stable between runs, different between checks, and different
again when ``tutor pack check`` re-runs solutions under other seeds.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Iterator

import torch

SEED_ENV = "TUTOR_SEED"


def base_seed() -> int:
    return int(os.environ.get(SEED_ENV, "0"))


def seed_for(test_id: str) -> int:
    """A stable 31-bit seed for one check under the current base seed."""
    return (zlib.crc32(test_id.encode()) + base_seed() * 7919) % (2**31)


def random_shape(generator: torch.Generator, ndim: int, low: int = 1,
                 high: int = 7) -> tuple[int, ...]:
    """A shape of ``ndim`` sizes in ``[low, high)``."""
    return tuple(int(s) for s in torch.randint(low, high, (ndim,), generator=generator))


def draw_int(generator: torch.Generator, low: int, high: int) -> int:
    """One int in ``[low, high]`` (both ends included), from the check's seeded generator."""
    return int(torch.randint(low, high + 1, (1,), generator=generator))


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """Run torch on one thread inside the block (the previous count is restored after).

    Hundreds of tiny ops (shape sweeps) run faster without waking a thread pool
    each time.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def randn(*shape: int, generator: torch.Generator, dtype: torch.dtype = torch.float32,
          device: torch.device | str = "cpu") -> torch.Tensor:
    """Standard normal values drawn on the CPU (same numbers on every device), then moved."""
    return torch.randn(shape, generator=generator, dtype=dtype).to(device)


def randint(low: int, high: int, *shape: int, generator: torch.Generator,
            device: torch.device | str = "cpu") -> torch.Tensor:
    return torch.randint(low, high, shape, generator=generator).to(device)


def noncontiguous(t: torch.Tensor) -> torch.Tensor:
    """The same values in a non-contiguous tensor (a strided view into a larger one)."""
    if t.dim() == 0 or t.numel() <= 1:
        return t
    wide = torch.zeros(*t.shape[:-1], t.shape[-1] * 2, dtype=t.dtype, device=t.device)
    wide[..., ::2] = t
    view = wide[..., ::2]
    assert not view.is_contiguous()
    return view
