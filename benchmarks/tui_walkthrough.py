"""Drive the real `tutor start` in a real terminal (tmux) like a new learner would.

The whole journey, at 80x24 and at 120x36: first run in an empty folder →
accept the workspace → course map → lesson 01 opens at its title → read on
(PageDown) → solve exercise 1 in the built-in editor (keys typed into the
terminal, ctrl+s) → esc, n → exercise 2, a wrong answer saved from $EDITOR (a
real program the app suspends for) → the failure and its detail → every hint →
the solution → back to the course map and lesson 02 → quit (timed) → restart
from the same folder. Every step waits for the screen to show what a learner
would see, and the panes are written to a transcript. It also measures:

- first frame: from launching the command to the welcome screen being on the
  terminal (tmux capture-pane, polled every 10 ms; includes Python start-up);
- quitting: from pressing q (after a grading run) to the shell's prompt line;
- the UI process's memory (VmRSS) and whether it mapped libtorch (it must not:
  torch lives only in the grader's processes).

    python benchmarks/tui_walkthrough.py [--transcript docs/tui-transcript.txt]
                                         [--startup-runs 5] [--sizes 80x24,120x36]
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
# A tmux server of our own: another walkthrough (a parallel test run) must not kill or
# type into this one, and its server-wide options (escape-time) stay ours.
TMUX = ["tmux", "-L", f"torch-tutor-walkthrough-{os.getpid()}"]
COLUMNS, ROWS = 120, 36
ROOT = Path(__file__).resolve().parents[1]

# $EDITOR for the walkthrough: "types" a wrong answer into the file it is given
# (the reference solution with bytes counted as 4 per element, right only for
# float32), the way a learner's own editor would change it, then exits.
EDITOR_SCRIPT = """\
import pathlib, sys
target = pathlib.Path(sys.argv[-1])
course = pathlib.Path({course!r})
solution = course / "solutions" / target.parent.name / target.name
target.write_text(solution.read_text().replace("t.element_size()", "4"))
"""
DONE = "WALKTHROUGH-SHELL-PROMPT"
"""Printed by the pane's shell once `tutor start` has exited."""


class Terminal:
    """A tmux pane running one command, read back with capture-pane."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str],
                 size: tuple[int, int] = (COLUMNS, ROWS)) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", SESSION], capture_output=True)
        self.columns, self.rows = size
        self.started = time.perf_counter()
        # Textual sizes itself by $COLUMNS/$LINES when set (pytest sets them): let it
        # measure the pane instead. After the app exits the pane stays, with a marker
        # line, so what the learner sees on quitting can be read (and timed).
        shell = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", *command])
        # The pane writes the wall-clock time it launches the command: a figure timed from
        # there leaves out tmux starting its server and the pane's shell.
        self._stamp = Path(tempfile.mkdtemp(prefix="tutor-launch-")) / "launched"
        subprocess.run([*TMUX, "new-session", "-d", "-s", SESSION, "-x", str(self.columns),
                        "-y", str(self.rows), "-c", str(cwd),
                        *[f"-e{key}={value}" for key, value in env.items()],
                        f"date +%s.%N > {self._stamp}; {shell}; echo {DONE}; sleep 60"],
                       check=True)
        # tmux holds a lone Escape for 500 ms to see if it starts a key sequence, so
        # Escape then n would arrive as alt+n. A learner pausing between keys does
        # not meet this; a script has to switch it off.
        subprocess.run([*TMUX, "set-option", "-s", "escape-time", "0"], check=True)
        # A detached session may take the server's default size (80x24); pin ours.
        subprocess.run([*TMUX, "set-option", "-t", SESSION, "window-size", "manual"],
                       check=True)
        subprocess.run([*TMUX, "resize-window", "-t", SESSION, "-x", str(self.columns),
                        "-y", str(self.rows)], check=True)
        self.panes: list[tuple[str, str]] = []

    def capture(self) -> str:
        done = subprocess.run([*TMUX, "capture-pane", "-p", "-t", SESSION],
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

    def since_launch(self, text: str, timeout: float = 90.0) -> float:
        """Seconds from the pane launching the command until ``text`` is on screen."""
        self.wait_for(text, timeout)
        seen = time.time()
        return seen - float(self._stamp.read_text())

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*TMUX, "send-keys", "-t", SESSION, *(["-l"] if literal else []),
                        *keys], check=True)
        time.sleep(0.15)  # let the app take the keys before the next step reads the screen

    def record(self, step: str) -> None:
        time.sleep(0.5)  # let the frame that showed the awaited text finish drawing
        self.panes.append((step, self.capture()))

    def pane_pid(self) -> int:
        done = subprocess.run([*TMUX, "display-message", "-p", "-t", SESSION,
                               "#{pane_pid}"], capture_output=True, text=True, check=True)
        return int(done.stdout.strip())

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", SESSION], capture_output=True)
        shutil.rmtree(self._stamp.parent, ignore_errors=True)


def tutor_pid(shell_pid: int) -> int:
    """The `tutor start` process under the pane's shell (the shell itself when it is)."""
    pending = [shell_pid]
    while pending:
        pid = pending.pop(0)
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"tutor" in cmdline and b"start" in cmdline and b"sleep" not in cmdline:
            return pid
        for task in Path(f"/proc/{pid}/task").iterdir():
            pending += [int(c) for c in (task / "children").read_text().split()]
    return shell_pid


