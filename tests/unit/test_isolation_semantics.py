"""Strict isolation behaves as one process would: each class of difference, in real processes.

Every test forks a real learner process (sandboxed, and as root unprivileged, as in a
grading run), loads a small learner module into it and calls it through the proxy,
then compares what the trusted side sees with what the same code does in-process.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import torch
from torch.overrides import TorchFunctionMode

from tutor.isolation.endpoint import Endpoint
from tutor.isolation.learner import UNPRIVILEGED_UID, fork_learner

Load = Callable[[str], types.SimpleNamespace]


@pytest.fixture(scope="module")
def warm() -> None:
    """What the warm worker imports and first-uses before it forks (the learner inherits it)."""
    from tutor.grading.zygote import warm_up

    warm_up()
    gc.unfreeze()


@pytest.fixture
def learner(warm: None) -> Iterator[Load]:
    """``learner(source)``: that source loaded in a fresh learner process, as a namespace of
    proxies; the process ends with the test."""
    started: list[tuple[int, Endpoint, str]] = []

    def load(source: str) -> types.SimpleNamespace:
        scratch = tempfile.mkdtemp(prefix="tutor-strict-")
        if os.geteuid() == 0:
            os.chown(scratch, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
        target = os.path.join(scratch, "learner_code.py")
        pid, sock = fork_learner(target, str(Path(__file__).resolve().parents[2]), scratch)
        endpoint = Endpoint(sock, target)
        started.append((pid, endpoint, scratch))
        reply = endpoint.request("load", None, path=target, source=source)
        return types.SimpleNamespace(**reply["names"], scratch=scratch,
                                     remote=(endpoint, reply["module"]))

    yield load
    for pid, endpoint, scratch in started:
        endpoint.sock.close()
        os.waitpid(pid, 0)
        shutil.rmtree(scratch, ignore_errors=True)


def _both(learner: Load, source: str) -> tuple[types.SimpleNamespace, types.ModuleType]:
    """The learner module in strict isolation and the same source run in this process."""
    local = types.ModuleType("in_process")
    exec(compile(source, "in_process.py", "exec"), local.__dict__)
    return learner(source), local


# 1. grad_fn names and node calls -------------------------------------------------------

CUSTOM = '''
import torch

class Twice(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        ctx.save_for_backward(x, w)
        return x * w * 2

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        return g * w * 2, (g * x * 2).sum(0), g.new_zeros(1)   # one value too many

def twice(x, w):
    return Twice.apply(x, w)

def plain(x, w):
    return torch.sigmoid(x @ w)
'''


def test_grad_fn_reads_as_the_learners_node(learner):
    strict, local = _both(learner, CUSTOM)
    x = torch.randn(3, 2, dtype=torch.float64)
    weights = {"plain": torch.randn(2, 2, dtype=torch.float64, requires_grad=True),
               "twice": torch.randn(2, dtype=torch.float64, requires_grad=True)}
    for name, w in weights.items():
        got, want = getattr(strict, name)(x, w), getattr(local, name)(x, w)
        assert type(got.grad_fn).__name__ == type(want.grad_fn).__name__
        assert got.grad_fn.name() == want.grad_fn.name()
        assert repr(got).split("grad_fn=")[1] == repr(want).split("grad_fn=")[1]
    assert type(strict.twice(x, weights["twice"]).grad_fn).__name__ == "TwiceBackward"
    assert type(strict.plain(x, weights["plain"]).grad_fn).__name__ == "SigmoidBackward0"


def test_calling_the_node_runs_the_learners_backward(learner):
    strict, local = _both(learner, CUSTOM)
    x, w = torch.randn(3, 2), torch.randn(2, requires_grad=True)
    g = torch.ones(3, 2)
    raw, want = strict.twice(x, w).grad_fn.apply(g), local.twice(x, w).grad_fn.apply(g)
    assert len(raw) == len(want) == 3
    for a, b in zip(raw, want, strict=True):
        assert torch.equal(a, b)


# 2. arguments changed in place, rebound, aliased ---------------------------------------

MUTATIONS = '''
import torch

def write_state(h0, w):
    h0[0] = torch.tanh(w * 2)            # the caller's h0 joins the graph
    return h0.sum()

def new_memory(p, lr):
    p.data = p.data - lr * p.grad
    p.grad = None

def behind_autograd(p):
    p.data.mul_(3)                       # no version bump

def alias_grad(p, state):
    state[0] = p.grad
    state[0].mul_(0.5)

def abs_in_place(x):
    y = x * 1.0
    y.abs_()
    return y
'''


def test_in_place_write_joins_the_callers_tensor_to_the_graph(learner):
    strict, local = _both(learner, MUTATIONS)
    results = []
    for module in (strict, local):
        h0, w = torch.zeros(2, 3), torch.linspace(-1, 1, 3).requires_grad_()
        out = module.write_state(h0, w)
        (h0 * 5).sum().backward()
        results.append((h0.detach().clone(), h0.requires_grad, type(h0.grad_fn).__name__,
                        w.grad.clone(), out.item()))
    (sh0, srg, sfn, sgrad, sout), (lh0, lrg, lfn, lgrad, lout) = results
    assert torch.equal(sh0, lh0) and srg == lrg and sfn == lfn == "CopySlices"
    assert torch.allclose(sgrad, lgrad) and sout == pytest.approx(lout)


def test_new_memory_and_writes_behind_autograd_come_back(learner):
    strict, local = _both(learner, MUTATIONS)
    for module in (strict, local):
        p = torch.ones(3, requires_grad=True)
        p.grad = torch.full((3,), 2.0)
        before = p.data_ptr()
        module.new_memory(p, 0.5)
        assert p.data_ptr() != before and p.grad is None
        assert torch.equal(p.detach(), torch.zeros(3))
        q = torch.ones(2)
        module.behind_autograd(q)
        assert torch.equal(q, torch.full((2,), 3.0))


def test_aliasing_between_grad_and_state_is_kept(learner):
    strict, local = _both(learner, MUTATIONS)
    for module in (strict, local):
        p = torch.ones(2, requires_grad=True)
        p.grad = torch.full((2,), 4.0)
        kept = p.grad
        state: dict[int, torch.Tensor] = {}
        module.alias_grad(p, state)
        assert state[0] is p.grad is kept
        assert torch.equal(kept, torch.full((2,), 2.0))


def test_version_counters_match(learner):
    strict, local = _both(learner, MUTATIONS)
    x = torch.randn(4).requires_grad_()
    x.detach().add_(1)                       # the caller's tensor is at version 1
    assert strict.abs_in_place(x)._version == local.abs_in_place(x)._version


# 3. warnings ------------------------------------------------------------------------------

WARNS = '''
import warnings
import torch

def copy(t):
    return torch.tensor(t)

def deprecated():
    warnings.warn("old", DeprecationWarning)
    return 1
'''


def test_learner_warnings_reach_the_checks_filters(learner):
    strict = learner(WARNS)
    with pytest.warns(UserWarning, match="To copy construct from a tensor"):
        strict.copy(torch.ones(2))
    with pytest.warns(DeprecationWarning, match="old"):
        assert strict.deprecated() == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DeprecationWarning):
            strict.deprecated()


# 4. the check's context around the call ---------------------------------------------------

CONTEXT = '''
import torch

def mixes(x):
    return x @ torch.ones(x.shape[-1], 2)          # a CPU tensor meets x's device

def made():
    return torch.tensor([1.0]).dtype, torch.is_grad_enabled()

def switches():
    return (torch.are_deterministic_algorithms_enabled(), torch.is_anomaly_enabled(),
            torch.is_inference_mode_enabled())

def outputs(x, w):
    return x @ w
'''


class _Refuse(TorchFunctionMode):
    """A check's guard: refuses an op mixing meta and CPU tensors (as lesson 15's does)."""

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        devices = {a.device.type for a in args if isinstance(a, torch.Tensor)}
        if {"meta", "cpu"} <= devices:
            raise AssertionError(f"`{func.__name__}` mixed meta and cpu")
        return func(*args, **(kwargs or {}))


def test_a_checks_mode_sees_the_learners_calls(learner):
    strict, local = _both(learner, CONTEXT)
    for module in (strict, local):
        with pytest.raises(AssertionError, match="`matmul` mixed meta and cpu"), _Refuse():
            module.mixes(torch.empty(3, 4, device="meta"))


def test_default_dtype_and_grad_mode_hold_for_the_learner(learner):
    strict, local = _both(learner, CONTEXT)
    before = torch.get_default_dtype()
    try:
        torch.set_default_dtype(torch.float64)
        with torch.no_grad():
            assert strict.made() == local.made() == (torch.float64, False)
            w = torch.ones(2, 2, requires_grad=True)
            assert not strict.outputs(torch.ones(1, 2), w).requires_grad
    finally:
        torch.set_default_dtype(before)


def test_torchs_global_switches_hold_for_the_learner(learner):
    strict, local = _both(learner, CONTEXT)
    assert strict.switches() == local.switches() == (False, False, False)
    try:
        torch.use_deterministic_algorithms(True)
        with torch.autograd.set_detect_anomaly(True), torch.inference_mode():
            assert strict.switches() == local.switches() == (True, True, True)
            assert torch.equal(strict.outputs(torch.ones(1, 2), torch.ones(2, 2)),
                               torch.full((1, 2), 2.0))
    finally:
        torch.use_deterministic_algorithms(False)
    assert strict.switches() == (False, False, False)


RULED = '''
import torch

def grid(n):
    return torch.zeros(n, n)

def widen(x):
    return x.expand(3, -1)
'''

LOADS_WITH_ZEROS = '''
import torch

START = torch.zeros(2)                        # top-level code of the next check's load

def grid(n):
    return torch.zeros(n, n)
'''


def test_rules_hold_for_every_ruled_call_and_never_beyond(learner):
    """The learner's process keeps a check's rules in place between two calls under the
    same rules; a call, or the next check's load, without them runs unblocked."""
    from tutor.isolation.session import active_rules
    from tutor.testing import RuleViolation, forbidden

    namespace = learner(RULED)
    endpoint = namespace.remote[0]
    endpoint.rules = active_rules                   # as the grading session sends them
    before = dict(vars(torch.Tensor))
    for _ in range(3):
        with forbidden("torch.zeros", "torch.Tensor.expand", rule="by hand"):
            with pytest.raises(RuleViolation, match="torch.zeros"):
                namespace.grid(2)
            with pytest.raises(RuleViolation, match="torch.Tensor.expand"):
                namespace.widen(torch.ones(1, 2))
    assert namespace.grid(2).shape == (2, 2)        # no rule now
    with forbidden("torch.zeros", rule="by hand"), pytest.raises(RuleViolation):
        namespace.grid(2)
    endpoint.reset_both()                           # the next check: a fresh load
    reply = endpoint.request("load", None, path=os.path.join(namespace.scratch, "b.py"),
                             source=LOADS_WITH_ZEROS)
    assert reply["names"]["START"] is not None and reply["names"]["grid"](1).shape == (1, 1)
    assert dict(vars(torch.Tensor)) == before       # an inherited method put back as it was


