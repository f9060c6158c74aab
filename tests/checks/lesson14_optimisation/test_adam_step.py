"""Checks for lesson14/adam_step.

Every value check runs the learner's step and ``torch.optim.Adam`` (or ``AdamW``) side by
side on the same parameters and random gradients, one step at a time. Where the learner's
numbers match a known wrong variant exactly (simulated here), the hint names it.
"""

import pytest
import torch

from tutor.testing import assert_close, describe, forbidden, random_shape, require_function

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
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    kind = torch.optim.AdamW if decoupled else torch.optim.Adam
    opt = kind(params, lr=lrs[0], betas=betas, eps=eps, weight_decay=wd)
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


def _diagnose(got, step, params0, grads_seq, hp):
    """A hint naming the mistake when the learner's numbers match a known wrong variant."""
    double = params0[0].dtype == torch.float64
    atol, rtol = (1e-12, 1e-10) if double else (1e-6, 1e-5)
    args = (params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], hp["decoupled"])
    expected = _simulate(*args)[step]

    def same(xs, ys):
        return all(x.shape == y.shape and torch.allclose(x.to(y.dtype), y, atol=atol, rtol=rtol)
                   for x, y in zip(xs, ys))

    for variant, hint in VARIANT_HINTS.items():
        sim = _simulate(*args, variant=variant)[step]
        if not same(sim, expected) and same(got, sim):
            return hint
    if double and all(x.shape == y.shape and torch.allclose(x.double(), y, rtol=1e-5, atol=1e-7)
                      for x, y in zip(got, expected)):
        return ("float32 rounding in float64 parameters: state made with torch.zeros(p.shape) "
                "is float32 on the CPU. Build it from p (torch.zeros_like(p)).")
    name = "AdamW" if hp["decoupled"] else "Adam"
    return f"the update does not follow torch.optim.{name}: {FORMULA}"


