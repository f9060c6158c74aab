"""Every key, per screen, generated from the bindings so it cannot go stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

INTRO = """\
Every save of an exercise file is checked at once, from the built-in editor or
your own (`$EDITOR`). Results show one row per check; Enter on a row shows the
full detail. **ctrl+p** opens the command palette: every action is there too.
"""

EDITOR_KEYS: list[BindingType] = [
    Binding("ctrl+s", "", "Save the file (and check it)"),
    Binding("escape", "", "Done editing (keys work again; the code stays open)"),
    Binding("ctrl+z", "", "Undo"),
    Binding("ctrl+y", "", "Redo"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help") as dialog:
            dialog.border_title = "torch-tutor · keys"
            with VerticalScroll():
                yield Markdown(self.help_markdown(), id="help-text")

    def help_markdown(self) -> str:
        # Imported here: the screens import this module for their help action.
        from tutor.ui.screens.course_map import CourseMapScreen
        from tutor.ui.screens.lesson import LessonScreen

        sections: list[tuple[str, list[BindingType]]] = [
            ("Course map", CourseMapScreen.BINDINGS),
            ("Lesson", LessonScreen.BINDINGS),
            ("Built-in editor", EDITOR_KEYS),
            ("Everywhere", [*type(self.app).BINDINGS,
                            Binding("ctrl+p", "", "Command palette")]),
        ]
        parts = [INTRO]
        for title, bindings in sections:
            parts.append(f"### {title}\n\n| key | does |\n|---|---|")
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    keys = " / ".join(self.app.get_key_display(Binding(k.strip(), ""))
                                      for k in binding.key.split(","))
                    parts.append(f"| `{keys}` | {binding.description} |")
        return "\n".join(parts)

    def action_close(self) -> None:
        self.dismiss(None)
