"""Checks for lesson14/sgd_momentum_step.

Every value check runs the learner's step and ``torch.optim.SGD`` side by side on the
same parameters and the same random gradients, one step at a time. Where the learner's
numbers match a known wrong variant exactly (simulated here), the hint names it.
"""

import pytest
import torch

from tutor.testing import assert_close, describe, forbidden, random_shape, require_function

FORMULA = ("g = p.grad + weight_decay * p; buf = g on p's first step, else "
           "momentum * buf + g; then p -= lr * buf (in place, under torch.no_grad()).")
OPTIM = ("torch.optim.SGD", "torch.optim.Adam", "torch.optim.AdamW", "torch.optim.RMSprop",
         "torch.optim.sgd.sgd")
VARIANT_HINTS = {
    "after": "the update used the momentum buffer from BEFORE this step's gradient was added. "
             "Update buf first (buf = momentum * buf + g), then p -= lr * buf.",
    "d2l": "your buffer seems to hold lr * g (the textbook form v = mu*v + lr*g, p -= v). "
           "torch.optim keeps buf = momentum * buf + g and multiplies by lr at the update; the "
           "two agree only while lr never changes, and this check changes lr between steps.",
    "decoupled": "weight decay must join the gradient BEFORE the momentum buffer: g = p.grad + "
                 "weight_decay * p, buf = momentum * buf + g. Decaying p separately is "
                 "AdamW-style decoupled decay, not what torch.optim.SGD does.",
    "no_decay": "weight_decay had no effect: add weight_decay * p to the gradient.",
    "no_momentum": "momentum had no effect: keep a buffer per parameter in `state` and use "
                   "buf = momentum * buf + g, not g alone.",
    "none_as_zero": "torch.optim skips a parameter whose .grad is None: no decay, no momentum "
                    "move, and its buffer waits. Treating the gradient as zero still moves p.",
}


def _simulate(params0, grads_seq, lrs, momentum, wd, variant="torch"):
    """Parameters after each step, for torch's rule or one wrong variant (plain math)."""
    params = [p.detach().clone() for p in params0]
    bufs = [None] * len(params)
    history = []
    for grads, lr in zip(grads_seq, lrs):
        for i, (p, g) in enumerate(zip(params, grads)):
            if g is None and variant != "none_as_zero":
                continue
            g = torch.zeros_like(p) if g is None else g
            d = g if variant in ("decoupled", "no_decay") else g + wd * p
            if variant == "after":
                old = bufs[i] if bufs[i] is not None else torch.zeros_like(p)
                bufs[i] = momentum * old + d
                params[i] = p - lr * old
                continue
            if variant == "d2l":
                bufs[i] = lr * d if bufs[i] is None else momentum * bufs[i] + lr * d
                params[i] = p - bufs[i]
                continue
            if variant == "no_momentum":
                bufs[i] = d
            else:
                bufs[i] = d.clone() if bufs[i] is None else momentum * bufs[i] + d
            step = bufs[i] + (wd * p if variant == "decoupled" else 0)
            params[i] = p - lr * step
        history.append([p.clone() for p in params])
    return history


def _torch_history(params0, grads_seq, lrs, momentum, wd):
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    opt = torch.optim.SGD(params, lr=lrs[0], momentum=momentum, weight_decay=wd)
    history = []
    for grads, lr in zip(grads_seq, lrs):
        opt.param_groups[0]["lr"] = lr
        for p, g in zip(params, grads):
            p.grad = None if g is None else g.clone()
        opt.step()
        history.append([p.detach().clone() for p in params])
    return history


def _step(fn, params, state, call, **hp):
    """Run one learner step; explain the error autograd gives outside no_grad."""
    try:
        return fn(params, state, **hp)
    except NotImplementedError:
        raise
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        if "leaf Variable that requires grad" in message:
            raise AssertionError(
                f"{call} raised RuntimeError: {message}\nHint: autograd refuses to record an "
                "in-place change of a parameter. Do the update inside `with torch.no_grad():`."
            ) from None
        raise


