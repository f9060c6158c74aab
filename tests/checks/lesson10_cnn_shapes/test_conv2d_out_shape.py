"""Checks for lesson10/conv2d_out_shape."""


import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_value,
    call_each,
    describe_call,
    draw_int,
    one_thread,
    repeats,
    require_function,
)


def _torch_shape(h, w, kernel_size, stride=1, padding=0, dilation=1):
    """What nn.Conv2d really gives on an (h, w) input, or None when it refuses.

    The inputs are tiny, so a real CPU convolution is cheaper than the meta device
    (whose first use imports sympy, about a second).
    """
    conv = nn.Conv2d(1, 1, kernel_size, stride, padding, dilation, bias=False,
                     dtype=torch.float64)  # float64 skips oneDNN: faster on tiny inputs
    try:
        with torch.no_grad():
            out = conv(torch.zeros(1, 1, h, w, dtype=torch.float64))
    except RuntimeError:
        return None
    return tuple(out.shape[-2:])


def _call(fn, *args, **kwargs):
    return _result(lambda: fn(*args, **kwargs), *args, **kwargs)


def _result(make, *args, **kwargs):
    """The call's result (``make()``: the call, or a call_each Outcome's get) and its text."""
    call = describe_call("conv2d_out_shape", *args, **kwargs)
    try:
        got = make()
    except ValueError as error:
        raise AssertionError(f"{call} raised ValueError ({error}), but nn.Conv2d gives "
                             f"{_torch_shape(*args, **kwargs)} here.") from None
    return got, call


def _int_pair(got, call):
    if not (isinstance(got, tuple) and len(got) == 2):
        raise AssertionError(f"{call} returned {got!r}; expected a tuple (out_h, out_w).")
    kinds = {type(v).__name__ for v in got}
    if kinds != {"int"}:
        raise AssertionError(f"{call} returned {got!r} with {', '.join(sorted(kinds))} values; "
                             "expected plain Python ints.\nHint: `/` gives a float; floor "
                             "division `//` keeps an int and rounds down like the formula.")


def test_worked_examples(exercise):
    """28x28 with a 3x3 kernel and stride 2 gives 13x13; 224 with 11x11 stride 4 gives 54"""
    conv2d_out_shape = require_function(exercise, "conv2d_out_shape")
    for args, kwargs, expected in [((28, 28, 3), {"stride": 2}, (13, 13)),
                                   ((224, 224, 11), {"stride": 4}, (54, 54)),
                                   ((28, 28, 5), {"padding": 2}, (28, 28)),
                                   ((32, 32, 3), {}, (30, 30))]:
        got, call = _call(conv2d_out_shape, *args, **kwargs)
        assert_value(got, expected, call=call)


def test_returns_tuple_of_ints(exercise):
    """returns a tuple of two Python ints"""
    got, call = _call(exercise.conv2d_out_shape, 10, 7, 3, stride=2, padding=1)
    _int_pair(got, call)
    assert_value(got, (5, 4), call=call)


@pytest.mark.parametrize("args, kwargs", [
    ((7, 7, 2), {"stride": 2}),
    ((10, 9, 3), {"stride": 3}),
    ((5, 6, 2), {"stride": 4, "padding": 1}),
])
def test_rounds_down(exercise, args, kwargs):
    """rounds down when the kernel does not fit a whole number of strides (the floor)"""
    got, call = _call(exercise.conv2d_out_shape, *args, **kwargs)
    assert_value(got, _torch_shape(*args, **kwargs), call=call,
                 hint="out = floor((n + 2p - d(k - 1) - 1) / s) + 1: a window that would run "
                      "past the edge is dropped, so round down, never up.")


def test_padding_on_both_sides(exercise):
    """padding p adds p rows on top AND bottom (p columns left AND right)"""
    got, call = _call(exercise.conv2d_out_shape, 6, 6, 3, padding=1)
    assert_value(got, (6, 6), call=call,
                 hint="padding=1 makes the input 2 rows taller and 2 columns wider: n + 2p.")


