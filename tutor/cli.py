"""``tutor``: argument parsing only; each command lives in ``tutor.commands``.

Exit codes: 0 success (everything targeted passed), 1 something did not pass,
2 a usage, pack or workspace error (the message says what and where).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from tutor import __version__
from tutor.commands.common import EXIT_USAGE, CliError
from tutor.course import PackError

Handler = Callable[[argparse.Namespace], int]


def _start(args: argparse.Namespace) -> int:
    from tutor.commands.start import run

    return run(args)


def _check(args: argparse.Namespace) -> int:
    from tutor.commands.check import run

    return run(args)


def _watch(args: argparse.Namespace) -> int:
    from tutor.commands.watch import run

    return run(args)


def _learner(name: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        from tutor.commands import learner

        return int(getattr(learner, name)(args))

    return handler


def _doctor(args: argparse.Namespace) -> int:
    from tutor.commands.doctor import run

    return run(args)


def _update(args: argparse.Namespace) -> int:
    from tutor.commands.update import run

    return run(args)


def _pack(args: argparse.Namespace) -> int:
    from tutor.commands.pack import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor", description="Learn PyTorch in your terminal.",
        epilog="Start with `tutor start`. Docs: README.md, docs/authoring.md.")
    parser.add_argument("--version", action="version", version=f"torch-tutor {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    start = commands.add_parser("start", help="open the interactive tutor")
    start.add_argument("--workspace", metavar="DIR")
    start.add_argument("--pack", metavar="ID|DIR", help="pack for a new workspace")
    start.set_defaults(handler=_start)

    init = commands.add_parser("init", help="create a workspace with the exercise stubs")
    init.add_argument("dir", nargs="?", metavar="DIR", help="default: ./pytorch-tutor")
    init.add_argument("--pack", metavar="ID|DIR", help="default: the built-in course")
    init.set_defaults(handler=_learner("init"))

    from tutor.commands.check import add_arguments

    check = commands.add_parser("check", help="grade exercises (exit 0 = all passed)")
    add_arguments(check)
    check.set_defaults(handler=_check)

    watch = commands.add_parser("watch", help="re-grade on every save, one line per verdict")
    watch.add_argument("targets", nargs="*", default=["all"])
    watch.add_argument("--workspace", metavar="DIR")
    watch.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto")
    watch.add_argument("--poll", action="store_true", help="poll instead of file events")
    watch.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    watch.set_defaults(handler=_watch)

    listing = commands.add_parser("list", help="lessons and exercises with your progress")
    listing.add_argument("--workspace", metavar="DIR")
    listing.add_argument("--pack", metavar="ID|DIR")
    listing.set_defaults(handler=_learner("list_exercises"))

    hint = commands.add_parser("hint", help="reveal the next hint of an exercise")
    hint.add_argument("exercise", metavar="lessonNN/exercise")
    hint.add_argument("--level", type=int, help="show hints up to this level")
    hint.add_argument("--workspace", metavar="DIR")
    hint.set_defaults(handler=_learner("hint"))

    reset = commands.add_parser("reset", help="restore a stub (your file is backed up first)")
    reset.add_argument("exercise", metavar="lessonNN/exercise")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask")
    reset.add_argument("--workspace", metavar="DIR")
    reset.set_defaults(handler=_learner("reset"))

    solution = commands.add_parser("solution", help="print the reference solution")
    solution.add_argument("exercise", metavar="lessonNN/exercise")
    solution.add_argument("--force", action="store_true", help="even before you passed")
    solution.add_argument("--workspace", metavar="DIR")
    solution.set_defaults(handler=_learner("solution"))

    from tutor.commands.update import add_arguments as add_update_arguments

    update = commands.add_parser("update", help="bring your files up to a newer pack version "
                                                "(merges, backs up, never loses your work)")
    add_update_arguments(update)
    update.set_defaults(handler=_update)

    doctor = commands.add_parser("doctor", help="check the installation (torch, CUDA, ...)")
    doctor.set_defaults(handler=_doctor)

    from tutor.commands.pack import add_pack_parser

    add_pack_parser(commands, _pack)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except (CliError, PackError) as error:
        print(f"tutor: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
