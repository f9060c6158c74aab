"""Hidden checks: left out of the learners' copy, counted there, run and scored on submission."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tutor.cli import main
from tutor.course import PackError, load_pack
from tutor.grading.formats import render
from tutor.grading.results import CheckResult, ExerciseResult, RunResult
from tutor.grading.status import Status

HIDDEN_CHECKS = '''"""Hidden checks for lesson01/scale: inputs the visible checks never use."""

import torch

from tutor.testing import assert_close, describe_call


def test_zero_dim(exercise):
    """works for a 0-d tensor"""
    x = torch.tensor(2.5)
    assert_close(exercise.scale(x, 4), torch.tensor(10.0), call=describe_call("scale", x, 4))


def test_zero_factor(exercise):
    """a factor of 0 gives zeros"""
    x = torch.linspace(-1, 1, 7)
    assert_close(exercise.scale(x, 0), torch.zeros(7), call=describe_call("scale", x, 0))
'''
# Passes every visible check (they use tensors of one or more dimensions) but not the hidden
# 0-d one: the kind of answer hidden checks exist for.
SPECIAL_CASED = '''import torch


def scale(x, factor):
    return x * factor if x.dim() > 0 else x
'''
HIDDEN_FILE = "lesson01_basics/test_scale_hidden.py"


@pytest.fixture
def class_pack(tmp_path, capsys):
    """The scaffolded pack with two hidden checks on its exercise."""
    root = tmp_path / "classpack"
    assert main(["pack", "new", str(root)]) == 0
    manifest = root / "pack.toml"
    manifest.write_text(manifest.read_text().replace(
        'id = "scale"\n', f'id = "scale"\n  hidden_checks = "{HIDDEN_FILE}"\n'))
    (root / "tests/checks" / HIDDEN_FILE).write_text(HIDDEN_CHECKS)
    capsys.readouterr()
    return root


def test_manifest_reads_both_forms(class_pack, tmp_path):
    exercise = load_pack(class_pack).exercises()[0]
    assert exercise.hidden_checks == HIDDEN_FILE
    assert exercise.hidden_checks_path == class_pack / "tests/checks" / HIDDEN_FILE
    assert exercise.hidden_pending == 0 and exercise.hidden_visibility == "after_published"
    manifest = class_pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace(f'"{HIDDEN_FILE}"', "3"))
    exercise = load_pack(class_pack).exercises()[0]
    assert exercise.hidden_checks is None and exercise.hidden_pending == 3


@pytest.mark.parametrize("line, field, words", [
    ('hidden_checks = "../../secret.py"', "hidden_checks", "a check file under tests/checks/"),
    ("hidden_checks = 2.5", "hidden_checks", "or a count"),
    ('hidden_checks = "lesson01_basics/test_scale.py"', "hidden_checks", "different file"),
    ('hidden_visibility = "visible"', "hidden_visibility", "after_published"),
])
def test_bad_hidden_fields_name_field_and_line(class_pack, line, field, words):
    manifest = class_pack / "pack.toml"
    text = manifest.read_text().replace(f'  hidden_checks = "{HIDDEN_FILE}"\n', f"  {line}\n")
    manifest.write_text(text)
    with pytest.raises(PackError) as caught:
        load_pack(class_pack)
    message = str(caught.value)
    assert field in message and words in message
    assert f"pack.toml:{text.splitlines().index('  ' + line) + 1} " in message


def test_every_front_end_marks_hidden_checks_and_pending_ones():
    checks = [CheckResult("t.py::a", "visible one", Status.PASSED),
              CheckResult("h.py::b", "secret one", Status.FAILED, "wrong", hidden=True)]
    run = RunResult([ExerciseResult("lesson01/scale", "Scale", checks, hidden_pending=0),
                     ExerciseResult("lesson01/other", "Other", checks[:1], hidden_pending=3)],
                    "p", "1")
    text = render(run, "text")
    assert "✗ secret one [hidden]" in text
    assert "  + 3 hidden checks run when you submit" in text
    document = json.loads(render(run, "json"))
    assert document["exercises"][0]["checks"][1]["hidden"] is True
    assert document["exercises"][1]["hidden_pending"] == 3
    assert RunResult.from_dict(document).exercises[1].hidden_pending == 3
    assert 'name="secret one [hidden]"' in render(run, "junit")
    tests = json.loads(render(run, "gradescope",
                              hidden_visibility={"lesson01/scale": "after_due_date"}))["tests"]
    assert [t["visibility"] for t in tests] == ["visible", "after_due_date", "visible"]


def test_the_app_says_how_many_run_on_submission():
    from tutor.ui.widgets.results_panel import CheckRow, verdict_line

    result = ExerciseResult("lesson01/scale", "Scale",
                            [CheckResult("t.py::a", "visible one", Status.PASSED)],
                            hidden_pending=2)
    assert "+ 2 hidden checks run when you submit" in verdict_line(result).plain
    row = CheckRow(CheckResult("h.py::b", "secret one", Status.FAILED, "x", hidden=True))
    assert row.check.shown_name == "secret one [hidden]"


@pytest.mark.slow
def test_instructor_grades_hidden_checks_and_learner_copy_counts_them(class_pack, tmp_path,
                                                                     shared_grader, capsys):
    assert main(["pack", "check", str(class_pack)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["check", "--pack", str(class_pack), "--solutions", "--format", "json"]) == 0
    checks = json.loads(capsys.readouterr().out)["exercises"][0]["checks"]
    hidden = [c["name"] for c in checks if c.get("hidden")]
    assert sorted(hidden) == ["a factor of 0 gives zeros", "works for a 0-d tensor"]

    copy = tmp_path / "learners"
    assert main(["pack", "export-learner", str(class_pack), "-o", str(copy)]) == 0
    assert "2 hidden check(s) of 1 exercise(s) left out" in capsys.readouterr().out
    assert not (copy / "tests/checks" / HIDDEN_FILE).exists()
    assert (copy / "tests/checks/lesson01_basics/test_scale.py").is_file()
    assert "hidden_checks = 2" in (copy / "pack.toml").read_text()
    assert load_pack(copy).exercises()[0].hidden_pending == 2

    workspace = tmp_path / "ws"
    assert main(["init", str(workspace), "--pack", str(copy)]) == 0
    (workspace / "exercises/lesson01_basics/scale.py").write_text(SPECIAL_CASED)
    capsys.readouterr()
    assert main(["check", "--workspace", str(workspace)]) == 0  # the visible checks pass
    assert "+ 2 hidden checks run when you submit" in capsys.readouterr().out

    assert main(["pack", "export-gradescope", str(copy), "-o", str(tmp_path / "x.zip")]) == 2
    assert "learner's copy" in capsys.readouterr().err
    assert main(["pack", "export-learner", str(class_pack), "-o", str(copy)]) == 2
    assert "already exists" in capsys.readouterr().err


@pytest.mark.slow
def test_export_learner_refuses_hidden_checks_the_solution_fails(class_pack, tmp_path,
                                                                 shared_grader, capsys):
    (class_pack / "solutions/lesson01_basics/scale.py").write_text(SPECIAL_CASED)
    assert main(["pack", "export-learner", str(class_pack), "-o", str(tmp_path / "c.zip")]) == 2
    error = capsys.readouterr().err
    assert "lesson01/scale" in error and "works for a 0-d tensor [hidden]" in error
    assert not (tmp_path / "c.zip").exists()


@pytest.mark.slow
def test_bundle_runs_hidden_checks_with_their_visibility(class_pack, tmp_path):
    manifest = class_pack / "pack.toml"
    manifest.write_text(manifest.read_text().replace(
        "[defaults]\n", '[defaults]\nhidden_visibility = "after_due_date"\n'))
    bundle = tmp_path / "autograder.zip"
    assert main(["pack", "export-gradescope", str(class_pack), "-o", str(bundle)]) == 0
    root = tmp_path / "autograder"
    (root / "source").mkdir(parents=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    (root / "submission").mkdir()
    (root / "submission" / "scale.py").write_text(SPECIAL_CASED)
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    tests = json.loads((root / "results" / "results.json").read_text())["tests"]
    hidden = {t["name"]: t for t in tests if t["name"].endswith("[hidden]")}
    assert set(hidden) == {"lesson01/scale: works for a 0-d tensor [hidden]",
                           "lesson01/scale: a factor of 0 gives zeros [hidden]"}
    assert {t["visibility"] for t in hidden.values()} == {"after_due_date"}
    assert hidden["lesson01/scale: works for a 0-d tensor [hidden]"]["status"] == "failed"
    visible = [t for t in tests if t not in hidden.values()]
    assert visible and all(t["visibility"] == "visible" for t in visible)
    assert all(t["status"] == "passed" for t in visible)
