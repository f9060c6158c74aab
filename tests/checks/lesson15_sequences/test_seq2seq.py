"""Checks for lesson15/seq2seq."""

import copy

import pytest
import torch

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_tensor,
    describe_call,
    draw_int,
    local_twin,
    randint,
    random_shape,
    reference_solution,
    require_function,
)

SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN = 11, 13, 4, 6
PAD, BOS = 0, 1
SORTED_HINT = ("pack_padded_sequence(..., enforce_sorted=True) (its default) needs lengths in "
               "decreasing order; a batch of sentences is not sorted. Pass enforce_sorted=False "
               "and PyTorch sorts (and unsorts h_n) for you.")
HIDDEN_SIZE_HINT = ("a GRU saw a different batch size than the state it was given. One possible "
                    "cause: GRUs built with batch_first=False read (S, B, E), so a (B, S, E) "
                    "tensor must be transposed first; read self.encoder.batch_first.")
CPU_LENGTHS_HINT = ("pack_padded_sequence wants the lengths on the CPU: pass src_lengths.cpu() "
                    "(the data itself may stay on the GPU).")


def _model(exercise, num_layers=1, batch_first=True, dtype=torch.float32):
    Seq2Seq = require_function(exercise, "Seq2Seq")
    model = Seq2Seq(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, num_layers=num_layers, bos_id=BOS,
                    pad_id=PAD, batch_first=batch_first)
    return model.to(dtype)


def _batch(rng, batch, src_len, tgt_len, garbage=False):
    """Padded source ids (pad_id after each length, or garbage), unsorted lengths, targets."""
    lengths = randint(1, src_len + 1, batch, generator=rng)
    lengths[min(1, batch - 1)] = src_len                  # the longest is not first
    src = randint(2, SRC_VOCAB, batch, src_len, generator=rng)
    beyond = torch.arange(src_len) >= lengths.unsqueeze(1)
    src[beyond] = randint(2, SRC_VOCAB, int(beyond.sum()), generator=rng) if garbage else PAD
    tgt = randint(2, TGT_VOCAB, batch, tgt_len, generator=rng)
    return src, lengths, tgt


def _call(model, src, lengths, tgt):
    call = describe_call("Seq2Seq(...).forward", src, lengths, tgt)
    try:
        return model(src, lengths, tgt), call
    except NotImplementedError:
        raise                               # an untouched stub: not started
    except RuntimeError as error:
        hint = (SORTED_HINT if "sorted" in str(error)
                else CPU_LENGTHS_HINT if "CPU" in str(error) and "lengths" in str(error)
                else HIDDEN_SIZE_HINT if "Expected hidden size" in str(error)
                else None)
        if hint is None:
            raise
        raise AssertionError(f"{call} raised RuntimeError: {error}\nHint: {hint}") from error


def _spec(model, src, lengths, tgt, shift=True, use_encoder=True, pack=True):
    """One sequence at a time, no packing needed: the definition of the result."""
    bf = model.encoder.batch_first
    rows = []
    for b in range(src.shape[0]):
        length = int(lengths[b]) if pack else src.shape[1]
        emb = model.src_embedding(src[b:b + 1, :length])          # (1, L, E)
        _, h = model.encoder(emb if bf else emb.transpose(0, 1))
        dec_in = torch.cat((torch.full((1, 1), BOS, device=tgt.device), tgt[b:b + 1, :-1]),
                           dim=1) if shift else tgt[b:b + 1]
        emb = model.tgt_embedding(dec_in)
        out, _ = model.decoder(emb if bf else emb.transpose(0, 1), h if use_encoder else None)
        rows.append(model.head(out if bf else out.transpose(0, 1)))
    return torch.cat(rows)


def _definition(model, fallback=lambda model: model):
    """The model to compute the definition with: a twin built here from the reference
    solution, holding the learner's weights (its layers then run in this process, not one
    round trip each in strict isolation), or ``fallback(model)`` where the learner's layers
    do not fit the given __init__."""
    try:
        Seq2Seq = reference_solution().Seq2Seq
        twin = local_twin(model, lambda: Seq2Seq(
            SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, num_layers=model.encoder.num_layers,
            bos_id=model.bos_id, pad_id=model.pad_id, batch_first=model.encoder.batch_first))
    except Exception:  # noqa: BLE001 - an __init__ changed beyond recognition
        twin = None
    return twin if twin is not None else fallback(model)


def _mistake(got, model, src, lengths, tgt):
    if not isinstance(got, torch.Tensor):
        return None
    with torch.no_grad():
        candidates = [
            (_spec(model, src, lengths, tgt, shift=False),
             "the decoder reads the very token it must predict. Teacher forcing feeds it the "
             "targets shifted right: bos_id, tgt[:, 0], ..., tgt[:, T-2]."),
            (_spec(model, src, lengths, tgt, use_encoder=False),
             "the decoder ignores the source: start it from the encoder's final hidden state "
             "h_n (decoder(emb, h_n))."),
            (_spec(model, src, lengths, tgt, pack=False),
             "the encoder ran over the padding too, so h_n is the state after the padded end. "
             "Pack the embedded source with src_lengths (pack_padded_sequence) first."),
        ]
    for wrong, hint in candidates:
        if wrong.shape == got.shape and torch.allclose(got.detach().cpu(), wrong, atol=1e-5):
            return hint
    return None


