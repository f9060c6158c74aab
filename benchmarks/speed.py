"""Every figure of issue 15's goals table, measured now, beside a cold pytest of the same checks.

Each figure is the median of ``--runs`` runs (10 by default), warm and cold runs
interleaved so a change in the machine's load hits both sides alike; the load
average is printed at the start and the end. Timings on a shared machine move
with its load: compare the figures of one run with each other, not across runs.

- ``tutor check lesson07 --solutions``, repeated: wall clock of the whole
  command (Python start-up included), against ``python -m pytest`` on the same
  check files;
- ``tutor check lesson04/broadcast_shape`` in a workspace, repeated, likewise;
- save → verdict through a real ``tutor watch lesson04/broadcast_shape``: from
  writing the file to its verdict line on stdout (correct and wrong saves in
  turn), against a cold pytest per save;
- the grader's overhead beyond pytest's own test time (27 checks): wall of one
  ``Grader.grade`` minus the sum of its checks' pytest durations; the time to
  the first check's result beside it;
- ``tutor start`` first frame: launch → course map on a tmux screen;
- quit after ctrl+q in ``tutor start`` (a lesson open, after a grading run): key
  sent → the process gone; the warm worker's own exit after it;
- (only with ``--only course``) the whole course's self-check, ``tutor check all
  --solutions``, once.

``tutor check`` runs the grader it uses by default: the in-process warm worker, or
a shared per-user worker where one exists (then the first, uncounted run starts
it and the repeats use it). The figures are benchmarks, not tests.

    python benchmarks/speed.py [--runs 10] [--quick] [--only check,watch,...]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui_walkthrough import Terminal, tutor_command, tutor_pid  # noqa: E402

from tutor.course import Exercise, Pack, builtin_pack_root, load_pack  # noqa: E402
from tutor.workspace import Workspace  # noqa: E402

FIGURES = ("check_lesson", "check_exercise", "watch", "overhead", "first_frame", "quit")
EXTRA_FIGURES = ("course",)
LESSON = "lesson07"
EXERCISE = "lesson04/broadcast_shape"


@dataclass
class Figure:
    label: str
    values: list[float]
    goal: float | None
    cold: list[float] | None = None
    note: str = ""

    def line(self) -> str:
        median = statistics.median(self.values)
        if self.goal is None:
            verdict = "(no goal)"
        else:
            met = "met" if median <= self.goal else f"missed by {median - self.goal:.3f} s"
            verdict = f"goal ≤ {self.goal:.2f} s: {met}"
        text = (f"{self.label:<46} {median:7.3f} s  (min {min(self.values):.3f}, "
                f"n={len(self.values)})  {verdict}")
        if self.cold:
            cold = statistics.median(self.cold)
            text += (f"\n{'':<46} cold pytest {cold:7.3f} s (n={len(self.cold)}): "
                     f"{cold / median:.1f}x faster")
        if self.note:
            text += f"\n{'':<46} {self.note}"
        return text


def wrong_version(source: str) -> str:
    """The solution with its first `return` made wrong (still valid Python)."""
    return source.replace("return ", "return 0 * ", 1)


def timed(command: list[str], env: dict[str, str], cwd: Path, expect: int | None = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    if expect is not None and done.returncode != expect:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n"
                           f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed


def cold_pytest(paths: list[Path], env: dict[str, str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            *[str(p) for p in paths]]


def interleave(runs: int, warm: Callable[[], float], cold: Callable[[], float],
               cold_runs: int) -> tuple[list[float], list[float]]:
    warm_times, cold_times = [], []
    warm()  # uncounted: starts the worker (or the shared one) and fills the OS caches
    for number in range(runs):
        warm_times.append(warm())
        if number < cold_runs:
            cold_times.append(cold())
    return warm_times, cold_times


def check_lesson(ctx: Context) -> Figure:
    pack = ctx.pack
    checks = sorted({ex.checks_path.parent for ex in pack.exercises()
                     if ex.lesson_id == LESSON})
    command = [*tutor_command(), "check", LESSON, "--solutions", "--pack", str(pack.root)]
    warm, cold = interleave(
        ctx.runs, lambda: timed(command, ctx.env, ctx.home),
        lambda: timed(cold_pytest(checks, ctx.env), ctx.env, pack.root), ctx.cold_runs)
    figure = Figure(f"tutor check {LESSON} --solutions, repeated", warm, 1.0, cold)
    ratio = statistics.median(cold) / statistics.median(warm)
    figure.note = f"goal also ≥ 4x a cold pytest: {'met' if ratio >= 4 else 'missed'}"
    return figure


def check_exercise(ctx: Context) -> Figure:
    exercise = ctx.exercise
    command = [*tutor_command(), "check", EXERCISE, "--workspace", str(ctx.workspace.root)]
    env = {**ctx.env, "TUTOR_TARGET": str(ctx.target)}
    warm, cold = interleave(
        ctx.runs, lambda: timed(command, ctx.env, ctx.home),
        lambda: timed(cold_pytest([exercise.checks_path], env), env, ctx.pack.root),
        ctx.cold_runs)
    return Figure(f"tutor check {EXERCISE}, repeated", warm, 0.5, cold)


def watch(ctx: Context) -> Figure:
    """A real `tutor watch` process; each save's verdict line timed from the write."""
    good = ctx.exercise.solution_path.read_text()
    command = [*tutor_command(), "watch", EXERCISE, "--workspace", str(ctx.workspace.root)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**ctx.env, "NO_COLOR": "1"}, cwd=ctx.home)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))

    def verdict(timeout: float) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                at, line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line.startswith(EXERCISE):
                return at, line
        raise RuntimeError(f"no verdict from `tutor watch` within {timeout:.0f} s")

    threading.Thread(target=pump, daemon=True).start()
    latencies = []
    try:
        verdict(180)  # the verdict `tutor watch` gives at start (the worker warms first)
        for number in range(ctx.runs + 1):
            time.sleep(0.4)  # a learner's saves are far apart; let the watcher settle
            text = (good if number % 2 == 0 else wrong_version(good)) + f"\n# save {number}\n"
            saved = time.perf_counter()
            ctx.target.write_text(text)
            at, line = verdict(60)
            expected = "passed" if number % 2 == 0 else "failed"
            if f" {expected} " not in f" {line} ":
                raise RuntimeError(f"save {number}: expected {expected}, got {line!r}")
            if number:  # the first save after start is uncounted, like the other figures
                latencies.append(at - saved)
    finally:
        process.terminate()
        process.wait(timeout=30)
        ctx.target.write_text(good)
    env = {**ctx.env, "TUTOR_TARGET": str(ctx.target)}
    cold = [timed(cold_pytest([ctx.exercise.checks_path], env), env, ctx.pack.root)
            for _ in range(min(3, ctx.cold_runs))]
    return Figure(f"save → verdict, tutor watch {EXERCISE}", latencies, 0.25, cold,
                  "cold side: a fresh pytest per save")


