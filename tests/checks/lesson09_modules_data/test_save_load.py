"""Checks for lesson09/save_load."""

import datetime
import pickle
from collections.abc import Mapping

import pytest
import torch
from torch import nn

from tutor.testing import assert_close, describe, require_function


def _net() -> nn.Sequential:
    return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))


def _trained_net(rng) -> nn.Sequential:
    """A net whose BatchNorm buffers moved away from their initial values."""
    net = _net()
    net(torch.randn(8, 3, generator=rng) * 3 + 1)  # train mode: updates running stats
    return net.eval()


def _load_or_explain(exercise, net, path, **kwargs):
    try:
        return exercise.load_weights(net, path, **kwargs)
    except NotImplementedError:
        raise  # a stub: reported as "not started"
    except (RuntimeError, pickle.UnpicklingError) as error:
        raise AssertionError(
            f"load_weights(net, path) raised {type(error).__name__}: {str(error)[:300]}") \
            from None


def test_file_holds_the_state_dict(exercise, rng, tmp_path):
    """save_weights writes net.state_dict(), readable with torch.load(weights_only=True)"""
    save_weights = require_function(exercise, "save_weights")
    net = _trained_net(rng)
    path = tmp_path / "weights.pt"
    save_weights(net, path)
    assert path.exists(), f"save_weights(net, {path.name!r}) did not create the file."
    try:
        state = torch.load(path, weights_only=True)
    except pickle.UnpicklingError:
        raise AssertionError(
            "torch.load(path, weights_only=True) cannot read what save_weights wrote: the "
            "file holds pickled Python objects, not only tensors.\nHint: torch.save(net, path) "
            "pickles the whole module; save net.state_dict() instead.") from None
    assert isinstance(state, Mapping), (
        f"the saved file holds {describe(state)}; expected the dict from net.state_dict().")
    expected = net.state_dict()
    missing = [k for k in expected if k not in state]
    assert not missing, (
        f"the saved dict lacks {missing}. net.state_dict() holds the parameters AND the "
        "buffers (BatchNorm's running_mean, running_var, num_batches_tracked); "
        "named_parameters() has only the parameters.")
    for key, value in expected.items():
        assert_close(state[key], value, call=f"the saved {key!r}")


def test_round_trip(exercise, rng, tmp_path):
    """a fresh net loaded from the file gives exactly the saved net's outputs"""
    net = _trained_net(rng)
    path = tmp_path / "weights.pt"
    exercise.save_weights(net, path)
    fresh = _net().eval()
    got = _load_or_explain(exercise, fresh, path)
    assert got is fresh, (
        f"load_weights(net, path) returned {describe(got)}; expected the net it was given, "
        "with the weights loaded. Did you forget to `return net`?")
    for key, value in net.state_dict().items():
        assert_close(fresh.state_dict()[key], value, call=f"the loaded net's {key!r}", atol=0,
                     rtol=0)
    X = torch.randn(5, 3, generator=rng)
    with torch.no_grad():
        assert_close(fresh(X), net(X), call="the loaded net's output", atol=0, rtol=0)


def test_refuses_pickled_objects(exercise, rng, tmp_path):
    """loads with weights_only=True: a file holding other Python objects is refused"""
    net = _net()
    state = dict(net.state_dict())
    state["saved_on"] = datetime.date(2024, 1, 1)  # not a tensor: a weights-only load refuses it
    path = tmp_path / "untrusted.pt"
    torch.save(state, path)
    try:
        exercise.load_weights(_net(), path)
    except pickle.UnpicklingError:
        return
    except NotImplementedError:
        raise
    except RuntimeError as error:
        raise AssertionError(
            "load_weights unpickled a file holding a datetime.date (it then failed in "
            f"load_state_dict: {str(error)[:120]}...).\nHint: torch.load(path, "
            "weights_only=True) refuses anything but tensors and plain containers: unpickling "
            "arbitrary objects can run code hidden in a downloaded file.") from None
    raise AssertionError(
        "load_weights loaded a file holding a datetime.date without complaint.\nHint: call "
        "torch.load(path, map_location=device, weights_only=True) and load_state_dict with "
        "its default strict=True.")


def test_rejects_other_architecture(exercise, tmp_path):
    """weights saved from another architecture raise instead of loading half"""
    path = tmp_path / "linear.pt"
    exercise.save_weights(nn.Linear(3, 4), path)
    try:
        exercise.load_weights(nn.Sequential(nn.Linear(3, 4)), path)
    except NotImplementedError:
        raise
    except RuntimeError:
        return
    raise AssertionError(
        "load_weights(nn.Sequential(nn.Linear(3, 4)), <weights of a bare nn.Linear>) loaded "
        "without error, although the keys differ ('weight' vs '0.weight') and nothing was "
        "loaded.\nHint: keep load_state_dict's default strict=True.")


@pytest.mark.gpu
def test_gpu_round_trips(exercise, rng, tmp_path, gpu_device):
    """CUDA weights load onto the CPU, and CPU weights onto CUDA"""
    net = _trained_net(rng).to(gpu_device)
    path = tmp_path / "gpu.pt"
    exercise.save_weights(net, path)
    on_cpu = _load_or_explain(exercise, _net().eval(), path, device="cpu")
    X = torch.randn(4, 3, generator=rng)
    with torch.no_grad():
        expected = net(X.to(gpu_device)).cpu()
        assert_close(on_cpu(X), expected, call="a CUDA-saved net loaded with device='cpu'",
                     atol=1e-5)
        exercise.save_weights(on_cpu, path)
        on_gpu = _load_or_explain(exercise, _net().eval(), path, device=gpu_device)
        where = {p.device.type for p in on_gpu.parameters()}
        assert where == {"cuda"}, (
            f"load_weights(net, path, device=cuda) left parameters on {where}; expected cuda. "
            "Return net.to(device).")
        assert_close(on_gpu(X.to(gpu_device)), expected.to(gpu_device),
                     call="a CPU-saved net loaded with device=cuda", atol=1e-5)


def test_keeps_float64(exercise, rng, tmp_path):
    """a float64 net loads as float64 (load_weights moves it, it does not convert it)"""
    net = _trained_net(rng).double()
    path = tmp_path / "weights.pt"
    exercise.save_weights(net, path)
    fresh = _net().double()
    got = _load_or_explain(exercise, fresh, path)
    dtypes = {p.dtype for p in got.state_dict().values() if p.is_floating_point()}
    assert dtypes == {torch.float64}, (
        f"load_weights(<float64 net>, path) returned a net with {sorted(map(str, dtypes))}; "
        "expected torch.float64 throughout: move the net with .to(device) only.")
