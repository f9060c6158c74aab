"""Tensor asserts whose failure messages talk to a learner.

Each message says what was called, what came back, what was expected and, where
a pattern is recognisable, a likely cause. Checks go from coarse to fine: is it
a tensor, its shape, its dtype, its device, then the values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from tutor.grading.traceview import headline
from tutor.testing import shrink
from tutor.testing.describe import describe, shape_str
from tutor.testing.diagnose import Mistake, diagnose_mistake
from tutor.testing.tensor_diff import nonfinite, nonfinite_cells, tensor_diff

TraceMaker = Callable[[], "str | dict[str, Any] | None"]
"""What ``trace=`` takes: called only on a shape failure (tutor.testing.trace.shapes)."""


def _fail(call: str, problem: str, hint: str | None) -> AssertionError:
    message = f"{call} {problem}"
    if hint:
        message += f"\nHint: {hint}"
    return AssertionError(message)


def shape_hint(got: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    """A likely cause for a shape mismatch, or None when no pattern fits."""
    if len(got) == len(expected) + 1 and 1 in got:
        squeezed = list(got)
        squeezed.remove(1)
        if tuple(squeezed) == expected:
            return ("there is an extra dimension of size 1: (N, 1) is not (N,). "
                    "Drop keepdim=True or squeeze that dimension.")
    if len(got) + 1 == len(expected) and 1 in expected:
        return "a dimension of size 1 is missing: use keepdim=True or unsqueeze."
    if len(got) == len(expected) == 2 and got == expected[::-1]:
        return "the result looks transposed: check which dimension holds what."
    if sorted(got) == sorted(expected) and got != expected:
        return "the right sizes in the wrong order: check your permute/transpose."
    if len(got) < len(expected):
        return "a dimension was reduced away: did you sum/mean over the wrong dim?"
    return None


def _dtype_hint(got: torch.dtype, expected: torch.dtype) -> str | None:
    if not got.is_floating_point and expected.is_floating_point:
        return (f"an integer result where {expected} was expected: integer inputs "
                "(torch.arange(3) is int64) stay integer unless you convert with .float() "
                "or dtype=.")
    if got == torch.float64 and expected == torch.float32:
        return ("float64 appears when a tensor is built from NumPy (float64 by default) "
                "or with dtype=torch.float64; torch's default is float32.")
    if got.is_floating_point and not expected.is_floating_point:
        return "a float result where integers were expected: keep the integer dtype."
    return None


def _traced(trace: TraceMaker | None) -> str | dict[str, Any] | None:
    """The trace's text or data; None when there is none or it could not be taken."""
    if trace is None or shrink.searching:  # a shrink search wants only pass or fail
        return None
    try:
        return trace()
    except Exception:  # noqa: BLE001 - a trace is extra: the shape failure itself must show
        return None


def assert_tensor(actual: Any, *, call: str = "your function",
                  shape: tuple[int, ...] | None = None, dtype: torch.dtype | None = None,
                  device: torch.device | str | None = None, hint: str | None = None,
                  trace: TraceMaker | None = None) -> None:
    """Assert ``actual`` is a tensor with the given shape, dtype and device.

    ``trace`` is called only when the shape is wrong. Data (usually
    ``shapes(exercise.f, reference.f, *args)`` or ``layers(net, ref_net, X)`` from
    tutor.testing.trace) rides on the AssertionError as ``shape_trace`` for front ends
    to draw, with a one-line pointer in the message; a string follows the message.
    """
    if not isinstance(actual, torch.Tensor):
        extra = " Did you forget to `return` the result?" if actual is None else ""
        raise _fail(call, f"returned {describe(actual)}; expected a tensor.{extra}", hint)
    if shape is not None and tuple(actual.shape) != tuple(shape):
        problem = f"returned shape {shape_str(actual.shape)}; expected {shape_str(shape)}."
        data = _traced(trace)
        if isinstance(data, str):
            problem += "\n" + data
        elif data is not None:
            problem += f"\nShape trace: {headline(data)} (shown below)."
        failure = _fail(call, problem, hint or shape_hint(tuple(actual.shape), tuple(shape)))
        if isinstance(data, dict):
            failure.shape_trace = data  # type: ignore[attr-defined]
        raise failure
    if dtype is not None and actual.dtype != dtype:
        raise _fail(call, f"returned dtype {actual.dtype}; expected {dtype}.",
                    hint or _dtype_hint(actual.dtype, dtype))
    if device is not None and actual.device.type != torch.device(device).type:
        raise _fail(call, f"returned a tensor on {actual.device}; expected it on "
                          f"{torch.device(device)}, the device of the input.",
                    hint or "create new tensors with device=x.device (or x.new_zeros, "
                            "torch.zeros_like) instead of the default CPU.")