def _check(model, src, lengths, tgt, atol=1e-5):
    definition = _definition(model)
    with torch.no_grad():
        expected = _spec(definition, src, lengths, tgt)    # before the call: tgt may change
    got, call = _call(model, src, lengths, tgt)
    assert_close(got, expected, call=call, atol=atol, rtol=1e-5,
                 hint=_mistake(got, definition, src, lengths, tgt))


def _layout(model):
    """What the given __init__ decides: ids, padding rows, layers and parameter shapes."""
    return {"bos_id": model.bos_id, "pad_id": model.pad_id,
            "src_embedding.padding_idx": model.src_embedding.padding_idx,
            "tgt_embedding.padding_idx": model.tgt_embedding.padding_idx,
            "encoder.num_layers": model.encoder.num_layers,
            "decoder.num_layers": model.decoder.num_layers,
            "encoder.batch_first": model.encoder.batch_first,
            "decoder.batch_first": model.decoder.batch_first,
            "parameters": [(name, tuple(p.shape)) for name, p in model.named_parameters()]}


@pytest.mark.task(1)
def test_given_init_kept(exercise, reference, rng):
    """__init__ and its defaults are kept as given (num_layers=1, bos_id=1, pad_id=0, batch_first=True)"""
    Seq2Seq = require_function(exercise, "Seq2Seq")
    call = f"Seq2Seq({SRC_VOCAB}, {TGT_VOCAB}, {EMBED}, {HIDDEN})"
    model = Seq2Seq(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN)
    given = _layout(reference.Seq2Seq(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN))
    for key, want in given.items():
        got = _layout(model)[key]
        assert got == want, (
            f"{call}: {key} is {got!r}, but the given __init__ makes it {want!r}.\nHint: keep "
            "__init__ and its default arguments exactly as given; only forward is yours.")
    _check(model, *_batch(rng, 3, 4, 3))


@pytest.mark.task(1)
def test_shape(exercise, rng):
    """src (B, S), tgt (B, T) give logits (B, T, tgt_vocab), float32"""
    model = _model(exercise)
    src, lengths, tgt = _batch(rng, 3, 5, 4)
    got, call = _call(model, src, lengths, tgt)
    assert_tensor(got, call=call, shape=(3, 4, TGT_VOCAB), dtype=torch.float32,
                  hint="one row of tgt_vocab scores per target position: (B, T, tgt_vocab).")


@pytest.mark.task(1)
@pytest.mark.parametrize("case", range(3))
def test_values(exercise, rng, case):
    """logits equal the definition: each sequence encoded alone, decoder fed bos + tgt[:, :-1]"""
    model = _model(exercise)
    batch, src_len, tgt_len = random_shape(rng, 3, 2, 7, names="batch, src_len, tgt_len")
    _check(model, *_batch(rng, batch, src_len, tgt_len))


@pytest.mark.task(1)
def test_one_target_step(exercise, rng):
    """a target of length 1: the decoder reads only bos_id"""
    model = _model(exercise)
    _check(model, *_batch(rng, 4, 3, 1))


@pytest.mark.task(2)
def test_teacher_forcing_is_causal(exercise, rng):
    """logits[:, t] depend on tgt[:, :t] only: changing tgt[:, k] leaves logits[:, :k+1] alone"""
    model = _model(exercise)
    src, lengths, tgt = _batch(rng, 3, 4, 6)
    k = draw_int(rng, 0, 4, "k")
    changed = tgt.clone()
    changed[:, k] = (tgt[:, k] - 2 + 1) % (TGT_VOCAB - 2) + 2      # another real token
    with torch.no_grad():
        before, call = _call(model, src, lengths, tgt)
        after, _ = _call(model, src, lengths, changed)
    assert_tensor(before, call=call, shape=(3, 6, TGT_VOCAB))
    assert torch.allclose(before[:, :k + 1], after[:, :k + 1], atol=1e-6), (
        f"{call}: changing tgt[:, {k}] changed logits[:, :{k + 1}], which must not see it.\n"
        "Hint: position t predicts tgt[:, t], so the decoder's input at t is the PREVIOUS "
        "token: bos_id, tgt[:, 0], ..., tgt[:, T-2] (shift right by one).")
    assert not torch.allclose(before[:, k + 1:], after[:, k + 1:], atol=1e-6), (
        f"{call}: changing tgt[:, {k}] did not change the later logits[:, {k + 1}:]. The "
        "decoder must read the targets (teacher forcing): tgt_embedding of the shifted tgt.")


