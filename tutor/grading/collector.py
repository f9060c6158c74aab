"""The pytest plugin that turns a run into result events (grading child only).

It writes one JSON object per line to a private stream that learner code never
sees (stdout and stderr go to a temp file), in pytest's lifecycle order:
``collected``, then one ``check`` per test, then ``done``.
"""

from __future__ import annotations

import errno
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from tutor.grading.protocol import (
    CheckReport,
    Collected,
    CollectedCheck,
    CollectError,
    Done,
    Event,
    encode,
)
from tutor.grading.status import Status
from tutor.testing.loader import ExerciseLoadError
from tutor.testing.rules import RuleViolation

MESSAGE_LIMIT = 1500
DETAILS_LIMIT = 6000
FEEDBACK = {"diff": "tensor_diff", "trace": "shape_trace", "curves": "loss_curves"}
"""CheckReport field ← the exception attribute tutor.testing sets on a failure."""
MEMORY_MARKERS = ("can't allocate memory", "out of memory", "cannot allocate memory")
# CUDA errors that leave the process's CUDA context unusable: every later GPU op in
# the same process fails too, so the rest of the run is not graded.
STICKY_CUDA_MARKERS = ("device-side assert triggered", "an illegal memory access",
                       "unspecified launch failure", "misaligned address")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 20] + "\n… (truncated)"


def check_name(item: pytest.Item) -> str:
    """The learner-facing name: the first docstring line, plus the parameter id if any."""
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip().splitlines()
    name = doc[0].strip() if doc else item.name.removeprefix("test_").replace("_", " ")
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.id:
        name += f" [{callspec.id}]"
    return name


@dataclass
class _Pending:
    """A check between its setup and its teardown report."""

    id: str
    name: str
    status: Status = Status.PASSED
    message: str = ""
    details: str = ""
    duration: float = 0.0
    diff: dict[str, Any] | None = None
    trace: dict[str, Any] | None = None
    curves: dict[str, Any] | None = None

    def report(self, device: str) -> CheckReport:
        return CheckReport(self.id, self.name, self.status, self.message, self.details,
                           self.duration, device, self.diff, self.trace, self.curves)


