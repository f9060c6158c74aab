"""Turn CLI targets (``all``, ``lesson07``, ``lesson07/numeric_grad``) into exercises."""

from __future__ import annotations

from tutor.course.errors import TargetError
from tutor.course.model import Exercise, Pack


def resolve_targets(pack: Pack, targets: list[str]) -> list[Exercise]:
    """The exercises named by ``targets``, in course order, without duplicates.

    Raises:
        TargetError: a target names no lesson or exercise; the message lists what exists.
    """
    chosen: set[str] = set()
    for target in targets or ["all"]:
        chosen.update(ex.qualified_id for ex in _resolve_one(pack, target.strip().strip("/")))
    return [ex for ex in pack.exercises() if ex.qualified_id in chosen]


def _resolve_one(pack: Pack, target: str) -> list[Exercise]:
    if target == "all":
        return pack.exercises()
    lesson_id, _, exercise_id = target.partition("/")
    lesson = pack.lesson(lesson_id) or _lesson_by_folder(pack, lesson_id)
    if lesson is None:
        known = ", ".join(lesson.id for lesson in pack.lessons)
        raise TargetError(f"no lesson '{lesson_id}' in pack '{pack.id}'; lessons: {known}")
    if not exercise_id:
        return list(lesson.exercises)
    exercise_id = exercise_id.removesuffix(".py")
    match = [ex for ex in lesson.exercises if ex.id == exercise_id]
    if not match:
        known = ", ".join(ex.id for ex in lesson.exercises)
        raise TargetError(f"no exercise '{exercise_id}' in {lesson.id}; exercises: {known}")
    return match


def _lesson_by_folder(pack: Pack, name: str):  # type: ignore[no-untyped-def]
    """Accept the folder name too (``lesson07_backprop``), as learners copy it from paths."""
    return next((lesson for lesson in pack.lessons if lesson.folder == name), None)
