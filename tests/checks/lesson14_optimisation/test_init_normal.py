"""Checks for lesson14/init_normal.

The samples are random, so the checks judge their statistics on large tensors: the sample
std against torch's own formula (``nn.init.calculate_gain`` and its fan helper), within
3% (over 10 standard errors); the mean; and the shape of the distribution (kurtosis 3).
"""

import ast
import math
from pathlib import Path

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_tensor,
    describe_call,
    draw_int,
    forbidden,
    require_function,
)

NONLINEARITIES = ("linear", "sigmoid", "tanh", "relu")
FORBIDDEN = ("torch.nn.init.kaiming_normal_", "torch.nn.init.kaiming_uniform_",
             "torch.nn.init.xavier_normal_", "torch.nn.init.xavier_uniform_",
             "torch.nn.init.trunc_normal_", "torch.nn.init.calculate_gain",
             "torch.nn.init._calculate_fan_in_and_fan_out", "torch.nn.init._calculate_correct_fan")
HELPER_NAMES = {"calculate_gain", "_calculate_fan_in_and_fan_out", "_calculate_correct_fan",
                "kaiming_normal_", "kaiming_uniform_", "xavier_normal_", "xavier_uniform_"}


def _expected_std(shape, scheme, nonlinearity):
    """torch's own numbers: the std nn.init.xavier_normal_ / kaiming_normal_ would use."""
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(shape, device="meta"))
    gain = nn.init.calculate_gain(nonlinearity)
    if scheme == "xavier":
        return gain * math.sqrt(2.0 / (fan_in + fan_out))
    return gain / math.sqrt(fan_in)


def _suspects(shape, scheme, nonlinearity):
    """The stds of the usual mistakes, each with the hint that names it."""
    rf = math.prod(shape[2:])
    fan_in, fan_out = shape[1] * rf, shape[0] * rf
    gain = nn.init.calculate_gain(nonlinearity)
    right = _expected_std(shape, scheme, nonlinearity)
    out = [(gain / math.sqrt(fan_out), "that is gain / sqrt(fan_out): Kaiming's default mode "
            "uses fan_in = weight.shape[1] * receptive field (the inputs of one unit)."),
           (right / gain if gain != 1 else -1, "the gain is missing: multiply by 5/3 for tanh "
            "and sqrt(2) for relu."),
           (right * gain if gain != 1 else -1, "the gain was applied twice (or squared): the "
            "std is gain * ..., the variance gain**2 * ..."),
           (right ** 2, "that is the variance, not the std: take the square root."),
           (right / math.sqrt(3), "that is a uniform distribution with bound std (its std is "
            "bound / sqrt(3)); sample from a normal distribution."),
           (gain * math.sqrt(1.0 / fan_in) if scheme == "xavier" else -1,
            "that is gain / sqrt(fan_in): Xavier averages both fans, sqrt(2 / (fan_in + "
            "fan_out))."),
           (gain / math.sqrt(shape[1]) if scheme == "kaiming" else
            gain * math.sqrt(2.0 / (shape[0] + shape[1])),
            "the receptive field is missing: for a conv weight (out, in, kh, kw) the fans are "
            "in * kh * kw and out * kh * kw.")]
    return [(std, hint) for std, hint in out if std > 0 and abs(std / right - 1) > 0.1]


def _check_samples(fn, shape, scheme, nonlinearity, dtype=torch.float32, device="cpu"):
    weight = torch.empty(shape, dtype=dtype, device=device)
    call = describe_call("init_normal_", weight, scheme, nonlinearity)
    got = fn(weight, scheme, nonlinearity)
    assert_tensor(got, call=call, shape=shape, dtype=dtype, device=device)
    x = weight.detach().double().flatten()
    assert bool(torch.isfinite(x).all()), f"{call} left non-finite values in the weight."
    right = _expected_std(shape, scheme, nonlinearity)
    std, mean = x.std().item(), x.mean().item()
    if abs(std / right - 1) > 0.03:
        hint = next((h for s, h in _suspects(shape, scheme, nonlinearity)
                     if abs(std / s - 1) < 0.03), None)
        if hint is None and abs(std - 1) < 0.03:
            hint = "the weight seems to hold N(0, 1) samples: was it filled in place and scaled?"
        rf = math.prod(shape[2:])
        raise AssertionError(
            f"{call} filled the weight with std {std:.5f}; expected {right:.5f} (fan_in "
            f"{shape[1] * rf}, fan_out {shape[0] * rf}; allowed ±3%)."
            + (f"\nHint: {hint}" if hint else ""))
    assert abs(mean) < 6 * right / math.sqrt(x.numel()), (
        f"{call} filled the weight with mean {mean:.5f}; the samples should have mean 0.")
    kurtosis = (((x - mean) / std) ** 4).mean().item()
    assert 2.7 < kurtosis < 3.3, (
        f"{call} gave samples whose kurtosis is {kurtosis:.2f}; a normal distribution has 3 "
        "(a uniform one 1.8).\nHint: draw from a normal distribution: weight.normal_(0, std).")
    return got, weight


