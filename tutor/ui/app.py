"""The Textual app behind ``tutor start``: wires screens to the workspace and grader.

Background work runs in Textual workers: warming the grader, watching the
workspace (thread workers: both block) and grading (a thread worker per run,
exclusive group "grade", so a newer save cancels the run in flight).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tutor.course import Exercise, Lesson, Pack
from tutor.course.registry import find_pack
from tutor.grading.grader import Grader
from tutor.grading.live import LiveGrader
from tutor.grading.results import ExerciseResult
from tutor.ui.grading import PostingListener
from tutor.ui.messages import (
    CheckReported,
    CheckRequested,
    FilesChanged,
    GradeFinished,
    LessonChosen,
    WatcherFellBack,
)
from tutor.ui.progress import continue_target, lesson_of
from tutor.ui.screens.course_map import CourseMapScreen
from tutor.ui.watch import watch_exercises
from tutor.workspace import Workspace

if TYPE_CHECKING:
    from tutor.ui.screens.lesson import LessonScreen

LESSON_MODULE = "tutor.ui.screens.lesson"
"""Imported on first use, not at start: it and the other screens pull in Textual's Markdown
and TextArea (about 90 ms here), which the first frame, the course map, does not need."""


def as_lesson_screen(screen: object) -> LessonScreen | None:
    """``screen`` when it is a lesson screen; no screen is one before the module is loaded."""
    module = sys.modules.get(LESSON_MODULE)
    return screen if module is not None and isinstance(screen, module.LessonScreen) else None


class TutorApp(App[int]):
    CSS_PATH = "tutor.tcss"
    TITLE = "torch-tutor"
    BINDINGS = [Binding("question_mark,f1", "help", "Help"), Binding("q", "quit", "Quit")]

    def __init__(self, grader: Grader, workspace: Workspace | None = None,
                 pack: Pack | None = None, new_workspace_at: Path | None = None,
                 watch: bool = True, poll: bool = False, note: str | None = None) -> None:
        """``workspace`` None: offer to create one at ``new_workspace_at`` for ``pack``.

        ``note``: how the workspace was found, when not in the current folder.
        """
        super().__init__()
        self.note = note
        self.leave: Callable[[], None] | None = None
        """Set by ``run_app``: end the process at once on quitting (see ui/leave.py)."""
        self.grader = grader
        self.session = LiveGrader(grader)
        self.workspace = workspace
        self.pack = pack
        self.new_workspace_at = new_workspace_at or Path.cwd() / "pytorch-tutor"
        # Not ``self.watch``: that name is Textual's reactive-watch method.
        self.watch_files, self.poll = watch, poll
        self.results: dict[str, ExerciseResult] = {}
        self.running: str | None = None
        self._stop_watching = threading.Event()

    def on_mount(self) -> None:
        # After the first frame: on a small machine warming torch competes for the CPU, and
        # the lesson screen's imports are not needed to draw the course map.
        self.call_after_refresh(self.run_worker, self._warm_up, thread=True,
                                group="prewarm", exit_on_error=False)
        if self.workspace is not None:
            self._enter(self.workspace)
        else:
            from tutor.ui.screens.new_workspace import NewWorkspaceScreen

            self.push_screen(NewWorkspaceScreen(self.pack or find_pack(None),
                                                self.new_workspace_at), self._workspace_chosen)

    def _warm_up(self) -> None:
        import importlib

        try:
            importlib.import_module(LESSON_MODULE)  # opening a lesson then costs no import
        finally:
            self.grader.prewarm()

    def _workspace_chosen(self, workspace: Workspace | None) -> None:
        if workspace is None:
            self.exit(0)
        else:
            self._enter(workspace)

    def _enter(self, workspace: Workspace) -> None:
        from tutor.workspace.lookup import remember

        self.workspace = workspace
        remember(workspace.root)
        if self.note:
            self.notify(self.note[0].upper() + self.note[1:] + ".", title="Welcome back",
                        timeout=8)
        for warning in workspace.warnings:
            self.notify(warning, title="Workspace", severity="warning", timeout=20)
        self.push_screen(CourseMapScreen(workspace))
        if self.watch_files:  # after the first frame too: the watcher's start costs CPU
            self.call_after_refresh(
                self.run_worker, partial(watch_exercises, workspace.root / "exercises",
                                         self._stop_watching, self.post_message, self.poll),
                thread=True, group="watch", exclusive=True, exit_on_error=False)

    def _exit_now(self) -> None:
        if self.leave is not None:
            self.leave()
        self.exit(0)

    def on_unmount(self) -> None:
        # Thread workers cannot be killed; ask them to finish so exit never hangs.
        self._stop_watching.set()
        self.session.cancel()

    # navigation ------------------------------------------------------------------

    def on_lesson_chosen(self, message: LessonChosen) -> None:
        self.open_lesson(message.lesson, message.exercise)

    def open_lesson(self, lesson: Lesson, exercise: Exercise | None = None) -> None:
        assert self.workspace is not None
        from tutor.ui.screens.lesson import LessonScreen

        screen = LessonScreen(self.workspace, lesson, exercise, self.results, self.running)
        if as_lesson_screen(self.screen):
            self.switch_screen(screen)  # one lesson at a time: no stack of lessons
        else:
            self.push_screen(screen)

    def action_continue(self) -> None:
        if self.workspace is not None and not as_lesson_screen(self.screen):
            target = continue_target(self.workspace)
            self.open_lesson(lesson_of(self.workspace, target), target)

    def action_help(self) -> None:
        from tutor.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_course_map(self) -> None:
        if as_lesson_screen(self.screen):
            await self.screen.run_action("back")

    async def action_quit(self) -> None:
        for lesson_screen in self._lesson_screens():
            lesson_screen.remember_place()
        dirty = [s for s in self._lesson_screens() if s.editor_dirty]
        if not dirty:
            self._exit_now()
            return
        editor = dirty[0].editor
        assert editor is not None

        def answered(answer: str | None) -> None:
            if answer == "save":
                editor.write()
            elif answer == "discard" and editor.exercise is not None and self.workspace:
                self.workspace.keep_copy(editor.exercise, editor.code.text)
            else:
                return
            self._exit_now()

        from tutor.ui.screens.choice import ChoiceScreen

        self.push_screen(ChoiceScreen(
            f"You have unsaved edits to `{editor.path.name if editor.path else ''}`.",
            [("save", "Save and quit", "primary"),
             ("discard", "Quit (edits copied to .tutor/backups/)", "error"),
             ("cancel", "Cancel", "default")], title="Quit"), answered)

    # grading -------------------------------------------------------------------------

    def on_check_requested(self, message: CheckRequested) -> None:
        assert self.workspace is not None
        exercise = message.exercise
        path = self.workspace.exercise_path(exercise)
        if message.only_if_changed and self.session.already_graded(path):
            return
        job = self.session.begin(exercise, path)
        self.running = exercise.qualified_id
        for screen in self._lesson_screens():
            screen.grade_started(exercise)
        self.run_worker(partial(self.session.run, job, PostingListener(self.post_message)),
                        thread=True, group="grade", exclusive=True, exit_on_error=False,
                        name=f"grade {exercise.qualified_id}")

    def on_check_reported(self, message: CheckReported) -> None:
        if self.session.is_current(message.run_id):
            for screen in self._lesson_screens():
                screen.check_reported(message.exercise, message.check)

    def on_grade_finished(self, message: GradeFinished) -> None:
        if not self.session.is_current(message.run_id) or message.result.cancelled:
            return  # overtaken by a newer save: its verdict would be stale
        assert self.workspace is not None
        exercise, result = message.exercise, message.result
        self.running = None
        try:
            first_pass = self.workspace.record(exercise.qualified_id, result.status)
        except OSError as error:
            first_pass = False
            self.notify(f"Progress could not be saved: {error}", severity="error")
        self.results[exercise.qualified_id] = result
        for screen in self._lesson_screens():
            screen.grade_finished(exercise, result, first_pass)
        for course_map in self.screen_stack:
            if isinstance(course_map, CourseMapScreen):
                course_map.refresh_progress()
        lesson_screen = as_lesson_screen(self.screen)
        shown_here = lesson_screen is not None and lesson_screen.current == exercise
        if result.passed and not shown_here:  # the lesson screen shows its own banner
            self.notify(f"{exercise.title} passed!" + (" First pass 🎉" if first_pass else ""),
                        title=exercise.qualified_id)

    def on_files_changed(self, message: FilesChanged) -> None:
        assert self.workspace is not None
        by_path = {self.workspace.exercise_path(ex).resolve(): ex
                   for ex in self.workspace.pack.exercises()}
        changed = [by_path[path] for path in sorted(message.paths) if path in by_path]
        for exercise in changed:
            for screen in self._lesson_screens():
                screen.file_changed(exercise)
        if changed:
            # One run at a time: the exercise on screen wins, else the last file saved.
            lesson_screen = as_lesson_screen(self.screen)
            shown = lesson_screen.current if lesson_screen else None
            target = shown if shown in changed else changed[-1]
            self.post_message(CheckRequested(target, only_if_changed=True))

    def on_watcher_fell_back(self, message: WatcherFellBack) -> None:
        self.notify(message.text, title="Watching files", severity="warning", timeout=15)

    def _lesson_screens(self) -> list[LessonScreen]:
        return [lesson for lesson in map(as_lesson_screen, self.screen_stack) if lesson]

    # command palette ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: every key", "what each key does", self.action_help)
        if self.workspace is None:
            return
        yield SystemCommand("Continue where you left off", "key c on the course map",
                            self.action_continue)
        yield SystemCommand("Course map", "the list of lessons (escape)", self.action_course_map)
        for number, lesson in enumerate(self.workspace.pack.lessons, 1):
            yield SystemCommand(f"Open lesson {number:02d}: {lesson.title}", lesson.id,
                                partial(self.open_lesson, lesson))
        lesson_screen = as_lesson_screen(screen)
        if lesson_screen:
            for title, help_text, callback in lesson_screen.palette_commands():
                yield SystemCommand(title, help_text, callback)  # type: ignore[arg-type]
