"""Lesson 12, exercise 6: how far apart are CPU and device results?"""

from collections.abc import Callable

import torch


def parity_gap(fn: Callable[..., torch.Tensor], inputs: list[torch.Tensor],
               device: torch.device) -> float:
    """Return the largest absolute difference between ``fn`` run on the CPU and on ``device``.

    Run ``fn(*inputs)`` on CPU copies of the inputs, run it again on copies moved to
    ``device``, bring that result back to the CPU, and return
    ``max |device result - CPU result|`` computed in float64.

    Args:
        fn: takes the tensors of ``inputs`` and returns one tensor.
        inputs: CPU tensors, e.g. ``[a (N, K), b (K, M)]`` for a matmul.
        device: where to run the second time.

    Returns:
        A Python float >= 0 (0.0 when both runs agree exactly).

    Example:
        >>> parity_gap(torch.matmul, [torch.ones(2, 3), torch.ones(3, 2)], torch.device("cpu"))
        0.0
    """
    # TODO: run fn twice, compare on the CPU in float64, return the max absolute difference.
    raise NotImplementedError("parity_gap: not written yet")
