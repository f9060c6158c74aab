"""Learner files that try to forge a grade end *not passed* in strict isolation.

Each file of tests/app/tampering/ is graded as lesson01/make_grid with
``--isolation strict``, and all of them together through the Gradescope
bundle's ``run_autograder`` in a fake /autograder tree (one attack per
exercise). docs/authoring.md ("Trust model") records what fast mode does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.batch import GradeOptions, grade_all
from tutor.packs.gradescope import export_gradescope

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parent / "tampering"
ATTACKS = sorted(p.name for p in ROOT.glob("*.py"))
PACK = load_pack(builtin_pack_root())


def test_the_suite_covers_the_known_attacks():
    assert len(ATTACKS) >= 14
    for name in ATTACKS:
        assert (ROOT / name).read_text().startswith('"""'), f"{name}: say what it attacks"


@pytest.fixture(scope="module")
def strict_results(warm_grader):
    exercise = PACK.exercise("lesson01/make_grid")
    assert exercise is not None
    jobs = [(exercise, ROOT / name) for name in ATTACKS]
    run = grade_all(warm_grader, PACK, jobs, GradeOptions(device="cpu", isolation="strict",
                                                          jobs=2))
    return {Path(ex.target).name: ex for ex in run.exercises}


@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_is_not_passed_in_strict_mode(strict_results, attack):
    result = strict_results[attack]
    assert result.status != "passed"
    passed = [c.name for c in result.checks if c.status == "passed"]
    assert not passed, f"{attack}: checks reported passed: {passed}"
    assert result.checks, f"{attack}: no check reported at all"


def test_every_attack_fails_through_run_autograder(tmp_path):
    bundle = export_gradescope(PACK, tmp_path / "autograder.zip")
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    for script in ("run_autograder", "setup.sh"):
        (root / "source" / script).chmod(0o755)
    submission = root / "submission" / "exercises"
    chosen = dict(zip(ATTACKS, PACK.exercises(), strict=False))
    assert len(chosen) == len(ATTACKS)
    for attack, exercise in chosen.items():
        target = submission / exercise.file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((ROOT / attack).read_text())
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert results.get("tests") and results["output"].startswith("torch-tutor"), results
    for attack, exercise in chosen.items():
        mine = [t for t in results["tests"] if t["name"].startswith(exercise.qualified_id + ":")]
        assert mine, f"{attack} ({exercise.qualified_id}): no tests in results.json"
        # Some checks pass for any function that leaves its inputs alone; the exercise may
        # not: at least one of its checks failed.
        assert any(t["status"] == "failed" for t in mine), (attack, mine[:2])
    assert results["score"] < results["max_score"] / 4
