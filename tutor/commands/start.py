"""``tutor start``: open the interactive tutor (Textual). torch is never imported here."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from tutor.commands.common import CliError, load_pack_arg
from tutor.course import PackError
from tutor.grading import default_grader
from tutor.ui.app import TutorApp
from tutor.ui.leave import leave_now, stop_in_background
from tutor.workspace import Workspace, WorkspaceError


def run(args: argparse.Namespace) -> int:
    """Open the tutor on the workspace (none, or not a workspace yet: offer to create one)."""
    from tutor.workspace.lookup import locate

    chosen = load_pack_arg(args.pack) if args.pack else None
    note = None
    if getattr(args, "workspace", None):
        root: Path | None = Path(args.workspace)
    else:
        found = locate(Path.cwd())
        root, note = (found.root, found.note) if found else (None, None)
    opened, default = None, Path.cwd() / "pytorch-tutor"
    if root is not None:
        try:
            opened = Workspace.open(Path(root))
        except WorkspaceError:
            default = Path(root).expanduser().resolve()  # offer to create it right there
        except PackError as error:
            raise CliError(str(error)) from None
    grader = default_grader()
    # Everything imported so far lives as long as the process: freezing it keeps the
    # garbage collector from walking those ~40,000 objects again in each full collection
    # while the first frame is built (about 25 ms a pass here).
    gc.freeze()
    app = TutorApp(grader, opened, chosen, default, note=note)
    app.leave = lambda: leave_now(app, grader.close,
                                  app.workspace.root if app.workspace else None)
    try:
        return app.run() or 0
    finally:  # an exit that did not come through action_quit (an error, escape at start)
        stop_in_background(grader.close)