# 5. pickling -------------------------------------------------------------------------------

SAVE = '''
import torch

def round_trip(net, name):
    torch.save(net, name)
    return torch.load(name, weights_only=False).state_dict()
'''


def test_saving_a_checks_module_pickles_it_in_the_learner(learner):
    strict = learner(SAVE)
    net = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())
    got = strict.round_trip(net, "net.pt")
    assert set(got) == set(net.state_dict())
    assert all(torch.equal(got[k], v) for k, v in net.state_dict().items())


def test_the_checks_process_never_unpickles_a_learner_object(learner):
    strict = learner("import torch\nnet = torch.nn.Linear(2, 2)\n")
    with pytest.raises(pickle.PicklingError, match="learner's process"):
        pickle.dumps(strict.net)


# 6. a check's module driven by the learner, layer by layer -------------------------------

LAYERS = '''
import torch

def layer_grads(net, X):
    a, kept = X, []
    for child in net.children():
        a = child(a)
        kept.append(a)
    return torch.autograd.grad(((a - 1) ** 2).mean(), kept)

def step(net, X):
    ((net(X) - 1) ** 2).mean().backward()
'''


def test_layer_outputs_the_learner_computes_with_are_in_its_graph(learner):
    strict, local = _both(learner, LAYERS)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    X = torch.randn(5, 3)
    for got, want in zip(strict.layer_grads(net, X), local.layer_grads(net, X), strict=True):
        assert torch.allclose(got, want)
    assert all(p.grad is None for p in net.parameters())   # autograd.grad accumulates nothing


