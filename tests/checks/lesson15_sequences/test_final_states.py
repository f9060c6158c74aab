"""Checks for lesson15/final_states."""

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_tensor,
    describe_call,
    randint,
    randn,
    random_shape,
    require_function,
)


def _call(exercise, output, lengths, **kwargs):
    final_states = require_function(exercise, "final_states")
    return final_states(output, lengths, **kwargs), describe_call("final_states", output,
                                                                  lengths, **kwargs)


def _packed_run(rng, mode, steps, batch, hidden, bidirectional, batch_first, lengths=None):
    """A real layer over a padded batch: (padded output, lengths, what its h_n says)."""
    layer = getattr(nn, mode)(3, hidden, bidirectional=bidirectional, batch_first=batch_first)
    x = randn(*((batch, steps, 3) if batch_first else (steps, batch, 3)), generator=rng)
    if lengths is None:
        lengths = randint(1, steps + 1, batch, generator=rng)
        lengths[0] = steps                     # so the padded output keeps all T steps
    with torch.no_grad():
        packed = pack_padded_sequence(x, lengths, batch_first=batch_first, enforce_sorted=False)
        out, state = layer(packed)
        output, _ = pad_packed_sequence(out, batch_first=batch_first, total_length=steps)
    h_n = state[0] if mode == "LSTM" else state
    summary = torch.cat((h_n[-2], h_n[-1]), dim=1) if bidirectional else h_n[-1]
    return output, lengths, summary


def _mistake(got, output, lengths, bidirectional, batch_first):
    """A hint when the result matches a known mistake, else None."""
    if not isinstance(got, torch.Tensor):
        return None
    tm = output.transpose(0, 1) if batch_first else output
    rows = torch.arange(tm.shape[1])
    at_end = tm[lengths - 1, rows]
    half = tm.shape[2] // 2
    candidates = [
        (tm[-1], "output[-1] is the last PADDED step: for a shorter sequence it holds padding "
                 "(zeros after pad_packed_sequence). Read step lengths[b] - 1 of sequence b."),
    ]
    if bidirectional:
        candidates += [
            (at_end, "the backward direction (the last H features) reads the sequence from its "
                     "end, so its final state sits at step 0, not at step lengths[b] - 1."),
            (torch.cat((tm[0, :, :half], at_end[:, half:]), dim=1),
             "the halves are the other way round: the FIRST H features are the forward "
             "direction (final at lengths[b] - 1), the last H the backward one (final at 0)."),
        ]
    shorter = (lengths - 2).clamp(min=0)
    candidates.append((tm[shorter, rows], "a sequence of length L ends at step L - 1; one step "
                                          "earlier is off by one."))
    for wrong, hint in candidates:
        if wrong is not None and wrong.shape == got.shape and torch.allclose(
                got.detach().cpu().double(), wrong.double(), atol=1e-6):
            return hint
    return None


def _check(exercise, output, lengths, expected, bidirectional, batch_first):
    got, call = _call(exercise, output, lengths, bidirectional=bidirectional,
                      batch_first=batch_first)
    assert_close(got, expected, call=call, atol=1e-6,
                 hint=_mistake(got, output, lengths, bidirectional, batch_first))


@pytest.mark.task(1)
def test_small_example(exercise):
    """x[t, b] = 2t + b, lengths [3, 1]: the final states are x[2, 0] = 4 and x[0, 1] = 1"""
    output = torch.arange(6.0).view(3, 2, 1)
    lengths = torch.tensor([3, 1])
    _check(exercise, output, lengths, torch.tensor([[4.0], [1.0]]), False, False)


@pytest.mark.task(1)
@pytest.mark.parametrize("mode", ["GRU", "LSTM"])
def test_matches_h_n_one_direction(exercise, rng, mode):
    """one direction: equals h_n[-1] of a packed nn.GRU / nn.LSTM run, shape (B, H)"""
    steps, batch, hidden = random_shape(rng, 3, 2, 8, names="T, B, H")
    output, lengths, expected = _packed_run(rng, mode, steps, batch, hidden, False, False)
    _check(exercise, output, lengths, expected, False, False)


