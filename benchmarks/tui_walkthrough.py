"""Drive the real `tutor start` in a real terminal (tmux) like a new learner would.

First run in an empty folder → accept the workspace → course map → lesson 01 →
solve the first exercise in the built-in editor (keys typed into the terminal,
ctrl+s) → next exercise → solve it in $EDITOR (a real program the app suspends
for) → quit. Every step waits for the screen to show what a learner would see,
and the panes are written to a transcript. It also measures:

- first frame: from launching the command to the welcome screen being on the
  terminal (tmux capture-pane, polled every 10 ms; includes Python start-up);
- the UI process's memory (VmRSS) and whether it mapped libtorch (it must not:
  torch lives only in the grader's processes).

    python benchmarks/tui_walkthrough.py [--transcript docs/tui-transcript.txt]
                                         [--startup-runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SESSION = "torch-tutor-walkthrough"
COLUMNS, ROWS = 120, 36
ROOT = Path(__file__).resolve().parents[1]

# $EDITOR for the walkthrough: "types" the reference solution into the file it
# is given, the way a learner's own editor would change it, then exits.
EDITOR_SCRIPT = """\
import pathlib, sys
target = pathlib.Path(sys.argv[-1])
course = pathlib.Path({course!r})
solution = course / "solutions" / target.parent.name / target.name
target.write_text(solution.read_text())
"""


class Terminal:
    """A tmux pane running one command, read back with capture-pane."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]) -> None:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        self.started = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", str(COLUMNS),
                        "-y", str(ROWS), "-c", str(cwd),
                        *[f"-e{key}={value}" for key, value in env.items()],
                        # Textual sizes itself by $COLUMNS/$LINES when set (pytest
                        # sets them): let it measure the pane instead.
                        " ".join(["env", "-u", "COLUMNS", "-u", "LINES", *command])],
                       check=True)
        # tmux holds a lone Escape for 500 ms to see if it starts a key sequence, so
        # Escape then n would arrive as alt+n. A learner pausing between keys does
        # not meet this; a script has to switch it off.
        subprocess.run(["tmux", "set-option", "-s", "escape-time", "0"], check=True)
        # A detached session may take the server's default size (80x24); pin ours.
        subprocess.run(["tmux", "set-option", "-t", SESSION, "window-size", "manual"],
                       check=True)
        subprocess.run(["tmux", "resize-window", "-t", SESSION, "-x", str(COLUMNS),
                        "-y", str(ROWS)], check=True)
        self.panes: list[tuple[str, str]] = []

    def capture(self) -> str:
        done = subprocess.run(["tmux", "capture-pane", "-p", "-t", SESSION],
                              capture_output=True, text=True)
        return done.stdout

    def wait_for(self, text: str, timeout: float = 90.0) -> float:
        """Seconds from launch until ``text`` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.capture():
                return time.perf_counter() - self.started
            time.sleep(0.01)
        raise TimeoutError(f"{text!r} never appeared; the screen shows:\n{self.capture()}")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(["tmux", "send-keys", "-t", SESSION, *(["-l"] if literal else []),
                        *keys], check=True)
        time.sleep(0.15)  # let the app take the keys before the next step reads the screen

    def record(self, step: str) -> None:
        time.sleep(0.5)  # let the frame that showed the awaited text finish drawing
        self.panes.append((step, self.capture()))

    def pane_pid(self) -> int:
        done = subprocess.run(["tmux", "display-message", "-p", "-t", SESSION,
                               "#{pane_pid}"], capture_output=True, text=True, check=True)
        return int(done.stdout.strip())

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)


def ui_process_facts(pid: int) -> tuple[float, bool]:
    """(resident memory in MiB, whether libtorch is mapped) of the UI process."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss_kib = next(int(line.split()[1]) for line in status.splitlines()
                   if line.startswith("VmRSS:"))
    maps = Path(f"/proc/{pid}/maps").read_text()
    return rss_kib / 1024, "libtorch" in maps


def tutor_command() -> list[str]:
    exe = shutil.which("tutor", path=str(Path(sys.executable).parent)) or shutil.which("tutor")
    return [exe] if exe else [sys.executable, "-m", "tutor"]


