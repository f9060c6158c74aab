"""The full story of one check: its message, its pictures (tensor diff, shape trace,
loss curves), then the learner's own frames; the raw traceback and captured output
folded underneath (for the curious)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Collapsible, Static, TextArea

from tutor.grading.results import CheckResult
from tutor.ui.traceback_view import learner_frames_text
from tutor.ui.widgets.feedback import FeedbackViews, has_feedback
from tutor.ui.widgets.footer import TutorFooter
from tutor.ui.widgets.marks import mark, word


class ResultDetailScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter", "close", "Close"),
                Binding("f", "toggle_full", "Full traceback")]

    def __init__(self, check: CheckResult, learner_file: Path | None = None) -> None:
        super().__init__()
        self.check = check
        self.learner_file = learner_file

    def compose(self) -> ComposeResult:
        check = self.check
        with Vertical(id="dialog", classes="detail") as dialog:
            dialog.border_title = "Check detail  (esc closes)"
            yield Static(Text.assemble(mark(check.status), " ", (check.name, "bold"), " — ",
                                       word(check.status),
                                       (f"  {check.duration:.2f} s", "dim")), id="detail-title")
            with VerticalScroll(id="detail-body"):
                yield Static(Text(check.message or "(no message)"), id="detail-message")
                if has_feedback(check):
                    yield FeedbackViews(check, id="detail-feedback")
                mine = learner_frames_text(check.details, str(self.learner_file or ""))
                if mine:
                    yield Static(Text("In your code", style="bold"), classes="detail-head")
                    yield Static(Text(mine), id="detail-mine", markup=False)
                details = check.details or "(no traceback or captured output for this check)"
                with Collapsible(title="Full traceback and output (f)", collapsed=True,
                                 id="detail-full"):
                    yield TextArea(details, read_only=True, soft_wrap=True, id="detail-text",
                                   show_line_numbers=False)
            yield Static(Text(check.id, style="dim"), id="detail-id")
        yield TutorFooter()

    def action_toggle_full(self) -> None:
        full = self.query_one("#detail-full", Collapsible)
        full.collapsed = not full.collapsed

    def action_close(self) -> None:
        self.dismiss(None)
