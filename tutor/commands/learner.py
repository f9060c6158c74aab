"""Learner commands: ``init``, ``list``, ``hint``, ``reset``, ``solution``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands.common import CliError, load_pack_arg, one_exercise, open_workspace
from tutor.grading.status import Status
from tutor.workspace import Workspace, WorkspaceError


def init(args: argparse.Namespace) -> int:
    pack = load_pack_arg(args.pack)
    root = Path(args.dir or "pytorch-tutor")
    try:
        workspace = Workspace.create(root, pack)
    except WorkspaceError as error:
        raise CliError(str(error)) from None
    from tutor.workspace.lookup import remember

    remember(workspace.root)
    count = len(pack.exercises())
    print(f"Created a workspace for '{pack.title}' ({len(pack.lessons)} lessons, {count} "
          f"exercises) in {workspace.root}")
    print(f"Next: cd {root} && tutor start   (or: tutor check lesson01)")
    return 0


def list_exercises(args: argparse.Namespace) -> int:
    workspace = open_workspace(args, required=False)
    pack = workspace.pack if workspace else load_pack_arg(getattr(args, "pack", None))
    for lesson in pack.lessons:
        statuses = [workspace.status_of(ex) if workspace else None for ex in lesson.exercises]
        done = sum(s is Status.PASSED for s in statuses)
        print(f"{lesson.id}  {lesson.title}" + (f"  [{done}/{len(statuses)}]"
                                                if workspace else ""))
        for ex, status in zip(lesson.exercises, statuses, strict=True):
            mark = status.mark if status else " "
            suffix = f"  ({status.label})" if status else ""
            print(f"  {mark} {ex.qualified_id:<34} {ex.title}{suffix}")
    return 0


def hint(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    if args.exercise:
        exercise = one_exercise(workspace.pack, args.exercise)
    else:
        # As rustlings: no argument means the current exercise, the first not passed.
        current = workspace.next_exercise()
        if current is None:
            print("Every exercise has passed: no hints needed. Name one to see its hints.")
            return 0
        exercise = current
        print(f"Current exercise: {exercise.qualified_id} — {exercise.title}")
    if not exercise.hints:
        print(f"{exercise.qualified_id} has no hints.")
        return 0
    progress = workspace.state.progress(exercise.qualified_id)
    if args.level is not None:
        if not 1 <= args.level <= len(exercise.hints):
            raise CliError(f"--level must be 1..{len(exercise.hints)} for "
                           f"{exercise.qualified_id}")
        if args.level > progress.hint_level:
            progress.hint_level = args.level
            workspace.save()
        shown = args.level
    else:
        revealed = workspace.reveal_hint(exercise)
        shown = revealed[0] if revealed else progress.hint_level
    for level in range(1, shown + 1):
        print(f"Hint {level}/{len(exercise.hints)}: {exercise.hints[level - 1]}")
    if shown < len(exercise.hints):
        again = f"tutor hint {exercise.qualified_id}" if args.exercise else "tutor hint"
        print(f"(run `{again}` again for the next hint)")
    return 0


def reset(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    exercise = one_exercise(workspace.pack, args.exercise)
    path = workspace.exercise_path(exercise)
    if not args.yes and sys.stdin.isatty():
        answer = input(f"Reset {path} to the original stub? Your file is backed up first. "
                       "[y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 0
    backup = workspace.reset(exercise)
    print(f"Restored the stub of {exercise.qualified_id} at {path}")
    if backup:
        print(f"Your previous file is kept at {backup}")
    return 0


def solution(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    assert workspace is not None
    exercise = one_exercise(workspace.pack, args.exercise)
    progress = workspace.state.progress(exercise.qualified_id)
    if progress.status is not Status.PASSED and not args.force:
        print(f"{exercise.qualified_id} has not passed yet. Try `tutor hint "
              f"{exercise.qualified_id}` first, or see the solution anyway with --force.",
              file=sys.stderr)
        return 1
    progress.solution_viewed = True
    workspace.save()
    print(exercise.solution_path.read_text(encoding="utf-8"), end="")
    return 0