def test_backward_accumulates_into_the_checks_parameters(learner):
    strict, local = _both(learner, LAYERS)
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
    X = torch.randn(5, 3)
    grads = []
    for module in (strict, local):
        net.zero_grad(set_to_none=True)
        for _ in range(2):                   # the second backward adds to .grad
            module.step(net, X)
        grads.append([p.grad.clone() for p in net.parameters()])
    for got, want in zip(grads[0], grads[1], strict=True):
        assert torch.allclose(got, want)


def test_many_calls_keep_the_shared_tables_small(learner):
    """Results nobody holds any more are forgotten on both sides (no quadratic slow-down)."""
    strict = learner("def inc(x):\n    return x + 1\n")
    x = torch.zeros(3)
    kept = strict.inc(x)
    for _ in range(200):
        strict.inc(x)
    endpoint = strict.inc._ep
    assert len(endpoint.shared.copies) <= 3 and len(endpoint.shared.sent) <= 3
    assert torch.equal(kept, torch.ones(3))
    assert torch.equal(strict.inc(kept), torch.full((3,), 2.0))


SAVES = '''
import torch

class Times(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        ctx.save_for_backward(x, w)
        return x * w

    @staticmethod
    def backward(ctx, g):
        x, w = ctx.saved_tensors
        return g * w, g * x

def times(x, w):
    return Times.apply(x, w)
'''


