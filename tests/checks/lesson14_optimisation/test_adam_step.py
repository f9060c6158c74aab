"""Checks for lesson14/adam_step.

Every value check runs the learner's step and ``torch.optim.Adam`` (or ``AdamW``) side by
side on the same parameters and random gradients, one step at a time. Where the learner's
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

FORMULA = ("m = beta1*m + (1-beta1)*g; v = beta2*v + (1-beta2)*g*g; m_hat = m/(1-beta1**t); "
           "v_hat = v/(1-beta2**t) with t = 1 on the first step; p -= lr * m_hat / "
           "(sqrt(v_hat) + eps). Adam: g = p.grad + weight_decay*p; AdamW: p *= 1 - "
           "lr*weight_decay first.")
OPTIM = ("torch.optim.Adam", "torch.optim.AdamW", "torch.optim.SGD", "torch.optim.RMSprop",
         "torch.optim.adam.adam", "torch.optim.adamw.adamw")
VARIANT_HINTS = {
    "no_bias_correction": "no bias correction: m and v start at zero, so early on both are "
                          "biased towards zero, by different amounts. Divide them by "
                          "(1 - beta1**t) and (1 - beta2**t) before the update.",
    "t_off_by_one": "the bias correction uses the wrong step number: t must be 1 on a "
                    "parameter's first step (count first, then correct).",
    "eps_inside_sqrt": "eps belongs OUTSIDE the square root: m_hat / (sqrt(v_hat) + eps).",
    "corrected_stored": "the bias-corrected m_hat / v_hat were stored back into m / v; keep the "
                        "raw moving averages in state and correct a copy each step.",
    "betas_swapped": "beta1 belongs to the first moment m (the mean of g), beta2 to v (of g*g).",
    "l2_when_decoupled": "with decoupled=True (AdamW) the decay must not join the gradient: "
                         "shrink p itself, p *= 1 - lr*weight_decay, and use the raw gradient.",
    "decoupled_when_l2": "with decoupled=False (Adam) weight decay is L2: g = p.grad + "
                         "weight_decay * p, BEFORE the moments; only AdamW shrinks p directly.",
    "decay_after_update": "AdamW shrinks p BEFORE the Adam update (p *= 1 - lr*weight_decay, "
                          "then p -= lr * m_hat / (sqrt(v_hat) + eps)), not after it.",
    "global_t": "the step count must be per parameter: one that had no gradient on a step "
                "was skipped, and its t did not advance (torch.optim keeps t per parameter).",
    "none_as_zero": "torch.optim skips a parameter whose .grad is None: no decay, no moment "
                    "update, no move. Treating the gradient as zero still moves p.",
}


def _simulate(params0, grads_seq, lrs, betas, eps, wd, decoupled, variant="torch"):
    """Parameters after each step, for torch's rule or one wrong variant (plain math)."""
    params = [p.detach().clone() for p in params0]
    n = len(params)
    m, v, t = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params], [0] * n
    b1, b2 = betas[::-1] if variant == "betas_swapped" else betas
    dec = {"l2_when_decoupled": False, "decoupled_when_l2": True}.get(variant, decoupled)
    history = []
    for call, (grads, lr) in enumerate(zip(grads_seq, lrs), start=1):
        for i, (p, g) in enumerate(zip(params, grads)):
            if g is None and variant != "none_as_zero":
                continue
            g = torch.zeros_like(p) if g is None else g
            t[i] += 1
            tt = {"global_t": call, "t_off_by_one": t[i] + 1}.get(variant, t[i])
            if dec and variant != "decay_after_update":
                p = p * (1 - lr * wd)
            elif not dec:
                g = g + wd * p
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            if variant == "no_bias_correction":
                m_hat, v_hat = m[i], v[i]
            else:
                m_hat, v_hat = m[i] / (1 - b1**tt), v[i] / (1 - b2**tt)
            if variant == "corrected_stored":
                m[i], v[i] = m_hat, v_hat
            denom = (v_hat + eps).sqrt() if variant == "eps_inside_sqrt" else v_hat.sqrt() + eps
            p = p - lr * m_hat / denom
            if variant == "decay_after_update" and dec:
                p = p * (1 - lr * wd)
            params[i] = p
        history.append([p.clone() for p in params])
    return history


