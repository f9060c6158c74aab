"""Load the module a check grades: the learner's file, a stub, or the reference solution.

Learner code is run from its source on every load (a fresh module object each
time; the compiled code is reused only for the exact same bytes) and never enters
``sys.modules``: a same-size edit saved within one second would otherwise run
stale bytecode, and a cached module would keep the old function alive.
"""

from __future__ import annotations

import functools
import itertools
import os
import sys
import types
from collections.abc import Callable
from pathlib import Path

from tutor.course import Exercise, Pack, load_pack, pack_root_of

TARGET_ENV = "TUTOR_TARGET"
"""Exact file to grade; the grader sets it for each run."""
TARGET_ROOT_ENV = "TUTOR_TARGET_ROOT"
"""A folder shaped like ``exercises/`` (``solutions/``, a workspace's ``exercises/``)."""

_counter = itertools.count()
_isolated: tuple[Path, Callable[[Path], types.ModuleType]] | None = None


def isolate_target(target: Path, load: Callable[[Path], types.ModuleType]) -> None:
    """Strict isolation: from now on ``target`` is loaded by ``load`` (in another process)."""
    global _isolated
    _isolated = (target.resolve(), load)


class ExerciseLoadError(Exception):
    """The exercise file could not be turned into a module (missing, syntax error, import error)."""


_packs: dict[Path, tuple[bytes, Pack, dict[Path, Exercise]]] = {}
"""Pack root → (its pack.toml bytes, the pack, resolved check file → exercise)."""


def _pack_index(root: Path) -> tuple[Pack, dict[Path, Exercise]]:
    """The pack at ``root`` and its check files, parsed again only when pack.toml changes.

    Keyed on the manifest's bytes, so a long-lived worker that preloads it (see
    :func:`preload`) never serves an edited pack stale.
    """
    try:
        source = (root / "pack.toml").read_bytes()
    except OSError:
        source = b""
    cached = _packs.get(root)
    if cached is not None and cached[0] == source:
        return cached[1], cached[2]
    pack = load_pack(root)  # raises PackError naming the file and line
    index = {exercise.checks_path.resolve(): exercise for exercise in pack.exercises()}
    _packs[root] = (source, pack, index)
    return pack, index


def exercise_for_check_file(check_file: Path) -> Exercise:
    """The pack exercise whose checks live in ``check_file``."""
    resolved, root = _locate(Path(check_file))
    if root is None:
        raise ExerciseLoadError(f"{check_file} is not inside a pack (no pack.toml above it)")
    pack, index = _pack_index(root)
    exercise = index.get(resolved)
    if exercise is None:
        exercise = _exercise_by_convention(pack, check_file)
    if exercise is None:
        raise ExerciseLoadError(f"{check_file} is not listed as the checks of any exercise in "
                                f"{root / 'pack.toml'}")
    return exercise


@functools.lru_cache(maxsize=64)
def _locate(check_file: Path) -> tuple[Path, Path | None]:
    """(the resolved check file, its pack root): asked by every check of a run."""
    resolved = check_file.resolve()
    return resolved, pack_root_of(resolved.parent)


def preload(check_file: Path) -> None:
    """Parse the pack of ``check_file`` now (the warm worker does this before each fork).

    Every forked child then finds the pack parsed; a broken pack is left for the
    child to report.
    """
    try:
        exercise_for_check_file(check_file)
    except Exception:  # noqa: BLE001 - the grading run reports it, with its context
        return


