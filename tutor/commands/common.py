"""Shared plumbing for CLI commands: finding the workspace and pack, usage errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tutor.course import Exercise, Pack, PackError, TargetError, load_pack, resolve_targets
from tutor.course.registry import find_pack
from tutor.workspace import Workspace, WorkspaceError

EXIT_USAGE = 2


class CliError(Exception):
    """A usage, pack or workspace problem: printed as ``tutor: error: …``, exit 2."""


def load_pack_arg(value: str | None) -> Pack:
    """``--pack`` takes an installed pack id or a path to a pack folder."""
    try:
        if value and (Path(value) / "pack.toml").is_file():
            return load_pack(Path(value).resolve())
        if value and ("/" in value or value.startswith(".")):
            return load_pack(Path(value).resolve())
        return find_pack(value)
    except PackError as error:
        raise CliError(str(error)) from None


def workspace_root(args: argparse.Namespace, quiet: bool = False) -> Path | None:
    """``--workspace``, else the one rule of ``tutor.workspace.lookup`` (its note on stderr)."""
    if getattr(args, "workspace", None):
        return Path(args.workspace)
    from tutor.workspace.lookup import locate

    found = locate(Path.cwd())
    if found is None:
        return None
    if found.note and not quiet:
        print(f"tutor: {found.note}", file=sys.stderr)
    return found.root


def open_workspace(args: argparse.Namespace, required: bool = True) -> Workspace | None:
    root = workspace_root(args)
    if root is None:
        if required:
            raise CliError("no workspace here: run `tutor init DIR` to create one, then run "
                           "this inside it or pass --workspace DIR")
        return None
    try:
        workspace = Workspace.open(root)
    except (WorkspaceError, PackError) as error:
        raise CliError(str(error)) from None
    for warning in workspace.warnings:
        print(f"tutor: warning: {warning}", file=sys.stderr)
    from tutor.workspace.lookup import remember

    remember(workspace.root)
    return workspace


def targets(pack: Pack, names: list[str]) -> list[Exercise]:
    try:
        return resolve_targets(pack, names)
    except TargetError as error:
        from tutor.commands.suggest import did_you_mean

        raise CliError(str(error) + did_you_mean(pack, names)) from None


def one_exercise(pack: Pack, name: str) -> Exercise:
    chosen = targets(pack, [name])
    if len(chosen) != 1:
        raise CliError(f"'{name}' names {len(chosen)} exercises; name one, e.g. "
                       f"{chosen[0].qualified_id if chosen else 'lesson01/make_grid'}")
    return chosen[0]


def utf8(stream: object) -> bool:
    """Whether ``stream`` can take the block and arrow characters of the drawings."""
    encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
    return encoding in ("utf8", "utf_8", "utf8sig")


def use_color(stream: object) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ
