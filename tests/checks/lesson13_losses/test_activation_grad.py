"""Checks for lesson13/activation_grad.

The expected values come from autograd on the torch activation itself, computed before the
learner's code runs (autograd is switched off only around the learner's call).
"""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    forbidden,
    no_autograd,
    randn,
    random_shape,
    require_function,
)

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu")
RULE = "Derive each derivative by hand; autograd is what this exercise checks you against."
AUTODIFF = ("torch.func.grad", "torch.func.vjp", "torch.func.jvp", "torch.func.jacrev",
            "torch.func.jacfwd", "torch.autograd.functional.jacobian",
            "torch.autograd.functional.vjp", "torch.autograd.functional.jvp")
FORMULAS = {
    "sigmoid": "σ'(x) = σ(x)·(1 − σ(x)), with σ = torch.sigmoid",
    "tanh": "tanh'(x) = 1 − tanh(x)²",
    "relu": "relu'(x) = 1 for x > 0, 0 for x <= 0",
    "leaky_relu": "leaky_relu'(x) = 1 for x > 0, negative_slope for x <= 0",
    "gelu": "gelu'(x) = Φ(x) + x·φ(x), Φ(x) = (1 + erf(x/√2))/2, φ(x) = exp(−x²/2)/√(2π)",
}


def _activation(name, slope):
    return {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
            "leaky_relu": lambda t: F.leaky_relu(t, slope), "gelu": F.gelu}[name]


def _expected(name, x, slope=0.01, approximate="none"):
    """d act / dx by autograd on the torch activation."""
    t = x.detach().clone().requires_grad_()
    fn = _activation(name, slope)
    out = F.gelu(t, approximate=approximate) if name == "gelu" else fn(t)
    (grad,) = torch.autograd.grad(out.sum(), t)
    return grad


def _run(exercise, name, x, *args):
    """Call the learner's function with autograd switched off."""
    activation_grad = require_function(exercise, "activation_grad")
    with no_autograd(RULE), forbidden(*AUTODIFF, rule=RULE):
        return activation_grad(name, x, *args)


def _hint(name, got, x, slope):
    """A likely cause, only when the evidence points at it."""
    if not isinstance(got, torch.Tensor) or got.shape != x.shape or got.dtype != x.dtype \
            or got.device != x.device:
        return None                   # assert_close names shape, dtype and device itself
    got = got.detach()
    if got.is_floating_point() and not bool(torch.isfinite(got).all()):
        return ("a NaN or inf: exp() of a large number overflows (exp(89) is inf in float32) "
                "and inf/inf is NaN. Build the derivative from torch.sigmoid / torch.tanh, "
                "which are safe for any x.")
    if name == "gelu":
        tanh_form = _expected("gelu", x, approximate="tanh").to(got.dtype)
        if torch.allclose(got, tanh_form, atol=1e-6, rtol=1e-5):
            return ("that is the derivative of GELU's tanh approximation; F.gelu's default "
                    "(approximate='none') is x·Φ(x) with the exact normal CDF, "
                    "Φ(x) = (1 + erf(x/√2)) / 2.")
    if name in ("relu", "leaky_relu"):
        at_zero = x.detach() == 0
        if bool(at_zero.any()):
            want = 0.0 if name == "relu" else slope
            if not bool((got[at_zero] == want).all()) and bool(
                    (got[~at_zero] == _expected(name, x, slope).to(got.dtype)[~at_zero]).all()):
                return (f"only x = 0 is wrong: PyTorch takes {name}'(0) = {want} "
                        "(x > 0, not x >= 0, selects the slope 1).")
    return f"compare with the formula: {FORMULAS[name]}."


def _check(exercise, name, x, slope=None, atol=1e-6):
    args = () if slope is None else (slope,)
    s = 0.01 if slope is None else slope
    expected = _expected(name, x, s)
    got = _run(exercise, name, x, *args)
    call = describe_call("activation_grad", name, x, *args)
    assert_close(got, expected, call=call, atol=atol, rtol=1e-5, hint=_hint(name, got, x, s))


@pytest.mark.task(1)
def test_small_example(exercise):
    """activation_grad("sigmoid", [-2., 0., 3.]) is [0.1050, 0.2500, 0.0452]"""
    _check(exercise, "sigmoid", torch.tensor([-2.0, 0.0, 3.0]))


@pytest.mark.task(1)
@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
def test_smooth_random(exercise, rng, device, name):
    """sigmoid and tanh match autograd on random tensors of random shape"""
    x = randn(*random_shape(rng, 2), generator=rng, device=device) * 3
    _check(exercise, name, x)


@pytest.mark.task(1)
@pytest.mark.parametrize("name", NAMES)
def test_large_inputs_are_finite(exercise, name):
    """finite and right for x as large as ±1e4 in float32 (no overflow, no NaN)"""
    x = torch.tensor([-1e4, -200.0, -90.0, -30.0, 0.0, 30.0, 90.0, 200.0, 1e4])
    _check(exercise, name, x)


