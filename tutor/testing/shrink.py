"""The smallest failing input: when a random-size case fails, find the smallest that fails.

A check that draws random sizes says "wrong for x of shape (37, 12)"; the learner
learns more from "wrong already for x of shape (1, 2)". :func:`smallest_failure`
wraps the random case: if it fails, hypothesis searches the same size ranges
(derandomised: the same learner file always gives the same answer) and shrinks to
the smallest sizes that still fail, and the failure message says so.

Usage in a check::

    def case(n: int, d: int) -> None:
        x = randn(n, d, generator=torch.Generator().manual_seed(n * 100 + d))
        assert_close(exercise.center(x), x - x.mean(0), call=describe_call("center", x))

    with smallest_failure(case, n=(1, 64), d=(1, 16)):
        case(37, 12)

``case`` must build its inputs from its sizes alone (seed its generator from them),
so that a size always means the same input.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

MAX_EXAMPLES = 60
"""Sizes hypothesis may try before it gives up looking (each is one learner call)."""


class _Failed(Exception):
    """Carries the first failure hypothesis sees for each size (its own exceptions differ)."""


def find_smallest(case: Callable[..., None], ranges: dict[str, tuple[int, int]],
                  max_examples: int = MAX_EXAMPLES) -> tuple[dict[str, int], str] | None:
    """The smallest sizes (hypothesis' shrink order) for which ``case`` fails, and its message.

    None when no failing sizes turn up within ``max_examples`` tries.
    """
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    found: dict[str, Any] = {}

    @settings(max_examples=max_examples, derandomize=True, database=None, deadline=None,
              phases=(Phase.explicit, Phase.generate, Phase.shrink), report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(st.fixed_dictionaries({name: st.integers(low, high)
                                  for name, (low, high) in ranges.items()}))
    def search(sizes: dict[str, int]) -> None:
        try:
            case(**sizes)
        except Exception as error:  # noqa: BLE001 - any failure of the learner's code counts
            found["sizes"], found["message"] = dict(sizes), _first_line(error)
            raise _Failed from error

    try:
        search()
    except _Failed:
        return found["sizes"], found["message"]
    except Exception:  # noqa: BLE001 - hypothesis' own errors must not hide the real failure
        return None
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


@contextlib.contextmanager
def smallest_failure(case: Callable[..., None], **ranges: tuple[int, int]) -> Iterator[None]:
    """Re-raise a failure inside the block with the smallest failing sizes appended."""
    from tutor.testing.rules import RuleViolation

    try:
        yield
    except RuleViolation:
        raise  # a rule broken is broken at every size: nothing to shrink
    except AssertionError as error:
        smallest = find_smallest(case, ranges)
        if smallest is None:
            raise
        sizes, message = smallest
        described = ", ".join(f"{name}={value}" for name, value in sizes.items())
        shrunk = AssertionError(f"{error}\nSmallest failing case ({described}): {message}")
        # The pictures (diff, trace, curves) ride on the error as plain attributes: keep them.
        for name, value in vars(error).items():
            setattr(shrunk, name, value)
        raise shrunk from error
