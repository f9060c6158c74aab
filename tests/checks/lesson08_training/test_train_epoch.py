"""Checks for lesson08/train_epoch."""

import math

import pytest
import torch
from torch import nn

from tutor.testing import assert_close, describe, describe_call, inputs_unchanged, require_function

LOSS_HINT = ("report the mean loss per EXAMPLE: add loss.item() * len(X_batch) for every batch, "
             "then divide by N. loss is already a batch mean, so sum(loss.item()) / N is too "
             "small, and the plain average of the batch means over-weights a short last batch.")


class _SGD:
    """torch.optim.SGD's update (with momentum), duck-typed.

    Building a real torch.optim optimizer imports torch._dynamo on first use, which costs
    seconds in a fresh grading process; this stand-in has the same zero_grad/step interface
    and lets the checks see every step.
    """

    def __init__(self, params, lr, momentum=0.0):
        self.params, self.momentum = list(params), momentum
        self.param_groups = [{"params": self.params, "lr": lr, "momentum": momentum}]
        self.buffers = [None] * len(self.params)
        self.pre_step_hooks = []

    def zero_grad(self, set_to_none=True):
        for p in self.params:
            if set_to_none:
                p.grad = None
            elif p.grad is not None:
                p.grad.zero_()

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:  # as torch.optim does: the closure recomputes loss and grads
            with torch.enable_grad():
                loss = closure()
        for hook in self.pre_step_hooks:
            hook()
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            update = p.grad
            if self.momentum:
                if self.buffers[i] is None:
                    self.buffers[i] = p.grad.clone()
                else:
                    self.buffers[i].mul_(self.momentum).add_(p.grad)
                update = self.buffers[i]
            p.sub_(self.param_groups[0]["lr"] * update)
        return loss


def _make_net():
    return nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1))


def _setup(seed, n=10, lr=0.1, momentum=0.0, device="cpu"):
    """A small seeded net, its data, an MSE loss and an SGD optimizer."""
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 3, generator=g)
    y = torch.sin(X.sum(dim=1, keepdim=True))
    torch.manual_seed(seed)
    net = _make_net().to(device)
    optimizer = _SGD(net.parameters(), lr=lr, momentum=momentum)
    return net, nn.MSELoss(), optimizer, X.to(device), y.to(device)


