"""The workspace's progress file, ``.tutor/state.json``.

Written atomically after every change. A file that cannot be read is moved
aside (kept, never deleted) and progress starts over; the learner's code is
untouched either way, and re-checking restores the statuses.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tutor.grading.status import Status
from tutor.workspace.atomic import write_json_atomic

STATE_FORMAT = 1


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


@dataclass
class ExerciseProgress:
    status: Status = Status.NOT_STARTED
    attempts: int = 0
    hint_level: int = 0
    """How many hints the learner has revealed."""
    first_passed_at: str | None = None
    last_checked_at: str | None = None
    solution_viewed: bool = False


@dataclass
class WorkspaceState:
    pack_id: str
    pack_version: str
    pack_root: str = ""
    created_at: str = field(default_factory=now_iso)
    last_exercise: str | None = None
    exercises: dict[str, ExerciseProgress] = field(default_factory=dict)

    def progress(self, exercise_id: str) -> ExerciseProgress:
        """The exercise's progress (created, not started, on first use)."""
        return self.exercises.setdefault(exercise_id, ExerciseProgress())

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "pack": {"id": self.pack_id, "version": self.pack_version, "root": self.pack_root},
            "created_at": self.created_at,
            "last_exercise": self.last_exercise,
            "exercises": {k: dict(asdict(v), status=v.status.value)
                          for k, v in sorted(self.exercises.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WorkspaceState:
        if data.get("format") != STATE_FORMAT:
            raise ValueError(f"unknown state format {data.get('format')!r}")
        pack = data["pack"]
        known = ExerciseProgress.__dataclass_fields__
        return cls(
            pack_id=str(pack["id"]), pack_version=str(pack.get("version", "")),
            pack_root=str(pack.get("root", "")),
            created_at=str(data.get("created_at", now_iso())),
            last_exercise=data.get("last_exercise"),
            exercises={str(k): _progress(entry, known)
                       for k, entry in data.get("exercises", {}).items()},
        )


def _progress(entry: dict[str, Any], known: Any) -> ExerciseProgress:
    values = {f: v for f, v in entry.items() if f in known}
    # A status this version does not know (a newer tutor wrote it) reads as not started:
    # re-checking the exercise restores it.
    values["status"] = Status.parse(str(values.get("status", "")), Status.NOT_STARTED)
    return ExerciseProgress(**values)


def load_state(path: Path) -> tuple[WorkspaceState | None, str | None]:
    """(state, warning). A broken file is moved aside and (None, warning) returned."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return WorkspaceState.from_dict(data), None
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        kept = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        path.replace(kept)
        return None, (f"{path} could not be read ({type(error).__name__}: {error}); it was "
                      f"kept as {kept.name} and progress starts fresh. Your code is untouched; "
                      "check an exercise to restore its status.")


def save_state(path: Path, state: WorkspaceState) -> None:
    write_json_atomic(path, state.to_dict())
