"""``tutor start``: open the interactive tutor (Textual). torch is never imported here."""

from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from tutor.ui.app import run_app

    if getattr(args, "workspace", None):
        return run_app(workspace=Path(args.workspace), pack=args.pack)
    from tutor.workspace.lookup import locate

    found = locate(Path.cwd())
    return run_app(workspace=found.root if found else None, pack=args.pack,
                   note=found.note if found else None)

