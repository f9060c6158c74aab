"""Hints, revealed one level at a time (each level is remembered in the workspace).

A hint that is code (often the last one: the whole answer) is shown as code in a
read-only editor: never wrapped mid-line, selectable, and ``c`` copies it.
"""

from __future__ import annotations

import ast
import textwrap

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Markdown, Static, TextArea

from tutor.course import Exercise
from tutor.ui.widgets.footer import TutorFooter
from tutor.workspace import Workspace


def hint_code(text: str) -> str | None:
    """The code of a hint that is code: a fenced block, or text that parses as Python."""
    stripped = text.strip()
    if stripped.startswith("```"):
        body = stripped.split("\n", 1)[1] if "\n" in stripped else ""
        return body.rsplit("```", 1)[0].strip("\n")
    if "```" in stripped or "`" in stripped:
        return None
    try:  # as a function body, so `return …` parses too
        tree = ast.parse("def _hint():\n" + textwrap.indent(stripped, "    "))
    except SyntaxError:
        return None
    body = tree.body[0].body  # type: ignore[attr-defined]
    # A lone name or constant ("Reshape.") parses but is prose.
    if len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(
            body[0].value, (ast.Name, ast.Constant)):
        return None
    return stripped


def hint_widgets(exercise: Exercise, level: int) -> list[Widget]:
    """One widget per revealed hint (prose as Markdown, code as code), then what is next."""
    if not exercise.hints:
        return [Markdown("This exercise has no hints. The lesson section and the check "
                         "messages are your guide.")]
    widgets: list[Widget] = []
    for number, text in enumerate(exercise.hints[:level], 1):
        title = f"**Hint {number} of {len(exercise.hints)}.**"
        code = hint_code(text)
        if code is None:
            widgets.append(Markdown(f"{title}\n\n{text}", classes="hint-prose"))
        else:
            widgets.append(Markdown(f"{title} As code (c copies it):", classes="hint-title"))
            area = TextArea.code_editor(code, language="python", read_only=True,
                                        show_line_numbers=False, classes="hint-code")
            area.styles.height = code.count("\n") + 4  # the lines, a border, a scrollbar
            widgets.append(area)
    if level >= len(exercise.hints):
        widgets.append(Static("That was the last hint. The reference solution (s, in the "
                              "lesson) is next.", classes="hint-next"))
    else:
        widgets.append(Static(f"{len(exercise.hints) - level} more: press h for the next "
                              "one.", classes="hint-next"))
    return widgets


class HintScreen(ModalScreen[None]):
    """Shows the hints revealed so far; ``h`` reveals the next level."""

    BINDINGS = [Binding("h", "next_hint", "Next hint"),
                Binding("c", "copy_code", "Copy the code"),
                Binding("escape,q", "close", "Close")]

    def __init__(self, workspace: Workspace, exercise: Exercise) -> None:
        super().__init__()
        self.workspace = workspace
        self.exercise = exercise

    @property
    def level(self) -> int:
        return self.workspace.state.progress(self.exercise.qualified_id).hint_level

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="hint") as dialog:
            dialog.border_title = f"Hints · {self.exercise.title}"
            with VerticalScroll(id="hints"):
                yield from hint_widgets(self.exercise, self.level)
            with Horizontal(id="buttons"):
                yield Button("Next hint (h)", id="next-hint", variant="primary",
                             disabled=self.level >= len(self.exercise.hints))
                yield Button("Close (esc)", id="close")
        yield TutorFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_code":
            return self.revealed_code() is not None
        if action == "next_hint":
            return self.level < len(self.exercise.hints)
        return True

    def revealed_code(self) -> str | None:
        """The code of the last revealed hint that is code."""
        codes = [hint_code(text) for text in self.exercise.hints[:self.level]]
        return next((code for code in reversed(codes) if code is not None), None)

    async def action_next_hint(self) -> None:
        if self.level >= len(self.exercise.hints):
            return
        self.workspace.reveal_hint(self.exercise)
        hints = self.query_one("#hints", VerticalScroll)
        await hints.remove_children()
        await hints.mount_all(hint_widgets(self.exercise, self.level))
        hints.scroll_end(animate=False)
        self.query_one("#next-hint", Button).disabled = self.level >= len(self.exercise.hints)
        self.refresh_bindings()

    def action_copy_code(self) -> None:
        code = self.revealed_code()
        if code is not None:
            self.app.copy_to_clipboard(code)
            self.notify("The hint's code is on the clipboard (if your terminal allows it).",
                        title="Copied")

    def action_close(self) -> None:
        self.dismiss(None)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next-hint":
            await self.action_next_hint()
        else:
            self.dismiss(None)