@pytest.mark.task(2)
@pytest.mark.parametrize("name", ["relu", "leaky_relu"])
def test_kinked_random(exercise, rng, device, name):
    """relu and leaky_relu match autograd on random tensors that include exact zeros"""
    x = randn(*random_shape(rng, 3), generator=rng, device=device)
    x = torch.where(x.abs() < 0.3, torch.zeros_like(x), x)
    _check(exercise, name, x)


@pytest.mark.task(2)
def test_value_at_zero(exercise, rng):
    """at x = 0: relu' is 0 and leaky_relu' is negative_slope, PyTorch's choice"""
    slope = float(torch.empty(()).uniform_(0.05, 0.5, generator=rng))
    x = torch.tensor([-1.0, 0.0, 0.0, 2.0])
    _check(exercise, "relu", x)
    _check(exercise, "leaky_relu", x, slope)


@pytest.mark.task(2)
def test_negative_slope_is_used(exercise, rng):
    """leaky_relu uses the negative_slope it is given, not a fixed 0.01"""
    slope = float(torch.empty(()).uniform_(0.05, 0.5, generator=rng))
    x = randn(20, generator=rng)
    _check(exercise, "leaky_relu", x, slope)


@pytest.mark.task(3)
def test_gelu_exact(exercise, rng, device):
    """gelu matches autograd of F.gelu (the exact, erf form) on random tensors"""
    x = randn(*random_shape(rng, 2), generator=rng, device=device) * 3
    _check(exercise, "gelu", x)


@pytest.mark.task(4)
@pytest.mark.parametrize("name", NAMES)
def test_float64(exercise, rng, name):
    """float64 in, float64 out, with float64 accuracy, for every name"""
    x = randn(4, 5, generator=rng, dtype=torch.float64) * 3
    _check(exercise, name, x, atol=1e-12)


@pytest.mark.task(4)
@pytest.mark.parametrize("name", NAMES)
def test_device_and_dtype(exercise, meta_call, name):
    """keeps x's device and dtype for every name (checked on the data-free 'meta' device)"""
    for dtype in (torch.float32, torch.float64):
        x = torch.empty(3, 4, dtype=dtype, device="meta")
        call = describe_call("activation_grad", name, x)
        got = meta_call(call, _run, exercise, name, x)
        assert_tensor(got, call=call, shape=(3, 4))
        assert_tensor(got, call=call, dtype=dtype, device="meta",
                      hint="create helper tensors with torch.ones_like(x) / torch.full_like(x, "
                           "v) or .to(x.dtype), so they take x's device and dtype; "
                           "torch.ones(x.shape) and torch.tensor(v) are float32 on the CPU "
                           "whatever x is.")


@pytest.mark.task(4)
@pytest.mark.parametrize("name", NAMES)
def test_x_unchanged(exercise, rng, name):
    """x keeps its values, its requires_grad and an empty .grad"""
    for requires_grad in (False, True):
        x = randn(3, 4, generator=rng).requires_grad_(requires_grad)
        before = x.detach().clone()
        _run(exercise, name, x)
        call = describe_call("activation_grad", name, x)
        assert torch.equal(x.detach(), before), (
            f"{call} changed x in place.\nHint: in-place methods (sigmoid_, mul_, clamp_, "
            "masked_fill_) and x[...] = v write into the caller's tensor; use the "
            "out-of-place forms.")
        assert x.requires_grad == requires_grad and x.grad is None, (
            f"{call} changed x's autograd state (requires_grad {x.requires_grad}, .grad "
            f"{describe(x.grad)}); leave it as the caller set it.")


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", ["softmax", "ReLU", "", "swish"])
def test_unknown_name_raises(exercise, expect_error, bad):
    """an unknown name raises ValueError"""
    x = torch.randn(3)
    expect_error(_run, exercise, bad, x, call=describe_call("activation_grad", bad, x),
                 why="a typo in the name must not silently pick some activation.",
                 fix="end with `raise ValueError(...)` after the five known names.")


@pytest.mark.task(4)
def test_rule_no_autograd(exercise, rng):
    """rule: no backward, autograd.grad or torch.func, for any name"""
    x = randn(5, generator=rng).requires_grad_()
    for name in NAMES:
        expected = _expected(name, x)
        got = _run(exercise, name, x)
        assert_close(got, expected, call=describe_call("activation_grad", name, x),
                     atol=1e-6, rtol=1e-5)


@pytest.mark.gpu
@pytest.mark.task(4)
@pytest.mark.parametrize("name", NAMES)
def test_gpu_matches_cpu(exercise, rng, gpu_device, name):
    """on CUDA: the result stays on the GPU and matches the CPU result"""
    x = randn(64, 33, generator=rng) * 4
    expected = _expected(name, x).to(gpu_device)
    got = _run(exercise, name, x.to(gpu_device))
    assert_close(got, expected, call=describe_call("activation_grad", name, x.to(gpu_device)),
                 atol=1e-6, rtol=1e-5)
