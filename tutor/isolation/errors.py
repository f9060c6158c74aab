"""Exceptions across the channel: type name, message and the learner's line, never objects.

The receiving side rebuilds a builtin exception of the same class (or a named
subclass of the nearest builtin base), so the grader classifies a learner's
``NotImplementedError``, ``IndexError`` or ``OSError(EFBIG)`` exactly as when the
code runs in-process, and its message reads the same.
"""

from __future__ import annotations

import builtins
import contextlib
import functools
import sys
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PLAIN = (str, int, float, bool, type(None))
_made: dict[tuple[str, str, type], type] = {}


def encode_error(error: BaseException, target: str) -> dict[str, Any]:
    cls = type(error)
    args = list(error.args) if all(isinstance(a, PLAIN) for a in error.args) else [str(error)]
    summary = traceback.TracebackException.from_exception(error, compact=True)
    data: dict[str, Any] = {
        "name": cls.__name__, "module": cls.__module__, "args": args,
        "bases": [c.__name__ for c in cls.__mro__ if c.__module__ == "builtins"],
        "errno": getattr(error, "errno", None),
        "tb": "".join(summary.format())[-6000:],
        "not_started": isinstance(error.__cause__, NotImplementedError),
    }
    if target:
        where = _real_path(target)
        frames = [f for f in summary.stack
                  if f.filename == target or _real_path(f.filename) == where]
        if frames:
            data["loc"] = [frames[-1].lineno, frames[-1].line or ""]
    return data


@functools.lru_cache(maxsize=256)
def _real_path(filename: str) -> str:
    """Resolved once per file name: resolving costs a system call per path component, and
    a check that expects errors (shapes that do not broadcast) gets hundreds of them."""
    return str(Path(filename).resolve())


def _torch_class(module: str, name: str) -> type | None:
    """A torch exception class, looked up in modules already imported (never imported)."""
    if module != "torch" and not module.startswith("torch."):
        return None
    value = getattr(sys.modules.get(module), name, None)
    return value if isinstance(value, type) and issubclass(value, BaseException) else None


def _stdlib_class(module: str, name: str) -> type | None:
    """A standard-library exception class (pickle.UnpicklingError …), if already imported."""
    if module.split(".")[0].lstrip("_") not in sys.stdlib_module_names:
        return None
    value = getattr(sys.modules.get(module), name, None)
    return value if isinstance(value, type) and issubclass(value, BaseException) else None


def _class_for(data: dict[str, Any]) -> type:
    name, module = str(data.get("name", "Exception")), str(data.get("module", ""))
    if module == "tutor.testing.loader" and name == "ExerciseLoadError":
        from tutor.testing.loader import ExerciseLoadError
        return ExerciseLoadError
    if module == "tutor.testing.rules" and name == "RuleViolation":
        from tutor.testing.rules import RuleViolation
        return RuleViolation
    found = _torch_class(module, name) or _stdlib_class(module, name)
    if found is not None:
        return found
    if module == "builtins":
        value = getattr(builtins, name, None)
        if isinstance(value, type) and issubclass(value, BaseException):
            return value
    base: type = Exception
    for base_name in data.get("bases", []):
        value = getattr(builtins, str(base_name), None)
        if isinstance(value, type) and issubclass(value, BaseException):
            base = value
            break
    if base is BaseException:
        base = Exception
    key = (module, name, base)
    if key not in _made:
        _made[key] = type(name, (base,), {"__module__": module})
    return _made[key]


def decode_error(data: dict[str, Any]) -> BaseException:
    cls = _class_for(data)
    args = [a for a in data.get("args", []) if isinstance(a, PLAIN)]
    try:
        error = cls(*args)
    except Exception:  # noqa: BLE001 - a constructor with other arguments
        error = BaseException.__new__(cls)
        error.args = tuple(args)  # type: ignore[assignment]
    if isinstance(error, OSError) and isinstance(data.get("errno"), int):
        error.errno = data["errno"]
    if data.get("not_started"):
        error.__cause__ = NotImplementedError()
    loc = data.get("loc")
    if isinstance(loc, list) and len(loc) == 2:
        error.tutor_learner_location = (loc[0], str(loc[1]))  # type: ignore[attr-defined]
    error.tutor_remote_traceback = str(data.get("tb", ""))  # type: ignore[attr-defined]
    return error


MAX_WARNINGS = 100


@contextlib.contextmanager
def recording_warnings(wanted: bool) -> Iterator[list[warnings.WarningMessage]]:
    """Catch every warning the block raises (all of them: the checks' process filters)."""
    if not wanted:
        yield []
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def encode_warnings(caught: list[warnings.WarningMessage]) -> list[dict[str, Any]] | None:
    """Each warning as its category (like an exception's), text, file and line."""
    found = []
    for item in caught[:MAX_WARNINGS]:
        cls = item.category if isinstance(item.category, type) else UserWarning
        found.append({"name": cls.__name__, "module": cls.__module__,
                      "bases": [c.__name__ for c in cls.__mro__
                                if c.__module__ == "builtins"],
                      "text": str(item.message), "file": str(item.filename),
                      "line": int(item.lineno or 0)})
    return found or None


def relay_warnings(records: Any) -> None:
    """Raise the learner's warnings again here, through this process's filters (which may
    ignore, record, show or turn them into errors, as for a warning raised here)."""
    if not isinstance(records, list):
        return
    for record in records[:MAX_WARNINGS]:
        if not isinstance(record, dict):
            continue
        cls = _class_for(record)
        if not issubclass(cls, Warning):
            cls = UserWarning
        line = record.get("line")
        warnings.warn_explicit(str(record.get("text", "")), cls, str(record.get("file", "")),
                               line if isinstance(line, int) else 0)
