"""Checks for lesson14/sgd_momentum_step.

Every value check runs the learner's step and ``torch.optim.SGD`` side by side on the
same parameters and the same random gradients, one step at a time. Where the learner's
numbers match a known wrong variant exactly (simulated here), the hint names it.
"""

import pytest
import torch
from lesson14_shared import (
    check_grads_left_alone,
    check_in_place_and_leaves,
    check_no_graph,
    check_rejected_untouched,
    check_state_on_meta,
    compare_steps,
    fill_grads,
    random_problem,
    run_step,
    torch_history,
    uniform,
    variant_hint,
)

from tutor.testing import assert_close, describe, forbidden, require_function

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
    return torch_history(lambda ps, lr: torch.optim.SGD(ps, lr=lr, momentum=momentum,
                                                        weight_decay=wd),
                         params0, grads_seq, lrs)


def _diagnose(got, step, params0, grads_seq, lrs, momentum, wd):
    """A hint naming the mistake when the learner's numbers match a known wrong variant."""
    return variant_hint(
        got, lambda variant: _simulate(params0, grads_seq, lrs, momentum, wd, variant)[step],
        VARIANT_HINTS,
        "float32 rounding in float64 parameters: a buffer made with torch.zeros(p.shape) is "
        "float32 on the CPU. Build it from p (torch.zeros_like(p), p.grad.clone()).",
        "the update does not follow torch.optim.SGD: " + FORMULA)


def _compare(fn, params0, grads_seq, lrs, momentum, wd, label, atol=1e-10, rtol=1e-9):
    """Step the learner's function and torch.optim.SGD together; compare after each step."""
    expected = _torch_history(params0, grads_seq, lrs, momentum, wd)
    steps = [(f"step {t + 1}: sgd_momentum_step({label}, state, lr={lr:.4g}, "
              f"momentum={momentum:.4g}, weight_decay={wd:.4g})",
              {"lr": lr, "momentum": momentum, "weight_decay": wd}) for t, lr in enumerate(lrs)]
    return compare_steps(
        fn, params0, grads_seq, expected, steps,
        lambda got, t: _diagnose(got, t, params0, grads_seq, lrs, momentum, wd), atol, rtol)


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
        result = run_step(fn, [w], state, call, lr=0.1, momentum=0.9, weight_decay=0.5)
        assert result is None, (f"{call} returned {describe(result)}; it should update the "
                                "parameters in place and return None.")
        hint = _diagnose([w.detach()], t, [w0], [[grad], [grad]], [0.1, 0.1], 0.9, 0.5)
        assert_close(w.detach(), expected[t][0], call=f"{call}, then w", hint=hint)


@pytest.mark.task(1)
def test_matches_torch_sgd_with_changing_lr(exercise, rng):
    """matches torch.optim.SGD for 6 steps on random shapes, gradients and hyperparameters"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 6)
    lr = uniform(rng, 0.02, 0.4)
    lrs = [lr * uniform(rng, 0.5, 1.5) for _ in range(6)]  # a schedule changes lr
    _compare(fn, params0, grads_seq, lrs, uniform(rng, 0.5, 0.95), uniform(rng, 0.05, 0.5),
             "<3 float64 params>")


@pytest.mark.task(1)
def test_plain_sgd_and_momentum_without_decay(exercise, rng):
    """momentum=0 is plain SGD, and weight_decay=0 is momentum alone (float32 too)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 3, dtype=torch.float32)
    lrs = [uniform(rng, 0.05, 0.3)] * 3
    _compare(fn, params0, grads_seq, lrs, 0.0, 0.0, "<3 float32 params>", atol=1e-6,
             rtol=1e-5)
    _compare(fn, params0, grads_seq, lrs, uniform(rng, 0.5, 0.95), 0.0,
             "<3 float32 params>", atol=1e-6, rtol=1e-5)


