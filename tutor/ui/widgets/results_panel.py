"""The results panel: what the grader said about one exercise, one row per check."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ListItem, ListView, Static

from tutor.course import Exercise
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status
from tutor.ui.widgets.feedback import feedback_note
from tutor.ui.widgets.marks import mark, word


def check_summary(check: CheckResult) -> Text:
    """The learner-facing message of a check, or why it was skipped."""
    if check.status == "skipped":
        return Text(f"skipped: {check.message or 'not run here'}", style="dim")
    if check.status == "passed":
        return Text("")
    return Text(check.message or word(check.status).plain)


ORDER = {"crashed": 0, "timeout": 0, "memory": 0, "error": 1, "failed": 1, "not_started": 2,
         "passed": 3, "skipped": 4}


def failures_first(checks: list[CheckResult]) -> list[CheckResult]:
    """Problems first (the most serious first), then passes, then skips; stable."""
    return sorted(checks, key=lambda check: ORDER.get(check.status, 1))


def verdict_line(result: ExerciseResult) -> Text:
    graded = [c for c in result.checks if c.status != "skipped"]
    passed = sum(c.status == "passed" for c in graded)
    skipped = len(result.checks) - len(graded)
    text = Text.assemble(mark(result.status), " ", word(result.status),
                         f" · {passed}/{len(graded)} checks passed")
    if skipped:
        text.append(f", {skipped} skipped")
    text.append(f" ({result.duration:.2f} s)", style="dim")
    if result.hidden_note:
        text.append(f"\n+ {result.hidden_note}", style="dim")
    return text


class CheckRow(ListItem):
    """``✗ name`` and, under it, the message (wrapped, never cut off)."""

    def __init__(self, check: CheckResult, repeat_message: bool = True) -> None:
        message = check_summary(check) if repeat_message else Text("")
        lines = message.split("\n")[:8] if message.plain else []
        parts = [Static(Text.assemble(mark(check.status), " ", check.shown_name), markup=False,
                        classes="check-name")]
        if lines:
            parts.append(Static(Text("\n").join(lines), markup=False, classes="check-message"))
        note = feedback_note(check) if repeat_message else None
        if note:
            parts.append(Static(Text(note, style="dim italic"), markup=False,
                                classes="check-message"))
        super().__init__(*parts, classes=f"-{check.status}")
        self.check = check


class ResultsPanel(Vertical):
    """Status line, then one row per check; Enter on a row shows its full detail."""

    class CheckSelected(Message):
        """The learner chose a check row to see its full detail."""

        def __init__(self, check: CheckResult) -> None:
            super().__init__()
            self.check = check

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.checks: list[CheckResult] = []
        self._rows: list[CheckRow] = []
        """The row of each of :attr:`checks`, in the same order."""
        self.exercise: Exercise | None = None
        self.idle = False
        """Showing what is known from before (no run in this session)."""

    def compose(self) -> ComposeResult:
        yield Static(id="results-status")
        # Above the rows: a passing exercise can have more rows than fit, and the
        # success moment must never scroll out of sight.
        yield Static(id="success", markup=False)
        yield ListView(id="checks")

    def on_mount(self) -> None:
        self.border_title = "Results"

    # what the screen calls --------------------------------------------------

    def show_idle(self, exercise: Exercise, status: Status, attempts: int,
                  typing: bool = False) -> None:
        """Nothing graded in this session: say what is known and how to check.

        ``typing``: the editor has the focus, where only ctrl+s (not e, o, r) works.
        """
        self._reset(exercise)
        self.idle = True
        if attempts:
            times = "once" if attempts == 1 else f"{attempts} times"
            text = Text.assemble("Last verdict: ", word(status), f" (checked {times}). ")
            text.append("ctrl+s saves and checks." if typing
                        else "Save or press r to check again.")
        elif typing:
            text = Text("Not checked yet. ctrl+s saves and checks: every save is checked.")
        else:
            text = Text("Not checked yet. Edit it (e, or o to open it in your editor) and "
                        "save: every save is checked. Press r to check now.")
        self._status(text)

    def show_checking(self, exercise: Exercise) -> None:
        self._reset(exercise)
        self._status(Text.assemble(("⟳ ", "bold yellow"), f"checking {exercise.id}…"))

    def add_check(self, check: CheckResult) -> None:
        """Add a row in failures-first order, so a run's first problem is the top row as
        soon as it is reported, above the passes streamed before it."""
        # "not started" says the same thing for every check: say it once.
        repeat = not (check.status == "not_started" and any(
            c.status == "not_started" for c in self.checks))
        rank = ORDER.get(check.status, 1)
        position = sum(ORDER.get(c.status, 1) <= rank for c in self.checks)
        row = CheckRow(check, repeat)
        rows = self.query_one("#checks", ListView)
        if position == len(self.checks):
            rows.append(row)
        else:
            # Before the row now at that place (the list's children may still hold rows
            # a reset is removing, so an index into them could be off).
            rows.mount(row, before=self._rows[position])
        self.checks.insert(position, check)
        self._rows.insert(position, row)

    def show_result(self, exercise: Exercise, result: ExerciseResult,
                    success: Text | None = None) -> None:
        """Show a finished run; ``success`` is the banner after a pass."""
        self._reset(exercise)
        for check in failures_first(result.checks):
            self.add_check(check)
        self._status(verdict_line(result))
        # The first problem is the first row: highlighted, Enter shows its detail.
        self.call_after_refresh(self._highlight, 0)
        self.show_success(success)

    def show_success(self, success: Text | None) -> None:
        """Show (or hide, with None) the banner after a pass."""
        banner = self.query_one("#success", Static)
        banner.update(success or "")
        banner.set_class(success is not None, "-visible")

    # internals ----------------------------------------------------------------

    def _reset(self, exercise: Exercise) -> None:
        self.idle = False
        self.border_title = f"Results · {exercise.id}"
        self.exercise = exercise
        self.checks = []
        self._rows = []
        self.query_one("#checks", ListView).clear()
        self.query_one("#success", Static).update("")
        self.query_one("#success", Static).remove_class("-visible")

    def _highlight(self, index: int) -> None:
        rows = self.query_one("#checks", ListView)
        # The rows were just rebuilt: an offset kept from the streamed rows would
        # leave the list scrolled past its new content (seen blank in a terminal).
        rows.scroll_home(animate=False)
        if index < len(rows.children):
            rows.index = index

    def _status(self, text: Text) -> None:
        self.query_one("#results-status", Static).update(text)

    @on(ListView.Selected, "#checks")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, CheckRow):
            self.post_message(self.CheckSelected(event.item.check))
