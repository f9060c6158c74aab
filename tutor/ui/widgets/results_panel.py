"""The results panel: what the grader said about one exercise, one row per check."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from tutor.course import Exercise
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.ui.widgets.marks import STYLES, mark, word


def check_summary(check: CheckResult) -> Text:
    """The learner-facing message of a check, or why it was skipped."""
    if check.status == "skipped":
        return Text(f"skipped: {check.message or 'not run here'}", style="dim")
    if check.status == "passed":
        return Text("")
    return Text(check.message or word(check.status).plain)


def verdict_line(result: ExerciseResult) -> Text:
    graded = [c for c in result.checks if c.status != "skipped"]
    passed = sum(c.status == "passed" for c in graded)
    skipped = len(result.checks) - len(graded)
    text = Text.assemble(mark(result.status), " ", word(result.status),
                         f" · {passed}/{len(graded)} checks passed")
    if skipped:
        text.append(f", {skipped} skipped")
    text.append(f" ({result.duration:.2f} s)", style="dim")
    return text


class ResultsPanel(Vertical):
    """Status line, a table of checks, and the message of the highlighted check."""

    class CheckSelected(Message):
        """The learner chose a check row to see its full detail."""

        def __init__(self, check: CheckResult) -> None:
            super().__init__()
            self.check = check

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.checks: list[CheckResult] = []
        self.exercise: Exercise | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="results-status")
        yield DataTable(id="checks", cursor_type="row", show_header=False)
        yield Static(id="check-message", markup=False)
        yield Static(id="success", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#checks", DataTable)
        table.add_column("", key="mark", width=1)
        table.add_column("check", key="name")
        table.add_column("message", key="message")

    # what the screen calls --------------------------------------------------

    def show_idle(self, exercise: Exercise, status: str, attempts: int) -> None:
        """Nothing graded in this session: say what is known and how to check."""
        self._reset(exercise)
        if attempts:
            text = Text.assemble("Last verdict: ", word(status), f" ({attempts} check"
                                 f"{'s' if attempts != 1 else ''}). Save or press r to check.")
        else:
            text = Text("Not checked yet. Edit (e, or o for $EDITOR) and save: every save "
                        "is checked. Press r to check now.")
        self._status(text)

    def show_checking(self, exercise: Exercise) -> None:
        self._reset(exercise)
        self._status(Text.assemble(("⟳ ", "bold yellow"), f"checking {exercise.id}…"))

    def add_check(self, check: CheckResult) -> None:
        self.checks.append(check)
        table = self.query_one("#checks", DataTable)
        table.add_row(mark(check.status), check.name, check_summary(check).plain.split("\n")[0],
                      key=check.id or str(len(self.checks)))
        if len(self.checks) == 1:
            self._show_message(check)

    def show_result(self, exercise: Exercise, result: ExerciseResult,
                    success: Text | None = None) -> None:
        """Show a finished run; ``success`` is the banner after a pass."""
        self._reset(exercise)
        for check in result.checks:
            self.add_check(check)
        self._status(verdict_line(result))
        if result.status == "not_started" and result.checks:
            self._show_message(result.checks[0])
        banner = self.query_one("#success", Static)
        banner.update(success or "")
        banner.set_class(success is not None, "-visible")

    # internals ----------------------------------------------------------------

    def _reset(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.checks = []
        self.query_one("#checks", DataTable).clear()
        self.query_one("#check-message", Static).update("")
        self.query_one("#success", Static).update("")
        self.query_one("#success", Static).remove_class("-visible")

    def _status(self, text: Text) -> None:
        self.query_one("#results-status", Static).update(text)

    def _show_message(self, check: CheckResult) -> None:
        message = check_summary(check)
        if message.plain:
            message.stylize(STYLES.get(check.status, ""), 0, 0)
        hint = Text("  (enter: full detail)", style="dim") if check.details else Text("")
        self.query_one("#check-message", Static).update(Text.assemble(message, hint))

    @on(DataTable.RowHighlighted, "#checks")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.checks):
            self._show_message(self.checks[event.cursor_row])

    @on(DataTable.RowSelected, "#checks")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.checks):
            self.post_message(self.CheckSelected(self.checks[event.cursor_row]))
