"""``tutor check``: grade exercises from the shell (exit 0 all passed, 1 not, 2 usage)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands.common import (
    CliError,
    load_pack_arg,
    open_workspace,
    targets,
    use_color,
    utf8,
)
from tutor.course import Exercise, Pack
from tutor.grading import Grader, RunResult, default_grader
from tutor.grading.batch import grade_all
from tutor.grading.formats import render
from tutor.grading.grader import SubprocessGrader, WarmGrader
from tutor.grading.request import GradeOptions
from tutor.workspace import Workspace


def choose_files(args: argparse.Namespace
                 ) -> tuple[Pack, list[tuple[Exercise, Path]], Workspace | None]:
    """(pack, (exercise, file to grade) pairs, workspace or None)."""
    workspace = open_workspace(args, required=not (args.solutions or args.stubs))
    pack = load_pack_arg(args.pack) if args.pack or workspace is None else workspace.pack
    chosen = targets(pack, args.targets)
    if args.solutions:
        return pack, [(ex, ex.solution_path) for ex in chosen], None
    if args.stubs:
        return pack, [(ex, ex.stub_path) for ex in chosen], None
    assert workspace is not None
    missing = [ex for ex in chosen if not workspace.exercise_path(ex).is_file()]
    if missing:
        raise CliError(f"{workspace.exercise_path(missing[0])} is missing; `tutor reset "
                       f"{missing[0].qualified_id}` restores the stub")
    return pack, [(ex, workspace.exercise_path(ex)) for ex in chosen], workspace


def run(args: argparse.Namespace) -> int:
    pack, jobs, workspace = choose_files(args)
    grader: Grader
    if args.grader == "subprocess":
        grader = SubprocessGrader()
    elif args.grader == "warm":
        grader = WarmGrader()
    else:
        grader = default_grader()
    options = GradeOptions(device=args.device, require_gpu=args.require_gpu, seed=args.seed,
                           jobs=args.jobs, isolation=args.isolation)
    try:
        result = grade_all(grader, pack, jobs, options)
    finally:
        grader.close()
    note = getattr(grader, "worker_note", None)
    if args.verbose and note:
        print(f"tutor: {note}", file=sys.stderr)
    if workspace is not None:
        for ex in result.exercises:
            workspace.record(ex.id, ex.status)
    emit(result, args, [ex for ex, _ in jobs])
    return result.exit_code


def emit(result: RunResult, args: argparse.Namespace, exercises: list[Exercise]) -> None:
    to_file = bool(args.output)
    color = not to_file and use_color(sys.stdout)
    # Written to a file, text is UTF-8; to a terminal, what that terminal can show.
    ascii_only = not to_file and not utf8(sys.stdout)
    report = render(result, args.format, color=color, verbose=args.verbose,
                    scores={ex.qualified_id: ex.score for ex in exercises},
                    hidden_visibility={ex.qualified_id: ex.hidden_visibility
                                       for ex in exercises},
                    ascii_only=ascii_only)
    if to_file:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as error:
            raise CliError(f"cannot write {args.output}: {error.strerror}") from None
        if args.format != "text":
            print(render(result, "text", color=use_color(sys.stdout),
                         ascii_only=not utf8(sys.stdout)), end="")
    else:
        sys.stdout.write(report)

