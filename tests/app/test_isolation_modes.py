"""Fast and strict isolation give the same verdicts and messages.

Faults (crashes, hangs, floods, exits) keep their statuses when the learner's
code runs in its own process; one lesson's stubs, solutions and wrong answers
grade the same. The whole course: benchmarks/compare_isolation.py --wrong.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from pathlib import Path

import pytest
from mode_compare import course_jobs, option_differences, verdicts, wrong_answer_jobs

from tutor.grading.request import GradeOptions

pytestmark = pytest.mark.slow
FAULTS = Path(__file__).parent / "data" / "faults"
CPU_FAULTS = sorted(p.name for p in FAULTS.glob("*.py") if not p.name.startswith("cuda"))


@pytest.mark.parametrize("fault", CPU_FAULTS)
def test_a_fault_gets_the_same_verdicts(warm_grader, fault_request, fault):
    # A flood needs the time to reach the 64 MB cap (test_grader_faults does the same).
    if fault == "many_processes.py" and _nobody_cannot_run_python():
        pytest.skip("as root the learner runs as uid 65534, which cannot run this Python "
                    f"({sys.executable}): its processes fail to start instead of piling up")
    fast = fault_request(fault, timeout_s=10.0 if fault == "flood.py" else 3.0)
    strict = dataclasses.replace(fast, isolation="strict")
    first, second = warm_grader.grade(fast), warm_grader.grade(strict)
    assert (first.status, _no_addresses(verdicts(first))) == \
        (second.status, _no_addresses(verdicts(second)))


def _nobody_cannot_run_python() -> bool:
    if os.geteuid() != 0:
        return False
    path = Path(sys.executable).resolve()
    return any(not p.stat().st_mode & 0o001 for p in path.parents if p != Path("/"))


def _no_addresses(found: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """pytest's assertion text shows `<function double at 0x7f…>`: addresses differ by run."""
    return {k: (s, re.sub(r"0x[0-9a-f]+", "0x…", m)) for k, (s, m) in found.items()}


@pytest.mark.parametrize("lesson", ["lesson04", "lesson11"])  # differences: see report
def test_modes_agree_on_a_lesson(builtin_pack, warm_grader, lesson):
    chosen = builtin_pack.lesson(lesson)
    assert chosen is not None
    ids = {ex.qualified_id for ex in chosen.exercises}
    jobs = course_jobs(builtin_pack, list(chosen.exercises))
    jobs += [(ex, path) for ex, path in wrong_answer_jobs(
        builtin_pack, Path(__file__).parent / "wrong_answers") if ex.qualified_id in ids]
    assert option_differences(warm_grader, builtin_pack, jobs,
                              GradeOptions(device="cpu", jobs=2),
                              GradeOptions(device="cpu", jobs=2, isolation="strict")) == []


CLASSES = {
    # Each class of difference the two modes once had, by the files that showed it
    # (benchmarks/compare_isolation.py --wrong covers the whole course).
    "grad_fn names and node calls": ["lesson06_autograd/linear_sigmoid/plain_autograd.py",
                                     "lesson06_autograd/linear_sigmoid.py"],
    "arguments changed in place, rebound, aliased": [
        "lesson08_training/sgd_step/out_of_place_update.py",
        "lesson14_optimisation/sgd_momentum_step/rebinds_parameter.py",
        "lesson14_optimisation/sgd_momentum_step/buffer_aliases_grad.py",
        "lesson15_sequences/rnn_forward/h0_updated_in_place.py",
        "lesson06_autograd/accumulate_grads/forgets_zero_grad.py"],
    "warnings": ["lesson09_modules_data/xy_dataset/torch_tensor_copy.py"],
    "the check's context and patches": [
        "lesson15_sequences/final_states/lengths_not_moved.py",
        "lesson15_sequences/rnn_forward/cpu_float32_zeros.py",
        "lesson08_training/cubic_grads/uses_forward_mode.py",
        "lesson12_devices/time_call/from_import_syncs_whenever_cuda_exists.py"],
    "pickling and late imports": ["lesson09_modules_data/save_load/pickles_whole_model.py",
                                  "lesson09_modules_data/save_load/weights_only_false.py"],
    "a check's module driven layer by layer": [
        "lesson06_autograd/layer_report/children_one_by_one.py",
        "lesson06_autograd/layer_report.py"],
    "version counters and gradient accumulation": [
        "lesson13_losses/bce_with_logits/abs_in_place.py",
        "lesson08_training/train_epoch/never_zero_grad.py"],
}


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_modes_agree_on_each_class_of_difference(builtin_pack, warm_grader, kind):
    """Wrong answers (and solutions) that once graded differently in strict mode."""
    here = Path(__file__).parent
    by_file = {ex.file: ex for ex in builtin_pack.exercises()}
    jobs = []
    for name in CLASSES[kind]:
        parts = Path(name).parts
        if len(parts) == 3:      # a wrong answer: <folder>/<exercise>/<mistake>.py
            path = here / "wrong_answers" / name
            exercise = by_file[f"{parts[0]}/{parts[1]}.py"]
        else:                    # a solution: <folder>/<exercise>.py
            exercise = by_file[name]
            path = exercise.solution_path
        assert path.is_file(), path
        jobs.append((exercise, path))
    assert option_differences(warm_grader, builtin_pack, jobs,
                              GradeOptions(device="cpu", jobs=2),
                              GradeOptions(device="cpu", jobs=2, isolation="strict")) == []
