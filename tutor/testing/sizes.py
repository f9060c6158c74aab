"""Random sizes a check draws, and the hook that lets a failing check be shrunk.

:func:`tutor.testing.inputs.draw_int` and :func:`~tutor.testing.inputs.random_shape`
draw through :func:`draw`. In a normal run that is the check's seeded generator
(the same numbers as ever) plus a count, so the plugin knows the check drew sizes.
While :mod:`tutor.testing.shrink` searches for the smallest failing case, a
:class:`Search` is installed instead: hypothesis picks each size, the sizes are
recorded by name, and the generator is re-seeded from the sizes drawn so far, so
the values the check draws next are a function of the sizes alone.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import torch

Pick = Callable[[int, int], int]
"""Chooses one int in ``[low, high]`` (hypothesis' ``data.draw(st.integers(...))``)."""

drawn = 0
"""Sizes drawn by the running check (reset by the plugin before each check)."""


@dataclass
class Search:
    """One example of a shrink search: where sizes come from and which were taken."""

    pick: Pick
    seed: int
    taken: list[tuple[str, int | tuple[int, ...]]] = field(default_factory=list)

    def total(self) -> int:
        """The sum of every size drawn: smaller is a smaller case."""
        return sum(sum(v) if isinstance(v, tuple) else v for _, v in self.taken)

    def reseed(self, generator: torch.Generator) -> None:
        key = f"{self.seed}:{[value for _, value in self.taken]}"
        generator.manual_seed(zlib.crc32(key.encode()))


active: Search | None = None
"""Set only while tutor.testing.shrink runs a check again with chosen sizes."""


def draw(generator: torch.Generator, low: int, high: int, count: int | None,
         name: str) -> int | tuple[int, ...]:
    """``count`` ints (one int when None) in ``[low, high]``, named ``name`` in reports."""
    global drawn
    drawn += 1
    search = active
    if search is None:
        values = torch.randint(low, high + 1, (1 if count is None else count,),
                               generator=generator).tolist()
        return int(values[0]) if count is None else tuple(int(v) for v in values)
    chosen: int | tuple[int, ...] = search.pick(low, high) if count is None else \
        tuple(search.pick(low, high) for _ in range(count))
    search.taken.append((name, chosen))
    search.reseed(generator)
    return chosen


def described(taken: list[tuple[str, int | tuple[int, ...]]]) -> str:
    """``n=1, d=(1, 2)``: each name once, with its last value (a loop draws again).

    Unnamed draws (``name=""``) are left out.
    """
    last: dict[str, int | tuple[int, ...]] = {}
    for name, value in taken:
        if name:
            last[name] = value
    return ", ".join(f"{name}={value}" for name, value in last.items())
