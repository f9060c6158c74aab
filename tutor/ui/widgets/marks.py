"""Status marks and colours for every widget: the Status type's own (so the CLI agrees)."""

from __future__ import annotations

from rich.text import Text

from tutor.grading.status import Status


def style(status: Status) -> str:
    """The rich style of a status: bold in its colour (dim ones stay dim)."""
    return "dim" if status.colour == "dim" else f"bold {status.colour}"


def mark(status: Status) -> Text:
    """The one-character mark of a status, coloured."""
    return Text(status.mark, style=style(status))


def word(status: Status) -> Text:
    return Text(status.word, style=style(status))
