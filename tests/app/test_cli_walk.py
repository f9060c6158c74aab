"""The shell side of the learner's walk (issue 18): the workspace found from where it
was created or remembered, short failure text, hints without an argument, typos."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tutor.cli import main
from tutor.grading.formats.text import render_text
from tutor.grading.results import CheckResult, ExerciseResult, RunResult


def test_workspace_found_in_pytorch_tutor_and_remembered(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    out = capsys.readouterr()
    assert "using your workspace in ./pytorch-tutor" in out.err
    assert "[0/" in out.out  # progress shown
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["hint"]) == 0
    out = capsys.readouterr()
    assert "using your last workspace" in out.err
    assert "Current exercise: lesson01/make_grid" in out.out and "Hint 1/" in out.out


def test_typo_suggests_the_exercise(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    for typo in ("make_grid", "lesson01/make_gird", "lesson1/make_grid"):
        assert main(["check", typo]) == 2
        assert "did you mean 'lesson01/make_grid'?" in capsys.readouterr().err


def test_list_into_a_closed_pipe_ends_quietly(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    done = subprocess.run(f"{sys.executable} -m tutor list | head -3", shell=True,
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert len(done.stdout.splitlines()) == 3
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def _check(i: int, message: str, status: str = "failed") -> CheckResult:
    return CheckResult(f"t{i}", f"check {i}", status, message)  # type: ignore[arg-type]


def test_text_output_is_short_and_folds_the_same_failure():
    same = [_check(i, f"average(<int64 ({i}, 3)>) raised RuntimeError: mean(): could not "
                      f"infer output dtype. Got: Long") for i in range(11)]
    other = _check(99, "returned float64; expected float32")
    skipped = [_check(50 + i, "needs a CUDA GPU", "skipped") for i in range(3)]
    result = ExerciseResult("lesson01/average", "Average",
                            [_check(100, "", "passed"), *same, other, *skipped])
    text = render_text(RunResult([result]))
    lines = text.splitlines()
    assert "… and 10 more checks fail the same way" in text
    assert sum(bool(re.search(r"check \d", line)) for line in lines) == 2  # first, other
    assert "- 3 checks skipped: needs a CUDA GPU" in text
    assert "exercises passed" in lines[-1] and len(lines) <= 10
    verbose = render_text(RunResult([result]), verbose=True)
    assert all(f"check {i}" in verbose for i in range(11))
