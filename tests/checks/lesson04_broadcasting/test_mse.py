"""Checks for lesson04/mse."""

import pytest
import torch

from tutor.testing import (
    RuleViolation,
    assert_close,
    describe,
    describe_call,
    forbidden,
    inputs_unchanged,
    randn,
    require_function,
)

RULE = "Write the mean of squared differences yourself, with the shapes checked first."
FORBIDDEN = ("torch.nn.functional.mse_loss",)
BROADCAST_HINT = ("(N, 1) - (N,) broadcasts to (N, N) and compares every prediction with "
                  "every target. Bring both to (N,) first, e.g. y_hat[:, 0] for an (N, 1) input.")


def _spec(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A plain-loop spec: the mean over i of (y_hat[i] - y[i])**2."""
    a, b = y_hat.detach().reshape(-1), y.detach().reshape(-1)
    total = sum(float(a[i] - b[i]) ** 2 for i in range(a.shape[0]))
    return torch.tensor(total / a.shape[0], dtype=y_hat.dtype, device=y_hat.device)


def _hint(got, y_hat, y):
    if not isinstance(got, torch.Tensor) or got.dim() != 0:
        return ("return the mean as a 0-d tensor (a single number), e.g. with .mean()."
                if isinstance(got, torch.Tensor) else None)
    n = y_hat.shape[0]
    wrong = ((y_hat.reshape(-1, 1) - y.reshape(1, -1)) ** 2).mean()
    if n > 1 and torch.allclose(got.detach(), wrong.detach(), rtol=1e-5):
        return BROADCAST_HINT
    total = ((y_hat.reshape(-1) - y.reshape(-1)) ** 2).sum()
    if n > 1 and torch.allclose(got.detach(), total.detach(), rtol=1e-5):
        return "that is the sum of the squared errors: divide by N (use .mean())."
    return None


def _check(fn, y_hat, y, expected=None):
    expected = _spec(y_hat, y) if expected is None else expected
    got = fn(y_hat, y)
    assert_close(got, expected, call=describe_call("mse", y_hat, y), atol=1e-6, rtol=1e-5,
                 hint=_hint(got, y_hat, y))
    return got


def _check_raises(fn, y_hat, y, why):
    call = describe_call("mse", y_hat, y)
    try:
        got = fn(y_hat, y)
    except ValueError:
        return
    except (NotImplementedError, RuleViolation):
        raise
    except Exception as error:
        raise AssertionError(f"{call} raised {type(error).__name__}: {error}; expected "
                             f"ValueError ({why}).\nHint: check the shapes first and raise "
                             "ValueError yourself.") from None
    raise AssertionError(f"{call} returned {describe(got)}; expected ValueError, because "
                         f"{why}.\nHint: accept only (N,) and (N, 1), and compare the "
                         "lengths; a bare .squeeze() or reshape(-1) lets wrong shapes through.")


def test_small_example(exercise):
    """mse([[1], [2], [3]], [1, 2, 5]) is 4/3 = 1.3333, not the (3, 3) broadcast mean"""
    mse = require_function(exercise, "mse")
    y_hat, y = torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([1.0, 2.0, 5.0])
    _check(mse, y_hat, y, expected=torch.tensor(4.0 / 3.0))


@pytest.mark.parametrize("hat_col, y_col", [(False, False), (True, False), (False, True),
                                            (True, True)])
def test_shape_mixes(exercise, rng, device, hat_col, y_col):
    """any mix of (N,) and (N, 1) gives the same 0-d mean, on the inputs' device"""
    y_hat, y = randn(6, generator=rng, device=device), randn(6, generator=rng, device=device)
    args = (y_hat[:, None] if hat_col else y_hat, y[:, None] if y_col else y)
    _check(exercise.mse, *args)


@pytest.mark.parametrize("hat_shape, y_shape", [((5, 1), (5,)), ((5,), (5, 1)), ((5,), (5,)),
                                              ((5, 1), (5, 1))])
def test_keeps_float64(exercise, rng, device, hat_shape, y_shape):
    """float64 inputs give a float64 result, for every mix of (N,) and (N, 1)"""
    y_hat = randn(*hat_shape, generator=rng, dtype=torch.float64, device=device)
    y = randn(*y_shape, generator=rng, dtype=torch.float64, device=device)
    _check(exercise.mse, y_hat, y)


@pytest.mark.parametrize("shapes", [((1, 1), (1,)), ((1,), (1, 1)), ((1, 1), (1, 1))])
def test_one_sample(exercise, rng, shapes):
    """N = 1 works: (1, 1) and (1,) in any mix give a 0-d result"""
    y_hat = randn(*shapes[0], generator=rng)
    y = randn(*shapes[1], generator=rng)
    _check(exercise.mse, y_hat, y)


@pytest.mark.parametrize("hat_shape, y_shape, why", [
    ((4, 2), (4,), "(4, 2) is not (N,) or (N, 1)"),
    ((1, 4), (4,), "(1, 4) is one row of 4 columns, not 4 samples"),
    ((), (), "a 0-d tensor holds no samples axis"),
    ((3, 1, 1), (3,), "a 3-d tensor is not (N,) or (N, 1)"),
    ((5,), (4,), "5 predictions and 4 targets"),
    ((5, 1), (4, 1), "5 predictions and 4 targets"),
    # the same mistakes in the targets: every argument is validated, not only y_hat
    ((4,), (4, 2), "(4, 2) is not (N,) or (N, 1)"),
    ((4,), (1, 4), "(1, 4) is one row of 4 columns, not 4 samples"),
    ((3,), (3, 1, 1), "a 3-d tensor is not (N,) or (N, 1)"),
    ((4, 1), (5,), "4 predictions and 5 targets"),
])
def test_rejects_bad_shapes(exercise, rng, hat_shape, y_shape, why):
    """raises ValueError for shapes other than (N,) / (N, 1), and for different N"""
    y_hat, y = randn(*hat_shape, generator=rng), randn(*y_shape, generator=rng)
    _check_raises(exercise.mse, y_hat, y, why)


def test_gradient_flows(exercise, rng):
    """the loss can be backpropagated: y_hat.grad is 2 (y_hat - y) / N, shaped like y_hat"""
    y_hat = randn(4, 1, generator=rng).requires_grad_()
    y = randn(4, generator=rng)
    loss = _check(exercise.mse, y_hat, y)
    call = describe_call("mse", y_hat, y)
    assert loss.requires_grad, (f"{call} returned a tensor that is cut off from y_hat's graph "
                                "(requires_grad is False).\nHint: no .item(), .detach() or "
                                "torch.tensor(...) around the result.")
    loss.backward()
    expected = 2 * (y_hat.detach() - y[:, None]) / 4
    assert_close(y_hat.grad, expected, call=f"the gradient of {call} with respect to y_hat")


def test_rule_no_mse_loss(exercise, rng):
    """rule: no F.mse_loss / nn.MSELoss"""
    y_hat, y = randn(5, 1, generator=rng), randn(5, generator=rng)
    with forbidden(*FORBIDDEN, rule=RULE):
        _check(exercise.mse, y_hat, y)


def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    mse = require_function(exercise, "mse")
    for args in [(torch.randn(5, generator=rng), torch.randn(5, 1, generator=rng)), (torch.randn(5, 1, generator=rng), torch.randn(5, generator=rng))]:
        with inputs_unchanged(describe_call("mse", *args), **dict(zip(("y_hat", "y"), args))):
            mse(*args)
