"""The footer of every screen, compact on a narrow terminal so esc/?/q stay in sight."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW = 100
"""Below this many columns the footer drops its spacing and the palette key (ctrl+p
still works and is listed in help)."""


class TutorFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        narrow = self.app.size.width < NARROW
        self.compact = narrow
        self.show_command_palette = not narrow
