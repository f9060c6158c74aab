"""Save → verdict latency, measured side by side with a cold pytest per save.

Edits a real exercise in a temporary workspace N times, alternating a correct
and an incorrect version, and times each save until its verdict arrives through
the path the app uses (file watcher → LiveGrader → warm grader). In the same
run it times the approach peer tutors take: a fresh `python -m pytest` per save.
Then it times `tutor check LESSON` and the whole-course self-check.

    python benchmarks/latency.py [--saves 20] [--exercise lesson01/make_grid]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tutor.course import builtin_pack_root, load_pack
from tutor.grading import default_grader
from tutor.grading.live import LiveGrader, LiveRun
from tutor.grading.request import GradeOptions
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.workspace import Workspace
from tutor.workspace.watcher import watch_python_files


def wrong_version(source: str) -> str:
    """The solution with its first `return` made wrong (still valid Python)."""
    return source.replace("return ", "return 0 * ", 1)


def measure_live(workspace: Workspace, exercise_id: str, saves: int) -> list[float]:
    exercise = workspace.pack.exercise(exercise_id)
    assert exercise is not None, exercise_id
    path = workspace.exercise_path(exercise)
    good = exercise.solution_path.read_text()
    versions = [good, wrong_version(good)]
    verdicts: list[tuple[float, str]] = []
    arrived = threading.Event()

    class Timer:
        def on_check(self, run: LiveRun, check: CheckResult) -> None:
            return None

        def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
            if not result.cancelled:
                verdicts.append((time.perf_counter(), result.status))
                arrived.set()

    grader = default_grader()
    grader.prewarm()
    checker = LiveGrader(grader, GradeOptions())
    timer = Timer()
    stop = threading.Event()

    def watch() -> None:
        for changed in watch_python_files(path.parent, stop):
            if path.resolve() in changed:
                checker.request(exercise, path, timer)

    threading.Thread(target=watch, daemon=True).start()
    time.sleep(0.5)
    path.write_text(good)  # warm-up save: waits for the worker to finish importing torch
    arrived.wait(120)
    latencies = []
    for number in range(saves):
        arrived.clear()
        time.sleep(0.3)
        saved_at = time.perf_counter()
        path.write_text(versions[number % 2] + f"\n# save {number}\n")
        if not arrived.wait(30):
            raise RuntimeError(f"no verdict for save {number}")
        finished, status = verdicts[-1]
        expected = "passed" if number % 2 == 0 else "failed"
        if status != expected:
            raise RuntimeError(f"save {number}: got {status}, expected {expected}")
        latencies.append(finished - saved_at)
    stop.set()
    checker.stop()
    grader.close()
    return latencies


def measure_cold(workspace: Workspace, exercise_id: str, saves: int) -> list[float]:
    exercise = workspace.pack.exercise(exercise_id)
    assert exercise is not None
    path = workspace.exercise_path(exercise)
    env = {**os.environ, "TUTOR_TARGET": str(path)}
    latencies = []
    for _ in range(saves):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(exercise.checks_path)], cwd=workspace.pack.root, env=env,
                       capture_output=True, check=False)
        latencies.append(time.perf_counter() - started)
    return latencies


def timed_command(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, check=False)
    return time.perf_counter() - started


def describe(label: str, values: list[float]) -> str:
    return (f"{label:<34} median {statistics.median(values) * 1000:7.0f} ms   "
            f"min {min(values) * 1000:6.0f}   max {max(values) * 1000:6.0f}   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--cold-saves", type=int, default=5)
    parser.add_argument("--exercise", default="lesson01/make_grid")
    parser.add_argument("--lesson", default="")
    parser.add_argument("--skip-course", action="store_true")
    options = parser.parse_args()
    pack = load_pack(builtin_pack_root())
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pack "
          f"{pack.id} {pack.version} ({len(pack.exercises())} exercises)")
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace.create(Path(folder) / "ws", pack)
        live = measure_live(workspace, options.exercise, options.saves)
        cold = measure_cold(workspace, options.exercise, options.cold_saves)
    print(describe(f"save→verdict, warm ({options.exercise})", live))
    print(describe("save→verdict, cold pytest per save", cold))
    print(f"speed-up (median cold / median warm): "
          f"{statistics.median(cold) / statistics.median(live):.1f}x")
    lesson = options.lesson or options.exercise.split("/")[0]
    print(f"tutor check {lesson} --solutions (wall, incl. worker start): "
          f"{timed_command('check', lesson, '--solutions'):.2f} s")
    if not options.skip_course:
        print(f"tutor check all --solutions (whole course, wall): "
              f"{timed_command('check', 'all', '--solutions'):.2f} s")


if __name__ == "__main__":
    main()
