"""``tutor watch``: re-grade on every save and print one line per verdict.

For learners who live in their own editor. Uses the same live-grading engine
as the app (tutor.grading.live): the newest save wins, a grader exception is
printed as a verdict and watching goes on.
"""

from __future__ import annotations

import argparse
import sys
import threading

from tutor.commands.common import open_workspace, targets, use_color
from tutor.grading import default_grader
from tutor.grading.formats.text import check_lines, exercise_line
from tutor.grading.live import LiveGrader, LiveRun
from tutor.grading.request import GradeOptions
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.workspace import Workspace
from tutor.workspace.watcher import watch_python_files


class VerdictPrinter:
    """Prints each finished run's verdict (and records it in the workspace)."""

    def __init__(self, workspace: Workspace, color: bool) -> None:
        self.workspace = workspace
        self.color = color

    def on_check(self, run: LiveRun, check: CheckResult) -> None:
        return None  # one line per verdict, not per check

    def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
        if result.cancelled:
            return  # overtaken by a newer save
        first_pass = self.workspace.record(result.id, result.status)
        lines = [exercise_line(result, self.color)]
        for check in result.checks:
            if check.status != "passed":
                lines += check_lines(check, self.color)
        if first_pass:
            upcoming = self.workspace.next_exercise()
            lines.append(f"  Passed for the first time! Next: {upcoming.qualified_id}"
                         if upcoming else "  Passed! That was the last exercise.")
        print("\n".join(lines), flush=True)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    chosen = targets(workspace.pack, args.targets)
    by_path = {workspace.exercise_path(ex).resolve(): ex for ex in chosen}
    grader = default_grader()
    grader.prewarm()
    live = LiveGrader(grader, GradeOptions(device=args.device))
    printer = VerdictPrinter(workspace, use_color(sys.stdout))
    stop = threading.Event()
    print(f"Watching {len(by_path)} exercise file(s) in {workspace.root / 'exercises'}; save "
          "one to check it. Ctrl+C stops.", flush=True)
    try:
        for changed in watch_python_files(workspace.root / "exercises", stop, poll=args.poll):
            for path in sorted(changed):
                if path in by_path:
                    live.request(by_path[path], path, printer)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        live.stop()
        grader.close()
    return 0
