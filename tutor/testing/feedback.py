"""Feedback a failing check attaches for front ends to draw: shape traces, loss curves.

The data rides on the exception (``shape_trace``, ``loss_curves``, like
``tensor_diff`` from assert_close); the collector sends it with the check's
result. It is computed only when the check fails, and computing it can never
hide the failure: a trace or curve that cannot be made is left out. ::

    with on_failure(trace=layers(net, reference.lenet(), X)):
        assert_tensor(net(X), shape=(4, 10))

    with on_failure(curves=lambda: loss_curves(losses, want_losses)):
        assert_close(torch.tensor(losses), torch.tensor(want_losses))
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MAX_POINTS = 400
"""Points kept per curve (evenly spaced, first and last always kept)."""
ATTRIBUTES = {"trace": "shape_trace", "curves": "loss_curves"}
"""What the collector reads from a failing check's exception."""
CURRENT_CHECK_FILE: Path | None = None
"""The running check's file (set by tutor.testing.plugin before each check)."""


def reference_solution() -> types.ModuleType:
    """The reference solution of the exercise the running check grades.

    For feedback taken after a failure (a trace compares the learner's run with the
    reference's); raises LookupError outside a check or when the pack has none.
    """
    from tutor.testing.loader import exercise_for_check_file, load_reference

    if CURRENT_CHECK_FILE is None:
        raise LookupError("no check is running")
    return load_reference(exercise_for_check_file(CURRENT_CHECK_FILE))


def _thin(values: Sequence[float]) -> list[float]:
    numbers = [float(v) for v in values]
    if len(numbers) <= MAX_POINTS:
        return numbers
    step = (len(numbers) - 1) / (MAX_POINTS - 1)
    return [numbers[round(i * step)] for i in range(MAX_POINTS)]


def loss_curves(yours: Sequence[float], reference: Sequence[float], *, label: str = "loss",
                x_label: str = "step", first_x: int = 0, every: int = 1) -> dict[str, Any]:
    """The learner's losses beside the reference's, as plain data.

    Value ``i`` belongs to ``x_label`` ``first_x + i * every``. Non-finite losses stay
    in (a diverging run is the point); they are sent as ``None`` (strict JSON).
    """
    def clean(values: Sequence[float]) -> list[float | None]:
        return [v if math.isfinite(v) else None for v in _thin(values)]

    return {"yours": clean(yours), "reference": clean(reference), "label": label,
            "x": x_label, "first_x": first_x, "every": every,
            "length": [len(yours), len(reference)]}


def attach(error: BaseException, **makers: Callable[[], Any] | None) -> None:
    """Compute each feedback (``trace=``, ``curves=``) and set it on ``error``."""
    from tutor.testing import shrink

    if shrink.searching:  # a shrink search wants only pass or fail
        return
    for key, make in makers.items():
        name = ATTRIBUTES[key]
        if make is None or getattr(error, name, None) is not None:
            continue
        try:
            data = make()
        except Exception:  # noqa: BLE001 - feedback is extra: the failure itself must show
            continue
        if isinstance(data, dict):
            setattr(error, name, data)


@contextmanager
def on_failure(*, trace: Callable[[], Any] | None = None,
               curves: Callable[[], Any] | None = None) -> Iterator[None]:
    """Attach a shape trace and/or loss curves to whatever the block raises."""
    try:
        yield
    except (NotImplementedError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise  # an untouched stub, or no failure at all: nothing to explain
    except BaseException as error:  # pytest.fail's Failed is a BaseException
        if type(error).__name__ != "Skipped":
            attach(error, trace=trace, curves=curves)
        raise
