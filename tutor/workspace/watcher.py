"""File change events for the workspace: watchfiles (inotify/FSEvents), or polling.

Polling is the fallback for file systems that deliver no events (network
mounts, some containers). Editors that save by rename are handled because we
watch the folder, not the file, and one save is one change even when its steps
land in separate batches: the temp and backup names (``x.py~``,
``x.py___jb_tmp___``, ``.x.py.tmp123``) are not ``.py`` files and the old
file's deletion is dropped (tests/app/test_watcher_saves.py).

Timing: watchfiles yields once nothing new arrived for one ``step``, or after
``debounce`` at most. Measured (benchmarks/speed.py): a plain, vim-style or
JetBrains-style save reaches the caller 10-25 ms after the write. A smaller step
wakes the caller's thread (and takes the GIL) more often for a few ms.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

DEBOUNCE_MS = 50
STEP_MS = 10


def watch_python_files(root: Path, stop: threading.Event, poll: bool = False,
                       poll_delay_ms: int = 150) -> Iterator[set[Path]]:
    """Yield sets of changed ``.py`` files under ``root`` until ``stop`` is set."""
    from watchfiles import Change, watch

    for changes in watch(root, stop_event=stop, debounce=DEBOUNCE_MS, step=STEP_MS,
                         force_polling=poll or None, poll_delay_ms=poll_delay_ms,
                         recursive=True, raise_interrupt=False, yield_on_timeout=False):
        changed = {Path(path).resolve() for kind, path in changes
                   if kind != Change.deleted and path.endswith(".py")}
        if changed:
            yield changed