def _compare(fn, params0, grads_seq, lrs, betas, eps, wd, decoupled, label, atol=1e-10,
             rtol=1e-9):
    """Step the learner's function and torch.optim together; compare after each step."""
    expected = _torch_history(params0, grads_seq, lrs, betas, eps, wd, decoupled)
    hp = {"lrs": lrs, "betas": betas, "eps": eps, "wd": wd, "decoupled": decoupled}
    params = [p.detach().clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, (grads, lr) in enumerate(zip(grads_seq, lrs)):
        for p, g in zip(params, grads):
            p.grad = None if g is None else g.clone()
        call = (f"step {t + 1}: adam_step({label}, state, lr={lr:.4g}, betas=({betas[0]:.4g}, "
                f"{betas[1]:.4g}), eps={eps:.3g}, weight_decay={wd:.3g}, decoupled={decoupled})")
        _step(fn, params, state, call, lr=lr, betas=betas, eps=eps, weight_decay=wd,
              decoupled=decoupled)
        got = [p.detach() for p in params]
        for i, (g, e) in enumerate(zip(got, expected[t])):
            if g.shape == e.shape and g.dtype == e.dtype and torch.allclose(
                    g, e, atol=atol, rtol=rtol):
                continue
            assert_close(g, e, call=f"{call}, then parameter #{i}", atol=atol, rtol=rtol,
                         hint=_diagnose(got, t, params0, grads_seq, hp))
    return params, state


def _random_problem(rng, steps, dtype=torch.float64, device="cpu", scale=1.0):
    shapes = [random_shape(rng, 2, 2, 6), random_shape(rng, 1, 2, 8), ()]
    params0 = [torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
    grads_seq = [[scale * torch.randn(s, generator=rng, dtype=dtype).to(device) for s in shapes]
                 for _ in range(steps)]
    return params0, grads_seq


def _uniform(rng, low, high):
    return low + (high - low) * float(torch.rand((), generator=rng))


def _random_hp(rng, steps):
    lr = _uniform(rng, 0.01, 0.2)
    return {"lrs": [lr * _uniform(rng, 0.5, 1.5) for _ in range(steps)],
            "betas": (_uniform(rng, 0.5, 0.9), _uniform(rng, 0.9, 0.999)),
            "eps": _uniform(rng, 0.01, 0.3),      # large enough that its placement shows
            "wd": _uniform(rng, 0.05, 0.5)}


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


def _fill_grads(params, grads):
    for p, g in zip(params, grads):
        p.grad = None if g is None else g.clone()


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
    """w = [1, -2], grad [3, -0.01], lr 0.1: Adam moves by about lr * sign(grad); AdamW decays too"""
    fn = require_function(exercise, "adam_step")
    w0, grad = torch.tensor([1.0, -2.0]), torch.tensor([3.0, -0.01])
    for decoupled, wd in ((False, 0.0), (True, 0.5)):
        expected = _torch_history([w0], [[grad]], [0.1], (0.9, 0.999), 1e-8, wd, decoupled)[0]
        w = w0.clone().requires_grad_(True)
        w.grad = grad.clone()
        call = f"adam_step([w], {{}}, lr=0.1, weight_decay={wd}, decoupled={decoupled})"
        result = _step(fn, [w], {}, call, lr=0.1, weight_decay=wd, decoupled=decoupled)
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
    params0, grads_seq = _random_problem(rng, 6)
    hp = _random_hp(rng, 6)
    _compare(fn, params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], False,
             "<3 float64 params>")


@pytest.mark.task(1)
def test_matches_torch_adamw(exercise, rng):
    """decoupled=True matches torch.optim.AdamW for 6 steps (random shapes, betas, eps, decay, lr)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 6)
    hp = _random_hp(rng, 6)
    _compare(fn, params0, grads_seq, hp["lrs"], hp["betas"], hp["eps"], hp["wd"], True,
             "<3 float64 params>")


@pytest.mark.task(1)
def test_defaults_and_tiny_gradients(exercise, rng):
    """the defaults are torch's (lr 1e-3, betas (0.9, 0.999), eps 1e-8, no decay); tiny gradients too"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 4, dtype=torch.float32, scale=1e-7)
    expected = _torch_history(params0, grads_seq, [1e-3] * 4, (0.9, 0.999), 1e-8, 0.0, False)
    hp = {"lrs": [1e-3] * 4, "betas": (0.9, 0.999), "eps": 1e-8, "wd": 0.0, "decoupled": False}
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        _fill_grads(params, grads)
        call = f"step {t + 1}: adam_step(<3 float32 params, gradients ~1e-7>, state)"
        _step(fn, params, state, call)
        for i, (p, e) in enumerate(zip(params, expected[t])):
            if not torch.allclose(p.detach(), e, atol=1e-7, rtol=1e-6):
                assert_close(p.detach(), e, call=f"{call}, then parameter #{i}", atol=1e-7,
                             rtol=1e-6, hint=_diagnose([q.detach() for q in params], t,
                                                       params0, grads_seq, hp))


@pytest.mark.task(2)
def test_updates_in_place_and_keeps_leaves(exercise, rng):
    """updates each parameter in place: same memory, still a leaf that requires grad"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 2)
    params = [p.clone().requires_grad_(True) for p in params0]
    pointers = [p.data_ptr() for p in params]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        _fill_grads(params, grads)
        call = f"step {t + 1}: adam_step(params, state, lr=0.1, weight_decay=0.1, decoupled=True)"
        _step(fn, params, state, call, lr=0.1, weight_decay=0.1, decoupled=True)
        for i, (p, ptr) in enumerate(zip(params, pointers)):
            problem = None
            if not p.requires_grad:
                problem = "no longer requires grad"
            elif not p.is_leaf or p.grad_fn is not None:
                problem = f"is no longer a leaf (grad_fn={type(p.grad_fn).__name__})"
            elif p.data_ptr() != ptr:
                problem = "now lives in new memory instead of being updated in place"
            assert problem is None, (
                f"after {call}, parameter #{i} {problem}.\nHint: change p itself (p.mul_, "
                "p.sub_ or p -= ...) inside `with torch.no_grad():`; the model holds these "
                "very tensors, so a new tensor (p = p - ..., p.data = ...) never reaches it.")
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], (0.9, 0.999), 1e-8, 0.1, True)
    for i, (p, e) in enumerate(zip(params, expected[-1])):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.task(2)
def test_leaves_grad_alone(exercise, rng):
    """leaves every p.grad exactly as it was (also when .grad is refilled in place between steps)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 3)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        for p, g in zip(params, grads):  # later steps refill .grad in place, as
            if p.grad is None:           # zero_grad(set_to_none=False) + backward() do
                p.grad = g.clone()
            else:
                p.grad.copy_(g)
        call = f"step {t + 1}: adam_step(params, state, lr=0.1, weight_decay=0.2)"
        _step(fn, params, state, call, lr=0.1, weight_decay=0.2)
        for i, (p, g) in enumerate(zip(params, grads)):
            assert p.grad is not None, (
                f"after {call}, parameter #{i}'s .grad is None. step() leaves gradients "
                "alone; clearing them is zero_grad's job, before the next backward.")
            assert_close(p.grad, g, atol=0.0, rtol=0.0,
                         call=f"after {call}, parameter #{i}'s .grad",
                         hint="the step changed p.grad: compute g = p.grad + weight_decay * p "
                              "as a new tensor, never p.grad.add_(...), and keep m and v in "
                              "tensors of their own.")


