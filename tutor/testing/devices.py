"""Which device checks run on, and why a GPU check is skipped.

Only the grading child calls these: ``torch.cuda.is_available()`` must never run
in the warm worker that forks children (see docs/architecture.md).
"""

from __future__ import annotations

import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


def cuda_unavailable_reason() -> str | None:
    """Why CUDA cannot be used here, in words a learner understands; None when it can."""
    if not torch.backends.cuda.is_built():
        return "this PyTorch build has no CUDA support (a CPU-only wheel)"
    if not torch.cuda.is_available():
        return "no CUDA device visible (torch.cuda.is_available() is False)"
    return None


def mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def resolve_device(choice: str) -> torch.device:
    """``auto`` picks CUDA, then Apple's MPS, then the CPU."""
    if choice == "auto":
        if cuda_unavailable_reason() is None:
            return torch.device("cuda")
        return torch.device("mps" if mps_available() else "cpu")
    return torch.device(choice)


def gpu_skip_reason(choice: str) -> str | None:
    """Why a ``@pytest.mark.gpu`` check cannot run with ``--device choice``; None if it can."""
    if choice in ("cpu", "mps"):
        return f"--device {choice} was chosen"
    return cuda_unavailable_reason()


def disable_tf32() -> None:
    """Make CUDA matmuls and convolutions full float32, so GPU results match CPU references."""
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False

