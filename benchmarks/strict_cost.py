"""What strict isolation costs per exercise: median grading time of each solution, both modes.

The ≤ 2× goal of strict isolation is per exercise, so each exercise's reference
solution is graded ``--repeat`` times in each mode by one warm grader, the two
modes interleaved run by run (a load spike hits both), and the medians compared.
The file graded is a copy of the solution in a scratch folder, as a learner's
workspace holds it (grading the pack's own solution file would make the check's
``reference`` the learner's file too, loaded in the learner's process). Take it on
an idle machine.

    python benchmarks/strict_cost.py [--lesson lesson15] [--exercise lesson07/gradient_check]
                                     [--repeat 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.grader import WarmGrader
from tutor.grading.request import GradeOptions, build_request

GOAL = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson")
    parser.add_argument("--exercise", action="append", help="only this exercise (repeatable)")
    parser.add_argument("--repeat", type=int, default=10, help="gradings per mode (default 10)")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads per run (default 1: as class grading runs, "
                             "`--jobs` runs side by side; strict runs pin to one CPU then)")
    args = parser.parse_args()
    pack = load_pack(builtin_pack_root())
    exercises = [ex for ex in pack.exercises()
                 if (not args.lesson or ex.lesson_id == args.lesson)
                 and (not args.exercise or ex.qualified_id in args.exercise)]
    modes = {name: GradeOptions(device="cpu", jobs=1, isolation=name)
             for name in ("fast", "strict")}
    grader = WarmGrader()
    rows = []
    started = time.monotonic()
    workspace = Path(tempfile.mkdtemp(prefix="strict-cost-"))
    try:
        grader.prewarm()
        for exercise in exercises:
            copy = workspace / exercise.file
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(exercise.solution_path, copy)
            requests = {name: build_request(exercise, copy, options, args.threads)
                        for name, options in modes.items()}
            times: dict[str, list[float]] = {name: [] for name in modes}
            statuses = set()
            for _ in range(args.repeat):
                for name, request in requests.items():
                    begun = time.perf_counter()
                    result = grader.grade(request)
                    times[name].append(time.perf_counter() - begun)
                    statuses.add((name, result.status))
            fast, strict = (statistics.median(times[name]) for name in modes)
            rows.append((strict / fast, fast, strict, exercise.qualified_id, statuses))
            print(f"  {exercise.qualified_id:34} fast {fast:6.3f} s  strict {strict:6.3f} s  "
                  f"{strict / fast:5.2f}x", flush=True)
    finally:
        grader.close()
        shutil.rmtree(workspace, ignore_errors=True)
    ratios = [row[0] for row in rows]
    over = [row for row in rows if row[0] > GOAL]
    print(f"\n{len(rows)} exercises, medians of {args.repeat} gradings of each solution per mode, "
          f"{args.threads} torch thread(s) per run ({time.monotonic() - started:.0f} s in all)")
    total = sum(row[2] for row in rows) / sum(row[1] for row in rows)
    print(f"  per-exercise ratio strict/fast: median {statistics.median(ratios):.2f}x, "
          f"worst {max(ratios):.2f}x; total {total:.2f}x")
    print(f"  over {GOAL:.0f}x: {len(over)}")
    for ratio, fast, strict, name, _ in sorted(over, reverse=True):
        print(f"    {ratio:5.2f}x  {name} (fast {fast:.3f} s, strict {strict:.3f} s)")
    mixed = [row[3] for row in rows if len({status for _, status in row[4]}) > 1]
    if mixed:
        print(f"  modes disagree on the verdict: {', '.join(mixed)}")
    return 1 if over or mixed else 0


if __name__ == "__main__":
    raise SystemExit(main())
