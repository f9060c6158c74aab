"""The lesson screen's editing actions: built-in editor, your own editor, save, reset.

Every path that could lose text asks first, and whatever the learner chooses to
drop is copied to ``.tutor/backups/`` (``Workspace.keep_copy``) before it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from tutor.course import Exercise
from tutor.ui.external_editor import open_in_editor
from tutor.ui.messages import CheckRequested
from tutor.ui.screens.choice import ChoiceScreen
from tutor.ui.widgets.editor_pane import CodeEditor, EditorPane, read_source
from tutor.workspace import Workspace

UNSAVED = [("save", "Save them", "primary"), ("discard", "Drop them (a copy is kept)", "error"),
           ("cancel", "Cancel", "default")]


class EditingActions(Screen[None]):
    """Mixed into ``LessonScreen``; needs ``workspace`` and ``current``.

    The editor pane is mounted on first use: a TextArea with a parser costs
    more than the rest of the lesson screen, and many visits only read.
    """

    workspace: Workspace
    editor: EditorPane | None = None

    @property
    def current(self) -> Exercise:
        raise NotImplementedError

    @property
    def editing(self) -> bool:
        """The editor pane is on screen (the lesson text is not)."""
        return self.query_one("#left", ContentSwitcher).current == "editor"

    @property
    def editor_dirty(self) -> bool:
        return self.editor is not None and self.editor.dirty

    def editor_holds(self, exercise: Exercise) -> bool:
        return self.editor is not None and self.editor.holds(exercise)

    def path_of(self, exercise: Exercise) -> Path:
        return self.workspace.exercise_path(exercise)

    # built-in editor ------------------------------------------------------------

    async def action_edit(self) -> None:
        exercise = self.current
        if self.editor is None:
            self.editor = EditorPane(self.workspace.root, id="editor")
            await self.query_one("#left", ContentSwitcher).mount(self.editor)
        if self.editor.holds(exercise):
            self._show_editor()
            return
        self.settle_unsaved(lambda: self._open_in_editor(exercise))

    def _open_in_editor(self, exercise: Exercise) -> None:
        assert self.editor is not None
        self.editor.load(exercise, self.path_of(exercise))
        self._show_editor()

    def _show_editor(self) -> None:
        assert self.editor is not None
        self.query_one("#left", ContentSwitcher).current = "editor"
        self.editor.code.focus()
        self.call_after_refresh(self.editor.reveal_cursor)
        self.refresh_bindings()

    def action_show_text(self) -> None:
        self.query_one("#left", ContentSwitcher).current = "lesson-text"
        self.query_one("#lesson-text").focus()
        self.refresh_bindings()

    @on(CodeEditor.Dismissed)
    def _editor_dismissed(self) -> None:
        if self.editor is not None:
            # A long line scrolled the code sideways: show it from the left edge again.
            self.editor.code.scroll_to(x=0, animate=False)
        self.query_one("#exercises").focus()

    def action_save(self) -> None:
        editor = self.editor
        if editor is None or editor.exercise is None:
            return
        if not editor.disk_differs():
            editor.write()
            return
        choices = [("mine", "Save mine (disk copy kept)", "primary"),
                   ("disk", "Load the disk version (mine kept)", "warning"),
                   ("cancel", "Cancel", "default")]
        self.app.push_screen(ChoiceScreen(
            f"`{editor.path.name if editor.path else ''}` changed on disk since you opened it "
            "(another editor?). Which version do you want? The other one is copied to "
            "`.tutor/backups/`.", choices, title="File changed on disk"), self._resolve_conflict)

    def _resolve_conflict(self, answer: str | None) -> None:
        editor = self.editor
        if (editor is None or editor.exercise is None or editor.path is None
                or answer not in ("mine", "disk")):
            return
        if answer == "mine":
            kept = self.workspace.keep_copy(editor.exercise, read_source(editor.path))
            editor.write()
        else:
            kept = self.workspace.keep_copy(editor.exercise, editor.code.text)
            editor.load(editor.exercise, editor.path)
            self.post_message(CheckRequested(editor.exercise, only_if_changed=True))
        self.notify(f"The other version is kept at {kept}", title="Backup")

    @on(EditorPane.Saved)
    def _saved(self, event: EditorPane.Saved) -> None:
        self.post_message(CheckRequested(event.exercise))

    def file_changed(self, exercise: Exercise) -> None:
        """The watcher saw ``exercise``'s file change (maybe from another editor)."""
        if self.editor is not None and self.editor.holds(exercise) \
                and not self.editor.reload_if_clean():
            self.notify(f"{exercise.id}.py changed on disk and you have unsaved edits here. "
                        "ctrl+s will ask which version to keep.", severity="warning",
                        title="Changed on disk")

    def settle_unsaved(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the editor has no unsaved edits (asking what to do with them)."""
        editor = self.editor
        if editor is None or editor.exercise is None or not editor.dirty:
            then()
            return
        exercise = editor.exercise

        def answered(answer: str | None) -> None:
            if answer == "save":
                editor.write()
            elif answer == "discard":
                kept = self.workspace.keep_copy(exercise, editor.code.text)
                editor.load(exercise, self.path_of(exercise))
                self.notify(f"Your unsaved edits are kept at {kept}", title="Backup")
            else:
                return
            then()

        self.app.push_screen(ChoiceScreen(
            f"You have unsaved edits to `{exercise.id}.py`.", UNSAVED,
            title="Unsaved edits"), answered)

    # $EDITOR ---------------------------------------------------------------------

    def action_external_editor(self) -> None:
        exercise = self.current
        if self.editor_holds(exercise):
            self.settle_unsaved(lambda: self._run_external(exercise))
        else:
            self._run_external(exercise)

    def _run_external(self, exercise: Exercise) -> None:
        error = open_in_editor(self.app, self.path_of(exercise))
        if error:
            self.notify(error, severity="warning", title="Your editor")
            return
        if self.editor is not None and self.editor.holds(exercise):
            self.editor.reload_if_clean()
        self.post_message(CheckRequested(exercise, only_if_changed=True))

    # reset -------------------------------------------------------------------------

    def action_reset(self) -> None:
        exercise = self.current
        path = self.path_of(exercise)
        self.app.push_screen(ChoiceScreen(
            f"Reset `{path.relative_to(self.workspace.root)}` to the original stub?\n\n"
            "Your current file (and any unsaved edits) is copied to `.tutor/backups/` first.",
            [("reset", "Reset", "error"), ("cancel", "Cancel", "default")],
            title="Reset exercise"), lambda answer: self._reset(exercise, answer))

    def _reset(self, exercise: Exercise, answer: str | None) -> None:
        if answer != "reset":
            return
        editor = self.editor if self.editor_holds(exercise) else None
        if editor is not None and editor.dirty:
            self.workspace.keep_copy(exercise, editor.code.text)
        backup = self.workspace.reset(exercise)
        if editor is not None:
            editor.load(exercise, self.path_of(exercise))
        self.exercise_reset(exercise)
        where = f" Your previous file is kept at {backup}." if backup else ""
        self.notify(f"{exercise.id} is back to the original stub.{where}", title="Reset")
        self.post_message(CheckRequested(exercise, only_if_changed=True))

    def exercise_reset(self, exercise: Exercise) -> None:
        """Hook: refresh marks and results after a reset."""
