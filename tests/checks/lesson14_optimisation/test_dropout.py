"""Checks for lesson14/dropout.

Masks are random, so the checks judge what every correct dropout shares: each output is 0
or X / (1 - p), the fraction dropped is p within a binomial tolerance (6 standard
deviations), elements are dropped independently, and the same generator state gives the
same output. They never compare against one particular mask.
"""

import math

import pytest
import torch
from lesson14_shared import device_error

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe,
    describe_call,
    forbidden,
    randn,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.dropout", "torch.nn.functional.dropout1d",
             "torch.nn.functional.dropout2d", "torch.nn.functional.dropout3d",
             "torch.nn.functional.alpha_dropout", "torch.nn.functional.feature_alpha_dropout",
             "torch.dropout", "torch.native_dropout", "torch.feature_dropout",
             "torch.alpha_dropout")


def _call(fn, X, p, *args, shown=None, **kwargs):
    call = describe_call("dropout", X if shown is None else shown, p, *args, **kwargs)
    return fn(X, p, *args, **kwargs), call


def _diagnose_values(out, X, p):
    """A hint for the usual scaling mistakes, when the numbers show one."""
    kept = out != 0
    if not bool(kept.any()):
        return None
    ratio = (out[kept] / X[kept]).double()
    if torch.allclose(ratio, torch.ones_like(ratio), rtol=1e-3):
        return ("the kept elements were not rescaled: divide them by (1 - p), so that the "
                "expected value of each output equals its input (inverted dropout).")
    if torch.allclose(ratio, torch.full_like(ratio, 1 - p), rtol=1e-3):
        return "the kept elements were multiplied by (1 - p); divide by (1 - p) instead."
    if torch.allclose(ratio, torch.full_like(ratio, 1 / p), rtol=1e-3):
        return "the kept elements were divided by p; divide by (1 - p), the keep probability."
    return None


@pytest.mark.task(1)
def test_outputs_are_zero_or_scaled(exercise, rng):
    """every output element is 0 or X / (1 - p), with X's shape, dtype and device"""
    fn = require_function(exercise, "dropout")
    X = randn(40, 50, generator=rng) + 5.0          # no zeros in X, so 0 means dropped
    original = X.clone()                            # in case X is (wrongly) changed in place
    p = 0.2 + 0.6 * float(torch.rand((), generator=rng))
    out, call = _call(fn, X, p)
    assert_tensor(out, call=call, shape=tuple(X.shape), dtype=X.dtype, device=X.device)
    kept = out != 0
    expected = torch.where(kept, original / (1 - p), torch.zeros_like(X))
    assert_close(out, expected, call=call, atol=1e-6, rtol=1e-5,
                 hint=_diagnose_values(out, original, p) or "each element must be either 0 (dropped) "
                      "or X / (1 - p) (kept).")


@pytest.mark.task(1)
@pytest.mark.parametrize("side", ["low", "high"])
def test_drop_fraction_is_p(exercise, rng, side):
    """drops a fraction p of the elements (within 6 binomial standard deviations) and keeps the mean"""
    fn = require_function(exercise, "dropout")
    u = 0.15 + 0.2 * float(torch.rand((), generator=rng))
    p = u if side == "low" else 1 - u
    X = torch.ones(400, 500)
    out, call = _call(fn, X, p)
    assert_tensor(out, call=call, shape=(400, 500), dtype=torch.float32)
    n = X.numel()
    dropped = float((out == 0).double().mean())
    tol = 6 * math.sqrt(p * (1 - p) / n)
    hint = None
    if abs(dropped - (1 - p)) < tol:
        hint = ("you dropped a fraction 1 - p: in PyTorch p is the probability of DROPPING "
                "an element (TensorFlow 1's keep_prob was the opposite). Keep an element when "
                "rand >= p.")
    assert abs(dropped - p) < tol, (
        f"{call} zeroed {dropped:.4f} of the elements; expected p = {p:.4f} "
        f"(allowed ±{tol:.4f})." + (f"\nHint: {hint}" if hint else ""))
    mean = float(out.double().mean())
    mean_tol = 6 * math.sqrt(p / ((1 - p) * n))
    assert abs(mean - 1.0) < mean_tol, (
        f"{call} has mean {mean:.4f}; inverted dropout keeps the mean of ones at 1 (allowed "
        f"±{mean_tol:.4f}).\nHint: {_diagnose_values(out, X, p) or 'scale kept values by 1/(1-p).'}")


