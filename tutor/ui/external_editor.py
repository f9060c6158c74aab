"""Open a file in the learner's own editor ($VISUAL / $EDITOR), handing over the terminal."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command() -> list[str] | None:
    """``$VISUAL`` or ``$EDITOR`` split like a shell would; None when neither is set."""
    value = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    return shlex.split(value) if value and value.strip() else None


def open_in_editor(app: App[object], path: Path) -> str | None:
    """Run the editor on ``path`` with the app suspended; returns an error text or None."""
    command = editor_command()
    if command is None:
        return ("Set $EDITOR (e.g. `export EDITOR=nano`) to use your own editor, or press e "
                "for the built-in one.")
    argv = [*command, str(path)]
    try:
        try:
            with app.suspend():
                subprocess.run(argv, check=False)
        except SuspendNotSupported:
            if not app.is_headless:
                return "This terminal cannot be handed to another program; press e instead."
            # Headless (tests): nothing owns the terminal, so run it directly.
            subprocess.run(argv, check=False, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as error:
        return f"Could not run {command[0]!r}: {error.strerror or error}. Check $EDITOR."
    return None
