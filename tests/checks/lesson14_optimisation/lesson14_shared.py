"""What lesson 14's checks share: the optimiser-step harness and the meta-device message.

A step function (sgd_momentum_step, adam_step) is called as ``fn(params, state, **hp)``:
it updates the parameters in place, keeps its buffers in ``state`` and returns None. The
helpers here run such a step next to torch.optim, name a known wrong variant when the
numbers match one, and check the contract every optimiser step has (in place, leaves
kept, ``.grad`` untouched, no graph, state on the parameter's device, bad
hyperparameters refused before anything changes). The test modules import this file
by name (pytest puts the checks' folder on ``sys.path``), so the name is unique in the
course.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import torch

from tutor.testing import assert_close, describe, random_shape

Step = Callable[..., Any]
NO_GRAD_HINT = ("autograd refuses to record an in-place change of a parameter. Do the update "
                "inside `with torch.no_grad():`.")


def uniform(rng: torch.Generator, low: float, high: float) -> float:
    """A float drawn uniformly from [low, high)."""
    return low + (high - low) * float(torch.rand((), generator=rng))


def random_problem(rng: torch.Generator, steps: int, dtype: torch.dtype = torch.float64,
                   device: str | torch.device = "cpu", scale: float = 1.0):
    """Three parameters (2-D, 1-D, 0-d) and ``steps`` rounds of random gradients for them."""
    shapes = [random_shape(rng, 2, 2, 6), random_shape(rng, 1, 2, 8), ()]
    params0 = [torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
    grads_seq = [[scale * torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
                 for _ in range(steps)]
    return params0, grads_seq


def fill_grads(params: Sequence[torch.Tensor], grads: Sequence[torch.Tensor | None]) -> None:
    """Set each parameter's .grad to a copy of its gradient (or None)."""
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()


def torch_history(make_optimiser: Callable[[list[torch.Tensor], float], Any],
                  params0: Sequence[torch.Tensor], grads_seq, lrs: Sequence[float]):
    """The parameters after each step of a torch.optim optimiser, lr changed between steps."""
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    opt = make_optimiser(params, lrs[0])
    history = []
    for grads, lr in zip(grads_seq, lrs):
        opt.param_groups[0]["lr"] = lr
        fill_grads(params, grads)
        opt.step()
        history.append([p.detach().clone() for p in params])
    return history


def run_step(fn: Step, params, state: dict, call: str, **hp: Any) -> Any:
    """Run one learner step; explain the error autograd gives outside no_grad."""
    try:
        return fn(params, state, **hp)
    except NotImplementedError:
        raise
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        if "leaf Variable that requires grad" in message:
            raise AssertionError(f"{call} raised RuntimeError: {message}\nHint: "
                                 f"{NO_GRAD_HINT}") from None
        raise


def variant_hint(got: Sequence[torch.Tensor], simulate: Callable[[str], list[torch.Tensor]],
                 hints: dict[str, str], rounding: str, fallback: str) -> str:
    """The hint of the wrong variant the learner's parameters match after this step.

    ``simulate(variant)`` gives the parameters after this step under that variant
    (``"torch"``: the right rule). A variant is named only when it differs from the right
    rule on these numbers; float64 parameters that are right to float32 precision get
    ``rounding``; anything else gets ``fallback``.
    """
    expected = simulate("torch")
    double = expected[0].dtype == torch.float64
    atol, rtol = (1e-12, 1e-10) if double else (1e-6, 1e-5)

    def same(xs: Sequence[torch.Tensor], ys: Sequence[torch.Tensor]) -> bool:
        return all(x.shape == y.shape and torch.allclose(x.to(y.dtype), y, atol=atol, rtol=rtol)
                   for x, y in zip(xs, ys))

    for variant, hint in hints.items():
        sim = simulate(variant)
        if not same(sim, expected) and same(got, sim):
            return hint
    if double and all(x.shape == y.shape and torch.allclose(x.double(), y, rtol=1e-5, atol=1e-7)
                      for x, y in zip(got, expected)):
        return rounding
    return fallback


def compare_steps(fn: Step, params0, grads_seq, expected, steps: Sequence[tuple[str, dict]],
                  diagnose: Callable[[list[torch.Tensor], int], str], atol: float,
                  rtol: float):
    """Step fn on copies of params0 and compare with ``expected`` (torch's history) each step.

    ``steps[t]`` is (how step t's call is shown, its keyword arguments); ``diagnose(got,
    t)`` gives the hint when a parameter differs.
    """
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, (grads, (call, hp)) in enumerate(zip(grads_seq, steps)):
        fill_grads(params, grads)
        run_step(fn, params, state, call, **hp)
        got = [p.detach() for p in params]
        for i, (g, e) in enumerate(zip(got, expected[t])):
            if g.shape == e.shape and g.dtype == e.dtype and torch.allclose(
                    g, e, atol=atol, rtol=rtol):
                continue
            assert_close(g, e, call=f"{call}, then parameter #{i}", atol=atol, rtol=rtol,
                         hint=diagnose(got, t))
    return params, state


def tensors_in(obj: Any, path: str = "state") -> Iterator[tuple[str, torch.Tensor]]:
    """Every tensor inside a (nested) state, with where it was found."""
    if isinstance(obj, torch.Tensor):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from tensors_in(value, f"{path}[{key!r}]")
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from tensors_in(value, f"{path}[{i}]")


