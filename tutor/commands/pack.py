"""``tutor pack``: author, validate, install and export exercise packs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def add_pack_parser(commands: Any, handler: Callable[[argparse.Namespace], int]) -> None:
    pack = commands.add_parser("pack", help="write, validate, install and export packs")
    verbs = pack.add_subparsers(dest="pack_command", metavar="VERB", required=True)
    check = verbs.add_parser("check", help="validate a pack: manifest, files, stubs fail, "
                                           "solutions pass")
    check.add_argument("dir", nargs="?", default=".", metavar="DIR")
    check.set_defaults(handler=handler)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
