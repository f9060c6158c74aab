"""Checks for lesson06/linear_sigmoid."""

import pytest
import torch
from torch.autograd.gradcheck import GradcheckError

from tutor.testing import (
    assert_close,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    mistake,
    randn,
    random_shape,
    require_function,
)

F64 = torch.float64


def _inputs(rng, n, d, h, dtype=F64, device="cpu", requires_grad=(True, True, True)):
    tensors = (randn(n, d, generator=rng, dtype=dtype, device=device),
               randn(d, h, generator=rng, dtype=dtype, device=device),
               randn(h, generator=rng, dtype=dtype, device=device))
    return tuple(t.requires_grad_(flag) for t, flag in zip(tensors, requires_grad))


def _plain(x, W, b):
    return torch.sigmoid(x @ W + b)


def _run(exercise, *args):
    """The learner's function; a backward that returns a wrong shape is explained."""
    linear_sigmoid = require_function(exercise, "linear_sigmoid")
    return linear_sigmoid(*args), describe_call("linear_sigmoid", *args)


def _backward(out, inputs, grad_out, call):
    wanted = [t for t in inputs if t.requires_grad]
    try:
        return torch.autograd.grad(out, wanted, grad_outputs=grad_out)
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    except RuntimeError as error:
        message = str(error).splitlines()[0]
        hint = ""
        if "invalid gradient at index" in message:
            hint = ("\nHint: backward returns one gradient per forward input, in order (x, W, "
                    "b), each shaped like its input: grad_z @ W.T (N, D), x.T @ grad_z (D, H), "
                    "grad_z summed over the rows (H,).")
        elif "returned an incorrect number of gradients" in message:
            hint = "\nHint: return exactly three values, (grad_x, grad_W, grad_b)."
        raise AssertionError(f"backward through {call} raised RuntimeError: {message}{hint}") \
            from None


@pytest.mark.task(1)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_forward(exercise, rng, dtype, device):
    """forward returns sigmoid(x @ W + b), shape (N, H), with x's dtype and device"""
    n, d, h = random_shape(rng, 3, 1, 6, names="n, d, h")
    x, W, b = _inputs(rng, n, d, h, dtype=dtype, device=device, requires_grad=(False,) * 3)
    out, call = _run(exercise, x, W, b)
    assert_tensor(out, shape=(n, h), dtype=dtype, device=device, call=call)
    assert_close(out, _plain(x, W, b), call=call)


@pytest.mark.task(1)
def test_forward_leaves_inputs_unchanged(exercise, rng):
    """forward leaves x, W and b as they were (values, requires_grad, .grad)"""
    x, W, b = _inputs(rng, 4, 3, 2)
    with inputs_unchanged(describe_call("linear_sigmoid", x, W, b), x=x, W=W, b=b):
        out, call = _run(exercise, x, W, b)
    assert_close(out, _plain(x, W, b), call=call)


@pytest.mark.task(1)
def test_goes_through_the_function(exercise, rng):
    """the result's grad_fn is the learner's LinearSigmoidBackward node"""
    x, W, b = _inputs(rng, 3, 2, 4)
    out, call = _run(exercise, x, W, b)
    assert_tensor(out, shape=(3, 4), call=call)
    name = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    assert name == "LinearSigmoidBackward", (
        f"{call} returned a tensor whose grad_fn is {name}; expected LinearSigmoidBackward.\n"
        "Hint: linear_sigmoid must return LinearSigmoid.apply(x, W, b); computing "
        "torch.sigmoid(x @ W + b) directly uses autograd's own backward, not yours.")


@pytest.mark.task(1)
def test_meta_device(exercise):
    """creates nothing on the wrong device: meta inputs give a meta result"""
    x, W, b = (torch.empty(*s, device="meta", dtype=F64) for s in ((4, 3), (3, 2), (2,)))
    out, call = _run(exercise, x, W, b)
    assert_tensor(out, shape=(4, 2), dtype=F64, device="meta", call=call)


@pytest.mark.task(2)
@pytest.mark.parametrize("n, d, h", [(4, 3, 2), (1, 5, 1), (6, 1, 3)])
def test_gradcheck(exercise, rng, n, d, h):
    """passes torch.autograd.gradcheck in float64 (backward agrees with finite differences)"""
    inputs = _inputs(rng, n, d, h)
    out, call = _run(exercise, *inputs)
    _backward(out, inputs, torch.ones_like(out), call)        # shape errors, explained first
    linear_sigmoid = require_function(exercise, "linear_sigmoid")
    try:
        torch.autograd.gradcheck(linear_sigmoid, inputs, eps=1e-6, atol=1e-8, rtol=1e-6)
    except GradcheckError as error:
        lines = str(error).splitlines()
        raise AssertionError(
            f"torch.autograd.gradcheck({call}) failed: {lines[0]}\nHint: check each gradient: "
            "grad_z = grad_y * y * (1 - y) (the sigmoid's slope, from the saved output), then "
            "grad_x = grad_z @ W.T, grad_W = x.T @ grad_z, grad_b = grad_z.sum(dim=0).") \
            from None


@pytest.mark.task(2)
def test_matches_autograd(exercise, rng):
    """its gradients for x, W and b equal autograd's for a random grad_output"""
    inputs = _inputs(rng, 5, 4, 3)
    out, call = _run(exercise, *inputs)
    assert_tensor(out, shape=(5, 3), dtype=F64, call=call)
    grad_out = randn(5, 3, generator=rng, dtype=F64)
    got = _backward(out, inputs, grad_out, call)
    want = torch.autograd.grad(_plain(*inputs), inputs, grad_outputs=grad_out)
    for name, g, w in zip(("x", "W", "b"), got, want):
        assert_close(g, w, atol=1e-12, rtol=1e-10, call=f"the gradient for {name} from {call}")