@pytest.mark.task(1)
def test_elements_dropped_independently(exercise, rng):
    """each element is dropped on its own: no whole rows or columns share one decision"""
    fn = require_function(exercise, "dropout")
    X = randn(300, 200, generator=rng).abs() + 0.1
    p = 0.5
    out, call = _call(fn, X, p)
    dropped = (out == 0).double()
    rows, cols = dropped.mean(dim=1), dropped.mean(dim=0)
    assert bool(((rows - p).abs() < 0.2).all()) and bool(((cols - p).abs() < 0.2).all()), (
        f"{call}: the fraction dropped per row ranges {rows.min():.2f}..{rows.max():.2f} and "
        f"per column {cols.min():.2f}..{cols.max():.2f}; each should be close to p = 0.5.\n"
        "Hint: draw one random number per ELEMENT (a mask of X's full shape), not one per "
        "row or column that broadcasting then stretches.")
    same_as_next = (dropped[:, 1:] == dropped[:, :-1]).double().mean().item()
    assert abs(same_as_next - 0.5) < 0.05, (
        f"{call}: neighbouring elements share their fate {same_as_next:.0%} of the time; "
        "independent drops agree half the time at p = 0.5.")


@pytest.mark.task(2)
def test_eval_mode_passes_input_through(exercise, rng):
    """training=False returns X's values unchanged, for any p"""
    fn = require_function(exercise, "dropout")
    X = randn(7, 9, generator=rng)
    p = 0.1 + 0.8 * float(torch.rand((), generator=rng))
    out, call = _call(fn, X, p, training=False)
    assert_close(out, X, call=call, atol=0.0, rtol=0.0,
                 hint="in eval mode dropout does nothing: no mask and no 1/(1 - p) scaling "
                      "(the scaling during training is what makes this correct).")


@pytest.mark.task(2)
def test_p_zero_and_p_one(exercise, rng):
    """p = 0 keeps everything unchanged; p = 1 gives all zeros, not NaN"""
    fn = require_function(exercise, "dropout")
    X = randn(6, 8, generator=rng)
    out, call = _call(fn, X, 0.0)
    assert_close(out, X, call=call, atol=0.0, rtol=0.0)
    out, call = _call(fn, X, 1.0)
    nan = isinstance(out, torch.Tensor) and bool(out.isnan().any())
    assert_close(out, torch.zeros_like(X), call=call, atol=0.0, rtol=0.0,
                 hint="with p = 1 everything is dropped, and dividing by 1 - p = 0 turns 0 into "
                      "NaN (0/0): return zeros for p == 1 before scaling." if nan else None)


BRANCHES = [("train p=0.3", 0.3, True), ("p=0", 0.0, True), ("p=1", 1.0, True),
            ("eval", 0.3, False)]


@pytest.mark.task(2)
@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float64])
def test_dtype_on_every_branch(exercise, rng, dtype):
    """keeps X's dtype (float16, bfloat16, float64) in training, p = 0, p = 1 and eval"""
    fn = require_function(exercise, "dropout")
    original = (randn(20, 30, generator=rng) + 5.0).to(dtype)
    for name, p, training in BRANCHES:
        X = original.clone()
        out, call = _call(fn, X, p, training=training)
        assert_tensor(out, call=f"{call} [{name}]", shape=tuple(X.shape))
        assert_tensor(out, call=f"{call} [{name}]", dtype=dtype,
                      hint="a float32 mask (.float()) or torch.zeros(X.shape) changes the "
                           "dtype: keep the mask bool (or X's dtype) and use "
                           "torch.zeros_like(X).")
        if training and 0 < p < 1:
            kept = out != 0
            expected = torch.where(kept, original / (1 - p), torch.zeros_like(X))
            assert_close(out, expected, call=call, atol=1e-2, rtol=1e-2)


@pytest.mark.task(2)
def test_device_on_every_branch(exercise):
    """creates the mask on X's device: every branch returns a tensor on X's device ('meta' here)"""
    fn = require_function(exercise, "dropout")
    X = torch.empty(5, 4, device="meta", dtype=torch.float64)
    for name, p, training in BRANCHES:
        call = describe_call("dropout", X, p, training=training) + f" [{name}]"
        try:
            out = fn(X, p, training=training)
        except NotImplementedError:
            raise
        except RuntimeError as error:
            raise AssertionError(device_error(call, error, "pass device=X.device to torch.rand "
                                               "(and use torch.zeros_like(X) for p == 1)")) from None
        assert_tensor(out, call=call, shape=(5, 4), dtype=torch.float64, device="meta")


@pytest.mark.task(3)
def test_input_unchanged(exercise, rng):
    """leaves X unchanged (values, requires_grad and .grad)"""
    fn = require_function(exercise, "dropout")
    X = randn(10, 12, generator=rng)
    before = X.clone()
    for p in (0.4, 1.0):
        out, call = _call(fn, X, p)
        assert torch.equal(X, before), (
            f"{call} changed X in place; the contract returns a new tensor.\nHint: use "
            "X * mask / (1 - p), not X.mul_(...) or X[mask] = 0.")
        assert not X.requires_grad and X.grad is None, f"{call} changed X's autograd state."


