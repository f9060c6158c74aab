"""A one-line progress bar on stderr, drawn only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30


class ProgressBar:
    """``[#####.....] 120/600 mutants · 97 killed · 0:41 left``, redrawn in place."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()

    def __call__(self, graded: int, total: int, killed: int) -> None:
        if not self.enabled or total == 0:
            return
        filled = WIDTH * graded // total
        elapsed = time.monotonic() - self.started
        left = elapsed / graded * (total - graded) if graded else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {graded}/{total} "
                          f"mutants · {killed} killed · {int(left) // 60}:{int(left) % 60:02d} "
                          "left ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (WIDTH + 60) + "\r")
            self.stream.flush()
