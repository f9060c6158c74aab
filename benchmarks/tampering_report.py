"""What each tampering attack achieves in fast and in strict isolation.

Grades every file of tests/app/tampering/ as lesson01/make_grid in both modes
and prints, per attack and mode, the exercise status and how many checks
reported passed (the table in docs/authoring.md, "Trust model").

    python benchmarks/tampering_report.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tutor.course import builtin_pack_root, load_pack
from tutor.grading.batch import grade_all
from tutor.grading.grader import WarmGrader
from tutor.grading.request import GradeOptions

ROOT = Path(__file__).resolve().parents[1] / "tests" / "app" / "tampering"


def main() -> int:
    # The attacks write files where the grader runs (a forged results.json): a scratch folder.
    os.chdir(tempfile.mkdtemp(prefix="tampering-report-"))
    pack = load_pack(builtin_pack_root())
    exercise = pack.exercise("lesson01/make_grid")
    assert exercise is not None
    attacks = sorted(ROOT.glob("*.py"))
    rows: dict[str, list[str]] = {a.stem: [] for a in attacks}
    forged_in_strict = 0
    for isolation in ("fast", "strict"):
        grader = WarmGrader()
        try:
            for attack in attacks:  # one at a time: some attacks kill the worker
                result = grade_all(grader, pack, [(exercise, attack)],
                                   GradeOptions(device="cpu", isolation=isolation, jobs=1))
                ex = result.exercises[0]
                passed = sum(c.status == "passed" for c in ex.checks)
                rows[attack.stem].append(f"{ex.status} ({passed}/{len(ex.checks)} passed)")
                forged_in_strict += isolation == "strict" and (ex.status == "passed" or passed)
        finally:
            grader.close()
    print(f"{'attack':22} {'fast':28} strict")
    for name, (fast, strict) in rows.items():
        print(f"{name:22} {fast:28} {strict}")
    return 1 if forged_in_strict else 0


if __name__ == "__main__":
    sys.exit(main())
