"""A lesson's Markdown, scrollable by keyboard, with a jump to each exercise's section."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from tutor.course import Exercise, Lesson
from tutor.ui.widgets.code_block import WrappingMarkdown


def lesson_markdown(lesson: Lesson) -> str:
    """The lesson text, or a note that it is missing (the exercises still work)."""
    try:
        return lesson.read_text()
    except OSError:
        return (f"# {lesson.title}\n\n*The text of this lesson is not available* "
                f"(`{lesson.text}` could not be read). The exercises on the right work "
                "anyway: press **e** to edit one, **h** for a hint.\n")


def exercise_section(markdown: str, exercise: Exercise) -> str:
    """The ``## Exercise N — … (`id`)`` section of ``exercise`` (its tasks), or ''."""
    lines = markdown.splitlines()
    tag = f"({exercise.id})"
    start = next((i for i, line in enumerate(lines)
                  if re.match(r"#{2,3} ", line) and tag in line.replace("`", "")), None)
    if start is None:
        return ""
    level = lines[start].split(" ")[0]
    end = next((i for i in range(start + 1, len(lines))
                if re.match(rf"#{{1,{len(level)}}} ", lines[i])), len(lines))
    return "\n".join(lines[start:end]).strip()


class LessonText(VerticalScroll, can_focus=True):
    """Lesson sections are titled ``## Exercise N — Title (`exercise_id`)``.

    Focused, it scrolls with the arrows, j/k, space, PageUp/PageDown, Home/End.
    """

    BINDINGS = [Binding("j", "scroll_down", "Down", show=False),
                Binding("k", "scroll_up", "Up", show=False),
                Binding("space", "page_down", "Page down", show=False)]

    class Loaded(Message):
        """The Markdown has been laid out: positions can be restored now."""

    def __init__(self, lesson: Lesson, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lesson = lesson
        self.source = lesson_markdown(lesson)

    def compose(self) -> ComposeResult:
        yield WrappingMarkdown(self.source, id="lesson-markdown")

    @on(Markdown.TableOfContentsUpdated)
    def _loaded(self, event: Markdown.TableOfContentsUpdated) -> None:
        event.stop()
        self.post_message(self.Loaded())

    def blocks(self) -> list[MarkdownBlock]:
        markdown = self.query_one(Markdown)
        return [child for child in markdown.children if isinstance(child, MarkdownBlock)]

    def top_block(self) -> int:
        """Index of the first block at or below the top of the view (the reading place)."""
        top = self.scroll_y
        for index, block in enumerate(self.blocks()):
            if block.virtual_region.bottom > top:
                return index
        return 0

    def scroll_to_block(self, index: int) -> None:
        blocks = self.blocks()
        if 0 < index < len(blocks):
            self.scroll_to_widget(blocks[index], top=True, animate=False)
        else:
            self.scroll_home(animate=False)

    def scroll_to_exercise(self, exercise: Exercise, animate: bool = False) -> bool:
        """Scroll the section of ``exercise`` to the top; False when there is none."""
        tag = f"({exercise.id})"
        for block in self.query(MarkdownBlock):
            text = block.source or ""
            if text.startswith("#") and tag in text.replace("`", ""):
                self.scroll_to_widget(block, top=True, animate=animate)
                return True
        return False
