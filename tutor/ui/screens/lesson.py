"""A lesson: its text (or the editor) on the left; exercises and results on the right."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Footer, Header, ListView, ProgressBar, Static

from tutor.course import Exercise, Lesson
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.ui.messages import CheckRequested, LessonChosen
from tutor.ui.progress import course_progress, lesson_number, lesson_of, lesson_progress
from tutor.ui.screens.choice import ChoiceScreen
from tutor.ui.screens.hint import HintScreen
from tutor.ui.screens.lesson_editing import EditingActions
from tutor.ui.screens.result_detail import ResultDetailScreen
from tutor.ui.screens.solution import SolutionScreen
from tutor.ui.widgets.exercise_list import ExerciseList
from tutor.ui.widgets.lesson_text import LessonText
from tutor.ui.widgets.results_panel import ResultsPanel
from tutor.workspace import Workspace

# Letter keys type into the editor while it has focus, so the footer hides them then.
LETTER_ACTIONS = {"edit", "external_editor", "check", "hint", "solution", "next_exercise",
                  "reset", "show_text", "back"}


class LessonScreen(EditingActions):
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("o", "external_editor", "$EDITOR"),
        Binding("r", "check", "Check"),
        Binding("h", "hint", "Hint"),
        Binding("s", "solution", "Solution"),
        Binding("n", "next_exercise", "Next"),
        Binding("x", "reset", "Reset"),
        Binding("t", "show_text", "Text"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
    ]

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

    @property
    def current(self) -> Exercise:
        return self.query_one(ExerciseList).exercise or self.lesson.exercises[0]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lesson"):
            with ContentSwitcher(id="left", initial="lesson-text"):
                yield LessonText(self.lesson, id="lesson-text")
            with Vertical(id="sidebar"):
                yield Static(id="lesson-progress")
                yield ProgressBar(total=len(self.lesson.exercises), show_eta=False,
                                  show_percentage=False, id="lesson-bar")
                yield ExerciseList([(ex, self.workspace.status_of(ex))
                                    for ex in self.lesson.exercises], self.start,
                                   id="exercises")
                yield Static(id="hint-status")
                yield ResultsPanel(id="results")
        yield Footer()

    def on_mount(self) -> None:
        number = lesson_number(self.workspace, self.lesson)
        self.sub_title = f"Lesson {number:02d} · {self.lesson.title}"
        self.query_one(ExerciseList).focus()
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
        done, total = lesson_progress(self.workspace, self.lesson)
        course_done, course_total = course_progress(self.workspace)
        following = self._following(exercise)
        text = Text("🎉 First pass! " if first_pass else "✓ Passed! ", style="bold green")
        text.append(f"{exercise.title} works. Lesson {done}/{total}, course "
                    f"{course_done}/{course_total}.\n")
        text.append(f"n → next: {following.title} ({following.lesson_id})" if following
                    else "That was the last exercise: the course is complete!")
        text.append("   s → compare with the reference solution", style="dim")
        return text

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
            panel.show_idle(exercise, progress.status, progress.attempts)
        level = self.workspace.state.progress(exercise.qualified_id).hint_level
        self.query_one("#hint-status", Static).update(Text(
            f"{exercise.id} · hints seen {level}/{len(exercise.hints)} (h)", style="dim"))
        self.query_one(LessonText).scroll_to_exercise(exercise)
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
        self.app.push_screen(ResultDetailScreen(event.check))

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
        self.app.push_screen(ChoiceScreen(
            f"**{exercise.title}** has not passed yet. The hints (h) get you there without "
            "spoiling it. See the reference solution anyway?",
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
        self.settle_unsaved(self.dismiss)

    def palette_commands(self) -> Iterator[tuple[str, str, object]]:
        """Command palette entries for this screen (every key has one)."""
        exercise = self.current
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            yield (f"{binding.description}: {exercise.id}", f"key {binding.key}",
                   partial(self.run_action, binding.action))
        for ex in self.lesson.exercises:
            yield (f"Exercise: {ex.title} ({ex.id})", "select it in this lesson",
                   partial(self.query_one(ExerciseList).select_exercise, ex))
