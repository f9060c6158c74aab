"""The check detail's pictures: tensor diff, shape trace, loss curves (no torch here).

Each is drawn by the same functions as the CLI text (tutor.grading.diffview,
traceview, curveview) for the width the widget gets, then coloured by role.
The loss curves are also plotted with textual-plotext, imported only when a
check has curves (it is not needed to start the app).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from tutor.grading.curveview import draw_curves
from tutor.grading.diffview import draw_diff
from tutor.grading.drawing import Line
from tutor.grading.results import CheckResult
from tutor.grading.traceview import draw_trace

STYLES = {"wrong": "bold red", "worst": "bold white on red", "nonfinite": "bold magenta",
          "mark": "bold yellow",
          "head": "bold", "dim": "dim", "ok": "green", "heat1": "yellow", "heat2": "dark_orange",
          "heat3": "red", "heat4": "bold red"}
"""Rich style per drawing role (tutor.grading.drawing)."""


def styled(line: Line) -> Text:
    text = Text(no_wrap=True, overflow="crop")
    for part, role in line:
        text.append(part, STYLES.get(role, ""))
    return text


class Drawing:
    """A Rich renderable that draws itself for the width it is given."""

    def __init__(self, draw: Callable[[int], list[Line]]) -> None:
        self.draw = draw

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.draw(options.max_width):
            yield styled(line)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def _curve_plot(curves: dict[str, Any]) -> Widget:
    from tutor.ui.widgets.curve_plot import CurvePlot  # plotext: only when there are curves

    return CurvePlot(curves, classes="feedback-plot")


class FeedbackViews(Vertical):
    """Every picture the check carries, each under its own heading."""

    def __init__(self, check: CheckResult, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check

    def compose(self) -> ComposeResult:
        check = self.check
        if check.diff is not None:
            diff = check.diff
            yield Static(Text("Your values beside the expected ones", style="bold"),
                         classes="detail-head")
            yield Static(Drawing(lambda width: draw_diff(diff, width)), id="detail-diff",
                         classes="feedback")
        if check.trace is not None:
            trace = check.trace
            title = "Layer by layer" if trace.get("kind") == "layers" else "Shapes, line by line"
            yield Static(Text(title, style="bold"), classes="detail-head")
            yield Static(Drawing(lambda width: draw_trace(trace, width)), id="detail-trace",
                         classes="feedback")
        if check.curves is not None:
            curves = check.curves
            yield Static(Text.assemble(("Loss curves: ", "bold"), ("yours", "bold red"),
                                       " (line) against ", ("the reference", "bold green"),
                                       " (dots)"), classes="detail-head")
            yield _curve_plot(curves)
            yield Static(Drawing(lambda width: draw_curves(curves, width)), id="detail-curves",
                         classes="feedback")


def has_feedback(check: CheckResult) -> bool:
    return any(data is not None for data in (check.diff, check.trace, check.curves))


def feedback_note(check: CheckResult) -> str | None:
    """What Enter shows beyond the message (for the check's row), or None."""
    shown = [what for data, what in (
        (check.diff, "values side by side"),
        (check.trace, "the layer table" if (check.trace or {}).get("kind") == "layers"
         else "shapes line by line"),
        (check.curves, "loss curves")) if data is not None]
    return f"enter: {' and '.join(shown)}" if shown else None
