"""Checks for lesson15/embed."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    assert_close,
    assert_equal,
    assert_tensor,
    describe_call,
    draw_int,
    forbidden,
    randint,
    randn,
    require_function,
)

FORBIDDEN = ("torch.nn.functional.embedding", "torch.embedding",
             "torch.nn.functional.embedding_bag", "torch.embedding_bag")
RULE = "Look the rows up yourself: indexing (or a one-hot matrix product) is the point here."
PADDING_GRAD_HINT = (
    "padding_idx only stops training: positions holding padding_idx still read that row, "
    "but no gradient may reach it. Detach the output at those positions (torch.where with a "
    "mask and out.detach()), or look the padding row up from weight.detach().")


def _call(exercise, ids, weight, *args, **kwargs):
    embed = require_function(exercise, "embed")
    with forbidden(*FORBIDDEN, rule=RULE):
        return embed(ids, weight, *args, **kwargs)


def _inputs(rng, ids_shape, vocab, dim, dtype=torch.float32, device="cpu"):
    weight = randn(vocab, dim, generator=rng, device=device).to(dtype)
    ids = randint(0, vocab, *ids_shape, generator=rng, device=device)
    return ids, weight


def _grads(fn, ids, weight, upstream, **kwargs):
    """weight.grad after backward of (fn(ids, weight) * upstream).sum(), on a fresh leaf."""
    leaf = weight.detach().clone().requires_grad_(True)
    out = fn(ids, leaf, **kwargs)
    assert_tensor(out, call=describe_call("embed", ids, leaf, **kwargs),
                  shape=tuple(upstream.shape))
    if out.grad_fn is None:
        raise AssertionError(
            f"{describe_call('embed', ids, leaf, **kwargs)} returned a tensor with no autograd "
            "history although weight requires grad: do not detach the whole output "
            "(or wrap it in torch.no_grad()); only the padding positions stop the gradient.")
    (out * upstream).sum().backward()
    return leaf.grad


@pytest.mark.task(1)
def test_small_example(exercise):
    """a 4x3 table and ids [[2, 0], [3, 3]] give rows 2, 0, 3, 3: shape (2, 2, 3)"""
    weight = torch.arange(12.0).view(4, 3)
    ids = torch.tensor([[2, 0], [3, 3]])
    expected = F.embedding(ids, weight)
    got = _call(exercise, ids, weight)
    assert_close(got, expected, call=describe_call("embed", ids, weight))


@pytest.mark.task(1)
@pytest.mark.parametrize("ids_shape", [(5,), (3, 4), (2, 3, 2), (), (0,), (1, 7)],
                         ids=lambda s: "x".join(map(str, s)) or "scalar")
def test_random_shapes(exercise, rng, device, ids_shape):
    """ids of any shape (...) give (..., D) equal to nn.Embedding's output, on weight's device"""
    vocab, dim = draw_int(rng, 2, 29, "vocab"), draw_int(rng, 1, 8, "dim")
    ids, weight = _inputs(rng, ids_shape, vocab, dim, device=device)
    expected = F.embedding(ids, weight)
    got = _call(exercise, ids, weight)
    assert_close(got, expected, call=describe_call("embed", ids, weight),
                 hint=("the result has ids' shape plus one dimension of size D at the end."
                       if isinstance(got, torch.Tensor) and got.shape != ids_shape + (dim,)
                       else None))


@pytest.mark.task(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16, torch.bfloat16],
                         ids=lambda d: str(d).removeprefix("torch."))
@pytest.mark.parametrize("padding_idx", [None, 2], ids=["no_padding", "padding_idx"])
def test_keeps_weight_dtype(exercise, rng, dtype, padding_idx):
    """the rows keep weight's dtype (float64, float16, bfloat16), exactly, with or without padding_idx"""
    ids, weight = _inputs(rng, (3, 5), 11, 4, dtype=dtype)
    ids[0, 0] = 2
    expected = F.embedding(ids, weight, padding_idx=padding_idx)
    got = _call(exercise, ids, weight, padding_idx=padding_idx)
    assert_equal(got, expected, call=describe_call("embed", ids, weight, padding_idx=padding_idx),
                 hint=("the result changed dtype somewhere: keep weight's dtype on every path "
                       "(with and without padding_idx). A .float() or a float32 one-hot "
                       "matrix converts it; use .to(weight.dtype) where you need a cast."
                       if isinstance(got, torch.Tensor) and got.dtype != dtype else None))


@pytest.mark.task(1)
def test_int32_ids(exercise, rng):
    """int32 ids work as int64 ones do"""
    ids, weight = _inputs(rng, (4, 2), 9, 3)
    ids32 = ids.to(torch.int32)
    expected = F.embedding(ids, weight)
    got = _call(exercise, ids32, weight)
    assert_close(got, expected, call=describe_call("embed", ids32, weight))


