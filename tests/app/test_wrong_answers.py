"""Plausible wrong answers learners write are all rejected, with a message that helps.

Each file under tests/app/wrong_answers/<lesson folder>/<exercise id>/ is a full
exercise file with one realistic mistake, named by its first docstring line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.batch import GradeOptions, grade_all

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent / "wrong_answers"
PACK = load_pack(builtin_pack_root())
BY_FILE = {ex.file: ex for ex in PACK.exercises()}
CASES = sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/*/*.py"))


@pytest.fixture(scope="module")
def verdicts(warm_grader):
    jobs = []
    for case in CASES:
        folder, exercise_id, _ = case.split("/")
        exercise = BY_FILE.get(f"{folder}/{exercise_id}.py")
        if exercise is not None:
            jobs.append((exercise, ROOT / case))
    run = grade_all(warm_grader, PACK, jobs, GradeOptions(device="cpu"))
    return {Path(ex.target).relative_to(ROOT).as_posix(): ex for ex in run.exercises}


def test_every_exercise_has_wrong_answers():
    covered = {case.rsplit("/", 1)[0] for case in CASES}
    missing = [ex.qualified_id for ex in PACK.exercises()
               if ex.file.removesuffix(".py") not in covered]
    assert not missing, f"exercises without a wrong-answer set: {missing}"


@pytest.mark.parametrize("case", CASES)
def test_wrong_answer_is_rejected(verdicts, case):
    folder, exercise_id, _ = case.split("/")
    assert f"{folder}/{exercise_id}.py" in BY_FILE, f"{case}: no such exercise in pack.toml"
    result = verdicts[case]
    mistake = ast.get_docstring(ast.parse((ROOT / case).read_text())) or case
    assert result.status != "passed", f"accepted a wrong answer: {mistake}"
    failing = [c for c in result.checks if c.status not in ("passed", "skipped")]
    assert failing and all(c.message.strip() for c in failing), \
        f"{mistake}: a failing check gave no message"
