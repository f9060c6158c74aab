"""A host-memory watchdog the client runs beside every grading child.

``RLIMIT_AS`` caps a CPU run's address space from inside the child, but it cannot
be used once CUDA may be initialised (the CUDA driver reserves tens of GiB of
virtual address space), and learner code running as root can lift it. The
watchdog works from outside: it reads the resident memory of the child and its
descendants from ``/proc`` and reports when it grows past the run's allowance,
so the supervisor can kill the process group and report ``memory``.

Where ``/proc`` does not exist (macOS, Windows) it reports nothing: those runs keep
only the limits the child sets on itself.
"""

from __future__ import annotations

import time
from pathlib import Path

PROC = Path("/proc")
POLL_INTERVAL_S = 0.05


def resident_kib(pid: int) -> int | None:
    """VmRSS of ``pid`` plus its descendants in KiB; None when it cannot be read."""
    total = 0
    seen: set[int] = set()
    pending = [pid]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        rss = _vm_rss_kib(current)
        if rss is None:
            if current == pid:
                return None
            continue
        total += rss
        pending.extend(_children(current))
    return total


def _vm_rss_kib(pid: int) -> int | None:
    try:
        with open(PROC / str(pid) / "status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return 0  # a zombie has no VmRSS line


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


class RssWatchdog:
    """Tells the supervisor when a run's resident memory passes its allowance.

    The allowance is measured from the first reading after :meth:`arm`, which the
    supervisor calls once the checks are collected: by then torch and pytest are
    resident (shared with the warm worker, or imported by a fresh subprocess) and
    no learner code has run, so only what the learner's code adds counts.
    """

    def __init__(self, allowance_mb: int, interval_s: float = POLL_INTERVAL_S) -> None:
        self.allowance_kib = allowance_mb * 1024
        self.interval_s = interval_s
        self.baseline_kib: int | None = None
        self.peak_kib = 0
        self._next_poll = 0.0
        self.armed = False

    def arm(self) -> None:
        """Start measuring; the next reading is the baseline."""
        self.armed = True
        self.baseline_kib = None

    @property
    def enabled(self) -> bool:
        return self.allowance_kib > 0 and PROC.is_dir()

    def exceeded(self, pid: int | None, now: float | None = None) -> bool:
        """True once the run is over its allowance (polls at most every ``interval_s``)."""
        if pid is None or not self.armed or not self.enabled:
            return False
        now = time.monotonic() if now is None else now
        if now < self._next_poll:
            return False
        self._next_poll = now + self.interval_s
        rss = resident_kib(pid)
        if rss is None:
            return False
        if self.baseline_kib is None:
            self.baseline_kib = rss
        self.peak_kib = max(self.peak_kib, rss)
        return rss - self.baseline_kib > self.allowance_kib

    def message(self) -> str:
        """Learner-facing words for a run the watchdog stopped."""
        used = (self.peak_kib - (self.baseline_kib or 0)) // 1024
        limit = self.allowance_kib // 1024
        return (f"your code ran out of memory (the grading limit stopped it): it used about "
                f"{used} MB of host memory, over the {limit} MB a run may take. Look for a "
                "tensor far bigger than the task needs, or a list that keeps growing.")
