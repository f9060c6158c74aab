"""First run: no workspace yet, so offer to create one (instead of failing)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Markdown, Static

from tutor.course import Pack, PackError
from tutor.ui.widgets.footer import TutorFooter
from tutor.workspace import Workspace, WorkspaceError

INTRO = """\
# Welcome to torch-tutor

A **workspace** is a folder with your own copy of every exercise. You edit those
files; the tutor checks each save and remembers your progress there
(`.tutor/state.json`). Nothing outside the folder is touched.

Create one for **{title}** ({lessons} lessons, {exercises} exercises) at:
"""


class NewWorkspaceScreen(Screen[Workspace | None]):
    """Dismisses with the opened workspace, or None when the learner quits."""

    BINDINGS = [Binding("escape", "quit", "Quit")]

    def __init__(self, pack: Pack, default: Path) -> None:
        super().__init__()
        self.pack = pack
        self.default = default

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="new-workspace"):
            yield Markdown(INTRO.format(title=self.pack.title, lessons=len(self.pack.lessons),
                                        exercises=len(self.pack.exercises())))
            yield Input(str(self.default), id="workspace-path")
            yield Static(id="workspace-error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Create workspace", id="create", variant="primary")
                yield Button("Quit", id="quit")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.sub_title = "new workspace"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.create()
        else:
            self.dismiss(None)

    def create(self) -> None:
        """Create (or, when the folder already is one, open) the workspace."""
        value = self.query_one(Input).value.strip()
        root = Path(value).expanduser() if value else self.default
        try:
            if Workspace.find(root) == root.resolve():
                workspace = Workspace.open(root)
            else:
                workspace = Workspace.create(root, self.pack)
        except (WorkspaceError, PackError, OSError) as error:
            self.query_one("#workspace-error", Static).update(str(error))
            return
        self.dismiss(workspace)

    def action_quit(self) -> None:
        self.dismiss(None)
