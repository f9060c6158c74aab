"""How long `tutor pack check . --mutants` takes on the built-in course.

Runs the mutation test of every exercise (or one lesson) through the warm grader,
as the command does, and prints the mutant count, the score, the wall-clock time
and the CPUs it had. The goal is five minutes on two cores; on a machine shared
with other work the figure is an upper bound, so say what else was running.

    python benchmarks/mutation.py [--lesson lesson04] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict

from tutor.course import builtin_pack_root, load_pack
from tutor.grading import WarmGrader
from tutor.packs.mutation.report import percent, totals
from tutor.packs.mutation.run import MutationOptions, mutation_test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson (default: the whole course)")
    parser.add_argument("--jobs", type=int, default=0, help="mutants graded at once")
    args = parser.parse_args()
    pack = load_pack(builtin_pack_root())
    exercises = [ex for ex in pack.exercises() if not args.lesson or ex.lesson_id == args.lesson]
    grader = WarmGrader()
    try:
        started = time.perf_counter()  # the worker's warm-up counts: the command pays it too
        reports = mutation_test(grader, pack, exercises, MutationOptions(jobs=args.jobs))
        elapsed = time.perf_counter() - started
    finally:
        grader.close()
    by_lesson: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for report in reports:
        by_lesson[report.exercise.lesson_id][0] += report.killed
        by_lesson[report.exercise.lesson_id][1] += report.total
    for lesson, (killed, total) in by_lesson.items():
        print(f"{lesson}: {killed}/{total} ({percent(killed, total)}%)")
    killed, total = totals(reports)
    mutants = sum(len(r.outcomes) for r in reports)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{mutants} mutants of {len(exercises)} exercises graded in {elapsed:.0f} s on "
          f"{os.cpu_count()} CPU(s) (load average {load:.1f} at the end); "
          f"score {killed}/{total} ({percent(killed, total)}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
