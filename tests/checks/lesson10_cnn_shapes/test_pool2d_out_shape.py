"""Checks for lesson10/pool2d_out_shape."""


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


def _torch_shape(h, w, kernel_size, stride=None, padding=0, ceil_mode=False):
    """What nn.MaxPool2d really gives on an (h, w) input, or None when it refuses."""
    pool = nn.MaxPool2d(kernel_size, stride, padding, ceil_mode=ceil_mode)
    try:
        out = pool(torch.zeros(1, 1, h, w, dtype=torch.float64))
    except RuntimeError:
        return None
    return tuple(out.shape[-2:])


def _pair(value):
    return (value, value) if isinstance(value, int) else value


def _call(fn, *args, **kwargs):
    return _result(lambda: fn(*args, **kwargs), *args, **kwargs)


def _result(make, *args, **kwargs):
    """The call's result (``make()``: the call, or a call_each Outcome's get) and its text."""
    call = describe_call("pool2d_out_shape", *args, **kwargs)
    try:
        got = make()
    except ValueError as error:
        raise AssertionError(f"{call} raised ValueError ({error}), but nn.MaxPool2d gives "
                             f"{_torch_shape(*args, **kwargs)} here.") from None
    return got, call


CEIL_HINT = ("with ceil_mode=True round up: ceil((n + 2p - k) / s) + 1, then drop the last "
             "window if it would start inside the right padding, i.e. if (out - 1) * s >= n + p.")


def test_worked_examples(exercise):
    """MaxPool2d(3, 2) takes 54 to 26, and to 27 with ceil_mode=True"""
    pool2d_out_shape = require_function(exercise, "pool2d_out_shape")
    got, call = _call(pool2d_out_shape, 54, 54, 3, 2)
    assert_value(got, (26, 26), call=call)
    got, call = _call(pool2d_out_shape, 54, 54, 3, 2, ceil_mode=True)
    assert_value(got, (27, 27), call=call, hint=CEIL_HINT)


def test_returns_tuple_of_ints(exercise):
    """returns a tuple of two Python ints"""
    got, call = _call(exercise.pool2d_out_shape, 9, 7, 2)
    if not (isinstance(got, tuple) and len(got) == 2 and all(type(v) is int for v in got)):
        raise AssertionError(f"{call} returned {got!r}; expected a tuple of two ints "
                             "(out_h, out_w).\nHint: `/` and math.ceil of a float division "
                             "give floats or lose exactness; use `//`.")
    assert_value(got, (4, 3), call=call)


def test_stride_defaults_to_kernel_size(exercise):
    """stride=None means stride = kernel_size (nn.MaxPool2d(3) takes 9x9 to 3x3)"""
    for args in [(9, 9, 3), (8, 12, (2, 4)), (10, 10, 3)]:
        got, call = _call(exercise.pool2d_out_shape, *args)
        assert_value(got, _torch_shape(*args), call=call,
                     hint="unlike nn.Conv2d, pooling's stride defaults to the window size, so "
                          "windows do not overlap.")


def test_padding_and_pairs(exercise):
    """padding adds to both sides; pairs give (height, width) values"""
    for args, kwargs in [((7, 7, 3, 2, 1), {}), ((10, 15, (2, 3), (2, 1), (1, 0)), {}),
                         ((6, 5, (4, 2), (1, 2), (2, 1)), {})]:
        got, call = _call(exercise.pool2d_out_shape, *args, **kwargs)
        assert_value(got, _torch_shape(*args, **kwargs), call=call)


def test_ceil_mode_rounds_up(exercise):
    """ceil_mode=True keeps a last, partial window"""
    for args in [(7, 7, 2), (10, 11, 3), (13, 6, 4, 3)]:
        got, call = _call(exercise.pool2d_out_shape, *args, ceil_mode=True)
        assert_value(got, _torch_shape(*args, ceil_mode=True), call=call, hint=CEIL_HINT)


def test_ceil_mode_drops_window_starting_in_padding(exercise):
    """ceil_mode never keeps a window that would start inside the right padding"""
    # 5 with kernel 2, stride 2, padding 1: ceil(5/2) + 1 = 4 windows would start at
    # -1, 1, 3, 5; the one at 5 lies wholly in the padding, so PyTorch keeps 3.
    for args in [(5, 5, 2, 2, 1), (9, 5, 2, 2, 1), (11, 7, 4, 4, 2)]:
        got, call = _call(exercise.pool2d_out_shape, *args, ceil_mode=True)
        assert_value(got, _torch_shape(*args, ceil_mode=True), call=call, hint=CEIL_HINT)


def test_matches_nn_maxpool2d_on_random_configurations(exercise, rng):
    """matches nn.MaxPool2d on 300 random configurations, both rounding modes"""
    with one_thread():
        cases = []
        while len(cases) < repeats(300):
            h, w = draw_int(rng, 1, 40, "h"), draw_int(rng, 1, 40, "w")
            kernel = (draw_int(rng, 1, 6, "kh"), draw_int(rng, 1, 6, "kw"))
            stride = (draw_int(rng, 1, 4, "sh"), draw_int(rng, 1, 4, "sw")) \
                if draw_int(rng, 0, 3, "") else None
            padding = (draw_int(rng, 0, kernel[0] // 2, "ph"), draw_int(rng, 0, kernel[1] // 2, "pw"))
            ceil_mode = bool(draw_int(rng, 0, 1, ""))
            args = (h, w, kernel, stride, padding) if draw_int(rng, 0, 1, "") else \
                (h, w, kernel[0], None if stride is None else stride[0], padding[0])
            k, p = _pair(args[2]), _pair(args[4])
            if h + 2 * p[0] < k[0] or w + 2 * p[1] < k[1]:
                continue  # smaller than one window: the ValueError check covers it
            cases.append((args, ceil_mode, _torch_shape(*args, ceil_mode=ceil_mode)))
        # All calls first, then each result in turn: under strict isolation one round trip
        # between the processes instead of 300.
        outcomes = call_each(exercise.pool2d_out_shape, [args for args, _, _ in cases],
                             [{"ceil_mode": ceil_mode} for _, ceil_mode, _ in cases])
        for (args, ceil_mode, expected), outcome in zip(cases, outcomes, strict=True):
            got, call = _result(outcome.get, *args, ceil_mode=ceil_mode)
            assert_value(got, expected, call=call, hint=CEIL_HINT if ceil_mode else None)


@pytest.mark.parametrize("args, kwargs, why", [
    ((3, 3, 5), {}, "the input is smaller than the window"),
    ((1, 8, 2), {}, "the input is smaller than the window"),
    ((9, 9, 3, 1, 2), {}, "padding 2 is more than half of kernel 3"),
    ((9, 9, (2, 4), 1, (1, 3)), {}, "padding 3 is more than half of kernel 4"),
], ids=["too-small", "too-small-h", "too-much-padding", "too-much-padding-w"])
def test_raises_value_error(exercise, args, kwargs, why):
    """raises ValueError where nn.MaxPool2d refuses (too small an input, too much padding)"""
    assert _torch_shape(*args, **kwargs) is None
    call = describe_call("pool2d_out_shape", *args, **kwargs)
    try:
        got = exercise.pool2d_out_shape(*args, **kwargs)
    except ValueError:
        return
    raise AssertionError(f"{call} returned {got!r}; expected a ValueError because {why} "
                         "(nn.MaxPool2d raises an error here).")
