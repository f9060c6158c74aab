"""Recorded grading runs: real event streams of the fault pack, replayed by the unit tests.

Each ``golden/events/<case>.jsonl`` holds a header line (what was graded, and
whether the supervisor killed the run for time) and then the run's protocol
lines exactly as the warm worker sent them. Re-record after a protocol change
(needs torch and a few seconds a case)::

    python tests/unit/golden_runs.py
"""

from __future__ import annotations

import json
import queue
import sys
from dataclasses import dataclass
from pathlib import Path

from tutor.course import load_pack
from tutor.grading.protocol import Event, Exited, decode, encode
from tutor.grading.request import GradeOptions, GradeRequest, build_request

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
APP_DATA = HERE.parent / "app" / "data"
FAULT_PACK = APP_DATA / "faultpack"
FAULTS = APP_DATA / "faults"


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    """Relative to tests/app/data/faults."""
    timeout_s: float = 3.0


CASES = [
    Case("solution", "../faultpack/solutions/faults_basics/double.py"),
    Case("stub", "../faultpack/exercises/faults_basics/double.py"),
    Case("wrong", "wrong.py"),
    Case("hang", "hang.py", timeout_s=2.0),
    Case("segfault", "segfault.py"),
    Case("exits", "exits.py"),
    Case("syntax", "syntax.py"),
    Case("raises", "raises.py"),
    Case("memory", "memory.py", timeout_s=10.0),
    Case("noisy", "noisy.py"),
]


def request_for(case: Case) -> GradeRequest:
    exercise = load_pack(FAULT_PACK).exercise("faults/double")
    assert exercise is not None
    request = build_request(exercise, FAULTS / case.file, GradeOptions(), threads=1)
    return GradeRequest.from_dict({**request.to_dict(), "timeout_s": case.timeout_s})


@dataclass
class Recording:
    timed_out: bool
    events: list[Event]


def load(case: Case) -> Recording:
    lines = (GOLDEN / "events" / f"{case.name}.jsonl").read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    return Recording(bool(header["timed_out"]), [decode(line).event for line in lines[1:]])


class _Tap(queue.Queue):  # type: ignore[type-arg]
    """The run's event queue, remembering every event the supervisor took out."""

    def __init__(self, inner: queue.Queue[Event]) -> None:
        super().__init__()
        self.inner = inner
        self.seen: list[Event] = []

    def get(self, block: bool = True, timeout: float | None = None) -> Event:
        event = self.inner.get(block, timeout)
        self.seen.append(event)
        return event


def record() -> None:
    from tutor.grading.grader import WarmGrader, supervise
    from tutor.grading.status import Status

    grader = WarmGrader()
    grader.zygote.wait_ready()
    try:
        for case in CASES:
            request = request_for(case)
            tap = _Tap(grader.zygote.submit(request))
            result = supervise(request, tap, None, None)
            grader.zygote.release(tap.inner)
            exited = [e for e in tap.seen if isinstance(e, Exited)]
            timed_out = any(c.status is Status.TIMEOUT for c in result.checks) and \
                bool(exited) and exited[-1].signal is not None
            header = {"case": case.name, "file": case.file, "timeout_s": case.timeout_s,
                      "timed_out": timed_out}
            lines = [json.dumps(header).encode() + b"\n"] + [encode(e) for e in tap.seen]
            (GOLDEN / "events" / f"{case.name}.jsonl").write_bytes(b"".join(lines))
            print(f"{case.name}: {len(tap.seen)} events, {result.status}")
    finally:
        grader.close()


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    record()