@pytest.mark.task(2)
def test_builds_no_graph(exercise, rng):
    """builds no autograd graph: nothing in state requires grad (Adam's L2 decay on)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 2)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    for t, grads in enumerate(grads_seq):
        _fill_grads(params, grads)
        call = f"step {t + 1}: adam_step(params, state, lr=0.1, weight_decay=0.3)"
        _step(fn, params, state, call, lr=0.1, weight_decay=0.3)
        for where, tensor in _tensors_in(state):
            assert not tensor.requires_grad, (
                f"after {call}, {where} requires grad (grad_fn="
                f"{type(tensor.grad_fn).__name__}): the step was recorded by autograd, and "
                "each step's graph would be kept alive by the next.\nHint: do the whole step, "
                "weight decay included, inside `with torch.no_grad():`.")
        for i, p in enumerate(params):
            assert p.is_leaf and p.grad_fn is None, (
                f"after {call}, parameter #{i} has grad_fn {type(p.grad_fn).__name__}.")


@pytest.mark.task(3)
@pytest.mark.parametrize("decoupled", [False, True])
def test_skips_parameters_without_grad(exercise, rng, decoupled):
    """a parameter whose .grad is None is skipped that step, and its step count t waits"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 4)
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
    params = [torch.empty(4, 3, device="meta", dtype=torch.float64).requires_grad_(True),
              torch.empty(5, device="meta", dtype=torch.float64).requires_grad_(True)]
    state: dict = {}
    for t in range(2):
        for p in params:
            p.grad = torch.empty_like(p)
        call = f"step {t + 1}: adam_step(<float64 params on meta>, state, lr=0.1)"
        try:
            _step(fn, params, state, call, lr=0.1, weight_decay=0.1)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            raise AssertionError(_device_error(call, error, "make m and v with "
                                               "torch.zeros_like(p)")) from None
    for i, p in enumerate(params):
        assert p.device.type == "meta", f"after {call}, parameter #{i} moved to {p.device}."
    for where, tensor in _tensors_in(state):
        if tensor.numel() > 1:
            assert tensor.device.type == "meta" and tensor.dtype == torch.float64, (
                f"after {call}, {where} is {describe(tensor)}; the parameters are float64 on "
                "meta.\nHint: make m and v with torch.zeros_like(p), not torch.zeros(p.shape).")


BAD = {"lr": {"lr": -0.01}, "beta1": {"betas": (1.0, 0.999)}, "beta2": {"betas": (0.9, -0.1)},
       "eps": {"eps": -1e-8}, "weight_decay": {"weight_decay": -0.1}}


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", list(BAD))
def test_rejects_bad_hyperparameters(exercise, rng, bad):
    """raises ValueError for a bad lr, beta1, beta2, eps or weight_decay, before changing anything"""
    fn = require_function(exercise, "adam_step")
    hp = {"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.1, **BAD[bad]}
    params0, grads_seq = _random_problem(rng, 1)
    params = [p.clone().requires_grad_(True) for p in params0]
    _fill_grads(params, grads_seq[0])
    state: dict = {}
    call = f"adam_step(params, state, {', '.join(f'{k}={v}' for k, v in hp.items())})"
    try:
        fn(params, state, **hp)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{call} did not raise ValueError: {bad} is out of range "
                             "(lr, eps, weight_decay >= 0; each beta in [0, 1)). "
                             "torch.optim.Adam refuses it too.")
    for i, (p, p0) in enumerate(zip(params, params0)):
        assert torch.equal(p.detach(), p0), (
            f"{call} raised, but only after changing parameter #{i}: validate first.")


@pytest.mark.task(5)
def test_rule_no_torch_optim(exercise, rng):
    """rule: write the step yourself (torch.optim's optimisers are disabled)"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 2)
    expected = _torch_history(params0, grads_seq, [0.1, 0.1], (0.9, 0.999), 1e-8, 0.1, True)
    params = [p.clone().requires_grad_(True) for p in params0]
    state: dict = {}
    with forbidden(*OPTIM, rule="Write the Adam update yourself, as the docstring shows."):
        for grads in grads_seq:
            _fill_grads(params, grads)
            fn(params, state, lr=0.1, weight_decay=0.1, decoupled=True)
    for i, (p, e) in enumerate(zip(params, expected[-1])):
        assert_close(p.detach(), e, call=f"after 2 steps, parameter #{i}", atol=1e-10)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """CUDA parameters are updated on CUDA and match torch.optim.AdamW there"""
    fn = require_function(exercise, "adam_step")
    params0, grads_seq = _random_problem(rng, 4, dtype=torch.float32, device=gpu_device)
    params, _ = _compare(fn, params0, grads_seq, [0.1, 0.05, 0.1, 0.02], (0.9, 0.99), 1e-3,
                         0.1, True, "<3 float32 params on cuda>", atol=1e-6, rtol=1e-5)
    assert all(p.device.type == "cuda" for p in params)
