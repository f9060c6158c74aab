"""Say values in words: the vocabulary every check message uses."""

from __future__ import annotations

from typing import Any

import torch


def shape_str(shape: Any) -> str:
    """``(4, 3)``, ``(4,)`` and ``()`` exactly as Python prints tuples."""
    return str(tuple(int(s) for s in shape))


def describe(value: Any) -> str:
    """A short phrase for a value: ``a float32 tensor of shape (4, 3) on cpu``."""
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        return f"a {dtype} tensor of shape {shape_str(value.shape)} on {value.device}"
    if value is None:
        return "None"
    if isinstance(value, (tuple, list)) and len(value) <= 6:
        return f"{type(value).__name__} {value!r}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


class Source:
    """An argument shown by its source text, e.g. a function the check passes:
    ``describe_call("grad_of", Source("lambda t: t.pow(2).sum()"), x)``."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def brief(value: Any) -> str:
    """An argument as shown inside a call: ``float32 (4, 3)`` for tensors, repr otherwise."""
    if isinstance(value, Source):
        return value.text  # written by the check author to be read whole
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        where = "" if value.device.type == "cpu" else f" on {value.device}"
        return f"<{dtype} {shape_str(value.shape)}{where}>"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def describe_call(name: str, *args: Any, **kwargs: Any) -> str:
    """``pick_class_scores(<float32 (4, 3)>, <int64 (4,)>)``: what the check called."""
    parts = [brief(a) for a in args] + [f"{k}={brief(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"