def test_saved_tensors_notice_the_callers_in_place_change(learner):
    strict, local = _both(learner, SAVES)
    outcomes = []
    for module in (strict, local):
        w = torch.ones(3, requires_grad=True)
        x = torch.ones(3, requires_grad=True) * 1.0
        out = module.times(x, w)
        with torch.no_grad():
            x.data.mul_(2.0)                 # behind autograd: backward still runs
        first = torch.autograd.grad(out.sum(), [w], retain_graph=True)[0].tolist()
        with torch.no_grad():
            x.mul_(3.0)                      # a real in-place op: backward refuses
        with pytest.raises(RuntimeError, match="modified by an inplace operation"):
            torch.autograd.grad(out.sum(), [w])
        outcomes.append(first)
    assert outcomes[0] == outcomes[1]


NAMES = '''
import builtins
import os
import pickle
from torch.cuda import synchronize

run, load, shell = builtins.exec, pickle.loads, os.system

def sync():
    return synchronize
'''


def test_library_functions_cross_by_name_only_when_harmless(learner):
    """``from torch.cuda import synchronize`` is torch's own to the check; ``exec`` and
    friends stay proxies: calling them runs them in the learner's process, never here."""
    strict = learner(NAMES)
    assert strict.synchronize is torch.cuda.synchronize and strict.sync() is torch.cuda.synchronize
    for name in ("run", "load", "shell"):
        assert type(getattr(strict, name)).__module__ == "tutor.isolation.codec"   # proxies
    marker = Path(strict.scratch) / "ran"
    strict.run(f"open({str(marker)!r}, 'w').write('learner')")
    assert marker.read_text() == "learner"      # it ran, in the learner process (its scratch)


def test_a_checks_setattr_on_the_module_reaches_the_learners_globals(learner):
    from tutor.isolation.session import LearnerModule

    strict = learner("def double(x):\n    return helper(x) * 2\n\ndef helper(x):\n    return x\n")
    module = LearnerModule("learner")
    module.__dict__.update(double=strict.double, helper=strict.helper,
                           _tutor_remote=strict.remote)
    assert module.double(3) == 6
    module.helper = lambda x: x + 1          # as monkeypatch.setattr(exercise, ...) does
    assert module.double(3) == 8


SHARING = '''
import numpy as np
import torch
from torch import nn

net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))

def share(a):
    return torch.from_numpy(a)

def forward(x):
    return net(x)
'''


def test_writes_to_dropped_copies_still_arrive(learner):
    """The check copies weights into the learner's state_dict tensors, drops the list, calls."""
    strict = learner(SHARING)
    reference = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))

    def copy_weights() -> None:
        targets = list(strict.net.state_dict().values())
        with torch.no_grad():
            for target, source in zip(targets, reference.state_dict().values(), strict=True):
                target.copy_(source)

    copy_weights()
    x = torch.randn(3, 2)
    assert torch.allclose(strict.forward(x), reference(x))