def ui_process_facts(pid: int) -> tuple[float, bool]:
    """(resident memory in MiB, whether libtorch is mapped) of the UI process."""
    pid = tutor_pid(pid)
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


def journey(terminal: Terminal, lessons: list[object]) -> dict[str, object]:
    """The learner's walk; returns what it measured. Panes go to ``terminal.panes``."""
    facts: dict[str, object] = {}
    second = lessons[1]
    facts["first_frame_s"] = round(terminal.wait_for("Welcome to torch-tutor"), 3)
    terminal.record("1. `tutor start` in an empty folder: it offers to create a workspace")
    terminal.keys("Enter")
    terminal.wait_for("course map")
    terminal.record("2. Enter accepted ./pytorch-tutor: the course map")
    terminal.keys("Enter")
    terminal.wait_for("hints seen")
    terminal.wait_for("Lesson 01 —")
    terminal.record("3. Enter opened lesson 01 at its title; the text has the focus")
    for _ in range(40):  # read on to the first code block (the text may still be loading)
        terminal.keys("PageDown")
        if "print(" in terminal.capture():
            break
        time.sleep(0.2)
    terminal.wait_for("print(")
    terminal.record("4. PageDown reads on: code blocks wrap with ↪ instead of being cut")
    terminal.keys("e")
    terminal.wait_for("ctrl+s save")
    terminal.wait_for("Your task")
    time.sleep(0.5)  # the editor puts its cursor on the stub's line one frame later
    # The cursor sits on the stub's `raise NotImplementedError` line:
    # ctrl+k deletes to the end of the line, then the answer is typed in.
    terminal.keys("C-k")
    terminal.keys("return torch.arange(rows * cols).reshape(rows, cols)", literal=True)
    terminal.wait_for("unsaved")
    # Every key must have arrived before ctrl+s (a busy machine lags behind tmux).
    terminal.wait_for("return torch.arange(rows * cols).reshape(rows, cols)")
    terminal.record("5. e opened the built-in editor, the tasks beside it; the answer typed")
    terminal.keys("C-s")
    terminal.wait_for("First pass")
    terminal.record("6. ctrl+s saved it; the real grader passed it (the banner names esc)")
    terminal.keys("Escape")
    terminal.wait_for("q Quit")  # the footer is back: keys are commands again
    terminal.keys("n")
    terminal.wait_for("summary · hints seen")
    terminal.keys("o")  # $EDITOR: the app suspends, the editor runs, the app resumes
    terminal.wait_for("failed ·")
    terminal.record("7. n → exercise 2; o ran $EDITOR with a wrong answer: the failure first")
    terminal.keys("Tab")
    terminal.keys("Enter")
    terminal.wait_for("Check detail")
    terminal.record("8. tab, Enter: the check's detail (message first, traceback folded)")
    terminal.keys("Escape")
    terminal.wait_for("q Quit")
    for _ in range(3):
        terminal.keys("h")
    terminal.wait_for("Hint 3 of 3")
    terminal.record("9. h (three times): every hint; the last one is code (c copies it)")
    terminal.keys("Escape")
    terminal.wait_for("q Quit")
    terminal.keys("s")
    terminal.wait_for("You have seen every hint")
    terminal.record("10. s before passing: the solution is offered, without spoiling advice")
    terminal.keys("Enter")
    terminal.wait_for("Your file")
    terminal.record("11. Enter: your file and the reference, at their code")
    terminal.keys("Escape")
    terminal.wait_for("q Quit")
    terminal.keys("Escape")
    terminal.wait_for("course map")
    terminal.keys("Down")
    terminal.keys("Enter")
    terminal.wait_for("Lesson 02")
    terminal.wait_for(f"0/{len(second.exercises)} exercises passed")  # type: ignore[attr-defined]
    terminal.record("12. esc, ↓, Enter: the next lesson, at its title")
    terminal.keys("r")
    terminal.wait_for("· 0/")  # graded: the warm worker has run
    pid = terminal.pane_pid()
    rss_mib, has_torch = ui_process_facts(pid)
    facts["ui_rss_mib"] = round(rss_mib, 1)
    facts["ui_maps_libtorch"] = has_torch
    pressed = time.perf_counter()
    terminal.keys("q")
    while DONE not in terminal.capture():
        if time.perf_counter() - pressed > 30:
            raise TimeoutError(f"q did not quit:\n{terminal.capture()}")
        time.sleep(0.01)
    facts["quit_s"] = round(time.perf_counter() - pressed - 0.15, 3)  # less keys()' pause
    terminal.record("13. q (after a grading run): the app says where progress is and ends")
    return facts


