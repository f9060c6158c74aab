"""``tutor update``: bring the workspace's files up to a newer version of its pack."""

from __future__ import annotations

import argparse

from tutor.commands.common import open_workspace
from tutor.workspace.update import FileChange, UpdatePlan, apply_update, plan_update

WORDS = {
    "updated": "stub changed, your file was untouched: replaced by the new stub",
    "kept": "you changed it, the stub did not: kept as it is",
    "merged": "you and the stub both changed it: merged",
    "conflict": "you and the stub changed the same lines: merged with conflict markers",
    "added": "new in this version: stub added",
    "renamed": "moved to its new name",
    "removed": "no longer in the pack: your file is kept",
    "no_base": "kept; the new stub is written beside it",
}


def describe(change: FileChange) -> str:
    line = f"  {change.action:<9} {change.exercise_id:<34} {WORDS.get(change.action, '')}"
    if change.conflict_lines:
        where = ", ".join(str(n) for n in change.conflict_lines)
        line += f"\n            {change.path}: conflict markers at line(s) {where}"
    if change.note:
        line += f"\n            {change.note}"
    return line


def report(plan: UpdatePlan) -> None:
    print(f"Pack {plan.workspace.pack.id}: {plan.old_version or 'unknown'} → {plan.new_version}")
    shown = [c for c in plan.changes if c.action != "unchanged"]
    for change in shown:
        print(describe(change))
    if not shown:
        print("  nothing to change: every file matches this version")


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    plan = plan_update(workspace)
    report(plan)
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    backups = apply_update(plan)
    if backups:
        print(f"{len(backups)} file(s) backed up first in {workspace.backups_dir}")
    regrade = [c.exercise_id for c in plan.changes if c.regrade and c.action != "removed"]
    if regrade and not args.no_grade:
        _regrade(workspace, regrade)
    if plan.conflicts:
        print(f"{len(plan.conflicts)} file(s) have conflict markers (<<<<<<< … >>>>>>>): "
              "keep the lines you want, delete the markers, then save.")
        return 1
    return 0


def _regrade(workspace: object, exercise_ids: list[str]) -> None:
    from tutor.grading import default_grader
    from tutor.grading.batch import grade_all
    from tutor.grading.request import GradeOptions
    from tutor.workspace import Workspace

    assert isinstance(workspace, Workspace)
    pack = workspace.pack
    jobs = [(ex, workspace.exercise_path(ex)) for ex in pack.exercises()
            if ex.qualified_id in exercise_ids and workspace.exercise_path(ex).is_file()]
    print(f"Re-grading {len(jobs)} exercise(s) whose stub or checks changed…")
    grader = default_grader()
    try:
        result = grade_all(grader, pack, jobs, GradeOptions())
    finally:
        grader.close()
    for exercise in result.exercises:
        workspace.record(exercise.id, exercise.status)
        print(f"  {exercise.status:<12} {exercise.id}")
