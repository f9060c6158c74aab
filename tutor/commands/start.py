"""``tutor start``: open the interactive tutor (Textual). torch is never imported here."""

from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands.common import CliError, load_pack_arg, workspace_root
from tutor.course import PackError
from tutor.grading import default_grader
from tutor.ui.app import TutorApp
from tutor.workspace import Workspace, WorkspaceError


def run(args: argparse.Namespace) -> int:
    """Open the tutor on the workspace (none, or not a workspace yet: offer to create one)."""
    chosen = load_pack_arg(args.pack) if args.pack else None
    root = workspace_root(args)
    opened, default = None, Path.cwd() / "pytorch-tutor"
    if root is not None:
        try:
            opened = Workspace.open(Path(root))
        except WorkspaceError:
            default = Path(root).expanduser().resolve()  # offer to create it right there
        except PackError as error:
            raise CliError(str(error)) from None
    grader = default_grader()
    try:
        return TutorApp(grader, opened, chosen, default).run() or 0
    finally:
        grader.close()
