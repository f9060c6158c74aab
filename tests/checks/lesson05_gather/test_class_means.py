"""Checks for lesson05/class_means."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_no_loops,
    assert_tensor,
    describe_call,
    randint,
    randn,
    require_function,
    shapes,
)


def _spec(X, labels, num_classes):
    # The definition, one class at a time: the mean of its rows, zeros if it has none.
    rows = []
    for c in range(num_classes):
        members = X[labels == c]
        rows.append(members.mean(dim=0) if len(members) else X.new_zeros(X.shape[1]))
    return torch.stack(rows) if rows else X.new_zeros(0, X.shape[1])


def _hint(got, X, labels, num_classes):
    # Name a cause only when the numbers show it.
    if not isinstance(got, torch.Tensor) or got.shape != (num_classes, X.shape[1]):
        return None
    sums = _spec(X, labels, num_classes) * torch.bincount(labels, minlength=num_classes) \
        .to(X.dtype).unsqueeze(1)
    if torch.allclose(got.detach(), sums, atol=1e-5):
        return "these are the per-class sums: divide each by its class's count."
    if got.detach().isnan().any():
        return "a class with no rows divides 0 by 0: give empty classes a count of 1 (or 0 rows)."
    return None


def _check(exercise, X, labels, num_classes):
    before = (X.detach().clone(), labels.clone())
    flag = X.requires_grad
    call = describe_call("class_means", X, labels, num_classes)
    got = exercise.class_means(X, labels, num_classes)
    expected = _spec(*before, num_classes)
    assert_tensor(got, call=call, shape=(num_classes, X.shape[1]), dtype=X.dtype,
                  device=X.device, trace=shapes(exercise.class_means, *before, num_classes))
    assert_close(got.detach(), expected, call=call, atol=1e-5, rtol=1e-5,
                 hint=_hint(got, *before, num_classes))
    assert torch.equal(X.detach(), before[0]) and torch.equal(labels, before[1]) and \
        X.requires_grad == flag, (
        f"{call} changed X or labels (values or requires_grad); the contract leaves its inputs unchanged.")
    return got


@pytest.mark.task(1)
def test_small_example(exercise):
    """rows [1, 2], [5, 6] (class 0) and [3, 4], [7, 8] (class 2) give [[3, 4], [0, 0], [5, 6]]"""
    require_function(exercise, "class_means")
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    got = _check(exercise, X, torch.tensor([0, 2, 0, 2]), 3)
    assert got is not X


@pytest.mark.task(1)
@pytest.mark.parametrize("n, d, num_classes", [(1, 1, 1), (7, 3, 2), (20, 5, 6), (50, 1, 9),
                                               (3, 4, 10)])
def test_random_inputs(exercise, rng, device, n, d, num_classes):
    """the mean row of every class on random inputs, on X's device (unused classes give 0)"""
    X = randn(n, d, generator=rng, device=device)
    labels = randint(0, num_classes, n, generator=rng, device=device)
    _check(exercise, X, labels, num_classes)


@pytest.mark.task(1)
def test_empty_input(exercise, device):
    """no rows at all give num_classes rows of zeros"""
    X = torch.zeros(0, 3, device=device)
    _check(exercise, X, torch.zeros(0, dtype=torch.int64, device=device), 4)


@pytest.mark.task(2)
def test_float64_kept(exercise, rng):
    """float64 X gives a float64 result, also with no rows (counts must not turn it into float32)"""
    X = randn(12, 3, generator=rng, dtype=torch.float64)
    _check(exercise, X, randint(0, 4, 12, generator=rng), 4)
    empty = torch.zeros(0, 2, dtype=torch.float64)
    _check(exercise, empty, torch.zeros(0, dtype=torch.int64), 3)


