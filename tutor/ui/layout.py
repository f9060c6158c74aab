"""One breakpoint for every screen: below 100 columns the layouts go narrow."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

NARROW_BELOW = 100
BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
"""Textual keeps these classes up to date on every resize."""


def apply_width_classes(screen: Screen[Any]) -> None:
    """Set ``-narrow``/``-wide`` now: Textual only does it on the screen's first resize,
    which can come after the first frame (seen in tmux: a wide frame, then the narrow)."""
    narrow = screen.app.size.width < NARROW_BELOW
    screen.set_class(narrow, "-narrow")
    screen.set_class(not narrow, "-wide")
