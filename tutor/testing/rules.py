"""Exercise rules: forbidden library calls and "no Python loops".

A rule broken is a failed check whose message names the rule, never a crash.
Forbidden calls are caught two ways: the module attribute is replaced (so
``torch.cdist(...)`` fails at once) and a ``TorchFunctionMode`` watches every
torch call (so an alias taken at import time, ``from torch import cdist``, or
the method form ``x.softmax()`` is caught too).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from torch.overrides import TorchFunctionMode

from tutor.testing.loops import find_loops

ACTIVE_RULES: list[tuple[tuple[str, ...], str, dict[str, str]]] = []
"""The ``forbidden`` blocks open now, innermost last: strict isolation sends them with each
call so the learner's process enforces them too (tutor.isolation)."""


class RuleViolation(AssertionError):
    """The learner's code used something the exercise rules out."""


def _resolve(qualname: str) -> tuple[Any, str, Any]:
    """``torch.nn.functional.softmax`` -> (module object, attribute, original value)."""
    owner, attr = _owner_of(qualname)
    return owner, attr, getattr(owner, attr)


@functools.lru_cache(maxsize=512)
def _owner_of(qualname: str) -> tuple[Any, str]:
    """Where ``qualname``'s last part lives: (module or class, attribute name).

    Cached: a check enters ``forbidden`` hundreds of times per run, and every failed
    ``import_module`` of a non-module prefix (``torch.Tensor``) walks every import
    hook. The longest prefix that is a module wins; a prefix imported already (or
    reached as an attribute) costs no import at all.
    """
    parts = qualname.split(".")
    if len(parts) < 2:
        raise ValueError(f"cannot resolve {qualname!r}")
    for split in range(len(parts) - 1, 0, -1):
        name = ".".join(parts[:split])
        owner: Any = sys.modules.get(name)
        if owner is None and not _is_attribute_path(parts[:split]):
            try:
                owner = importlib.import_module(name)
            except ImportError:
                continue
        if owner is None:
            continue
        for attr in parts[split:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1]
    raise ValueError(f"cannot resolve {qualname!r}")


def _is_attribute_path(parts: list[str]) -> bool:
    """True when ``parts`` names a non-module attribute of an imported module (a class)."""
    for split in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:split]))
        if module is None:
            continue
        value: Any = module
        for attr in parts[split:]:
            value = getattr(value, attr, None)
            if value is None:
                return False
        return not isinstance(value, types.ModuleType)
    return False


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
def forbidden(*qualnames: str, rule: str = "",
              shown_as: dict[str, str] | None = None) -> Iterator[None]:
    """Make the named calls fail with a message naming the rule while the block runs.

    Args:
        qualnames: dotted names, e.g. ``"torch.cdist"``, ``"torch.Tensor.softmax"``.
        rule: why, in the exercise's words ("write the distance with broadcasting").
        shown_as: the public name to print for an internal one (an implementation
            function patched so that aliases taken at import time are caught too).
    """
    shown_as = shown_as or {}
    def raise_for(name: str) -> None:
        raise RuleViolation(f"Rule broken: this exercise asks you not to use `{name}`."
                            + (f" {rule}" if rule else ""))

    patched: list[Callable[[], None]] = []
    originals: dict[Any, str] = {}
    for qualname in qualnames:
        owner, attr, original = _resolve(qualname)
        name = shown_as.get(qualname, qualname)
        originals[original] = name

        def blocker(*_args: Any, _name: str = name, **_kwargs: Any) -> Any:
            raise_for(_name)

        patched.append(replace_attribute(owner, attr, blocker))
    ACTIVE_RULES.append((qualnames, rule, shown_as))
    try:
        with _ForbiddenMode(originals, raise_for):
            yield
    finally:
        ACTIVE_RULES.pop()
        for restore in reversed(patched):
            restore()


def replace_attribute(owner: Any, attr: str, value: Any) -> Callable[[], None]:
    """``setattr(owner, attr, value)``; returns what puts it back as it was. A class's
    inherited attribute (``torch.Tensor.expand`` lives on ``TensorBase``) is put back by
    deleting the class's own entry, so the class's namespace is left as it was."""
    own = vars(owner) if isinstance(owner, type) else None
    before = own.get(attr, _ABSENT) if own is not None else getattr(owner, attr)
    setattr(owner, attr, value)

    def restore() -> None:
        if before is _ABSENT:
            delattr(owner, attr)
        else:
            setattr(owner, attr, before)

    return restore


_ABSENT = object()


AUTOGRAD_CALLS = ("torch.Tensor.backward", "torch.autograd.grad", "torch.autograd.backward")
"""torch.autograd.functional (jacobian, vjp, hessian, ...) calls torch.autograd.grad: covered."""
_TRANSFORMS = "torch._functorch.eager_transforms"
FUNC_TRANSFORMS = {
    # torch.func's public functions are plain Python: an alias (``from torch.func import
    # grad``) escapes a patched attribute, so the implementations every public transform
    # reaches are patched, under the names learners use.
    f"{_TRANSFORMS}.grad_impl": "torch.func.grad",
    f"{_TRANSFORMS}.grad_and_value_impl": "torch.func.grad_and_value",
    f"{_TRANSFORMS}._vjp_with_argnums": "torch.func.vjp (also behind jacrev and hessian)",
    f"{_TRANSFORMS}._jvp_with_argnums": "torch.func.jvp (also behind jacfwd)",
    # Forward mode: every dual_level (torch.func.linearize's too) enters through this.
    "torch.autograd.forward_ad.enter_dual_level":
        "torch.autograd.forward_ad (forward-mode AD, also behind torch.func.linearize)",
}


def _present(qualnames: dict[str, str]) -> dict[str, str]:
    """Those of ``qualnames`` this PyTorch has (private names move between releases)."""
    found = {}
    for qualname, shown in qualnames.items():
        try:
            _resolve(qualname)
        except (ValueError, AttributeError):
            continue
        found[qualname] = shown
    return found


@contextlib.contextmanager
def no_autograd(rule: str = "compute the gradient by hand.") -> Iterator[None]:
    """Disable every automatic differentiation for an exercise done by hand.

    ``backward``, ``torch.autograd.grad`` (and so torch.autograd.functional) and the
    ``torch.func`` transforms (grad, vjp, jvp, jacrev, jacfwd, hessian, linearize) and
    forward-mode dual numbers.
    """
    transforms = _present(FUNC_TRANSFORMS)
    with forbidden(*AUTOGRAD_CALLS, *transforms, rule=rule, shown_as=transforms):
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
