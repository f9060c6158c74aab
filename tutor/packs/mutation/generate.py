"""Turn a reference solution into its mutants: every operator, deduplicated, stable keys."""

from __future__ import annotations

import ast
import difflib
import importlib.util
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tutor.course import Pack, PackError
from tutor.packs.mutation.operators import REGISTRY, Operator
from tutor.packs.mutation.source import SourceMap


@dataclass(frozen=True)
class Mutant:
    """One mutated copy of a solution."""

    exercise: str
    """Qualified id of the exercise (``lesson02/normalize_rows``)."""
    key: str
    """``operator@line:col`` (``#2``, ``#3`` … for further variants at the same place);
    what pack.toml's ``[[mutation.equivalent]]`` refers to."""
    operator: str
    description: str
    source: str
    original: str
    filename: str

    def diff(self) -> str:
        """The change as a unified diff against the solution."""
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True), self.source.splitlines(keepends=True),
            fromfile=f"solutions/{self.filename}", tofile=f"mutant {self.key}", n=1)
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def generate(source: str, exercise: str, filename: str,
             operators: Iterable[Operator] | None = None) -> list[Mutant]:
    """Every distinct mutant of ``source``, in operator then source order.

    A candidate whose source equals the original, or a mutant already made (by this or
    another operator), is dropped; so is one that is not valid Python (an operator's
    limitation, not a mistake a check should be credited for catching).
    """
    tree = ast.parse(source)
    smap = SourceMap(source)
    seen = {source}
    mutants: list[Mutant] = []
    keys: dict[str, int] = {}
    for op in operators if operators is not None else REGISTRY.values():
        for candidate in op.find(tree, smap):
            mutated = smap.apply(candidate.edits)
            if mutated in seen or not _compiles(mutated):
                continue
            seen.add(mutated)
            key = f"{op.name}@{candidate.line}:{candidate.col}"
            keys[key] = keys.get(key, 0) + 1
            if keys[key] > 1:
                key = f"{key}#{keys[key]}"
            mutants.append(Mutant(exercise, key, op.name, candidate.description, mutated,
                                  source, filename))
    return mutants


def _compiles(source: str) -> bool:
    try:
        compile(source, "<mutant>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def sample(mutants: list[Mutant], limit: int | None, seed: int) -> list[Mutant]:
    """At most ``limit`` mutants, chosen with ``seed`` (the same seed, the same choice)."""
    if limit is None or len(mutants) <= limit:
        return mutants
    chosen = set(random.Random(f"{seed}:{mutants[0].exercise}").sample(range(len(mutants)),
                                                                        limit))
    return [m for i, m in enumerate(mutants) if i in chosen]


def pack_operators(pack: Pack) -> list[Operator]:
    """The operators a pack asks for, after loading its plugin files."""
    for plugin in pack.mutation.plugins:
        _load_plugin(pack.root / plugin)
    names = pack.mutation.operators or tuple(REGISTRY)
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise PackError(pack.manifest_path, "mutation.operators",
                        f"unknown operator(s) {', '.join(unknown)}; registered: "
                        f"{', '.join(REGISTRY)}")
    return [REGISTRY[name] for name in names]


def _load_plugin(path: Path) -> None:
    name = f"tutor_mutation_plugin_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PackError(path, "mutation.plugins", "cannot load this file as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001 - any failure in the author's file is theirs
        raise PackError(path, "mutation.plugins",
                        f"the plugin failed to load: {type(error).__name__}: {error}") from None