class FirstCheck:
    """``on_check`` callback: seconds from its creation to the first check's result."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.after = 0.0

    def __call__(self, _check: object) -> None:
        if not self.after:
            self.after = time.perf_counter() - self.started


def overhead(ctx: Context) -> Figure:
    from tutor.grading import default_grader
    from tutor.grading.request import GradeOptions, build_request

    grader = default_grader()
    request = build_request(ctx.exercise, ctx.target, GradeOptions(device="cpu"))
    walls, tests, firsts = [], [], []
    try:
        grader.prewarm()
        for number in range(ctx.runs + 2):
            first = FirstCheck()
            result = grader.grade(request, on_check=first)
            wall = time.perf_counter() - first.started
            if result.status != "passed":
                raise RuntimeError(f"{EXERCISE} did not pass: {result.status}")
            if number >= 2:  # the first runs include the worker's warm-up
                walls.append(wall)
                tests.append(sum(check.duration for check in result.checks))
                firsts.append(first.after)
    finally:
        grader.close()
    figure = Figure(f"grader overhead beyond pytest's test time ({len(result.checks)} checks)",
                    [w - t for w, t in zip(walls, tests, strict=True)], 0.08)
    figure.note = (f"one grade {statistics.median(walls):.3f} s wall, pytest test time "
                   f"{statistics.median(tests):.3f} s, first check after "
                   f"{statistics.median(firsts):.3f} s ({grader.mode} grader)")
    return figure


def first_frame(ctx: Context) -> Figure:
    times = []
    for _ in range(ctx.runs):
        terminal = Terminal([*tutor_command(), "start", "--workspace",
                             str(ctx.workspace.root)], ctx.home, ctx.tui_env)
        try:
            times.append(terminal.since_launch("course map"))
            terminal.keys("q")
        finally:
            terminal.close()
    return Figure("tutor start: first frame (course map)", times, 0.5,
                  note="from the pane launching `tutor start` (its wall-clock stamp) to the "
                       "course map in a tmux capture polled every 10 ms; includes Python "
                       "start-up, not tmux starting its server")


def quit_after_ctrl_q(ctx: Context) -> Figure:
    times, worker_gone = [], []
    for _ in range(ctx.runs):
        terminal = Terminal([*tutor_command(), "start", "--workspace",
                             str(ctx.workspace.root)], ctx.home, ctx.tui_env)
        try:
            terminal.wait_for("course map")
            terminal.keys("Enter")  # the first lesson: its text is the heaviest screen
            terminal.wait_for("Lesson 01 —")
            terminal.keys("r")  # a grading run: the worker is warm and has forked
            terminal.wait_for("not started", timeout=300)
            pid = tutor_pid(terminal.pane_pid())
            worker = _wait_for_worker(pid)
            time.sleep(0.5)
            pressed = time.perf_counter()
            subprocess.run([*_tmux(), "send-keys", "-t", _session(), "C-q"], check=True)
            while Path(f"/proc/{pid}").exists() and _alive(pid):
                if time.perf_counter() - pressed > 30:
                    raise RuntimeError("ctrl+q did not end `tutor start`")
                time.sleep(0.002)
            times.append(time.perf_counter() - pressed)
            while worker is not None and _alive(worker):
                if time.perf_counter() - pressed > 30:
                    break
                time.sleep(0.01)
            worker_gone.append(time.perf_counter() - pressed)
        finally:
            terminal.close()
    return Figure("quit after ctrl+q (key sent → process gone)", times, 0.3,
                  note=f"the warm worker gone {statistics.median(worker_gone):.3f} s after "
                       "the key (median; it stops on its own, nobody waits)")


def course(ctx: Context) -> Figure:
    command = [*tutor_command(), "check", "all", "--solutions", "--pack", str(ctx.pack.root)]
    wall = timed(command, ctx.env, ctx.home)
    return Figure("tutor check all --solutions (the course), once", [wall], None)


def _tmux() -> list[str]:
    import tui_walkthrough

    return tui_walkthrough.TMUX


def _session() -> str:
    import tui_walkthrough

    return tui_walkthrough.SESSION


def _alive(pid: int) -> bool:
    """Running (a zombie awaiting its parent's wait counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for_worker(ui_pid: int, timeout: float = 2.0) -> int | None:
    """The private warm worker the app started (a child running tutor.grading.zygote).

    Called after a verdict, so a private worker is already there; with the shared worker
    there is no such child, and a short look is enough (it was 120 s per run)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for task in Path(f"/proc/{ui_pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
                if b"tutor.grading.zygote" in cmdline:
                    return int(child)
        time.sleep(0.1)
    return None  # a shared worker outside the app (not ours to time)


@dataclass
class Context:
    runs: int
    cold_runs: int
    pack: Pack
    home: Path
    workspace: Workspace
    exercise: Exercise
    target: Path
    env: dict[str, str]
    tui_env: dict[str, str]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per figure (default 10)")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs per figure, 2 cold runs: a smoke test of the figures")
    parser.add_argument("--only", default=",".join(FIGURES),
                        help=f"comma-separated subset of {','.join(FIGURES)}")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(FIGURES) - set(EXTRA_FIGURES)
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(sorted(unknown))}")
    if shutil.which("tmux") is None:
        chosen = [name for name in chosen if name not in ("first_frame", "quit")]
        print("tmux is not installed: first frame and quit are not measured")
    pack = load_pack(builtin_pack_root())
    home = Path(tempfile.mkdtemp(prefix="tutor-speed-"))
    env = {**os.environ, "TUTOR_HOME": str(home / "tutor-home"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    tui_env = {"TUTOR_HOME": env["TUTOR_HOME"], "TERM": "xterm-256color",
               "PATH": os.environ.get("PATH", ""), "PYTHONPATH": env["PYTHONPATH"]}
    workspace = Workspace.create(home / "ws", pack)
    exercise = pack.exercise(EXERCISE)
    assert exercise is not None
    target = workspace.exercise_path(exercise)
    target.write_text(exercise.solution_path.read_text())
    ctx = Context(runs, 2 if args.quick else runs, pack, home, workspace, exercise, target,
                  env, tui_env)
    worker = subprocess.run([*tutor_command(), "worker", "status"], env=env,
                            capture_output=True, text=True, check=False)
    status = worker.stdout.strip().splitlines()
    shared = f"yes: {status[0]}" if worker.returncode == 0 and status else \
        "no (a warm worker per process)"
    print(f"torch-tutor speed, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.2f}; shared worker: {shared}")
    measures: dict[str, Callable[[Context], Figure]] = {
        "check_lesson": check_lesson, "check_exercise": check_exercise, "watch": watch,
        "overhead": overhead, "first_frame": first_frame, "quit": quit_after_ctrl_q,
        "course": course}
    try:
        for name in chosen:
            figure = measures[name](ctx)
            print(figure.line(), flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
