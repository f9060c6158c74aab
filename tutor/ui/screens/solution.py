"""The learner's file and the reference solution side by side."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from tutor.course import Exercise
from tutor.ui.widgets.editor_pane import read_source


class SolutionScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,s", "close", "Back to the lesson")]

    def __init__(self, exercise: Exercise, learner_file: Path) -> None:
        super().__init__()
        self.exercise = exercise
        self.learner_file = learner_file

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="compare"):
            with Vertical(classes="side"):
                yield Static("Your file", classes="side-title")
                yield TextArea.code_editor(read_source(self.learner_file), language="python",
                                           read_only=True, id="mine")
            with Vertical(classes="side"):
                yield Static("Reference solution", classes="side-title")
                yield TextArea.code_editor(read_source(self.exercise.solution_path),
                                           language="python", read_only=True,
                                           id="reference")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.exercise.qualified_id} · compare with the reference"

    def action_close(self) -> None:
        self.dismiss(None)
