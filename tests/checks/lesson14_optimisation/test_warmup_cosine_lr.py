"""Checks for lesson14/warmup_cosine_lr.

The oracle is torch itself: an SGD optimiser driven by ``SequentialLR([LinearLR,
CosineAnnealingLR])`` (or ``CosineAnnealingLR`` alone), whose learning rate is read before
each epoch and ``scheduler.step()`` called after it, as a training loop does
(there, after ``optimizer.step()``).
"""

import ast
import math
import warnings
from pathlib import Path

import pytest
import torch
from torch.optim import lr_scheduler

from tutor.testing import (
    describe,
    draw_int,
    forbidden,
    require_function,
)

SCHEDULERS = ("SequentialLR", "LinearLR", "CosineAnnealingLR", "LambdaLR", "ChainedScheduler",
              "OneCycleLR", "CosineAnnealingWarmRestarts")


def _torch_schedule(base_lr, warmup, total, start_factor, eta_min):
    """The lr during epochs 0..total, from torch's schedulers (one step() per epoch)."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=eta_min)
    if warmup:
        linear = lr_scheduler.LinearLR(opt, start_factor=start_factor, total_iters=warmup)
        sched = lr_scheduler.SequentialLR(opt, [linear, cosine], milestones=[warmup])
    else:
        sched = cosine
    lrs = []
    with warnings.catch_warnings():
        # No optimizer.step() here: its first call imports torch._dynamo (seconds), and
        # the learning rates do not depend on it; torch only warns about the order.
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(total + 1):
            lrs.append(opt.param_groups[0]["lr"])
            sched.step()
    return lrs


def _variant(e, base, W, T, sf, eta_min, kind):
    """Learning rates of the usual mistakes (for hints)."""
    if kind == "one_epoch_late":
        e = max(e - 1, 0)
    elif kind == "one_epoch_early":
        e = min(e + 1, T)
    if e < W:
        denominator = W - 1 if kind == "warmup_ends_early" and W > 1 else W
        start = 0.0 if kind == "warmup_from_zero" else sf
        return base * (start + (1 - start) * e / denominator)
    low = 0.0 if kind == "ignores_eta_min" else eta_min
    span, offset = (T, 0) if kind == "cosine_over_total" else (T - W, W)
    return low + (base - low) * (1 + math.cos(math.pi * (e - offset) / span)) / 2


HINTS = {
    "one_epoch_late": "your schedule runs one epoch late: epoch 0 must already use the first "
                      "value (start_factor * base_lr), before any scheduler.step().",
    "one_epoch_early": "your schedule runs one epoch early: epoch e uses the value after e "
                       "scheduler steps, not e + 1.",
    "warmup_ends_early": "the warmup reaches base_lr one epoch early: divide by W, so that "
                         "base_lr is first reached at epoch W, where the cosine starts.",
    "warmup_from_zero": "the warmup starts from 0: it starts at start_factor * base_lr, i.e. "
                        "base_lr * (start_factor + (1 - start_factor) * e / W).",
    "ignores_eta_min": "the cosine ends at 0, not at eta_min: eta_min + (base_lr - eta_min) * "
                       "(1 + cos(...)) / 2.",
    "cosine_over_total": "the cosine must span the epochs AFTER the warmup: its phase is "
                         "pi * (e - W) / (T - W), not pi * e / T.",
}


def _hint(got_all, args):
    """Name a mistake only when the learner's WHOLE schedule matches it."""
    total = args[2]
    right = [_variant(e, *args, kind="torch") for e in range(total + 1)]
    for kind, hint in HINTS.items():
        want = [_variant(e, *args, kind=kind) for e in range(total + 1)]
        differs = any(not math.isclose(w, r, rel_tol=1e-6) for w, r in zip(want, right))
        if differs and all(isinstance(g, float) and math.isclose(g, w, rel_tol=1e-9)
                           for g, w in zip(got_all, want)):
            return hint
    return ("warmup (e < W): base_lr * (start_factor + (1 - start_factor) * e / W); then "
            "eta_min + (base_lr - eta_min) * (1 + cos(pi * (e - W) / (T - W))) / 2.")


def _check_schedule(fn, base_lr, warmup, total, start_factor, eta_min, defaults=False):
    """Every epoch's rate against torch's; ``defaults`` leaves start_factor and eta_min out."""
    expected = _torch_schedule(base_lr, warmup, total, start_factor, eta_min)
    args = (base_lr, warmup, total, start_factor, eta_min)
    got_all = []
    for e in range(total + 1):
        if defaults:
            call = f"warmup_cosine_lr({e}, {base_lr:.4g}, {warmup}, {total})"
            got = fn(e, base_lr, warmup, total)
        else:
            call = (f"warmup_cosine_lr({e}, base_lr={base_lr:.4g}, warmup_epochs={warmup}, "
                    f"total_epochs={total}, start_factor={start_factor:.3g}, "
                    f"eta_min={eta_min:.3g})")
            got = fn(e, base_lr, warmup, total, start_factor=start_factor, eta_min=eta_min)
        assert isinstance(got, float), (
            f"{call} returned {describe(got)}; expected a Python float. Use math.cos, not "
            "torch.cos (or call .item()).")
        got_all.append((call, got))
    for e, ((call, got), want) in enumerate(zip(got_all, expected)):
        if not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-15):
            raise AssertionError(
                f"{call} returned {got:.6g}; torch's schedulers use {want:.6g} in epoch {e}."
                f"\nHint: {_hint([g for _, g in got_all], args)}")