@pytest.mark.task(2)
@pytest.mark.parametrize("mode", ["GRU", "LSTM"])
def test_matches_h_n_bidirectional(exercise, rng, mode):
    """bidirectional: equals cat(h_n[-2], h_n[-1]) of a packed run, shape (B, 2H)"""
    steps, batch, hidden = random_shape(rng, 3, 2, 8, names="T, B, H")
    output, lengths, expected = _packed_run(rng, mode, steps, batch, hidden, True, False)
    _check(exercise, output, lengths, expected, True, False)


@pytest.mark.task(2)
@pytest.mark.parametrize("bidirectional", [False, True], ids=["one_direction", "bidirectional"])
def test_batch_first(exercise, rng, bidirectional):
    """batch_first=True: output (B, T, D*H) gives the same final states"""
    output, lengths, expected = _packed_run(rng, "LSTM", 6, 4, 3, bidirectional, True)
    _check(exercise, output, lengths, expected, bidirectional, True)


@pytest.mark.task(2)
@pytest.mark.parametrize("bidirectional", [False, True], ids=["one_direction", "bidirectional"])
def test_gradient_reaches_the_output(exercise, rng, bidirectional):
    """the result stays in the autograd graph: the gradient lands on exactly the steps read"""
    output, lengths, _ = _packed_run(rng, "GRU", 5, 4, 3, bidirectional, False)
    features = output.shape[2]
    upstream = randn(4, features, generator=rng)
    mine = output.clone().requires_grad_(True)
    got, call = _call(exercise, mine, lengths, bidirectional=bidirectional)
    assert_tensor(got, call=call, shape=(4, features))
    assert got.grad_fn is not None, (
        f"{call} returned a tensor with no autograd history: a classifier trained on these "
        "final states needs their gradient. Do not detach, and avoid torch.no_grad().")
    (got * upstream).sum().backward()
    theirs = output.clone().requires_grad_(True)
    at_end = theirs[lengths - 1, torch.arange(4)]
    expected = torch.cat((at_end[:, :3], theirs[0, :, 3:]), dim=1) if bidirectional else at_end
    (expected * upstream).sum().backward()
    assert_close(mine.grad, theirs.grad, call=f"output.grad after backward through {call}")


@pytest.mark.task(1)
def test_all_full_length(exercise, rng):
    """when every length is T, one direction's final state is output[-1]"""
    output = randn(5, 3, 4, generator=rng)
    lengths = torch.full((3,), 5)
    _check(exercise, output, lengths, output[-1].clone(), False, False)


@pytest.mark.task(1)
@pytest.mark.parametrize("bidirectional", [False, True], ids=["one_direction", "bidirectional"])
def test_float64_noncontiguous(exercise, rng, bidirectional):
    """a float64, non-contiguous output (a transposed view) keeps its dtype, in both modes"""
    batch_major = randn(4, 6, 2, generator=rng, dtype=torch.float64)
    output = batch_major.transpose(0, 1)                # (T, B, D*H) view, not contiguous
    lengths = randint(1, 7, 4, generator=rng)
    at_end = output[lengths - 1, torch.arange(4)]
    expected = torch.cat((at_end[:, :1], output[0, :, 1:]), dim=1) if bidirectional else at_end
    _check(exercise, output, lengths, expected, bidirectional, False)


@pytest.mark.task(1)
def test_empty_batch(exercise):
    """an empty batch (B = 0) gives an empty (0, D*H) tensor"""
    output = torch.zeros(3, 0, 4)
    lengths = torch.zeros(0, dtype=torch.int64)
    got, call = _call(exercise, output, lengths, bidirectional=True)
    assert_tensor(got, call=call, shape=(0, 4), dtype=torch.float32)


