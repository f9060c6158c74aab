"""The live-grading engine (app and `tutor watch`): newest wins, dedupe, exception guard.

Real threads and real files; the grader is the canned FakeGrader (no torch).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tutor.course import load_pack
from tutor.grading.fake import FakeGrader
from tutor.grading.live import LiveGrader, LiveRun
from tutor.grading.request import GradeRequest
from tutor.grading.results import CheckResult, ExerciseResult
from tutor.grading.status import Status

MINIPACK = Path(__file__).parents[1] / "app" / "ui" / "data" / "minipack"


class Recorder:
    """A LiveListener that remembers every verdict and lets a test wait for one."""

    def __init__(self) -> None:
        self.results: list[tuple[int, ExerciseResult]] = []
        self.checks: list[tuple[int, CheckResult]] = []
        self.arrived = threading.Condition()

    def on_check(self, run: LiveRun, check: CheckResult) -> None:
        self.checks.append((run.run_id, check))

    def on_result(self, run: LiveRun, result: ExerciseResult) -> None:
        with self.arrived:
            self.results.append((run.run_id, result))
            self.arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[tuple[int, ExerciseResult]]:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.results) >= count, timeout), \
                f"{len(self.results)} of {count} verdicts arrived"
            return list(self.results)

    def wait_for_run(self, run_id: int, timeout: float = 10.0) -> ExerciseResult:
        with self.arrived:
            assert self.arrived.wait_for(
                lambda: any(rid == run_id for rid, _ in self.results), timeout), \
                f"no verdict for run {run_id}"
            return next(r for rid, r in self.results if rid == run_id)


class ExplodingGrader(FakeGrader):
    """Raises on its first run, then grades normally: the bug must not end live grading."""

    def grade(self, request: GradeRequest, on_check=None, cancel=None) -> ExerciseResult:
        if not self.requests:
            self.requests.append(request)
            raise RuntimeError("boom")
        return super().grade(request, on_check, cancel)


@pytest.fixture
def exercise_file(tmp_path):
    pack = load_pack(MINIPACK)
    exercise = pack.exercise("lesson01/scale")
    assert exercise is not None
    target = tmp_path / "scale.py"
    shutil.copy(exercise.solution_path, target)
    return exercise, target


def test_a_newer_request_cancels_the_run_in_flight(exercise_file):
    exercise, target = exercise_file
    live = LiveGrader(FakeGrader(delay_s=0.5))
    recorder = Recorder()
    try:
        first = live.request(exercise, target, recorder)
        second = live.request(exercise, target, recorder)
        assert first is not None and second is not None
        assert first.cancel.is_set() and live.is_current(second.run_id)
        newest = recorder.wait_for_run(second.run_id)
    finally:
        live.stop()
    assert not newest.cancelled and newest.status is Status.PASSED
    # The overtaken run either never started or ended cancelled: never a verdict.
    assert all(r.cancelled for run_id, r in recorder.results if run_id == first.run_id)


def test_unchanged_content_is_not_graded_twice(exercise_file):
    exercise, target = exercise_file
    live = LiveGrader(FakeGrader())
    recorder = Recorder()
    try:
        assert live.request(exercise, target, recorder, only_if_changed=True) is not None
        recorder.wait_for(1)
        assert live.already_graded(target)
        assert live.request(exercise, target, recorder, only_if_changed=True) is None
        target.write_text(target.read_text() + "\n# changed\n")
        assert not live.already_graded(target)
        assert live.request(exercise, target, recorder, only_if_changed=True) is not None
        recorder.wait_for(2)
    finally:
        live.stop()


def test_a_grader_exception_is_a_verdict_and_grading_goes_on(exercise_file):
    exercise, target = exercise_file
    live = LiveGrader(ExplodingGrader())
    recorder = Recorder()
    try:
        live.request(exercise, target, recorder)
        (_, broken), = recorder.wait_for(1)
        assert broken.grader_failed and broken.status is Status.ERROR
        assert "RuntimeError: boom" in broken.checks[0].message
        assert "not your code" in broken.checks[0].message
        live.request(exercise, target, recorder)
        results = recorder.wait_for(2)
    finally:
        live.stop()
    assert results[1][1].status is Status.PASSED


def test_run_blocks_and_reports_through_the_listener(exercise_file):
    """The app's way: begin() on the UI thread, run() in a worker thread."""
    exercise, target = exercise_file
    live = LiveGrader(FakeGrader())
    recorder = Recorder()
    job = live.begin(exercise, target)
    result = live.run(job, recorder)
    assert recorder.results == [(job.run_id, result)]
    assert [check.name for _, check in recorder.checks] == \
        ["a worked example", "random shapes", "the rules"]
