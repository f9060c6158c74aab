"""Many calls of one learner function in one go: :func:`call_each`.

A check that compares a learner's pure function with a reference on hundreds of
inputs (shapes that broadcast, convolution output sizes) makes hundreds of calls.
In-process that costs microseconds each; under strict isolation each call is a
round trip between two processes (~0.2-0.5 ms). :func:`call_each` makes all the
calls first, in order, and hands back what each returned or raised: under strict
isolation in two round trips however many calls (tutor.isolation.calls), in-process as
a loop. The check then looks at the outcomes in the same order as before, so its
verdict and message are those of one call at a time, as long as the function is pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """What one call returned (``value``) or raised (``error``)."""

    value: Any = None
    error: BaseException | None = None

    def get(self) -> Any:
        """The value, or the call's exception raised again (as if the call were made now)."""
        if self.error is not None:
            raise self.error
        return self.value


def call_each(function: Callable[..., Any], cases: Iterable[tuple[Any, ...]],
              keywords: Iterable[dict[str, Any]] | None = None) -> list[Outcome]:
    """``function(*args)`` for each argument tuple in ``cases`` (with ``**keywords[i]``
    when given), all before any outcome is looked at.

    An ``Exception`` a call raises is its outcome; anything else (``KeyboardInterrupt``,
    ``SystemExit``) stops the batch as it would stop a loop. Only for pure functions:
    every call runs even when an earlier one went wrong.
    """
    calls = [tuple(args) for args in cases]
    named = [dict(k) for k in keywords] if keywords is not None else [{} for _ in calls]
    if len(named) != len(calls):
        raise ValueError(f"call_each: {len(calls)} cases but {len(named)} keyword dicts")
    from tutor.isolation.tracing import is_remote

    if is_remote(function):
        from tutor.isolation.calls import remote_each

        return remote_each(function, list(zip(calls, named, strict=True)))
    return [_one(function, args, kwargs) for args, kwargs in zip(calls, named, strict=True)]


def _one(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Outcome:
    try:
        return Outcome(function(*args, **kwargs))
    except Exception as error:  # noqa: BLE001 - the outcome of this case
        return Outcome(error=error)
