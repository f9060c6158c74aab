"""Lesson 12, exercise 1: pick the best available device."""

import torch


def pick_device(prefer_gpu: bool = True) -> torch.device:
    """Return the device to run on: CUDA, else Apple's MPS, else the CPU.

    Ask ``torch.cuda.is_available()`` first, then ``torch.backends.mps.is_available()``;
    never assume a GPU is present. With ``prefer_gpu=False`` always return the CPU.

    Args:
        prefer_gpu: whether a GPU may be chosen at all.

    Returns:
        A ``torch.device`` (not a string): ``device(type='cuda')``, ``device(type='mps')``
        or ``device(type='cpu')``.

    Example:
        >>> pick_device()            # on a machine without a GPU
        device(type='cpu')
        >>> pick_device(prefer_gpu=False)
        device(type='cpu')
    """
    # TODO: check CUDA, then MPS, and fall back to the CPU.
    raise NotImplementedError("pick_device: not written yet")
