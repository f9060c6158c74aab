"""``tutor start``: open the interactive tutor (Textual). torch is never imported here."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands.common import workspace_root


def run(args: argparse.Namespace) -> int:
    from tutor.ui.app import run_app

    root = workspace_root(args)
    return run_app(workspace=Path(root) if root else None, pack=args.pack)
