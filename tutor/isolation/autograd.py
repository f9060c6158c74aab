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
        grads = endpoint.remote_backward(ref, grad, dep_specs, _accumulating(ctx))
        return (None, None, *grads)


class RemoteInPlace(RemoteGrad):
    """The same, written into an existing tensor: the other side changed its copy in place
    under autograd (``h0[0] = h``), so ours becomes that op's output, as in one process."""

    @staticmethod
    def forward(ctx: Any, anchor: torch.Tensor, holder: list[Any],  # type: ignore[override]
                target: torch.Tensor, *deps: torch.Tensor) -> Any:
        value, endpoint, ref, dep_specs = holder
        ctx.remote = (endpoint, ref, dep_specs)
        ctx.save_for_backward(anchor)
        if value.shape == target.shape and value.dtype == target.dtype:
            target.copy_(value)
        else:
            target.set_(value.clone())
        ctx.mark_dirty(target)
        return target

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> Any:
        endpoint, ref, dep_specs = ctx.remote
        ctx.saved_tensors  # noqa: B018
        grads = endpoint.remote_backward(ref, grad, dep_specs, _accumulating(ctx))
        # The old value's gradient is part of the other side's graph (its copy was on it).
        return (None, None, None, *grads)


def _accumulating(ctx: Any) -> bool:
    """backward() (leaves accumulate .grad) rather than autograd.grad (they do not): the
    engine runs our anchor's AccumulateGrad node only in the first case."""
    anchor_node = ctx.next_functions[0][0]
    try:
        return anchor_node is not None and bool(torch._C._will_engine_execute_node(anchor_node))
    except RuntimeError:
        return True


def _function_named(grad_fn_name: str, base_class: type | None = None) -> type:
    """A RemoteGrad subclass whose node is named exactly like the remote one.

    ``type(out.grad_fn).__name__``, ``out.grad_fn.name()`` and ``repr(out)`` then read
    ``SigmoidBackward0``, ``MmBackward0`` or the learner's ``LinearSigmoidBackward`` as
    they would in one process (only the name is taken from the other side).
    """
    parent = base_class or RemoteGrad
    if not grad_fn_name.isidentifier():
        return parent
    key = f"{parent.__name__}:{grad_fn_name}"
    if key not in _named:
        base = grad_fn_name.rstrip("0123456789").removesuffix("Backward") or "Remote"
        function: Any = type(base, (parent,), {})
        node = function._backward_cls
        node.__name__ = node.__qualname__ = grad_fn_name
        node.apply = _node_apply
        _named[key] = function
    return _named[key]


def _node_apply(self: Any, *grads: Any) -> Any:
    """The autograd engine runs RemoteGrad's backward; a check calling ``out.grad_fn.apply(g)``
    itself gets the remote node's own result (the learner's ``backward`` return value)."""
    if torch._C._current_autograd_node() is self:
        return torch.autograd.function.BackwardCFunction.apply(self, *grads)  # type: ignore[arg-type]
    endpoint, ref, _ = self.remote
    return endpoint.request("node_apply", None, ref=ref, grads=list(grads))


def remote_output(value: torch.Tensor, endpoint: Endpoint, ref: Any, grad_fn: str,
                  deps: list[tuple[Any, torch.Tensor]]) -> torch.Tensor:
    """``value`` as a non-leaf whose backward runs in the process that owns ``ref``."""
    if not torch.is_grad_enabled():
        return value
    function: Any = _function_named(grad_fn)
    return function.apply(_ANCHOR, [value, endpoint, ref, [spec for spec, _ in deps]],
                          *[t for _, t in deps])


def remote_inplace(target: torch.Tensor, value: torch.Tensor, endpoint: Endpoint, ref: Any,
                   grad_fn: str, deps: list[tuple[Any, torch.Tensor]]) -> None:
    """``target`` now holds ``value`` and hangs, in place, on a node whose backward runs in
    the process that owns ``ref`` (its copy was changed in place there under autograd)."""
    function: Any = _function_named(grad_fn, RemoteInPlace)
    with torch.enable_grad():
        function.apply(_ANCHOR, [value, endpoint, ref, [spec for spec, _ in deps]], target,
                       *[t for _, t in deps])


def graph_inputs(output: torch.Tensor, cut: dict[tuple[int, int], Any]
                 ) -> tuple[list[torch.Tensor], list[Any]]:
    """The leaves of ``output``'s graph (our anchor aside) and the ``cut`` entries it meets.

    ``cut`` maps (id of a node, output number) to what stands for that non-leaf tensor; the
    walk does not go past one (its gradient is what the other side needs; what lies behind
    it is reached through its own node).
    """
    found: dict[int, torch.Tensor] = {}
    met: dict[tuple[int, int], Any] = {}
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
        for next_node, number in node.next_functions:
            if next_node is None:
                continue
            key = (id(next_node), number)
            if key in cut:
                met[key] = cut[key]
            else:
                stack.append(next_node)
    return list(found.values()), list(met.values())


def graph_leaves(output: torch.Tensor) -> list[torch.Tensor]:
    """Every leaf tensor ``output``'s graph accumulates into (our anchor aside)."""
    return graph_inputs(output, {})[0]


def backward_here(output: torch.Tensor, grad: torch.Tensor, deps: list[torch.Tensor],
                  create_graph: bool = False, accumulate: bool = True
                  ) -> list[torch.Tensor | None]:
    """Gradients of ``deps``; with ``accumulate`` (a ``backward()`` over there), leaves only
    this process holds accumulate theirs, as ``backward`` would.

    A non-leaf dep (a layer's output the other side's graph goes through) gets the gradient
    that reaches it, and passes none on: the other side sends that on through its own
    node, which ends here again, so nothing behind it is counted twice.
    ``create_graph`` (the other side differentiates twice): the gradients keep a graph,
    and cross back as remote outputs themselves.
    """
    cut = {(id(d.grad_fn), d.output_nr): d for d in deps if d.grad_fn is not None}
    leaves = graph_inputs(output, cut)[0] if accumulate else []
    local = [leaf for leaf in leaves if not any(leaf is d for d in deps)]
    inputs = deps + local
    if not inputs:
        return []
    caught: dict[int, torch.Tensor] = {}
    handles = []
    if cut and len(inputs) > len(cut):
        for index, dep in enumerate(deps):
            if dep.grad_fn is not None:
                handles.append(dep.register_hook(_catch(caught, index)))
    try:
        with torch.enable_grad():
            grads: list[torch.Tensor | None] = list(torch.autograd.grad(
                output, inputs, grad, retain_graph=True, allow_unused=True,
                create_graph=create_graph))
    finally:
        for handle in handles:
            handle.remove()
    for index, value in caught.items():
        grads[index] = value
    with torch.no_grad():
        for leaf, leaf_grad in zip(local, grads[len(deps):], strict=True):
            if leaf_grad is None:
                continue
            if leaf.grad is None:
                leaf.grad = leaf_grad.detach().clone()
            else:
                leaf.grad += leaf_grad.detach()
    return grads[:len(deps)]


def _catch(caught: dict[int, torch.Tensor], index: int) -> Any:
    def hook(gradient: torch.Tensor) -> torch.Tensor:
        caught[index] = gradient
        return torch.zeros_like(gradient)

    return hook
