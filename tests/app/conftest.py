"""Fixtures for the app's own tests: packs, workspaces, real graders."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.course import Pack, builtin_pack_root, load_pack
from tutor.grading import ExerciseResult, Grader, GradeRequest, SubprocessGrader, WarmGrader
from tutor.grading.grader import OnCheck
from tutor.grading.request import GradeOptions, build_request

DATA = Path(__file__).parent / "data"
FAULT_PACK = DATA / "faultpack"
FAULTS = DATA / "faults"


@pytest.fixture(scope="session", autouse=True)
def _session_worker_folder() -> Iterator[Path]:
    """This session's own shared-worker folder (never the developer's), emptied at the end.

    Set in os.environ, not with monkeypatch, so `tutor` commands the tests launch use it
    too; a short path under the temp dir because AF_UNIX paths hold ~100 bytes.
    """
    from tutor.grading.service_link import stop_worker
    from tutor.grading.service_paths import IDLE_ENV, RUNTIME_ENV

    folder = Path(tempfile.mkdtemp(prefix="tutor-rt-"))
    saved = {name: os.environ.get(name) for name in (RUNTIME_ENV, IDLE_ENV)}
    os.environ[RUNTIME_ENV] = str(folder)
    os.environ[IDLE_ENV] = "300"  # a session that dies without teardown leaves no worker long
    yield folder
    stop_worker()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def builtin_pack() -> Pack:
    return load_pack(builtin_pack_root())


@pytest.fixture(scope="session")
def fault_pack() -> Pack:
    return load_pack(FAULT_PACK)


@pytest.fixture(scope="session")
def warm_grader() -> Iterator[WarmGrader]:
    grader = WarmGrader()
    grader.zygote.wait_ready()  # timings in tests must not include the worker's warm-up
    yield grader
    grader.close()


@pytest.fixture(scope="session")
def subprocess_grader() -> SubprocessGrader:
    return SubprocessGrader()


class _Borrowed:
    """The session's warm grader lent to a command: the command's close() leaves it running."""

    def __init__(self, grader: Grader) -> None:
        self.grader = grader
        self.mode = grader.mode

    def prewarm(self) -> None:
        self.grader.prewarm()

    def grade(self, request: GradeRequest, on_check: OnCheck | None = None,
              cancel: threading.Event | None = None) -> ExerciseResult:
        return self.grader.grade(request, on_check, cancel)

    def close(self) -> None:
        return None  # the session fixture closes it


@pytest.fixture
def shared_grader(warm_grader: WarmGrader, monkeypatch: pytest.MonkeyPatch) -> WarmGrader:
    """In-process CLI commands (`main([...])`) grade on the one warm worker of the session."""
    import tutor.commands.check
    import tutor.grading

    def borrowed() -> Grader:
        return _Borrowed(warm_grader)

    monkeypatch.setattr(tutor.commands.check, "default_grader", borrowed)
    monkeypatch.setattr(tutor.grading, "default_grader", borrowed)
    return warm_grader


@pytest.fixture
def fault_request(fault_pack: Pack):
    """Build a request grading one file of tests/app/data/faults as faults/double."""
    exercise = fault_pack.exercise("faults/double")
    assert exercise is not None

    def make(name: str, timeout_s: float = 3.0) -> GradeRequest:
        target = FAULTS / name if not Path(name).is_absolute() else Path(name)
        request = build_request(exercise, target, GradeOptions(), threads=1)
        return GradeRequest.from_dict({**request.to_dict(), "timeout_s": timeout_s})

    return make


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Installed packs go to a throwaway TUTOR_HOME, never the developer's own.
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("tutor-home")))
    monkeypatch.delenv("TUTOR_TARGET", raising=False)
    monkeypatch.delenv("TUTOR_TARGET_ROOT", raising=False)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The grader tests fork from a warm worker; keep them out of parallel noise.
    del items


os.environ.setdefault("NO_COLOR", "1")
