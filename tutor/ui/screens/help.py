"""Every key, per screen, generated from the bindings so it cannot go stale."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tutor.ui.widgets.footer import TutorFooter

INTRO = """\
**esc** (or **q**, **?**) closes this help.

Every save of an exercise file is checked at once, from the built-in editor or
your own editor (**o**, which runs `$VISUAL`/`$EDITOR`). Results show one row per
check, problems first; Enter on a row shows the full detail. **ctrl+p** opens the
command palette: every action is there too.

In a lesson the text has the focus first: arrows, **j**/**k**, space,
PageUp/PageDown and Home/End scroll it; **tab** moves to the exercise list.
"""

EDITOR_KEYS: list[BindingType] = [
    Binding("ctrl+s", "", "Save the file (and check it)"),
    Binding("escape", "", "Done editing (keys work again; the code stays open)"),
    Binding("ctrl+z", "", "Undo"),
    Binding("ctrl+y", "", "Redo"),
]


class HelpScreen(ModalScreen[None]):
    """Its own footer: only the keys of this pop-up, not the lesson's underneath."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close help")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help") as dialog:
            dialog.border_title = "torch-tutor · keys  (esc closes)"
            with VerticalScroll():
                yield Markdown(self.help_markdown(), id="help-text")
        yield TutorFooter()

    def help_markdown(self) -> str:
        # Imported here: the screens import this module for their help action.
        from tutor.ui.screens.course_map import CourseMapScreen
        from tutor.ui.screens.lesson import LessonScreen

        sections: list[tuple[str, list[BindingType]]] = [
            ("Course map", CourseMapScreen.BINDINGS),
            ("Lesson", [*(b for b in LessonScreen.BINDINGS if isinstance(b, Binding)
                          and b.action not in ("help", "quit")),
                        Binding("tab", "", "Move between the text and the exercise list"),
                        Binding("pageup,pagedown,home,end", "", "Scroll the lesson text")]),
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