def _random_args(rng):
    base_lr = 10 ** float(-3 + 2 * torch.rand((), generator=rng))
    warmup = draw_int(rng, 2, 5, "warmup")
    total = warmup + draw_int(rng, 3, 24, "decay_steps")
    start_factor = 0.05 + 0.5 * float(torch.rand((), generator=rng))
    eta_min = base_lr * 0.2 * float(torch.rand((), generator=rng))
    return base_lr, warmup, total, start_factor, eta_min


@pytest.mark.task(1)
def test_worked_example(exercise):
    """with the defaults, warmup_cosine_lr(e, 0.1, 2, 6) is [0.01, 0.055, 0.1, 0.0854, 0.05, 0.0146, 0.0]"""
    fn = require_function(exercise, "warmup_cosine_lr")
    _check_schedule(fn, 0.1, 2, 6, 0.1, 0.0, defaults=True)


@pytest.mark.task(1)
def test_returns_a_float(exercise, rng):
    """returns a Python float on the warmup and on the cosine branch"""
    fn = require_function(exercise, "warmup_cosine_lr")
    base_lr, warmup, total, start_factor, eta_min = _random_args(rng)
    for e in (0, warmup, total):
        got = fn(e, base_lr, warmup, total, start_factor=start_factor, eta_min=eta_min)
        assert isinstance(got, float), (
            f"warmup_cosine_lr({e}, ...) returned {describe(got)}; expected a Python float. "
            "Use math.cos, not torch.cos (or call .item()).")


@pytest.mark.task(1)
def test_matches_torch_schedulers(exercise, rng):
    """matches SequentialLR(LinearLR, CosineAnnealingLR) epoch by epoch, random settings"""
    fn = require_function(exercise, "warmup_cosine_lr")
    for _ in range(3):
        _check_schedule(fn, *_random_args(rng))


@pytest.mark.task(2)
def test_no_warmup_is_cosine_annealing(exercise, rng):
    """warmup_epochs = 0 is CosineAnnealingLR alone"""
    fn = require_function(exercise, "warmup_cosine_lr")
    base_lr, _, total, start_factor, eta_min = _random_args(rng)
    _check_schedule(fn, base_lr, 0, total, start_factor, eta_min)


@pytest.mark.task(2)
def test_single_warmup_epoch_and_flat_start(exercise, rng):
    """one warmup epoch, start_factor = 1 (no ramp), eta_min = base_lr (a constant rate)"""
    fn = require_function(exercise, "warmup_cosine_lr")
    base_lr, _, total, start_factor, eta_min = _random_args(rng)
    _check_schedule(fn, base_lr, 1, total, start_factor, eta_min)
    _check_schedule(fn, base_lr, 3, total + 3, 1.0, eta_min)
    _check_schedule(fn, base_lr, 2, total + 2, start_factor, base_lr)


BAD = {"epoch < 0": dict(epoch=-1), "epoch > total_epochs": dict(epoch=11),
       "base_lr <= 0": dict(base_lr=0.0), "warmup_epochs < 0": dict(warmup_epochs=-1),
       "warmup_epochs = total_epochs": dict(warmup_epochs=10),
       "total_epochs < warmup_epochs": dict(total_epochs=2),
       "start_factor = 0": dict(start_factor=0.0), "start_factor > 1": dict(start_factor=1.5),
       "eta_min < 0": dict(eta_min=-1e-4), "eta_min > base_lr": dict(eta_min=0.5)}


@pytest.mark.task(3)
@pytest.mark.parametrize("bad", list(BAD))
def test_rejects_bad_arguments(exercise, bad):
    """raises ValueError for every argument out of range"""
    fn = require_function(exercise, "warmup_cosine_lr")
    kwargs = {"epoch": 4, "base_lr": 0.1, "warmup_epochs": 3, "total_epochs": 10,
              "start_factor": 0.1, "eta_min": 0.0, **BAD[bad]}
    call = "warmup_cosine_lr(" + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
    try:
        got = fn(**kwargs)
    except ValueError:
        return
    except NotImplementedError:
        raise
    except Exception as error:  # noqa: BLE001 - any other error is the learner's to see
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}; check the "
                             f"arguments first and raise ValueError ({bad}).") from None
    raise AssertionError(f"{call} returned {describe(got)}; expected ValueError ({bad}).")


@pytest.mark.task(4)
def test_rule_no_schedulers(exercise, rng):
    """rule: compute the rate yourself (torch's lr_scheduler classes are disabled)"""
    fn = require_function(exercise, "warmup_cosine_lr")
    source = Path(exercise.__file__).read_text(encoding="utf-8")
    used = sorted({node.attr if isinstance(node, ast.Attribute) else node.id
                   for node in ast.walk(ast.parse(source))
                   if isinstance(node, (ast.Attribute, ast.Name))
                   and (node.attr if isinstance(node, ast.Attribute) else node.id)
                   in SCHEDULERS + ("lr_scheduler",)})
    assert not used, (f"Rule broken: this exercise asks you not to use torch's schedulers "
                      f"({', '.join(used)}). Write the two formulas yourself.")
    args = _random_args(rng)
    expected = _torch_schedule(*args)
    with forbidden(*(f"torch.optim.lr_scheduler.{name}" for name in SCHEDULERS),
                   rule="Write the two formulas yourself."):
        got = [fn(e, args[0], args[1], args[2], start_factor=args[3], eta_min=args[4])
               for e in range(args[2] + 1)]
    for e, (g, want) in enumerate(zip(got, expected)):
        assert math.isclose(g, want, rel_tol=1e-9, abs_tol=1e-15), (
            f"warmup_cosine_lr({e}, ...) returned {g}; expected {want}.")
