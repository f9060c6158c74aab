"""Copy a student's submitted files into a workspace, matching them to exercises.

Gradescope puts whatever the student uploaded under ``/autograder/submission``:
the whole workspace, its ``exercises/`` folder, or loose files. A file matches
an exercise by its path under ``exercises/``, its path relative to that, or a
unique file name.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from tutor.workspace import Workspace


def collect(submission: Path, workspace: Workspace) -> dict[str, Path]:
    """exercise id → submitted file copied into the workspace."""
    files = [p for p in submission.rglob("*.py") if "__pycache__" not in p.parts]
    by_name: dict[str, list[Path]] = {}
    for path in files:
        by_name.setdefault(path.name, []).append(path)
    copied = {}
    for exercise in workspace.pack.exercises():
        candidates = [submission / "exercises" / exercise.file, submission / exercise.file]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            same_name = by_name.get(Path(exercise.file).name, [])
            found = same_name[0] if len(same_name) == 1 else None
        if found is not None:
            shutil.copyfile(found, workspace.exercise_path(exercise))
            copied[exercise.qualified_id] = found
    return copied


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tutor.packs.submission")
    parser.add_argument("submission", type=Path)
    parser.add_argument("workspace", type=Path)
    options = parser.parse_args()
    copied = collect(options.submission, Workspace.open(options.workspace))
    for exercise_id, path in copied.items():
        print(f"{exercise_id} <- {path}")
    if not copied:
        print("no submitted file matched an exercise")


if __name__ == "__main__":
    main()
