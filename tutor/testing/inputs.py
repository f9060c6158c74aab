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

from tutor.testing import sizes

SEED_ENV = "TUTOR_SEED"


def base_seed() -> int:
    return int(os.environ.get(SEED_ENV, "0"))


def seed_for(test_id: str) -> int:
    """A stable 31-bit seed for one check under the current base seed."""
    return (zlib.crc32(test_id.encode()) + base_seed() * 7919) % (2**31)


def random_shape(generator: torch.Generator, ndim: int, low: int = 1, high: int = 7,
                 names: str | None = None) -> tuple[int, ...]:
    """A shape of ``ndim`` sizes in ``[low, high)``.

    A check that draws its sizes here (or with :func:`draw_int`) is shrunk when it
    fails: the plugin runs it again with smaller sizes (tutor.testing.shrink) and the
    message names the smallest that still fail. ``names`` names them in that report:
    one name per size ("n, d"), or one name for the whole shape ("widths"; the
    default is ``shape``), or ``""`` for none (indices, choices: the failure's own
    line shows what they made). Build the inputs from the generator *after* drawing
    the sizes, so that they follow from them.
    """
    labels = [label.strip() for label in names.split(",")] if names and "," in names else []
    if labels and len(labels) != ndim:
        raise ValueError(f"random_shape: {ndim} sizes but {len(labels)} names ({names!r})")
    whole = "shape" if names is None else "" if labels else names.strip()
    shape = sizes.draw(generator, low, high - 1, ndim, whole)
    assert isinstance(shape, tuple)
    if labels and sizes.active is not None:  # report each size under its own name
        sizes.active.taken[-1:] = list(zip(labels, shape, strict=True))
    return shape


def draw_int(generator: torch.Generator, low: int, high: int, name: str = "size") -> int:
    """One int in ``[low, high]`` (both ends included), from the check's seeded generator.

    Shrunk like :func:`random_shape` when the check fails; ``name`` names it there
    (``""``: left out of the report).
    """
    value = sizes.draw(generator, low, high, None, name)
    assert isinstance(value, int)
    return value


def repeats(count: int) -> int:
    """How many random cases a check's loop runs: ``count``, or 1 while it is shrunk.

    ``for _ in range(repeats(4)):`` draws four sets of sizes; the shrink search
    (tutor.testing.shrink) runs the loop once, its sizes picked by hypothesis, so the
    smallest failing case is one case, not the fourth of four.
    """
    return 1 if sizes.active is not None else count


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