def device_error(call: str, error: Exception, fix: str) -> str:
    """The message for an error on the meta device; the hint only when it is about devices."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    text = f"{call} raised {type(error).__name__}: {message}"
    if "device" in message:
        text += (f"\nHint: a tensor was created on another device (the CPU by default): {fix}, "
                 "so it shares the input's device and dtype.")
    return text


def _shown(name: str, hp: dict[str, Any]) -> str:
    args = (f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in hp.items())
    return f"{name}(params, state, {', '.join(args)})"


def check_in_place_and_leaves(fn: Step, name: str, params0, grads_seq, hp: dict[str, Any],
                              how: str) -> list[torch.Tensor]:
    """Each step changes the very parameter tensors, which stay leaves needing grad."""
    params = [p.clone().requires_grad_(True) for p in params0]
    pointers = [p.data_ptr() for p in params]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        fill_grads(params, grads)
        call = f"step {t + 1}: {_shown(name, hp)}"
        run_step(fn, params, state, call, **hp)
        for i, (p, ptr) in enumerate(zip(params, pointers)):
            problem = None
            if not p.requires_grad:
                problem = "no longer requires grad"
            elif not p.is_leaf or p.grad_fn is not None:
                problem = f"is no longer a leaf (grad_fn={type(p.grad_fn).__name__})"
            elif p.data_ptr() != ptr:
                problem = "now lives in new memory instead of being updated in place"
            assert problem is None, (
                f"after {call}, parameter #{i} {problem}.\nHint: change p itself ({how}) "
                "inside `with torch.no_grad():`; the model holds these very tensors, so a new "
                "tensor (p = p - ..., p.data = ...) never reaches it.")
    return params


def check_grads_left_alone(fn: Step, name: str, params0, grads_seq, hp: dict[str, Any],
                           hint: str) -> None:
    """Every p.grad is exactly as it was, also when it is refilled in place between steps."""
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        for p, g in zip(params, grads):  # later steps refill .grad in place, as
            if p.grad is None:           # zero_grad(set_to_none=False) + backward() do
                p.grad = g.clone()
            else:
                p.grad.copy_(g)
        call = f"step {t + 1}: {_shown(name, hp)}"
        run_step(fn, params, state, call, **hp)
        for i, (p, g) in enumerate(zip(params, grads)):
            assert p.grad is not None, (
                f"after {call}, parameter #{i}'s .grad is None. step() leaves gradients "
                "alone; clearing them is zero_grad's job, before the next backward.")
            assert_close(p.grad, g, atol=0.0, rtol=0.0,
                         call=f"after {call}, parameter #{i}'s .grad", hint=hint)


def check_no_graph(fn: Step, name: str, params0, grads_seq, hp: dict[str, Any],
                   hint: str) -> None:
    """Nothing in state requires grad and every parameter stays a leaf, step after step."""
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        fill_grads(params, grads)
        call = f"step {t + 1}: {_shown(name, hp)}"
        run_step(fn, params, state, call, **hp)
        for where, tensor in tensors_in(state):
            assert not tensor.requires_grad, (
                f"after {call}, {where} requires grad (grad_fn="
                f"{type(tensor.grad_fn).__name__}): the step was recorded by autograd, and "
                f"each step's graph would be kept alive by the next.\nHint: {hint}")
        for i, p in enumerate(params):
            assert p.is_leaf and p.grad_fn is None, (
                f"after {call}, parameter #{i} has grad_fn {type(p.grad_fn).__name__}.")


def check_state_on_meta(fn: Step, name: str, hp: dict[str, Any], fix: str) -> None:
    """Two steps on float64 'meta' parameters: the state is made on their device and dtype."""
    params = [torch.empty(4, 3, device="meta", dtype=torch.float64).requires_grad_(True),
              torch.empty(5, device="meta", dtype=torch.float64).requires_grad_(True)]
    state: dict = {}
    call = ""
    for t in range(2):
        for p in params:
            p.grad = torch.empty_like(p)
        call = f"step {t + 1}: {name}(<float64 params on meta>, state, lr={hp['lr']})"
        try:
            run_step(fn, params, state, call, **hp)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            raise AssertionError(device_error(call, error, fix)) from None
    for i, p in enumerate(params):
        assert p.device.type == "meta", f"after {call}, parameter #{i} moved to {p.device}."
    for where, tensor in tensors_in(state):
        if tensor.numel() > 1:
            assert tensor.device.type == "meta" and tensor.dtype == torch.float64, (
                f"after {call}, {where} is {describe(tensor)}; the parameters are float64 on "
                f"meta.\nHint: {fix}, not torch.zeros(p.shape).")


def check_rejected_untouched(fn: Step, name: str, params0, grads, hp: dict[str, Any],
                             why: str) -> None:
    """fn raises ValueError for these hyperparameters before changing any parameter."""
    params = [p.clone().requires_grad_(True) for p in params0]
    fill_grads(params, grads)
    call = _shown(name, hp)
    try:
        fn(params, {}, **hp)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{call} did not raise ValueError: {why}")
    for i, (p, p0) in enumerate(zip(params, params0)):
        assert torch.equal(p.detach(), p0), (
            f"{call} raised, but only after changing parameter #{i}: validate first.")
