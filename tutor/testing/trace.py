"""Shape traces: the shape, dtype and device of every tensor a function makes, line by line.

When a learner's function returns the wrong shape, the most useful thing to show is
where the shapes went wrong. :func:`record_shapes` runs a function under
``sys.settrace`` (its own file only) and records, for each line that bound a new
tensor to a local name, that tensor's shape. :func:`compare_traces` runs the
learner's function and the reference on the same inputs and shows both traces,
marking the learner's first line whose tensor has a shape the reference never
made: usually the line to look at. :func:`layer_table` does the same for an
``nn.Module``: each layer's output shape and parameter count, learner vs reference.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import torch

MAX_STEPS = 60
"""Lines kept per trace; a loop can bind names thousands of times."""


def tensor_brief(value: torch.Tensor) -> str:
    """``float32 (3, 4)``, plus the device when it is not the CPU."""
    shape = "(" + ", ".join(str(s) for s in value.shape) + ("," if value.dim() == 1 else "") + ")"
    text = f"{str(value.dtype).removeprefix('torch.')} {shape}"
    return text if value.device.type == "cpu" else f"{text} {value.device}"


@dataclass
class Step:
    """One line that (re)bound local names to tensors."""

    line: int
    source: str
    tensors: dict[str, str]
    """name → tensor_brief of what the line bound."""
    shapes: list[tuple[int, ...]] = field(default_factory=list)


@dataclass
class ShapeTrace:
    steps: list[Step]
    result: Any = None
    error: BaseException | None = None
    truncated: bool = False


def record_shapes(function: Callable[..., Any], *args: Any, **kwargs: Any) -> ShapeTrace:
    """Run ``function`` and record the tensors each of its lines binds (its file only).

    Exceptions are kept in the trace, not raised: a trace is for explaining a failure.
    """
    code_file = getattr(getattr(function, "__code__", None), "co_filename", None)
    steps: list[Step] = []
    last_seen: dict[int, dict[str, int]] = {}  # frame id → name → id(tensor)
    pending: dict[int, int] = {}  # frame id → line that is about to run
    state = {"truncated": False}

    def snapshot(frame: FrameType, line: int) -> None:
        seen = last_seen.setdefault(id(frame), {})
        bound = {name: value for name, value in frame.f_locals.items()
                 if isinstance(value, torch.Tensor) and seen.get(name) != id(value)}
        for name, value in bound.items():
            seen[name] = id(value)
        if not bound:
            return
        if len(steps) >= MAX_STEPS:
            state["truncated"] = True
            return
        steps.append(Step(line, linecache.getline(frame.f_code.co_filename, line).strip(),
                          {n: tensor_brief(v) for n, v in bound.items()},
                          [tuple(v.shape) for v in bound.values()]))

    def local_trace(frame: FrameType, event: str, arg: Any) -> Any:
        if event in ("line", "return") and id(frame) in pending:
            snapshot(frame, pending[id(frame)])
        if event == "line":
            pending[id(frame)] = frame.f_lineno
        elif event == "return" and isinstance(arg, torch.Tensor) and id(frame) in pending:
            line = pending[id(frame)]
            source = linecache.getline(frame.f_code.co_filename, line).strip()
            if len(steps) < MAX_STEPS:
                steps.append(Step(line, source, {"return": tensor_brief(arg)}, [tuple(arg.shape)]))
        return local_trace

    def global_trace(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "call" and frame.f_code.co_filename == code_file:
            last_seen[id(frame)] = {name: id(value) for name, value in frame.f_locals.items()
                                    if isinstance(value, torch.Tensor)}  # arguments
            return local_trace
        return None

    trace = ShapeTrace(steps)
    previous = sys.gettrace()
    sys.settrace(global_trace)
    try:
        trace.result = function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the trace explains it; the check reports it
        trace.error = error
    finally:
        sys.settrace(previous)
    trace.truncated = state["truncated"]
    return trace


def render(trace: ShapeTrace, title: str, mark_line: int | None = None, width: int = 78) -> str:
    """The trace as text lines: ``▶`` marks ``mark_line`` (and says so without colour)."""
    lines = [title]
    for step in trace.steps:
        marker = "▶" if step.line == mark_line else " "
        shapes = ", ".join(f"{name}: {brief}" for name, brief in step.tensors.items())
        code = step.source
        room = max(12, width - len(shapes) - 12)
        if len(code) > room:
            code = code[: room - 1] + "…"
        lines.append(f"{marker}{step.line:>4}  {code:<{room}}  {shapes}")
    if trace.truncated:
        lines.append(f"       … (only the first {MAX_STEPS} lines are shown)")
    if trace.error is not None:
        lines.append(f"       raised {type(trace.error).__name__}: {trace.error}")
    return "\n".join(lines)


def first_divergence(learner: ShapeTrace, reference: ShapeTrace) -> int | None:
    """The learner's first line whose tensor has a shape the reference never made."""
    known = {shape for step in reference.steps for shape in step.shapes}
    for step in learner.steps:
        if any(shape not in known for shape in step.shapes):
            return step.line
    return None


