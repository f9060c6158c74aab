"""Checks for lesson13/binary_cross_entropy.

The reference is F.binary_cross_entropy on the clipped probabilities, computed before the
learner's code runs.
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
    require_function,
)

FORBIDDEN = ("torch.nn.functional.binary_cross_entropy",
             "torch.nn.functional.binary_cross_entropy_with_logits",
             "torch.binary_cross_entropy_with_logits")
RULE = "Write the two log terms yourself."


def _reference(p, y, eps=1e-7):
    return F.binary_cross_entropy(p.detach().clamp(eps, 1 - eps), y.detach())


def _probs(rng, *shape, dtype=torch.float32, device="cpu"):
    return torch.sigmoid(randn(*shape, generator=rng, dtype=dtype, device=device) * 2)


def _labels(rng, *shape, dtype=torch.float32, device="cpu"):
    return torch.randint(0, 2, shape, generator=rng).to(dtype=dtype, device=device)


def _hint(got, p, y, eps):
    """A likely cause, only when the evidence points at it."""
    if not isinstance(got, torch.Tensor) or got.dtype != p.dtype or got.device != p.device:
        return None                   # assert_close names shape, dtype and device itself
    if got.dim() != 0 or p.numel() < 2:
        return None
    g = got.detach().to("cpu", torch.float64)
    pc, yc = p.detach().cpu().double(), y.detach().cpu().double()
    if not bool(torch.isfinite(g)) and bool(((pc == 0) | (pc == 1)).any()):
        return ("p holds an exact 0 or 1: log(0) = -inf (and 0·(-inf) = nan). Clip p to "
                "[eps, 1 - eps] before taking the logs.")
    swapped = _reference(y, p, eps).to("cpu", torch.float64)      # in the inputs' dtype
    if torch.allclose(g, swapped, rtol=1e-4):
        return ("that is the loss with the arguments swapped: the prediction p comes first, "
                "the target y second, as in every PyTorch loss (input, target).")
    terms = -(yc * pc.clamp(eps, 1 - eps).log() + (1 - yc) * (1 - pc.clamp(eps, 1 - eps)).log())
    if torch.allclose(g, terms.sum(), rtol=1e-4):
        return "that is the sum over the elements: the loss is their mean."
    if torch.allclose(g, -terms.mean(), rtol=1e-4):
        return "the sign is flipped: the loss is MINUS the mean of the log terms (it is >= 0)."
    return None


def _check(exercise, p, y, *eps, atol=1e-6, rtol=1e-5):
    binary_cross_entropy = require_function(exercise, "binary_cross_entropy")
    expected = _reference(p, y, *eps)
    got = binary_cross_entropy(p, y, *eps)
    assert_close(got, expected, call=describe_call("binary_cross_entropy", p, y, *eps),
                 atol=atol, rtol=rtol, hint=_hint(got, p, y, *(eps or (1e-7,))))
    return got


@pytest.mark.task(1)
def test_small_example(exercise):
    """binary_cross_entropy([0.9, 0.2, 0.6], [1., 0., 1.]) is 0.2798"""
    _check(exercise, torch.tensor([0.9, 0.2, 0.6]), torch.tensor([1.0, 0.0, 1.0]))


@pytest.mark.task(1)
@pytest.mark.parametrize("shape", [(1,), (9,), (7, 1), (5, 3)], ids=str)
def test_matches_torch(exercise, rng, device, shape):
    """matches F.binary_cross_entropy on random batches of any shape (a 0-d mean)"""
    _check(exercise, _probs(rng, *shape, device=device), _labels(rng, *shape, device=device))


@pytest.mark.task(1)
def test_soft_targets(exercise, rng):
    """targets between 0 and 1 (soft labels) use both log terms"""
    p, y = _probs(rng, 12), torch.rand(12, generator=rng)
    _check(exercise, p, y)


@pytest.mark.task(1)
def test_float64_and_noncontiguous(exercise, rng):
    """float64 inputs give a float64 loss; non-contiguous inputs work"""
    p = noncontiguous(_probs(rng, 4, 6, dtype=torch.float64))
    y = noncontiguous(_labels(rng, 4, 6, dtype=torch.float64))
    _check(exercise, p, y, atol=1e-12, rtol=1e-10)


@pytest.mark.task(2)
def test_prediction_first(exercise, rng):
    """the prediction comes first: bce(p, y) is not bce(y, p)"""
    p, y = _probs(rng, 10), _labels(rng, 10)
    y[0], y[1] = 0.0, 1.0                         # both classes present
    _check(exercise, p, y)


@pytest.mark.task(3)
@pytest.mark.parametrize("eps", [1e-7, 1e-4, 0.05])
def test_clips_exact_zero_and_one(exercise, rng, eps):
    """p = 0 and p = 1 give the finite loss of p clipped to [eps, 1 - eps]"""
    p = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0], dtype=torch.float64)
    order = torch.randperm(5, generator=rng)
    _check(exercise, p[order], y[order], eps, atol=1e-6, rtol=1e-6)


@pytest.mark.task(3)
def test_default_eps(exercise):
    """without eps: p = 0 against y = 1 costs -log(1e-7) = 16.118 per element"""
    p = torch.tensor([0.0, 1.0], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0], dtype=torch.float64)
    _check(exercise, p, y, atol=1e-6, rtol=1e-6)


@pytest.mark.task(4)
@pytest.mark.parametrize("p_shape, y_shape", [((6, 1), (6,)), ((6,), (6, 1)), ((6,), (5,)),
                                              ((5,), (6,)), ((2, 3), (3, 2))], ids=str)
def test_shape_mismatch_raises(exercise, rng, expect_error, p_shape, y_shape):
    """p and y of different shapes raise ValueError, whichever is the odd one"""
    p, y = _probs(rng, *p_shape), _labels(rng, *y_shape)
    expect_error(require_function(exercise, "binary_cross_entropy"), p, y,
                 call=describe_call("binary_cross_entropy", p, y),
                 why=f"shapes {p_shape} and {y_shape} differ. (N, 1) against (N,) broadcasts "
                     "to (N, N) and compares every prediction with every target.\nHint: "
                     "compare p.shape with y.shape; do not squeeze or reshape either one.",
                 fix="compare p.shape with y.shape first and raise ValueError yourself.")


@pytest.mark.task(4)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64], ids=["float32", "float64"])
def test_device_and_dtype(exercise, meta_call, dtype):
    """a 0-d loss in p's dtype on p's device (checked on the data-free 'meta' device)"""
    p = torch.empty(4, 3, dtype=dtype, device="meta")
    y = torch.empty(4, 3, dtype=dtype, device="meta")
    call = describe_call("binary_cross_entropy", p, y)
    got = meta_call(call, require_function(exercise, "binary_cross_entropy"), p, y)
    assert_tensor(got, call=call, shape=(),
                  hint="the loss is one number: the mean over every element, shape ().")
    assert_tensor(got, call=call,
                  dtype=dtype, device="meta",
                  hint="build everything from p and y with tensor operations; a tensor made "
                       "with torch.tensor(...) or torch.ones(...) sits on the CPU in float32.")


@pytest.mark.task(4)
def test_gradient(exercise, rng):
    """the loss keeps the graph: its gradient with respect to p matches torch's"""
    p = _probs(rng, 8).requires_grad_()
    y = _labels(rng, 8)
    ref_p = p.detach().clone().requires_grad_()
    F.binary_cross_entropy(ref_p.clamp(1e-7, 1 - 1e-7), y).backward()
    loss = _check(exercise, p, y)
    call = describe_call("binary_cross_entropy", p, y)
    assert loss.requires_grad, (f"{call} returned a loss cut off from p (requires_grad is "
                                "False).\nHint: no .item(), .detach() or torch.tensor(...) "
                                "around the result.")
    loss.backward()
    assert_close(p.grad, ref_p.grad, call=f"the gradient of {call} with respect to p",
                 atol=1e-6, rtol=1e-5)


