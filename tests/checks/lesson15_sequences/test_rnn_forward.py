"""Checks for lesson15/rnn_forward."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_tensor,
    describe_call,
    forbidden,
    randn,
    random_shape,
    require_function,
)

FORBIDDEN = ("torch.rnn_tanh", "torch.rnn_tanh_cell", "torch.rnn_relu", "torch.rnn_relu_cell",
             "torch.gru", "torch.lstm", "torch.gru_cell", "torch.lstm_cell")
RULE = "Write the recurrence yourself: one matrix product per weight and time step."
ERROR_HINT = ("shapes did not fit inside your code. Possible causes: W_ih is (H, I), so x_t "
              "needs W_ih.T (likewise W_hh.T); x_t is x[t] of shape (B, I) for time-major x; "
              "with batch_first=True the time steps run along dim 1, not dim 0.")
NAMES = ("x", "W_ih", "W_hh", "b_ih", "b_hh", "h0")


def _call(exercise, *args, **kwargs):
    rnn_forward = require_function(exercise, "rnn_forward")
    call = describe_call("rnn_forward", *args, **kwargs)
    try:
        with forbidden(*FORBIDDEN, rule=RULE):
            out = rnn_forward(*args, **kwargs)
    except NotImplementedError:
        raise                               # an untouched stub: not started
    except RuntimeError as error:
        if "shape" not in str(error) and "size" not in str(error):
            raise
        raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: {ERROR_HINT}") from error
    if not (isinstance(out, tuple) and len(out) == 2):
        raise AssertionError(f"{call} returned {type(out).__name__}; expected a tuple "
                             "(output, h_n), as nn.RNN returns.")
    return out, call


def _sizes(rng):
    return list(random_shape(rng, 4, 1, 7, names="T, B, I, H"))


def _weights(rng, inputs, hidden, dtype=torch.float32, device="cpu"):
    scale = hidden ** -0.5
    return tuple(randn(*shape, generator=rng, dtype=dtype, device=device) * scale
                 for shape in ((hidden, inputs), (hidden, hidden), (hidden,), (hidden,)))


def _torch_rnn(x, weights, h0=None, batch_first=False):
    """nn.RNN with the given weights: the reference."""
    hidden, inputs = weights[0].shape
    rnn = nn.RNN(inputs, hidden, batch_first=batch_first).to(x.device, x.dtype)
    with torch.no_grad():
        for param, value in zip((rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0,
                                 rnn.bias_hh_l0), weights):
            param.copy_(value)
    with torch.no_grad():
        return rnn(x, h0)


def _spec(x, W_ih, W_hh, b_ih, b_hh, h0, act=torch.tanh, transpose=True, use=(True, True)):
    """Time-major loop, with switches for the usual mistakes (used to pick a hint)."""
    h = torch.zeros(x.shape[1], W_hh.shape[0], dtype=x.dtype) if h0 is None else h0[0]
    outs = []
    for x_t in x:
        a = x_t @ (W_ih.T if transpose else W_ih) + h @ (W_hh.T if transpose else W_hh)
        h = act(a + use[0] * b_ih + use[1] * b_hh)
        outs.append(h)
    return torch.stack(outs), h.unsqueeze(0)


def _mistake(got, x, weights, h0, batch_first):
    """A hint when the output matches a known mistake, else None."""
    if not isinstance(got, torch.Tensor):
        return None
    x_tm = x.transpose(0, 1) if batch_first else x
    candidates = [
        ("the nonlinearity is tanh (nn.RNN's default), not ReLU.",
         lambda: _spec(x_tm, *weights, h0, act=torch.relu)[0]),
        ("add BOTH biases, b_ih and b_hh, at every step.",
         lambda: _spec(x_tm, *weights, h0, use=(True, False))[0]),
        ("add BOTH biases, b_ih and b_hh, at every step.",
         lambda: _spec(x_tm, *weights, h0, use=(False, True))[0]),
        ("the step starts from h0[0] (h0 is (1, B, H)); zeros only when h0 is None.",
         lambda: _spec(x_tm, *weights, None)[0]),
        ("W_ih and W_hh are stored (out, in) like nn.Linear's weight: multiply by their "
         "transposes.", lambda: _spec(x_tm, *weights, h0, transpose=False)[0]),
    ]
    if batch_first and h0 is None:
        candidates.append(("with batch_first=True x is (B, T, I): the time steps run along "
                           "dim 1. Transpose to time-major first, and back at the end.",
                           lambda: _spec(x, *weights, None)[0]))
    for hint, make in candidates:
        try:
            wrong = make()
        except RuntimeError:             # this mistake cannot even run on these shapes
            continue
        wrong = wrong.transpose(0, 1) if batch_first and wrong.shape != got.shape else wrong
        if wrong.shape == got.shape and torch.allclose(got.detach().cpu(), wrong.cpu(),
                                                       atol=1e-5):
            return hint
    return None


def _compare(got, expected, call, x, weights, h0, batch_first, atol=1e-5):
    output, h_n = got
    assert_close(output, expected[0], call=call + ", its output,", atol=atol, rtol=1e-5,
                 hint=_mistake(output, x, weights, h0, batch_first))
    last = output[-1] if not batch_first else output[:, -1]
    assert_close(h_n, expected[1], call=call + ", its h_n,", atol=atol, rtol=1e-5,
                 hint=("h_n is the hidden state after the LAST step, with a leading layer "
                       "dimension: (1, B, H)." if isinstance(h_n, torch.Tensor)
                       and h_n.shape == expected[1].shape
                       and not torch.allclose(h_n[0].detach(), last.detach(), atol=atol)
                       else None))


@pytest.mark.task(1)
def test_small_example(exercise):
    """T=2, B=1, I=H=1: h1 = tanh(0.5*1 + 0.1 + 0.2), h2 = tanh(0.5*2 + 0.1 - h1 + 0.2)"""
    x = torch.tensor([[[1.0]], [[2.0]]])
    weights = (torch.tensor([[0.5]]), torch.tensor([[-1.0]]), torch.tensor([0.1]),
               torch.tensor([0.2]))
    expected = _torch_rnn(x, weights)
    got, call = _call(exercise, x, *weights)
    _compare(got, expected, call, x, weights, None, False)


@pytest.mark.task(1)
def test_shapes(exercise, rng):
    """x (T, B, I) gives output (T, B, H) and h_n (1, B, H)"""
    steps, batch, inputs, hidden = _sizes(rng)
    x = randn(steps, batch, inputs, generator=rng)
    (output, h_n), call = _call(exercise, x, *_weights(rng, inputs, hidden))
    assert_tensor(output, call=call + ", its output,", shape=(steps, batch, hidden))
    assert_tensor(h_n, call=call + ", its h_n,", shape=(1, batch, hidden),
                  hint="nn.RNN returns h_n with a leading num_layers dimension: (1, B, H).")


@pytest.mark.task(1)
@pytest.mark.parametrize("with_h0", [False, True], ids=["h0_none", "h0_given"])
@pytest.mark.parametrize("case", range(3))
def test_matches_nn_rnn(exercise, rng, device, with_h0, case):
    """output and h_n equal nn.RNN's with the same weights, from zeros or from h0"""
    steps, batch, inputs, hidden = _sizes(rng)
    x = randn(steps, batch, inputs, generator=rng, device=device)
    weights = _weights(rng, inputs, hidden, device=device)
    h0 = randn(1, batch, hidden, generator=rng, device=device) if with_h0 else None
    expected = _torch_rnn(x, weights, h0)
    got, call = _call(exercise, x, *weights, h0)
    _compare(got, expected, call, x.cpu(), [w.cpu() for w in weights],
             None if h0 is None else h0.cpu(), False)


