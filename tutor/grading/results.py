"""The result model: a run holds exercises, an exercise holds checks.

One model feeds every front end (the TUI, text, JSON, JUnit XML, Gradescope).
No torch here: the UI process builds these from the worker's events.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["passed", "failed", "error", "timeout", "crashed", "memory", "skipped",
                 "not_started"]
STATUSES: tuple[Status, ...] = ("passed", "failed", "error", "timeout", "crashed", "memory",
                                "skipped", "not_started")
# When checks disagree, the exercise shows the most serious problem first:
# a run that died says more than a wrong value.
SEVERITY: tuple[Status, ...] = ("crashed", "timeout", "memory", "error", "failed", "not_started")


@dataclass
class CheckResult:
    """One check (one pytest test) and what happened to it."""

    id: str
    """pytest node id, stable between runs."""
    name: str
    """What the learner sees: the first line of the check's docstring."""
    status: Status
    message: str = ""
    """Short, learner-facing: what was called, what came back, what was expected."""
    details: str = ""
    """Traceback and captured output, truncated."""
    duration: float = 0.0
    device: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("passed", "skipped")


@dataclass
class ExerciseResult:
    """The checks of one exercise from one grading run."""

    id: str
    """Qualified id: ``lesson05/pick_class_scores``."""
    title: str
    checks: list[CheckResult] = field(default_factory=list)
    duration: float = 0.0
    target: str = ""
    """The file that was graded."""
    output: str = ""
    """Tail of what the run printed outside any check (crash reports end up here)."""
    cancelled: bool = False

    @property
    def status(self) -> Status:
        statuses = [check.status for check in self.checks]
        if not statuses:
            return "error"
        if all(s in ("passed", "skipped") for s in statuses):
            return "passed" if "passed" in statuses else "skipped"
        return next(s for s in SEVERITY if s in statuses)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def count(self, status: Status) -> int:
        return sum(1 for check in self.checks if check.status == status)


@dataclass
class RunResult:
    """Everything one ``tutor check`` (or one save in the app) graded."""

    exercises: list[ExerciseResult] = field(default_factory=list)
    pack_id: str = ""
    pack_version: str = ""
    device: str = "auto"
    mode: str = ""
    """``warm`` (forked from the warm worker) or ``subprocess`` (the fallback)."""
    duration: float = 0.0

    @property
    def passed(self) -> bool:
        return bool(self.exercises) and all(ex.passed for ex in self.exercises)

    @property
    def exit_code(self) -> int:
        """0 when everything targeted passed, 1 otherwise (the CLI's contract)."""
        return 0 if self.passed else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack": {"id": self.pack_id, "version": self.pack_version},
            "device": self.device,
            "mode": self.mode,
            "duration": round(self.duration, 3),
            "passed": self.passed,
            "summary": summary_counts(self),
            "exercises": [
                {
                    "id": ex.id,
                    "title": ex.title,
                    "status": ex.status,
                    "target": ex.target,
                    "duration": round(ex.duration, 3),
                    "checks": [dict(asdict(c), duration=round(c.duration, 4))
                               for c in ex.checks],
                }
                for ex in self.exercises
            ],
        }


def summary_counts(run: RunResult) -> dict[str, int]:
    """Exercises passed/total and checks per status, for summary lines."""
    counts: dict[str, int] = {"exercises": len(run.exercises),
                              "exercises_passed": sum(ex.passed for ex in run.exercises)}
    for status in STATUSES:
        counts[status] = sum(ex.count(status) for ex in run.exercises)
    return counts


def check_from_dict(data: dict[str, Any]) -> CheckResult:
    status = data.get("status", "error")
    return CheckResult(
        id=str(data.get("id", "")),
        name=str(data.get("name", "")),
        status=status if status in STATUSES else "error",
        message=str(data.get("message", "")),
        details=str(data.get("details", "")),
        duration=float(data.get("duration", 0.0)),
        device=str(data.get("device", "")),
    )
