"""The named-mistake catalogue: each mistake is named when it explains the values, and
nothing is claimed for values no mistake explains (noise, unrelated tensors)."""

from __future__ import annotations

import pytest
import torch

from tutor.testing import assert_close, diagnose, mistake


def gen(seed: int = 0) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def test_transposed_matmul():
    a, b = torch.randn(4, 4, generator=gen()), torch.randn(4, 4, generator=gen(1))
    assert "transposed" in diagnose((a @ b).T, a @ b)


def test_sum_where_a_mean_was_wanted():
    x = torch.randn(6, 5, generator=gen())
    words = diagnose(x.sum(1), x.mean(1))
    assert words and "exactly 5× the expected one. A common cause: a sum where a mean" in words


def test_mean_where_a_sum_was_wanted():
    x = torch.randn(3, 7, generator=gen())
    assert "1/7 of the expected one" in diagnose(x.mean(1), x.sum(1))


@pytest.mark.parametrize("n", [3, 10, 250])
def test_unbiased_where_biased_was_wanted(n):
    x = torch.randn(4, n, generator=gen(n))
    words = diagnose(x.var(1, correction=1), x.var(1, correction=0))
    assert words and f"× {n}/{n - 1}. A common cause: dividing by N − 1 where N" in words
    words = diagnose(x.var(1, correction=0), x.var(1, correction=1))
    assert words and f"× {n - 1}/{n}. A common cause: dividing by N where N − 1" in words


def test_sign_flipped():
    a, b = torch.randn(8, generator=gen()), torch.randn(8, generator=gen(2))
    assert "wrong sign" in diagnose(b - a, a - b)


def test_constant_offset():
    x = torch.randn(5, 3, generator=gen())
    assert "off by the same amount (+1)" in diagnose(x + 1, x)


def test_integer_division_truncates():
    x = torch.arange(1, 13).reshape(3, 4)
    assert "fractions dropped" in diagnose(x // 5, x / 5)


def test_slice_one_too_late():
    x = torch.randn(10, generator=gen())
    assert "starts one too late" in diagnose(torch.cat([x[1:], x[:1]]), x)
    assert "starts one too early" in diagnose(torch.cat([x[-1:], x[:-1]]), x)


def test_rows_in_another_order():
    x = torch.randn(6, 3, generator=gen())
    assert "another order" in diagnose(x.flip(0), x)


def test_exercise_specific_mistake_comes_first():
    x = torch.randn(4, 5, generator=gen())
    wrong_dim = mistake("softmax dim", lambda: torch.softmax(x, 0),
                        "your values match a softmax over dim 0, not dim 1.")
    assert diagnose(torch.softmax(x, 0), torch.softmax(x, 1), [wrong_dim]) == \
        "your values match a softmax over dim 0, not dim 1."


def test_float32_rounding_does_not_hide_a_mistake():
    x = torch.randn(64, 33, generator=gen()).float()
    assert "33×" in diagnose(x.sum(1), x.mean(1), atol=0.0, rtol=0.0)


@pytest.mark.parametrize("seed", range(40))
def test_no_mistake_is_claimed_for_noise(seed):
    g = gen(seed)
    shape = [(5,), (4, 4), (3, 6), (2, 3, 4), (16,)][seed % 5]
    expected = torch.randn(*shape, generator=g)
    noisy = expected + 0.05 * torch.randn(*shape, generator=g)
    assert diagnose(noisy, expected) is None
    unrelated = torch.randn(*shape, generator=g)
    assert diagnose(unrelated, expected) is None


def test_symmetric_matrix_is_not_called_transposed():
    a = torch.randn(4, 4, generator=gen())
    sym = a + a.T
    assert diagnose(sym + 0.5 * torch.randn(4, 4, generator=gen(3)), sym) is None


def test_assert_close_names_the_mistake():
    x = torch.randn(6, 4, generator=gen())
    with pytest.raises(AssertionError) as failure:
        assert_close(x.sum(0), x.mean(0), call="col_means(x)")
    text = str(failure.value)
    assert text.startswith("col_means(x) returned wrong values")
    assert "Looks like: every value is exactly 6× the expected one" in text


def test_standard_deviation_with_the_wrong_divisor():
    x = torch.randn(4, 9, generator=gen())
    words = diagnose(x.std(1, correction=1), x.std(1, correction=0))
    assert words and "√(9/8)" in words and "unbiased standard deviation" in words


@pytest.mark.parametrize("got, expected", [
    (torch.tensor([6.0]), torch.tensor([3.0])),            # one value: any ratio fits
    (torch.tensor([5.0, 5.0]), torch.tensor([4.0, 4.0])),  # a constant: any offset fits
])
def test_no_claim_without_evidence(got, expected):
    assert diagnose(got, expected) is None


def test_assert_close_says_nothing_it_cannot_support():
    x = torch.randn(6, 4, generator=gen())
    with pytest.raises(AssertionError) as failure:
        assert_close(x + 0.1 * torch.randn(6, 4, generator=gen(9)), x)
    assert "Looks like" not in str(failure.value)