class Collector:
    """Streams check results; one instance per grading run."""

    def __init__(self, stream: IO[bytes], target: str = "") -> None:
        self.stream = stream
        self.target = target
        self.names: dict[str, str] = {}
        self.pending: dict[str, _Pending] = {}
        self.excinfo: dict[tuple[str, str], Any] = {}
        self.devices: dict[str, str] = {}
        self.emitted: set[str] = set()
        self.session: pytest.Session | None = None
        self.cuda_lost_in: str | None = None
        """Name of the check whose sticky CUDA error ended the run, if one did."""

    def emit(self, event: Event) -> None:
        self.stream.write(encode(event))
        self.stream.flush()

    # pytest hooks, in lifecycle order ---------------------------------------

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.emit(CollectError(report.nodeid,
                                   _clip(_collect_message(report), MESSAGE_LIMIT),
                                   _clip(str(report.longrepr), DETAILS_LIMIT)))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.session = session
        self.names = {item.nodeid: check_name(item) for item in session.items}
        self.emit(Collected(tuple(CollectedCheck(i, n) for i, n in self.names.items())))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
        report = yield
        self.excinfo[(item.nodeid, call.when)] = call.excinfo
        for name in ("device", "gpu_device"):
            value = getattr(item, "funcargs", {}).get(name)
            if value is not None:
                self.devices[item.nodeid] = str(value)
        return report

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        record = self.pending.setdefault(
            report.nodeid, _Pending(report.nodeid, self.names.get(report.nodeid, report.nodeid)))
        record.duration += report.duration
        if record.status is Status.PASSED:
            self._classify(record, report)
        if report.when == "teardown":
            self._add_output(record, report)
            self.emitted.add(report.nodeid)
            self.emit(self.pending.pop(report.nodeid).report(self.devices.get(report.nodeid, "")))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.cuda_lost_in is not None:
            self._report_unrun(f"did not run: the CUDA error in '{self.cuda_lost_in}' left "
                               "the GPU unusable for this run. Your next save is graded in a "
                               "fresh process.")
        self.emit(Done(int(exitstatus)))

    # classification ---------------------------------------------------------

    def _classify(self, record: _Pending, report: pytest.TestReport) -> None:
        if report.skipped:
            record.status = Status.SKIPPED
            record.message = _skip_reason(report)
            return
        if not report.failed:
            return
        info = self.excinfo.get((report.nodeid, report.when))
        error = info.value if info is not None else None
        status, message = classify_exception(error, report.when, self.target)
        record.status = status
        record.message = _clip(message, MESSAGE_LIMIT)
        record.details = _clip(str(report.longrepr), DETAILS_LIMIT)
        # Plain data for front ends, set on the exception by tutor.testing (assert_close,
        # on_failure); anything else under those names is ignored.
        for field_name, attribute in FEEDBACK.items():
            data = getattr(error, attribute, None)
            if isinstance(data, dict):
                setattr(record, field_name, data)
        if is_sticky_cuda_error(error) and self.cuda_lost_in is None:
            self.cuda_lost_in = record.name
            if self.session is not None:  # pytest stops after this check
                self.session.shouldstop = "a CUDA error left the GPU unusable"

    def _report_unrun(self, message: str) -> None:
        for nodeid, name in self.names.items():
            if nodeid not in self.emitted:
                self.emitted.add(nodeid)
                self.emit(_Pending(nodeid, name, Status.ERROR, message).report(""))

    def _add_output(self, record: _Pending, report: pytest.TestReport) -> None:
        for label, text in (("stdout", report.capstdout), ("stderr", report.capstderr)):
            if text:
                record.details += f"\n--- your code printed ({label}) ---\n" + \
                    _clip(text, DETAILS_LIMIT // 2)


def classify_exception(error: BaseException | None, when: str,
                       target: str) -> tuple[Status, str]:
    """(status, learner-facing message) for an exception raised during a check."""
    if error is None:
        return Status.ERROR, "the check failed without an exception (see details)"
    if isinstance(error, NotImplementedError) or (
            isinstance(error, ExerciseLoadError) and isinstance(error.__cause__,
                                                                NotImplementedError)):
        return Status.NOT_STARTED, ("not started yet: the function still raises "
                               "NotImplementedError. Write it and save.")
    if isinstance(error, ExerciseLoadError):
        return Status.ERROR, str(error)
    if isinstance(error, MemoryError) or any(m in str(error).lower() for m in MEMORY_MARKERS):
        first_line = str(error).splitlines()[0][:200] if str(error) else ""
        return Status.MEMORY, ("your code ran out of memory (the grading limit stopped it): "
                          f"{type(error).__name__}: {first_line}")
    if is_sticky_cuda_error(error):
        return Status.ERROR, ("your code caused a CUDA error on the GPU: "
                         f"{str(error).splitlines()[0][:200]}. A device-side assert is "
                         "usually an index out of range (a label >= num_classes, an index "
                         "past the end of a dim): the CPU raises an IndexError for the same "
                         "mistake" + _learner_location(error, target) + ".")
    if isinstance(error, OSError) and error.errno == errno.EFBIG:
        return Status.ERROR, ("your code printed too much output (over the grader's limit); "
                         "remove prints inside loops.")
    if isinstance(error, (AssertionError, RuleViolation, pytest.fail.Exception)):
        text = _without_introspection(str(error).strip()) or \
            "a check assertion failed (see details)"
        return Status.FAILED, text
    if when == "setup":
        return Status.ERROR, f"the check could not start: {type(error).__name__}: {error}"
    return Status.ERROR, f"your code raised {type(error).__name__}: {error}" + \
        _learner_location(error, target)


def is_sticky_cuda_error(error: BaseException | None) -> bool:
    """A CUDA error after which the process's CUDA context cannot be used again."""
    if not isinstance(error, RuntimeError):  # torch.AcceleratorError subclasses it
        return False
    text = str(error)
    return "CUDA" in text and any(marker in text for marker in STICKY_CUDA_MARKERS)


def _without_introspection(text: str) -> str:
    """The author's message of a rewritten ``assert cond, message``.

    pytest appends ``assert <expression>`` and ``+ where …`` lines to the message:
    useful to the author (they stay in the details), noise for the learner.
    """
    lines = text.splitlines()
    cut = next((i for i, line in enumerate(lines) if i and line.startswith("assert ")), None)
    return "\n".join(lines[:cut]).rstrip() if cut is not None else text


def _learner_location(error: BaseException, target: str) -> str:
    """`` (at your_file.py line 12: `return x[5]`)`` if the traceback passes the learner's file."""
    if not target:
        return ""
    remote = getattr(error, "tutor_learner_location", None)  # strict isolation's errors
    if isinstance(remote, tuple) and len(remote) == 2:
        code = f": `{remote[1].strip()}`" if remote[1].strip() else ""
        return f" (at {Path(target).name} line {remote[0]}{code})"
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).resolve() == Path(target).resolve()]
    if not frames:
        return ""
    frame = frames[-1]
    code = f": `{frame.line.strip()}`" if frame.line else ""
    return f" (at {Path(target).name} line {frame.lineno}{code})"


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _collect_message(report: pytest.CollectReport) -> str:
    text = str(report.longrepr).strip().splitlines()
    errors = [line for line in text if line.startswith("E ")]
    return (errors[-1][2:].strip() if errors else (text[-1] if text else "collection failed"))