def test_a_tensor_sharing_a_checks_array_shares_it_here(learner):
    import numpy as np

    strict = learner(SHARING)
    a = np.zeros(3)
    t = strict.share(a)
    a[0] = 7.0
    assert t[0].item() == 7.0


# The learner process keeps nothing of the checks ---------------------------------------


def test_the_learner_process_drops_the_compiled_checks_it_inherits(learner, tmp_path):
    """The run's cache of assertion-rewritten checks (their constants may hold expected
    values) is inherited at the fork; the learner's process forgets it before it runs
    a line of learner code."""
    from tutor.grading import rewrite_cache

    check = tmp_path / "test_secret.py"
    check.write_text("def test_answer():\n    assert 6 * 7 == 42\n")
    rewrite_cache.prepare([check])
    assert str(check) in rewrite_cache._rewritten
    try:
        namespace = learner("from tutor.grading import rewrite_cache\n\n"
                            "def held():\n    return sorted(rewrite_cache._rewritten)\n")
        assert namespace.held() == []
    finally:
        rewrite_cache.forget()


# 7. attributes kept on the reading side, iterators sent as their items -------------------

KEPT = '''
import torch
from torch import nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.Linear(2, 2)
        self.scale = 1

    @property
    def doubled(self):
        return self.scale * 2

    def grow(self):
        self.scale += 1
        self.layer = nn.Linear(2, 3)

    def peek(self, look):
        self.scale = 10
        return look()

def read_later(net):
    return net.training, net.tag

net = Net()
'''


def _round_trips(endpoint: Endpoint) -> list[str]:
    """The requests the endpoint makes from now on, by kind."""
    made: list[str] = []
    original = endpoint._request

    def counted(op: str, target: int | None = None, **values: object) -> object:
        made.append(op)
        return original(op, target, **values)

    endpoint._request = counted  # type: ignore[method-assign]
    return made


def test_kept_attributes_are_read_once_and_follow_every_change(learner):
    namespace = learner(KEPT)
    net = namespace.net
    made = _round_trips(namespace.remote[0])
    assert net.scale == 1 and net.layer.out_features == 2
    reads = len(made)
    assert net.scale == 1 and net.layer.out_features == 2 and net.layer.weight.shape == (2, 2)
    assert len(made) == reads + 1                      # only layer.weight, read once
    assert net.doubled == 2 and net.doubled == 2       # a property runs code: never kept
    assert made.count("getattr") == reads + 3
    net.grow()                                         # the learner's code changes both
    assert net.scale == 2 and net.layer.out_features == 3
    net.scale = 5                                      # the check's own write
    assert net.scale == 5
    assert net.peek(lambda: net.scale) == 10           # changed before it called back


def test_the_learner_keeps_a_checks_attributes_only_while_they_hold(learner):
    namespace = learner(KEPT)
    module = torch.nn.Linear(2, 2)
    module.tag = "first"
    assert namespace.read_later(module) == (True, "first")
    module.eval()
    module.tag = "second"
    assert namespace.read_later(module) == (False, "second")


ITERATE = '''
import torch
from torch import nn

net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))

def shapes(params):
    return [tuple(p.shape) for p in params]
'''


def test_torch_iterators_cross_as_their_items(learner):
    strict, local = _both(learner, ITERATE)
    made = _round_trips(strict.remote[0])
    assert [tuple(p.shape) for p in strict.net.parameters()] == \
        [tuple(p.shape) for p in local.net.parameters()]
    assert made == ["getattr", "call"]                 # net.parameters(), then no `next`s
    assert [type(m).__name__ for m in strict.net] == ["Linear", "ReLU", "Linear"]
    first = next(strict.net.parameters())
    assert first.shape == (3, 2)
    assert [name for name, _ in strict.net.named_parameters()] == \
        [name for name, _ in local.net.named_parameters()]
    check_net = torch.nn.Sequential(torch.nn.Linear(4, 2))  # the other way round
    assert strict.shapes(check_net.parameters()) == [(2, 4), (2,)]


