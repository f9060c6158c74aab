"""Checks for lesson07/gradient_check."""

import pytest
import torch

from tutor.testing import (
    RuleViolation,
    brief,
    describe,
    no_autograd,
    randn,
    require_function,
)

F64 = torch.float64
NAMES = ("W1", "b1", "W2", "b2")
RULE = "The reference gradient comes from finite differences."


def _mlp_params(rng, n, d, h, o, dtype=F64, device="cpu"):
    x = randn(n, d, generator=rng, dtype=F64, device=device)
    y = randn(n, o, generator=rng, dtype=F64, device=device)
    params = {"W1": randn(d, h, generator=rng, dtype=dtype, device=device),
              "b1": randn(h, generator=rng, dtype=dtype, device=device),
              "W2": randn(h, o, generator=rng, dtype=dtype, device=device),
              "b2": randn(o, generator=rng, dtype=dtype, device=device)}
    return x, y, params


def _toy():
    x = torch.tensor([[1.0, 1.0]], dtype=F64)
    y = torch.tensor([[0.0]], dtype=F64)
    params = {"W1": torch.tensor([[-0.0053, -0.5820, -0.2723], [0.3793, -0.5204, 0.1896]],
                                 dtype=F64),
              "b1": torch.tensor([-0.0140, 0.5607, -0.0628], dtype=F64),
              "W2": torch.tensor([[0.1528], [-0.1745], [-0.1135]], dtype=F64),
              "b2": torch.tensor([-0.5516], dtype=F64)}
    return x, y, params


class _Loss:
    """loss_fn for the two-layer MLP; counts its calls and records the dtypes it sees."""

    def __init__(self, x, y):
        self.x, self.y, self.calls, self.dtypes = x, y, 0, set()

    def __call__(self, p):
        self.calls += 1
        self.dtypes.update(str(t.dtype).removeprefix("torch.") for t in p.values())
        h = torch.sigmoid(self.x @ p["W1"].to(self.x.dtype) + p["b1"].to(self.x.dtype))
        return ((h @ p["W2"].to(self.x.dtype) + p["b2"].to(self.x.dtype) - self.y) ** 2).mean()

    def __repr__(self):
        return "mlp_loss"


def _backward(x, y, params, *, sigmoid_slope=True, b2_summed=True):
    """A hand-written backward pass; the keyword flags plant known bugs in it."""
    W1, b1, W2, b2 = (params[k].detach().to(F64) for k in NAMES)
    h = torch.sigmoid(x @ W1 + b1)
    d_y_hat = 2 * (h @ W2 + b2 - y) / y.numel()
    d_z = (d_y_hat @ W2.T) * (h * (1 - h) if sigmoid_slope else 1)
    grads = {"W1": x.T @ d_z, "b1": d_z.sum(0), "W2": h.T @ d_y_hat,
             "b2": d_y_hat.sum(0) if b2_summed else d_y_hat.mean(0)}
    return {k: g.to(params[k].dtype) for k, g in grads.items()}


def _shown(tensors):
    """A dict of tensors as check messages show it: its shapes."""
    return "{" + ", ".join(f"{k!r}: {brief(v)}" for k, v in tensors.items()) + "}"


def _call(exercise, loss_fn, params, grads, label="grads", copies=True):
    # Plain dicts, not a dict subclass of the check's: in strict mode a built-in dict crosses
    # to the learner's process by value, a subclass as a handle read item by item.
    gradient_check = require_function(exercise, "gradient_check")
    if copies:
        params, grads = dict(params), dict(grads)
    call = f"gradient_check({loss_fn!r}, params={_shown(params)}, grads={label})"
    with no_autograd(RULE):
        errors = gradient_check(loss_fn, params, grads)
    if not isinstance(errors, dict) or sorted(errors) != sorted(params):
        keys = sorted(map(str, errors)) if isinstance(errors, dict) else None
        raise AssertionError(f"{call} returned {describe(errors)}"
                             + (f" with keys {keys}" if keys is not None else "")
                             + f"; expected a dict with the keys {sorted(params)}.")
    for name, value in errors.items():
        if isinstance(value, torch.Tensor) or not isinstance(value, float):
            raise AssertionError(f"{call}[{name!r}] is {describe(value)}; expected a Python "
                                 "float.\nHint: .item() turns a 0-dim tensor into one.")
    return errors, call


