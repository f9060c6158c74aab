"""Checks for lesson07/deep_backward."""

import pytest
import torch
import torch.nn.functional as F

from tutor.testing import (
    RuleViolation,
    assert_close,
    assert_tensor,
    describe,
    describe_call,
    draw_int,
    no_autograd,
    randint,
    randn,
    random_shape,
    repeats,
    require_function,
)

F64 = torch.float64


def _network(rng, widths, n, dtype=F64, device="cpu"):
    """X, labels and layers for the given widths [D, d_1, ..., C]."""
    X = randn(n, widths[0], generator=rng, dtype=dtype, device=device)
    labels = randint(0, widths[-1], n, generator=rng, device=device)
    weights = [randn(a, b, generator=rng, dtype=dtype, device=device) / a ** 0.5
               for a, b in zip(widths, widths[1:])]
    biases = [0.5 * randn(b, generator=rng, dtype=dtype, device=device) for b in widths[1:]]
    return X, labels, weights, biases


def _random_widths(rng, depth):
    return list(random_shape(rng, depth + 1, 1, 7, names="widths")) if depth else []


def _forward(X, labels, weights, biases):
    a = X
    for layer, (W, b) in enumerate(zip(weights, biases)):
        z = a @ W + b
        a = torch.relu(z) if layer < len(weights) - 1 else z
    return F.cross_entropy(z, labels)


def _autograd(X, labels, weights, biases):
    """Reference gradients by autograd, computed outside the rule's block."""
    ws = [w.detach().clone().requires_grad_(True) for w in weights]
    bs = [b.detach().clone().requires_grad_(True) for b in biases]
    grads = torch.autograd.grad(_forward(X, labels, ws, bs), ws + bs)
    return list(grads[:len(ws)]), list(grads[len(ws):])


def _call(exercise, X, labels, weights, biases):
    deep_backward = require_function(exercise, "deep_backward")
    call = describe_call("deep_backward", X, labels, f"[{len(weights)} weights]",
                         f"[{len(biases)} biases]").replace("'", "")
    with no_autograd("Walk the layers backwards with the δ recursion."):
        result = deep_backward(X, labels, weights, biases)
    if not (isinstance(result, tuple) and len(result) == 2
            and all(isinstance(part, list) for part in result)):
        raise AssertionError(f"{call} returned {describe(result)}; expected a pair of lists "
                             "(d_weights, d_biases).")
    for label, part in zip(("d_weights", "d_biases"), result):
        if len(part) != len(weights):
            raise AssertionError(f"{call} returned {len(part)} {label}; expected one per layer, "
                                 f"{len(weights)}.")
    return result[0], result[1], call


def _hint(got_w, want_w, got_b, want_b, n):
    """A likely cause, only when the numbers support it."""
    pairs = list(zip(got_w + got_b, want_w + want_b))
    if any(g.shape != w.shape for g, w in pairs):
        return None
    got = [g.detach().double().cpu() for g, _ in pairs]
    want = [w.double().cpu() for _, w in pairs]
    close = [torch.allclose(g, w, atol=1e-9, rtol=1e-7) for g, w in zip(got, want)]
    if n > 1 and all(torch.allclose(g, n * w, atol=1e-9, rtol=1e-7)
                     for g, w in zip(got, want)):
        return f"every gradient is N = {n} times too big: δ_L = (p − y) / N, the loss is a mean."
    if close[len(got_w) - 1] and close[-1] and not all(close):
        return ("the last layer is right, so δ_L is; the error starts in the step down. "
                "δ_(l-1) = (δ_l @ W_l.T) · relu'(z_(l-1)): the slope belongs to the ReLU that "
                "made the layer's input (its input > 0), and W_l is the weight of the layer "
                "you are leaving.")
    return None


def _check_against_autograd(got_w, got_b, X, labels, weights, biases, call, atol=1e-10,
                            rtol=1e-8):
    want_w, want_b = _autograd(X, labels, weights, biases)
    for kind, got, want in (("d_weights", got_w, want_w), ("d_biases", got_b, want_b)):
        for layer, (g, w) in enumerate(zip(got, want)):
            hint = None
            if tuple(g.shape) != tuple(w.shape):
                reversed_shape = tuple(want[len(want) - 1 - layer].shape)
                hint = (f"{kind} must be in layer order (layer 1 first); this looks like the "
                        "order you computed them in, last layer first." if
                        tuple(g.shape) == reversed_shape else
                        f"a gradient has its parameter's shape: {tuple(w.shape)}.")
            else:
                hint = _hint(got_w, want_w, got_b, want_b, len(X))
            assert_close(g, w, atol=atol, rtol=rtol, call=f"{call}, {kind}[{layer}],",
                         hint=hint)