def test_dilation(exercise):
    """dilation d spreads a k-kernel over d(k - 1) + 1 pixels"""
    for args, kwargs in [((9, 9, 3), {"dilation": 2}), ((20, 17, 3), {"dilation": 3,
                                                                       "padding": 1})]:
        got, call = _call(exercise.conv2d_out_shape, *args, **kwargs)
        assert_value(got, _torch_shape(*args, **kwargs), call=call,
                     hint="a 3x3 kernel with dilation 2 covers 5x5 pixels: use "
                          "d * (k - 1) + 1 as the effective kernel size.")


def test_pairs_per_dimension(exercise):
    """each argument may be a pair (for height, for width)"""
    cases = [((12, 20, (3, 5)), {}),
             ((12, 20, (3, 5)), {"stride": (1, 2), "padding": (0, 2)}),
             ((15, 11, (2, 3)), {"stride": (3, 1), "padding": (1, 0), "dilation": (2, 1)}),
             ((15, 11, 3), {"stride": 2, "padding": (0, 1), "dilation": (1, 2)})]
    for args, kwargs in cases:
        got, call = _call(exercise.conv2d_out_shape, *args, **kwargs)
        assert_value(got, _torch_shape(*args, **kwargs), call=call,
                     hint="an int means the same value for height and width; a pair is "
                          "(for height, for width).")


def test_matches_nn_conv2d_on_random_configurations(exercise, rng):
    """matches nn.Conv2d on 300 random configurations"""
    conv2d_out_shape = exercise.conv2d_out_shape
    with one_thread():
        _compare_random(conv2d_out_shape, rng)


def _compare_random(conv2d_out_shape, rng):
    cases = []
    while len(cases) < repeats(300):
        h, w = draw_int(rng, 1, 40, "h"), draw_int(rng, 1, 40, "w")
        kernel = (draw_int(rng, 1, 7, "kh"), draw_int(rng, 1, 7, "kw"))
        stride = (draw_int(rng, 1, 4, "sh"), draw_int(rng, 1, 4, "sw"))
        padding = (draw_int(rng, 0, 3, "ph"), draw_int(rng, 0, 3, "pw"))
        dilation = (draw_int(rng, 1, 3, "dh"), draw_int(rng, 1, 3, "dw"))
        if draw_int(rng, 0, 1, ""):
            args = (h, w, kernel, stride, padding, dilation)
        else:  # plain ints: the same value for height and width
            args = (h, w, kernel[0], stride[0], padding[0], dilation[0])
        expected = _torch_shape(*args)
        if expected is None:
            continue
        cases.append((args, expected))
    # All calls first, then each result in turn: under strict isolation one round trip
    # between the processes instead of 300.
    outcomes = call_each(conv2d_out_shape, [args for args, _ in cases])
    for (args, expected), outcome in zip(cases, outcomes, strict=True):
        got, call = _result(outcome.get, *args)
        assert_value(got, expected, call=call)


@pytest.mark.parametrize("args, kwargs", [
    ((3, 3, 5), {}),
    ((4, 10, 3), {"dilation": 2}),
    ((10, 2, (1, 4)), {}),
    ((1, 1, 3), {"stride": 2}),
])
def test_raises_value_error_when_empty(exercise, args, kwargs):
    """raises ValueError when the (padded) input is smaller than the kernel"""
    call = describe_call("conv2d_out_shape", *args, **kwargs)
    try:
        got = exercise.conv2d_out_shape(*args, **kwargs)
    except ValueError:
        return
    raise AssertionError(
        f"{call} returned {got!r}; expected a ValueError: nn.Conv2d refuses an input smaller "
        "than its (dilated) kernel.\nHint: check n + 2p - d(k - 1) - 1 < 0 before dividing; "
        "int() rounds -0.5 up to 0, so a formula with int(...) hides the empty case.")


def test_kernel_exactly_fits(exercise):
    """a kernel exactly as big as the padded input gives 1x1, not an error"""
    got, call = _call(exercise.conv2d_out_shape, 5, 3, (5, 3))
    assert_value(got, (1, 1), call=call)
    got, call = _call(exercise.conv2d_out_shape, 3, 3, 5, padding=1)
    assert_value(got, (1, 1), call=call)
