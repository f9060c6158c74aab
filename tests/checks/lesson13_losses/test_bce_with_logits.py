"""Checks for lesson13/bce_with_logits.

The reference is F.binary_cross_entropy_with_logits, computed before the learner's code runs.
"""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    forbidden,
    noncontiguous,
    randn,
    random_shape,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.binary_cross_entropy",
             "torch.nn.functional.binary_cross_entropy_with_logits",
             "torch.binary_cross_entropy_with_logits",
             "torch.nn.functional.softplus", "torch.nn.functional.logsigmoid",
             "torch.logaddexp", "torch.Tensor.logaddexp")
RULE = "Build the stable form max(z, 0) - z·y + log1p(exp(-|z|)) yourself."
STABLE_HINT = ("for large |z| the naive route overflows or hits log(0): sigmoid(20.) is "
               "exactly 1.0 in float32, so log(1 - sigmoid(z)) = -inf, and exp(z) is inf "
               "past z ≈ 88. Use max(z, 0) - z·y + log1p(exp(-|z|)): exp() only ever sees "
               "a number <= 0.")


def _reference(z, y):
    return F.binary_cross_entropy_with_logits(z.detach(), y.detach())


def _labels(rng, *shape, dtype=torch.float32, device="cpu"):
    return torch.randint(0, 2, shape, generator=rng).to(dtype=dtype, device=device)


def _hint(got, z, y):
    """A likely cause, only when the evidence points at it."""
    if not isinstance(got, torch.Tensor) or got.dtype != z.dtype or got.device != z.device:
        return None                   # assert_close names shape, dtype and device itself
    if got.dim() != 0:
        return None
    g = got.detach().to("cpu", torch.float64)
    if not bool(torch.isfinite(g)):
        return STABLE_HINT
    zc, yc = z.detach().cpu().double(), y.detach().cpu().double()
    if z.numel() > 1:
        swapped = _reference(yc, zc) if bool(((zc >= 0) & (zc <= 1)).all()) else None
        if swapped is not None and torch.allclose(g, swapped, rtol=1e-4):
            return "the arguments are swapped: the logits come first, the targets second."
        per = zc.clamp(min=0) - zc * yc + torch.log1p(torch.exp(-zc.abs()))
        if torch.allclose(g, per.sum(), rtol=1e-4):
            return "that is the sum over the elements: the loss is their mean."
    probs = torch.sigmoid(zc)
    clipped = F.binary_cross_entropy(probs.clamp(1e-7, 1 - 1e-7), yc)
    if bool(zc.abs().max() > 15) and torch.allclose(g, clipped, rtol=1e-3):
        return ("that is BCE on clipped probabilities: clipping caps each term near 16, while "
                "a logit of 1e4 on the wrong side really costs 1e4. " + STABLE_HINT)
    return None


def _check(exercise, z, y, atol=1e-6, rtol=1e-5):
    bce_with_logits = require_function(exercise, "bce_with_logits")
    expected = _reference(z, y)
    got = bce_with_logits(z, y)
    assert_close(got, expected, call=describe_call("bce_with_logits", z, y), atol=atol,
                 rtol=rtol, hint=_hint(got, z, y))
    return got


@pytest.mark.task(1)
def test_small_example(exercise):
    """bce_with_logits([2., -1., 1e4], [1., 0., 0.]) is 3333.4802"""
    _check(exercise, torch.tensor([2.0, -1.0, 1e4]), torch.tensor([1.0, 0.0, 0.0]))


@pytest.mark.task(1)
@pytest.mark.parametrize("ndim", [1, 2])
def test_matches_torch(exercise, rng, device, ndim):
    """matches F.binary_cross_entropy_with_logits on random shapes (a 0-d mean)"""
    shape = random_shape(rng, ndim)
    z = randn(*shape, generator=rng, device=device) * 3
    _check(exercise, z, _labels(rng, *shape, device=device))


@pytest.mark.task(1)
def test_soft_targets_float64_noncontiguous(exercise, rng):
    """soft targets, float64 and non-contiguous inputs"""
    z = noncontiguous(randn(5, 4, generator=rng, dtype=torch.float64) * 3)
    y = noncontiguous(torch.rand(5, 4, generator=rng, dtype=torch.float64))
    _check(exercise, z, y, atol=1e-12, rtol=1e-10)


@pytest.mark.task(2)
@pytest.mark.parametrize("scale", [30.0, 1e4], ids=["30", "1e4"])
def test_large_logits(exercise, rng, scale):
    """logits far from 0 (|z| ~ 30 and ~ 1e4, float32) give torch's finite loss"""
    z = randn(12, generator=rng) * scale
    z[0], z[1] = scale, -scale                   # confidently wrong on both sides
    y = _labels(rng, 12)
    y[0], y[1] = 0.0, 1.0
    _check(exercise, z, y, rtol=1e-5)


