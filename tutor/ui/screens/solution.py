"""The learner's file and the reference solution, side by side (stacked when narrow).

Both open at their function's code (past the docstring), so the key lines are in
sight rather than the docstring.
"""

from __future__ import annotations

import ast
import difflib
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from tutor.course import Exercise
from tutor.ui.layout import BREAKPOINTS, apply_width_classes
from tutor.ui.widgets.editor_pane import read_source
from tutor.ui.widgets.footer import TutorFooter


def code_start(source: str) -> int | None:
    """0-based line of the last function's first statement after its docstring."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    if not functions:
        return None
    body = functions[-1].body
    if len(body) > 1 and isinstance(body[0], ast.Expr) and isinstance(
            body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    # A comment just above the first statement (the stub's TODO) belongs to it.
    line = body[0].lineno - 1
    lines = source.splitlines()
    while line > 0 and lines[line - 1].strip().startswith("#"):
        line -= 1
    return line


def key_lines(mine: str, reference: str) -> tuple[int, int]:
    """(line in mine, line in reference), 0-based, where the code that matters starts:
    each file's function body after its docstring, else the first difference."""
    at_mine, at_reference = code_start(mine), code_start(reference)
    if at_mine is not None and at_reference is not None:
        return at_mine, at_reference
    matcher = difflib.SequenceMatcher(None, mine.splitlines(), reference.splitlines(),
                                      autojunk=False)
    for tag, i1, _, j1, _ in matcher.get_opcodes():
        if tag != "equal":
            return i1, j1
    return 0, 0


class SolutionScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,s", "close", "Back to the lesson")]
    HORIZONTAL_BREAKPOINTS = BREAKPOINTS

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
        apply_width_classes(self)
        self.sub_title = f"{self.exercise.qualified_id} · compare with the reference"
        mine, reference = self.query_one("#mine", TextArea), self.query_one("#reference",
                                                                             TextArea)
        at_mine, at_reference = key_lines(mine.text, reference.text)
        for area, line in ((mine, at_mine), (reference, at_reference)):
            area.move_cursor((line, 0))
        self.call_after_refresh(self._reveal, at_mine, at_reference)

    def _reveal(self, at_mine: int, at_reference: int) -> None:
        # One line of context above the code.
        for name, line in (("#mine", at_mine), ("#reference", at_reference)):
            self.query_one(name, TextArea).scroll_to(x=0, y=max(0, line - 1), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