def first_frame_times(runs: int, home: Path, env: dict[str, str]) -> list[float]:
    """Launch → course map on screen, for an existing workspace (the daily start)."""
    times = []
    for _ in range(runs):
        terminal = Terminal([*tutor_command(), "start"], home / "pytorch-tutor", env)
        try:
            times.append(terminal.wait_for("course map"))
            terminal.keys("q")
        finally:
            terminal.close()
    return times


def walkthrough(transcript: Path, startup_runs: int) -> dict[str, object]:
    from tutor.course import builtin_pack_root, load_pack

    first_lesson = load_pack(builtin_pack_root()).lessons[0]
    home = Path(tempfile.mkdtemp(prefix="tutor-walkthrough-"))
    editor = home / "learner_editor.py"
    editor.write_text(EDITOR_SCRIPT.format(course=str(builtin_pack_root())))
    env = {"TUTOR_HOME": str(home / "tutor-home"), "EDITOR": f"{sys.executable} {editor}",
           "TERM": "xterm-256color", "COLORTERM": "truecolor",
           "PATH": os.environ.get("PATH", "")}
    facts: dict[str, object] = {}
    terminal = Terminal([*tutor_command(), "start"], home, env)
    try:
        facts["first_frame_s"] = terminal.wait_for("Welcome to torch-tutor")
        terminal.record("1. `tutor start` in an empty folder: it offers to create a workspace")
        terminal.keys("Enter")
        terminal.wait_for("course map")
        terminal.record("2. Enter accepted ./pytorch-tutor: the course map")
        terminal.keys("Enter")
        terminal.wait_for("hints seen")
        terminal.record("3. Enter opened lesson 01")
        terminal.keys("e")
        terminal.wait_for("ctrl+s save")
        # The cursor sits on the stub's `raise NotImplementedError` line:
        # ctrl+k deletes to the end of the line, then the answer is typed in.
        terminal.keys("C-k")
        terminal.keys("return torch.arange(rows * cols).reshape(rows, cols)", literal=True)
        terminal.wait_for("unsaved")
        terminal.record("4. e opened the built-in editor; the answer typed in")
        terminal.keys("C-s")
        terminal.wait_for("First pass")
        terminal.record("5. ctrl+s saved it; the real grader passed it")
        terminal.keys("Escape")
        terminal.wait_for("e Edit  o $EDITOR")  # the footer is back: keys are commands again
        terminal.keys("n")
        terminal.wait_for("hints seen")
        terminal.keys("o")  # $EDITOR: the app suspends, the editor runs, the app resumes
        terminal.wait_for(f"2/{len(first_lesson.exercises)} exercises passed")
        terminal.record("6. n → next exercise; o ran $EDITOR; the save was checked on return")
        pid = terminal.pane_pid()
        rss_mib, has_torch = ui_process_facts(pid)
        facts["ui_rss_mib"] = round(rss_mib, 1)
        facts["ui_maps_libtorch"] = has_torch
        terminal.keys("q")
        time.sleep(0.5)
    finally:
        terminal.close()
    times = first_frame_times(startup_runs, home, env) if startup_runs else []
    if times:
        facts["course_map_first_frame_s"] = {
            "median": round(statistics.median(times), 3), "min": round(min(times), 3),
            "max": round(max(times), 3), "runs": len(times)}
    lines = ["torch-tutor in a real terminal (tmux, 120x36), driven by "
             "benchmarks/tui_walkthrough.py", ""]
    for step, pane in terminal.panes:
        lines += [f"── {step} " + "─" * max(0, COLUMNS - 4 - len(step)), pane.rstrip("\n"), ""]
    lines += ["── measurements " + "─" * (COLUMNS - 17)]
    lines += [f"{key}: {value}" for key, value in facts.items()]
    transcript.parent.mkdir(parents=True, exist_ok=True)
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)
    return facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, default=ROOT / "docs" / "tui-transcript.txt")
    parser.add_argument("--startup-runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    facts = walkthrough(args.transcript, args.startup_runs)
    for key, value in facts.items():
        print(f"{key}: {value}")
    print(f"transcript: {args.transcript}")
    return 0 if facts.get("ui_maps_libtorch") is False else 1


if __name__ == "__main__":
    sys.exit(main())