def _torch_history(params0, grads_seq, lrs, betas, eps, wd, decoupled):
    kind = torch.optim.AdamW if decoupled else torch.optim.Adam
    return torch_history(lambda ps, lr: kind(ps, lr=lr, betas=betas, eps=eps, weight_decay=wd),
                         params0, grads_seq, lrs)


def _diagnose(got, step, params0, grads_seq, hp):
    """A hint naming the mistake when the learner's numbers match a known wrong variant."""
    args = (params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], hp["decoupled"])
    name = "AdamW" if hp["decoupled"] else "Adam"
    return variant_hint(
        got, lambda variant: _simulate(*args, variant=variant)[step], VARIANT_HINTS,
        "float32 rounding in float64 parameters: state made with torch.zeros(p.shape) is "
        "float32 on the CPU. Build it from p (torch.zeros_like(p)).",
        f"the update does not follow torch.optim.{name}: {FORMULA}")


def _compare(fn, params0, grads_seq, lrs, betas, eps, wd, decoupled, label, atol=1e-10,
             rtol=1e-9):
    """Step the learner's function and torch.optim together; compare after each step."""
    expected = _torch_history(params0, grads_seq, lrs, betas, eps, wd, decoupled)
    hp = {"lrs": lrs, "betas": betas, "eps": eps, "wd": wd, "decoupled": decoupled}
    steps = [(f"step {t + 1}: adam_step({label}, state, lr={lr:.4g}, betas=({betas[0]:.4g}, "
              f"{betas[1]:.4g}), eps={eps:.3g}, weight_decay={wd:.3g}, decoupled={decoupled})",
              {"lr": lr, "betas": betas, "eps": eps, "weight_decay": wd,
               "decoupled": decoupled}) for t, lr in enumerate(lrs)]
    return compare_steps(fn, params0, grads_seq, expected, steps,
                         lambda got, t: _diagnose(got, t, params0, grads_seq, hp), atol, rtol)


def _random_hp(rng, steps):
    lr = uniform(rng, 0.01, 0.2)
    return {"lrs": [lr * uniform(rng, 0.5, 1.5) for _ in range(steps)],
            "betas": (uniform(rng, 0.5, 0.9), uniform(rng, 0.9, 0.999)),
            "eps": uniform(rng, 0.01, 0.3),      # large enough that its placement shows
            "wd": uniform(rng, 0.05, 0.5)}


@pytest.mark.task(1)
def test_worked_example(exercise):
    """w = [1, -2], grad [3, -0.01], lr 0.1: Adam moves by about lr * sign(grad); AdamW decays too"""
    fn = require_function(exercise, "adam_step")
    w0, grad = torch.tensor([1.0, -2.0]), torch.tensor([3.0, -0.01])
    for decoupled, wd in ((False, 0.0), (True, 0.5)):
        expected = _torch_history([w0], [[grad]], [0.1], (0.9, 0.999), 1e-8, wd, decoupled)[0]
        w = w0.clone().requires_grad_(True)
        w.grad = grad.clone()
        call = f"adam_step([w], {{}}, lr=0.1, weight_decay={wd}, decoupled={decoupled})"
        result = run_step(fn, [w], {}, call, lr=0.1, weight_decay=wd, decoupled=decoupled)
        assert result is None, (f"{call} returned {describe(result)}; it should update the "
                                "parameters in place and return None.")
        hp = {"lrs": [0.1], "betas": (0.9, 0.999), "eps": 1e-8, "wd": wd,
              "decoupled": decoupled}
        assert_close(w.detach(), expected[0], call=f"{call}, then w",
                     hint=_diagnose([w.detach()], 0, [w0], [[grad]], hp))


