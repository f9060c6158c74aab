"""Errors a learner or pack author can act on: each names the file and the field."""

from __future__ import annotations

from pathlib import Path


class PackError(Exception):
    """A pack that cannot be used as written.

    The message names the file, the field (or line) and what was expected, so an
    instructor can fix it without reading our code.
    """

    def __init__(self, path: Path, where: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.where = where
        self.problem = problem
        self.line = line
        location = f"{path}:{line}" if line else str(path)
        field = f" [{where}]" if where else ""
        super().__init__(f"{location}{field}: {problem}")


class TargetError(Exception):
    """A check target (``lesson07``, ``lesson07/numeric_grad``) that names nothing in the pack."""
