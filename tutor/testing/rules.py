"""Exercise rules: forbidden library calls and "no Python loops".

A rule broken is a failed check whose message names the rule, never a crash.
Forbidden calls are caught two ways: the module attribute is replaced (so
``torch.cdist(...)`` fails at once) and a ``TorchFunctionMode`` watches every
torch call (so an alias taken at import time, ``from torch import cdist``, or
the method form ``x.softmax()`` is caught too).
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from torch.overrides import TorchFunctionMode

from tutor.testing.loops import find_loops

ACTIVE_RULES: list[tuple[tuple[str, ...], str]] = []
"""The ``forbidden`` blocks open now, innermost last: strict isolation sends them with each
call so the learner's process enforces them too (tutor.isolation)."""


class RuleViolation(AssertionError):
    """The learner's code used something the exercise rules out."""


def _resolve(qualname: str) -> tuple[Any, str, Any]:
    """``torch.nn.functional.softmax`` -> (module object, attribute, original value)."""
    parts = qualname.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attr in parts[split:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1], getattr(owner, parts[-1])
    raise ValueError(f"cannot resolve {qualname!r}")


class _ForbiddenMode(TorchFunctionMode):
    """Rejects forbidden functions however they were reached (aliases, methods)."""

    def __init__(self, originals: dict[Any, str], raise_for: Callable[[str], None]) -> None:
        super().__init__()
        self.originals = originals
        self.raise_for = raise_for

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        name = self.originals.get(func)
        if name is not None:
            self.raise_for(name)
        return func(*args, **(kwargs or {}))


@contextlib.contextmanager
def forbidden(*qualnames: str, rule: str = "") -> Iterator[None]:
    """Make the named calls fail with a message naming the rule while the block runs.

    Args:
        qualnames: dotted names, e.g. ``"torch.cdist"``, ``"torch.Tensor.softmax"``.
        rule: why, in the exercise's words ("write the distance with broadcasting").
    """
    def raise_for(name: str) -> None:
        raise RuleViolation(f"Rule broken: this exercise asks you not to use `{name}`."
                            + (f" {rule}" if rule else ""))

    patched: list[tuple[Any, str, Any]] = []
    originals: dict[Any, str] = {}
    for qualname in qualnames:
        owner, attr, original = _resolve(qualname)
        originals[original] = qualname

        def blocker(*_args: Any, _name: str = qualname, **_kwargs: Any) -> Any:
            raise_for(_name)

        patched.append((owner, attr, original))
        setattr(owner, attr, blocker)
    ACTIVE_RULES.append((qualnames, rule))
    try:
        with _ForbiddenMode(originals, raise_for):
            yield
    finally:
        ACTIVE_RULES.pop()
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)


AUTOGRAD_CALLS = ("torch.Tensor.backward", "torch.autograd.grad", "torch.autograd.backward")


@contextlib.contextmanager
def no_autograd(rule: str = "compute the gradient by hand.") -> Iterator[None]:
    """Disable ``backward`` and ``torch.autograd.grad`` for an exercise done by hand."""
    with forbidden(*AUTOGRAD_CALLS, rule=rule):
        yield


def assert_no_loops(module: types.ModuleType, function: str | None = None) -> None:
    """Fail with the rule and the line when the learner's code loops in Python.

    Checks the whole file unless ``function`` is given, and then that function and every
    function of the file it calls. Counts loops, comprehensions, generator expressions,
    ``map``/``filter``/``functools.reduce`` and the other iterating calls, and recursion
    (see :mod:`tutor.testing.loops`).
    """
    path = Path(module.__file__ or "")
    source = path.read_text(encoding="utf-8") if path.is_file() else inspect.getsource(module)
    loops = find_loops(source, function)
    if loops:
        line, kind = loops[0]
        more = f" (and {len(loops) - 1} more)" if len(loops) > 1 else ""
        raise RuleViolation(
            f"Rule broken: no Python loops in this exercise. {path.name} has {kind} on line "
            f"{line}{more}. Express it with whole-tensor operations (broadcasting, indexing, "
            "reductions): they run in C++/CUDA instead of one Python step per element.")