@pytest.mark.task(2)
def test_tensors_made_on_X_device(exercise, rng):
    """every tensor it creates is on X's device (checked with 'meta' as the default device)"""
    X, labels = randn(6, 3, generator=rng), randint(0, 4, 6, generator=rng)
    call = describe_call("class_means", X, labels, 4) + " with torch.device('meta') active"
    hint = ("make new tensors from X (X.new_zeros, torch.zeros_like, device=X.device): "
            "torch.zeros(...) without device= lands on the default device, whatever X is.")
    try:
        with torch.device("meta"):   # a tensor made without device= lands on meta
            got = exercise.class_means(X, labels, 4)
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except RuntimeError as error:
        raise AssertionError(f"{call} raised RuntimeError: {str(error)[:160]}\nHint: {hint}") \
            from None
    assert_tensor(got, call=call, shape=(4, 3), dtype=torch.float32, device="cpu", hint=hint)
    assert_close(got, _spec(X, labels, 4), call=call)


@pytest.mark.task(2)
def test_gradients_reach_X(exercise, rng):
    """gradients flow to X: each row gets 1/count of its class's output gradient"""
    X = randn(10, 3, generator=rng, dtype=torch.float64).requires_grad_()
    labels = randint(0, 4, 10, generator=rng)
    weights = randn(4, 3, generator=rng, dtype=torch.float64)
    call = describe_call("class_means", X, labels, 4)
    got = exercise.class_means(X, labels, 4)
    assert isinstance(got, torch.Tensor) and got.requires_grad, (
        f"{call} returned a result with no autograd history; gradients must reach X.\n"
        "Hint: no .detach(), .item() or torch.tensor(...) on X's values.")
    (got * weights).sum().backward()
    expected = torch.autograd.grad((_spec(X, labels, 4) * weights).sum(), X)[0]
    assert_close(X.grad, expected, call=f"X.grad after {call}", atol=1e-10)


@pytest.mark.task(3)
@pytest.mark.parametrize("x_shape, labels_shape", [
    ((6,), (6,)), ((2, 3, 4), (2,)),            # X not 2-D
    ((6, 2), (6, 1)), ((6, 2), ()),             # labels not 1-D
    ((6, 2), (5,)), ((5, 2), (6,)),             # lengths differ, either way
])
def test_bad_shapes_raise(exercise, x_shape, labels_shape):
    """raises ValueError when X is not (N, D), labels is not (N,), or the N differ"""
    X = torch.zeros(x_shape)
    labels = torch.zeros(labels_shape, dtype=torch.int64)
    call = describe_call("class_means", X, labels, 3)
    try:
        got = exercise.class_means(X, labels, 3)
    except ValueError:
        return
    except NotImplementedError:   # a RuntimeError: 'not started'
        raise
    except (RuntimeError, IndexError) as error:
        raise AssertionError(
            f"{call} raised {type(error).__name__} ({str(error)[:100]}); expected a ValueError "
            "that names the shapes.\nHint: check X.dim() == 2, labels.dim() == 1 and "
            "X.shape[0] == labels.shape[0] before computing.") from None
    shape = tuple(got.shape) if isinstance(got, torch.Tensor) else got
    raise AssertionError(f"{call} returned {shape}; expected a ValueError.\nHint: check "
                         "X.dim() == 2, labels.dim() == 1 and X.shape[0] == labels.shape[0].")


@pytest.mark.task(3)
def test_rule_no_loops(exercise, rng):
    """rule: no Python loops or comprehensions"""
    X, labels = randn(9, 2, generator=rng), randint(0, 3, 9, generator=rng)
    _check(exercise, X, labels, 3)
    assert_no_loops(exercise)


@pytest.mark.task(2)
@pytest.mark.gpu
def test_gpu_matches_cpu(exercise, rng, gpu_device):
    """on a CUDA GPU: the result stays on the GPU and matches the CPU result"""
    X, labels = randn(500, 8, generator=rng), randint(0, 10, 500, generator=rng)
    got = exercise.class_means(X.to(gpu_device), labels.to(gpu_device), 10)
    assert_close(got, _spec(X, labels, 10).to(gpu_device), atol=1e-5, rtol=1e-5,
                 call=describe_call("class_means", X.to(gpu_device), labels.to(gpu_device), 10))
