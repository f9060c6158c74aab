"""``tutor watch``: re-grade on every save and print a short verdict.

For learners who live in their own editor. Uses the same live-grading engine as
the app (tutor.grading.live): the newest save wins, a grader exception is printed
as a verdict and watching goes on. At start it says where the learner stands and
grades the current exercise once (as rustlings does), so the first screen is
already useful.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading

from tutor.commands.common import open_workspace, targets, use_color
from tutor.course import Exercise
from tutor.grading import default_grader
from tutor.grading.formats.text import exercise_lines, skip_lines
from tutor.grading.live import LiveGrader, LiveRun
from tutor.grading.request import GradeOptions
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.workspace import Workspace
from tutor.workspace.watcher import watch_python_files


class VerdictPrinter:
    """Prints each finished run's verdict (and records it in the workspace)."""

    def __init__(self, workspace: Workspace, color: bool, verbose: bool) -> None:
        self.workspace = workspace
        self.color = color
        self.verbose = verbose
        self.skips_told: set[str] = set()

    def on_check(self, run: LiveRun, check: CheckResult) -> None:
        return None  # one verdict per run, not per check

    def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
        if result.cancelled:
            return  # overtaken by a newer save
        lines = exercise_lines(result, self.color, verbose=self.verbose)
        # Skips say the same on every save: once per exercise is enough.
        if not self.verbose and result.id not in self.skips_told:
            lines += skip_lines(result.checks)
            self.skips_told.add(result.id)
        # The verdict first: recording it fsyncs the state file (10-30 ms on a busy disk).
        print("\n".join(lines), flush=True)
        if self.workspace.record(result.id, result.status):
            upcoming = self.workspace.next_exercise()
            print(f"  Passed for the first time! Next: {upcoming.qualified_id}"
                  if upcoming else "  Passed! That was the last exercise.", flush=True)


def current_of(workspace: Workspace, chosen: list[Exercise]) -> Exercise:
    """The first exercise of ``chosen`` that has not passed (else the first)."""
    return next((ex for ex in chosen if workspace.status_of(ex) != "passed"), chosen[0])


def status_lines(workspace: Workspace, chosen: list[Exercise]) -> list[str]:
    """Where the learner stands in what is watched, before anything is graded."""
    passed = sum(workspace.status_of(ex) == "passed" for ex in chosen)
    current = current_of(workspace, chosen)
    return [f"{passed}/{len(chosen)} watched exercises passed. Current: "
            f"{current.qualified_id} — {current.title} "
            f"({workspace.status_of(current).replace('_', ' ')})."]


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    chosen = targets(workspace.pack, args.targets)
    by_path = {workspace.exercise_path(ex).resolve(): ex for ex in chosen}
    grader = default_grader()
    grader.prewarm()
    live = LiveGrader(grader, GradeOptions(device=args.device))
    printer = VerdictPrinter(workspace, use_color(sys.stdout),
                             bool(getattr(args, "verbose", False)))
    stop = threading.Event()
    print("\n".join(status_lines(workspace, chosen)), flush=True)
    print(f"Watching {len(by_path)} exercise file(s) in {workspace.root / 'exercises'}; save "
          "one to check it. Ctrl+C stops.", flush=True)
    current = current_of(workspace, chosen)
    live.request(current, workspace.exercise_path(current), printer)
    # watchfiles ends its loop on Ctrl+C and logs "KeyboardInterrupt caught": we say it.
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)
    try:
        for changed in watch_python_files(workspace.root / "exercises", stop, poll=args.poll):
            for path in sorted(changed):
                if path in by_path:
                    # Same content as the run already sent (an editor that writes a
                    # file in steps, a save without edits): one verdict is enough.
                    live.request(by_path[path], path, printer, only_if_changed=True)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        print("\nStopped watching. Your progress is saved.", flush=True)
        live.stop()
        from tutor.ui.leave import stop_in_background

        stop_in_background(grader.close)  # the warm worker stops on its own
    return 0
