"""Status marks and colours shared by every widget (the CLI's marks, so both agree)."""

from __future__ import annotations

from rich.text import Text

from tutor.grading.formats.text import MARKS

STYLES = {"passed": "bold green", "failed": "bold red", "error": "bold red",
          "timeout": "bold yellow", "crashed": "bold magenta", "memory": "bold magenta",
          "skipped": "dim", "not_started": "dim"}
WORDS = {"passed": "passed", "failed": "failed", "error": "error", "timeout": "timed out",
         "crashed": "crashed", "memory": "out of memory", "skipped": "skipped",
         "not_started": "not started"}


def mark(status: str) -> Text:
    """The one-character mark of a status, coloured."""
    return Text(MARKS.get(status, "·"), style=STYLES.get(status, ""))


def word(status: str) -> Text:
    return Text(WORDS.get(status, status.replace("_", " ")), style=STYLES.get(status, ""))
