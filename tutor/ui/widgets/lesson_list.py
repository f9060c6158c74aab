"""The course map's list: one line per lesson with its progress."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.course import Lesson

BAR_CELLS = 20
COUNT_CELLS = 7


def progress_bar(passed: int, total: int, cells: int = BAR_CELLS) -> Text:
    """A bar drawn as text (done cells bold or green, the rest dim)."""
    done = round(cells * passed / total) if total else 0
    return Text.assemble(("━" * done, "green" if passed == total else "bold"),
                         ("━" * (cells - done), "dim"))


@dataclass
class LessonRow:
    """``▶ 01  Tensors …   1/6 ━━━━━━━``: one lesson's line, laid out for the width it gets.

    A Rich renderable, not a widget: the course map is the first frame, and a
    widget per row costs more to style, lay out and draw than the whole list as
    one :class:`LessonList` (measured: about 2 ms per row widget here).
    """

    lesson: Lesson
    number: int
    passed: int
    is_next: bool

    @property
    def complete(self) -> bool:
        return self.passed == len(self.lesson.exercises)

    def mark(self) -> Text:
        if self.complete:
            return Text("✓", style="bold green")
        return Text("▶", style="bold") if self.is_next else Text(" ")

    def line(self, width: int) -> Text:
        total = len(self.lesson.exercises)
        # A narrow pane gives the title the room: a short bar says as much.
        bar_cells = BAR_CELLS if width >= 90 else 5
        title_cells = max(10, width - 2 - COUNT_CELLS - bar_cells - 1)
        title = Text.assemble((f"{self.number:02d} ", "dim"), self.lesson.title,
                              style="bold" if self.is_next else "")
        title.truncate(title_cells, overflow="ellipsis", pad=True)
        line = Text.assemble(self.mark(), " ", title,
                             f"{self.passed}/{total}".rjust(COUNT_CELLS - 1), "  ",
                             progress_bar(self.passed, total, bar_cells))
        line.truncate(width, overflow="ellipsis")
        line.no_wrap = True
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.line(options.max_width)


class LessonList(OptionList):
    """Enter (``OptionList.OptionSelected``) opens the highlighted lesson."""

    BINDINGS = [Binding("enter", "select", "Open lesson")]

    def __init__(self, rows: list[LessonRow], initial_index: int = 0,
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(*(Option(row, id=row.lesson.id) for row in rows), id=id)
        self.rows = rows
        self._initial_index = initial_index

    def on_mount(self) -> None:
        self.highlighted = self._initial_index

    def row_at(self, index: int | None) -> LessonRow | None:
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    @property
    def highlighted_row(self) -> LessonRow | None:
        return self.row_at(self.highlighted)

    def update_progress(self, passed: dict[str, int], next_lesson: str | None) -> None:
        """Redraw the rows whose count or next-mark changed."""
        for index, row in enumerate(self.rows):
            now = (passed[row.lesson.id], row.lesson.id == next_lesson)
            if (row.passed, row.is_next) != now:
                row.passed, row.is_next = now
                self.replace_option_prompt_at_index(index, row)
