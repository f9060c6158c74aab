"""The lesson screen's reading place and focus rules (mixed into ``LessonScreen``).

The text opens at the learner's reading place (the title the first time) and
keeps it across runs; the prompts on screen name the keys that work where the
focus is (in the editor, letters type).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Static

from tutor.course import Exercise, Lesson
from tutor.ui.reading import reading_place, save_place
from tutor.ui.screens.lesson_editing import EditingActions
from tutor.ui.widgets.lesson_text import LessonText
from tutor.ui.widgets.results_panel import ResultsPanel


class ReadingAndFocus(EditingActions):
    """Needs ``lesson``, ``current`` and ``_render_success`` from the screen."""

    lesson: Lesson
    _place_restored = False

    def _render_success(self) -> None:
        raise NotImplementedError

    # reading place -----------------------------------------------------------------

    @on(LessonText.Loaded)
    def _text_loaded(self) -> None:
        if self._place_restored:
            return
        self._place_restored = True
        text = self.query_one(LessonText)
        place = reading_place(self.workspace.root, self.lesson.id)
        # Keys pressed while a long text was still loading win over the saved place.
        if place and text.scroll_y == 0:
            text.scroll_to_block(place)

    def remember_place(self) -> None:
        """Save where the learner is reading (called on leaving the lesson or the app)."""
        if self._place_restored:
            save_place(self.workspace.root, self.lesson.id,
                       self.query_one(LessonText).top_block())

    def on_screen_suspend(self) -> None:
        self.remember_place()

    # focus ---------------------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        self._editing_focus_changed()

    def on_descendant_blur(self) -> None:
        self._editing_focus_changed()

    def _editing_focus_changed(self) -> None:
        typing = self.editor is not None and self.editor.code.has_focus
        if typing != self.has_class("-typing"):
            self.set_class(typing, "-typing")
            # Prompts name the keys that work where the focus now is.
            self._render_success()
            self._show_hint_status(self.current)
            panel = self.query_one(ResultsPanel)
            if panel.idle and panel.exercise is not None:
                progress = self.workspace.state.progress(panel.exercise.qualified_id)
                panel.show_idle(panel.exercise, progress.status, progress.attempts, typing)

    def _show_hint_status(self, exercise: Exercise) -> None:
        level = self.workspace.state.progress(exercise.qualified_id).hint_level
        key = "esc, then h" if self.has_class("-typing") else "h"
        self.query_one("#hint-status", Static).update(Text(
            f"{exercise.id} · hints seen {level}/{len(exercise.hints)} ({key})", style="dim"))

    def action_focus_text(self) -> None:
        self.query_one(LessonText).focus()

    def action_text_scroll(self, how: str) -> None:
        """PageUp/PageDown/Home/End scroll the lesson text from the exercise list too."""
        text = self.query_one(LessonText)
        {"page_up": text.scroll_page_up, "page_down": text.scroll_page_down,
         "home": text.scroll_home, "end": text.scroll_end}[how](animate=False)

    def action_help(self) -> None:
        self.app.action_help()  # type: ignore[attr-defined]

    async def action_quit(self) -> None:
        await self.app.action_quit()
