"""What the smallest-failing-case search adds to a failing verdict, on the wrong-answer set.

    python benchmarks/shrinking.py [--lesson lesson10] [--save F]

Runs the checks of every exercise whose checks draw random sizes (``random_shape``,
``draw_int``) on each of its wrong answers (tests/app/wrong_answers), in this process
and single-threaded as in the grading child, with hypothesis warmed up as the warm
worker does. For every search that runs (a check that drew sizes and failed) it records
the time it took and whether it found a smaller case. Prints the median and maximum
added time and the share of searches that found one. Machine-dependent: the figures
in the report come from a 2-CPU machine shared with other jobs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import _hypothesis_pytestplugin  # noqa: E402, F401 - before the warm-up search
import pytest  # noqa: E402
import torch  # noqa: E402

from tutor.testing import shrink  # noqa: E402
from tutor.testing.loader import TARGET_ENV  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "tests" / "checks"
WRONG = ROOT / "tests" / "app" / "wrong_answers"
DRAWS = re.compile(r"\b(random_shape|draw_int)\(")


class Timer:
    """Times each shrink search (the plugin calls tutor.testing.shrink.shrink_check)."""

    def __init__(self) -> None:
        self.searches: list[dict[str, object]] = []
        self.case = ""
        real = shrink.shrink_check

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            found = real(*args, **kwargs)  # type: ignore[arg-type]
            self.searches.append({"case": self.case, "ms": 1000 * (time.perf_counter() - started),
                                  "found": found})
            return found

        shrink.shrink_check = timed  # type: ignore[assignment]


def shrinking_exercises(lesson: str | None) -> list[tuple[Path, Path]]:
    """(check file, wrong-answer folder) for each exercise whose checks draw sizes."""
    pairs = []
    for check in sorted(CHECKS.glob("lesson*/test_*.py")):
        if lesson and not check.parent.name.startswith(lesson):
            continue
        wrong = WRONG / check.parent.name / check.stem.removeprefix("test_")
        if DRAWS.search(check.read_text()) and wrong.is_dir():
            pairs.append((check, wrong))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", help="only this lesson, e.g. lesson10")
    parser.add_argument("--save", type=Path, help="write every search (case, ms, found) here")
    args = parser.parse_args()
    torch.set_num_threads(1)
    with warnings.catch_warnings():  # warm up, as the warm worker does
        warnings.simplefilter("ignore")
        shrink.find_smallest(lambda n: None if n < 2 else 1 / 0, {"n": (1, 3)})
    timer = Timer()
    for check, folder in shrinking_exercises(args.lesson):
        for answer in sorted(folder.glob("*.py")):
            os.environ[TARGET_ENV] = str(answer)
            timer.case = answer.relative_to(WRONG).as_posix()
            with contextlib.redirect_stdout(io.StringIO()):
                pytest.main([str(check), "-q", "-p", "no:cacheprovider", "--no-header",
                             "-W", "ignore"])
    times = [float(s["ms"]) for s in timer.searches]  # type: ignore[arg-type]
    found = [s for s in timer.searches if s["found"]]
    if not times:
        print("no search ran")
        return
    print(f"{len(times)} searches on failing checks, {len(found)} found a failing case to report; "
          f"added time per failing verdict: median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms (budget: {shrink.MAX_RUNS} runs, {shrink.DEADLINE_S} s)")
    for s in sorted(timer.searches, key=lambda s: -float(s["ms"]))[:5]:  # type: ignore[arg-type]
        print(f"  {float(s['ms']):6.0f} ms  {s['case']}")  # type: ignore[arg-type]
    if args.save:
        args.save.write_text(json.dumps(timer.searches, indent=1, default=str))


if __name__ == "__main__":
    sys.exit(main())
