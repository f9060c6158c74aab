"""The course map: every lesson with its progress; the next one to do is marked."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, ProgressBar, Static

from tutor.course import Lesson
from tutor.ui.layout import BREAKPOINTS, apply_width_classes
from tutor.ui.messages import LessonChosen
from tutor.ui.progress import course_progress, lesson_progress
from tutor.ui.widgets.footer import TutorFooter
from tutor.ui.widgets.lesson_list import LessonList, LessonRow
from tutor.ui.widgets.marks import mark, word
from tutor.workspace import Workspace


class CourseMapScreen(Screen[None]):
    """Below 100 columns the lesson summary panel gives its room to the titles."""

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    BINDINGS = [
        Binding("enter", "open_lesson", "Open lesson", show=False),
        Binding("c", "app.continue", "Continue"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        # Set before mounting, so the header has it in the very first frame.
        self.sub_title = f"{workspace.pack.title} · course map"

    def compose(self) -> ComposeResult:
        pack = self.workspace.pack
        upcoming = self.workspace.next_exercise()
        next_lesson = upcoming.lesson_id if upcoming else None
        rows = [LessonRow(lesson, number, lesson_progress(self.workspace, lesson)[0],
                          lesson.id == next_lesson)
                for number, lesson in enumerate(pack.lessons, 1)]
        start = next((i for i, row in enumerate(rows) if row.is_next), 0)
        yield Header()
        with Horizontal(id="course"):
            with Vertical(id="lessons-pane"):
                yield Static(id="course-summary")
                yield ProgressBar(total=len(pack.exercises()), show_eta=False,
                                  id="course-bar")
                yield LessonList(rows, initial_index=start, id="lessons")
            yield Static(id="lesson-summary")
        yield TutorFooter()

    def on_mount(self) -> None:
        apply_width_classes(self)
        self.query_one("#lesson-summary").border_title = "Lesson"
        self.refresh_progress()
        self.query_one(LessonList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        """Re-read progress (after a check, a reset, or coming back from a lesson)."""
        passed, total = course_progress(self.workspace)
        upcoming = self.workspace.next_exercise()
        summary = Text.assemble((f"{passed}/{total}", "bold"), " exercises passed · ")
        summary.append(f"next: {upcoming.qualified_id} — {upcoming.title}" if upcoming
                       else "course complete! 🎉", style="bold green" if not upcoming else "")
        self.query_one("#course-summary", Static).update(summary)
        self.query_one("#course-bar", ProgressBar).update(progress=passed)
        lessons = self.query_one(LessonList)
        lessons.update_progress(
            {row.lesson.id: lesson_progress(self.workspace, row.lesson)[0]
             for row in lessons.rows},
            upcoming.lesson_id if upcoming else None)
        self._describe(self._highlighted())

    def _highlighted(self) -> Lesson | None:
        row = self.query_one(LessonList).highlighted_row
        return row.lesson if row else None

    def _describe(self, lesson: Lesson | None) -> None:
        if lesson is None:
            return
        lines = Text.assemble((lesson.title, "bold"), "\n", (lesson.id, "dim"), "\n\n")
        for number, exercise in enumerate(lesson.exercises, 1):
            status = self.workspace.status_of(exercise)
            lines.append_text(Text.assemble(mark(status), f" {number}. {exercise.title}  "))
            lines.append_text(word(status))
            lines.append("\n")
        lines.append("\nEnter opens the lesson · c continues where you left off", style="dim")
        self.query_one("#lesson-summary", Static).update(lines)

    @on(OptionList.OptionHighlighted, "#lessons")
    def _lesson_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        row = self.query_one(LessonList).row_at(event.option_index)
        if row:
            self._describe(row.lesson)

    @on(OptionList.OptionSelected, "#lessons")
    def _lesson_selected(self, event: OptionList.OptionSelected) -> None:
        row = self.query_one(LessonList).row_at(event.option_index)
        if row:
            event.stop()
            self.post_message(LessonChosen(row.lesson))

    def action_open_lesson(self) -> None:
        lesson = self._highlighted()
        if lesson is not None:
            self.post_message(LessonChosen(lesson))
