"""What one grading run needs to know, as plain JSON-able data (no torch)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class GradeRequest:
    """Grade one exercise file with its checks."""

    exercise_id: str
    title: str
    checks_path: str
    target_path: str
    pack_root: str
    timeout_s: float = 10.0
    device: str = "auto"
    require_gpu: bool = False
    threads: int = 1
    memory_mb: int = 3072
    """Extra memory a run may take: RLIMIT_AS above its start on CPU runs, and the
    client's resident-memory watchdog on every run (CUDA runs cannot use RLIMIT_AS)."""
    gpu_memory_mb: int = 4096
    """Cap on the CUDA caching allocator per run (set_per_process_memory_fraction)."""
    seed: int = 0
    output_limit_mb: int = 64

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeRequest:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
