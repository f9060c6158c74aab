"""The workspace watcher, run in a thread worker: file events, else polling.

``watch_python_files`` already polls where watchfiles decides events cannot
work (WSL, ``WATCHFILES_FORCE_POLLING``). When the event backend fails outright
(e.g. the inotify watch limit) we retry with polling and tell the learner;
``r`` re-checks by hand whatever happens.
"""

from __future__ import annotations

import threading
from pathlib import Path

from tutor.ui.grading import Post
from tutor.ui.messages import FilesChanged, WatcherFellBack
from tutor.workspace.watcher import watch_python_files


def watch_exercises(root: Path, stop: threading.Event, post: Post, poll: bool = False) -> None:
    """Post :class:`FilesChanged` for every batch of ``.py`` saves until ``stop`` is set."""
    while not stop.is_set():
        try:
            for changed in watch_python_files(root, stop, poll=poll):
                post(FilesChanged(changed))
            return
        except Exception as error:  # noqa: BLE001 - any backend failure: fall back, never crash
            if stop.is_set():
                return
            if poll:
                post(WatcherFellBack(f"Watching for saves stopped ({error}). Press r to "
                                     "check after saving."))
                return
            poll = True
            post(WatcherFellBack(f"File events are unavailable ({error}); polling for saves "
                                 "instead. Press r if a save is not picked up."))
