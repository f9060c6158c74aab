"""A lesson's Markdown, scrollable, with a jump to each exercise's section."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tutor.course import Exercise, Lesson


def lesson_markdown(lesson: Lesson) -> str:
    """The lesson text, or a note that it is missing (the exercises still work)."""
    try:
        return lesson.read_text()
    except OSError:
        return (f"# {lesson.title}\n\n*The text of this lesson is not available* "
                f"(`{lesson.text}` could not be read). The exercises on the right work "
                "anyway: press **e** to edit one, **h** for a hint.\n")


class LessonText(VerticalScroll, can_focus=True):
    """Lesson sections are titled ``## Exercise N — Title (`exercise_id`)``."""

    def __init__(self, lesson: Lesson, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        yield Markdown(lesson_markdown(self.lesson), id="lesson-markdown")

    def scroll_to_exercise(self, exercise: Exercise, animate: bool = False) -> bool:
        """Scroll the section of ``exercise`` to the top; False when there is none."""
        tag = f"({exercise.id})"
        for block in self.query(MarkdownBlock):
            text = block.source or ""
            if text.startswith("#") and tag in text.replace("`", ""):
                self.scroll_to_widget(block, top=True, animate=animate)
                return True
        return False
