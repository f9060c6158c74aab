"""Checks for lesson15/recurrent_shapes."""

import pytest
import torch
from torch import nn

from tutor.testing import (
    describe_call,
    draw_int,
    forbidden,
    random_shape,
    require_function,
)

FORBIDDEN = ("torch.nn.modules.rnn.RNNBase.__init__", "torch.nn.modules.rnn.RNNCellBase.__init__",
             "torch.lstm", "torch.gru", "torch.rnn_tanh", "torch.rnn_relu", "torch.empty",
             "torch.zeros", "torch.ones", "torch.randn", "torch.rand", "torch.tensor")
RULE = "Work the shapes out from the sizes, in plain Python, without building a layer."
KEYS = ("output", "h_n", "c_n", "num_parameters")
GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}


def _call(exercise, *args, **kwargs):
    recurrent_shapes = require_function(exercise, "recurrent_shapes")
    call = describe_call("recurrent_shapes", *args, **kwargs)
    with forbidden(*FORBIDDEN, rule=RULE):
        got = recurrent_shapes(*args, **kwargs)
    if not isinstance(got, dict) or set(got) != set(KEYS):
        keys = sorted(got) if isinstance(got, dict) else None
        raise AssertionError(f"{call} returned {type(got).__name__}"
                             f"{f' with keys {keys}' if keys is not None else ''}; expected a "
                             f"dict with exactly the keys {list(KEYS)}.")
    return got, call


def _torch_says(mode, input_size, hidden_size, seq_len, batch, num_layers=1,
                bidirectional=False, batch_first=False):
    """The real layer, built and run on zeros (on the CPU: for these small sizes a real run
    takes milliseconds, the meta device's decomposed recurrent kernels most of a second)."""
    layer = getattr(nn, mode)(input_size, hidden_size, num_layers,
                              bidirectional=bidirectional, batch_first=batch_first)
    x = torch.zeros((batch, seq_len, input_size) if batch_first
                    else (seq_len, batch, input_size))
    with torch.no_grad():
        output, state = layer(x)
    h_n, c_n = state if mode == "LSTM" else (state, None)
    return {"output": tuple(output.shape), "h_n": tuple(h_n.shape),
            "c_n": None if c_n is None else tuple(c_n.shape),
            "num_parameters": sum(p.numel() for p in layer.parameters())}


def _param_count(mode, i, h, layers, directions, gates=None, biases=2, deep_input=None):
    rows = (gates or GATES[mode]) * h
    total = 0
    for layer in range(layers):
        layer_input = i if layer == 0 else (deep_input or directions * h)
        total += directions * (rows * (layer_input + h) + biases * rows)
    return total


def _count_hint(got, mode, i, h, layers, bidirectional):
    d = 2 if bidirectional else 1
    wrong_gates = {"GRU": 4, "LSTM": 3, "RNN": 4}[mode]
    candidates = [
        (_param_count(mode, i, h, layers, d, gates=wrong_gates),
         "the gates are stacked in the weights: 4·H rows for LSTM (i, f, g, o), 3·H for GRU "
         "(r, z, n), H for a plain RNN."),
        (_param_count(mode, i, h, layers, d, biases=1),
         "PyTorch keeps TWO bias vectors per layer and direction, b_ih and b_hh."),
        (_param_count(mode, i, h, layers, 1),
         "each direction has its own weights: count them twice when bidirectional."),
        (_param_count(mode, i, h, layers, d, deep_input=h),
         "layers after the first read the previous layer's output, which has D·H features "
         "(both directions when bidirectional)."),
    ]
    for count, hint in candidates:
        if got == count:
            return hint
    return None


def _shape_hint(key, got, want, mode, batch_first):
    if key == "c_n" and want is None:
        return "only an LSTM has a cell state: c_n is None for RNN and GRU."
    if key == "c_n" and got is None:
        return "an LSTM returns (h_n, c_n): c_n has h_n's shape."
    if not isinstance(got, tuple) or len(got) != len(want):
        return None
    if key in ("h_n", "c_n") and got == (want[1], want[0], want[2]):
        return ("h_n and c_n are (num_layers * D, B, H) even with batch_first=True: "
                "batch_first changes the input and output only.")
    if key == "output" and got == (want[1], want[0], want[2]):
        return "batch_first=True puts the batch first: (B, T, D*H); else (T, B, D*H)."
    if key == "output" and got[-1] * 2 == want[-1]:
        return "a bidirectional layer concatenates both directions: D*H output features."
    if key in ("h_n", "c_n") and got[0] * 2 == want[0]:
        return "there is one final state per layer AND direction: num_layers * D of them."
    return None


def _compare(got, want, call, args):
    mode, i, h, _, _, layers, bidirectional, batch_first = args
    for key in ("output", "h_n", "c_n"):
        value = got[key]
        if value is not None and not (isinstance(value, tuple)
                                      and all(isinstance(s, int) for s in value)):
            raise AssertionError(f"{call}[{key!r}] is {value!r}; expected a tuple of ints"
                                 f"{' or None' if key == 'c_n' else ''}.")
        if value != want[key]:
            hint = _shape_hint(key, value, want[key], mode, batch_first)
            raise AssertionError(f"{call}[{key!r}] is {value!r}; expected {want[key]!r}."
                                 + (f"\nHint: {hint}" if hint else ""))
    count = got["num_parameters"]
    if not isinstance(count, int) or count != want["num_parameters"]:
        hint = _count_hint(count, mode, i, h, layers, bidirectional)
        raise AssertionError(f"{call}['num_parameters'] is {count!r}; expected "
                             f"{want['num_parameters']} (sum of p.numel() over the layer's "
                             "parameters)." + (f"\nHint: {hint}" if hint else ""))


