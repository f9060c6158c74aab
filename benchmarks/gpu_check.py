"""Everything issue 17 asks of a real GPU, in one run (prepare here, run once on the device).

    python benchmarks/gpu_check.py [--out DIR] [--device cuda|cpu] [--quick]

On a GPU machine (``--device cuda``, the default) it:
1. grades the whole course: solutions with ``--require-gpu`` (must pass), untouched stubs
   (must fail every check), and every wrong answer (must be rejected);
2. measures a GPU check end to end from the warm worker (CUDA initialised in each forked
   child) and the same check run repeatedly in one spawned process that keeps CUDA
   initialised (what a CUDA-resident worker would cost), medians of >= 10;
3. grades the GPU faults: CUDA out of memory, a device-side assert, a GPU run that never
   returns, and a run over the GPU allocator cap; each followed by a correct run.

``--device cpu`` runs the same script on a machine without a GPU (the GPU parts then
report the skips), which is how this script is tested before device time is spent.
Every figure is printed and also written to DIR/gpu_check.json.

On the lent GPU machine (its python3 has torch, pytest and numpy; the grading path needs
nothing else), one call: ``PYTHONUNBUFFERED=1 python3 benchmarks/gpu_check.py --out $OUT``
with a timeout that leaves room for one rerun.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tutor.course import builtin_pack_root, load_pack  # noqa: E402
from tutor.grading import GradeRequest, WarmGrader  # noqa: E402
from tutor.grading.batch import grade_all  # noqa: E402
from tutor.grading.request import GradeOptions, build_request  # noqa: E402

GPU_EXERCISE = "lesson12/to_device"
FAULTS = {
    "cuda_oom": "import torch\n\ndef double(x):\n"
                "    torch.empty(2**40, dtype=torch.uint8, device='cuda')\n    return 2 * x\n",
    "device_assert": "import torch\n\ndef double(x):\n"
                     "    t = torch.zeros(3, device='cuda')\n"
                     "    i = torch.tensor([7], device='cuda')\n"
                     "    return 2 * x + int(t[i].sum())\n",
    "gpu_hang": "import torch\n\ndef double(x):\n    t = torch.ones(1024, device='cuda')\n"
                "    while True:\n        t = t * 1.0\n",
    "over_gpu_cap": "import torch\n\ndef double(x):\n"
                    "    hog = torch.ones(6 * 1024**3, dtype=torch.uint8, device='cuda')\n"
                    "    return 2 * x + int(hog[0]) - 1\n",
}
EXPECTED_FAULT_STATUS = {"cuda_oom": "memory", "device_assert": "error",
                         "gpu_hang": "timeout", "over_gpu_cap": "memory"}


def tutor_check(*args: str) -> tuple[int, dict, float]:
    """Run ``tutor check`` as a learner would; (exit code, JSON result, wall seconds)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = handle.name
    started = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", "tutor", "check", *args, "--format", "json",
                           "--output", output], cwd=REPO, check=False).returncode
    wall = time.perf_counter() - started
    data = json.loads(Path(output).read_text() or "{}")
    os.unlink(output)
    return code, data, wall


