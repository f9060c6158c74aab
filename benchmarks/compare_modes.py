"""Warm worker vs subprocess fallback on the whole course: same verdicts, how fast.

Grades every exercise's stub and solution in both modes and prints every check
whose status or message differs (there should be none), with each mode's time.

    python benchmarks/compare_modes.py [--lesson lesson04]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.grader import SubprocessGrader, WarmGrader
from tutor.grading.request import GradeOptions

# The comparison itself lives beside the test that uses it on every suite run.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "app"))
from mode_compare import course_jobs, differences  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson (default: the whole course)")
    args = parser.parse_args()
    pack = load_pack(builtin_pack_root())
    exercises = [ex for ex in pack.exercises() if not args.lesson or ex.lesson_id == args.lesson]
    jobs = course_jobs(pack, exercises)
    warm, fallback = WarmGrader(), SubprocessGrader()
    try:
        warm.prewarm()
        started = time.perf_counter()
        found = differences(warm, fallback, pack, jobs, GradeOptions(device="cpu"))
        elapsed = time.perf_counter() - started
    finally:
        warm.close()
        fallback.close()
    print(f"{len(jobs)} gradings ({len(exercises)} exercises × stub and solution) in each "
          f"mode; both modes together took {elapsed:.1f} s")
    for line in found:
        print(f"  ✗ {line}")
    print("identical verdicts and messages" if not found else f"{len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
