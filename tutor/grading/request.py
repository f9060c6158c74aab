"""What one grading run needs to know (plain JSON-able data, no torch), and how it is built."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tutor.course import Exercise


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
    hidden_checks_path: str = ""
    """A second check file whose checks are marked hidden (the instructor's copy of a pack)."""
    hidden_pending: int = 0
    """Hidden checks this copy of the pack lacks: they run when the learner submits."""
    isolation: str = "fast"
    """``fast``: the learner's module runs in the grading process; ``strict``: only in a
    separate learner process, behind a proxy (tutor.isolation; docs/architecture.md)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeRequest:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class GradeOptions:
    """What the person grading chose, for every request of one command or session."""

    device: str = "auto"
    require_gpu: bool = False
    seed: int = 0
    jobs: int = 0
    """Runs at once; 0 picks from the CPU count."""
    isolation: str = "fast"
    """``strict`` runs learner code only in a separate, unprivileged process."""


def build_request(exercise: Exercise, target: Path, options: GradeOptions,
                  threads: int = 0) -> GradeRequest:
    """Grade ``target`` as ``exercise``; ``threads`` 0 = every CPU (one run at a time)."""
    hidden = exercise.hidden_checks_path
    return GradeRequest(
        exercise_id=exercise.qualified_id, title=exercise.title,
        checks_path=str(exercise.checks_path), target_path=str(target),
        hidden_checks_path=str(hidden) if hidden else "",
        hidden_pending=exercise.hidden_pending,
        pack_root=str(exercise.pack_root), timeout_s=exercise.timeout_s,
        device=options.device, require_gpu=options.require_gpu,
        threads=threads or max(1, os.cpu_count() or 1), seed=options.seed,
        isolation=options.isolation)
