"""Where the learner left off reading each lesson: ``.tutor/reading.json`` in the workspace.

Kept as the index of the Markdown block at the top of the view (not a line
number), so the place survives a terminal of another width. Best effort: a
missing or broken file means "from the title".
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from tutor.workspace.atomic import write_json_atomic

FILE = Path(".tutor") / "reading.json"


def load_places(root: Path) -> dict[str, int]:
    try:
        data = json.loads((root / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, int) and v >= 0}


def reading_place(root: Path, lesson_id: str) -> int:
    """The block index to reopen ``lesson_id`` at (0: its title)."""
    return load_places(root).get(lesson_id, 0)


def save_place(root: Path, lesson_id: str, block: int) -> None:
    places = load_places(root)
    if places.get(lesson_id) == block:
        return
    places[lesson_id] = block
    # A read-only workspace loses the place, never the learner's work.
    with contextlib.suppress(OSError):
        write_json_atomic(root / FILE, places)
