"""A lesson: its text (or the editor) on the left; exercises and results on the right.

Below 100 columns the sidebar moves under the text (exercises | results side by
side), so text and code keep the full width. The text has the focus on opening,
at the learner's reading place (the title the first time). While the editor has
the focus, the exercise's tasks replace the exercise list beside it.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Header, ListView, ProgressBar, Static

from tutor.course import Exercise, Lesson
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.ui.layout import BREAKPOINTS, apply_width_classes
from tutor.ui.messages import CheckRequested, LessonChosen
from tutor.ui.progress import course_progress, lesson_number, lesson_of, lesson_progress
from tutor.ui.screens.choice import ChoiceScreen
from tutor.ui.screens.hint import HintScreen
from tutor.ui.screens.lesson_focus import ReadingAndFocus
from tutor.ui.screens.result_detail import ResultDetailScreen
from tutor.ui.screens.solution import SolutionScreen
from tutor.ui.widgets.code_block import WrappingMarkdown
from tutor.ui.widgets.exercise_list import ExerciseList
from tutor.ui.widgets.footer import TutorFooter
from tutor.ui.widgets.lesson_text import LessonText, exercise_section
from tutor.ui.widgets.results_panel import ResultsPanel
from tutor.workspace import Workspace

# Letter keys type into the editor while it has focus, so the footer hides them then.
LETTER_ACTIONS = {"edit", "external_editor", "check", "hint", "solution", "next_exercise",
                  "reset", "show_text", "back", "help", "quit"}


class LessonScreen(ReadingAndFocus):
    # Footer order: the keys a learner needs first; esc/?/q before the rest, so a
    # narrow terminal never loses them. n, x, t and tab are in help and the palette.
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("r", "check", "Check"),
        Binding("h", "hint", "Hint"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("s", "solution", "Solution"),
        Binding("o", "external_editor", "Open in your editor"),
        Binding("n", "next_exercise", "Next exercise", show=False),
        Binding("x", "reset", "Reset to the stub", show=False),
        Binding("t", "show_text", "Lesson text", show=False),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

    def __init__(self, workspace: Workspace, lesson: Lesson, exercise: Exercise | None,
                 results: MutableMapping[str, ExerciseResult], running: str | None) -> None:
        super().__init__()
        self.workspace = workspace
        self.lesson = lesson
        self.results = results
        """The app's last result per exercise (shared, so switching exercises shows it)."""
        self.running = running
        first = exercise or self.workspace.next_exercise()
        self.start = (lesson.exercises.index(first)
                      if first is not None and first in lesson.exercises else 0)
        self._place_restored = False
        self._success_for: tuple[Exercise, bool] | None = None

    @property
    def current(self) -> Exercise:
        return self.query_one(ExerciseList).exercise or self.lesson.exercises[0]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lesson"):
            with ContentSwitcher(id="left", initial="lesson-text"):
                yield LessonText(self.lesson, id="lesson-text")
            with Vertical(id="sidebar"):
                with Vertical(id="side-top"):
                    yield Static(id="lesson-progress")
                    yield ProgressBar(total=len(self.lesson.exercises), show_eta=False,
                                      show_percentage=False, id="lesson-bar")
                    yield ExerciseList([(ex, self.workspace.status_of(ex))
                                        for ex in self.lesson.exercises], self.start,
                                       id="exercises")
                    with VerticalScroll(id="task"):
                        yield WrappingMarkdown(id="task-text")
                    yield Static(id="hint-status")
                yield ResultsPanel(id="results")
        yield TutorFooter()

    def on_mount(self) -> None:
        apply_width_classes(self)
        number = lesson_number(self.workspace, self.lesson)
        self.sub_title = f"Lesson {number:02d} · {self.lesson.title}"
        self.query_one(LessonText).focus()
        self._refresh_progress()
        self._show_exercise(self.current)

    # what the app tells us ---------------------------------------------------------

    def grade_started(self, exercise: Exercise) -> None:
        self.running = exercise.qualified_id
        if exercise in self.lesson.exercises:
            self.query_one(ExerciseList).select_exercise(exercise)
            self.query_one(ResultsPanel).show_checking(exercise)

    def check_reported(self, exercise: Exercise, check: CheckResult) -> None:
        panel = self.query_one(ResultsPanel)
        if panel.exercise == exercise:
            panel.add_check(check)

    def grade_finished(self, exercise: Exercise, result: ExerciseResult,
                       first_pass: bool) -> None:
        self.running = None
        if exercise not in self.lesson.exercises:
            return
        item = self.query_one(ExerciseList).item_for(exercise)
        if item is not None:
            item.show_status(result.status)
        self._refresh_progress()
        if self.query_one(ResultsPanel).exercise == exercise:
            self._success_for = (exercise, first_pass) if result.passed else None
            self.query_one(ResultsPanel).show_result(
                exercise, result, self._success(exercise, first_pass) if result.passed else None)

    def exercise_reset(self, exercise: Exercise) -> None:
        self.results.pop(exercise.qualified_id, None)
        item = self.query_one(ExerciseList).item_for(exercise)
        if item is not None:
            item.show_status(self.workspace.status_of(exercise))
        self._refresh_progress()
        self._show_exercise(exercise)

    # showing things -------------------------------------------------------------------

    def _success(self, exercise: Exercise, first_pass: bool) -> Text:
        """The pass banner; its keys are the ones that work where the focus is."""
        done, total = lesson_progress(self.workspace, self.lesson)
        course_done, course_total = course_progress(self.workspace)
        following = self._following(exercise)
        text = Text("🎉 First pass! " if first_pass else "✓ Passed! ", style="bold green")
        text.append(f"{exercise.title} works. Lesson {done}/{total}, course "
                    f"{course_done}/{course_total}.\n")
        if self.has_class("-typing"):
            # Letters type into the editor: name the key that leaves it first.
            text.append("esc (done editing), then ", style="bold")
        text.append(f"n → next: {following.title} ({following.lesson_id})" if following
                    else "That was the last exercise: the course is complete!")
        text.append("   s → compare with the reference solution", style="dim")
        return text

    def _render_success(self) -> None:
        panel = self.query_one(ResultsPanel)
        if self._success_for is not None and panel.exercise == self._success_for[0]:
            panel.show_success(self._success(*self._success_for))

    def _refresh_progress(self) -> None:
        done, total = lesson_progress(self.workspace, self.lesson)
        self.query_one("#lesson-progress", Static).update(
            Text.assemble((f"{done}/{total}", "bold"), " exercises passed in this lesson"))
        self.query_one("#lesson-bar", ProgressBar).update(progress=done)

    def _show_exercise(self, exercise: Exercise) -> None:
        panel = self.query_one(ResultsPanel)
        if self.running == exercise.qualified_id:
            panel.show_checking(exercise)
        elif exercise.qualified_id in self.results:
            panel.show_result(exercise, self.results[exercise.qualified_id])
        else:
            progress = self.workspace.state.progress(exercise.qualified_id)
            panel.show_idle(exercise, progress.status, progress.attempts,
                            self.has_class("-typing"))
        self._show_hint_status(exercise)
        text = self.query_one(LessonText)
        section = exercise_section(text.source, exercise)
        # The panel's title names the exercise; its heading would only take rows.
        self.query_one("#task", VerticalScroll).border_title = f"Your task · {exercise.title}"
        self.query_one("#task-text", WrappingMarkdown).update(
            section.partition("\n")[2].strip() if section
            else f"**{exercise.title}**: see the lesson text (t).")
        if self.query_one(ExerciseList).has_focus:
            # Browsing the list shows each exercise's section; a check started
            # by a save must not yank the text away from the reader.
            text.scroll_to_exercise(exercise)
        if self.editing and self.editor is not None and not self.editor.holds(exercise) \
                and not self.editor.dirty:
            self.editor.load(exercise, self.path_of(exercise))

    @on(ListView.Highlighted, "#exercises")
    def _exercise_highlighted(self) -> None:
        self._show_exercise(self.current)

    @on(ListView.Selected, "#exercises")
    async def _exercise_selected(self, event: ListView.Selected) -> None:
        event.stop()
        await self.action_edit()

    @on(ResultsPanel.CheckSelected)
    def _check_selected(self, event: ResultsPanel.CheckSelected) -> None:
        self.app.push_screen(ResultDetailScreen(event.check, self.path_of(self.current)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.editing
        if action in LETTER_ACTIONS:
            return not (self.editing and self.editor is not None
                        and self.editor.code.has_focus)
        return True

    # actions ------------------------------------------------------------------------------

    def action_check(self) -> None:
        exercise = self.current
        if self.editor_holds(exercise) and self.editor_dirty:
            self.notify("Checking the saved file: your unsaved edits are not included "
                        "(ctrl+s saves and checks).", severity="warning")
        self.post_message(CheckRequested(exercise))

    def action_hint(self) -> None:
        exercise = self.current
        self.workspace.reveal_hint(exercise)
        self.app.push_screen(HintScreen(self.workspace, exercise),
                             lambda _: self._show_exercise(self.current))

    def action_solution(self) -> None:
        exercise = self.current
        progress = self.workspace.state.progress(exercise.qualified_id)
        if progress.status == "passed" or progress.solution_viewed:
            self._open_solution(exercise)
            return
        seen_all = progress.hint_level >= len(exercise.hints)
        advice = ("You have seen every hint." if seen_all else
                  f"{len(exercise.hints) - progress.hint_level} hint(s) left (h) may get you "
                  "there without spoiling it.")
        self.app.push_screen(ChoiceScreen(
            f"**{exercise.title}** has not passed yet. {advice} See the reference solution "
            "anyway?",
            [("show", "Show the solution", "warning"), ("cancel", "Not yet", "primary")],
            title="Reference solution"),
            lambda answer: self._open_solution(exercise) if answer == "show" else None)

    def _open_solution(self, exercise: Exercise) -> None:
        progress = self.workspace.state.progress(exercise.qualified_id)
        if not progress.solution_viewed:
            progress.solution_viewed = True
            self.workspace.save()
        self.app.push_screen(SolutionScreen(exercise, self.path_of(exercise)))

    def _following(self, exercise: Exercise) -> Exercise | None:
        """The first unfinished exercise after ``exercise`` in course order (wrapping)."""
        order = self.workspace.pack.exercises()
        start = order.index(exercise) + 1 if exercise in order else 0
        return next((ex for ex in order[start:] + order[:start]
                     if ex != exercise and self.workspace.status_of(ex) != "passed"), None)

    def action_next_exercise(self) -> None:
        following = self._following(self.current)
        if following is None:
            self.notify("Every other exercise has passed. Well done!", title="Course complete")
        elif following in self.lesson.exercises:
            self.query_one(ExerciseList).select_exercise(following)
        else:
            lesson = lesson_of(self.workspace, following)
            self.settle_unsaved(lambda: self.post_message(LessonChosen(lesson, following)))

    def action_back(self) -> None:
        self.remember_place()
        self.settle_unsaved(self.dismiss)

    def palette_commands(self) -> Iterator[tuple[str, str, object]]:
        """Command palette entries for this screen (every key has one)."""
        exercise = self.current
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in ("help", "quit"):
                continue  # the app's own palette entries
            yield (f"{binding.description}: {exercise.id}", f"key {binding.key}",
                   partial(self.run_action, binding.action))
        for ex in self.lesson.exercises:
            yield (f"Exercise: {ex.title} ({ex.id})", "select it in this lesson",
                   partial(self.query_one(ExerciseList).select_exercise, ex))