@pytest.mark.task(1)
def test_square_weights(exercise, rng):
    """I = H (where an untransposed weight still multiplies): values still match nn.RNN"""
    x = randn(4, 3, 5, generator=rng)
    weights = _weights(rng, 5, 5)
    h0 = randn(1, 3, 5, generator=rng)
    expected = _torch_rnn(x, weights, h0)
    got, call = _call(exercise, x, *weights, h0)
    _compare(got, expected, call, x, weights, h0, False)


@pytest.mark.task(2)
@pytest.mark.parametrize("with_h0", [False, True], ids=["h0_none", "h0_given"])
def test_batch_first(exercise, rng, with_h0):
    """batch_first=True: x (B, T, I) gives output (B, T, H); h_n stays (1, B, H)"""
    steps, batch, inputs, hidden = 5, 3, 2, 4
    x = randn(batch, steps, inputs, generator=rng)
    weights = _weights(rng, inputs, hidden)
    h0 = randn(1, batch, hidden, generator=rng) if with_h0 else None
    expected = _torch_rnn(x, weights, h0, batch_first=True)
    got, call = _call(exercise, x, *weights, h0, batch_first=True)
    assert_tensor(got[0], call=call + ", its output,", shape=(batch, steps, hidden))
    assert_close(got[0], expected[0], call=call + ", its output,", atol=1e-5, rtol=1e-5,
                 hint=_mistake(got[0], x, weights, h0, True))
    h_n = got[1]
    assert_tensor(h_n, call=call + ", its h_n,", shape=(1, batch, hidden),
                  hint="batch_first changes x and output only: h_n is (num_layers, B, H) "
                       "either way." if isinstance(h_n, torch.Tensor)
                       and tuple(h_n.shape) == (batch, 1, hidden) else None)
    _compare(got, expected, call, x, weights, h0, True)


