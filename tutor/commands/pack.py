"""``tutor pack``: author, validate, install and export exercise packs.

Exit codes for ``pack check``: 0 valid, 1 pack problems (each naming the
exercise and the file), 2 an unreadable manifest (naming pack.toml and the line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.commands.common import CliError, load_pack_arg
from tutor.course import PackError, load_pack

TRUST_WARNING = ("Packs run code: their checks and solutions execute on your machine when "
                 "you grade. Only add packs from people you trust.")


def new(args: argparse.Namespace) -> int:
    from tutor.packs.scaffold import scaffold

    try:
        written = scaffold(Path(args.dir), args.id)
    except FileExistsError as error:
        raise CliError(str(error)) from None
    print(f"Created a pack with {len(written)} files in {args.dir}")
    print(f"Next: tutor pack check {args.dir}   (then read docs/authoring.md to add exercises)")
    return 0


def check(args: argparse.Namespace) -> int:
    from tutor.packs.validate import graded_problems, static_problems

    pack = load_pack(Path(args.dir).resolve())  # PackError → exit 2 in cli.main
    print(f"pack {pack.id} {pack.version}: {len(pack.lessons)} lesson(s), "
          f"{len(pack.exercises())} exercise(s)")
    problems = static_problems(pack)
    if getattr(args, "mutants", False):
        from tutor.commands.mutants import run_mutation

        for problem in problems:
            print(f"✗ {problem}")
        return 1 if run_mutation(args, pack) or problems else 0
    if not args.static:
        from tutor.grading import default_grader

        grader = default_grader()
        try:
            problems += graded_problems(grader, pack, args.budget, args.device,
                                        progress=lambda line: print(f"  {line}", flush=True))
        finally:
            grader.close()
    for problem in problems:
        print(f"✗ {problem}")
    if problems:
        print(f"{len(problems)} problem(s) found.")
        return 1
    if args.static:
        print("✓ the manifest and files are valid (grading skipped: --static).")
    else:
        print("✓ the pack is valid: every stub fails its checks and every solution passes.")
    return 0


def add(args: argparse.Namespace) -> int:
    from tutor.packs.install import UnsafeArchive, add_pack

    print(TRUST_WARNING, file=sys.stderr)
    try:
        pack = add_pack(Path(args.source), replace=args.replace)
    except UnsafeArchive as error:
        raise CliError(f"refused {args.source}: {error}; nothing was installed") from None
    except FileNotFoundError:
        raise CliError(f"{args.source} does not exist") from None
    print(f"Installed {pack.id} {pack.version} ({pack.title}) at {pack.root}")
    print(f"Start it with: tutor init DIR --pack {pack.id}   or   tutor start --pack {pack.id}")
    return 0


def list_packs(args: argparse.Namespace) -> int:
    from tutor.packs.install import list_packs as installed

    for pack_id, root, pack, error in installed():
        if pack is None:
            print(f"{pack_id:<24} (broken: {error})")
        else:
            print(f"{pack_id:<24} {pack.version:<10} {len(pack.exercises()):>3} exercises  "
                  f"{pack.title}  [{root}]")
    return 0


def remove(args: argparse.Namespace) -> int:
    from tutor.packs.install import remove_pack

    try:
        removed = remove_pack(args.id)
    except PackError as error:
        raise CliError(str(error)) from None
    print(f"Removed {args.id} ({removed}). Workspaces using it keep their files.")
    return 0


def export_gradescope(args: argparse.Namespace) -> int:
    from tutor.packs.gradescope import export_gradescope as export

    pack = load_pack_arg(args.dir)
    lacking = [ex.qualified_id for ex in pack.exercises() if ex.hidden_pending]
    if lacking:
        raise CliError(f"{pack.root} is a learner's copy: the hidden checks of "
                       f"{', '.join(lacking)} are not in it; export the bundle from the "
                       "instructor's pack")
    output = export(pack, Path(args.output))
    print(f"Wrote {output} ({output.stat().st_size // 1024} KiB): upload it as the "
          "autograder of a Gradescope programming assignment.")
    return 0


def export_learner(args: argparse.Namespace) -> int:
    from tutor.grading import default_grader
    from tutor.packs.learner_copy import LearnerCopyError, export_learner_copy

    pack = load_pack_arg(args.dir)
    grader = default_grader()
    try:
        counts = export_learner_copy(pack, Path(args.output), grader)
    except (LearnerCopyError, FileExistsError) as error:
        raise CliError(str(error)) from None
    finally:
        grader.close()
    hidden = sum(item.count for item in counts)
    print(f"Wrote the learners' copy of {pack.id} {pack.version} to {args.output}: "
          f"{hidden} hidden check(s) of {len(counts)} exercise(s) left out "
          "(they run in the Gradescope bundle).")
    return 0
