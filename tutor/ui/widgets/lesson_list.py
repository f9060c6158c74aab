"""The course map's list: one row per lesson with its progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Label, ListItem, ListView, ProgressBar

from tutor.course import Lesson


class LessonRow(ListItem):
    """``▶ 01  Tensors …   1/6 ███░░░``; ``-next`` marks the lesson to do next."""

    def __init__(self, lesson: Lesson, number: int, passed: int, is_next: bool) -> None:
        super().__init__(id=f"lesson-{lesson.id}", classes="-next" if is_next else "")
        self.lesson = lesson
        self.number = number
        self.passed = passed
        self.is_next = is_next

    def compose(self) -> ComposeResult:
        total = len(self.lesson.exercises)
        with Horizontal():
            yield Label(self._mark(), classes="lesson-mark")
            yield Label(Text.assemble((f"{self.number:02d} ", "dim"), self.lesson.title),
                        classes="lesson-title")
            yield Label(f"{self.passed}/{total}", classes="lesson-count")
            bar = ProgressBar(total=total, show_eta=False, show_percentage=False,
                              classes="lesson-bar")
            bar.progress = self.passed
            yield bar

    def _mark(self) -> Text:
        if self.passed == len(self.lesson.exercises):
            return Text("✓", style="bold green")
        return Text("▶", style="bold") if self.is_next else Text(" ")

    def update_progress(self, passed: int, is_next: bool) -> None:
        self.passed, self.is_next = passed, is_next
        self.set_class(is_next, "-next")
        self.query_one(".lesson-mark", Label).update(self._mark())
        self.query_one(".lesson-count", Label).update(f"{passed}/{len(self.lesson.exercises)}")
        self.query_one(ProgressBar).update(progress=passed)


class LessonList(ListView):
    """Enter (``ListView.Selected``) opens the highlighted lesson."""

    BINDINGS = [Binding("enter", "select_cursor", "Open lesson")]

    @property
    def rows(self) -> list[LessonRow]:
        return list(self.query(LessonRow))
