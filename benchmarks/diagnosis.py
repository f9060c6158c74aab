"""What naming the mistake adds to a failing verdict (issue 14's goal: <= 50 ms), and
how much of the wrong-answer set its first failing message names.

    python benchmarks/diagnosis.py [--runs 15]         # latency only (seconds)
    python benchmarks/diagnosis.py --set [--save F] [--before F]  # grade the set (minutes)
    python benchmarks/diagnosis.py --after F --before G       # count two saved runs

Latency: times a failing ``assert_close`` with the named-mistake catalogue against
the same assertion with the catalogue switched off, single-threaded as in the
grading child, for tensors of the sizes the course's checks use and larger. Two
cases per size: "noise" (no pattern fits, so every pattern is tried: the worst
case) and "named" (a sum where a mean was wanted). Medians of ``--runs`` (>= 10).

Set: grades every file of tests/app/wrong_answers on the warm grader and counts,
per lesson, the cases whose first failing message names the labelled mistake
(tests/app/mistake_labels.py). ``--save F`` writes the first failures as JSON;
``--before F`` counts such a saved file too, for a before/after table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import torch  # noqa: E402

from tutor.testing import asserts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHAPES = [(10,), (64, 64), (256, 128), (8, 3, 32, 32), (1000, 10), (64, 3, 64, 64)]
BUDGET_MS = 50.0


def _one_failure(got: torch.Tensor, expected: torch.Tensor) -> float:
    started = time.perf_counter()
    with contextlib.suppress(AssertionError):
        asserts.assert_close(got, expected)
    return time.perf_counter() - started


def time_failures(got: torch.Tensor, expected: torch.Tensor,
                  runs: int) -> tuple[float, float, float]:
    """Medians (ms) with the catalogue, without it, and of the paired differences.

    With and without alternate run by run, so a burst of load from other processes
    lands on both sides of a pair instead of on one column.
    """
    real = asserts.diagnose_mistake
    withs, withouts, added = [], [], []
    try:
        for _ in range(runs):
            asserts.diagnose_mistake = real
            w = _one_failure(got, expected)
            asserts.diagnose_mistake = lambda *args, **kwargs: None  # the baseline
            wo = _one_failure(got, expected)
            withs.append(w)
            withouts.append(wo)
            added.append(w - wo)
    finally:
        asserts.diagnose_mistake = real
    return tuple(statistics.median(x) * 1000 for x in (withs, withouts, added))  # type: ignore


def latency(runs: int) -> float:
    """Print the table; return the largest added median (ms)."""
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    worst = 0.0
    print(f"{'shape':<18} {'case':<7} {'with catalogue':>15} {'without':>9} {'added':>8}")
    for shape in SHAPES:
        expected = torch.randn(*shape, generator=generator)
        cases = {"noise": expected + 0.1 * torch.randn(*shape, generator=generator),
                 "named": expected * 3}
        for name, got in cases.items():
            with_catalogue, without, added = time_failures(got, expected, runs)
            worst = max(worst, added)
            print(f"{str(shape):<18} {name:<7} {with_catalogue:>12.1f} ms {without:>6.1f} ms "
                  f"{added:>5.1f} ms")
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"largest added median: {worst:.1f} ms ({verdict} the {BUDGET_MS:.0f} ms budget; "
          f"{runs} paired runs each, one thread, this machine, load average {load:.1f} on "
          f"{os.cpu_count()} CPUs)")
    return worst


def first_failures() -> dict[str, dict[str, str | None]]:
    """Grade the wrong-answer set; each case's first failing message and named pattern."""
    from tutor.course import builtin_pack_root, load_pack
    from tutor.grading import WarmGrader
    from tutor.grading.batch import GradeOptions, grade_all

    folder = ROOT / "tests" / "app" / "wrong_answers"
    pack = load_pack(builtin_pack_root())
    by_file = {ex.file: ex for ex in pack.exercises()}
    jobs = [(by_file[f"{p.parent.parent.name}/{p.parent.name}.py"], p)
            for p in sorted(folder.glob("*/*/*.py"))
            if f"{p.parent.parent.name}/{p.parent.name}.py" in by_file]
    grader = WarmGrader()
    try:
        run = grade_all(grader, pack, jobs, GradeOptions(device="cpu"))
    finally:
        grader.close()
    out: dict[str, dict[str, str | None]] = {}
    for result in run.exercises:
        case = Path(result.target).resolve().relative_to(folder).as_posix()
        failing = [c for c in result.checks if c.status not in ("passed", "skipped")]
        first = failing[0] if failing else None
        out[case] = {"message": first.message if first else "",
                     "pattern": (first.diff or {}).get("named_pattern") if first else None}
    return out


def named_share(failures: dict[str, dict[str, str | None]]) -> Counter[str]:
    """Per lesson: 'total' and 'named' counts (and the set's, under 'ALL')."""
    sys.path.insert(0, str(ROOT / "tests" / "app"))
    from mistake_labels import load_labels, names_it

    counts: Counter[str] = Counter()
    for case, label in load_labels().items():
        lesson = case.split("/")[0]
        first = failures.get(case, {"message": "", "pattern": None})
        hit = names_it(label, first["message"] or "", first["pattern"])
        for key in (lesson, "ALL"):
            counts[f"{key} total"] += 1
            counts[f"{key} named"] += hit
    return counts


def share_table(after: Counter[str], before: Counter[str] | None) -> None:
    lessons = sorted({key.rsplit(" ", 1)[0] for key in after} - {"ALL"}) + ["ALL"]
    print(f"\n{'lesson':<24} {'before':>12} {'after':>12}")
    for lesson in lessons:
        total = after[f"{lesson} total"]
        cells = []
        for counts in (before, after):
            if counts is None:
                cells.append("-")
            else:
                named = counts[f"{lesson} named"]
                cells.append(f"{named}/{total} {100 * named / total:.0f}%")
        print(f"{lesson:<24} {cells[0]:>12} {cells[1]:>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--set", action="store_true", help="grade the wrong-answer set too")
    parser.add_argument("--save", type=Path, help="write the set's first failures here")
    parser.add_argument("--before", type=Path, help="first failures saved by an older run")
    parser.add_argument("--after", type=Path, help="count these saved first failures, "
                                                   "instead of timing and grading")
    args = parser.parse_args()
    before = named_share(json.loads(args.before.read_text())) if args.before else None
    if args.after:
        share_table(named_share(json.loads(args.after.read_text())), before)
        return
    latency(max(args.runs, 10))
    if args.set:
        failures = first_failures()
        if args.save:
            args.save.write_text(json.dumps(failures, indent=1))
        share_table(named_share(failures), before)


if __name__ == "__main__":
    main()