def compare_traces(learner: Callable[..., Any], reference: Callable[..., Any], *args: Any,
                   **kwargs: Any) -> str:
    """Both traces on the same inputs, the learner's first diverging line marked."""
    mine = record_shapes(learner, *_fresh(args), **kwargs)
    theirs = record_shapes(reference, *_fresh(args), **kwargs)
    diverged = first_divergence(mine, theirs)
    text = render(mine, "Your function, line by line (name: dtype shape):", diverged)
    text += "\n" + render(theirs, "The reference solution:")
    if diverged is not None:
        text += (f"\n▶ line {diverged} is the first to make a shape the reference never "
                 "makes: start looking there.")
    return text


def _fresh(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Clones of tensor arguments, so neither run can change what the other sees."""
    return tuple(a.detach().clone() if isinstance(a, torch.Tensor) else a for a in args)


def layer_table(learner: torch.nn.Module, reference: torch.nn.Module,
                example: torch.Tensor) -> str:
    """Each leaf layer's output shape and parameter count, learner beside reference."""
    mine, theirs = _layer_rows(learner, example), _layer_rows(reference, example)
    lines = [f"{'#':>3}  {'your layer':<22} {'your output':<16} {'reference':<16} "
             "params yours / ref"]
    first_bad: int | None = None
    for index in range(max(len(mine), len(theirs))):
        left = mine[index] if index < len(mine) else ("—", "—", 0)
        right = theirs[index] if index < len(theirs) else ("—", "—", 0)
        bad = left[1] != right[1] or left[2] != right[2]
        if bad and first_bad is None:
            first_bad = index
        marker = "▶" if bad and index == first_bad else " "
        lines.append(f"{marker}{index:>2}  {left[0][:22]:<22} {left[1][:16]:<16} "
                     f"{right[1][:16]:<16} {left[2]:,} / {right[2]:,}")
    total_mine = sum(p.numel() for p in learner.parameters())
    total_ref = sum(p.numel() for p in reference.parameters())
    lines.append(f"     {'total parameters':<56}{total_mine:,} / {total_ref:,}")
    if first_bad is not None:
        lines.append(f"▶ row {first_bad} is the first layer whose output or parameters "
                     "differ.")
    return "\n".join(lines)


def _layer_rows(module: torch.nn.Module, example: torch.Tensor) -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = []
    hooks = []

    def record(name: str) -> Callable[..., None]:
        def hook(layer: torch.nn.Module, inputs: Any, output: Any) -> None:
            shape = tensor_brief(output).split(" ", 1)[1] if isinstance(output, torch.Tensor) \
                else type(output).__name__
            rows.append((f"{name} {type(layer).__name__}".strip(), shape,
                         sum(p.numel() for p in layer.parameters(recurse=False))))
        return hook

    for name, layer in module.named_modules():
        if not any(True for _ in layer.children()):
            hooks.append(layer.register_forward_hook(record(name)))
    try:
        with torch.no_grad():
            module(example.detach().clone())
    except Exception as error:  # noqa: BLE001 - the table shows how far it got
        rows.append((f"raised {type(error).__name__}", str(error)[:18], 0))
    finally:
        for handle in hooks:
            handle.remove()
    return rows
