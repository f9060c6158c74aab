"""The full story of one check: message, traceback, captured output."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tutor.grading.results import CheckResult
from tutor.ui.widgets.marks import mark, word


class ResultDetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, check: CheckResult) -> None:
        super().__init__()
        self.check = check

    def compose(self) -> ComposeResult:
        check = self.check
        with Vertical(id="dialog", classes="detail") as dialog:
            dialog.border_title = "Check detail"
            yield Static(Text.assemble(mark(check.status), " ", (check.name, "bold"), " — ",
                                       word(check.status),
                                       (f"  {check.duration:.2f} s", "dim")), id="detail-title")
            yield Static(Text(check.message or "(no message)"), id="detail-message")
            details = check.details or "(no traceback or captured output for this check)"
            yield TextArea(details, read_only=True, soft_wrap=True, id="detail-text",
                           show_line_numbers=False)
            yield Static(Text(check.id, style="dim"), id="detail-id")

    def action_close(self) -> None:
        self.dismiss(None)