@pytest.mark.task(1)
def test_matches_torch_adam(exercise, rng):
    """decoupled=False matches torch.optim.Adam for 6 steps (random shapes, betas, eps, decay, lr)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 6)
    hp = _random_hp(rng, 6)
    _compare(fn, params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], False,
             "<3 float64 params>")


@pytest.mark.task(1)
def test_matches_torch_adamw(exercise, rng):
    """decoupled=True matches torch.optim.AdamW for 6 steps (random shapes, betas, eps, decay, lr)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 6)
    hp = _random_hp(rng, 6)
    _compare(fn, params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], True,
             "<3 float64 params>")


@pytest.mark.task(1)
def test_defaults_and_tiny_gradients(exercise, rng):
    """the defaults are torch's (lr 1e-3, betas (0.9, 0.999), eps 1e-8, no decay); tiny gradients too"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 4, dtype=torch.float32, scale=1e-7)
    expected = _torch_history(params0, grads_seq, [1e-3] * 4, (0.9, 0.999), 1e-8, 0.0, False)
    hp = {"lrs": [1e-3] * 4, "betas": (0.9, 0.999), "eps": 1e-8, "wd": 0.0, "decoupled": False}
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        fill_grads(params, grads)
        call = f"step {t + 1}: adam_step(<3 float32 params, gradients ~1e-7>, state)"
        run_step(fn, params, state, call)
        for i, (p, e) in enumerate(zip(params, expected[t])):
            if not torch.allclose(p.detach(), e, atol=1e-7, rtol=1e-6):
                assert_close(p.detach(), e, call=f"{call}, then parameter #{i}", atol=1e-7,
                             rtol=1e-6, hint=_diagnose([q.detach() for q in params], t,
                                                       params0, grads_seq, hp))


@pytest.mark.task(2)
def test_updates_in_place_and_keeps_leaves(exercise, rng):
    """updates each parameter in place: same memory, still a leaf that requires grad"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 2)
    hp = {"lr": 0.1, "weight_decay": 0.1, "decoupled": True}
    params = check_in_place_and_leaves(fn, "adam_step", params0, grads_seq, hp,
                                       "p.mul_, p.sub_ or p -= ...")
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], (0.9, 0.999), 1e-8, 0.1, True)
    for i, (p, e) in enumerate(zip(params, expected[-1])):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.task(2)