@pytest.mark.task(2)
@pytest.mark.parametrize("with_h0", [False, True], ids=["h0_none", "h0_given"])
def test_float64(exercise, rng, with_h0):
    """float64 inputs give float64 output and h_n (the zeros for h0=None too)"""
    x = randn(3, 2, 4, generator=rng, dtype=torch.float64)
    weights = _weights(rng, 4, 3, dtype=torch.float64)
    h0 = randn(1, 2, 3, generator=rng, dtype=torch.float64) if with_h0 else None
    expected = _torch_rnn(x, weights, h0)
    got, call = _call(exercise, x, *weights, h0)
    wrong_dtype = isinstance(got[0], torch.Tensor) and got[0].dtype != torch.float64
    assert_close(got[0], expected[0], call=call + ", its output,", atol=1e-10, rtol=1e-10,
                 hint="make the starting zeros like x: x.new_zeros(B, H) keeps its dtype and "
                      "device." if wrong_dtype and not with_h0 else None)
    assert_close(got[1], expected[1], call=call + ", its h_n,", atol=1e-10, rtol=1e-10)


@pytest.mark.task(2)
@pytest.mark.parametrize("with_h0", [False, True], ids=["h0_none", "h0_given"])
def test_meta_device(exercise, meta_call, with_h0):
    """on data-free 'meta' tensors (a stand-in for a GPU) both results stay on the input's device"""
    steps, batch, inputs, hidden = 4, 3, 2, 5
    args = [torch.empty(steps, batch, inputs, device="meta"),
            torch.empty(hidden, inputs, device="meta"), torch.empty(hidden, hidden, device="meta"),
            torch.empty(hidden, device="meta"), torch.empty(hidden, device="meta"),
            torch.empty(1, batch, hidden, device="meta") if with_h0 else None]
    call = describe_call("rnn_forward", *args)
    got, _ = meta_call(call, _call, exercise, *args)
    assert_tensor(got[0], call=call + ", its output,", shape=(steps, batch, hidden),
                  dtype=torch.float32, device="meta")
    assert_tensor(got[1], call=call + ", its h_n,", shape=(1, batch, hidden),
                  dtype=torch.float32, device="meta")


@pytest.mark.task(1)
def test_gradients_match(exercise, rng):
    """gradients reach x, h0 and all four weights, equal to nn.RNN's"""
    steps, batch, inputs, hidden = 4, 3, 2, 5
    values = [randn(steps, batch, inputs, generator=rng), *_weights(rng, inputs, hidden),
              randn(1, batch, hidden, generator=rng)]
    up_out, up_h = randn(steps, batch, hidden, generator=rng), randn(1, batch, hidden,
                                                                    generator=rng)
    mine = [v.clone().requires_grad_(True) for v in values]
    (output, h_n), call = _call(exercise, *mine)
    assert_tensor(output, call=call + ", its output,", shape=(steps, batch, hidden))
    assert_tensor(h_n, call=call + ", its h_n,", shape=(1, batch, hidden))
    if output.grad_fn is None:
        raise AssertionError(f"{call} returned an output with no autograd history: do not "
                             "detach it or build it under torch.no_grad().")
    ((output * up_out).sum() + (h_n * up_h).sum()).backward()
    rnn = nn.RNN(inputs, hidden)
    ref_x, ref_h0 = (values[0].clone().requires_grad_(True),
                     values[5].clone().requires_grad_(True))
    with torch.no_grad():
        for param, value in zip(rnn.parameters(), values[1:5]):
            param.copy_(value)
    ref_out, ref_h = rnn(ref_x, ref_h0)
    ((ref_out * up_out).sum() + (ref_h * up_h).sum()).backward()
    expected = [ref_x.grad, *(p.grad for p in rnn.parameters()), ref_h0.grad]
    for tensor, want, name in zip(mine, expected, NAMES):
        assert tensor.grad is not None, (
            f"after backward through {call}, {name}.grad is None: no gradient reached {name}. "
            "Keep every step in the autograd graph (no .detach(), .item() or torch.no_grad()).")
        assert_close(tensor.grad, want, call=f"{name}.grad after backward through {call}",
                     atol=1e-5, rtol=1e-4)