def check_counts(data: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for exercise in data.get("exercises", []):
        for check in exercise.get("checks", []):
            counts[check["status"]] = counts.get(check["status"], 0) + 1
    return counts


def grade_course(device: str, report: dict) -> None:
    extra = ["--require-gpu"] if device == "cuda" else []
    code, data, wall = tutor_check("all", "--solutions", "--device", device, *extra)
    report["solutions"] = {"exit": code, "checks": check_counts(data), "wall_s": round(wall, 1)}
    code, data, wall = tutor_check("all", "--stubs", "--device", device)
    counts = check_counts(data)
    report["stubs"] = {"exit": code, "checks": counts, "wall_s": round(wall, 1),
                       "any_passed": counts.get("passed", 0) > 0}
    print("solutions:", report["solutions"], "\nstubs:", report["stubs"], flush=True)


def grade_wrong_answers(grader: WarmGrader, device: str, report: dict) -> None:
    pack = load_pack(builtin_pack_root())
    by_file = {ex.file: ex for ex in pack.exercises()}
    root = REPO / "tests" / "app" / "wrong_answers"
    jobs = []
    for path in sorted(root.glob("*/*/*.py")):
        exercise = by_file.get(f"{path.parent.parent.name}/{path.parent.name}.py")
        if exercise is not None:
            jobs.append((exercise, path))
    run = grade_all(grader, pack, jobs, GradeOptions(device=device))
    accepted = [Path(ex.target).relative_to(root).as_posix() for ex in run.exercises
                if ex.status == "passed"]
    report["wrong_answers"] = {"graded": len(jobs), "accepted": accepted,
                               "wall_s": round(run.duration, 1)}
    print("wrong answers:", report["wrong_answers"], flush=True)


def time_warm_gpu_check(grader: WarmGrader, device: str, runs: int, report: dict) -> None:
    """Save → verdict of one exercise with GPU checks, CUDA initialised in each child."""
    pack = load_pack(builtin_pack_root())
    exercise = pack.exercise(GPU_EXERCISE)
    assert exercise is not None, GPU_EXERCISE
    request = build_request(exercise, exercise.solution_path, GradeOptions(device=device))
    grader.grade(request)  # first run pays lazy imports
    walls, statuses = [], set()
    for _ in range(runs):
        started = time.perf_counter()
        result = grader.grade(request)
        walls.append(time.perf_counter() - started)
        statuses.add(result.status)
    report["warm_fork_per_run"] = {"exercise": GPU_EXERCISE, "median_s": statistics.median(walls),
                                   "min_s": min(walls), "max_s": max(walls), "runs": runs,
                                   "statuses": sorted(statuses)}
    print("warm worker, fork per run:", report["warm_fork_per_run"], flush=True)


RESIDENT = r"""
import json, os, statistics, sys, time
os.environ["TUTOR_TARGET"] = sys.argv[2]
os.environ["TUTOR_DEVICE"] = sys.argv[3]
import pytest, torch
started = time.perf_counter()
if sys.argv[3] == "cuda":
    torch.zeros(1, device="cuda"); torch.cuda.synchronize()
init_s = time.perf_counter() - started
walls = []
for _ in range(int(sys.argv[4])):
    started = time.perf_counter()
    pytest.main([sys.argv[1], "-q", "-p", "no:cacheprovider", "-p", "tutor.testing.plugin",
                 "--device", sys.argv[3]])
    walls.append(time.perf_counter() - started)
print("RESULT " + json.dumps({"cuda_init_s": init_s, "median_s": statistics.median(walls),
                              "min_s": min(walls), "max_s": max(walls)}))
"""


def time_resident_worker(device: str, runs: int, report: dict) -> None:
    """The same checks in one spawned process that initialised CUDA once and never forks."""
    pack = load_pack(builtin_pack_root())
    exercise = pack.exercise(GPU_EXERCISE)
    assert exercise is not None
    out = subprocess.run([sys.executable, "-c", RESIDENT, str(exercise.checks_path),
                          str(exercise.solution_path), device, str(runs)], cwd=REPO,
                         capture_output=True, text=True, check=False)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), "")
    report["cuda_resident_process"] = json.loads(line[7:]) if line else {"error": out.stderr[-800:]}
    print("CUDA-resident process:", report["cuda_resident_process"], flush=True)


def grade_faults(grader: WarmGrader, device: str, report: dict) -> None:
    pack = load_pack(REPO / "tests" / "app" / "data" / "faultpack")
    exercise = pack.exercise("faults/double")
    assert exercise is not None
    faultpack = REPO / "tests" / "app" / "data" / "faultpack"
    good = faultpack / "solutions" / "faults_basics" / "double.py"
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, source in FAULTS.items():
            target = Path(folder) / "double.py"
            target.write_text(source)
            request = build_request(exercise, target, GradeOptions(device=device))
            request = GradeRequest.from_dict({**request.to_dict(), "timeout_s": 5.0})
            started = time.perf_counter()
            result = grader.grade(request)
            wall = time.perf_counter() - started
            after = grader.grade(build_request(exercise, good, GradeOptions(device=device)))
            results[name] = {"statuses": [c.status for c in result.checks],
                             "expected": EXPECTED_FAULT_STATUS[name],
                             "message": result.checks[0].message[:300] if result.checks else "",
                             "wall_s": round(wall, 2), "next_run": after.status}
            print(name, results[name], flush=True)
    report["faults"] = results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.environ.get("OUT", "."))
    parser.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="skip grading the whole course")
    options = parser.parse_args()
    import torch

    report: dict = {"torch": torch.__version__, "device": options.device,
                    "cuda_available": torch.cuda.is_available(),
                    "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else ""}
    print(report, flush=True)
    grader = WarmGrader()
    try:
        grader.zygote.wait_ready()
        time_warm_gpu_check(grader, options.device, options.runs, report)
        time_resident_worker(options.device, options.runs, report)
        grade_faults(grader, options.device, report)
        if not options.quick:
            grade_course(options.device, report)
            grade_wrong_answers(grader, options.device, report)
    finally:
        grader.close()
        Path(options.out, "gpu_check.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
