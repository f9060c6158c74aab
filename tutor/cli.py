"""``tutor``: the whole command line, declared here; each command runs in ``tutor.commands``.

A command's module is imported only when that command runs (``tutor check``
never pays for Textual, ``tutor start`` never for the grading formats):
:func:`main` resolves the ``"module:function"`` each parser names.

Exit codes: 0 success (everything targeted passed), 1 something did not pass,
2 a usage, pack or workspace error (the message says what and where).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any

from tutor import __version__
from tutor.commands.common import EXIT_USAGE, CliError
from tutor.course import PackError

DEVICES = ["auto", "cpu", "cuda", "mps"]


def _command(commands: Any, name: str, handler: str, help_text: str,
             workspace: bool = False) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    parser.set_defaults(handler=handler)
    if workspace:
        parser.add_argument("--workspace", metavar="DIR", help="workspace folder (default: "
                            "the one containing the current directory)")
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("targets", nargs="*", default=["all"],
                       help="all, lessonNN or lessonNN/exercise (default: all)")
    which = check.add_mutually_exclusive_group()
    which.add_argument("--solutions", action="store_true",
                       help="grade the pack's reference solutions instead of your files")
    which.add_argument("--stubs", action="store_true",
                       help="grade the pack's untouched stubs (every check should fail)")
    check.add_argument("--pack", metavar="ID|DIR", help="pack to use with --solutions/--stubs "
                       "outside a workspace (default: the built-in course)")
    check.add_argument("--device", choices=DEVICES, default="auto")
    check.add_argument("--require-gpu", action="store_true",
                       help="GPU checks that cannot run count as failures, not skips")
    check.add_argument("--format", choices=["text", "json", "junit", "gradescope"],
                       default="text")
    check.add_argument("--output", metavar="FILE", help="write the report here, not stdout")
    check.add_argument("--jobs", type=int, default=0, help="runs at once (default: CPUs)")
    check.add_argument("--seed", type=int, default=0, help="base seed for random inputs")
    check.add_argument("--grader", choices=["warm", "subprocess"],
                       help="warm worker (default where fork works) or a fresh process per run")
    check.add_argument("--isolation", choices=["fast", "strict"], default="fast",
                       help="strict: learner code runs only in a separate process that cannot "
                            "forge results (class grading; about 2x slower)")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="show tracebacks and captured output under failures")


def _pack_commands(commands: Any) -> None:
    pack = commands.add_parser("pack", help="write, validate, install and export packs")
    verbs = pack.add_subparsers(dest="pack_command", metavar="VERB", required=True)
    module = "tutor.commands.pack"
    new = _command(verbs, "new", f"{module}:new", "scaffold a working one-lesson pack")
    new.add_argument("dir", metavar="DIR")
    new.add_argument("--id", help="pack id (default: from the folder name)")
    check = _command(verbs, "check", f"{module}:check", "validate: manifest, files, hints, "
                     "stubs fail, solutions pass (several seeds), time budget")
    check.add_argument("dir", nargs="?", default=".", metavar="DIR")
    check.add_argument("--static", action="store_true", help="skip the grading runs")
    check.add_argument("--budget", type=float, default=2.0, metavar="SECONDS",
                       help="time allowed per check (default 2)")
    check.add_argument("--device", choices=DEVICES, default="auto")
    from tutor.commands.mutants import add_mutation_arguments

    add_mutation_arguments(check)
    add = _command(verbs, "add", f"{module}:add", "install a pack folder, .zip or .tar.gz")
    add.add_argument("source", metavar="PATH|ARCHIVE")
    add.add_argument("--replace", action="store_true", help="replace an installed pack")
    _command(verbs, "list", f"{module}:list_packs", "installed packs")
    remove = _command(verbs, "remove", f"{module}:remove",
                      "uninstall a pack added with `pack add`")
    remove.add_argument("id")
    export = _command(verbs, "export-gradescope", f"{module}:export_gradescope",
                      "a Gradescope autograder bundle")
    export.add_argument("dir", nargs="?", default=".", metavar="DIR|ID")
    export.add_argument("-o", "--output", default="autograder.zip", metavar="ZIP")
    learner_copy = _command(verbs, "export-learner", f"{module}:export_learner",
                            "the learners' copy of a class pack: hidden checks left out, "
                            "counted")
    learner_copy.add_argument("dir", nargs="?", default=".", metavar="DIR|ID")
    learner_copy.add_argument("-o", "--output", required=True, metavar="DIR|ZIP",
                              help="a new folder, or a .zip to hand out")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor", description="Learn PyTorch in your terminal.",
        epilog="Start with `tutor start`. Docs: README.md, docs/authoring.md.")
    parser.add_argument("--version", action="version", version=f"torch-tutor {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    learner = "tutor.commands.learner"

    start = _command(commands, "start", "tutor.commands.start:run",
                     "open the interactive tutor", workspace=True)
    start.add_argument("--pack", metavar="ID|DIR", help="pack for a new workspace")

    init = _command(commands, "init", f"{learner}:init",
                    "create a workspace with the exercise stubs")
    init.add_argument("dir", nargs="?", metavar="DIR", help="default: ./pytorch-tutor")
    init.add_argument("--pack", metavar="ID|DIR", help="default: the built-in course")

    check = _command(commands, "check", "tutor.commands.check:run",
                     "grade exercises (exit 0 = all passed)", workspace=True)
    _check_arguments(check)

    watch = _command(commands, "watch", "tutor.commands.watch:run",
                     "re-grade on every save, one line per verdict", workspace=True)
    watch.add_argument("targets", nargs="*", default=["all"])
    watch.add_argument("--device", choices=DEVICES, default="auto")
    watch.add_argument("--poll", action="store_true", help="poll instead of file events")
    watch.add_argument("--verbose", "-v", action="store_true",
                       help="every check of each run, with tracebacks")

    listing = _command(commands, "list", f"{learner}:list_exercises",
                       "lessons and exercises with your progress", workspace=True)
    listing.add_argument("--pack", metavar="ID|DIR")

    hint = _command(commands, "hint", f"{learner}:hint", "reveal the next hint of an exercise",
                    workspace=True)
    hint.add_argument("exercise", nargs="?", metavar="lessonNN/exercise",
                      help="default: the current exercise (the first not passed)")
    hint.add_argument("--level", type=int, help="show hints up to this level")

    reset = _command(commands, "reset", f"{learner}:reset",
                     "restore a stub (your file is backed up first)", workspace=True)
    reset.add_argument("exercise", metavar="lessonNN/exercise")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask")

    solution = _command(commands, "solution", f"{learner}:solution",
                        "print the reference solution", workspace=True)
    solution.add_argument("exercise", metavar="lessonNN/exercise")
    solution.add_argument("--force", action="store_true", help="even before you passed")

    update = _command(commands, "update", "tutor.commands.update:run",
                      "bring your files up to a newer pack version (merges, backs up, never "
                      "loses your work)", workspace=True)
    update.add_argument("--dry-run", action="store_true",
                        help="say what would change and change nothing")
    update.add_argument("--no-grade", action="store_true",
                        help="do not re-grade the exercises whose stub or checks changed")

    _command(commands, "doctor", "tutor.commands.doctor:run",
             "check the installation (torch, CUDA, ...)")
    worker = commands.add_parser("worker", help="the shared warm worker every command grades on")
    verbs = worker.add_subparsers(dest="worker_command", metavar="VERB", required=True)
    _command(verbs, "status", "tutor.commands.worker:status",
             "pid, socket, uptime, version, idle timeout, runs served")
    _command(verbs, "stop", "tutor.commands.worker:stop",
             "stop it (runs in flight are killed; the next grading starts a fresh one)")
    _pack_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: str | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    module, function = handler.split(":")
    try:
        return int(getattr(importlib.import_module(module), function)(args))
    except (CliError, PackError) as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`tutor list | head -3`): stop quietly, as Unix tools do.
        # stdout is pointed at /dev/null so the interpreter's final flush cannot fail.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