@pytest.mark.task(3)
@pytest.mark.parametrize("bidirectional", [False, True], ids=["one_direction", "bidirectional"])
@pytest.mark.parametrize("lengths_on", ["cpu", "meta"])
def test_meta_device(exercise, meta_call, bidirectional, lengths_on):
    """on 'meta' (a stand-in for a GPU) the result stays there, with lengths on the CPU or not"""
    output = torch.empty(5, 3, 6, device="meta")
    lengths = torch.empty(3, dtype=torch.int64, device=lengths_on)
    if lengths_on == "cpu":
        lengths = torch.tensor([5, 2, 4])
    shown = describe_call("final_states", output, lengths, bidirectional=bidirectional)
    got = meta_call(shown, lambda: _call(exercise, output, lengths,
                                         bidirectional=bidirectional)[0])
    assert_tensor(got, call=shown, shape=(3, 6), dtype=torch.float32)
    assert_tensor(got, call=shown, device="meta",
                  hint="pad_packed_sequence returns lengths on the CPU while the output may sit "
                       "on a GPU: bring lengths to output.device before indexing with it.")


@pytest.mark.task(3)
@pytest.mark.parametrize("batch_first", [False, True], ids=["time_major", "batch_first"])
def test_inputs_left_unchanged(exercise, rng, batch_first):
    """output and lengths are not modified (nor reshaped in place)"""
    output, lengths, _ = _packed_run(rng, "GRU", 5, 4, 3, True, batch_first)
    kept = output.clone(), lengths.clone()
    _, call = _call(exercise, output, lengths, bidirectional=True, batch_first=batch_first)
    for now, before, name in zip((output, lengths), kept, ("output", "lengths")):
        assert_equal(now, before, call=f"after {call}, the caller's {name}",
                     hint="work on new tensors: lengths - 1, not lengths.sub_(1); "
                          "output.transpose(0, 1), not output.transpose_(0, 1).")


BAD = {
    "output is 2-D": ((5, 6), (5,), False),
    "lengths has B+1 entries": ((5, 3, 6), (4,), False),
    "lengths is (B, 1)": ((5, 3, 6), (3, 1), False),
    "bidirectional with an odd feature size": ((5, 3, 7), (3,), True),
}


@pytest.mark.task(4)
@pytest.mark.parametrize("case", sorted(BAD))
def test_raises_on_bad_input(exercise, rng, case):
    """a badly shaped output or lengths (or an odd D*H when bidirectional) raises ValueError"""
    output_shape, lengths_shape, bidirectional = BAD[case]
    output = randn(*output_shape, generator=rng)
    lengths = torch.ones(lengths_shape, dtype=torch.int64)
    final_states = require_function(exercise, "final_states")
    call = describe_call("final_states", output, lengths, bidirectional=bidirectional)
    with pytest.raises(ValueError):
        final_states(output, lengths, bidirectional=bidirectional)
        pytest.fail(f"{call} ({case}) did not raise ValueError.", pytrace=False)


@pytest.mark.task(4)
def test_rule_no_iteration(exercise, rng, no_python_iteration, torch_calls):
    """rule: no Python iteration; the work does not grow with the batch (B = 2 vs B = 9)"""
    counts = []
    for batch in (2, 9):
        output, lengths, expected = _packed_run(rng, "GRU", 4, batch, 3, True, False)
        (got, call), count = torch_calls(_call, exercise, output, lengths, bidirectional=True)
        assert_close(got, expected, call=call, atol=1e-6)
        counts.append(count)
    no_python_iteration(exercise)
    assert counts[0] == counts[1], (
        f"Rule broken: final_states made {counts[0]} torch operations for a batch of 2 and "
        f"{counts[1]} for a batch of 9: it works one sequence at a time. Build one index for "
        "the whole batch (gather, or advanced indexing with lengths - 1 and arange(B)).")


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA, with lengths on the CPU (as pad_packed_sequence returns them): matches the CPU"""
    output, lengths, expected = _packed_run(rng, "LSTM", 7, 5, 4, True, False)
    got, call = _call(exercise, output.to(gpu_device), lengths, bidirectional=True)
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-6)