def _expect(errors, call, small, large=(), small_below=1e-7):
    for name in small:
        if not errors[name] < small_below:
            raise AssertionError(
                f"{call} reported a relative error of {errors[name]:.2e} for {name}; that "
                f"gradient is right, so expected below {small_below:.0e}.\nHint: possible "
                f"causes: the nudged loss must see {name} with one element moved and every "
                "other element and parameter as it is (restore each value after nudging); the "
                "differences must be taken in float64; and the step is 2·eps.")
    for name in large:
        if not errors[name] > 1e-2:
            raise AssertionError(
                f"{call} reported a relative error of {errors[name]:.2e} for {name}; that "
                "gradient has a bug, so expected above 1e-2.\nHint: compare grads[name] with "
                "an independent numeric gradient of loss_fn, not with itself.")


@pytest.mark.task(1)
@pytest.mark.parametrize("n, d, h, o", [(4, 3, 4, 2), (1, 2, 3, 1)])
def test_correct_gradients_pass(exercise, rng, n, d, h, o):
    """right gradients get a relative error below 1e-7 for every parameter"""
    x, y, params = _mlp_params(rng, n, d, h, o)
    errors, call = _call(exercise, _Loss(x, y), params, _backward(x, y, params))
    _expect(errors, call, small=NAMES)


@pytest.mark.task(1)
def test_toy_network(exercise):
    """the seed's toy network passes with its right gradients"""
    x, y, params = _toy()
    errors, call = _call(exercise, _Loss(x, y), params, _backward(x, y, params))
    _expect(errors, call, small=NAMES)


@pytest.mark.task(1)
def test_finds_missing_sigmoid_slope(exercise, rng):
    """gradients without the sigmoid's slope fail for W1 and b1 only (above 1e-2)"""
    x, y, params = _mlp_params(rng, 5, 3, 4, 2)
    grads = _backward(x, y, params, sigmoid_slope=False)
    errors, call = _call(exercise, _Loss(x, y), params, grads, "<no sigmoid slope>")
    _expect(errors, call, small=("W2", "b2"), large=("W1", "b1"))


@pytest.mark.task(1)
def test_finds_averaged_bias(exercise, rng):
    """a b2 gradient averaged over the batch instead of summed fails for b2 only"""
    x, y, params = _mlp_params(rng, 6, 2, 3, 3)
    grads = _backward(x, y, params, b2_summed=False)
    errors, call = _call(exercise, _Loss(x, y), params, grads, "<b2 averaged>")
    _expect(errors, call, small=("W1", "b1", "W2"), large=("b2",))