@pytest.mark.task(2)
def test_padding_is_ignored(exercise, rng):
    """tokens after a source's length (padding) do not change the logits: pack the source"""
    model = _model(exercise)
    src, lengths, tgt = _batch(rng, 4, 6, 3)
    noisy = src.clone()
    noisy[torch.arange(6) >= lengths.unsqueeze(1)] = 5              # not the pad id
    with torch.no_grad():
        clean, call = _call(model, src, lengths, tgt)
        dirty, _ = _call(model, noisy, lengths, tgt)
    assert_tensor(clean, call=call, shape=(4, 3, TGT_VOCAB))
    assert torch.allclose(clean, dirty, atol=1e-6), (
        f"{call}: the logits changed when only tokens after each source's length changed.\n"
        "Hint: the encoder must stop at each sequence's length: pack the embedded source "
        "(pack_padded_sequence with src_lengths) and start the decoder from the h_n it gives. "
        "padding_idx alone does not do it: the GRU still steps over the padded positions.")


@pytest.mark.task(2)
def test_unsorted_lengths(exercise, rng):
    """lengths in any order (here increasing) work: no sorting assumed"""
    model = _model(exercise)
    src, _, tgt = _batch(rng, 3, 5, 2)
    lengths = torch.tensor([2, 3, 5])
    src[torch.arange(5) >= lengths.unsqueeze(1)] = PAD
    _check(model, src, lengths, tgt)


@pytest.mark.task(3)
@pytest.mark.parametrize("num_layers", [1, 2])
def test_time_major_layers(exercise, rng, num_layers):
    """GRUs built with batch_first=False (and 2 layers): same definition, src/tgt still (B, S)"""
    model = _model(exercise, num_layers=num_layers, batch_first=False)
    _check(model, *_batch(rng, 3, 4, 5))


@pytest.mark.task(3)
def test_two_layers_batch_first(exercise, rng):
    """with 2 layers the decoder starts from both layers of the encoder's h_n"""
    model = _model(exercise, num_layers=2)
    _check(model, *_batch(rng, 4, 5, 3))


@pytest.mark.task(3)
def test_float64(exercise, rng):
    """a float64 model gives float64 logits"""
    model = _model(exercise, dtype=torch.float64)
    _check(model, *_batch(rng, 3, 4, 3), atol=1e-10)


@pytest.mark.task(3)
def test_meta_device(exercise, meta_call):
    """a model and batch on 'meta' (a stand-in for a GPU) give logits there: BOS made on tgt's device"""
    model = _model(exercise).to("meta")
    src = torch.empty(3, 5, dtype=torch.int64, device="meta")
    tgt = torch.empty(3, 4, dtype=torch.int64, device="meta")
    lengths = torch.tensor([5, 2, 4])
    shown = describe_call("Seq2Seq(...).forward", src, lengths, tgt)
    got = meta_call(shown, model, src, lengths, tgt, strict=False)
    assert_tensor(got, call=shown, shape=(3, 4, TGT_VOCAB), dtype=torch.float32, device="meta")


@pytest.mark.task(1)
def test_gradients(exercise, rng):
    """backward reaches every parameter, encoder included, with the definition's gradients"""
    model = _model(exercise, num_layers=2)
    twin = _definition(model, fallback=copy.deepcopy)
    src, lengths, tgt = _batch(rng, 3, 4, 3)
    weights = torch.randn(3, 3, TGT_VOCAB, generator=rng)
    (_spec(twin, src, lengths, tgt) * weights).sum().backward()
    got, call = _call(model, src, lengths, tgt)
    assert_tensor(got, call=call, shape=(3, 3, TGT_VOCAB))
    (got * weights).sum().backward()
    for (name, mine), theirs in zip(model.named_parameters(), twin.parameters()):
        assert mine.grad is not None, (
            f"after backward through {call}, {name} has no gradient: the graph was cut before "
            "it (a .detach() on h_n, or a module left out of the forward pass?).")
        assert_close(mine.grad, theirs.grad, call=f"{name}.grad after backward through {call}",
                     atol=1e-5, rtol=1e-4)


@pytest.mark.task(3)
def test_inputs_left_unchanged(exercise, rng):
    """src, src_lengths and tgt are not modified"""
    model = _model(exercise)
    src, lengths, tgt = _batch(rng, 3, 4, 5)
    kept = [t.clone() for t in (src, lengths, tgt)]
    with torch.no_grad():
        _, call = _call(model, src, lengths, tgt)
    for now, before, name in zip((src, lengths, tgt), kept, ("src", "src_lengths", "tgt")):
        assert_equal(now, before, call=f"after {call}, the caller's {name}",
                     hint="build the decoder input as a NEW tensor (torch.cat of a bos column "
                          "and tgt[:, :-1]); writing into tgt changes the caller's targets.")


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA, lengths on the GPU too: logits on the GPU, equal to the CPU definition"""
    model = _model(exercise)
    src, lengths, tgt = _batch(rng, 4, 5, 3)
    with torch.no_grad():
        expected = _spec(_definition(model), src, lengths, tgt)
    model.to(gpu_device)
    with torch.no_grad():
        got, call = _call(model, src.to(gpu_device), lengths.to(gpu_device), tgt.to(gpu_device))
    assert_close(got, expected.to(gpu_device), call=call, atol=1e-5, rtol=1e-5)