def _diagnose(got, step, params0, grads_seq, lrs, momentum, wd):
    """A hint naming the mistake when the learner's numbers match a known wrong variant."""
    double = params0[0].dtype == torch.float64
    atol, rtol = (1e-12, 1e-10) if double else (1e-6, 1e-5)
    expected = _simulate(params0, grads_seq, lrs, momentum, wd)[step]

    def same(xs, ys):
        return all(x.shape == y.shape and torch.allclose(x.to(y.dtype), y, atol=atol, rtol=rtol)
                   for x, y in zip(xs, ys))

    for variant, hint in VARIANT_HINTS.items():
        sim = _simulate(params0, grads_seq, lrs, momentum, wd, variant)[step]
        if not same(sim, expected) and same(got, sim):
            return hint
    if double and all(x.shape == y.shape and torch.allclose(x.double(), y, rtol=1e-5, atol=1e-7)
                      for x, y in zip(got, expected)):
        return ("float32 rounding in float64 parameters: a buffer made with torch.zeros(p.shape) "
                "is float32 on the CPU. Build it from p (torch.zeros_like(p), p.grad.clone()).")
    return "the update does not follow torch.optim.SGD: " + FORMULA


def _compare(fn, params0, grads_seq, lrs, momentum, wd, label, atol=1e-10, rtol=1e-9):
    """Step the learner's function and torch.optim.SGD together; compare after each step."""
    expected = _torch_history(params0, grads_seq, lrs, momentum, wd)
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, (grads, lr) in enumerate(zip(grads_seq, lrs)):
        for p, g in zip(params, grads):
            p.grad = None if g is None else g.clone()
        call = (f"step {t + 1}: sgd_momentum_step({label}, state, lr={lr:.4g}, "
                f"momentum={momentum:.4g}, weight_decay={wd:.4g})")
        _step(fn, params, state, call, lr=lr, momentum=momentum, weight_decay=wd)
        got = [p.detach() for p in params]
        for i, (g, e) in enumerate(zip(got, expected[t])):
            if g.shape == e.shape and g.dtype == e.dtype and torch.allclose(
                    g, e, atol=atol, rtol=rtol):
                continue
            hint = _diagnose(got, t, params0, grads_seq, lrs, momentum, wd)
            assert_close(g, e, call=f"{call}, then parameter #{i}", atol=atol, rtol=rtol,
                         hint=hint)
    return params, state


def _random_problem(rng, steps, dtype=torch.float64, device="cpu"):
    shapes = [random_shape(rng, 2, 2, 6), random_shape(rng, 1, 2, 8), ()]
    params0 = [torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
    grads_seq = [[torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
                 for _ in range(steps)]
    return params0, grads_seq


def _uniform(rng, low, high):
    return low + (high - low) * float(torch.rand((), generator=rng))


def _tensors_in(obj, path="state"):
    """Every tensor inside a (nested) state, with where it was found."""
    if isinstance(obj, torch.Tensor):
        yield path, obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _tensors_in(value, f"{path}[{key!r}]")
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from _tensors_in(value, f"{path}[{i}]")


def _device_error(call, error, fix):
    """The message for an error on the meta device; the hint only when it is about devices."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    text = f"{call} raised {type(error).__name__}: {message}"
    if "device" in message:
        text += (f"\nHint: a tensor was created on another device (the CPU by default): {fix}, "
                 "so it shares the input's device and dtype.")
    return text


@pytest.mark.task(1)
def test_worked_example(exercise):
    """w = [1, -2], grad [3, 4], lr 0.1, momentum 0.9, weight_decay 0.5: two steps as torch.optim.SGD"""
    fn = require_function(exercise, "sgd_momentum_step")
    w0, grad = torch.tensor([1.0, -2.0]), torch.tensor([3.0, 4.0])
    expected = _torch_history([w0], [[grad], [grad]], [0.1, 0.1], 0.9, 0.5)
    assert torch.allclose(expected[0][0], torch.tensor([0.65, -2.3]))  # the seed's numbers
    w, state = w0.clone().requires_grad_(True), {}
    for t in range(2):
        w.grad = grad.clone()
        call = ("sgd_momentum_step([w], state, lr=0.1, momentum=0.9, weight_decay=0.5)"
                f" (step {t + 1})")
        result = _step(fn, [w], state, call, lr=0.1, momentum=0.9, weight_decay=0.5)
        assert result is None, (f"{call} returned {describe(result)}; it should update the "
                                "parameters in place and return None.")
        hint = _diagnose([w.detach()], t, [w0], [[grad], [grad]], [0.1, 0.1], 0.9, 0.5)
        assert_close(w.detach(), expected[t][0], call=f"{call}, then w", hint=hint)


@pytest.mark.task(1)
def test_matches_torch_sgd_with_changing_lr(exercise, rng):
    """matches torch.optim.SGD for 6 steps on random shapes, gradients and hyperparameters"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 6)
    lr = _uniform(rng, 0.02, 0.4)
    lrs = [lr * _uniform(rng, 0.5, 1.5) for _ in range(6)]  # a schedule changes lr
    _compare(fn, params0, grads_seq, lrs, _uniform(rng, 0.5, 0.95), _uniform(rng, 0.05, 0.5),
             "<3 float64 params>")


@pytest.mark.task(1)
def test_plain_sgd_and_momentum_without_decay(exercise, rng):
    """momentum=0 is plain SGD, and weight_decay=0 is momentum alone (float32 too)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 3, dtype=torch.float32)
    lrs = [_uniform(rng, 0.05, 0.3)] * 3
    _compare(fn, params0, grads_seq, lrs, 0.0, 0.0, "<3 float32 params>", atol=1e-6,
             rtol=1e-5)
    _compare(fn, params0, grads_seq, lrs, _uniform(rng, 0.5, 0.95), 0.0,
             "<3 float32 params>", atol=1e-6, rtol=1e-5)


@pytest.mark.task(2)
def test_updates_in_place_and_keeps_leaves(exercise, rng):
    """updates each parameter in place: same memory, still a leaf that requires grad"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 2)
    params = [p.clone().requires_grad_(True) for p in params0]
    pointers = [p.data_ptr() for p in params]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        for p, g in zip(params, grads):
            p.grad = g.clone()
        call = f"step {t + 1}: sgd_momentum_step(params, state, lr=0.1, weight_decay=0.1)"
        _step(fn, params, state, call, lr=0.1, momentum=0.9, weight_decay=0.1)
        for i, (p, ptr) in enumerate(zip(params, pointers)):
            problem = None
            if not p.requires_grad:
                problem = "no longer requires grad"
            elif not p.is_leaf or p.grad_fn is not None:
                problem = f"is no longer a leaf (grad_fn={type(p.grad_fn).__name__})"
            elif p.data_ptr() != ptr:
                problem = "now lives in new memory instead of being updated in place"
            assert problem is None, (
                f"after {call}, parameter #{i} {problem}.\nHint: change p itself (p.sub_(...) "
                "or p -= ...) inside `with torch.no_grad():`; the model holds these very "
                "tensors, so a new tensor (p = p - ..., p.data = ...) never reaches it.")
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], 0.9, 0.1)[-1]
    for i, (p, e) in enumerate(zip(params, expected)):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.task(2)
