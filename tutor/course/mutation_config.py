"""Read the ``[mutation]`` table of pack.toml (mutation testing settings and equivalents).

Strict like the rest of the manifest: an unknown key, a score outside 0–100, an
equivalent naming an exercise the pack does not have, or one without a reason
is an error naming pack.toml, the field and its line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tutor.course.errors import PackError
from tutor.course.model import EquivalentMutant, MutationConfig

MUTATION_KEYS = {"min_score", "min_exercise_score", "operators", "plugins", "equivalent"}
EQUIVALENT_KEYS = {"exercise", "mutant", "reason", "only_on"}
DEVICE_TYPES = ("cpu", "cuda", "mps")
MUTANT_KEY = re.compile(r"^[a-z_][a-z0-9_]*@\d+:\d+(#\d+)?$")
EQUIVALENT_HEADER = "[[mutation.equivalent]]"


class _Lines:
    """Line numbers of fields inside ``[mutation]`` and ``[[mutation.equivalent]]`` tables."""

    def __init__(self, source: str) -> None:
        self.lines = [line.strip() for line in source.splitlines()]

    def of(self, key: str, entry: int | None = None) -> int | None:
        start = self._table_start(entry)
        if start is None:
            return None
        for number in range(start, len(self.lines)):
            text = self.lines[number]
            if number > start and text.startswith("["):
                break
            if re.match(rf"^{re.escape(key)}\s*=", text):
                return number + 1
        return start + 1

    def _table_start(self, entry: int | None) -> int | None:
        header = "[mutation]" if entry is None else EQUIVALENT_HEADER
        seen = -1
        for number, text in enumerate(self.lines):
            if text == header:
                seen += 1
                if entry is None or seen == entry:
                    return number
        return None


def parse_mutation(path: Path, source: str, data: Any, exercise_ids: set[str]) -> MutationConfig:
    """The validated ``[mutation]`` table (``data`` is its parsed TOML, or None)."""
    if data is None:
        return MutationConfig()
    lines = _Lines(source)

    def fail(field: str, problem: str, entry: int | None = None) -> PackError:
        where = f"mutation.equivalent[{entry}].{field}" if entry is not None else \
            f"mutation.{field}" if field else "mutation"
        return PackError(path, where, problem, lines.of(field, entry) if field else None)

    if not isinstance(data, dict):
        raise fail("", "expected a table like [mutation]")
    for key in data:
        if key not in MUTATION_KEYS:
            raise fail(key, f"unknown field '{key}'; expected one of: "
                            f"{', '.join(sorted(MUTATION_KEYS))}")
    scores = {key: _score(data.get(key), lambda p, k=key: fail(k, p))
              for key in ("min_score", "min_exercise_score")}
    operators = _strings(data.get("operators", []), lambda p: fail("operators", p))
    plugins = _strings(data.get("plugins", []), lambda p: fail("plugins", p))
    for plugin in plugins:
        if not (path.parent / plugin).is_file():
            raise fail("plugins", f"no such file {plugin!r} (paths are relative to the pack "
                                  "root)")
    raw = data.get("equivalent", [])
    if not isinstance(raw, list):
        raise fail("equivalent", "expected [[mutation.equivalent]] tables")
    equivalents = tuple(_equivalent(item, index, exercise_ids, fail)
                        for index, item in enumerate(raw))
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(equivalents):
        if (item.exercise, item.mutant) in seen:
            raise fail("mutant", f"{item.exercise} {item.mutant} is marked twice", index)
        seen.add((item.exercise, item.mutant))
    return MutationConfig(min_score=scores["min_score"],
                          min_exercise_score=scores["min_exercise_score"],
                          operators=tuple(operators), plugins=tuple(plugins),
                          equivalent=equivalents)


def _score(value: Any, fail: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise fail(f"expected a percentage from 0 to 100, got {value!r}")
    return float(value)


def _strings(value: Any, fail: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"expected a list of non-empty strings, got {value!r}")
    return list(value)


def _equivalent(item: Any, index: int, exercise_ids: set[str], fail: Any) -> EquivalentMutant:
    if not isinstance(item, dict):
        raise fail("", "expected a [[mutation.equivalent]] table", index)
    for key in item:
        if key not in EQUIVALENT_KEYS:
            raise fail(key, f"unknown field '{key}'; expected one of: "
                            f"{', '.join(sorted(EQUIVALENT_KEYS))}", index)
    values: dict[str, str] = {}
    for key in ("exercise", "mutant", "reason"):
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"missing or empty '{key}' (a string)", index)
        values[key] = value.strip()
    if values["exercise"] not in exercise_ids:
        raise fail("exercise", f"no exercise {values['exercise']!r} in this pack (write it "
                               "as lessonNN/name)", index)
    if not MUTANT_KEY.match(values["mutant"]):
        raise fail("mutant", f"{values['mutant']!r} is not a mutant key: copy it from "
                             "`tutor pack check --mutants -v`, e.g. 'sum_mean@8:21'", index)
    if len(values["reason"]) < 10:
        raise fail("reason", "say why the mutant computes the same thing (a sentence)", index)
    only_on = item.get("only_on")
    if only_on is not None and only_on not in DEVICE_TYPES:
        raise fail("only_on", f"expected one of {', '.join(DEVICE_TYPES)}, got {only_on!r}",
                   index)
    return EquivalentMutant(values["exercise"], values["mutant"], values["reason"], only_on)
