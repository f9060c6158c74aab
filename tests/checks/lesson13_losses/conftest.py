"""Shared helpers for lesson 13's checks, as fixtures (the lesson 15 pattern).

``meta_call`` runs the learner's code on data-free 'meta' tensors and explains the
failures that are specific to that device; ``expect_error`` demands that bad input is
refused with the documented exception and says what happened instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tutor.testing import RuleViolation, describe

MIXED_WITH_META = (
    "The inputs are on the data-free 'meta' device, so most likely a tensor of yours was "
    "created on the CPU (torch.zeros(shape), torch.tensor(v), a bare nn.Linear(...)) and "
    "mixed with them; copying values out to Python (.tolist(), .numpy()) fails there too."
    "\nHint: create tensors from the inputs (torch.zeros_like(t), t.new_full(...)) or "
    "pass device=t.device, dtype=t.dtype.")


@pytest.fixture
def meta_call() -> Callable[..., Any]:
    """``meta_call(shown, fn, *args, **kwargs)``: fn's result on 'meta' inputs.

    A tensor made on the CPU and mixed with a meta input is a device bug: it fails with
    a message that says so. Code that reads values (.item(), `if t.any()`) cannot run on
    meta at all: that is not a mistake, so the check is skipped and a GPU run checks the
    device instead. Any other error reaches the learner unchanged.
    """
    def call(shown: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (RuntimeError, NotImplementedError) as error:
            text = str(error)
            if "cannot be called on meta" in text or "data-dependent" in text:
                pytest.skip("your code reads tensor values (.item(), `if t.any()`), which "
                            "the data-free 'meta' device cannot do; devices are checked on "
                            "a GPU run")
            if "meta" not in text:
                raise
            raise AssertionError(f"{shown} raised {type(error).__name__}: "
                                 f"{text.splitlines()[0]}\n{MIXED_WITH_META}") from None
    return call


@pytest.fixture
def expect_error() -> Callable[..., None]:
    """``expect_error(fn, *args, error=ValueError, call=, why=, fix=)``: fn must raise.

    ``why`` follows "expected ValueError:" when fn returns instead; ``fix`` is the hint
    when it raises some other exception. An untouched stub (NotImplementedError) and a
    broken rule pass through unchanged.
    """
    def check(fn: Callable[..., Any], *args: Any, error: type[Exception] = ValueError,
              call: str, why: str, fix: str) -> None:
        try:
            got = fn(*args)
        except error:
            return
        except (NotImplementedError, RuleViolation):
            raise
        except Exception as raised:  # noqa: BLE001 - the learner sees the wrong exception
            raise AssertionError(f"{call} raised {type(raised).__name__}: {raised}; expected "
                                 f"{error.__name__}.\nHint: {fix}") from None
        raise AssertionError(f"{call} returned {describe(got)}; expected {error.__name__}: "
                             f"{why}")
    return check
