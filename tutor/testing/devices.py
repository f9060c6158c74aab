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



_cuda_seed = 0
_CUDA_SEED_ORIGIN = ["  tutor.testing.devices.seed_generators (the seed of the check that "
                     "first used CUDA)\n"]


def _seed_cuda_generators() -> None:
    # What torch.cuda.manual_seed_all queues, reading the newest seed when CUDA starts.
    for index in range(torch.cuda.device_count()):
        torch.cuda.default_generators[index].manual_seed(_cuda_seed)


def seed_generators(seed: int) -> None:
    """``torch.manual_seed(seed)`` for the CPU, CUDA and MPS, at a fraction of its cost.

    ``torch.manual_seed`` records ``traceback.format_stack()`` for each lazily seeded
    backend (CUDA, XPU, MTIA) while CUDA is not initialised: about 1 ms per check deep
    in pytest's stack. Here CUDA's lazy seed is queued with the same bookkeeping
    (the newest seed wins when CUDA starts) and no stack; backends the course never
    uses (XPU, MTIA, custom devices) are left alone.
    """
    global _cuda_seed
    seed = int(seed)
    torch.default_generator.manual_seed(seed)
    if not getattr(torch.cuda, "_is_in_bad_fork", lambda: False)():
        tracker = getattr(torch.cuda, "_lazy_seed_tracker", None)
        queue_seed_all = getattr(tracker, "queue_seed_all", None)
        if torch.cuda.is_initialized() or queue_seed_all is None:
            torch.cuda.manual_seed_all(seed)
        else:
            _cuda_seed = seed
            queue_seed_all(_seed_cuda_generators, _CUDA_SEED_ORIGIN)
    torch.mps.manual_seed(seed)  # returns at once on builds without MPS