# The two processes share one CPU ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs a platform with CPU affinity and at least two CPUs")
def test_the_learner_moves_to_the_cpu_it_shares_with_the_checks(warm, tmp_path, monkeypatch):
    """They take turns, so one CPU serves both: no cross-CPU wake-up per round trip. Runs
    side by side take different CPUs."""
    from tutor.isolation import learner as learner_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))   # this test's own CPU locks
    monkeypatch.setattr(learner_module, "_CLAIMED", [])
    threads = torch.get_num_threads()
    torch.set_num_threads(2)
    assert learner_module.shared_cpu() is None   # more threads than one CPU: they would spin
    torch.set_num_threads(1)                     # a class-grading run's single thread
    try:
        cpu = learner_module.shared_cpu()
        other = learner_module.shared_cpu()      # as a second run's process would
    finally:
        torch.set_num_threads(threads)
        for fd in learner_module._CLAIMED:
            os.close(fd)
    allowed = sorted(os.sched_getaffinity(0))
    assert cpu == allowed[0] and other == allowed[1]
    scratch = tempfile.mkdtemp(prefix="tutor-strict-")
    if os.geteuid() == 0:
        os.chown(scratch, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
    target = os.path.join(scratch, "learner_code.py")
    pid, sock = fork_learner(target, str(Path(__file__).resolve().parents[2]), scratch, cpu)
    endpoint = Endpoint(sock, target)
    try:
        reply = endpoint.request("load", None, path=target, source=(
            "import os\n\ndef cpus():\n    return sorted(os.sched_getaffinity(0))\n"))
        assert reply["names"]["cpus"]() == [cpu]
    finally:
        sock.close()
        os.waitpid(pid, 0)
        shutil.rmtree(scratch, ignore_errors=True)


# 8. call_each: many calls of a learner function in one round trip -----------------------

EACH = '''
import torch

def out_size(n, k, stride=1):
    if n < k:
        raise ValueError(f"{n} is smaller than the kernel {k}")
    return (n - k) // stride + 1

def uses_zeros(n):
    return torch.zeros(n).shape
'''


def _outcomes(outcomes: list) -> list[tuple[object, str | None, str | None]]:
    return [(o.value, type(o.error).__name__ if o.error else None,
             str(o.error) if o.error else None) for o in outcomes]


def test_call_each_makes_every_call_in_one_round_trip(learner: Load, monkeypatch) -> None:
    from tutor.testing import call_each

    strict, local = _both(learner, EACH)
    endpoint = strict.remote[0]
    sent = []
    request = endpoint._request
    monkeypatch.setattr(endpoint, "_request",
                        lambda op, *a, **k: (sent.append(op), request(op, *a, **k))[1])
    cases = [(9, 3), (4, 5), (10, 2), (7, 7)]
    keywords = [{}, {}, {"stride": 3}, {"stride": 2}]
    got = call_each(strict.out_size, cases, keywords)
    assert len(sent) == 2                      # the runner, then one call making all four
    assert _outcomes(got) == _outcomes(call_each(local.out_size, cases, keywords)) == [
        (7, None, None), (None, "ValueError", "4 is smaller than the kernel 5"),
        (3, None, None), (1, None, None)]
    with pytest.raises(ValueError, match="smaller than the kernel"):
        got[1].get()
    assert got[0].get() == 7


def test_call_each_runs_under_the_checks_rules(learner: Load) -> None:
    from tutor.isolation.session import active_rules
    from tutor.testing import RuleViolation, call_each, forbidden

    strict, local = _both(learner, EACH)
    strict.remote[0].rules = active_rules   # as a grading run's session sends them
    for function in (strict.uses_zeros, local.uses_zeros):
        with forbidden("torch.zeros", rule="Plain Python only."):
            outcome, = call_each(function, [(3,)])
        assert isinstance(outcome.error, RuleViolation)
        assert "torch.zeros" in str(outcome.error)
    assert call_each(strict.uses_zeros, [(2,)])[0].get() == torch.Size([2])   # rule lifted


def test_call_each_rejects_a_malformed_answer(learner: Load, monkeypatch) -> None:
    from tutor.isolation.endpoint import ProtocolViolation
    from tutor.testing import call_each

    strict = learner(EACH)
    # What a tampered runner might answer: fewer outcomes, or one without its flag.
    for forged in ([[True, 1]], [[True, 1], ["yes", 2]]):
        monkeypatch.setattr(strict.remote[0], "request",
                            lambda op, *a, _f=forged, **k: lambda *args: _f)
        with pytest.raises(ProtocolViolation):
            call_each(strict.out_size, [(9, 3), (8, 2)])
