"""Compare text with a golden file; ``TUTOR_UPDATE_GOLDEN=1`` rewrites the file instead."""

from __future__ import annotations

import difflib
import os
from pathlib import Path


def assert_golden(path: Path, text: str) -> None:
    if os.environ.get("TUTOR_UPDATE_GOLDEN") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if os.environ.get("TUTOR_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"{path} did not exist; written now: review it, then rerun")
        return
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            str(path), "now"))
        raise AssertionError(f"differs from {path.name} (TUTOR_UPDATE_GOLDEN=1 rewrites it):\n"
                             + diff)