def _index_str(flat: int, shape: torch.Size) -> str:
    if len(shape) == 0:
        return "()"
    index = []
    for size in reversed(shape):
        index.append(flat % size)
        flat //= size
    return str(tuple(reversed(index)))


def _fmt(x: float) -> str:
    return f"{x:.6g}"


NONFINITE_HINT = ("NaN or inf usually comes from exp() of a large number, log(0), or dividing "
                  "by zero.")
EXPECTED_NONFINITE_HINT = ("the expected value there is not finite (log(0) is -inf, x / 0 is inf): "
                           "a clamp, an added eps or nan_to_num would change it.")


def _kind_words(counts: dict[str, int]) -> str:
    return " and ".join(f"{'NaN' if kind == 'nan' else kind} at {count}"
                        for kind, count in counts.items())


def _zero_where_nan(got: torch.Tensor, want: torch.Tensor) -> str | None:
    """A cause the values support: every NaN of yours sits where the expected value is 0."""
    cells = torch.isnan(got) & torch.isfinite(want)
    if int(cells.sum()) >= 1 and bool((want[cells] == 0).all()) and not bool((want == 0).all()):
        return ("every NaN of yours is where the expected value is 0: a 0/0 (a sum, a count or "
                "a norm of 0 divided by itself)?")
    return None


def _nonfinite_failure(call: str, got: torch.Tensor, want: torch.Tensor, wrong: torch.Tensor,
                       odd: dict[str, Any], hint: str | None) -> AssertionError:
    """Yours non-finite where expected is finite (or the reverse): counted, located, drawn."""
    first = 0
    for index, size in zip(odd["first"], got.shape, strict=True):
        first = first * size + index
    where, total = _index_str(first, got.shape), got.numel()
    got_v, want_v = got.flatten()[first].item(), want.flatten()[first].item()
    if odd["yours_only"]:
        problem = (f"returned {_kind_words(odd['yours'])} of {total} elements where the expected "
                   f"values are finite; the first at index {where}: got {got_v}, expected "
                   f"{_fmt(want_v)}.")
        default_hint = NONFINITE_HINT
    else:
        kinds = " or ".join("NaN" if kind == "nan" else kind for kind in odd["expected"])
        problem = (f"returned finite values at {odd['expected_only']} of {total} elements "
                   f"where {kinds} was expected; the first at index {where}: got "
                   f"{_fmt(got_v)}, expected {want_v}.")
        default_hint = EXPECTED_NONFINITE_HINT
    cause = _zero_where_nan(got, want)
    if cause:
        problem += f"\nLooks like: {cause}"
    failure = _fail(call, problem, hint or default_hint)
    if not shrink.searching:
        failure.tensor_diff = tensor_diff(  # type: ignore[attr-defined]
            got, want, wrong | nonfinite_cells(got, want), first, cause)
    return failure


