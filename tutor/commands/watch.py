"""``tutor watch``: re-grade on every save and print one line per verdict.

For learners who live in their own editor. Uses the same LiveChecker as the app.
"""

from __future__ import annotations

import argparse
import sys
import threading

from tutor.commands.common import open_workspace, targets, use_color
from tutor.course import Exercise
from tutor.grading import default_grader
from tutor.grading.batch import GradeOptions
from tutor.grading.formats.text import check_lines, exercise_line
from tutor.grading.live import LiveCallbacks, LiveChecker
from tutor.grading.results import ExerciseResult
from tutor.workspace.watcher import watch_python_files


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    chosen = targets(workspace.pack, args.targets)
    by_path = {workspace.exercise_path(ex).resolve(): ex for ex in chosen}
    color = use_color(sys.stdout)
    grader = default_grader()
    grader.prewarm()

    def on_result(exercise: Exercise, result: ExerciseResult) -> None:
        first_pass = workspace.record(result.id, result.status)
        lines = [exercise_line(result, color)]
        for check in result.checks:
            if check.status != "passed":
                lines += check_lines(check, color)
        if first_pass:
            upcoming = workspace.next_exercise()
            lines.append(f"  Passed for the first time! Next: {upcoming.qualified_id}"
                         if upcoming else "  Passed! That was the last exercise.")
        print("\n".join(lines), flush=True)

    checker = LiveChecker(grader, GradeOptions(device=args.device),
                          LiveCallbacks(on_result=on_result))
    stop = threading.Event()
    print(f"Watching {len(by_path)} exercise file(s) in {workspace.root / 'exercises'}; save "
          "one to check it. Ctrl+C stops.", flush=True)
    try:
        for changed in watch_python_files(workspace.root / "exercises", stop, poll=args.poll):
            for path in sorted(changed):
                if path in by_path:
                    checker.request(by_path[path], path)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        checker.stop()
        grader.close()
    return 0
