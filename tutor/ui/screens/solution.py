"""The learner's file and the reference solution, side by side (stacked when narrow).

Both open at the first line where they differ, so the key lines are in sight
rather than the shared docstring.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from tutor.course import Exercise
from tutor.ui.widgets.editor_pane import read_source
from tutor.ui.widgets.footer import TutorFooter


def first_difference(mine: str, reference: str) -> tuple[int, int]:
    """(line in mine, line in reference) of the first difference, 0-based."""
    matcher = difflib.SequenceMatcher(None, mine.splitlines(), reference.splitlines(),
                                      autojunk=False)
    for tag, i1, _, j1, _ in matcher.get_opcodes():
        if tag != "equal":
            return i1, j1
    return 0, 0


class SolutionScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,s", "close", "Back to the lesson")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, exercise: Exercise, learner_file: Path) -> None:
        super().__init__()
        self.exercise = exercise
        self.learner_file = learner_file

    def compose(self) -> ComposeResult:
        mine, reference = read_source(self.learner_file), read_source(self.exercise.solution_path)
        yield Header()
        with Horizontal(id="compare"):
            with Vertical(classes="side"):
                yield Static("Your file", classes="side-title")
                yield TextArea.code_editor(mine, language="python", read_only=True, id="mine")
            with Vertical(classes="side"):
                yield Static("Reference solution", classes="side-title")
                yield TextArea.code_editor(reference, language="python", read_only=True,
                                           id="reference")
        yield TutorFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{self.exercise.qualified_id} · compare with the reference"
        mine, reference = self.query_one("#mine", TextArea), self.query_one("#reference",
                                                                             TextArea)
        at_mine, at_reference = first_difference(mine.text, reference.text)
        for area, line in ((mine, at_mine), (reference, at_reference)):
            area.move_cursor((line, 0))
        self.call_after_refresh(self._reveal, at_mine, at_reference)

    def _reveal(self, at_mine: int, at_reference: int) -> None:
        # A few lines of context above the difference (the function's signature).
        for name, line in (("#mine", at_mine), ("#reference", at_reference)):
            self.query_one(name, TextArea).scroll_to(x=0, y=max(0, line - 3), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
