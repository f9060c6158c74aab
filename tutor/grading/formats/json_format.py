"""``--format json``: the result model as one JSON document."""

from __future__ import annotations

import json
from typing import Any

from tutor.grading.results import RunResult


def render_json(run: RunResult, **_: Any) -> str:
    return json.dumps(run.to_dict(), indent=2) + "\n"
