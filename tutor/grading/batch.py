"""Grade many exercises in parallel and collect one RunResult (``tutor check``, packs)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tutor.course import Exercise, Pack
from tutor.grading.grader import Grader
from tutor.grading.request import GradeOptions, GradeRequest, build_request
from tutor.grading.results import ExerciseResult, RunResult

__all__ = ["GradeOptions", "default_jobs", "grade_all"]


def default_jobs(count: int) -> int:
    return max(1, min(count, (os.cpu_count() or 1)))


def grade_all(grader: Grader, pack: Pack, jobs: list[tuple[Exercise, Path]],
              options: GradeOptions,
              on_result: Callable[[ExerciseResult], None] | None = None) -> RunResult:
    """Grade ``(exercise, file)`` pairs; results keep the given (course) order."""
    started = time.monotonic()
    workers = options.jobs or default_jobs(len(jobs))
    threads = max(1, (os.cpu_count() or 1) // workers)
    requests = [build_request(ex, target, options, threads) for ex, target in jobs]

    def run(request: GradeRequest) -> ExerciseResult:
        result = grader.grade(request)
        if on_result is not None:
            on_result(result)
        return result

    if workers == 1:
        results = [run(r) for r in requests]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(run, requests))
    return RunResult(exercises=results, pack_id=pack.id, pack_version=pack.version,
                     device=options.device, mode=grader.mode,
                     duration=time.monotonic() - started)
