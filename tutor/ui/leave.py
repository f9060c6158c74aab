"""Leaving at once: the terminal back to the shell in well under a second.

Textual's own shutdown unmounts every widget one by one; with a lesson's
Markdown (hundreds of blocks) that took 1-3 s on a busy machine, with the app
frozen on screen. Nothing is left to save by then (progress and the reading
place are written as they change), so ``tutor start`` restores the terminal the
way Textual's driver does, says where the progress is, asks the warm worker to
stop without waiting for it, and ends the process. Tests never take this path:
only ``run_app`` turns it on.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn


def closing_line(workspace_root: Path | None) -> str:
    if workspace_root is None:
        return "torch-tutor closed."
    return f"torch-tutor closed. Your progress is saved in {workspace_root}"


def stop_in_background(close: Callable[[], None], wait_s: float = 0.05) -> None:
    """Run ``close`` (a grader's shutdown) but wait at most ``wait_s`` for it."""
    closer = threading.Thread(target=close, daemon=True, name="grader-close")
    closer.start()
    closer.join(timeout=wait_s)


def leave_now(app: Any, close_grader: Callable[[], None], workspace_root: Path | None,
              code: int = 0) -> NoReturn:
    """Restore the terminal, print where progress is, stop the grader, exit the process."""
    driver = getattr(app, "_driver", None)
    if driver is not None:
        driver.stop_application_mode()  # input off, tty modes back, alt screen left
        driver.close()  # flushes the writer thread's queue
    # Inside the app sys.stdout is Textual's capture: write to the real terminal.
    out = sys.__stdout__
    if out is not None:
        out.write(closing_line(workspace_root) + "\n")
        out.flush()
    stop_in_background(close_grader)
    sys.stderr.flush()
    os._exit(code)