@pytest.mark.task(2)
def test_gradient_is_sigmoid_minus_y(exercise, rng):
    """the gradient is (sigmoid(z) - y) / n, finite even for logits of ±1e4"""
    z = randn(9, generator=rng) * 5
    z[0], z[1] = 1e4, -1e4
    z.requires_grad_()
    y = _labels(rng, 9)
    loss = _check(exercise, z, y)
    call = describe_call("bce_with_logits", z, y)
    assert loss.requires_grad, (f"{call} returned a loss cut off from the logits "
                                "(requires_grad is False).\nHint: no .item(), .detach() or "
                                "torch.tensor(...) around the result.")
    loss.backward()
    expected = (torch.sigmoid(z.detach()) - y) / 9
    not_finite = isinstance(z.grad, torch.Tensor) and not bool(torch.isfinite(z.grad).all())
    assert_close(z.grad, expected, call=f"the gradient of {call} with respect to the logits",
                 atol=1e-6, rtol=1e-5,
                 hint="a NaN or inf gradient at ±1e4 comes from exp() of a large number or "
                      "from log(0) on the way; the stable form has none." if not_finite
                      else None)


@pytest.mark.task(3)
@pytest.mark.parametrize("z_shape, y_shape", [((6, 1), (6,)), ((6,), (6, 1)), ((6,), (5,)),
                                              ((5,), (6,))], ids=str)
def test_shape_mismatch_raises(exercise, rng, expect_error, z_shape, y_shape):
    """logits and y of different shapes raise ValueError, whichever is the odd one"""
    z, y = randn(*z_shape, generator=rng), _labels(rng, *y_shape)
    expect_error(require_function(exercise, "bce_with_logits"), z, y,
                 call=describe_call("bce_with_logits", z, y),
                 why=f"shapes {z_shape} and {y_shape} differ, and broadcasting (N, 1) against "
                     "(N,) pairs every logit with every target.\nHint: compare the two "
                     "shapes; do not squeeze or reshape either one.",
                 fix="compare logits.shape with y.shape first and raise ValueError yourself.")


@pytest.mark.task(3)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["float32", "float64"])
def test_device_and_dtype(exercise, meta_call, dtype):
    """a 0-d loss in the logits' dtype on their device (checked on the 'meta' device)"""
    z = torch.empty(5, 2, dtype=dtype, device="meta")
    y = torch.empty(5, 2, dtype=dtype, device="meta")
    call = describe_call("bce_with_logits", z, y)
    got = meta_call(call, require_function(exercise, "bce_with_logits"), z, y)
    assert_tensor(got, call=call, shape=(),
                  hint="the loss is one number: the mean over every element, shape ().")
    assert_tensor(got, call=call, dtype=dtype,
                  device="meta",
                  hint="build every tensor from the logits (torch.zeros_like(z), z.clamp(min=0))"
                       "; torch.zeros(z.shape) or torch.tensor(0.) sits on the CPU in float32.")


@pytest.mark.task(3)
def test_inputs_unchanged(exercise, rng):
    """the logits and y keep their values and autograd state"""
    z = (randn(6, generator=rng) * 3).requires_grad_()
    y = _labels(rng, 6)
    z_before, y_before = z.detach().clone(), y.clone()
    call = describe_call("bce_with_logits", z, y)
    require_function(exercise, "bce_with_logits")(z, y)
    assert torch.equal(z.detach(), z_before) and torch.equal(y, y_before), (
        f"{call} changed its inputs in place.\nHint: abs_, clamp_, neg_, exp_ and x[...] = v "
        "write into the caller's tensors; use the out-of-place forms.")
    assert z.requires_grad and z.grad is None and not y.requires_grad, (
        f"{call} changed the inputs' autograd state; leave requires_grad and .grad alone.")


@pytest.mark.task(3)
def test_rule_stable_form_by_hand(exercise, rng):
    """rule: no torch BCE loss, F.softplus, F.logsigmoid or logaddexp"""
    z, y = randn(7, generator=rng) * 40, _labels(rng, 7)
    expected = _reference(z, y)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = require_function(exercise, "bce_with_logits")(z, y)
    assert_close(got, expected, call=describe_call("bce_with_logits", z, y), rtol=1e-5)


@pytest.mark.gpu
@pytest.mark.task(3)
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA: the loss stays on the GPU and matches the CPU value, also for ±1e4"""
    z, y = randn(300, generator=rng) * 50, torch.rand(300, generator=rng)
    z[0], z[1] = 1e4, -1e4
    got = require_function(exercise, "bce_with_logits")(z.to(gpu_device), y.to(gpu_device))
    assert_close(got, _reference(z, y).to(gpu_device),
                 call=describe_call("bce_with_logits", z.to(gpu_device), y.to(gpu_device)),
                 atol=1e-5, rtol=1e-5)
