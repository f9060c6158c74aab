"""Hints, revealed one level at a time (each level is remembered in the workspace)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

from tutor.course import Exercise
from tutor.workspace import Workspace


def hint_markdown(text: str) -> str:
    """A hint is Markdown; one spanning several lines with no fence is code.

    (Markdown would join its lines into one paragraph, so it gets a fence.)
    """
    if "\n" in text.strip() and "```" not in text:
        return f"```python\n{text.strip()}\n```"
    return text


def hints_markdown(exercise: Exercise, level: int) -> str:
    if not exercise.hints:
        return "This exercise has no hints. The lesson section and the check messages are " \
               "your guide."
    parts = [f"**Hint {n} of {len(exercise.hints)}.**\n\n{hint_markdown(text)}"
             for n, text in enumerate(exercise.hints[:level], 1)]
    if level >= len(exercise.hints):
        parts.append("*That was the last hint. The reference solution (s) is next.*")
    else:
        parts.append(f"*{len(exercise.hints) - level} more: press h for the next one.*")
    return "\n\n".join(parts)


class HintScreen(ModalScreen[None]):
    """Shows the hints revealed so far; ``h`` reveals the next level."""

    BINDINGS = [Binding("h", "next_hint", "Next hint"),
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
            with VerticalScroll():
                yield Markdown(hints_markdown(self.exercise, self.level), id="hints")
            with Horizontal(id="buttons"):
                yield Button("Next hint (h)", id="next-hint", variant="primary",
                             disabled=self.level >= len(self.exercise.hints))
                yield Button("Close (esc)", id="close")

    async def action_next_hint(self) -> None:
        self.workspace.reveal_hint(self.exercise)
        await self.query_one("#hints", Markdown).update(hints_markdown(self.exercise,
                                                                       self.level))
        self.query_one("#next-hint", Button).disabled = self.level >= len(self.exercise.hints)

    def action_close(self) -> None:
        self.dismiss(None)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "next-hint":
            await self.action_next_hint()
        else:
            self.dismiss(None)
