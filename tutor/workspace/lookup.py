"""Which workspace a command means when none is named: one rule for every command.

In order: the workspace at or above the current folder; ``./pytorch-tutor``
(where ``tutor start`` and ``tutor init`` create one by default, so a learner who
comes back to the same folder is found); the last workspace used, remembered in
``$TUTOR_HOME/last-workspace.json`` (the platform's user data folder by default).
Whenever the choice is not the current folder, a note says which one it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tutor.workspace.workspace import Workspace

DEFAULT_NAME = "pytorch-tutor"
LAST_FILE = "last-workspace.json"


@dataclass(frozen=True)
class Found:
    """A workspace found for a command, and what to tell the learner about it."""

    root: Path
    note: str | None = None
    """Set when the workspace is not the folder the learner is in."""


def _last_file() -> Path:
    from tutor.course.registry import tutor_home

    return tutor_home() / LAST_FILE


def remember(root: Path) -> None:
    """Remember ``root`` as the last workspace used (best effort: never fails a command)."""
    try:
        path = _last_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"root": str(root.resolve())}), encoding="utf-8")
    except OSError:
        pass


def last_workspace() -> Path | None:
    """The last workspace used, if it still is one."""
    try:
        root = Path(json.loads(_last_file().read_text(encoding="utf-8"))["root"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return root if Workspace.find(root) == root.resolve() else None


def _shown(root: Path, cwd: Path) -> str:
    try:
        return f"./{root.resolve().relative_to(cwd.resolve())}"
    except ValueError:
        return str(root)


def locate(cwd: Path) -> Found | None:
    """The workspace a command run in ``cwd`` works on, or None when there is none."""
    here = Workspace.find(cwd)
    if here is not None:
        return Found(here)
    default = cwd / DEFAULT_NAME
    if Workspace.find(default) == default.resolve():
        return Found(default.resolve(), f"using your workspace in {_shown(default, cwd)}")
    last = last_workspace()
    if last is not None:
        return Found(last, f"using your last workspace, {last}")
    return None
