"""Fast vs strict isolation on the whole course: same verdicts, and what strict costs.

Grades every exercise's stub and solution (and, with ``--wrong``, every file of
tests/app/wrong_answers) with the warm grader in both isolation modes, prints
every check whose status or message differs, and the time per exercise run in
each mode (the figure the ≤ 2× goal is about).

    python benchmarks/compare_isolation.py [--lesson lesson04] [--wrong] [--jobs 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.grader import WarmGrader
from tutor.grading.request import GradeOptions

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE / "tests" / "app"))
from mode_compare import course_jobs, option_differences, wrong_answer_jobs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson (default: the whole course)")
    parser.add_argument("--wrong", action="store_true", help="the wrong-answer sets as well")
    parser.add_argument("--only-wrong", action="store_true", help="only the wrong-answer sets")
    parser.add_argument("--jobs", type=int, default=1, help="runs at once (1: fair timings)")
    args = parser.parse_args()
    pack = load_pack(builtin_pack_root())
    exercises = [ex for ex in pack.exercises() if not args.lesson or ex.lesson_id == args.lesson]
    jobs = [] if args.only_wrong else course_jobs(pack, exercises)
    wrong_count = 0
    if args.wrong or args.only_wrong:
        chosen = {ex.qualified_id for ex in exercises}
        wrong = [(ex, p) for ex, p in wrong_answer_jobs(pack, HERE / "tests/app/wrong_answers")
                 if ex.qualified_id in chosen]
        jobs += wrong
        wrong_count = len(wrong)
    grader = WarmGrader()
    runs: list[list] = []
    try:
        grader.prewarm()
        found = option_differences(
            grader, pack, jobs, GradeOptions(device="cpu", jobs=args.jobs),
            GradeOptions(device="cpu", jobs=args.jobs, isolation="strict"), runs)
    finally:
        grader.close()
    fast, strict = ([r.duration for r in run] for run in runs)
    course = {id(job) for job in jobs[:len(jobs) - wrong_count]}
    groups = {"all": range(len(jobs)),
              "stubs and solutions": [i for i, job in enumerate(jobs) if id(job) in course],
              "wrong answers": [i for i, job in enumerate(jobs) if id(job) not in course]}
    print(f"{len(jobs)} gradings in each mode (fast mean {statistics.mean(fast):.2f} s, strict "
          f"mean {statistics.mean(strict):.2f} s per run)")
    for label, chosen in groups.items():
        pairs = [(fast[i], strict[i]) for i in chosen if fast[i] > 0]
        if not pairs:
            continue
        ratios = [s / f for f, s in pairs]
        total = sum(s for _, s in pairs) / sum(f for f, _ in pairs)
        print(f"  {label}: total strict/fast {total:.2f}x, median per-run ratio "
              f"{statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")
    ratios = [s / f if f > 0 else 1.0 for f, s in zip(fast, strict, strict=True)]
    worst = sorted(zip(ratios, fast, strict, jobs, strict=True), key=lambda t: -t[0])[:10]
    print("  worst runs (ratio, fast s, strict s):")
    for ratio, f, s, (exercise, target) in worst:
        print(f"  {ratio:.2f}x {f:.2f} {s:.2f} {exercise.qualified_id} "
              f"({target.parent.name}/{target.name})")
    for line in found:
        print(f"  ✗ {line}")
    print("identical verdicts and messages" if not found else f"{len(found)} difference(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