def test_leaves_grad_alone(exercise, rng):
    """leaves every p.grad exactly as it was (also when .grad is refilled in place between steps)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 3)
    check_grads_left_alone(
        fn, "adam_step", params0, grads_seq, {"lr": 0.1, "weight_decay": 0.2},
        "the step changed p.grad: compute g = p.grad + weight_decay * p as a new tensor, "
        "never p.grad.add_(...), and keep m and v in tensors of their own.")


@pytest.mark.task(2)
def test_builds_no_graph(exercise, rng):
    """builds no autograd graph: nothing in state requires grad (Adam's L2 decay on)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 2)
    check_no_graph(fn, "adam_step", params0, grads_seq, {"lr": 0.1, "weight_decay": 0.3},
                   "do the whole step, weight decay included, inside `with torch.no_grad():`.")


@pytest.mark.task(3)
@pytest.mark.parametrize("decoupled", [False, True])
def test_skips_parameters_without_grad(exercise, rng, decoupled):
    """a parameter whose .grad is None is skipped that step, and its step count t waits"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 4)
    grads_seq[1][1] = None           # parameter #1 has no gradient on step 2
    grads_seq[0][2] = None           # parameter #2 first gets a gradient on step 2
    hp = _random_hp(rng, 4)
    try:
        _compare(fn, params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"],
                 decoupled, "<params, some with grad None>")
    except (TypeError, AttributeError) as error:
        raise AssertionError(
            f"adam_step(...) raised {type(error).__name__}: {error} on a parameter whose "
            f".grad is None.\nHint: {VARIANT_HINTS['none_as_zero']}") from None


@pytest.mark.task(3)
def test_state_stays_on_parameter_device(exercise):
    """state lives on the parameters' device and dtype (checked on the data-free 'meta' device)"""
    fn = require_function(exercise, "adam_step")
    check_state_on_meta(fn, "adam_step", {"lr": 0.1, "weight_decay": 0.1},
                        "make m and v with torch.zeros_like(p)")


BAD = {"lr < 0": {"lr": -0.01}, "beta1 = 1": {"betas": (1.0, 0.999)},
       "beta1 < 0": {"betas": (-0.1, 0.999)}, "beta2 = 1": {"betas": (0.9, 1.0)},
       "beta2 < 0": {"betas": (0.9, -0.1)}, "eps < 0": {"eps": -1e-8},
       "weight_decay < 0": {"weight_decay": -0.1}}


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", list(BAD))
def test_rejects_bad_hyperparameters(exercise, rng, bad):
    """raises ValueError for a bad lr, beta1, beta2, eps or weight_decay, before changing anything"""
    fn = require_function(exercise, "adam_step")
    hp = {"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.1, **BAD[bad]}
    params0, grads_seq = random_problem(rng, 1)
    check_rejected_untouched(fn, "adam_step", params0, grads_seq[0], hp,
                             f"{bad} is out of range (lr, eps, weight_decay >= 0; each beta "
                             "in [0, 1)). torch.optim.Adam refuses it too.")


EDGES = {"lr = 0": {"lrs": [0.0, 0.0]}, "eps = 0": {"eps": 0.0}, "beta1 = 0": {"beta1": 0.0},
         "beta2 = 0": {"beta2": 0.0}, "weight_decay = 0": {"wd": 0.0}}


@pytest.mark.task(4)
@pytest.mark.parametrize("edge", list(EDGES))
@pytest.mark.parametrize("decoupled", [False, True], ids=["adam", "adamw"])
def test_accepts_edge_values(exercise, rng, edge, decoupled):
    """the ends of the ranges are valid: lr, eps, weight_decay = 0 and a beta of 0 (as in torch)"""
    fn = require_function(exercise, "adam_step")
    hp = {**_random_hp(rng, 2), **EDGES[edge]}
    betas = (hp.pop("beta1", hp["betas"][0]), hp.pop("beta2", hp["betas"][1]))
    params0, grads_seq = random_problem(rng, 2)
    try:
        _compare(fn, params0, grads_seq, hp["lrs"], betas, hp["eps"], hp["wd"], decoupled,
                 "<3 float64 params>")
    except ValueError as error:
        raise AssertionError(
            f"adam_step(params, state, ...) with {edge} raised ValueError: {error}\nHint: "
            "lr, eps and weight_decay may be 0 (only negative is invalid) and each beta may "
            "be 0 (the range is [0, 1): `0 <= beta < 1`).") from None


@pytest.mark.task(5)
def test_rule_no_torch_optim(exercise, rng):
    """rule: write the step yourself (torch.optim's optimisers are disabled)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 2)
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], (0.9, 0.999), 1e-8, 0.1, True)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    with forbidden(*OPTIM, rule="Write the Adam update yourself, as the docstring shows."):
        for grads in grads_seq:
            fill_grads(params, grads)
            fn(params, state, lr=0.1, weight_decay=0.1, decoupled=True)
    for i, (p, e) in enumerate(zip(params, expected[-1])):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """CUDA parameters are updated on CUDA and match torch.optim.AdamW there"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = random_problem(rng, 4, dtype=torch.float32, device=gpu_device)
    params, _ = _compare(fn, params0, grads_seq, [0.1, 0.05, 0.1, 0.02], (0.9, 0.99), 1e-3,
                         0.1, True, "<3 float32 params on cuda>", atol=1e-6, rtol=1e-5)
    assert all(p.device.type == "cuda" for p in params)
