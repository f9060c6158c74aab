"""Shared rules for lesson 15's checks: Python-level iteration, seen two ways.

``no_python_iteration`` reads the learner's file: loops and comprehensions (as
``assert_no_loops`` does), plus ``map``/``filter``/``functools.reduce``/``itertools``,
``Tensor.apply_``/``map_`` and recursion, in every function of the file.
``torch_calls`` watches the code run: it counts the torch operations one call
makes, so a check can demand that the count does not grow with the batch (a loop
over examples, however it is spelt, does one more operation per example).
"""

from __future__ import annotations

import ast
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from torch import Tensor
from torch.overrides import TorchFunctionMode

from tutor.testing import RuleViolation, assert_no_loops

ITERATING_CALLS = {"map": "`map()`", "filter": "`filter()`", "reduce": "`functools.reduce`",
                   "apply_": "`Tensor.apply_` (Python per element)",
                   "map_": "`Tensor.map_` (Python per element)",
                   "starmap": "`itertools.starmap`", "accumulate": "`itertools.accumulate`"}


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _iterating_calls(tree: ast.Module) -> list[tuple[int, str]]:
    return [(node.lineno, ITERATING_CALLS[name]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and (name := _called_name(node)) in ITERATING_CALLS]


def _recursion(tree: ast.Module) -> list[tuple[int, str]]:
    """Functions that reach themselves through calls to functions of the same file."""
    functions = {node.name: node for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    calls = {name: {_called_name(call) for call in ast.walk(node) if isinstance(call, ast.Call)}
             & functions.keys() for name, node in functions.items()}
    found = []
    for start, node in functions.items():
        seen, frontier = set(), set(calls[start])
        while frontier:
            name = frontier.pop()
            if name == start:
                found.append((node.lineno, f"recursion (`{start}` calls itself)"))
                break
            if name not in seen:
                seen.add(name)
                frontier |= calls[name]
    return found


def find_iteration(source: str) -> list[tuple[int, str]]:
    """(line, kind) of every iteration construct ``assert_no_loops`` does not look for."""
    tree = ast.parse(source)
    kept = ast.Module(body=[node for node in tree.body if not _is_main_guard(node)],
                      type_ignores=[])
    return sorted(set(_iterating_calls(kept) + _recursion(kept)))


def _is_main_guard(node: ast.AST) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


@pytest.fixture
def no_python_iteration() -> Callable[[types.ModuleType], None]:
    """A function that fails the check when the learner's file iterates in Python."""
    def check(module: types.ModuleType) -> None:
        assert_no_loops(module)
        path = Path(module.__file__ or "")
        found = find_iteration(path.read_text(encoding="utf-8"))
        if found:
            line, kind = found[0]
            raise RuleViolation(
                f"Rule broken: no Python-level iteration in this exercise. {path.name} uses "
                f"{kind} on line {line}. Express it with whole-tensor operations (indexing, "
                "gather, broadcasting): they run in C++/CUDA instead of one Python step per "
                "element.")
    return check


class _Counter(TorchFunctionMode):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        self.calls += 1
        return func(*args, **(kwargs or {}))


@pytest.fixture
def torch_calls() -> Callable[..., tuple[Any, int]]:
    """``torch_calls(fn, *args, **kwargs)`` -> (fn's result, torch operations it made)."""
    def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int]:
        counter = _Counter()
        with counter:
            result = fn(*args, **kwargs)
        return result, counter.calls
    return run


MIXED_DEVICES_HINT = (
    "your code mixed the input's device (meta here, standing in for a GPU) with a tensor "
    "made on the CPU. Create new tensors on the input's device: device=x.device, "
    "x.new_full(...), torch.zeros_like(...), or .to(x.device).")


MIXED_DEVICE_ERRORS = ("expected device", "same device", "two devices", "is not on the expected")

# Ops that CUDA itself lets take CPU tensors: indices, copies, and the packed-sequence
# kernels, which want their lengths / batch_sizes on the CPU by design.
CPU_ARGUMENT_OK = {"__getitem__", "__setitem__", "index", "index_put", "index_put_", "copy_",
                   "to", "cpu", "_pack_padded_sequence", "_pad_packed_sequence", "gru", "lstm",
                   "rnn_tanh", "rnn_relu"}


class _SameDevice(TorchFunctionMode):
    """Refuses an op that mixes meta and CPU tensors, as CUDA refuses CUDA and CPU ones.

    The meta device lets a few ops (gather, for one) take a CPU argument that CUDA rejects;
    this mode makes meta as strict as a GPU. 0-d CPU tensors pass, as on CUDA.
    """

    def __torch_function__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
        name = getattr(func, "__name__", "")
        if name not in CPU_ARGUMENT_OK:
            tensors = [a for a in (*args, *(kwargs or {}).values()) if isinstance(a, Tensor)]
            tensors += [t for a in args if isinstance(a, (list, tuple)) for t in a
                        if isinstance(t, Tensor)]
            kinds = {t.device.type for t in tensors if t.device.type != "cpu" or t.dim() > 0}
            if "meta" in kinds and "cpu" in kinds:
                raise AssertionError(f"`{name}` was given a tensor on meta and one on the CPU. "
                                     f"A GPU refuses that.\nHint: {MIXED_DEVICES_HINT}")
        return func(*args, **(kwargs or {}))


@pytest.fixture
def meta_call() -> Callable[..., Any]:
    """``meta_call(shown, fn, *args)``: run fn on data-free 'meta' tensors.

    A tensor created on the CPU then meets a meta tensor and fails, on any machine,
    the way it would meet a CUDA tensor on a GPU (``strict``: every op is watched, as
    CUDA would; ``strict=False`` leaves it to the ops themselves). Code that reads values
    (``.item()``, ``.tolist()``, ``if tensor:``) cannot run on meta at all: that is
    not a mistake, so the check is skipped with the reason.
    """
    def call(shown: str, fn: Callable[..., Any], *args: Any, strict: bool = True,
             **kwargs: Any) -> Any:
        try:
            if not strict:
                return fn(*args, **kwargs)
            with _SameDevice():
                return fn(*args, **kwargs)
        except (NotImplementedError, RuntimeError) as error:
            text = str(error)
            if "Cannot copy out of meta" in text or "on meta tensors" in text:
                pytest.skip(f"{shown} reads tensor values, which the data-free meta device "
                            "cannot do; a CUDA GPU check (--device cuda) tests devices instead")
            if isinstance(error, NotImplementedError):
                raise                                   # an untouched stub: not started
            if not any(words in text for words in MIXED_DEVICE_ERRORS):
                raise
            raise AssertionError(f"{shown} raised RuntimeError: {error}\n"
                                 f"Hint: {MIXED_DEVICES_HINT}") from error
    return call