def walkthrough(transcript: Path, startup_runs: int,
                sizes: list[tuple[int, int]]) -> dict[str, object]:
    from tutor.course import builtin_pack_root, load_pack

    lessons = load_pack(builtin_pack_root()).lessons
    facts: dict[str, object] = {}
    lines = ["torch-tutor in a real terminal (tmux), driven by benchmarks/tui_walkthrough.py",
             ""]
    for columns, rows in sizes:
        home = Path(tempfile.mkdtemp(prefix="tutor-walkthrough-"))
        editor = home / "learner_editor.py"
        editor.write_text(EDITOR_SCRIPT.format(course=str(builtin_pack_root())))
        env = {"TUTOR_HOME": str(home / "tutor-home"),
               "EDITOR": f"{sys.executable} {editor}",
               "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "PATH": os.environ.get("PATH", ""),
               "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
        size = f"{columns}x{rows}"
        terminal = Terminal([*tutor_command(), "start"], home, env, (columns, rows))
        try:
            measured = journey(terminal, lessons)
        finally:
            terminal.close()
        # The learner comes back: the same folder, where ./pytorch-tutor was made.
        again = Terminal([*tutor_command(), "start"], home, env, (columns, rows))
        try:
            again.wait_for("course map")
            again.wait_for("Welcome back")
            again.record("14. `tutor start` again from the same folder: found, and said so")
            again.keys("q")
        finally:
            again.close()
        terminal.panes += again.panes
        facts.update({f"{key} ({size})": value for key, value in measured.items()})
        lines += [f"══ {size} " + "═" * max(0, columns - 4 - len(size)), ""]
        for step, pane in terminal.panes:
            lines += [f"── {step} " + "─" * max(0, columns - 4 - len(step)),
                      pane.rstrip("\n"), ""]
        if startup_runs and (columns, rows) == sizes[-1]:
            times = first_frame_times(startup_runs, home, env)
            facts["course_map_first_frame_s"] = {
                "median": round(statistics.median(times), 3), "min": round(min(times), 3),
                "max": round(max(times), 3), "runs": len(times)}
        shutil.rmtree(home, ignore_errors=True)
    lines += ["── measurements " + "─" * 60]
    lines += [f"{key}: {value}" for key, value in facts.items()]
    transcript.parent.mkdir(parents=True, exist_ok=True)
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", type=Path, default=ROOT / "docs" / "tui-transcript.txt")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--sizes", default="80x24,120x36",
                        help="terminal sizes to walk, comma-separated COLSxROWS")
    args = parser.parse_args()
    sizes = [(int(c), int(r)) for c, r in (s.split("x") for s in args.sizes.split(","))]
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    facts = walkthrough(args.transcript, args.startup_runs, sizes)
    for key, value in facts.items():
        print(f"{key}: {value}")
    print(f"transcript: {args.transcript}")
    torch_mapped = [value for key, value in facts.items() if key.startswith("ui_maps_libtorch")]
    return 0 if torch_mapped and not any(torch_mapped) else 1


if __name__ == "__main__":
    sys.exit(main())
