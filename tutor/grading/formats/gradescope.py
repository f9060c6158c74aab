"""``--format gradescope``: Gradescope's autograder ``results.json``.

One test per check, scored by the pack's per-exercise ``score`` (points per
check). A skipped GPU check earns its points only when it was allowed to skip.
Hidden checks carry the pack's ``hidden_visibility`` (Gradescope's own words:
``after_published`` by default), so a student sees them only when the
instructor releases them.
"""

from __future__ import annotations

import json
from typing import Any

from tutor.grading.results import RunResult
from tutor.grading.status import Status


def render_gradescope(run: RunResult, scores: dict[str, float] | None = None,
                      visibility: str = "visible",
                      hidden_visibility: dict[str, str] | None = None, **_: Any) -> str:
    scores = scores or {}
    hidden_visibility = hidden_visibility or {}
    tests: list[dict[str, Any]] = []
    for ex in run.exercises:
        points = scores.get(ex.id, 1.0)
        for check in ex.checks:
            earned = points if check.status.ok else 0.0
            output = check.message if check.status is not Status.PASSED else ""
            if not check.status.ok and check.details:
                output += "\n\n" + check.details
            tests.append({
                "name": f"{ex.id}: {check.shown_name}",
                "number": ex.id,
                "score": earned,
                "max_score": points,
                "status": "passed" if earned == points else "failed",
                "output": output.strip(),
                "visibility": (hidden_visibility.get(ex.id, "after_published")
                               if check.hidden else visibility),
            })
    document = {
        "score": round(sum(t["score"] for t in tests), 4),
        "max_score": round(sum(t["max_score"] for t in tests), 4),
        "output": f"torch-tutor {run.pack_id} {run.pack_version}: "
                  f"{sum(ex.passed for ex in run.exercises)} of {len(run.exercises)} exercises "
                  "passed",
        "visibility": visibility,
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    return json.dumps(document, indent=2) + "\n"
