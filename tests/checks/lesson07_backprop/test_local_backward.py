"""Checks for lesson07/local_backward (relu_backward and softmax_ce_backward)."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    RuleViolation,
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    no_autograd,
    randint,
    randn,
    random_shape,
    repeats,
    require_function,
)

F64 = torch.float64
RULE = "Write the local gradient by hand: it is the point of this exercise."


def _relu(exercise, d_a, z):
    relu_backward = require_function(exercise, "relu_backward")
    with no_autograd(RULE):
        return relu_backward(d_a, z), describe_call("relu_backward", d_a, z)


def _softmax_ce(exercise, logits, labels):
    softmax_ce_backward = require_function(exercise, "softmax_ce_backward")
    with no_autograd(RULE):
        return (softmax_ce_backward(logits, labels),
                describe_call("softmax_ce_backward", logits, labels))


def _relu_inputs(rng, shape, dtype=F64, device="cpu"):
    """d_a and z, with some entries of z exactly 0 (where ReLU passes no gradient)."""
    d_a = randn(*shape, generator=rng, dtype=dtype, device=device)
    z = randn(*shape, generator=rng, dtype=dtype, device=device)
    z[..., ::3] = 0.0
    return d_a, z


def _relu_reference(d_a, z):
    leaf = z.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(torch.relu(leaf), leaf, grad_outputs=d_a)
    return grad


def _ce_reference(logits, labels):
    leaf = logits.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(F.cross_entropy(leaf, labels), leaf)
    return grad


def _ce_hint(got, want, n):
    """Name the classic mistakes when the numbers show them."""
    if not isinstance(got, torch.Tensor) or got.shape != want.shape or n < 2:
        return None
    got, want = got.detach().double().cpu(), want.double().cpu()
    if torch.allclose(got, n * want, atol=1e-9):
        return f"your gradient is {n}× too big: the loss is a mean over N = {n} rows, so divide by N."
    if torch.allclose(got, -want, atol=1e-9):
        return "the sign is flipped: it is p − y (probabilities minus one-hot), not y − p."
    if torch.allclose(got, want * n * n, atol=1e-9) or torch.allclose(got, want / n, atol=1e-12):
        return "divide by N exactly once."
    return None


def _raises_value_error(function, args, call):
    """True when the call raises ValueError; any other error becomes a clear failure."""
    try:
        with no_autograd(RULE):
            function(*args)
    except ValueError:
        return True
    except (RuleViolation, NotImplementedError):
        raise  # a broken rule, or the untouched stub ("not started")
    except Exception as error:  # noqa: BLE001 - any other error is the learner's bug
        raise AssertionError(f"{call} raised {type(error).__name__}: "
                             f"{str(error).splitlines()[0]}; expected ValueError.") from None
    return False


def _on_meta(run, call):
    """Run a call on meta tensors; a device mix-up becomes a failure that says so."""
    try:
        return run()
    except (RuntimeError, NotImplementedError) as error:
        if isinstance(error, NotImplementedError) and "meta" not in str(error).lower():
            raise  # the untouched stub: reported as "not started"
        raise AssertionError(
            f"{call} (inputs on the meta device) raised {type(error).__name__}: "
            f"{str(error).splitlines()[0]}\nHint: a tensor created without device= lands on "
            "the CPU (torch.eye(C), torch.arange(C), torch.zeros(shape)); mixed with the inputs "
            "it fails on a GPU. Create it on the inputs' device (device=x.device, zeros_like, "
            "F.one_hot(labels, C)).") from None


def _assert_unchanged(tensors, call):
    for label, (now, before) in tensors.items():
        assert torch.equal(now, before), (
            f"after {call}, {label} has changed.\nHint: build a new tensor (d_a * mask, "
            "torch.where, p - y) instead of writing into an input (d_a[...] = 0, -=, mul_).")


@pytest.mark.task(1)
def test_relu_small_example(exercise):
    """relu_backward([[1, 2, 3]], z=[[-1, 0, 5]]) is [[0, 0, 3]]: no gradient where z <= 0"""
    d_a, z = torch.tensor([[1.0, 2.0, 3.0]]), torch.tensor([[-1.0, 0.0, 5.0]])
    got, call = _relu(exercise, d_a, z)
    hint = None
    if isinstance(got, torch.Tensor) and torch.equal(got, torch.tensor([[0.0, 2.0, 3.0]])):
        hint = "at z = 0 exactly, ReLU passes no gradient (PyTorch's slope there is 0): z > 0."
    assert_close(got, torch.tensor([[0.0, 0.0, 3.0]]), call=call, hint=hint)


@pytest.mark.task(1)
def test_relu_matches_autograd(exercise, rng):
    """matches autograd's ReLU backward on random shapes, zeros in z included"""
    for ndim in (2, 2, 3):
        d_a, z = _relu_inputs(rng, random_shape(rng, ndim, 1, 7))
        got, call = _relu(exercise, d_a, z)
        assert_close(got, _relu_reference(d_a, z), atol=0, rtol=0, call=call,
                     hint="multiply d_a by the slope: 1 where z > 0, else 0. The slope "
                          "depends on z, the ReLU's input, not on d_a.")


