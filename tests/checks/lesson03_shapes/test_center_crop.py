"""Checks for lesson03/center_crop."""

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_raises,
    assert_tensor,
    describe_call,
    inputs_unchanged,
    noncontiguous,
    randn,
    require_function,
)


def _expected(x, height, width):
    top, left = (x.shape[-2] - height) // 2, (x.shape[-1] - width) // 2
    return x.narrow(-2, top, height).narrow(-1, left, width)


def test_small_example(exercise):
    """center_crop(arange(25).reshape(5, 5), 3, 3) keeps the middle 3x3 block"""
    center_crop = require_function(exercise, "center_crop")
    x = torch.arange(25).reshape(5, 5)
    expected = torch.tensor([[6, 7, 8], [11, 12, 13], [16, 17, 18]])
    assert_equal(center_crop(x, 3, 3), expected, call=describe_call("center_crop", x, 3, 3))


@pytest.mark.parametrize("shape", [(6, 9), (3, 7, 8), (2, 3, 10, 7), (1, 1, 3, 5)])
def test_crops_the_last_two_dims(exercise, rng, shape):
    """crops the last two dims of (H, W), (C, H, W) and (B, C, H, W) inputs"""
    x = randn(*shape, generator=rng)
    height, width = shape[-2] - 2, shape[-1] - 4
    got = exercise.center_crop(x, height, width)
    assert_close(got, _expected(x, height, width),
                 call=describe_call("center_crop", x, height, width),
                 hint="keep every leading dim (`...` or `:`) and slice only the last two: "
                      "x[..., top:top + height, left:left + width].")


def test_odd_margin_rounds_down(exercise, rng):
    """an odd margin puts the extra row/column at the bottom/right: top = (H - height) // 2"""
    x = randn(2, 6, 7, generator=rng)
    got = exercise.center_crop(x, 3, 4)
    assert_close(got, _expected(x, 3, 4), call=describe_call("center_crop", x, 3, 4),
                 hint="with H=6 and height=3 the margin is 3 rows: top = 3 // 2 = 1, so rows "
                      "1, 2, 3 are kept. Compute the end as top + height, not H - top.")


def test_full_size_and_single_pixel(exercise, rng):
    """cropping to the full size keeps everything; a 1x1 crop keeps the centre pixel"""
    x = randn(3, 5, 4, generator=rng)
    assert_close(exercise.center_crop(x, 5, 4), x, call=describe_call("center_crop", x, 5, 4))
    assert_close(exercise.center_crop(x, 1, 1), x[:, 2:3, 1:2],
                 call=describe_call("center_crop", x, 1, 1))


def test_returns_a_view(exercise, rng):
    """the crop is a view of x (basic slicing), not a copy"""
    x = randn(2, 8, 8, generator=rng)
    got = exercise.center_crop(x, 4, 4)
    call = describe_call("center_crop", x, 4, 4)
    assert_close(got, _expected(x, 4, 4), call=call)
    if got.untyped_storage().data_ptr() != x.untyped_storage().data_ptr():
        raise AssertionError(
            f"{call} returned a copy; expected a view that shares x's memory.\nHint: slices "
            "(start:stop) give views for free; indexing with a list or tensor of positions, "
            "index_select and .clone() all copy.")


def test_noncontiguous_input(exercise, rng):
    """works on a non-contiguous image (a strided view of a bigger tensor)"""
    x = noncontiguous(randn(3, 6, 6, generator=rng))
    got = exercise.center_crop(x, 2, 4)
    assert_close(got, _expected(x, 2, 4), call=describe_call("center_crop", x, 2, 4))


@pytest.mark.parametrize("height, width", [(7, 2), (2, 9), (8, 10)])
def test_too_large_raises(exercise, rng, height, width):
    """a crop bigger than the image raises ValueError instead of returning a smaller tensor"""
    x = randn(2, 6, 8, generator=rng)
    assert_raises(exercise.center_crop, x, height, width, error=ValueError,
                  call=describe_call("center_crop", x, height, width),
                  hint="a slice past the end is silently shortened (x[0:10] of 6 rows "
                       "gives 6), so check height <= H and width <= W yourself first.")



def test_leaves_inputs_unchanged(exercise, rng):
    """leaves its inputs as they were: returns new values, changes nothing in place"""
    center_crop = require_function(exercise, "center_crop")
    for args in [(torch.randn(2, 3, 6, 5, generator=rng), 4, 3)]:
        with inputs_unchanged(describe_call("center_crop", *args), **dict(zip(("x", "height", "width"), args))):
            center_crop(*args)


def test_zero_size_window(exercise, rng):
    """height 0 or width 0 is allowed (0 <= height <= H): an empty window, not an error"""
    center_crop = require_function(exercise, "center_crop")
    x = torch.randn(2, 5, 6, generator=rng)
    for height, width in [(0, 3), (4, 0), (0, 0)]:
        call = describe_call("center_crop", x, height, width)
        try:
            got = center_crop(x, height, width)
        except ValueError as error:
            raise AssertionError(f"{call} raised ValueError ({error}); the contract allows "
                                 "0 <= height <= H and 0 <= width <= W, so it returns an "
                                 f"empty (2, {height}, {width}) window.") from None
        assert_tensor(got, shape=(2, height, width), call=call)