def _exercise_by_convention(pack: Pack, check_file: Path) -> Exercise | None:
    """An exercise not yet in pack.toml, found by the naming convention.

    ``tests/checks/<folder>/test_<name>.py`` grades ``<folder>/<name>.py``; this
    lets an author run a new check with plain pytest before listing it
    (``tutor pack check`` still reports it as unlisted).
    """
    checks_root = (pack.root / "tests" / "checks").resolve()
    try:
        relative = check_file.resolve().relative_to(checks_root)
    except ValueError:
        return None
    if len(relative.parts) != 2 or not relative.name.startswith("test_"):
        return None
    folder, name = relative.parts[0], relative.stem.removeprefix("test_")
    lesson_id = folder.split("_", 1)[0]
    return Exercise(id=name, lesson_id=lesson_id, title=name, file=f"{folder}/{name}.py",
                    checks=str(relative), hints=(), timeout_s=10.0, gpu="optional", score=1.0,
                    pack_root=pack.root)


def target_path(exercise: Exercise) -> Path:
    """The file to grade: ``$TUTOR_TARGET``, else under ``$TUTOR_TARGET_ROOT``, else the solution.
    """
    if os.environ.get(TARGET_ENV):
        return Path(os.environ[TARGET_ENV])
    if os.environ.get(TARGET_ROOT_ENV):
        return Path(os.environ[TARGET_ROOT_ENV]) / exercise.file
    return exercise.solution_path


def load_module(path: Path, name: str | None = None) -> types.ModuleType:
    """Compile ``path`` from source into a brand-new module object.

    Raises:
        ExerciseLoadError: the file is missing or fails while compiling or running
            its top level; the message names the file and line.
    """
    if _isolated is not None and path.resolve() == _isolated[0]:
        return _isolated[1](path)
    try:
        source = path.read_bytes()
    except OSError as error:
        raise ExerciseLoadError(f"cannot read {path}: {error.strerror}") from None
    return module_from_source(source, path, name)


def module_from_source(source: bytes, path: Path, name: str | None = None) -> types.ModuleType:
    """Compile and run ``source`` as a fresh module whose file is ``path``."""
    module_name = name or f"tutor_exercise_{path.stem}_{next(_counter)}"
    module = types.ModuleType(module_name)
    module.__file__ = str(path)
    code = _compile(str(path), source)
    # Registered while its top level runs so dataclasses and pickling can find it.
    sys.modules[module_name] = module
    try:
        exec(code, module.__dict__)
    except NotImplementedError:
        raise
    except Exception as error:
        raise ExerciseLoadError(
            f"{path.name} raised {type(error).__name__} while loading: {error}") from error
    finally:
        sys.modules.pop(module_name, None)
    return module


@functools.lru_cache(maxsize=16)
def _compile(filename: str, source: bytes) -> types.CodeType:
    """The code object of ``source``; cached on the exact bytes, so an edit always recompiles.

    Every check of a run loads the module afresh (a check cannot see what another did
    to its globals), but the text is the same: compiling it once per run is enough.
    """
    try:
        return compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        text = (error.text or "").rstrip()
        raise ExerciseLoadError(
            f"{Path(filename).name} has a syntax error on line {error.lineno}: {error.msg}"
            + (f"\n    {text}" if text else "")) from None


def load_exercise(exercise: Exercise) -> types.ModuleType:
    """The module under test for ``exercise`` (see :func:`target_path`)."""
    return load_module(target_path(exercise))


def load_reference(exercise: Exercise) -> types.ModuleType:
    """The pack's reference solution, for checks that compare against a reference run."""
    return load_module(exercise.solution_path)


def require_function(module: types.ModuleType, name: str) -> types.FunctionType:
    """Fetch ``name`` from the learner's module with a message a learner can act on."""
    value = getattr(module, name, None)
    if value is None:
        defined = sorted(n for n, v in vars(module).items()
                         if callable(v) and not n.startswith("_")
                         and getattr(v, "__module__", None) == module.__name__)
        raise AssertionError(
            f"{Path(module.__file__ or '?').name} does not define `{name}`"
            + (f" (it defines: {', '.join(defined)})" if defined else "")
            + ". Keep the function name from the stub.")
    if not callable(value):
        raise AssertionError(f"`{name}` should be a function, but it is {type(value).__name__}")
    return value  # type: ignore[return-value]