@pytest.mark.task(1)
def test_kaiming_for_a_linear_layer(exercise, rng):
    """kaiming/relu on a Linear weight (out, in): std = sqrt(2 / fan_in), fan_in = in"""
    fn = require_function(exercise, "init_normal_")
    fan_in = draw_int(rng, 100, 199, "fan_in")
    # fan_out = 4 * fan_in: the usual mistakes give stds that cannot be confused
    _check_samples(fn, (4 * fan_in, fan_in), "kaiming", "relu")


@pytest.mark.task(1)
def test_xavier_for_a_linear_layer(exercise, rng):
    """xavier/tanh on a Linear weight: std = 5/3 * sqrt(2 / (fan_in + fan_out))"""
    fn = require_function(exercise, "init_normal_")
    fan_in = draw_int(rng, 300, 599, "fan_in")
    _check_samples(fn, (fan_in // 3, fan_in), "xavier", "tanh")


@pytest.mark.task(1)
@pytest.mark.parametrize("scheme", ["kaiming", "xavier"])
def test_conv_weight_counts_the_receptive_field(exercise, rng, scheme):
    """a Conv2d weight (out, in, kh, kw): both fans include kh * kw"""
    fn = require_function(exercise, "init_normal_")
    c_in = draw_int(rng, 8, 23, "c_in")
    k = draw_int(rng, 2, 4, "k")
    _check_samples(fn, (4 * c_in, c_in, k, k + 1), scheme, "relu")


@pytest.mark.task(1)
def test_every_nonlinearity_and_scheme(exercise, rng):
    """the gain: 1 for linear and sigmoid, 5/3 for tanh, sqrt(2) for relu, in both schemes"""
    fn = require_function(exercise, "init_normal_")
    rows = draw_int(rng, 100, 149, "rows")
    for nonlinearity in NONLINEARITIES:
        for scheme in ("kaiming", "xavier"):
            _check_samples(fn, (rows, 2 * rows), scheme, nonlinearity)


@pytest.mark.task(2)
def test_fills_a_parameter_in_place(exercise, rng):
    """fills an nn.Parameter in place and returns that same tensor, still a leaf needing grad"""
    fn = require_function(exercise, "init_normal_")
    layer = nn.Linear(draw_int(rng, 100, 199, "in_features"), 300)
    weight = layer.weight
    pointer, before = weight.data_ptr(), weight.detach().clone()
    call = describe_call("init_normal_", weight, "kaiming", "relu")
    try:
        got = fn(weight, "kaiming", "relu")
    except NotImplementedError:
        raise
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        if "leaf Variable that requires grad" not in message:
            raise
        raise AssertionError(
            f"{call} raised RuntimeError: {message}\nHint: autograd refuses an in-place "
            "change of a parameter; fill it inside `with torch.no_grad():`.") from None
    assert got is weight, (
        f"{call} returned a different tensor; return weight itself, as nn.init does, after "
        "filling it in place.")
    assert layer.weight is weight and weight.data_ptr() == pointer, (
        f"after {call} the layer's weight lives in new memory: fill it in place (normal_).")
    assert weight.is_leaf and weight.requires_grad and weight.grad_fn is None, (
        f"after {call} the weight is no longer a leaf that requires grad.")
    assert not torch.equal(weight.detach(), before), f"{call} did not change the weight."
    std = weight.detach().std().item()
    right = _expected_std(tuple(weight.shape), "kaiming", "relu")
    assert abs(std / right - 1) < 0.05, (
        f"after {call} the weight has std {std:.5f}; expected {right:.5f}.")


@pytest.mark.task(2)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(exercise, rng, dtype):
    """keeps the weight's dtype (float64, float16) with the right std"""
    fn = require_function(exercise, "init_normal_")
    _check_samples(fn, (200, 400), "kaiming", "relu", dtype=dtype)


@pytest.mark.task(2)
def test_keeps_device(exercise):
    """works on the weight's own device and keeps it there ('meta' here: no data, no GPU needed)"""
    fn = require_function(exercise, "init_normal_")
    weight = nn.Parameter(torch.empty(6, 4, 3, 3, device="meta", dtype=torch.float64))
    call = describe_call("init_normal_", weight, "xavier", "tanh")
    try:
        got = fn(weight, "xavier", "tanh")
    except NotImplementedError:
        raise
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        hint = ("\nHint: a tensor was created on another device (the CPU by default): sample "
                "on the weight's device, e.g. weight.normal_(0, std).") if "device" in message else ""
        raise AssertionError(f"{call} raised RuntimeError: {message}{hint}") from None
    assert_tensor(got, call=call, shape=(6, 4, 3, 3), dtype=torch.float64, device="meta")


@pytest.mark.task(3)
def test_uses_the_generator(exercise, rng):
    """the same generator seed gives the same weights; the global generator is not used"""
    fn = require_function(exercise, "init_normal_")
    seed = int(torch.randint(0, 2**31 - 1, (), generator=rng))
    a, b, c = (torch.empty(20, 30) for _ in range(3))
    state = torch.get_rng_state()
    fn(a, "kaiming", "relu", generator=torch.Generator().manual_seed(seed))
    used_global = not torch.equal(torch.get_rng_state(), state)
    torch.manual_seed(seed + 1)
    fn(b, "kaiming", "relu", generator=torch.Generator().manual_seed(seed))
    fn(c, "kaiming", "relu", generator=torch.Generator().manual_seed(seed + 1))
    call = "init_normal_(<float32 (20, 30)>, 'kaiming', 'relu', generator=...)"
    hint = "\nHint: pass generator=generator to normal_ (or torch.randn)."
    assert torch.equal(a, b), f"{call}: the same seed gave different weights." + hint
    assert not torch.equal(a, c), f"{call}: two different seeds gave the same weights." + hint
    assert not used_global, f"{call} drew from torch's global generator." + hint


BAD = {"weight 1-D": (lambda: torch.empty(5), "kaiming", "relu"),
       "weight 0-D": (lambda: torch.empty(()), "xavier", "linear"),
       "scheme": (lambda: torch.empty(4, 3), "he", "relu"),
       "nonlinearity": (lambda: torch.empty(4, 3), "kaiming", "gelu")}


@pytest.mark.task(4)
@pytest.mark.parametrize("bad", list(BAD))
def test_rejects_bad_arguments(exercise, bad):
    """raises ValueError for a weight with < 2 dims, an unknown scheme or nonlinearity, untouched"""
    fn = require_function(exercise, "init_normal_")
    make, scheme, nonlinearity = BAD[bad]
    weight = make().fill_(7.0)
    call = describe_call("init_normal_", weight, scheme, nonlinearity)
    try:
        fn(weight, scheme, nonlinearity)
    except ValueError:
        assert bool((weight == 7.0).all()), f"{call} raised, but only after changing weight."
        return
    except NotImplementedError:
        raise
    except Exception as error:  # noqa: BLE001 - any other error is the learner's to see
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}; expected a "
                             f"ValueError that names the problem ({bad}). Check the "
                             "arguments before using them.") from None
    raise AssertionError(f"{call} did not raise ValueError ({bad} is not allowed: weights need "
                         "2+ dimensions for fans; schemes xavier/kaiming; nonlinearities "
                         f"{', '.join(NONLINEARITIES)}).")


