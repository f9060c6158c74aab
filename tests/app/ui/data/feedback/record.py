"""Record the check results the feedback snapshots show, from real grading runs.

    python tests/app/ui/data/feedback/record.py

grades wrong answers from tests/app/wrong_answers with the warm grader and writes
the first failing check that carries each kind of picture (a 4-D tensor diff, a
line-by-line shape trace, a layer table, loss curves, NaN facing finite values) to
checks.json. The UI tests
replay that file (no torch in the app); tests/app/test_feedback_data.py checks
that real runs still attach the same kinds of data.
"""

from __future__ import annotations

import json
from pathlib import Path

from tutor.course.registry import find_pack
from tutor.grading import WarmGrader
from tutor.grading.request import GradeOptions, build_request

HERE = Path(__file__).parent
WRONG = HERE.parents[2] / "wrong_answers"
CASES = {
    # picture: (exercise, wrong answer, check name starts with)
    "diff": ("lesson04/normalize_channels", "lesson04_broadcasting/normalize_channels/"
             "no_reshape.py", "C == W"),
    "trace": ("lesson04/normalize_channels", "lesson04_broadcasting/normalize_channels/"
              "lines_up_with_height.py", "(x - mean[c])"),
    "layers": ("lesson10/lenet", "lesson10_cnn_shapes/lenet/linear_400_without_padding.py",
               "lenet() maps"),
    "curves": ("lesson08/fit_linear_regression", "lesson08_training/fit_linear_regression/"
               "sum_loss.py", "uses the MEAN loss"),
    "nonfinite": ("lesson05/class_means", "lesson05_gather/class_means/empty_class_nan.py",
                  "the mean row of every class"),
}
KEY = {"diff": "diff", "trace": "trace", "layers": "trace", "curves": "curves",
       "nonfinite": "diff"}


def record() -> dict[str, dict[str, object]]:
    pack = find_pack(None)
    grader = WarmGrader()
    found: dict[str, dict[str, object]] = {}
    try:
        for picture, (exercise, wrong, name) in CASES.items():
            result = grader.grade(build_request(pack.exercise(exercise), WRONG / wrong,
                                                GradeOptions(device="cpu")))
            check = next(c for c in result.checks
                         if c.name.startswith(name) and getattr(c, KEY[picture]) is not None)
            data = check.to_dict()
            data["duration"] = 0.05  # snapshots must not depend on the machine's speed
            data["details"] = ""
            found[picture] = data
    finally:
        grader.close()
    return found


if __name__ == "__main__":
    (HERE / "checks.json").write_text(json.dumps(record(), indent=1) + "\n", encoding="utf-8")
