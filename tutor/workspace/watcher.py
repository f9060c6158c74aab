"""File change events for the workspace: watchfiles (inotify/FSEvents), or polling.

Polling is the fallback for file systems that deliver no events (network
mounts, some containers); editors that save by rename are handled because we
watch the folder, not the file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

DEBOUNCE_MS = 60
STEP_MS = 15


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
