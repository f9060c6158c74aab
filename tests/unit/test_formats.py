"""Every output format rendered from the golden results (no grader, no torch)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from golden_files import assert_golden
from golden_runs import CASES, GOLDEN

from tutor.grading.formats import render
from tutor.grading.results import ExerciseResult, RunResult
from tutor.grading.status import Status


def golden_run() -> RunResult:
    exercises = []
    for case in CASES:
        data = json.loads((GOLDEN / "results" / f"{case.name}.json").read_text("utf-8"))
        exercise = ExerciseResult.from_dict(data)
        exercise.id = f"faults/{case.name}"
        exercises.append(exercise)
    return RunResult(exercises, pack_id="faults", pack_version="1.0", device="cpu",
                     mode="warm", duration=12.5)


RENDERINGS = {
    "text.txt": ("text", {}),
    "text-ascii-verbose.txt": ("text", {"ascii_only": True, "verbose": True}),
    "text-color.txt": ("text", {"color": True}),
    "run.json": ("json", {}),
    "junit.xml": ("junit", {}),
    "gradescope.json": ("gradescope", {"scores": {"faults/solution": 2.0}}),
}


@pytest.mark.parametrize("name", RENDERINGS)
def test_format_matches_its_golden_file(name):
    fmt, options = RENDERINGS[name]
    assert_golden(GOLDEN / "formats" / name, render(golden_run(), fmt, **options))


def test_json_reads_back_into_the_same_model():
    run = golden_run()
    again = RunResult.from_dict(json.loads(render(run, "json")))
    assert again.to_dict() == run.to_dict()


def test_junit_counts_follow_the_status_kinds():
    root = ET.fromstring(render(golden_run(), "junit"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    hang = suites["faults/hang"]
    assert (hang.get("failures"), hang.get("errors")) == ("0", "3")
    wrong = suites["faults/wrong"]
    assert (wrong.get("failures"), wrong.get("errors")) == ("2", "0")
    stub = suites["faults/stub"]
    assert stub.get("failures") == "3"  # not started is a failure, not an error


def test_gradescope_scores_only_passes_and_allowed_skips():
    document = json.loads(render(golden_run(), "gradescope",
                                 scores={"faults/solution": 2.0}))
    solution = [t for t in document["tests"] if t["number"] == "faults/solution"]
    assert [t["score"] for t in solution] == [2.0, 2.0, 2.0]
    # solution 3 × 2, noisy 3 × 1, and the one check each of wrong and exits passed
    assert document["score"] == 6.0 + 3.0 + 1.0 + 1.0


def test_text_summary_counts_every_status_once():
    last = render(golden_run(), "text").splitlines()[-1]
    assert last.startswith("2 of 10 exercises passed · checks: ")
    for status in (Status.TIMEOUT, Status.CRASHED, Status.MEMORY, Status.NOT_STARTED):
        assert status.label in last
