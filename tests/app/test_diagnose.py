"""The named-mistake catalogue: each mistake is named when it explains the values, and
nothing is claimed for values no mistake explains (noise, unrelated tensors)."""

from __future__ import annotations

import pytest
import torch

from tutor.testing import assert_close, diagnose, diagnose_mistake, mistake


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
    assert words and f"× {n}/{n - 1}: a divisor one too small. A common cause: dividing by " \
        "N − 1 where N" in words
    words = diagnose(x.var(1, correction=0), x.var(1, correction=1))
    assert words and f"× {n - 1}/{n}: a divisor one too large. A common cause: dividing by " \
        "N where N − 1" in words


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
    assert "another order" in diagnose(x[[1, 0, 3, 2, 5, 4]], x)


def test_reversed_along_a_dim():
    x = torch.randn(4, 5, generator=gen())
    assert "reverse order along dim 1: a descending sort" in diagnose(x.flip(1), x)


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


def test_the_name_comes_with_the_words():
    x = torch.randn(4, 4, generator=gen())
    named = diagnose_mistake(x.T, x)
    assert named is not None and named.name == "transposed" and "transposed" in named.words


def test_two_dims_of_equal_size_swapped():
    x = torch.randn(2, 3, 4, 3, generator=gen())
    assert "dims 1 and 3 swapped" in diagnose(x.transpose(1, 3), x)


@pytest.mark.parametrize("got_of", [
    lambda x: x.permute(0, 2, 3, 1).reshape(x.shape),   # reshape where a permute was wanted
    lambda x: x.reshape(2, 4, 5, 3).permute(0, 3, 1, 2),  # the permute of a reshape
])
def test_memory_order(got_of):
    x = torch.randn(2, 3, 4, 5, generator=gen())
    assert "another memory order" in diagnose(got_of(x), x)


def test_grid_filled_column_by_column():
    expected = torch.arange(6.0).reshape(2, 3)
    assert "another memory order" in diagnose(torch.arange(6.0).reshape(3, 2).T, expected)


def test_values_shuffled_within_rows():
    x = torch.randn(3, 6, generator=gen())
    shuffled = torch.stack([row[torch.randperm(6, generator=gen(i))] for i, row in enumerate(x)])
    assert "along dim 1 holds the right values in the wrong order" in diagnose(shuffled, x)


def test_missing_abs():
    x = torch.randn(12, generator=gen())
    assert "an abs() missing" in diagnose(x, x.abs())
    assert "an abs() (or a square root of a square) too many" in diagnose(x.abs(), x)


def test_square_root_missing_or_extra():
    x = torch.rand(5, 4, generator=gen()) + 0.5
    assert "squared: a square root missing" in diagnose(x.square(), x)
    assert "square roots of the expected ones" in diagnose(x.sqrt(), x)


def test_softmax_over_the_wrong_dim():
    z = torch.randn(4, 5, generator=gen())
    words = diagnose(torch.softmax(z, 0), torch.softmax(z, 1))
    assert words and "sum to 1 along dim 0, the expected ones along dim 1" in words
    words = diagnose(z.exp() / z.exp().sum(), torch.softmax(z, 1))
    assert words and "sum to 1 along the whole tensor" in words


def test_other_factors_are_stated_without_a_cause():
    x = torch.randn(5, 4, generator=gen())
    named = diagnose_mistake(x * 1.8, x)
    assert named is not None and named.name == "scale factor" and "× 1.8" in named.words


def test_exercise_mistake_equal_to_the_answer_is_not_claimed():
    x = torch.randn(3, 3, generator=gen())
    same = mistake("flipped kernel", lambda: x.clone(), "flipped!")
    assert diagnose(x + 1, x, [same]) != "flipped!"


@pytest.mark.parametrize("got, expected", [
    # a step function moved by one differs in one element only: no evidence of a slice
    (torch.tensor([0.0, 0, 0, 1, 1, 1]), torch.tensor([0.0, 0, 1, 1, 1, 1])),
    # two values fit any ratio and any offset
    (torch.tensor([1.0, 2.0]), torch.tensor([0.8, 1.6])),
    # a couple of whole numbers near fractional answers are a coincidence, not truncation
    (torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.2, 2.0, 3.0])),
])
def test_coincidences_are_not_named(got, expected):
    assert diagnose(got, expected) is None


NOISE_SHAPES = [(5,), (4, 4), (3, 6), (2, 3, 4), (16,), (2, 3, 4, 4), (7, 1), (1, 9)]


def _kinds_of_expected(g, shape):
    """Tensors like the course's answers: normal values, positives, probabilities, counts."""
    z = torch.randn(*shape, generator=g)
    yield z
    yield z.abs() + 0.1
    yield torch.softmax(z, dim=-1)
    yield torch.randint(0, 5, shape, generator=g).double()


@pytest.mark.parametrize("seed", range(24))
def test_no_mistake_is_claimed_for_noise_or_unrelated_values(seed):
    g = gen(seed)
    shape = NOISE_SHAPES[seed % len(NOISE_SHAPES)]
    for expected in _kinds_of_expected(g, shape):
        for size in (0.01, 0.1, 1.0):
            noisy = expected + size * torch.randn(*shape, generator=g)
            assert diagnose_mistake(noisy, expected) is None, (shape, size)
        unrelated = torch.randn(*shape, generator=g) * expected.std().clamp(min=1)
        assert diagnose_mistake(unrelated, expected) is None, shape


def test_assert_close_sends_the_pattern_name():
    x = torch.randn(6, 4, generator=gen())
    with pytest.raises(AssertionError) as failure:
        assert_close(x.sum(0), x.mean(0))
    diff = failure.value.tensor_diff
    assert diff["named_pattern"] == "scaled" and "6×" in diff["named_mistake"]


def test_large_tensors_are_screened_on_a_sample():
    x = torch.randn(16, 3, 32, 32, generator=gen())
    assert "exactly 3× the expected one" in diagnose(x * 3, x)
    assert diagnose(x + 0.1 * torch.randn(16, 3, 32, 32, generator=gen(1)), x) is None
    assert diagnose(x.transpose(2, 3), x) is None  # moves are not tried this large
    few = x.clone()
    few[0, 0, 0, :3] += 1.0  # three wrong values the sample may miss: nothing is claimed
    assert diagnose(few, x) is None
