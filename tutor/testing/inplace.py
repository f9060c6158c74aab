"""Inputs left as they were: a check that a function did not change its arguments in place.

A function whose contract returns a new tensor must not write into its inputs
(``X.sub_(m)``, ``X /= s``, ``p.grad = None``): the caller still uses them, and an
in-place write on a tensor autograd saved breaks ``backward`` later. A check that
computes its expected value *before* the call never re-reads the input, so it
cannot notice; this context manager snapshots every tensor argument (values,
``requires_grad`` and ``.grad``) and compares afterwards.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import torch


@dataclass
class _Snapshot:
    name: str
    tensor: torch.Tensor
    values: torch.Tensor | None
    requires_grad: bool
    grad: torch.Tensor | None


def _tensors(value: Any, name: str) -> Iterator[tuple[str, torch.Tensor]]:
    """Tensors inside an argument: itself, list/tuple items, dict values, a module's state."""
    if isinstance(value, torch.Tensor):
        yield name, value
    elif isinstance(value, torch.nn.Module):
        for key, tensor in value.state_dict(keep_vars=True).items():
            yield f"{name}.{key}", tensor
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _tensors(item, f"{name}[{index}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _tensors(item, f"{name}[{key!r}]")


def _copy(tensor: torch.Tensor) -> torch.Tensor | None:
    if tensor.device.type == "meta":
        return None  # a meta tensor has no values to compare
    return tensor.detach().clone()


def _same(before: torch.Tensor, after: torch.Tensor) -> bool:
    if before.shape != after.shape or before.dtype != after.dtype:
        return False
    return bool(torch.equal(before, after)
                or (before.is_floating_point() or before.is_complex())
                and torch.allclose(before, after, rtol=0.0, atol=0.0, equal_nan=True))


def _change(snap: _Snapshot) -> str | None:
    tensor = snap.tensor
    if snap.values is not None and not _same(snap.values, tensor.detach()):
        return "its values"
    if tensor.requires_grad != snap.requires_grad:
        return f"requires_grad (was {snap.requires_grad}, now {tensor.requires_grad})"
    if tensor.is_leaf or tensor.requires_grad:
        grad = tensor.grad if tensor.is_leaf else None
        if (grad is None) != (snap.grad is None):
            return "its .grad (" + ("set" if grad is not None else "cleared to None") + ")"
        if grad is not None and snap.grad is not None and not _same(snap.grad, grad):
            return "its .grad values"
    return None


@contextlib.contextmanager
def inputs_unchanged(call: str = "the function", **arguments: Any) -> Iterator[None]:
    """Fail if the block changes any tensor in ``arguments`` in place.

    Args:
        call: how the call is shown in the message (``describe_call(...)``).
        **arguments: the inputs by their parameter names (tensors, lists of tensors,
            dicts, or modules, whose parameters and buffers are checked).

    Example::

        with inputs_unchanged(describe_call("mse", y_hat, y), y_hat=y_hat, y=y):
            exercise.mse(y_hat, y)
    """
    snaps = []
    for name, value in arguments.items():
        for label, tensor in _tensors(value, name):
            grad = tensor.grad if tensor.is_leaf else None
            snaps.append(_Snapshot(label, tensor, _copy(tensor), tensor.requires_grad,
                                   None if grad is None else grad.detach().clone()))
    yield
    for snap in snaps:
        change = _change(snap)
        if change is not None:
            raise AssertionError(
                f"{call} changed {change} of its input `{snap.name}` in place. The contract "
                f"returns new values and leaves `{snap.name}` as the caller passed it: use "
                "out-of-place ops (`x - m`, not `x.sub_(m)` or `x -= m`), or `.clone()` "
                "first if you need a scratch copy.")