@pytest.mark.task(1)
@pytest.mark.parametrize("which", ["d_a", "z"])
def test_relu_rejects_shape_mismatch(exercise, rng, which):
    """raises ValueError when d_a and z differ in shape, whichever is off (no silent broadcasting)"""
    n, h = random_shape(rng, 2, 2, 6, names="n, h")
    d_a, z = randn(n, h, generator=rng, dtype=F64), randn(n, h, generator=rng, dtype=F64)
    shapes = [(n, 1), (h,), (n, h + 1)]
    for shape in shapes:
        bad = randn(*shape, generator=rng, dtype=F64)
        args = (bad, z) if which == "d_a" else (d_a, bad)
        call = describe_call("relu_backward", *args)
        relu_backward = require_function(exercise, "relu_backward")
        if _raises_value_error(relu_backward, args, call):
            continue
        raise AssertionError(
            f"{call} returned a result; expected ValueError: {which} has shape {shape}, the "
            f"other ({n}, {h}).\nHint: broadcasting would silently stretch one of them. "
            "Compare d_a.shape with z.shape first.")


@pytest.mark.task(3)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_relu_dtype_and_device(exercise, rng, dtype, device):
    """keeps d_a's dtype and device (float32 and float64)"""
    d_a, z = _relu_inputs(rng, (3, 4), dtype=dtype, device=device)
    got, call = _relu(exercise, d_a, z)
    assert_tensor(got, shape=(3, 4), dtype=dtype, device=device, call=call,
                  hint="a new tensor made with torch.zeros(shape) is float32 and on the CPU; "
                       "multiply d_a by a mask, or use torch.zeros_like(d_a).")
    assert_close(got, _relu_reference(d_a, z), call=call)


@pytest.mark.task(3)
def test_relu_meta_device(exercise, rng):
    """creates nothing on the wrong device: meta inputs give a meta result"""
    d_a, z = torch.empty(4, 5, device="meta", dtype=F64), torch.empty(4, 5, device="meta",
                                                                       dtype=F64)
    got, call = _on_meta(lambda: _relu(exercise, d_a, z), describe_call("relu_backward", d_a, z))
    assert_tensor(got, shape=(4, 5), dtype=F64, device="meta", call=call,
                  hint="every tensor you create must be on z's device: torch.zeros_like(z), "
                       "or a mask computed from z itself.")


@pytest.mark.task(3)
def test_relu_inputs_unchanged(exercise, rng):
    """leaves d_a and z as they were and returns a new tensor"""
    d_a, z = _relu_inputs(rng, (5, 3))
    before = {"d_a": (d_a, d_a.clone()), "z": (z, z.clone())}
    got, call = _relu(exercise, d_a, z)
    _assert_unchanged(before, call)
    assert got is not d_a and got is not z, f"{call} returned one of its inputs."


@pytest.mark.task(2)
def test_softmax_ce_small_example(exercise):
    """two rows of zero logits, labels [0, 1]: [[-0.25, 0.25], [0.25, -0.25]]"""
    logits, labels = torch.zeros(2, 2), torch.tensor([0, 1])
    got, call = _softmax_ce(exercise, logits, labels)
    want = torch.tensor([[-0.25, 0.25], [0.25, -0.25]])
    assert_close(got, want, call=call, hint=_ce_hint(got, want, 2))


@pytest.mark.task(2)
def test_softmax_ce_matches_autograd(exercise, rng):
    """matches autograd's gradient of F.cross_entropy (the mean) on random logits"""
    for _ in range(repeats(3)):
        n, c = random_shape(rng, 2, 2, 9, names="n, c")
        logits = 3 * randn(n, c, generator=rng, dtype=F64)
        labels = randint(0, c, n, generator=rng)
        got, call = _softmax_ce(exercise, logits, labels)
        want = _ce_reference(logits, labels)
        assert_close(got, want, atol=1e-12, rtol=1e-9, call=call, hint=_ce_hint(got, want, n))


@pytest.mark.task(2)
def test_softmax_ce_huge_logits(exercise, rng):
    """stays finite and right for logits as large as 1e4"""
    logits = 1e4 * randn(4, 3, generator=rng, dtype=F64)
    labels = randint(0, 3, 4, generator=rng)
    got, call = _softmax_ce(exercise, logits, labels)
    assert_close(got, _ce_reference(logits, labels), atol=1e-12, call=call,
                 hint="exp(1e4) is inf: subtract each row's max before exp (torch.softmax "
                      "does this for you).")


