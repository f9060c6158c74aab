"""The result model: a run holds exercises, an exercise holds checks.

One model feeds every front end (the TUI, text, JSON, JUnit XML, Gradescope).
No torch here: the UI process builds these from the worker's events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tutor.grading.status import Status, worst

__all__ = ["CheckResult", "ExerciseResult", "RunResult", "Status", "summary_counts"]

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
    diff: dict[str, Any] | None = None
    """Where a tensor differed (tutor.testing.tensor_diff's data); drawn by grading.diffview."""
    trace: dict[str, Any] | None = None
    """A shape trace, learner vs reference (tutor.testing.trace); drawn by grading.traceview."""
    curves: dict[str, Any] | None = None
    """Loss curves, learner vs reference (tutor.testing.feedback); grading.curveview."""
    hidden: bool = False
    """From the pack's hidden check file: the learner's copy lacks it (docs/authoring.md)."""

    def __post_init__(self) -> None:
        # Status is a str enum: accept its plain value too ("passed"), as JSON gives it.
        self.status = Status(self.status)

    @property
    def ok(self) -> bool:
        return self.status.ok

    @property
    def shown_name(self) -> str:
        """The name every front end shows, tagged when the check is a hidden one."""
        return f"{self.name} [hidden]" if self.hidden else self.name

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "status": self.status.value,
                "message": self.message, "details": self.details,
                "duration": round(self.duration, 4), "device": self.device,
                **{key: value for key, value in (("diff", self.diff), ("trace", self.trace),
                                                 ("curves", self.curves)) if value is not None},
                **({"hidden": True} if self.hidden else {})}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        return cls(id=str(data.get("id", "")), name=str(data.get("name", "")),
                   status=Status.parse(str(data.get("status", ""))),
                   message=str(data.get("message", "")), details=str(data.get("details", "")),
                   duration=float(data.get("duration", 0.0)), device=str(data.get("device", "")),
                   diff=_dict(data, "diff"), trace=_dict(data, "trace"),
                   curves=_dict(data, "curves"), hidden=bool(data.get("hidden", False)))


def _dict(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = data.get(key)
    return value if isinstance(value, dict) else None


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
    grader_failed: bool = False
    """The grader itself failed (its worker died): nothing the learner wrote caused it."""
    hidden_pending: int = 0
    """Hidden checks this copy of the pack cannot run: they run when the learner submits."""

    @property
    def status(self) -> Status:
        return worst([check.status for check in self.checks])

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def hidden_note(self) -> str:
        """``3 hidden checks run when you submit``, or "" when this copy ran them all."""
        count = self.hidden_pending
        return f"{count} hidden check{'s' if count != 1 else ''} run when you submit" \
            if count else ""

    def count(self, status: Status) -> int:
        return sum(1 for check in self.checks if check.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "status": self.status.value,
                "target": self.target, "duration": round(self.duration, 3),
                **({"grader_failed": True} if self.grader_failed else {}),
                **({"hidden_pending": self.hidden_pending} if self.hidden_pending else {}),
                "checks": [check.to_dict() for check in self.checks]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExerciseResult:
        return cls(id=str(data.get("id", "")), title=str(data.get("title", "")),
                   checks=[CheckResult.from_dict(c) for c in data.get("checks", [])],
                   duration=float(data.get("duration", 0.0)), target=str(data.get("target", "")),
                   grader_failed=bool(data.get("grader_failed", False)),
                   hidden_pending=int(data.get("hidden_pending", 0)))


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
            "exercises": [ex.to_dict() for ex in self.exercises],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunResult:
        """The inverse of :meth:`to_dict` (``--format json`` output reads back)."""
        pack = data.get("pack", {})
        return cls(exercises=[ExerciseResult.from_dict(e) for e in data.get("exercises", [])],
                   pack_id=str(pack.get("id", "")), pack_version=str(pack.get("version", "")),
                   device=str(data.get("device", "auto")), mode=str(data.get("mode", "")),
                   duration=float(data.get("duration", 0.0)))


def summary_counts(run: RunResult) -> dict[str, int]:
    """Exercises passed/total and checks per status, for summary lines."""
    counts: dict[str, int] = {"exercises": len(run.exercises),
                              "exercises_passed": sum(ex.passed for ex in run.exercises)}
    for status in Status:
        counts[status.value] = sum(ex.count(status) for ex in run.exercises)
    return counts