def assert_close(actual: Any, expected: torch.Tensor, *, call: str = "your function",
                 atol: float = 1e-5, rtol: float = 1.3e-6, check_dtype: bool = True,
                 check_device: bool = True, hint: str | None = None,
                 mistakes: Sequence[Mistake] = (), trace: TraceMaker | None = None) -> None:
    """Assert ``actual`` matches ``expected`` in shape, dtype, device and values.

    The value message names the worst element: its index, both values and the error,
    then the mistake that explains the values, when one does (tutor.testing.diagnose;
    ``mistakes`` adds the exercise's own).
    """
    assert_tensor(actual, call=call, shape=tuple(expected.shape),
                  dtype=expected.dtype if check_dtype else None,
                  device=expected.device if check_device else None, hint=hint, trace=trace)
    if actual.numel() == 0:
        return
    got = actual.detach().to("cpu", torch.float64) if actual.is_floating_point() or \
        expected.is_floating_point() else actual.detach().to("cpu")
    want = expected.detach().to("cpu", got.dtype)
    error = (got - want).abs()
    allowed = atol + rtol * want.abs()
    wrong = (error > allowed) | (torch.isnan(got) != torch.isnan(want))
    odd = nonfinite(got, want) if got.is_floating_point() else None
    if odd and (odd["yours_only"] or odd["expected_only"]):
        raise _nonfinite_failure(call, got, want, wrong, odd, hint)
    if not bool(wrong.any()):
        return
    worst = int(torch.argmax(torch.where(wrong, error - allowed, torch.zeros_like(error))))
    count = int(wrong.sum())
    where = _index_str(worst, got.shape)
    problem = (
        f"returned wrong values at {count} of {got.numel()} elements. Worst at index {where}: "
        f"got {_fmt(got.flatten()[worst].item())}, expected {_fmt(want.flatten()[worst].item())}"
        f" (error {_fmt(error.flatten()[worst].item())}, allowed {_fmt(atol)} + "
        f"{_fmt(rtol)}·|expected|).")
    if shrink.searching:  # a shrink search wants only pass or fail: skip the diagnosis
        raise _fail(call, problem, hint)
    named = diagnose_mistake(got, want, mistakes, atol=atol, rtol=rtol)
    if named:
        problem += f"\nLooks like: {named.words}"
    failure = _fail(call, problem, hint)
    # Front ends draw the values from this (the collector sends it with the result).
    failure.tensor_diff = tensor_diff(  # type: ignore[attr-defined]
        got, want, wrong, worst, named.words if named else None,
        pattern=named.name if named else None)
    raise failure


def assert_equal(actual: Any, expected: torch.Tensor, *, call: str = "your function",
                 check_dtype: bool = True, check_device: bool = True,
                 hint: str | None = None, mistakes: Sequence[Mistake] = (),
                 trace: TraceMaker | None = None) -> None:
    """Exact comparison (integers, indices, masks, shapes built from ints).

    Bool tensors are compared element by element (they cannot be subtracted);
    the message names the first element that differs.
    """
    if expected.dtype != torch.bool and not (isinstance(actual, torch.Tensor)
                                             and actual.dtype == torch.bool):
        assert_close(actual, expected, call=call, atol=0.0, rtol=0.0, check_dtype=check_dtype,
                     check_device=check_device, hint=hint, mistakes=mistakes, trace=trace)
        return
    assert_tensor(actual, call=call, shape=tuple(expected.shape),
                  dtype=expected.dtype if check_dtype else None,
                  device=expected.device if check_device else None, hint=hint, trace=trace)
    got, want = actual.detach().cpu(), expected.detach().cpu()
    wrong = got.ne(want)
    if not bool(wrong.any()):
        return
    first = int(wrong.flatten().nonzero()[0])
    raise _fail(call, (
        f"returned wrong values at {int(wrong.sum())} of {got.numel()} elements. First at "
        f"index {_index_str(first, got.shape)}: got {got.flatten()[first].item()}, expected "
        f"{want.flatten()[first].item()}."), hint)


def assert_raises(fn: Callable[..., Any], *args: Any, error: type[Exception] = ValueError,
                  call: str = "your function", hint: str | None = None) -> None:
    """Assert ``fn(*args)`` raises ``error`` (a learner's own check of bad input).

    ``NotImplementedError`` passes through (an untouched stub is "not started");
    any other exception, or a return, fails with what happened instead.
    """
    try:
        result = fn(*args)
    except error:
        return
    except NotImplementedError:
        raise
    except Exception as raised:  # noqa: BLE001 - reported to the learner as the wrong error
        raise _fail(call, f"raised {type(raised).__name__}: {raised}; expected "
                          f"{error.__name__}.", hint) from None
    raise _fail(call, f"returned {describe(result)}; expected it to raise {error.__name__}.",
                hint)


def assert_value(actual: Any, expected: Any, *, call: str = "your function",
                 hint: str | None = None) -> None:
    """Compare plain Python values (tuples, ints, floats) with a message in words."""
    if actual != expected:
        raise _fail(call, f"returned {actual!r}; expected {expected!r}.", hint)
