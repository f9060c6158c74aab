"""The built-in editor: a Python TextArea bound to one exercise file.

It remembers the text it last read from or wrote to disk, so it can tell
"unsaved edits" from "the file changed underneath" and never silently drop
either (the screen asks the learner; the losing copy goes to backups).
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from tutor.course import Exercise
from tutor.workspace.atomic import write_text_atomic


class CodeEditor(TextArea):
    """``TextArea.code_editor`` whose Escape means "done editing" (not focus-next)."""

    # Shown in the footer; _on_key below does the work (TextArea eats Escape first).
    BINDINGS = [Binding("escape", "done", "Done editing")]

    class Dismissed(Message):
        """The learner pressed Escape in the editor."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.action_done()
            return
        await super()._on_key(event)

    def action_done(self) -> None:
        self.post_message(self.Dismissed())


def read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


class EditorPane(Vertical):
    """A title line (file, modified mark) over the code editor."""

    class Saved(Message):
        """The editor wrote its text to the exercise file."""

        def __init__(self, exercise: Exercise, path: Path) -> None:
            super().__init__()
            self.exercise = exercise
            self.path = path

    def __init__(self, workspace_root: Path, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.workspace_root = workspace_root
        self.exercise: Exercise | None = None
        self.path: Path | None = None
        self.disk_text = ""
        """What the file held when last loaded or saved."""
        self.changed_on_disk = False

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield CodeEditor.code_editor(language="python", id="code", theme="monokai")

    @property
    def code(self) -> CodeEditor:
        return self.query_one("#code", CodeEditor)

    @property
    def dirty(self) -> bool:
        """Edits not yet saved."""
        return self.exercise is not None and self.code.text != self.disk_text

    def holds(self, exercise: Exercise) -> bool:
        return self.exercise is not None and self.exercise.qualified_id == exercise.qualified_id

    def load(self, exercise: Exercise, path: Path) -> None:
        """Show ``path``; the cursor starts at the stub's edit point when there is one."""
        self.exercise, self.path = exercise, path
        self.disk_text = read_source(path)
        self.changed_on_disk = False
        self.code.load_text(self.disk_text)
        lines = self.disk_text.splitlines()
        todo = next((i for i, line in enumerate(lines) if "NotImplementedError" in line), None)
        if todo is not None:
            line = lines[todo]
            self.code.move_cursor((todo, len(line) - len(line.lstrip())))
        self._update_title()
        self.call_after_refresh(self.reveal_cursor)

    def reveal_cursor(self) -> None:
        """Scroll to the cursor from the left edge (a hidden editor has no width to scroll)."""
        self.code.scroll_to(x=0, animate=False)
        self.code.scroll_cursor_visible()

    def reload_if_clean(self) -> bool:
        """After an outside change: reload unless there are unsaved edits (then flag it)."""
        if self.path is None or self.exercise is None:
            return False
        on_disk = read_source(self.path)
        if on_disk == self.disk_text:
            return True
        if self.dirty:
            self.changed_on_disk = True
            self._update_title()
            return False
        cursor = self.code.cursor_location
        self.load(self.exercise, self.path)
        self.code.move_cursor(cursor)
        return True

    def disk_differs(self) -> bool:
        """The file changed since the editor last read or wrote it."""
        return self.path is not None and read_source(self.path) != self.disk_text

    def write(self) -> None:
        """Write the editor's text atomically (keeping the file's permissions)."""
        assert self.path is not None and self.exercise is not None
        text = self.code.text
        try:
            mode: int | None = self.path.stat().st_mode & 0o777
        except OSError:
            mode = None
        write_text_atomic(self.path, text)
        if mode is not None:
            os.chmod(self.path, mode)  # mkstemp makes 0600; keep what the learner had
        self.disk_text = text
        self.changed_on_disk = False
        self._update_title()
        self.post_message(self.Saved(self.exercise, self.path))

    def _update_title(self) -> None:
        if self.path is None:
            return
        try:
            shown = str(self.path.relative_to(self.workspace_root))
        except ValueError:
            shown = str(self.path)
        title = Text(shown, style="bold")
        if self.changed_on_disk:
            title.append("  ⚠ changed on disk", style="bold yellow")
        if self.dirty:
            title.append("  ● unsaved", style="bold red")
        title.append("   ctrl+s save · esc done", style="dim")
        self.query_one("#editor-title", Static).update(title)

    @on(TextArea.Changed, "#code")
    def _changed(self) -> None:
        self._update_title()
