"""`tutor watch` in a real process: save a file, read the verdict line."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from tutor.cli import main

pytestmark = pytest.mark.slow


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _first_verdict(lines: queue.Queue[str], target, text: str) -> list[str]:
    """Save ``text`` until `tutor watch` reports it.

    "Watching" is printed before the watcher's first snapshot, and a save made
    before that snapshot goes unseen: save again (new content each time) rather
    than guess a pause.
    """
    # Each wait doubles: a re-save cancels the run in flight, so one wait must outlast
    # the worker's warm-up on a loaded machine.
    for attempt, wait in enumerate((3, 6, 12, 24, 48, 96)):
        target.write_text(text + "\n" * attempt)
        try:
            return _wait_for(lines, "lesson01/make_grid", wait)
        except AssertionError:
            continue
    raise AssertionError("no save was reported by `tutor watch`")


def _wait_for(lines: queue.Queue[str], prefix: str, timeout: float) -> list[str]:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(prefix):
            return seen
    raise AssertionError(f"no line starting with {prefix!r}; saw: {seen}")


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_watch_prints_a_verdict_per_save(tmp_path, builtin_pack, poll):
    assert main(["init", str(tmp_path / "ws")]) == 0
    exercise = builtin_pack.exercise("lesson01/make_grid")
    assert exercise is not None
    target = tmp_path / "ws" / "exercises" / exercise.file
    args = [sys.executable, "-m", "tutor", "watch", "lesson01", "--workspace",
            str(tmp_path / "ws"), *(["--poll"] if poll else [])]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "NO_COLOR": "1"})
    try:
        lines = _lines(process)
        _wait_for(lines, "Watching", 60)
        # At start it grades the current exercise once: the untouched stub.
        start = _wait_for(lines, "lesson01/make_grid", 90)
        assert "not started" in start[-1], start
        failing = _first_verdict(lines, target, exercise.solution_path.read_text().replace(
            "rows * cols", "rows * cols + 1"))
        assert "failed" in failing[-1] or "error" in failing[-1], failing
        # A verdict for an earlier re-save of the wrong file may still arrive: read
        # verdicts (re-saving, as above, if a save goes unseen) until the pass is reported.
        passing = _first_verdict(lines, target, exercise.solution_path.read_text())
        while " passed " not in passing[-1]:
            passing = _wait_for(lines, "lesson01/make_grid", 60)
        assert passing[-1].endswith(" s)")
        follow = _wait_for(lines, "  Passed", 10)
        assert "first time" in follow[-1] or "last exercise" in follow[-1]
    finally:
        process.terminate()
        process.wait(timeout=10)
