"""Read and validate ``pack.toml`` into the course model.

Validation is strict on purpose: an unknown key is almost always a typo
(``hint =`` for ``hints =``), and a pack author would rather hear it at load
time than wonder why a hint never shows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from tutor.course.errors import PackError
from tutor.course.model import Exercise, GpuPolicy, HiddenVisibility, Lesson, Pack
from tutor.course.mutation_config import parse_mutation

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
QUALIFIED_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$")
PACK_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
GPU_POLICIES: tuple[GpuPolicy, ...] = ("none", "optional", "required")
HIDDEN_VISIBILITIES: tuple[HiddenVisibility, ...] = ("after_published", "after_due_date",
                                                     "hidden")

PACK_KEYS = {"format_version", "id", "title", "version", "description", "requires", "defaults",
             "lessons", "mutation"}
DEFAULT_KEYS = {"timeout_s", "gpu", "score", "hidden_visibility"}
LESSON_KEYS = {"id", "slug", "title", "text", "exercises"}
EXERCISE_KEYS = {"id", "title", "file", "checks", "hints", "timeout_s", "gpu", "score",
                 "renamed_from", "hidden_checks", "hidden_visibility"}


class _Reader:
    """Typed field access that raises PackError naming the field and its line."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.lines = source.splitlines()

    def fail(self, where: str, problem: str) -> PackError:
        return PackError(self.path, where, problem, self._line_of(where))

    def _line_of(self, where: str) -> int | None:
        """Best-effort line of a field like ``lessons[2].exercises[0].hints``."""
        headers = re.findall(r"(lessons|exercises)\[(\d+)\]", where)
        start = 0
        for kind, index in headers:
            header = "[[lessons]]" if kind == "lessons" else "[[lessons.exercises]]"
            seen = -1
            for number in range(start, len(self.lines)):
                stripped = self.lines[number].strip()
                if stripped == "[[lessons]]" and kind == "exercises" and seen >= 0:
                    break
                if stripped == header:
                    seen += 1
                    if seen == int(index):
                        start = number + 1
                        break
        leaf = where.rsplit(".", 1)[-1].split("[")[0]
        for number in range(start, len(self.lines)):
            stripped = self.lines[number].strip()
            if stripped.startswith("[[") and number > start:
                break
            if re.match(rf"^{re.escape(leaf)}\s*=", stripped):
                return number + 1
        return start or None

    def check_keys(self, table: dict[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                field = f"{where}.{key}" if where else key
                raise self.fail(field, f"unknown field '{key}'; expected one of: "
                                       f"{', '.join(sorted(allowed))}")

    def string(self, table: dict[str, Any], key: str, where: str, default: str | None = None,
               pattern: re.Pattern[str] | None = None) -> str:
        field = f"{where}.{key}" if where else key
        value = table.get(key, default)
        if value is None:
            raise self.fail(field, f"missing required field '{key}' (a string)")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(field, f"expected a non-empty string, got {value!r}")
        if pattern is not None and not pattern.match(value):
            raise self.fail(field, f"{value!r} is not a valid id: use lowercase letters, "
                                   "digits and '_' and start with a letter")
        return value

    def number(self, table: dict[str, Any], key: str, where: str, default: float) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise self.fail(f"{where}.{key}", f"expected a positive number, got {value!r}")
        return float(value)


def load_pack(root: Path) -> Pack:
    """Load ``root/pack.toml``.

    Raises:
        PackError: the manifest is missing, not TOML, or not a valid pack.
    """
    path = root / "pack.toml"
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(path, "", "no pack.toml here: a pack folder needs a manifest") from None
    except OSError as error:
        raise PackError(path, "", f"cannot read the manifest ({error.strerror})") from None
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        raise PackError(path, "", f"not valid TOML: {error}", line) from None
    return _parse_pack(_Reader(path, source), data, root)


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _parse_pack(reader: _Reader, data: dict[str, Any], root: Path) -> Pack:
    reader.check_keys(data, PACK_KEYS, "")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise reader.fail("format_version", f"expected format_version = {FORMAT_VERSION} "
                                            f"(this tutor reads version {FORMAT_VERSION}), "
                                            f"got {version!r}")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise reader.fail("defaults", "expected a table like [defaults]")
    reader.check_keys(defaults, DEFAULT_KEYS, "defaults")
    requires = data.get("requires", {})
    if not isinstance(requires, dict) or not all(isinstance(v, str) for v in requires.values()):
        raise reader.fail("requires", 'expected a table of strings, e.g. { torch = ">=2.2" }')
    raw_lessons = data.get("lessons")
    if not isinstance(raw_lessons, list) or not raw_lessons:
        raise reader.fail("lessons", "expected at least one [[lessons]] table")
    lessons = tuple(_parse_lesson(reader, raw, i, defaults, root)
                    for i, raw in enumerate(raw_lessons))
    _check_unique(reader, [lesson.id for lesson in lessons], "lessons", "lesson id")
    exercise_ids = {f"{lesson.id}/{ex.id}" for lesson in lessons for ex in lesson.exercises}
    mutation = parse_mutation(reader.path, "\n".join(reader.lines), data.get("mutation"),
                              exercise_ids)
    return Pack(
        root=root,
        id=reader.string(data, "id", "", pattern=PACK_ID_PATTERN),
        title=reader.string(data, "title", ""),
        version=reader.string(data, "version", ""),
        format_version=FORMAT_VERSION,
        description=str(data.get("description", "")),
        requires=dict(requires),
        lessons=lessons,
        mutation=mutation,
    )


def _parse_lesson(reader: _Reader, raw: Any, index: int, defaults: dict[str, Any],
                  root: Path) -> Lesson:
    where = f"lessons[{index}]"
    if not isinstance(raw, dict):
        raise reader.fail(where, "expected a [[lessons]] table")
    reader.check_keys(raw, LESSON_KEYS, where)
    lesson_id = reader.string(raw, "id", where, pattern=ID_PATTERN)
    slug = reader.string(raw, "slug", where, pattern=ID_PATTERN)
    folder = f"{lesson_id}_{slug}"
    raw_exercises = raw.get("exercises")
    if not isinstance(raw_exercises, list) or not raw_exercises:
        raise reader.fail(f"{where}.exercises", "expected at least one [[lessons.exercises]]")
    exercises = tuple(
        _parse_exercise(reader, item, f"{where}.exercises[{j}]", lesson_id, folder, defaults,
                        root)
        for j, item in enumerate(raw_exercises))
    _check_unique(reader, [ex.id for ex in exercises], f"{where}.exercises", "exercise id")
    return Lesson(id=lesson_id, slug=slug, title=reader.string(raw, "title", where),
                  text=reader.string(raw, "text", where, default=f"lessons/{folder}.md"),
                  exercises=exercises, pack_root=root)


def _parse_exercise(reader: _Reader, raw: Any, where: str, lesson_id: str, folder: str,
                    defaults: dict[str, Any], root: Path) -> Exercise:
    if not isinstance(raw, dict):
        raise reader.fail(where, "expected a [[lessons.exercises]] table")
    reader.check_keys(raw, EXERCISE_KEYS, where)
    exercise_id = reader.string(raw, "id", where, pattern=ID_PATTERN)
    hints = raw.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h.strip() for h in hints):
        raise reader.fail(f"{where}.hints", "expected a list of non-empty strings, "
                                            'e.g. hints = ["first idea", "which API"]')
    gpu = raw.get("gpu", defaults.get("gpu", "optional"))
    if gpu not in GPU_POLICIES:
        raise reader.fail(f"{where}.gpu", f"expected one of {', '.join(GPU_POLICIES)}, "
                                          f"got {gpu!r}")
    checks = reader.string(raw, "checks", where, default=f"{folder}/test_{exercise_id}.py")
    return Exercise(
        id=exercise_id,
        lesson_id=lesson_id,
        title=reader.string(raw, "title", where, default=exercise_id.replace("_", " ")),
        file=reader.string(raw, "file", where, default=f"{folder}/{exercise_id}.py"),
        checks=checks,
        hints=tuple(hints),
        timeout_s=reader.number(raw, "timeout_s", where, defaults.get("timeout_s", 10)),
        gpu=gpu,
        score=reader.number(raw, "score", where, defaults.get("score", 1)),
        renamed_from=_renamed_from(reader, raw, where),
        **_hidden(reader, raw, where, defaults, checks),
        pack_root=root,
    )


def _hidden(reader: _Reader, raw: dict[str, Any], where: str, defaults: dict[str, Any],
            checks: str) -> dict[str, Any]:
    """``hidden_checks``: a check file (the instructor's copy) or a count (the learner's)."""
    visibility = raw.get("hidden_visibility", defaults.get("hidden_visibility", "after_published"))
    if visibility not in HIDDEN_VISIBILITIES:
        field = f"{where}.hidden_visibility" if "hidden_visibility" in raw else \
            "defaults.hidden_visibility"
        raise reader.fail(field, f"expected one of {', '.join(HIDDEN_VISIBILITIES)} "
                                 f"(Gradescope's visibility settings), got {visibility!r}")
    value = raw.get("hidden_checks")
    if value is None:
        return {"hidden_visibility": visibility}
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return {"hidden_count": value, "hidden_visibility": visibility}
    if not isinstance(value, str) or not value.endswith(".py") or value.startswith("/") \
            or ".." in Path(value).parts:
        raise reader.fail(f"{where}.hidden_checks", "expected a check file under tests/checks/ "
                                                    '(e.g. "lesson01_basics/test_scale_hidden.py")'
                                                    f", or a count in a learner's copy; got "
                                                    f"{value!r}")
    if value == checks:
        raise reader.fail(f"{where}.hidden_checks", "must be a different file from `checks`")
    return {"hidden_checks": value, "hidden_visibility": visibility}


def _renamed_from(reader: _Reader, raw: dict[str, Any], where: str) -> str | None:
    """The exercise's id in an earlier version of the pack, so updates move learner files."""
    if "renamed_from" not in raw:
        return None
    value = raw["renamed_from"]
    if not isinstance(value, str) or not QUALIFIED_ID_PATTERN.match(value):
        raise reader.fail(f"{where}.renamed_from", f"expected the old id as 'lessonNN/name', "
                                                   f"got {value!r}")
    return value


def _check_unique(reader: _Reader, ids: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise reader.fail(f"{where}[{index}].id", f"duplicate {what} '{item}'")
        seen.add(item)
