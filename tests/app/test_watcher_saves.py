"""One save is one change: editors that save by writing a temp file and renaming it.

Real file events (watchfiles) on a real folder; each pattern is what the editor
does on disk. After a save's batch arrives, the watcher must stay quiet for many
debounce windows: a second batch would grade the same save twice.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tutor.workspace.watcher import DEBOUNCE_MS, STEP_MS, watch_python_files

QUIET_S = 20 * DEBOUNCE_MS / 1000
"""How long after a save's batch no other batch may come (far above the debounce)."""
PAUSE_S = 3 * STEP_MS / 1000
"""Between an editor's steps (its fsyncs take time): long enough that the steps
reach the watcher in separate batches, which must still make one change."""


def plain(path: Path, text: str) -> None:
    path.write_text(text)


def vim(path: Path, text: str) -> None:
    """vim with `backupcopy=no`: the old file renamed to a backup, a new file written."""
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    time.sleep(PAUSE_S)
    path.write_text(text)
    time.sleep(PAUSE_S)
    backup.unlink()


def jetbrains(path: Path, text: str) -> None:
    """JetBrains "safe write": temp file, old one moved aside, temp renamed, old deleted."""
    temp = path.with_name(path.name + "___jb_tmp___")
    old = path.with_name(path.name + "___jb_old___")
    temp.write_text(text)
    time.sleep(PAUSE_S)
    os.rename(path, old)
    time.sleep(PAUSE_S)
    os.rename(temp, path)
    time.sleep(PAUSE_S)
    old.unlink()


def atomic_replace(path: Path, text: str) -> None:
    """Write a hidden temp file beside it, then os.replace (VS Code, Sublime, Python tools)."""
    temp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    temp.write_text(text)
    time.sleep(PAUSE_S)
    os.replace(temp, path)


@pytest.fixture
def batches(tmp_path: Path) -> Iterator[queue.Queue[set[Path]]]:
    (tmp_path / "lesson01").mkdir()
    (tmp_path / "lesson01" / "make_grid.py").write_text("x = 0\n")
    found: queue.Queue[set[Path]] = queue.Queue()
    stop = threading.Event()
    ready = threading.Event()

    def run() -> None:
        ready.set()
        for changed in watch_python_files(tmp_path, stop):
            found.put(changed)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    found.root = tmp_path  # type: ignore[attr-defined]
    yield found
    stop.set()
    thread.join(timeout=5)


def _first_batch(found: queue.Queue[set[Path]], path: Path, save: Callable[[Path, str], None],
                 ) -> set[Path]:
    """Save until the watcher reports it (its first snapshot may miss an early save)."""
    for attempt in range(10):
        save(path, f"x = {attempt + 1}\n")
        try:
            return found.get(timeout=2)
        except queue.Empty:
            continue
    raise AssertionError("the watcher never reported a save")


@pytest.mark.parametrize("save", [plain, vim, jetbrains, atomic_replace],
                         ids=lambda f: f.__name__)
def test_a_save_is_seen_exactly_once(batches, save):
    path = (batches.root / "lesson01" / "make_grid.py").resolve()
    assert _first_batch(batches, path, save) == {path}
    for number in range(3):
        save(path, f"y = {number}\n")
        assert batches.get(timeout=5) == {path}, "each save is reported"
        with pytest.raises(queue.Empty):
            extra = batches.get(timeout=QUIET_S)
            pytest.fail(f"one save was reported twice: {extra}")
        assert path.read_text() == f"y = {number}\n"