def _check(exercise, *args):
    got, call = _call(exercise, *args)
    _compare(got, _torch_says(*args), call, args)


def _random_sizes(rng):
    return list(random_shape(rng, 4, 1, 12, names="input_size, hidden_size, seq_len, batch"))


@pytest.mark.task(1)
def test_small_example(exercise):
    """LSTM(100, 20, num_layers=4) on 10 steps of 3: output (10, 3, 20), h_n = c_n = (4, 3, 20)"""
    got, call = _call(exercise, "LSTM", 100, 20, seq_len=10, batch=3, num_layers=4)
    _compare(got, _torch_says("LSTM", 100, 20, 10, 3, 4), call,
             ("LSTM", 100, 20, 10, 3, 4, False, False))


@pytest.mark.task(1)
@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
def test_defaults(exercise, rng, mode):
    """the defaults are nn.RNN's: num_layers=1, bidirectional=False, batch_first=False"""
    i, h, t, b = _random_sizes(rng)
    got, call = _call(exercise, mode, i, h, t, b)
    _compare(got, _torch_says(mode, i, h, t, b), call, (mode, i, h, t, b, 1, False, False))


@pytest.mark.task(1)
@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("batch_first", [False, True], ids=["time_major", "batch_first"])
def test_one_layer(exercise, rng, mode, batch_first):
    """one layer, one direction: output, h_n and c_n (LSTM only) as the real layer gives them"""
    i, h, t, b = _random_sizes(rng)
    _check(exercise, mode, i, h, t, b, 1, False, batch_first)


@pytest.mark.task(2)
@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("batch_first", [False, True], ids=["time_major", "batch_first"])
def test_stacked_bidirectional(exercise, rng, mode, batch_first):
    """num_layers 2-4 and bidirectional: shapes and parameter count as the real layer gives them"""
    i, h, t, b = _random_sizes(rng)
    layers = draw_int(rng, 2, 4, "num_layers")
    _check(exercise, mode, i, h, t, b, layers, True, batch_first)


@pytest.mark.task(2)
@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
def test_stacked_one_direction(exercise, rng, mode):
    """several layers in one direction: h_n has one state per layer"""
    i, h, t, b = _random_sizes(rng)
    _check(exercise, mode, i, h, t, b, 3, False, False)


@pytest.mark.task(3)
@pytest.mark.parametrize("mode", ["RNN", "GRU", "LSTM"])
def test_parameter_count(exercise, rng, mode):
    """num_parameters equals the real layer's, gates, both biases and deeper inputs included"""
    for bidirectional in (False, True):
        i, h, _, _ = _random_sizes(rng)
        _check(exercise, mode, i, h, 2, 2, 2, bidirectional, False)


@pytest.mark.task(4)
@pytest.mark.parametrize("mode", ["lstm", "Transformer", "RNN_TANH", ""])
def test_raises_on_unknown_mode(exercise, mode):
    """a mode other than "RNN", "GRU" or "LSTM" raises ValueError"""
    call = describe_call("recurrent_shapes", mode, 4, 5, 3, 2)
    with pytest.raises(ValueError):
        _call(exercise, mode, 4, 5, 3, 2)
        pytest.fail(f"{call} did not raise ValueError.", pytrace=False)


SIZE_NAMES = ("input_size", "hidden_size", "seq_len", "batch", "num_layers")


@pytest.mark.task(4)
@pytest.mark.parametrize("name", SIZE_NAMES)
@pytest.mark.parametrize("value", [0, -2])
def test_raises_on_bad_size(exercise, name, value):
    """a size below 1 raises ValueError, whichever size it is"""
    sizes = dict(zip(SIZE_NAMES, (4, 5, 3, 2, 2)))
    sizes[name] = value
    args = ("GRU", sizes["input_size"], sizes["hidden_size"], sizes["seq_len"], sizes["batch"],
            sizes["num_layers"])
    call = describe_call("recurrent_shapes", *args)
    with pytest.raises(ValueError):
        _call(exercise, *args)
        pytest.fail(f"{call} did not raise ValueError: {name} must be at least 1.",
                    pytrace=False)


@pytest.mark.task(4)
def test_rule_no_layer_built(exercise, rng):
    """rule: no layer built and no tensors made; the shapes come from arithmetic"""
    i, h, t, b = _random_sizes(rng)
    _check(exercise, "GRU", i, h, t, b, 2, True, True)


@pytest.mark.gpu
def test_gpu_layer_agrees(exercise, rng, gpu_device):
    """on CUDA: a real LSTM (cuDNN) gives the shapes and count you computed"""
    i, h, t, b = _random_sizes(rng)
    got, call = _call(exercise, "LSTM", i, h, t, b, 2, True, True)
    layer = nn.LSTM(i, h, 2, bidirectional=True, batch_first=True).to(gpu_device)
    with torch.no_grad():
        output, (h_n, c_n) = layer(torch.zeros(b, t, i, device=gpu_device))
    want = {"output": tuple(output.shape), "h_n": tuple(h_n.shape), "c_n": tuple(c_n.shape),
            "num_parameters": sum(p.numel() for p in layer.parameters())}
    _compare(got, want, call, ("LSTM", i, h, t, b, 2, True, True))