@pytest.mark.task(1)
def test_two_calls_per_element(exercise, rng):
    """calls loss_fn exactly twice per element of every parameter (central differences)"""
    x, y, params = _mlp_params(rng, 3, 2, 3, 2)
    loss = _Loss(x, y)
    _, call = _call(exercise, loss, params, _backward(x, y, params))
    want = 2 * sum(p.numel() for p in params.values())
    assert loss.calls == want, (
        f"{call} called loss_fn {loss.calls} times; expected 2 per element, {want}."
        + ("\nHint: forward differences use n + 1 calls; central ones call loss_fn with the "
           "element moved up and moved down." if loss.calls == want // 2 + 1 else ""))


class _Linear:
    """loss_fn = sum(w * c) + 0 * sum(u): its gradient is c for w, exactly, and 0 for u."""

    def __init__(self, c):
        self.c = c

    def __call__(self, p):
        return (p["w"] * self.c).sum() + 0.0 * p["u"].sum()

    def __repr__(self):
        return "lambda p: (p['w'] * c).sum() + 0 * p['u'].sum()"


@pytest.mark.task(1)
def test_reports_the_relative_error(exercise, rng):
    """reports max|a − b| / max(|a| + |b|) itself, and 0.0 for two all-zero gradients"""
    c = 4 * randn(3, 2, generator=rng, dtype=F64)
    params = {"w": randn(3, 2, generator=rng, dtype=F64), "u": randn(4, generator=rng, dtype=F64)}
    wrong = c + randn(3, 2, generator=rng, dtype=F64)
    grads = {"w": wrong, "u": torch.zeros(4, dtype=F64)}
    errors, call = _call(exercise, _Linear(c), params, grads, "{'w': c + noise, 'u': zeros}")
    want = ((wrong - c).abs().max() / (wrong.abs() + c.abs()).max()).item()
    got = errors["w"]
    if not abs(got - want) <= 1e-6 * want:
        raise AssertionError(
            f"{call} reported {got:.6g} for w; the relative error max|a − b| / max(|a| + |b|) "
            f"of those gradients is {want:.6g}.\nHint: the largest absolute difference, "
            "divided by the largest |a| + |b| (both maxima over the whole tensor).")
    assert errors["u"] == 0.0, (
        f"{call} reported {errors['u']!r} for u, whose gradient and numeric gradient are both "
        "all zero; expected 0.0 (nothing to divide: the gradient is right).")


@pytest.mark.task(2)
def test_float32_params_checked_in_float64(exercise, rng):
    """float32 parameters are nudged as float64 copies: right float32 gradients score below 1e-6"""
    x, y, params = _mlp_params(rng, 4, 3, 4, 2, dtype=torch.float32)
    loss = _Loss(x, y)
    errors, call = _call(exercise, loss, params, _backward(x, y, params))
    assert loss.dtypes == {"float64"}, (
        f"{call} called loss_fn with {sorted(loss.dtypes)} tensors; expected float64 only.\n"
        "Hint: float32 keeps about 7 digits: a difference of two losses 2e-6 apart loses "
        "most of them. Convert every parameter to a float64 copy first (.double()).")
    _expect(errors, call, small=NAMES, small_below=1e-6)


@pytest.mark.task(3)
def test_any_shape(exercise, rng):
    """works for a 0-dim parameter and a transposed (non-contiguous) one"""
    params = {"s": randn(generator=rng, dtype=F64), "M": randn(4, 3, generator=rng, dtype=F64).T,
              "v": randn(5, generator=rng, dtype=F64)}
    target = randn(3, 4, generator=rng, dtype=F64)

    class Smooth:
        calls = 0

        def __call__(self, p):
            Smooth.calls += 1
            return (torch.sin(p["s"] * p["M"]) * target).sum() + (p["v"] ** 3).sum() * p["s"]

        def __repr__(self):
            return "lambda p: (sin(p['s'] * p['M']) * T).sum() + (p['v']**3).sum() * p['s']"

    s, M, v = (params[k] for k in ("s", "M", "v"))
    grads = {"s": (torch.cos(s * M) * M * target).sum() + (v ** 3).sum(),
             "M": torch.cos(s * M) * s * target, "v": 3 * v ** 2 * s}
    errors, call = _call(exercise, Smooth(), params, grads)
    _expect(errors, call, small=("s", "M", "v"))


@pytest.mark.task(3)
def test_inputs_unchanged(exercise, rng):
    """leaves params and grads exactly as they were: values, dtype, requires_grad, .grad"""
    x, y, params = _mlp_params(rng, 3, 2, 3, 2, dtype=torch.float32)
    grads = _backward(x, y, params)
    originals = dict(params)
    for p in params.values():
        p.requires_grad_(True)
        p.grad = torch.full_like(p, 7.0)
    before = {k: (p.detach().clone(), p.grad.clone()) for k, p in params.items()}
    grads_before = {k: g.clone() for k, g in grads.items()}
    _, call = _call(exercise, _Loss(x, y), params, grads, copies=False)
    assert all(params[k] is originals[k] for k in originals) and len(params) == len(originals), (
        f"after {call}, the caller's params dict holds other tensors than before.\nHint: "
        "build your own dict of float64 copies; don't assign into params.")
    for name, p in params.items():
        value, grad = before[name]
        assert p.dtype == torch.float32 and p.requires_grad, (
            f"after {call}, params[{name!r}] is {p.dtype} with requires_grad={p.requires_grad}"
            "; expected float32 with requires_grad=True, as it was.\nHint: work on float64 "
            "copies (p.detach().double()) instead of converting the caller's tensors.")
        assert torch.equal(p.detach(), value), (
            f"after {call}, params[{name!r}] has changed.\nHint: nudge a copy, or put back the "
            "exact saved value (adding and subtracting eps is not exact in floating point).")
        assert p.grad is not None and torch.equal(p.grad, grad), (
            f"after {call}, params[{name!r}].grad has changed: it belongs to the caller.")
    for name, g in grads.items():
        assert torch.equal(g, grads_before[name]), f"after {call}, grads[{name!r}] has changed."


@pytest.mark.task(4)
@pytest.mark.parametrize("case", ["missing", "extra", "transposed", "flattened"])
def test_rejects_mismatched_grads(exercise, rng, case):
    """raises ValueError naming the key when grads misses a key, has an extra one, or a wrong shape"""
    x, y, params = _mlp_params(rng, 3, 2, 4, 3)
    grads = _backward(x, y, params)
    key = {"missing": "b1", "extra": "W3", "transposed": "W2", "flattened": "W1"}[case]
    if case == "missing":
        del grads[key]
    elif case == "extra":
        grads[key] = torch.zeros(2, dtype=F64)
    elif case == "transposed":
        grads[key] = grads[key].T
    else:
        grads[key] = grads[key].flatten()
    gradient_check = require_function(exercise, "gradient_check")
    call = f"gradient_check(mlp_loss, params={_shown(params)}, grads={_shown(grads)})"
    try:
        with no_autograd(RULE):
            gradient_check(_Loss(x, y), params, grads)
    except ValueError as error:
        assert key in str(error), (f"{call} raised ValueError({str(error)!r}); the message "
                                   f"should name the key, {key!r}.")
        return
    except (RuleViolation, NotImplementedError):
        raise
    except Exception as error:  # noqa: BLE001 - any other error is the learner's bug
        raise AssertionError(f"{call} raised {type(error).__name__}: "
                             f"{str(error).splitlines()[0]}; expected ValueError naming "
                             f"{key!r}.") from None
    raise AssertionError(f"{call} returned a result; expected ValueError naming {key!r} "
                         f"({case}).\nHint: compare the keys of params and grads, and each "
                         "gradient's shape with its parameter's, before any work.")


def test_rule_no_autograd(exercise, rng):
    """Rule: no autograd (backward and torch.autograd.grad are switched off)"""
    x, y, params = _mlp_params(rng, 2, 2, 2, 1)
    grads = _backward(x, y, params, sigmoid_slope=False)
    errors, call = _call(exercise, _Loss(x, y), params, grads, "<no sigmoid slope>")
    _expect(errors, call, small=("W2", "b2"), large=("W1", "b1"))


@pytest.mark.gpu
def test_cuda_params(exercise, rng, gpu_device):
    """CUDA parameters are checked on the GPU, with the same verdicts as on the CPU"""
    x, y, params = _mlp_params(rng, 4, 3, 3, 2, device=gpu_device)
    grads = _backward(x, y, params, b2_summed=False)
    errors, call = _call(exercise, _Loss(x, y), params, grads, "<b2 averaged>")
    _expect(errors, call, small=("W1", "b1", "W2"), large=("b2",))