@pytest.mark.task(3)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_softmax_ce_dtype_and_device(exercise, rng, dtype, device):
    """keeps logits' dtype and device (float32 and float64)"""
    logits = randn(5, 4, generator=rng, dtype=dtype, device=device)
    labels = randint(0, 4, 5, generator=rng, device=device)
    got, call = _softmax_ce(exercise, logits, labels)
    assert_tensor(got, shape=(5, 4), dtype=dtype, device=device, call=call,
                  hint="a one-hot made from int64 labels is int64 (F.one_hot) or float32 "
                       "(torch.eye): convert it with .to(logits.dtype).")
    assert_close(got, _ce_reference(logits, labels), atol=1e-6, call=call)


@pytest.mark.task(3)
def test_softmax_ce_meta_device(exercise):
    """creates its one-hot on the logits' device: meta inputs give a meta result"""
    logits = torch.empty(6, 4, device="meta", dtype=F64)
    labels = torch.empty(6, device="meta", dtype=torch.int64)
    got, call = _on_meta(lambda: _softmax_ce(exercise, logits, labels),
                         describe_call("softmax_ce_backward", logits, labels))
    assert_tensor(got, shape=(6, 4), dtype=F64, device="meta", call=call,
                  hint="a tensor created without device= lands on the CPU: create the "
                       "one-hot on the logits' device.")


@pytest.mark.task(3)
@pytest.mark.parametrize("case", ["logits 1-D", "logits 3-D", "labels (N, 1)",
                                  "labels too short"])
def test_softmax_ce_rejects_bad_shapes(exercise, rng, case):
    """raises ValueError for logits that are not (N, C) and for labels that are not (N,)"""
    n, c = random_shape(rng, 2, 2, 6, names="n, c")
    logits, labels = randn(n, c, generator=rng, dtype=F64), randint(0, c, n, generator=rng)
    if case == "logits 1-D":
        logits = logits[0]
    elif case == "logits 3-D":
        logits = logits[None].expand(2, n, c).clone()
    elif case == "labels (N, 1)":
        labels = labels[:, None]
    else:
        labels = labels[:-1]
    call = describe_call("softmax_ce_backward", logits, labels)
    softmax_ce_backward = require_function(exercise, "softmax_ce_backward")
    if _raises_value_error(softmax_ce_backward, (logits, labels), call):
        return
    raise AssertionError(f"{call} returned a result; expected ValueError ({case}).\nHint: "
                         "check logits.dim() == 2 and labels.shape == (N,) before computing.")


@pytest.mark.task(3)
def test_softmax_ce_inputs_unchanged(exercise, rng):
    """leaves logits and labels as they were"""
    logits = 5 * randn(4, 3, generator=rng, dtype=F64)
    labels = randint(0, 3, 4, generator=rng)
    before = {"logits": (logits, logits.clone()), "labels": (labels, labels.clone())}
    got, call = _softmax_ce(exercise, logits, labels)
    _assert_unchanged(before, call)
    assert got is not logits, f"{call} returned its input logits."


@pytest.mark.task(4)
def test_rules(exercise, rng):
    """Rule: no autograd and no Python loops (whole-tensor operations only)"""
    assert_no_loops(exercise)
    d_a, z = _relu_inputs(rng, (3, 3))
    got, call = _relu(exercise, d_a, z)
    assert_close(got, _relu_reference(d_a, z), call=call)
    logits, labels = randn(3, 4, generator=rng, dtype=F64), randint(0, 4, 3, generator=rng)
    got, call = _softmax_ce(exercise, logits, labels)
    assert_close(got, _ce_reference(logits, labels), atol=1e-12, call=call)


@pytest.mark.gpu
def test_cuda_matches_cpu(exercise, rng, gpu_device):
    """CUDA inputs give CUDA gradients equal to the CPU ones"""
    d_a, z = _relu_inputs(rng, (6, 5))
    got, call = _relu(exercise, d_a.to(gpu_device), z.to(gpu_device))
    assert_tensor(got, shape=(6, 5), dtype=F64, device=gpu_device, call=call)
    assert_close(got.cpu(), _relu_reference(d_a, z), atol=0, rtol=0, call=call)
    logits, labels = randn(7, 5, generator=rng, dtype=F64), randint(0, 5, 7, generator=rng)
    got, call = _softmax_ce(exercise, logits.to(gpu_device), labels.to(gpu_device))
    assert_tensor(got, shape=(7, 5), dtype=F64, device=gpu_device, call=call)
    assert_close(got.cpu(), _ce_reference(logits, labels), atol=1e-12, call=call)