@pytest.mark.task(3)
def test_gradient_is_mask_over_keep_probability(exercise, rng):
    """the gradient flows to X: mask / (1 - p) in training, 1 in eval mode"""
    fn = require_function(exercise, "dropout")
    X = (randn(8, 10, generator=rng) + 5.0).requires_grad_(True)
    W = randn(8, 10, generator=rng)
    p = 0.3 + 0.4 * float(torch.rand((), generator=rng))
    for training in (True, False):
        X.grad = None
        call = describe_call("dropout", X, p, training=training)
        out = fn(X, p, training=training)
        assert isinstance(out, torch.Tensor) and out.requires_grad, (
            f"{call} returned {describe(out)} that does not require grad: the graph to X was "
            "cut.\nHint: no .detach(), torch.no_grad() or .data: multiply X by the mask.")
        (out * W).sum().backward()
        kept = (out.detach() != 0).to(X.dtype)
        expected = W * kept / (1 - p) if training else W
        assert_close(X.grad, expected, call=f"the gradient of sum(W * {call}) w.r.t. X",
                     atol=1e-5, rtol=1e-5)


@pytest.mark.task(4)
def test_same_generator_state_same_output(exercise, rng):
    """uses `generator`: the same seed gives the same output, another seed another output"""
    fn = require_function(exercise, "dropout")
    X = randn(30, 40, generator=rng) + 5.0
    seed = int(torch.randint(0, 2**31 - 1, (), generator=rng))
    global_state = torch.get_rng_state()
    a, call = _call(fn, X, 0.5, generator=torch.Generator().manual_seed(seed))
    used_global = not torch.equal(torch.get_rng_state(), global_state)
    torch.manual_seed(seed + 1)                   # a different global state in between
    b, _ = _call(fn, X, 0.5, generator=torch.Generator().manual_seed(seed))
    c, _ = _call(fn, X, 0.5, generator=torch.Generator().manual_seed(seed + 1))
    hint = ("\nHint: pass generator=generator to torch.rand (or torch.bernoulli) so the "
            "caller's generator decides the mask.")
    assert torch.equal(a, b), (f"{call} gave two different outputs for two generators with "
                               "the same seed." + hint)
    assert not torch.equal(a, c), f"{call} gave the same output for two different seeds." + hint
    assert not used_global, (f"{call} drew numbers from torch's global generator although a "
                             "generator was given." + hint)


@pytest.mark.task(4)
def test_global_generator_without_one(exercise, rng):
    """without a generator, uses torch's global one: torch.manual_seed makes it repeatable"""
    fn = require_function(exercise, "dropout")
    X = randn(30, 40, generator=rng) + 5.0
    seed = int(torch.randint(0, 2**31 - 1, (), generator=rng))
    torch.manual_seed(seed)
    a, call = _call(fn, X, 0.5)
    torch.manual_seed(seed)
    b, _ = _call(fn, X, 0.5)
    c, _ = _call(fn, X, 0.5)
    assert torch.equal(a, b), f"{call} after the same torch.manual_seed gave different outputs."
    assert not torch.equal(a, c), f"two calls of {call} in a row gave the same mask."


@pytest.mark.task(5)
@pytest.mark.parametrize("p", [-0.1, 1.5, float("nan")])
@pytest.mark.parametrize("training", [True, False])
def test_rejects_bad_p(exercise, p, training):
    """raises ValueError for p outside [0, 1] (or NaN), in training and in eval mode"""
    fn = require_function(exercise, "dropout")
    X = torch.ones(3, 4)
    call = describe_call("dropout", X, p, training=training)
    try:
        fn(X, p, training=training)
    except ValueError:
        return
    raise AssertionError(f"{call} did not raise ValueError: p is a probability, in [0, 1]. "
                         "F.dropout checks it even in eval mode, so validate before anything "
                         "else (`not 0 <= p <= 1` is also True for NaN).")


@pytest.mark.task(6)
def test_rule_by_hand_without_loops(exercise, rng):
    """rule: no F.dropout/nn.Dropout and no Python loops (one random draw for the whole tensor)"""
    fn = require_function(exercise, "dropout")
    assert_no_loops(exercise)
    X = randn(50, 60, generator=rng) + 5.0
    with forbidden(*FORBIDDEN, rule="Build the mask from torch.rand yourself."):
        out, call = _call(fn, X, 0.25)
    kept = out != 0
    assert_close(out, torch.where(kept, X / 0.75, torch.zeros_like(X)), call=call, atol=1e-5)


@pytest.mark.gpu
def test_on_gpu(exercise, rng, gpu_device):
    """on CUDA, with a CUDA generator: result on CUDA, 0 or X / (1 - p), fraction p dropped"""
    fn = require_function(exercise, "dropout")
    X = randn(400, 500, generator=rng, device=gpu_device) + 5.0
    g = torch.Generator(device=gpu_device).manual_seed(1234)
    out, call = _call(fn, X, 0.3, generator=g)
    assert_tensor(out, call=call, shape=(400, 500), dtype=torch.float32, device=gpu_device)
    kept = out != 0
    assert_close(out, torch.where(kept, X / 0.7, torch.zeros_like(X)), call=call, atol=1e-5)
    dropped = 1 - kept.double().mean().item()
    assert abs(dropped - 0.3) < 6 * math.sqrt(0.21 / X.numel()), (
        f"{call} dropped {dropped:.4f} of the elements; expected 0.3.")
