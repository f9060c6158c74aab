"""The learner's own frames, picked out of a pytest traceback (no Textual here).

pytest's long traceback repeats each frame's whole function (docstrings and
all) and walks through the check's helpers first. A learner needs the lines of
their own file that ran, the one that failed, and the error under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LOCATION = re.compile(r"^(?P<path>[^\s:][^:]*\.py):(?P<line>\d+): ?(?P<error>\w*)\s*$")
CONTEXT = 2
"""Source lines kept above the failing line."""


@dataclass(frozen=True)
class Frame:
    path: str
    line: int
    error: str
    lines: list[str]
    """The failing line (``>``), a little context above it, the ``E`` lines."""


def _trimmed(chunk: list[str]) -> list[str]:
    marked = next((i for i, line in enumerate(chunk) if line.startswith(">")), None)
    if marked is None:
        return [line for line in chunk if line.startswith("E ")]
    above = [line for line in chunk[max(0, marked - CONTEXT):marked]
             if line.strip() and not line.lstrip().startswith(('"""', "'''"))]
    rest = [line for line in chunk[marked + 1:]
            if line.startswith("E ") or set(line.strip()) == {"^"}]
    return [*above, chunk[marked], *rest]


def frames(details: str) -> list[Frame]:
    """Every frame of a pytest long traceback, in order (outermost first)."""
    found: list[Frame] = []
    chunk: list[str] = []
    for line in details.splitlines():
        match = LOCATION.match(line)
        if match is None:
            if line.startswith("_ _ _") or line.startswith("The above exception"):
                chunk = []
            else:
                chunk.append(line)
            continue
        found.append(Frame(match["path"], int(match["line"]), match["error"],
                           _trimmed(chunk)))
        chunk = []
    return found


def is_learners(frame: Frame, learner_file: str | None) -> bool:
    """A frame in the learner's exercise file (by name, or under an ``exercises/`` folder)."""
    path = frame.path.replace("\\", "/")
    if learner_file and path.rsplit("/", 1)[-1] == learner_file.replace("\\", "/").rsplit(
            "/", 1)[-1] and "/checks/" not in path:
        return True
    return "exercises/" in path and "/tutor/" not in path


def learner_frames_text(details: str, learner_file: str | None = None) -> str:
    """The learner's frames as text: ``average.py, line 27`` then the trimmed lines."""
    parts: list[str] = []
    seen: set[tuple[str, int]] = set()
    for frame in frames(details):
        if not is_learners(frame, learner_file) or (frame.path, frame.line) in seen:
            continue
        seen.add((frame.path, frame.line))
        name = frame.path.replace("\\", "/").rsplit("/", 1)[-1]
        parts.append(f"{name}, line {frame.line}:\n" + "\n".join(frame.lines))
    return "\n\n".join(parts)
