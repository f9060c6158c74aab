"""A question with a few answers (confirmations, unsaved-changes prompts)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

Choice = tuple[str, str, str]
"""(key returned on dismissal, button label, button variant)."""

YES_NO: list[Choice] = [("yes", "Yes", "primary"), ("cancel", "Cancel", "default")]


class ChoiceScreen(ModalScreen[str]):
    """Dismisses with the key of the chosen button; Escape answers ``"cancel"``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, choices: list[Choice] | None = None,
                 title: str = "Please confirm") -> None:
        super().__init__()
        self.question = question
        self.choices = choices or YES_NO
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="choice") as dialog:
            dialog.border_title = self.title_text
            yield Markdown(self.question, id="question")
            with Horizontal(id="buttons"):
                for key, label, variant in self.choices:
                    yield Button(label, id=f"choice-{key}", variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss("cancel")
