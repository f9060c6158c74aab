"""The status of a check or an exercise, and how every front end shows it.

Adding a status means adding a member and its :class:`Look` here; the text,
JUnit, Gradescope and JSON formats, the app's widgets, ``tutor list`` and the
workspace state all read it from this one place. No torch, no rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

JUnitKind = Literal["failure", "error", "skipped"] | None


@dataclass(frozen=True)
class Look:
    mark: str
    """One character for terminals that show Unicode."""
    ascii_mark: str
    colour: str
    """A colour name both ANSI (text format) and rich (the app) understand."""
    word: str
    """What a sentence calls it: ``timed out``, ``not started``."""
    severity: int
    """When checks disagree the exercise shows the most severe; 0 = nothing wrong."""
    junit: JUnitKind
    """The JUnit element a check of this status becomes (None: a plain pass)."""


class Status(str, Enum):
    """A check's (or an exercise's) verdict. A ``str``: it compares and serialises as its value."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    MEMORY = "memory"
    SKIPPED = "skipped"
    NOT_STARTED = "not_started"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def parse(cls, value: str, default: Status | None = None) -> Status:
        """The status named ``value``; ``default`` (else ERROR) for an unknown name."""
        try:
            return cls(value)
        except ValueError:
            return default if default is not None else cls.ERROR

    @property
    def look(self) -> Look:
        return _LOOKS[self]

    @property
    def mark(self) -> str:
        return self.look.mark

    @property
    def ascii_mark(self) -> str:
        return self.look.ascii_mark

    @property
    def colour(self) -> str:
        return self.look.colour

    @property
    def word(self) -> str:
        return self.look.word

    @property
    def label(self) -> str:
        """The value in words for reports: ``not started``, ``timeout``."""
        return self.value.replace("_", " ")

    @property
    def severity(self) -> int:
        return self.look.severity

    @property
    def junit(self) -> JUnitKind:
        return self.look.junit

    @property
    def ok(self) -> bool:
        """Nothing wrong: passed, or skipped for a stated reason."""
        return self.severity == 0


_LOOKS: dict[Status, Look] = {
    Status.PASSED: Look("✓", "ok", "green", "passed", 0, None),
    Status.FAILED: Look("✗", "FAIL", "red", "failed", 2, "failure"),
    Status.ERROR: Look("!", "ERR", "red", "error", 3, "error"),
    Status.TIMEOUT: Look("⏱", "TIME", "yellow", "timed out", 5, "error"),
    Status.CRASHED: Look("☠", "CRASH", "magenta", "crashed", 6, "error"),
    Status.MEMORY: Look("M", "MEM", "magenta", "out of memory", 4, "error"),
    Status.SKIPPED: Look("-", "skip", "dim", "skipped", 0, "skipped"),
    Status.NOT_STARTED: Look("·", "todo", "dim", "not started", 1, "failure"),
}


def worst(statuses: list[Status]) -> Status:
    """An exercise's status from its checks' statuses.

    All passed or skipped: ``passed`` if any passed, else ``skipped``. Otherwise
    the most severe (a run that died says more than a wrong value).
    """
    if not statuses:
        return Status.ERROR
    if all(s.ok for s in statuses):
        return Status.PASSED if Status.PASSED in statuses else Status.SKIPPED
    return max(statuses, key=lambda s: s.severity)