@pytest.mark.task(2)
@pytest.mark.parametrize("batch_first", [False, True], ids=["time_major", "batch_first"])
def test_inputs_left_unchanged(exercise, rng, batch_first):
    """x, h0 and the weights are not modified (nor reshaped), keep requires_grad and get no .grad"""
    x = randn(*((2, 3, 4) if batch_first else (3, 2, 4)), generator=rng)     # T=3, B=2, I=4
    values = [x, *_weights(rng, 4, 3), randn(1, 2, 3, generator=rng)]
    values[1].requires_grad_(True)
    kept = [v.detach().clone() for v in values]
    _, call = _call(exercise, *values, batch_first=batch_first)
    for now, before, name in zip(values, kept, NAMES):
        assert_equal(now.detach(), before, call=f"after {call}, the caller's {name}",
                     hint="build new tensors (h = torch.tanh(...), x.transpose(0, 1)); do not "
                          "change the arguments in place with copy_, add_, transpose_ or "
                          "slice assignment.")
    assert values[1].requires_grad and values[1].grad is None, (
        f"after {call}, the caller's W_ih changed: it should still require grad and have no "
        ".grad (rnn_forward computes; backward is the caller's).")
    assert not any(v.requires_grad for i, v in enumerate(values) if i != 1), (
        f"after {call}, an argument that did not require grad does now: do not call "
        "requires_grad_() on the caller's tensors.")


GOOD_SHAPES = ((3, 2, 4), (5, 4), (5, 5), (5,), (5,), (1, 2, 5))   # T=3, B=2, I=4, H=5
BAD_SHAPES = {   # one argument at a time: (its position, a wrong shape)
    "x is 2-D": (0, (3, 2)), "W_ih has I+1 columns": (1, (5, 5)),
    "W_ih has H+1 rows": (1, (6, 4)), "W_hh is not square": (2, (5, 6)),
    "W_hh is (H+1, H+1)": (2, (6, 6)), "b_ih is (H+1,)": (3, (6,)),
    "b_hh is (1, H)": (4, (1, 5)), "h0 is (B, H)": (5, (2, 5)),
    "h0 is (1, B+1, H)": (5, (1, 3, 5)), "x is 4-D": (0, (3, 2, 4, 1)),
    "W_ih is 1-D": (1, (5,)), "W_hh is 1-D": (2, (5,)), "b_ih is 0-d": (3, ()),
}


@pytest.mark.task(3)
@pytest.mark.parametrize("case", sorted(BAD_SHAPES))
def test_raises_on_bad_shapes(exercise, rng, case):
    """a badly shaped x, W_ih, W_hh, b_ih, b_hh or h0 raises ValueError"""
    position, bad = BAD_SHAPES[case]
    shapes = list(GOOD_SHAPES)
    shapes[position] = bad
    args = [randn(*shape, generator=rng) for shape in shapes]
    call = describe_call("rnn_forward", *args)
    rnn_forward = require_function(exercise, "rnn_forward")
    with pytest.raises(ValueError):
        with forbidden(*FORBIDDEN, rule=RULE):
            rnn_forward(*args)
        pytest.fail(f"{call} ({case}) did not raise ValueError. Check every argument's shape "
                    "before computing: broadcasting would otherwise hide some of these "
                    "mistakes.", pytrace=False)


@pytest.mark.task(4)
def test_rule_whole_batch_per_step(exercise, rng, torch_calls):
    """rule: no nn.RNN/torch.rnn_tanh; loop over time only (the work is the same for B=2 and B=7)"""
    counts = []
    for batch in (2, 7):
        x = randn(4, batch, 3, generator=rng)
        weights = _weights(rng, 3, 5)
        expected = _torch_rnn(x, weights)
        (got, call), count = torch_calls(_call, exercise, x, *weights)
        _compare(got, expected, call, x, weights, None, False)
        counts.append(count)
    assert counts[0] == counts[1], (
        f"Rule broken: rnn_forward made {counts[0]} torch operations for a batch of 2 and "
        f"{counts[1]} for a batch of 7 (same T): it works one example at a time. A loop over "
        "time steps is fine (the recurrence needs it); each step must handle the whole batch "
        "with one matrix product per weight.")


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA: output and h_n stay on the GPU and match nn.RNN on the CPU"""
    x = randn(6, 4, 3, generator=rng)
    weights = _weights(rng, 3, 8)
    h0 = randn(1, 4, 8, generator=rng)
    expected = _torch_rnn(x, weights, h0)
    got, call = _call(exercise, x.to(gpu_device), *(w.to(gpu_device) for w in weights),
                      h0.to(gpu_device))
    assert_close(got[0], expected[0].to(gpu_device), call=call + ", its output,", atol=1e-5)
    assert_close(got[1], expected[1].to(gpu_device), call=call + ", its h_n,", atol=1e-5)