@pytest.mark.task(1)
def test_meta_device(exercise, meta_call):
    """on data-free 'meta' tensors (a stand-in for a GPU) the result stays on weight's device"""
    weight = torch.empty(13, 6, device="meta")
    ids = torch.empty(4, 5, dtype=torch.int64, device="meta")
    shown = "embed(<int64 (4, 5) on meta>, <float32 (13, 6) on meta>, padding_idx=0)"
    got = meta_call(shown, _call, exercise, ids, weight, padding_idx=0)
    assert_tensor(got, call=shown, shape=(4, 5, 6), dtype=torch.float32, device="meta")
    shown = shown.replace("padding_idx=0", "padding_idx=None")
    got = meta_call(shown, _call, exercise, ids, weight)
    assert_tensor(got, call=shown, shape=(4, 5, 6), dtype=torch.float32, device="meta")


@pytest.mark.task(1)
def test_gradient_reaches_used_rows(exercise, rng):
    """weight's gradient matches nn.Embedding's: used rows get it (repeats add up), others 0"""
    ids, weight = _inputs(rng, (6, 3), 8, 5)
    ids[0, :] = ids[1, 0]                       # a repeated id: its gradients must add up
    upstream = randn(6, 3, 5, generator=rng)
    got = _grads(lambda i, w: _call(exercise, i, w), ids, weight, upstream)
    want = _grads(F.embedding, ids, weight, upstream)
    assert_close(got, want, call="weight.grad after embed(ids, weight) and backward",
                 atol=1e-5, rtol=1e-5)


@pytest.mark.task(2)
def test_padding_row_is_read(exercise, rng, device):
    """positions holding padding_idx still read that row (it is not forced to zero)"""
    ids, weight = _inputs(rng, (5, 4), 10, 3, device=device)
    ids[:, 0] = 3
    expected = F.embedding(ids, weight, padding_idx=3)      # before the call: weight may change
    got = _call(exercise, ids, weight, padding_idx=3)
    zero_at_pad = (isinstance(got, torch.Tensor) and got.shape == expected.shape
                   and bool((got[:, 0] == 0).all()))
    assert_close(got, expected, call=describe_call("embed", ids, weight, padding_idx=3),
                 hint=("padding_idx does not zero the output: nn.Embedding only STARTS that "
                       "row at zero and never trains it. With a table you are given (pretrained "
                       "weights here), the padding positions read whatever the row holds."
                       if zero_at_pad else None))


@pytest.mark.task(2)
@pytest.mark.parametrize("padding_idx", [0, 4, -1, -7])
def test_padding_row_gets_no_gradient(exercise, rng, padding_idx):
    """no gradient reaches padding_idx's row (negative counts from the end); the rest as before"""
    vocab = 7
    ids, weight = _inputs(rng, (4, 6), vocab, 3)
    ids[0, :3] = padding_idx % vocab
    upstream = randn(4, 6, 3, generator=rng)
    got = _grads(lambda i, w, **k: _call(exercise, i, w, **k), ids, weight, upstream,
                 padding_idx=padding_idx)
    want = _grads(F.embedding, ids, weight, upstream, padding_idx=padding_idx)
    row = padding_idx % vocab
    leaked = got.shape == want.shape and bool(got[row].abs().sum() > 0)
    assert_close(got, want, call=f"weight.grad after embed(ids, weight, padding_idx={padding_idx})"
                                 " and backward", atol=1e-5, rtol=1e-5,
                 hint=PADDING_GRAD_HINT if leaked else None)


@pytest.mark.task(2)
def test_inputs_left_unchanged(exercise, rng):
    """ids and weight are not modified (not even the padding row), and get no .grad"""
    ids, weight = _inputs(rng, (3, 4), 6, 5)
    ids[0, 0] = 2
    weight.requires_grad_(True)
    kept_ids, kept_weight = ids.clone(), weight.detach().clone()
    try:
        _call(exercise, ids, weight, padding_idx=2)
    except NotImplementedError:
        raise                               # an untouched stub: not started
    except RuntimeError as error:
        raise AssertionError(
            f"{describe_call('embed', ids, weight, padding_idx=2)} raised RuntimeError: "
            f"{error}\nHint: do not write into weight (weight[padding_idx] = 0 changes the "
            "caller's table, and a leaf that requires grad refuses it). Return new values.") \
            from error
    for now, before, name in ((ids, kept_ids, "ids"), (weight.detach(), kept_weight, "weight")):
        assert_equal(now, before, call=f"after embed(ids, weight, padding_idx=2), the caller's "
                                       f"{name}",
                     hint="return a new tensor; do not assign into the arguments.")
    assert weight.requires_grad and weight.grad is None, (
        "after embed(ids, weight, padding_idx=2) the caller's weight changed: it should still "
        "require grad and have no .grad (embed only looks rows up; backward is the caller's).")


