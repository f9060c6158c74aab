"""Autograd across the channel: a tensor computed in the other process keeps its graph.

A tensor that requires grad and is not a leaf arrives as the output of a
:class:`RemoteGrad` function whose inputs are this side's versions of the leaf
tensors both processes hold (parameters lent to the learner, copies of its
inputs). Its backward sends the incoming gradient to the owner of the real
graph, which computes the gradients of those shared leaves with
``torch.autograd.grad`` (they come back as this node's input gradients, so
``backward`` accumulates them here and ``autograd.grad`` returns them) and
accumulates the gradients of leaves only it holds, as ``backward`` would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    from tutor.isolation.endpoint import Endpoint

_ANCHOR = torch.zeros((), requires_grad=True)
"""A leaf every remote output depends on, so it requires grad even with no shared leaves."""
_named: dict[str, type] = {}


class RemoteGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx: Any, anchor: torch.Tensor, holder: list[Any], *deps: torch.Tensor) -> Any:
        value, endpoint, ref, dep_specs = holder
        ctx.remote = (endpoint, ref, dep_specs)
        # Saved so that a second backward without retain_graph fails here as it would
        # in one process ("Trying to backward through the graph a second time").
        ctx.save_for_backward(anchor)
        return value

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> Any:
        endpoint, ref, dep_specs = ctx.remote
        ctx.saved_tensors  # noqa: B018 - raises once the graph was freed
        grads = endpoint.remote_backward(ref, grad, dep_specs)
        return (None, None, *grads)


def _function_named(grad_fn_name: str) -> type:
    """A RemoteGrad subclass whose node reads like the remote one (``LinearSigmoidBackward``)."""
    base = grad_fn_name.removesuffix("Backward") if grad_fn_name.endswith("Backward") else ""
    if not base.isidentifier():
        return RemoteGrad
    if base not in _named:
        _named[base] = type(base, (RemoteGrad,), {})
    return _named[base]


def remote_output(value: torch.Tensor, endpoint: Endpoint, ref: int, grad_fn: str,
                  deps: list[tuple[Any, torch.Tensor]]) -> torch.Tensor:
    """``value`` as a non-leaf whose backward runs in the process that owns ``ref``."""
    if not torch.is_grad_enabled():
        return value
    function: Any = _function_named(grad_fn)
    return function.apply(_ANCHOR, [value, endpoint, ref, [spec for spec, _ in deps]],
                          *[t for _, t in deps])


def graph_leaves(output: torch.Tensor) -> list[torch.Tensor]:
    """Every leaf tensor ``output``'s graph accumulates into (our anchor aside)."""
    found: dict[int, torch.Tensor] = {}
    seen: set[int] = set()
    stack = [output.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        variable = getattr(node, "variable", None)
        if isinstance(variable, torch.Tensor) and variable is not _ANCHOR:
            found[id(variable)] = variable
        stack.extend(next_node for next_node, _ in node.next_functions)
    return list(found.values())


def backward_here(output: torch.Tensor, grad: torch.Tensor, deps: list[torch.Tensor],
                  create_graph: bool = False) -> list[torch.Tensor | None]:
    """Gradients of ``deps``; leaves only this process holds accumulate theirs.

    ``create_graph`` (the other side differentiates twice): the gradients keep a graph,
    and cross back as remote outputs themselves.
    """
    local = [leaf for leaf in graph_leaves(output) if not any(leaf is d for d in deps)]
    inputs = deps + local
    if not inputs:
        return []
    with torch.enable_grad():
        grads = torch.autograd.grad(output, inputs, grad, retain_graph=True,
                                    allow_unused=True, create_graph=create_graph)
    with torch.no_grad():
        for leaf, leaf_grad in zip(local, grads[len(deps):], strict=True):
            if leaf_grad is None:
                continue
            if leaf.grad is None:
                leaf.grad = leaf_grad.detach().clone()
            else:
                leaf.grad += leaf_grad.detach()
    return list(grads[:len(deps)])