@pytest.mark.task(1)
def test_one_layer(exercise, rng):
    """one layer (softmax regression): dW = X.T @ (p − y) / N, db = the column sums of (p − y) / N"""
    X, labels, weights, biases = _network(rng, [3, 4], 5)
    got_w, got_b, call = _call(exercise, X, labels, weights, biases)
    _check_against_autograd(got_w, got_b, X, labels, weights, biases, call)


@pytest.mark.task(2)
@pytest.mark.parametrize("depth", [2, 3, 5])
def test_matches_autograd(exercise, rng, depth):
    """matches autograd for random widths and depth 2, 3 and 5 (float64)"""
    for _ in range(repeats(2)):
        widths = _random_widths(rng, depth)
        widths[-1] = max(widths[-1], 2)
        n = draw_int(rng, 1, 7, name="n")
        X, labels, weights, biases = _network(rng, widths, n)
        got_w, got_b, call = _call(exercise, X, labels, weights, biases)
        _check_against_autograd(got_w, got_b, X, labels, weights, biases, call)


@pytest.mark.task(2)
def test_dead_layer(exercise, rng):
    """a layer whose ReLUs are all off passes no gradient to the layers below it"""
    X, labels, weights, biases = _network(rng, [3, 4, 5, 3], 6)
    biases[1] = biases[1] - 100.0                      # every z of layer 2 is negative
    got_w, got_b, call = _call(exercise, X, labels, weights, biases)
    _check_against_autograd(got_w, got_b, X, labels, weights, biases, call)
    assert_close(got_w[0], torch.zeros_like(weights[0]), atol=0, rtol=0,
                 call=f"{call}, d_weights[0],",
                 hint="no gradient crosses a ReLU whose input is negative.")


@pytest.mark.task(3)
@pytest.mark.parametrize("dtype", [torch.float32, F64])
def test_shapes_dtype_device(exercise, rng, dtype, device):
    """returns one gradient per parameter, in layer order, with its shape, dtype and device"""
    X, labels, weights, biases = _network(rng, [4, 8, 8, 3], 5, dtype=dtype, device=device)
    got_w, got_b, call = _call(exercise, X, labels, weights, biases)
    for kind, got, params in (("d_weights", got_w, weights), ("d_biases", got_b, biases)):
        for layer, (g, p) in enumerate(zip(got, params)):
            assert_tensor(g, shape=tuple(p.shape), dtype=dtype, device=device,
                          call=f"{call}, {kind}[{layer}],",
                          hint="return the lists in layer order (layer 1 first), each "
                               "gradient shaped like its parameter; a one-hot made from the "
                               "labels needs .to(the logits' dtype).")
    tol = dict(atol=1e-5, rtol=1e-4) if dtype == torch.float32 else {}
    _check_against_autograd(got_w, got_b, X, labels, weights, biases, call, **tol)


@pytest.mark.task(3)
def test_meta_device(exercise):
    """creates every tensor on the inputs' device: meta inputs give meta gradients"""
    widths, n = [3, 5, 4], 6
    X = torch.empty(n, widths[0], device="meta", dtype=F64)
    labels = torch.empty(n, device="meta", dtype=torch.int64)
    weights = [torch.empty(a, b, device="meta", dtype=F64) for a, b in zip(widths, widths[1:])]
    biases = [torch.empty(b, device="meta", dtype=F64) for b in widths[1:]]
    try:
        got_w, got_b, call = _call(exercise, X, labels, weights, biases)
    except (RuntimeError, NotImplementedError) as error:
        if isinstance(error, NotImplementedError) and "meta" not in str(error).lower():
            raise  # the untouched stub: reported as "not started"
        raise AssertionError(
            f"deep_backward(...) on meta tensors raised {type(error).__name__}: "
            f"{str(error).splitlines()[0]}\nHint: a tensor created without device= lands on "
            "the CPU (torch.eye(C), torch.arange(N)); create it on X's device, or use "
            "F.one_hot(labels, C). .item() and Python numbers read from tensors don't work "
            "on a GPU without a copy either.") from None
    for kind, got, params in (("d_weights", got_w, weights), ("d_biases", got_b, biases)):
        for layer, (g, p) in enumerate(zip(got, params)):
            assert_tensor(g, shape=tuple(p.shape), dtype=F64, device="meta",
                          call=f"{call}, {kind}[{layer}],")