def test_leaves_grad_alone(exercise, rng):
    """leaves every p.grad exactly as it was (also when .grad is refilled in place between steps)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 3)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        for p, g in zip(params, grads):  # later steps refill .grad in place, as
            if p.grad is None:           # zero_grad(set_to_none=False) + backward() do
                p.grad = g.clone()
            else:
                p.grad.copy_(g)
        call = f"step {t + 1}: sgd_momentum_step(params, state, lr=0.1, momentum=0.9)"
        _step(fn, params, state, call, lr=0.1, momentum=0.9, weight_decay=0.0)
        for i, (p, g) in enumerate(zip(params, grads)):
            assert p.grad is not None, (
                f"after {call}, parameter #{i}'s .grad is None. step() leaves gradients "
                "alone; clearing them is zero_grad's job, before the next backward.")
            hint = None
            if not torch.equal(p.grad, g):
                hint = ("the momentum buffer may share memory with p.grad: on the first step "
                        "store a copy (p.grad.clone()), or the in-place buffer update "
                        "rewrites the gradient.")
            assert_close(p.grad, g, atol=0.0, rtol=0.0,
                         call=f"after {call}, parameter #{i}'s .grad", hint=hint)


@pytest.mark.task(2)
def test_builds_no_graph(exercise, rng):
    """builds no autograd graph: nothing in state requires grad (weight decay on)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 2)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        for p, g in zip(params, grads):
            p.grad = g.clone()
        call = f"step {t + 1}: sgd_momentum_step(params, state, lr=0.1, weight_decay=0.3)"
        _step(fn, params, state, call, lr=0.1, momentum=0.9, weight_decay=0.3)
        for where, tensor in _tensors_in(state):
            assert not tensor.requires_grad, (
                f"after {call}, {where} requires grad (grad_fn="
                f"{type(tensor.grad_fn).__name__}): the step was recorded by autograd, and "
                "each step's graph would be kept alive by the next.\nHint: compute "
                "g = p.grad + weight_decay * p and the buffer inside `with torch.no_grad():`.")
        for i, p in enumerate(params):
            assert p.is_leaf and p.grad_fn is None, (
                f"after {call}, parameter #{i} has grad_fn {type(p.grad_fn).__name__}.")


