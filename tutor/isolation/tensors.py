"""Tensors and NumPy arrays as raw bytes plus checked geometry.

A storage travels once per message however many tensors view it, so views
keep sharing memory on the other side. Decoding validates every number
(dtype from a fixed table, sizes, strides, offset inside the buffer) before
building the tensor: a hostile header cannot make the trusted process read
outside a buffer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

DTYPES: dict[str, torch.dtype] = {
    str(value).removeprefix("torch."): value
    for value in vars(torch).values() if isinstance(value, torch.dtype)
}
DEVICE_TYPES = ("cpu", "cuda", "meta", "mps")
# Taken now: a check may replace torch.empty & co. while the learner's code runs (forbidden()).
_empty, _empty_strided, _frombuffer, _from_numpy = (
    torch.empty, torch.empty_strided, torch.frombuffer, torch.from_numpy)
MAX_DIMS = 64


class TensorCodecError(ValueError):
    """A tensor description that does not fit its buffer."""


def _storage_bytes(tensor: torch.Tensor) -> memoryview | bytes:
    storage = tensor.untyped_storage()
    raw = _empty(0, dtype=torch.uint8, device=tensor.device).set_(storage)
    if raw.device.type != "cpu":
        raw = raw.cpu()
    array: Any = raw.numpy()
    return memoryview(array).cast("B") if raw.numel() else b""


def encode_tensor(tensor: torch.Tensor, storages: dict[tuple[str, int], int],
                  buffers: list[Any]) -> dict[str, Any]:
    """Describe ``tensor`` (data only: no grad, no autograd) and queue its storage."""
    device = str(tensor.device)
    meta: dict[str, Any] = {"dtype": str(tensor.dtype).removeprefix("torch."),
                            "shape": list(tensor.shape), "stride": list(tensor.stride()),
                            "offset": tensor.storage_offset(), "device": device}
    if tensor.device.type == "meta":
        return meta
    key = (device, tensor.untyped_storage().data_ptr())
    if key not in storages or not tensor.untyped_storage().nbytes():
        storages[key] = len(buffers)
        buffers.append(_storage_bytes(tensor))
    meta["buf"] = storages[key]
    return meta


def _ints(value: Any, what: str) -> list[int]:
    if not isinstance(value, list) or len(value) > MAX_DIMS or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value):
        raise TensorCodecError(f"bad {what}: {value!r}")
    return value


def decode_tensor(meta: dict[str, Any], bases: dict[tuple[int, str], torch.Tensor],
                  buffers: list[bytearray]) -> torch.Tensor:
    """Rebuild a tensor from :func:`encode_tensor`'s description, after checking it."""
    dtype = DTYPES.get(meta.get("dtype"))  # type: ignore[arg-type]
    if dtype is None:
        raise TensorCodecError(f"unknown dtype {meta.get('dtype')!r}")
    shape, stride = _ints(meta.get("shape"), "shape"), _ints(meta.get("stride"), "stride")
    offset = meta.get("offset")
    if len(shape) != len(stride) or not isinstance(offset, int) or offset < 0:
        raise TensorCodecError("shape, stride and offset do not match")
    device = torch.device(str(meta.get("device")))
    if device.type not in DEVICE_TYPES:
        raise TensorCodecError(f"device {device}")
    if device.type == "meta":
        return _empty_strided(shape, stride, dtype=dtype, device="meta")
    index = meta.get("buf")
    if not isinstance(index, int) or not 0 <= index < len(buffers):
        raise TensorCodecError(f"no buffer {index!r}")
    numel = 1
    for size in shape:
        numel *= size
    span = sum((n - 1) * s for n, s in zip(shape, stride, strict=True))
    extent = offset + span + 1 if numel else 0
    itemsize = dtype.itemsize
    if extent * itemsize > len(buffers[index]):
        raise TensorCodecError(f"tensor of shape {shape} does not fit its buffer")
    key = (index, str(device))
    if key not in bases:
        raw = _frombuffer(buffers[index], dtype=torch.uint8) if len(buffers[index]) \
            else _empty(0, dtype=torch.uint8)
        bases[key] = raw.to(device) if device.type != "cpu" else raw
    storage = bases[key].untyped_storage()
    return _empty(0, dtype=dtype, device=device).set_(storage, offset, shape, stride)


def view_of(base: torch.Tensor, meta: dict[str, Any]) -> torch.Tensor:
    """A tensor on ``base``'s storage at byte offset ``meta["boff"]``, after checking it fits."""
    dtype = DTYPES.get(meta.get("dtype"))  # type: ignore[arg-type]
    if dtype is None:
        raise TensorCodecError(f"unknown dtype {meta.get('dtype')!r}")
    shape, stride = _ints(meta.get("shape"), "shape"), _ints(meta.get("stride"), "stride")
    boff = meta.get("boff")
    itemsize = dtype.itemsize
    if len(shape) != len(stride) or not isinstance(boff, int) or boff < 0 or boff % itemsize:
        raise TensorCodecError("bad view geometry")
    numel = 1
    for size in shape:
        numel *= size
    extent = sum((n - 1) * s for n, s in zip(shape, stride, strict=True)) + 1 if numel else 0
    storage = base.untyped_storage()
    if boff + extent * itemsize > storage.nbytes():
        raise TensorCodecError("view outside its storage")
    return _empty(0, dtype=dtype, device=base.device).set_(
        storage, boff // itemsize, shape, stride)


def encode_array(array: np.ndarray, storages: dict[tuple[str, int], int],
                 buffers: list[Any]) -> dict[str, Any] | None:
    """A NumPy array as a tensor description; None for dtypes torch cannot hold."""
    try:
        return encode_tensor(_from_numpy(array), storages, buffers)
    except (TypeError, ValueError, RuntimeError):
        return None


def decode_array(meta: dict[str, Any], bases: dict[tuple[int, str], torch.Tensor],
                 buffers: list[bytearray]) -> np.ndarray:
    tensor = decode_tensor(meta, bases, buffers)
    if tensor.device.type != "cpu":
        raise TensorCodecError("a NumPy array must be on the CPU")
    return tensor.numpy()
