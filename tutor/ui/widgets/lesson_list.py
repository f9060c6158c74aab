"""The course map's list: one row per lesson with its progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import ListItem, ListView

from tutor.course import Lesson

BAR_CELLS = 20
COUNT_CELLS = 7


def progress_bar(passed: int, total: int, cells: int = BAR_CELLS) -> Text:
    """A bar drawn as text (done cells bold or green, the rest dim): one widget per row."""
    done = round(cells * passed / total) if total else 0
    return Text.assemble(("━" * done, "green" if passed == total else "bold"),
                         ("━" * (cells - done), "dim"))


class LessonLine(Widget):
    """The row's single line, laid out for the width it gets."""

    DEFAULT_CSS = "LessonLine { height: 1; }"

    def __init__(self, row: LessonRow) -> None:
        super().__init__()
        self.row = row

    def render(self) -> Text:
        row = self.row
        total = len(row.lesson.exercises)
        # A narrow pane gives the title the room: a short bar says as much.
        bar_cells = BAR_CELLS if self.size.width >= 90 else 5
        title_cells = max(10, self.size.width - 2 - COUNT_CELLS - bar_cells - 1)
        title = Text.assemble((f"{row.number:02d} ", "dim"), row.lesson.title,
                              style="bold" if row.is_next else "")
        title.truncate(title_cells, overflow="ellipsis", pad=True)
        return Text.assemble(row.mark(), " ", title,
                             f"{row.passed}/{total}".rjust(COUNT_CELLS - 1), "  ",
                             progress_bar(row.passed, total, bar_cells))


class LessonRow(ListItem):
    """``▶ 01  Tensors …   1/6 ━━━━━━━``; ``-next`` marks the lesson to do next.

    Drawn as one line of text: the course map is the first frame, and twelve
    rows of label and progress-bar widgets cost more to style than to draw.
    """

    def __init__(self, lesson: Lesson, number: int, passed: int, is_next: bool) -> None:
        super().__init__(id=f"lesson-{lesson.id}", classes="-next" if is_next else "")
        self.lesson = lesson
        self.number = number
        self.passed = passed
        self.is_next = is_next

    def compose(self) -> ComposeResult:
        yield LessonLine(self)

    def mark(self) -> Text:
        if self.passed == len(self.lesson.exercises):
            return Text("✓", style="bold green")
        return Text("▶", style="bold") if self.is_next else Text(" ")

    def update_progress(self, passed: int, is_next: bool) -> None:
        self.passed, self.is_next = passed, is_next
        self.set_class(is_next, "-next")
        self.query_one(LessonLine).refresh()


class LessonList(ListView):
    """Enter (``ListView.Selected``) opens the highlighted lesson."""

    BINDINGS = [Binding("enter", "select_cursor", "Open lesson")]

    @property
    def rows(self) -> list[LessonRow]:
        return list(self.query(LessonRow))
