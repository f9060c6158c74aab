"""Leaving at once: the terminal back to the shell in well under a second.

Textual's own shutdown unmounts every widget one by one; with a lesson's
Markdown (hundreds of blocks) that took 1-3 s on a busy machine, with the app
frozen on screen. Nothing is left to save by then (progress and the reading
place are written as they change), so ``tutor start`` restores the terminal the
way Textual's driver does, says where the progress is, asks the warm worker to
stop without waiting for it, and ends the process. Only ``tutor start`` turns it
on (``TutorApp.leave``); the quit test drives it with the process exit swapped
for a clock (tests/app/ui/test_ui_quit.py).

Restoring the terminal does what ``LinuxDriver.stop_application_mode`` does
except join the driver's key thread: that thread polls stdin with
``select(0.1)`` and polls once more after being told to stop, so joining it cost
0.1-0.2 s. The process exit ends it instead. The worker needs no wait either: it
stops on the shutdown message or, if the process ends first, on its closed pipe.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any


def closing_line(workspace_root: Path | None) -> str:
    if workspace_root is None:
        return "torch-tutor closed."
    return f"torch-tutor closed. Your progress is saved in {workspace_root}"


def stop_in_background(close: Callable[[], None], wait_s: float = 0.02) -> None:
    """Run ``close`` (a grader's shutdown) but wait at most ``wait_s`` for it."""
    closer = threading.Thread(target=close, daemon=True, name="grader-close")
    closer.start()
    closer.join(timeout=wait_s)


def restore_terminal(app: Any) -> None:
    """Input modes, tty attributes and the main screen back, without waiting for input."""
    driver = getattr(app, "_driver", None)
    if driver is None:
        return
    attrs_before = getattr(driver, "attrs_before", None)
    fileno = getattr(driver, "fileno", None)
    if not hasattr(driver, "exit_event") or fileno is None:
        driver.stop_application_mode()  # not a POSIX terminal (headless, Windows)
        driver.close()
        return
    for undo in ("_disable_bracketed_paste", "_enable_line_wrap",
                 "_disable_in_band_window_resize", "_disable_mouse_support"):
        step = getattr(driver, undo, None)
        if step is not None:
            step()
    driver.exit_event.set()  # the key thread stops reading; the exit ends it
    if attrs_before is not None:
        import termios

        with contextlib.suppress(termios.error):
            termios.tcsetattr(fileno, termios.TCSANOW, attrs_before)
    # Kitty keyboard protocol off, alternate screen left, cursor shown, focus events off.
    driver.write("\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l")
    driver.flush()
    driver.close()  # the writer thread writes what is queued, then stops


def leave_now(app: Any, close_grader: Callable[[], None], workspace_root: Path | None,
              code: int = 0, end: Callable[[int], Any] = os._exit) -> None:
    """Restore the terminal, print where progress is, stop the grader, end the process.

    ``end`` is the process exit; only the quit test passes another (it cannot end
    the test process), which makes this return.
    """
    restore_terminal(app)
    # Inside the app sys.stdout is Textual's capture: write to the real terminal.
    out = sys.__stdout__
    if out is not None:
        out.write(closing_line(workspace_root) + "\n")
        out.flush()
    stop_in_background(close_grader)
    sys.stderr.flush()
    end(code)
