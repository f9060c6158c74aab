"""The footer of every screen, compact on a narrow terminal so esc/?/q stay in sight."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

from tutor.ui.layout import NARROW_BELOW


class TutorFooter(Footer):
    """Below ``NARROW_BELOW`` columns: no spacing and no palette key (ctrl+p still
    works and is listed in help)."""

    def on_mount(self) -> None:
        narrow = self.app.size.width < NARROW_BELOW
        self.compact = narrow
        self.show_command_palette = not narrow

    def on_resize(self, event: events.Resize) -> None:
        narrow = self.app.size.width < NARROW_BELOW
        self.compact = narrow
        self.show_command_palette = not narrow