@pytest.mark.task(3)
@pytest.mark.parametrize("bad_dtype", [torch.float32, torch.bool, torch.uint8],
                         ids=lambda d: str(d).removeprefix("torch."))
def test_raises_on_bad_ids(exercise, rng, bad_dtype):
    """ids that are not int64/int32 (float, bool, uint8) raise TypeError"""
    ids, weight = _inputs(rng, (2, 3), 5, 4)
    bad = ids.to(bad_dtype) if bad_dtype != torch.bool else ids > 2
    call = describe_call("embed", bad, weight)
    with pytest.raises(TypeError):
        _call(exercise, bad, weight)
        pytest.fail(f"{call} did not raise TypeError. A bool or uint8 index selects with a "
                    "MASK instead of looking rows up, and a float index is meaningless: "
                    "accept only torch.int64 and torch.int32.", pytrace=False)


@pytest.mark.task(3)
@pytest.mark.parametrize("weight_shape", [(6,), (6, 2, 3)])
def test_raises_on_bad_weight(exercise, rng, weight_shape):
    """a weight that is not 2-D (num_embeddings, embedding_dim) raises ValueError"""
    ids = randint(0, 6, 4, generator=rng)
    weight = randn(*weight_shape, generator=rng)
    call = describe_call("embed", ids, weight)
    with pytest.raises(ValueError):
        _call(exercise, ids, weight)
        pytest.fail(f"{call} did not raise ValueError: the table must be 2-D "
                    "(num_embeddings, embedding_dim).", pytrace=False)


@pytest.mark.task(3)
@pytest.mark.parametrize("padding_idx", [7, -8, 100])
def test_raises_on_bad_padding_idx(exercise, rng, padding_idx):
    """padding_idx outside -V .. V-1 raises ValueError (V = 7 rows here)"""
    ids, weight = _inputs(rng, (3,), 7, 2)
    call = describe_call("embed", ids, weight, padding_idx=padding_idx)
    with pytest.raises(ValueError):
        _call(exercise, ids, weight, padding_idx=padding_idx)
        pytest.fail(f"{call} did not raise ValueError: padding_idx must name a row, "
                    "-V .. V-1 as nn.Embedding allows.", pytrace=False)


@pytest.mark.task(3)
@pytest.mark.parametrize("padding_idx", [6, -7])
def test_accepts_extreme_padding_idx(exercise, rng, padding_idx):
    """padding_idx = V-1 and -V are valid rows (V = 7 here)"""
    ids, weight = _inputs(rng, (5,), 7, 2)
    expected = F.embedding(ids, weight, padding_idx=padding_idx)
    got = _call(exercise, ids, weight, padding_idx=padding_idx)
    assert_close(got, expected,
                 call=describe_call("embed", ids, weight, padding_idx=padding_idx))


@pytest.mark.task(4)
def test_rule_whole_tensor_lookup(exercise, rng, no_python_iteration, torch_calls):
    """rule: no F.embedding, no Python iteration; the work does not grow with the number of ids"""
    counts = []
    for n in (3, 40):
        ids, weight = _inputs(rng, (n,), 9, 4)
        expected = F.embedding(ids, weight, padding_idx=1)
        got, count = torch_calls(_call, exercise, ids, weight, padding_idx=1)
        assert_close(got, expected,
                     call=describe_call("embed", ids, weight, padding_idx=1))
        counts.append(count)
    no_python_iteration(exercise)
    assert counts[0] == counts[1], (
        f"Rule broken: embed made {counts[0]} torch operations for 3 ids but {counts[1]} for "
        "40: it does work per id, a loop in disguise. Index the table with the whole ids "
        "tensor at once (weight[ids]).")


@pytest.mark.gpu
def test_gpu(exercise, rng, gpu_device):
    """on CUDA: the rows and their gradient stay on the GPU and match the CPU"""
    ids, weight = _inputs(rng, (8, 5), 20, 6)
    upstream = randn(8, 5, 6, generator=rng)
    expected = F.embedding(ids, weight, padding_idx=0).to(gpu_device)
    got = _call(exercise, ids.to(gpu_device), weight.to(gpu_device), padding_idx=0)
    assert_close(got, expected,
                 call=describe_call("embed", ids.to(gpu_device), weight.to(gpu_device),
                                    padding_idx=0))
    grad = _grads(lambda i, w, **k: _call(exercise, i, w, **k), ids.to(gpu_device),
                  weight.to(gpu_device), upstream.to(gpu_device), padding_idx=0)
    assert_close(grad, _grads(F.embedding, ids, weight, upstream, padding_idx=0).to(gpu_device),
                 call="weight.grad on the GPU", atol=1e-5, rtol=1e-5)
