"""Build an ExerciseResult from a run's event stream, including runs that died.

The rule: a check is passed only if its own ``check`` event said so. Checks the
run never reported (it hung, crashed or ran out of memory) get the status of
what stopped it.
"""

from __future__ import annotations

import re
import signal as signals
from pathlib import Path

from tutor.grading.protocol import (
    CheckReport,
    Collected,
    CollectError,
    Done,
    Event,
    Exited,
    GraderFailed,
    Started,
)
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status

SIGNAL_WORDS = {
    signals.SIGSEGV: "segmentation fault: memory was accessed where it must not be",
    signals.SIGABRT: "aborted",
    signals.SIGFPE: "floating-point exception",
    signals.SIGKILL: "killed (often: the machine ran out of memory)",
}
if hasattr(signals, "SIGBUS"):
    SIGNAL_WORDS[signals.SIGBUS] = "bus error"


class RunAssembler:
    """The one interpreter of a run's events; :meth:`result` gives the exercise's verdict.

    Feed it every event with :meth:`add`. The supervisor reads back only what it
    needs to police the run: the child's :attr:`pid`, whether checks were
    :attr:`collected` (the timeout clock restarts there) and :attr:`finished`.
    """

    def __init__(self, request: GradeRequest) -> None:
        self.request = request
        self.pid: int | None = None
        self.collected: dict[str, str] = {}
        self.checks: dict[str, CheckResult] = {}
        self.collect_errors: list[CollectError] = []
        self.done = False
        self.finished = False
        """The run is over: every check reported and pytest done, its process exited, or
        the grader failed."""
        self.exited = False
        self.timed_out = False
        """Set by the supervisor when it killed the run for running out of time."""
        self.grader_failed = False
        self.output = ""
        self.stopped: tuple[Status, str] | None = None
        self.memory_stop: str | None = None
        """Set when the client's memory watchdog killed the run (its message)."""

    def add(self, event: Event) -> CheckResult | None:
        """Take one event; returns the check it completed, if any."""
        if isinstance(event, Started):
            self.pid = event.pid
        elif isinstance(event, Collected):
            self.collected = {c.id: c.name for c in event.checks}
        elif isinstance(event, CheckReport):
            check = CheckResult(event.id, event.name, event.status, event.message,
                                event.details, event.duration, event.device, event.diff,
                                event.trace, event.curves, hidden=self._is_hidden(event.id))
            self.checks[check.id] = check
            return check
        elif isinstance(event, CollectError):
            self.collect_errors.append(event)
        elif isinstance(event, Done):
            self.done = True
            # Every check has its verdict: nothing the exit could tell changes one
            # (see _fill_unreported), so the run is over without waiting for the
            # process to end; the supervisor kills whatever is left of it.
            if self.collected.keys() <= self.checks.keys():
                self.finished = True
        elif isinstance(event, Exited):
            self._exited(event)
        elif isinstance(event, GraderFailed):
            self._grader_failed(event.message)
        return None

    def _exited(self, event: Exited) -> None:
        """The child is gone: decide why, if it did not finish by itself."""
        self.finished = True
        self.exited = True
        self.output = event.output_tail
        if self.memory_stop is not None:
            self.stopped = (Status.MEMORY, self.memory_stop)
        elif self.timed_out or event.signal == getattr(signals, "SIGXCPU", -1):
            self.stopped = (Status.TIMEOUT, self._timeout_message())
        elif event.signal:
            self.stopped = (Status.CRASHED, self._signal_message(event.signal))
        elif not self.done:
            self.stopped = (Status.CRASHED, f"the grading process exited (code "
                            f"{event.returncode}) in the middle of the checks: os._exit() or "
                            "a C-level exit in your code ends the grader too; remove it.")

    def memory_exceeded(self, message: str) -> None:
        """The client killed the run for its memory; the exit is then reported so."""
        self.memory_stop = message

    def _grader_failed(self, message: str) -> None:
        self.finished = True
        self.grader_failed = True
        self.stopped = (Status.CRASHED, f"the grader itself failed ({message}); nothing you "
                        "wrote caused this. Check again; if it persists run `tutor doctor`.")

    def result(self, duration: float, cancelled: bool = False) -> ExerciseResult:
        checks = [self.checks.get(i) or CheckResult(i, n, Status.ERROR) for i, n in
                  self.collected.items()]
        checks += [c for i, c in self.checks.items() if i not in self.collected]
        checks = self._fill_unreported(checks)
        for check in checks:
            check.hidden = self._is_hidden(check.id)
        for error in self.collect_errors:
            checks.append(CheckResult(
                id=error.id, name="the check file loads", status=Status.ERROR,
                message=f"the checks could not be loaded: {error.message}",
                details=error.details))
        if not checks and self.stopped is None and not cancelled:
            checks.append(CheckResult(f"{self.request.exercise_id}::run", "the checks ran",
                                      Status.ERROR, "no checks were found or run"))
        return ExerciseResult(id=self.request.exercise_id, title=self.request.title,
                              checks=checks, duration=duration,
                              target=self.request.target_path, output=self.output,
                              cancelled=cancelled, grader_failed=self.grader_failed,
                              hidden_pending=self.request.hidden_pending)

    def _is_hidden(self, check_id: str) -> bool:
        """Whether a node id (``tests/checks/…/test_x_hidden.py::test_a``, relative to the
        pack root) belongs to the request's hidden check file."""
        hidden = self.request.hidden_checks_path
        if not hidden or "::" not in check_id:
            return False
        file_part = Path(self.request.pack_root) / check_id.split("::", 1)[0]
        return file_part.resolve() == Path(hidden).resolve()

    def _fill_unreported(self, checks: list[CheckResult]) -> list[CheckResult]:
        if self.stopped is None:
            return [c for c in checks if c.id in self.checks]
        status, message = self.stopped
        unreported = [c for c in checks if c.id not in self.checks]
        if not checks:
            return [CheckResult(f"{self.request.exercise_id}::run", "the checks ran", status,
                                message, self.output)]
        first = unreported[0].name if unreported else ""
        filled = []
        for check in checks:
            if check.id in self.checks:
                filled.append(check)
            elif check.name == first and check is unreported[0]:
                filled.append(CheckResult(check.id, check.name, status, message, self.output))
            else:
                filled.append(CheckResult(check.id, check.name, status,
                                          f"did not run: the run stopped during '{first}'"))
        return filled

    def _timeout_message(self) -> str:
        limit = f"{self.request.timeout_s:g}"
        where = self._learner_line()
        text = f"timed out after {limit} s"
        if where:
            text += f": your code was still running {where}"
        return text + ". Look for a loop that never ends, or work far bigger than needed."

    def _signal_message(self, number: int) -> str:
        try:
            name = signals.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        words = SIGNAL_WORDS.get(signals.Signals(number), "") if name.startswith("SIG") else ""
        where = self._learner_line()
        text = f"the grading process crashed ({name}{': ' + words if words else ''})"
        return text + (f" while running {where}" if where else "") + "."

    def _learner_line(self) -> str:
        """``line 5 of make_grid.py: `while True:` `` from a faulthandler dump, if present."""
        target = Path(self.request.target_path)
        pattern = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')
        for match in pattern.finditer(self.output):
            if Path(match["file"]).name == target.name:
                number = int(match["line"])
                return f"line {number} of {target.name}{_source_line(target, number)}"
        return ""


def _source_line(path: Path, number: int) -> str:
    try:
        text = path.read_text(encoding="utf-8").splitlines()[number - 1].strip()
    except (OSError, IndexError, UnicodeDecodeError):
        return ""
    return f": `{text}`" if text else ""