@pytest.mark.task(4)
def test_inputs_unchanged(exercise, rng):
    """p and y keep their values (a clamp_ in place would change p) and their autograd state"""
    p = torch.cat([torch.tensor([0.0, 1.0]), _probs(rng, 4)]).requires_grad_()
    y = torch.cat([torch.tensor([1.0, 0.0]), _labels(rng, 4)])
    p_before, y_before = p.detach().clone(), y.clone()
    call = describe_call("binary_cross_entropy", p, y)
    require_function(exercise, "binary_cross_entropy")(p, y)
    assert torch.equal(p.detach(), p_before) and torch.equal(y, y_before), (
        f"{call} changed its inputs in place.\nHint: clamp_, mul_, += and x[...] = v write "
        "into the caller's tensors; use p.clamp(eps, 1 - eps), which returns a new tensor.")
    assert p.requires_grad and p.grad is None and not y.requires_grad, (
        f"{call} changed the inputs' autograd state; leave requires_grad and .grad alone.")


@pytest.mark.task(4)
def test_rule_no_library_bce(exercise, rng):
    """rule: no F.binary_cross_entropy / nn.BCELoss (or the with-logits versions)"""
    p, y = _probs(rng, 7), _labels(rng, 7)
    expected = _reference(p, y)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = require_function(exercise, "binary_cross_entropy")(p, y)
    assert_close(got, expected, call=describe_call("binary_cross_entropy", p, y), atol=1e-6)


@pytest.mark.gpu
@pytest.mark.task(4)
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on CUDA: the loss stays on the GPU and matches the CPU value"""
    p, y = _probs(rng, 256, 3), torch.rand(256, 3, generator=rng)
    p[0, 0], p[1, 1] = 0.0, 1.0
    got = require_function(exercise, "binary_cross_entropy")(p.to(gpu_device), y.to(gpu_device))
    assert_close(got, _reference(p, y).to(gpu_device),
                 call=describe_call("binary_cross_entropy", p.to(gpu_device), y.to(gpu_device)),
                 atol=1e-5, rtol=1e-5)
