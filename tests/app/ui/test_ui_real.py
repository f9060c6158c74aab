"""The app with the real grader on a real lesson, and in a real terminal (tmux)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.ui.screens.lesson import LessonScreen

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]
SIZE = (120, 36)


def test_real_grader_grades_a_real_exercise(make_app, builtin_workspace, warm_grader, ui):
    exercise = builtin_workspace.pack.lessons[0].exercises[0]
    path = builtin_workspace.exercise_path(exercise)
    solution = exercise.solution_path.read_text()

    async def scenario() -> None:
        app = make_app(builtin_workspace, grader=warm_grader)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await ui.until(pilot, lambda: isinstance(app.screen, LessonScreen))
            await pilot.press("r")
            await ui.shows(pilot, "not started", timeout=60)
            path.write_text(solution.replace("return ", "return 1 + ", 1))
            await pilot.press("r")
            await ui.shows(pilot, "✗ failed", timeout=60)
            path.write_text(solution)
            await pilot.press("r")
            text = await ui.shows(pilot, "First pass!", timeout=60)
            assert f"{exercise.title[:20]}" in text

    asyncio.run(scenario())
    assert builtin_workspace.status_of(exercise) == "passed"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_new_learner_in_a_real_terminal(tmp_path):
    """`tutor start` under tmux at 80x24, the whole journey (benchmarks/tui_walkthrough.py):
    first run, lesson 01 from its title, a pass, a failure, hints, the solution, lesson 02,
    quit, and the restart from the same folder."""
    transcript = tmp_path / "transcript.txt"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tui_walkthrough.py"),
                           "--transcript", str(transcript), "--startup-runs", "0",
                           "--sizes", "80x24"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    text = transcript.read_text()
    assert "Welcome to torch-tutor" in text
    assert "Lesson 01 — Tensors" in text  # opened at its title
    assert "First pass!" in text and "esc (done editing), then" in text
    assert "✗ failed" in text and "Check detail" in text
    assert "Hint 3 of 3" in text and "You have seen every hint" in text
    assert "Reference solution" in text and "Lesson 02" in text
    assert "torch-tutor closed. Your progress is saved in" in text
    assert "Welcome back" in text  # found again from the same folder
    assert "ui_maps_libtorch (80x24): False" in text  # the UI process never loaded torch