@pytest.mark.task(3)
def test_skips_parameters_without_grad(exercise, rng):
    """a parameter whose .grad is None is skipped entirely that step (no momentum move either)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 3)
    grads_seq[1][1] = None           # parameter #1 has no gradient on step 2
    grads_seq[0][2] = None           # parameter #2 first gets a gradient on step 2
    lrs = [0.1, 0.1, 0.1]
    expected = _torch_history(params0, grads_seq, lrs, 0.9, 0.2)
    assert torch.equal(expected[1][1], expected[0][1])  # torch does not move it
    try:
        _compare(fn, params0, grads_seq, lrs, 0.9, 0.2, "<params, some with grad None>")
    except (TypeError, AttributeError) as error:
        raise AssertionError(
            f"sgd_momentum_step(...) raised {type(error).__name__}: {error} on a parameter "
            f"whose .grad is None.\nHint: {VARIANT_HINTS['none_as_zero']}") from None


@pytest.mark.task(3)
def test_state_stays_on_parameter_device(exercise):
    """state lives on the parameters' device and dtype (checked on the data-free 'meta' device)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params = [torch.empty(4, 3, device="meta", dtype=torch.float64).requires_grad_(True),
              torch.empty(5, device="meta", dtype=torch.float64).requires_grad_(True)]
    state: dict = {}
    for t in range(2):
        for p in params:
            p.grad = torch.empty_like(p)
        call = f"step {t + 1}: sgd_momentum_step(<float64 params on meta>, state, lr=0.1)"
        try:
            _step(fn, params, state, call, lr=0.1, momentum=0.9, weight_decay=0.1)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            raise AssertionError(_device_error(call, error, "build buffers from the parameter "
                                               "(p.grad.clone(), torch.zeros_like(p))")) from None
    for i, p in enumerate(params):
        assert p.device.type == "meta", f"after {call}, parameter #{i} moved to {p.device}."
    for where, tensor in _tensors_in(state):
        if tensor.numel() > 1:
            assert tensor.device.type == "meta" and tensor.dtype == torch.float64, (
                f"after {call}, {where} is {describe(tensor)}; the parameters are float64 on "
                "meta.\nHint: build buffers from the parameter or its gradient "
                "(p.grad.clone(), torch.zeros_like(p)), not torch.zeros(p.shape).")


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", ["lr", "momentum", "weight_decay"])
def test_rejects_negative_hyperparameters(exercise, rng, bad):
    """raises ValueError for a negative lr, momentum or weight_decay, before changing anything"""
    fn = require_function(exercise, "sgd_momentum_step")
    hp = {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1}
    hp[bad] = -_uniform(rng, 0.01, 1.0)
    params0, grads_seq = _random_problem(rng, 1)
    params = [p.clone().requires_grad_(True) for p in params0]
    for p, g in zip(params, grads_seq[0]):
        p.grad = g.clone()
    state: dict = {}
    call = f"sgd_momentum_step(params, state, {', '.join(f'{k}={v:.3g}' for k, v in hp.items())})"
    try:
        fn(params, state, **hp)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{call} did not raise ValueError; {bad} must be >= 0 "
                             "(torch.optim.SGD refuses it too).")
    for i, (p, p0) in enumerate(zip(params, params0)):
        assert torch.equal(p.detach(), p0), (
            f"{call} raised, but only after changing parameter #{i}: validate first.")


@pytest.mark.task(5)
def test_rule_no_torch_optim(exercise, rng):
    """rule: write the step yourself (torch.optim's optimisers are disabled)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 2)
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], 0.9, 0.1)[-1]
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    with forbidden(*OPTIM, rule="Write the momentum update yourself, as the docstring shows."):
        for grads in grads_seq:
            for p, g in zip(params, grads):
                p.grad = g.clone()
            fn(params, state, lr=0.1, momentum=0.9, weight_decay=0.1)
    for i, (p, e) in enumerate(zip(params, expected)):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """CUDA parameters are updated on CUDA and match torch.optim.SGD there"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = _random_problem(rng, 4, dtype=torch.float32, device=gpu_device)
    params, _ = _compare(fn, params0, grads_seq, [0.1, 0.05, 0.1, 0.2], 0.9, 0.1,
                         "<3 float32 params on cuda>", atol=1e-6, rtol=1e-5)
    assert all(p.device.type == "cuda" for p in params)