@pytest.mark.task(4)
def test_no_graph_and_inputs_unchanged(exercise, rng):
    """with weights that require grad: plain results (no graph), inputs untouched, no .grad"""
    X, labels, weights, biases = _network(rng, [3, 4, 2], 4)
    for p in weights + biases:
        p.requires_grad_(True)
    before = [t.detach().clone() for t in (X, labels, *weights, *biases)]
    got_w, got_b, call = _call(exercise, X, labels, weights, biases)
    for kind, got in (("d_weights", got_w), ("d_biases", got_b)):
        for layer, g in enumerate(got):
            assert_tensor(g, call=f"{call}, {kind}[{layer}],")
            assert not g.requires_grad and g.grad_fn is None, (
                f"{call}, {kind}[{layer}], is still attached to a graph "
                f"(grad_fn={type(g.grad_fn).__name__}).\nHint: computing with weights that "
                "require grad records a graph; work under torch.no_grad() (or on detached "
                "copies) so the gradients come back as plain tensors.")
    names = ["X", "labels"] + [f"weights[{i}]" for i in range(len(weights))] + \
        [f"biases[{i}]" for i in range(len(biases))]
    for name, now, then in zip(names, (X, labels, *weights, *biases), before):
        assert torch.equal(now.detach(), then), (
            f"after {call}, {name} has changed.\nHint: compute new tensors; don't update the "
            "inputs in place.")
    for name, p in zip(names[2:], weights + biases):
        assert p.requires_grad and p.grad is None, (
            f"after {call}, {name} has requires_grad={p.requires_grad}, .grad={describe(p.grad)};"
            " expected them as they were (True, None).")
    _check_against_autograd(got_w, got_b, X, labels, weights, biases, call)


@pytest.mark.task(4)
@pytest.mark.parametrize("weights_count, biases_count", [(2, 1), (1, 2), (0, 0)])
def test_rejects_mismatched_lists(exercise, rng, weights_count, biases_count):
    """raises ValueError when weights and biases differ in length (either way), or are empty"""
    X, labels, weights, biases = _network(rng, [3, 4, 2], 4)
    weights, biases = weights[:weights_count], biases[:biases_count]
    deep_backward = require_function(exercise, "deep_backward")
    call = f"deep_backward(X, labels, [{len(weights)} weights], [{len(biases)} biases])"
    try:
        with no_autograd("Walk the layers backwards with the δ recursion."):
            deep_backward(X, labels, weights, biases)
    except ValueError:
        return
    except (RuleViolation, NotImplementedError):
        raise
    except Exception as error:  # noqa: BLE001 - any other error is the learner's bug
        raise AssertionError(f"{call} raised {type(error).__name__}: "
                             f"{str(error).splitlines()[0]}; expected ValueError.") from None
    raise AssertionError(f"{call} returned a result; expected ValueError.\nHint: zip() stops "
                         "at the shorter list without a word: compare the lengths first.")


@pytest.mark.gpu
def test_cuda_matches_cpu(exercise, rng, gpu_device):
    """CUDA inputs give CUDA gradients equal to the CPU ones"""
    X, labels, weights, biases = _network(rng, [5, 16, 16, 4], 9)
    want_w, want_b = _autograd(X, labels, weights, biases)
    got_w, got_b, call = _call(exercise, X.to(gpu_device), labels.to(gpu_device),
                               [w.to(gpu_device) for w in weights],
                               [b.to(gpu_device) for b in biases])
    for kind, got, want in (("d_weights", got_w, want_w), ("d_biases", got_b, want_b)):
        for layer, (g, w) in enumerate(zip(got, want)):
            assert_tensor(g, shape=tuple(w.shape), dtype=F64, device=gpu_device,
                          call=f"{call}, {kind}[{layer}],")
            assert_close(g.cpu(), w, atol=1e-10, rtol=1e-8, call=f"{call}, {kind}[{layer}],")
