"""``tutor pack new DIR``: a complete one-lesson pack that ``tutor pack check`` accepts."""

from __future__ import annotations

import re
from pathlib import Path

FILES: dict[str, str] = {
    "pack.toml": '''\
# A torch-tutor pack. Reference: docs/authoring.md in torch-tutor.
format_version = 1
id = "{pack_id}"
title = "{title}"
version = "0.1.0"
description = "Describe your course here."
requires = {{ torch = ">=2.2" }}

[defaults]
timeout_s = 10          # seconds for all checks of one exercise
gpu = "optional"        # none | optional | required
score = 1               # points per check (Gradescope output)

[[lessons]]
id = "lesson01"
slug = "basics"
title = "Scaling tensors"

  [[lessons.exercises]]
  id = "scale"
  title = "Multiply a tensor by a number"
  hints = [
    "Tensors support arithmetic with Python numbers directly.",
    "x * factor keeps x's shape, dtype and device.",
  ]
''',
    "lessons/lesson01_basics.md": '''\
# Lesson 01 — Scaling tensors

Arithmetic between a tensor and a Python number applies to every element and keeps the
tensor's shape, dtype and device.

```python
import torch
print(torch.tensor([1.0, 2.0]) * 3)
```

```text
tensor([3., 6.])
```

## Exercise 1 — Multiply a tensor by a number (`scale`)

1. Return `x` multiplied by `factor`, element by element.
2. Keep the shape, dtype and device of `x`.

## Summary

Scalar arithmetic broadcasts a number over a whole tensor.
''',
    "exercises/lesson01_basics/scale.py": '''\
"""Lesson 01, exercise 1: multiply a tensor by a number."""

import torch


def scale(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Return ``x * factor`` element by element.

    Args:
        x: any shape, floating point.
        factor: a Python number.

    Returns:
        A tensor with the shape, dtype and device of ``x``.

    Example:
        >>> scale(torch.tensor([1.0, 2.0]), 3)
        tensor([3., 6.])
    """
    # TODO: multiply x by factor
    raise NotImplementedError("scale: not written yet")
''',
    "solutions/lesson01_basics/scale.py": '''\
"""Lesson 01, exercise 1: multiply a tensor by a number."""

import torch


def scale(x: torch.Tensor, factor: float) -> torch.Tensor:
    """Return ``x * factor`` element by element."""
    return x * factor
''',
    "tests/checks/conftest.py": '''\
"""Fixtures (exercise, device, gpu_device, rng) come from torch-tutor's check API."""
''',
    "tests/checks/lesson01_basics/test_scale.py": '''\
"""Checks for lesson01/scale."""

import pytest
import torch

from tutor.testing import assert_close, describe_call, randn, random_shape


def test_example(exercise):
    """scale([1, 2], 3) is [3, 6]"""
    x = torch.tensor([1.0, 2.0])
    assert_close(exercise.scale(x, 3), torch.tensor([3.0, 6.0]),
                 call=describe_call("scale", x, 3))


def test_random_shapes(exercise, rng):
    """works for random shapes and factors"""
    for _ in range(5):
        x = randn(*random_shape(rng, 3), generator=rng)
        factor = float(torch.rand(1, generator=rng)) * 10 - 5
        assert_close(exercise.scale(x, factor), x * factor,
                     call=describe_call("scale", x, factor))


def test_keeps_dtype(exercise):
    """keeps float64 as float64"""
    x = torch.arange(4, dtype=torch.float64)
    assert_close(exercise.scale(x, 0.5), x * 0.5, call=describe_call("scale", x, 0.5))


@pytest.mark.gpu
def test_stays_on_gpu(exercise, gpu_device):
    """the result stays on the GPU"""
    x = torch.ones(3, device=gpu_device)
    assert_close(exercise.scale(x, 2), torch.full((3,), 2.0, device=gpu_device),
                 call=describe_call("scale", x, 2))
''',
    "README.md": '''\
# {title}

A torch-tutor pack. Validate it with `tutor pack check .`, try it with
`tutor init ws --pack .`, install it with `tutor pack add .`.
''',
}


def scaffold(target: Path, pack_id: str | None = None) -> list[Path]:
    """Write the starter pack into ``target`` (which must be empty or absent)."""
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty; choose a new folder")
    pack_id = pack_id or re.sub(r"[^a-z0-9_.-]+", "-", target.resolve().name.lower()).strip("-")
    title = pack_id.replace("-", " ").replace("_", " ").title()
    written = []
    for relative, text in FILES.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        content = text.format(pack_id=pack_id, title=title) if relative in (
            "pack.toml", "README.md") else text
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