def _reference_epoch(net, loss_fn, optimizer, X, y, batch_size, generator):
    """The spec, written out: shuffled mini-batches, one step each, example-weighted loss."""
    total = 0.0
    for idx in torch.randperm(X.shape[0], generator=generator).split(batch_size):
        loss = loss_fn(net(X[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(idx)
    return total / X.shape[0]


def _call(X, y, batch_size, seed):
    return describe_call("train_epoch", "net", "loss_fn", "optimizer", X, y, batch_size,
                         f"torch.Generator().manual_seed({seed})")


def _as_float(got, call):
    if isinstance(got, torch.Tensor):
        raise AssertionError(f"{call} returned {describe(got)}; expected a Python float. "
                             "Use loss.item(): a tensor keeps its autograd graph alive.")
    if not isinstance(got, (float, int)):
        raise AssertionError(f"{call} returned {describe(got)}; expected a Python float, the "
                             "mean loss per example.")
    return float(got)


def test_worked_example_lr_zero(exercise):
    """with lr = 0 the result is the mean loss over all N examples: mean(y^2) = 11 here"""
    train_epoch = require_function(exercise, "train_epoch")
    net = nn.Linear(1, 1)
    nn.init.zeros_(net.weight)
    nn.init.zeros_(net.bias)
    X = torch.arange(1.0, 6.0).unsqueeze(1)
    y = X.clone()
    optimizer = _SGD(net.parameters(), lr=0.0)
    call = _call(X, y, 2, 0)
    got = _as_float(train_epoch(net, nn.MSELoss(), optimizer, X, y, 2,
                                torch.Generator().manual_seed(0)), call)
    if not math.isclose(got, 11.0, rel_tol=1e-6):
        raise AssertionError(
            f"{call} returned {got:.6g}; expected 11 = mean of y^2 = (1+4+9+16+25)/5, since the "
            f"net predicts 0 and lr = 0 changes nothing.\nHint: {LOSS_HINT}")


def test_returns_mean_loss_per_example(exercise, rng):
    """with lr = 0 it equals loss_fn on the whole data, for uneven batches too"""
    seed = int(torch.randint(0, 10_000, (), generator=rng))
    net, loss_fn, optimizer, X, y = _setup(seed, n=11, lr=0.0)
    with torch.no_grad():
        expected = loss_fn(net(X), y).item()
    call = _call(X, y, 4, seed)
    got = _as_float(exercise.train_epoch(net, loss_fn, optimizer, X, y, 4,
                                         torch.Generator().manual_seed(seed)), call)
    if not math.isclose(got, expected, rel_tol=1e-5):
        raise AssertionError(
            f"{call} returned {got:.6g}; with lr = 0 it should equal the mean loss over all 11 "
            f"examples, {expected:.6g} (ratio {got / expected:.3g}).\nHint: {LOSS_HINT}")


def test_one_optimizer_step_per_batch(exercise):
    """calls optimizer.step() once per mini-batch: 3 steps for N = 10, batch_size = 4"""
    net, loss_fn, optimizer, X, y = _setup(1)
    steps = []
    optimizer.pre_step_hooks.append(lambda: steps.append(1))
    call = _call(X, y, 4, 1)
    exercise.train_epoch(net, loss_fn, optimizer, X, y, 4, torch.Generator().manual_seed(1))
    if len(steps) != 3:
        raise AssertionError(f"{call} called optimizer.step() {len(steps)} times; expected 3, "
                             "one per mini-batch (batches of 4, 4 and 2 rows). Use the "
                             "optimizer you are given.")


def _training_forwards(seen):
    """A forward pre-hook recording the inputs of forward passes autograd records.

    Judge behaviour, not style: an extra ``torch.no_grad()`` forward (for logging, say)
    trains nothing, so it is not counted.
    """
    def hook(module, args):
        if torch.is_grad_enabled():
            seen.append(args[0].detach().clone())

    return hook


def test_net_sees_the_minibatches(exercise):
    """the net is fed each shuffled mini-batch, not the full data"""
    net, loss_fn, optimizer, X, y = _setup(2)
    seen = []
    net.register_forward_pre_hook(_training_forwards(seen))
    call = _call(X, y, 4, 2)
    exercise.train_epoch(net, loss_fn, optimizer, X, y, 4, torch.Generator().manual_seed(2))
    sizes = [len(batch) for batch in seen]
    if sizes != [4, 4, 2]:
        raise AssertionError(
            f"{call} trained the net (forward passes with autograd on) on batches of {sizes} "
            "rows; expected [4, 4, 2].\nHint: inside the "
            "loop use the batch (net(X_batch), y_batch), not the full X and y; otherwise every "
            "step is a full-data step.")
    perm = torch.randperm(10, generator=torch.Generator().manual_seed(2))
    for i, (batch, idx) in enumerate(zip(seen, perm.split(4))):
        assert_close(batch, X[idx], call=f"{call}: input of forward pass #{i}",
                     hint="take the batches in the order perm = torch.randperm(N, generator="
                          "generator) gives: consecutive slices of perm.")


def test_fresh_gradient_before_each_step(exercise):
    """before each step the gradients are those of the current batch alone (zeroed in between)"""
    net, mse, optimizer, X, y = _setup(3)
    inputs, targets, problems, steps = [], [], [], []

    def loss_fn(y_hat, target):
        if torch.is_grad_enabled():  # a no_grad loss for logging is not a training step
            targets.append(target.detach().clone())
        return mse(y_hat, target)

    def check_grads():
        steps.append(1)
        twin = _make_net()
        twin.load_state_dict(net.state_dict())
        with torch.enable_grad():
            loss = mse(twin(inputs[-1]), targets[-1])
            fresh = torch.autograd.grad(loss, list(twin.parameters()))
        for (name, p), g in zip(net.named_parameters(), fresh):
            got = torch.zeros_like(p) if p.grad is None else p.grad.detach()
            if not torch.allclose(got, g, atol=1e-6, rtol=1e-5):
                problems.append((len(steps), name, got, g))
                return

    net.register_forward_pre_hook(_training_forwards(inputs))
    optimizer.pre_step_hooks.append(check_grads)
    call = _call(X, y, 4, 3)
    exercise.train_epoch(net, loss_fn, optimizer, X, y, 4, torch.Generator().manual_seed(3))
    if not (inputs and targets and steps):
        raise AssertionError(f"{call} never called net(...), loss_fn(...) and "
                             "optimizer.step().")
    if problems:
        step, name, got, want = problems[0]
        ratio = (got.norm() / want.norm()).item() if want.norm() > 0 else float("nan")
        raise AssertionError(
            f"{call}: before optimizer.step() #{step}, net.{name}.grad was not the gradient of "
            f"that batch's loss (norm {got.norm():.4g}, expected {want.norm():.4g}, ratio "
            f"{ratio:.3g}).\nHint: backward() ADDS into .grad. Call optimizer.zero_grad() once "
            "per batch, before loss.backward() (not between backward and step).")


@pytest.mark.parametrize("batch_size, momentum", [(3, 0.0), (5, 0.9)])
def test_matches_reference_run(exercise, rng, batch_size, momentum):
    """two epochs give the same parameters and losses as a reference loop"""
    seed = int(torch.randint(0, 10_000, (), generator=rng))
    net, loss_fn, optimizer, X, y = _setup(seed, n=13, lr=0.05, momentum=momentum)
    ref_net, ref_loss_fn, ref_opt, _, _ = _setup(seed, n=13, lr=0.05, momentum=momentum)
    gen, ref_gen = (torch.Generator().manual_seed(seed) for _ in range(2))
    call = _call(X, y, batch_size, seed)
    for epoch in (1, 2):
        got = _as_float(exercise.train_epoch(net, loss_fn, optimizer, X, y, batch_size, gen),
                        call)
        want = _reference_epoch(ref_net, ref_loss_fn, ref_opt, X, y, batch_size, ref_gen)
        for (name, p), q in zip(net.named_parameters(), ref_net.parameters()):
            assert_close(p.detach(), q.detach(), call=f"epoch {epoch}: {call}, then net.{name}",
                         atol=1e-6, rtol=1e-5,
                         hint="per batch: loss = loss_fn(net(X_batch), y_batch); "
                              "optimizer.zero_grad(); loss.backward(); optimizer.step().")
        if not math.isclose(got, want, rel_tol=1e-5, abs_tol=1e-7):
            raise AssertionError(
                f"epoch {epoch}: {call} trained correctly but returned {got:.6g}; the "
                f"reference loop reports {want:.6g}.\nHint: {LOSS_HINT}")


@pytest.mark.gpu
def test_on_gpu_matches_cpu(exercise, gpu_device):
    """net and data on CUDA: the parameters stay on CUDA and match a CPU run"""
    net, loss_fn, optimizer, X, y = _setup(4, n=12, device=gpu_device)
    ref_net, ref_loss_fn, ref_opt, X_cpu, y_cpu = _setup(4, n=12)
    call = _call(X, y, 5, 4)
    got = _as_float(exercise.train_epoch(net, loss_fn, optimizer, X, y, 5,
                                         torch.Generator().manual_seed(4)), call)
    want = _reference_epoch(ref_net, ref_loss_fn, ref_opt, X_cpu, y_cpu, 5,
                            torch.Generator().manual_seed(4))
    if not math.isclose(got, want, rel_tol=1e-4):
        raise AssertionError(f"{call} returned {got:.6g} on CUDA; the CPU reference reports "
                             f"{want:.6g}.")
    for (name, p), q in zip(net.named_parameters(), ref_net.parameters()):
        assert_close(p.detach(), q.detach().to(gpu_device), call=f"{call}, then net.{name}",
                     atol=1e-5, rtol=1e-4,
                     hint="keep the batches where the net is: index the CUDA X and y; keep "
                          "the generator (and torch.randperm) on the CPU.")


def test_leaves_data_unchanged(exercise):
    """leaves X and y as they were (the net's parameters are what training changes)"""
    net, loss_fn, optimizer, X, y = _setup(5)
    call = _call(X, y, 4, 5)
    with inputs_unchanged(call, X=X, y=y):
        exercise.train_epoch(net, loss_fn, optimizer, X, y, 4, torch.Generator().manual_seed(5))
