""""Did you mean …?" for a target that names nothing (``make_grid``, ``lesson1/make_gird``)."""

from __future__ import annotations

import difflib
import re

from tutor.course import Pack


def suggestions(pack: Pack, target: str, limit: int = 3) -> list[str]:
    """Targets that exist and look like ``target``, best first.

    A bare exercise id (``make_grid``) maps to its qualified id; otherwise the
    closest lesson ids and qualified ids by ``difflib`` similarity.
    """
    target = target.strip().strip("/").removesuffix(".py")
    target = re.sub(r"^lesson(\d)(?!\d)", r"lesson0\1", target)  # lesson1 → lesson01
    exercises = pack.exercises()
    bare = target.rpartition("/")[2]
    exact = [ex.qualified_id for ex in exercises if ex.id == bare]
    if exact:
        return exact[:limit]
    by_name = {ex.qualified_id: ex.qualified_id for ex in exercises}
    by_name.update({ex.id: ex.qualified_id for ex in exercises})
    by_name.update({lesson.id: lesson.id for lesson in pack.lessons})
    by_name.update({lesson.folder: lesson.id for lesson in pack.lessons})
    if target in by_name:
        return [by_name[target]]
    close = difflib.get_close_matches(target, list(by_name), n=limit * 2, cutoff=0.75)
    found: list[str] = []
    for name in close:
        if by_name[name] not in found:
            found.append(by_name[name])
    return found[:limit]


def did_you_mean(pack: Pack, targets: list[str]) -> str:
    """`` Did you mean `tutor … lesson01/make_grid`?`` for the first target naming nothing."""
    from tutor.course import TargetError, resolve_targets

    for target in targets:
        try:
            resolve_targets(pack, [target])
        except TargetError:
            found = suggestions(pack, target)
            if found:
                return "\n  did you mean " + " or ".join(f"'{name}'" for name in found) + "?"
            return ""
    return ""
