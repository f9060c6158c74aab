"""Autograd across the channel: a tensor computed in the other process keeps its graph.

A tensor that requires grad and is not a leaf arrives as the output of
:class:`RemoteGrad`. Its backward sends the incoming gradient to the process
that owns the real graph, which runs backward there and answers with the
gradients of the copies it holds of this side's leaf tensors (``deps``), so
autograd here adds them to the real leaves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    from tutor.isolation.endpoint import Endpoint

_ANCHOR = torch.zeros((), requires_grad=True)
"""A leaf every remote output depends on, so it requires grad even with no deps."""


class RemoteGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, anchor: torch.Tensor, holder: list[Any], *deps: torch.Tensor) -> Any:
        value, endpoint, ref, dep_refs = holder
        ctx.remote = (endpoint, ref, dep_refs, [(d.shape, d.dtype) for d in deps])
        return value

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> Any:
        endpoint, ref, dep_refs, _ = ctx.remote
        grads = endpoint.remote_backward(ref, grad, dep_refs)
        return (None, None, *grads)


def remote_output(value: torch.Tensor, endpoint: Endpoint, ref: int,
                  deps: list[tuple[int, torch.Tensor]]) -> torch.Tensor:
    """``value`` as a non-leaf whose backward runs in the process that owns ``ref``."""
    if not torch.is_grad_enabled():
        return value
    return RemoteGrad.apply(_ANCHOR, [value, endpoint, ref, [r for r, _ in deps]],
                            *[t for _, t in deps])


def backward_here(output: torch.Tensor, grad: torch.Tensor,
                  copies: list[torch.Tensor | None]) -> list[torch.Tensor | None]:
    """Run backward from ``output``; the gradients that reached ``copies``, which keep theirs."""
    before = [c.grad if c is not None else None for c in copies]
    saved = [g.clone() if g is not None else None for g in before]
    for copy in copies:
        if copy is not None:
            copy.grad = None
    with torch.enable_grad():
        torch.autograd.backward(output, grad, retain_graph=True)
    deltas = [c.grad if c is not None else None for c in copies]
    for copy, old in zip(copies, saved):
        if copy is not None:
            copy.grad = old
    return deltas
