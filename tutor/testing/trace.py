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

from tutor.grading.drawing import to_text
from tutor.grading.traceview import draw_trace
from tutor.testing.feedback import reference_solution

MAX_STEPS = 60
"""Lines kept per trace; a loop can bind names thousands of times."""
MAX_EVENTS = 20_000
"""Line events traced per run; past them the function runs on untraced (no slowdown)."""


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
    arguments: dict[str, str] = field(default_factory=dict)
    """name → tensor_brief of the tensors the function was called with."""
    raised_at: tuple[int, str] | None = None
    """(line, source) where the exception came from, in the function's own file."""


def record_shapes(function: Callable[..., Any], *args: Any, **kwargs: Any) -> ShapeTrace:
    """Run ``function`` and record the tensors each of its lines binds (its file only).

    Exceptions are kept in the trace, not raised: a trace is for explaining a failure.
    """
    top_code = getattr(function, "__code__", None)
    code_file = getattr(top_code, "co_filename", None)
    steps: list[Step] = []
    trace = ShapeTrace(steps)
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

    budget = {"events": MAX_EVENTS}

    def local_trace(frame: FrameType, event: str, arg: Any) -> Any:
        budget["events"] -= 1
        if budget["events"] < 0:  # a long loop: let it finish at full speed
            state["truncated"] = True
            return None
        if event == "exception" and trace.raised_at is None:  # the deepest line: first
            trace.raised_at = (frame.f_lineno, linecache.getline(
                frame.f_code.co_filename, frame.f_lineno).strip())
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
        if event == "call" and frame.f_code.co_filename == code_file and budget["events"] > 0:
            given = {name: value for name, value in frame.f_locals.items()
                     if isinstance(value, torch.Tensor)}
            last_seen[id(frame)] = {name: id(value) for name, value in given.items()}
            if frame.f_code is top_code:
                trace.arguments = {name: tensor_brief(v) for name, v in given.items()}
            return local_trace
        return None

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


def _steps(trace: ShapeTrace, with_source: bool) -> dict[str, Any]:
    """A trace as plain data (the reference's source stays out: it is the answer)."""
    raised_at = trace.raised_at if with_source else None
    return {"arguments": dict(trace.arguments),
            "steps": [{"line": step.line, "source": step.source if with_source else "",
                       "tensors": dict(step.tensors)} for step in trace.steps],
            "truncated": trace.truncated,
            "raised_at": None if raised_at is None else {"line": raised_at[0],
                                                         "source": raised_at[1]},
            "raised": None if trace.error is None else _error_line(trace.error)}


def steps_data(trace: ShapeTrace) -> dict[str, Any]:
    """The learner's trace as plain data (what strict isolation sends back)."""
    return _steps(trace, True)


def _learner_steps(learner: Callable[..., Any], *args: Any,
                   **kwargs: Any) -> dict[str, Any]:
    """The learner's trace, taken where its function runs (in-process or, under strict
    isolation, in the learner process: tutor.isolation.tracing)."""
    from tutor.isolation.tracing import is_remote, trace_remote

    if is_remote(learner):
        return trace_remote(learner, *args, **kwargs)
    return steps_data(record_shapes(learner, *args, **kwargs))


def _divergence(mine: dict[str, Any], theirs: ShapeTrace) -> int | None:
    """The learner's first line whose tensor has a shape (with its dtype) the reference
    never made; else the line that raised, when the reference ran through."""
    known = {brief for step in theirs.steps for brief in step.tensors.values()}
    for step in mine["steps"]:
        if any(brief not in known for brief in step["tensors"].values()):
            return int(step["line"])
    if mine["raised_at"] is not None and theirs.error is None:
        return int(mine["raised_at"]["line"])  # every shape so far was fine: this line broke
    return None


def _error_line(error: BaseException) -> str:
    first = (str(error).splitlines() or [""])[0]
    return f"{type(error).__name__}: {first}"[:160]


def trace_data(learner: Callable[..., Any], reference: Callable[..., Any], *args: Any,
               **kwargs: Any) -> dict[str, Any]:
    """Both traces on the same inputs as plain data, with the learner's first diverging line.

    This is what a failing check attaches (``shape_trace``) for front ends to draw
    (tutor.grading.traceview); no torch objects in it.
    """
    mine = _learner_steps(learner, *_fresh(args), **kwargs)
    theirs = record_shapes(reference, *_fresh(args), **kwargs)
    return {"kind": "lines", "function": getattr(learner, "__name__", "your function"),
            "yours": mine, "reference": _steps(theirs, False),
            "diverged": _divergence(mine, theirs)}


def compare_traces(learner: Callable[..., Any], reference: Callable[..., Any], *args: Any,
                   **kwargs: Any) -> str:
    """Both traces on the same inputs as text, the learner's first diverging line marked."""
    return "\n".join(to_text(draw_trace(trace_data(learner, reference, *args, **kwargs))))


def shapes(learner: Callable[..., Any], *args: Any,
           against: Callable[..., Any] | None = None,
           **kwargs: Any) -> Callable[[], dict[str, Any] | None]:
    """A trace to take only if a check fails: ``assert_close(..., trace=shapes(f, x, y))``.

    ``against`` is the function to compare with; by default the reference solution's
    function of the same name (found when the trace is taken).
    """
    def take() -> dict[str, Any] | None:
        reference = against or getattr(reference_solution(), learner.__name__)
        data = trace_data(learner, reference, *args, **kwargs)
        # No line of the learner's seen (it ran in another process under strict isolation,
        # or is not Python): an empty trace would wrongly say "no line diverges".
        seen = data["yours"]["steps"] or data["yours"]["raised_at"]
        return data if seen else None

    return take


def layers(learner: torch.nn.Module, example: torch.Tensor,
           against: Callable[[], torch.nn.Module]) -> Callable[[], dict[str, Any]]:
    """A layer table to take only if a check fails; ``against`` builds the reference net::

        layers(net, X, against=lambda: reference_solution().lenet())
    """
    return lambda: layer_data(learner, against(), example)


def _fresh(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Clones of tensor arguments, so neither run can change what the other sees."""
    return tuple(a.detach().clone() if isinstance(a, torch.Tensor) else a for a in args)


def layer_data(learner: torch.nn.Module, reference: torch.nn.Module,
               example: torch.Tensor) -> dict[str, Any]:
    """Each leaf layer's output shape and parameter count, learner beside reference (data)."""
    mine, theirs = _layer_rows(learner, example), _layer_rows(reference, example)
    rows = []
    first_bad: int | None = None
    for index in range(max(len(mine), len(theirs))):
        left = list(mine[index]) if index < len(mine) else None
        right = list(theirs[index]) if index < len(theirs) else None
        differs = left is None or right is None or left[1:] != right[1:]
        if differs and first_bad is None:
            first_bad = index
        rows.append({"yours": left, "reference": right, "differs": differs})
    return {"kind": "layers", "rows": rows, "first_bad": first_bad,
            "totals": [sum(p.numel() for p in learner.parameters()),
                       sum(p.numel() for p in reference.parameters())]}


def layer_table(learner: torch.nn.Module, reference: torch.nn.Module,
                example: torch.Tensor) -> str:
    """:func:`layer_data` as text."""
    return "\n".join(to_text(draw_trace(layer_data(learner, reference, example))))


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
        rows.append((f"raised {type(error).__name__}", _error_line(error).split(": ", 1)[-1], 0))
    finally:
        for handle in hooks:
            handle.remove()
    return rows