@pytest.mark.task(5)
def test_keeps_the_signal_through_a_deep_relu_net(exercise, rng):
    """why: with kaiming/relu, the mean square of activations survives 20 ReLU layers"""
    fn = require_function(exercise, "init_normal_")
    X = torch.randn(256, 128, generator=rng)
    h = X
    for _ in range(20):
        W = fn(torch.empty(128, 128), "kaiming", "relu", generator=rng)
        h = torch.relu(h @ W.T)
    ratio = (h.pow(2).mean() / X.pow(2).mean()).item()
    assert 0.2 < ratio < 5, (
        f"after 20 layers of relu(h @ W.T) with init_normal_(W, 'kaiming', 'relu'), the mean "
        f"square of the activations is {ratio:.3g} times the input's; Kaiming's std sqrt(2 / "
        "fan_in) keeps it near 1 (ReLU halves it, the factor 2 restores it).")


@pytest.mark.task(6)
def test_rule_compute_it_yourself(exercise):
    """rule: compute the fans and the std yourself (nn.init's helpers are disabled)"""
    fn = require_function(exercise, "init_normal_")
    source = Path(exercise.__file__).read_text(encoding="utf-8")
    used = sorted({node.attr if isinstance(node, ast.Attribute) else node.id
                   for node in ast.walk(ast.parse(source))
                   if isinstance(node, (ast.Attribute, ast.Name))
                   and (node.attr if isinstance(node, ast.Attribute) else node.id)
                   in HELPER_NAMES})
    assert not used, (f"Rule broken: this exercise asks you not to use nn.init's "
                      f"{', '.join(used)}. Compute fan_in, fan_out and the gain from the shape.")
    weight = torch.empty(150, 300)
    right = _expected_std((150, 300), "xavier", "relu")        # outside the rule's block
    with forbidden(*FORBIDDEN, rule="Compute fan_in, fan_out and the gain from the shape."):
        fn(weight, "xavier", "relu")
    std = weight.std().item()
    assert abs(std / right - 1) < 0.03, (
        f"init_normal_(<float32 (150, 300)>, 'xavier', 'relu') filled the weight with std "
        f"{std:.5f}; expected {right:.5f}.")


@pytest.mark.gpu
def test_on_gpu(exercise, gpu_device):
    """a CUDA weight is filled on CUDA with a CUDA generator, with the right std"""
    fn = require_function(exercise, "init_normal_")
    weight = torch.empty(400, 200, device=gpu_device)
    got = fn(weight, "kaiming", "relu", generator=torch.Generator(gpu_device).manual_seed(0))
    assert_tensor(got, call="init_normal_(<float32 (400, 200) on cuda>, 'kaiming', 'relu')",
                  shape=(400, 200), dtype=torch.float32, device=gpu_device)
    std = weight.std().item()
    assert abs(std / math.sqrt(2 / 200) - 1) < 0.03, f"std {std:.5f}; expected {0.1:.5f}."
