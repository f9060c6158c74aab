"""A check's own copy of the learner's module, to compute expected values with.

A check may define the expected result through the learner's own layers (``model.encoder``,
``model.head``): the definition then holds whatever weights the learner's ``__init__``
made. In strict isolation the learner's module lives in the learner's process and every
use of it is a round trip (about 0.3–1 ms); a check that runs a layer-by-layer
definition hundreds of times spends most of its time crossing. :func:`local_twin`
gives the check a module it builds itself (from the reference solution), holding a copy
of the learner's parameters and buffers: the same numbers, computed in the checks'
process, in either mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch


def local_twin(module: Any, build: Callable[[], torch.nn.Module]) -> torch.nn.Module | None:
    """``build()`` holding copies of ``module``'s parameters and buffers (their dtypes and
    devices too), or None when they do not fit it (renamed, added or reshaped layers):
    the check then computes with ``module`` itself."""
    twin = build()
    try:
        state = {name: tensor.detach().clone() for name, tensor in module.state_dict().items()}
        twin.load_state_dict(state, strict=True, assign=True)
    except (RuntimeError, KeyError, TypeError, AttributeError):
        return None
    twin.train(bool(module.training))
    return twin