@pytest.mark.task(2)
def test_backward_returns_input_shapes(exercise, rng):
    """backward itself returns (grad_x, grad_W, grad_b) shaped (N, D), (D, H), (H,), in x's dtype"""
    inputs = _inputs(rng, 5, 4, 3)
    out, call = _run(exercise, *inputs)
    assert_tensor(out, shape=(5, 3), dtype=F64, call=call)
    assert out.grad_fn is not None, f"{call} returned a tensor with no grad_fn."
    grad_out = randn(5, 3, generator=rng, dtype=F64)
    try:
        raw = out.grad_fn.apply(grad_out)   # the learner's backward, before autograd's checks
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    backward = f"LinearSigmoid.backward(ctx, grad_y) after {call}"
    raw = raw if isinstance(raw, tuple) else (raw,)
    assert len(raw) == 3, (f"{backward} returned {len(raw)} value(s); expected three, "
                           "(grad_x, grad_W, grad_b).")
    for name, g, t in zip(("grad_x", "grad_W", "grad_b"), raw, inputs):
        assert g is not None, (f"{backward} returned None as {name}, but that input requires "
                               "grad (ctx.needs_input_grad is True for it).")
        assert_tensor(g, shape=tuple(t.shape), dtype=F64, call=f"{backward}, {name},",
                      hint="autograd quietly sums a gradient of shape (1, H) down to b's (H,), "
                           "but the contract is one gradient shaped exactly like its input: "
                           "sum grad_z over the rows without keepdim."
                      if name == "grad_b" and tuple(g.shape) == (1, 3) else None)


@pytest.mark.task(2)
@pytest.mark.parametrize("which", [0, 1, 2])
def test_one_input_requires_grad(exercise, rng, which):
    """works when only one of x, W, b requires grad (the others are constants)"""
    flags = tuple(i == which for i in range(3))
    inputs = _inputs(rng, 3, 4, 2, requires_grad=flags)
    out, call = _run(exercise, *inputs)
    assert_tensor(out, shape=(3, 2), dtype=F64, call=call)
    (got,) = _backward(out, inputs, torch.ones_like(out), call)
    plain = [t.detach().requires_grad_(f) for t, f in zip(inputs, flags)]
    (want,) = torch.autograd.grad(_plain(*plain).sum(), [plain[which]])
    assert_close(got, want, atol=1e-12, rtol=1e-10,
                 call=f"the gradient for {('x', 'W', 'b')[which]} from {call}")


@pytest.mark.task(3)
def test_saved_tensors_are_protected(exercise, rng):
    """an input changed in place after forward: backward raises, or still uses the saved values"""
    x0, W, b = _inputs(rng, 4, 3, 2)
    x = x0 * 1.0                                   # a non-leaf, so it may be changed in place
    out, call = _run(exercise, x, W, b)
    assert_tensor(out, shape=(4, 2), dtype=F64, call=call)
    want = torch.autograd.grad(_plain(x0, W, b).sum(), [W])[0]
    with torch.no_grad():
        x.mul_(3.0)                                # after forward, before backward
    try:
        (got,) = torch.autograd.grad(out.sum(), [W])
    except NotImplementedError:
        raise  # the untouched stub: reported as "not started"
    except RuntimeError as error:
        if "modified by an inplace operation" in str(error):
            return                                 # save_for_backward noticed the change
        raise AssertionError(f"backward through {call} raised RuntimeError: "
                             f"{str(error).splitlines()[0]}") from None
    hint = None
    y = out.detach()
    with_new_x = x.detach().T @ (y * (1 - y))          # x.T @ grad_z, read from the changed x
    if got.shape == with_new_x.shape and torch.allclose(got, with_new_x):
        hint = ("tensors kept as ctx attributes (ctx.x = x) are not protected: backward "
                "silently used the changed x. Save them with ctx.save_for_backward(x, W, y) and "
                "read ctx.saved_tensors: autograd then refuses a changed tensor.")
    assert_close(got, want, atol=1e-12, rtol=1e-10,
                 call=f"the gradient for W from {call}, after x was changed in place,",
                 hint=hint,
                 mistakes=[mistake("used the changed input", lambda: 3.0 * want,
                                   "these are the gradients for the changed x (3 times the "
                                   "original): backward read x after the change.")])


@pytest.mark.gpu
def test_cuda(exercise, rng, gpu_device):
    """on CUDA: a CUDA result, and gradients equal to the CPU ones"""
    inputs = _inputs(rng, 6, 5, 4)
    cuda_inputs = tuple(t.detach().to(gpu_device).requires_grad_() for t in inputs)
    out, call = _run(exercise, *cuda_inputs)
    assert_tensor(out, shape=(6, 4), dtype=F64, device=gpu_device, call=call)
    got = _backward(out, cuda_inputs, torch.ones_like(out), call)
    want = torch.autograd.grad(_plain(*inputs).sum(), inputs)
    for name, g, w in zip(("x", "W", "b"), got, want):
        assert_tensor(g, device=gpu_device, call=f"the gradient for {name} from {call}")
        assert_close(g.cpu(), w, atol=1e-12, rtol=1e-10, call=f"the gradient for {name}")