@pytest.mark.task(1)
def test_defaults(exercise, rng):
    """without them, momentum is 0.9 and weight_decay 0 (the signature's defaults)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 3)
    expected = _torch_history(params0, grads_seq, [0.1] * 3, 0.9, 0.0)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        fill_grads(params, grads)
        call = f"step {t + 1}: sgd_momentum_step(<3 float64 params>, state, lr=0.1)"
        run_step(fn, params, state, call, lr=0.1)
        got = [p.detach() for p in params]
        for i, (g, e) in enumerate(zip(got, expected[t])):
            assert_close(g, e, call=f"{call}, then parameter #{i}", atol=1e-10, rtol=1e-9,
                         hint="keep the signature's defaults, momentum=0.9 and "
                              "weight_decay=0.0: callers rely on them.")


@pytest.mark.task(2)
def test_updates_in_place_and_keeps_leaves(exercise, rng):
    """updates each parameter in place: same memory, still a leaf that requires grad"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 2)
    hp = {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1}
    params = check_in_place_and_leaves(fn, "sgd_momentum_step", params0, grads_seq, hp,
                                       "p.sub_(...) or p -= ...")
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], 0.9, 0.1)[-1]
    for i, (p, e) in enumerate(zip(params, expected)):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.task(2)
def test_leaves_grad_alone(exercise, rng):
    """leaves every p.grad exactly as it was (also when .grad is refilled in place between steps)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 3)
    check_grads_left_alone(
        fn, "sgd_momentum_step", params0, grads_seq,
        {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.0},
        "the momentum buffer may share memory with p.grad: on the first step store a copy "
        "(p.grad.clone()), or the in-place buffer update rewrites the gradient.")


@pytest.mark.task(2)
def test_builds_no_graph(exercise, rng):
    """builds no autograd graph: nothing in state requires grad (weight decay on)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 2)
    check_no_graph(fn, "sgd_momentum_step", params0, grads_seq,
                   {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.3},
                   "compute g = p.grad + weight_decay * p and the buffer inside "
                   "`with torch.no_grad():`.")


@pytest.mark.task(3)
def test_skips_parameters_without_grad(exercise, rng):
    """a parameter whose .grad is None is skipped entirely that step (no momentum move either)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 3)
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
    check_state_on_meta(fn, "sgd_momentum_step",
                        {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1},
                        "build buffers from the parameter or its gradient (p.grad.clone(), "
                        "torch.zeros_like(p))")


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", ["lr", "momentum", "weight_decay"])
def test_rejects_negative_hyperparameters(exercise, rng, bad):
    """raises ValueError for a negative lr, momentum or weight_decay, before changing anything"""
    fn = require_function(exercise, "sgd_momentum_step")
    hp = {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1}
    hp[bad] = -uniform(rng, 0.01, 1.0)
    params0, grads_seq = random_problem(rng, 1)
    check_rejected_untouched(fn, "sgd_momentum_step", params0, grads_seq[0], hp,
                             f"{bad} must be >= 0 (torch.optim.SGD refuses it too).")


@pytest.mark.task(4)
@pytest.mark.parametrize("zero", ["lr", "momentum", "weight_decay"])
def test_accepts_zero_hyperparameters(exercise, rng, zero):
    """0 is a valid lr, momentum and weight_decay (>= 0, as torch.optim.SGD allows)"""
    fn = require_function(exercise, "sgd_momentum_step")
    hp = {"lr": uniform(rng, 0.05, 0.3), "momentum": uniform(rng, 0.5, 0.95),
          "weight_decay": uniform(rng, 0.05, 0.5), zero: 0.0}
    params0, grads_seq = random_problem(rng, 2)
    try:
        _compare(fn, params0, grads_seq, [hp["lr"]] * 2, hp["momentum"], hp["weight_decay"],
                 "<3 float64 params>")
    except ValueError as error:
        raise AssertionError(
            f"sgd_momentum_step(params, state, {zero}=0.0, ...) raised ValueError: {error}\n"
            f"Hint: only a NEGATIVE value is invalid; {zero} = 0 is allowed (`< 0`, not "
            "`<= 0`).") from None


@pytest.mark.task(5)
def test_rule_no_torch_optim(exercise, rng):
    """rule: write the step yourself (torch.optim's optimisers are disabled)"""
    fn = require_function(exercise, "sgd_momentum_step")
    params0, grads_seq = random_problem(rng, 2)
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
    params0, grads_seq = random_problem(rng, 4, dtype=torch.float32, device=gpu_device)
    params, _ = _compare(fn, params0, grads_seq, [0.1, 0.05, 0.1, 0.2], 0.9, 0.1,
                         "<3 float32 params on cuda>", atol=1e-6, rtol=1e-5)
    assert all(p.device.type == "cuda" for p in params)
