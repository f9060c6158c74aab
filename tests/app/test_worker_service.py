"""The shared warm worker: one per user, many clients, never stale, never a crash.

Each test points TUTOR_RUNTIME_DIR at its own folder (the module's tests that can
share a worker share one) and stops the worker it started, so no worker outlives
the tests and none is the developer's own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tutor.grading import WarmGrader
from tutor.grading.protocol import Started
from tutor.grading.service_client import SharedWorkerClient
from tutor.grading.service_link import running_worker, stop_worker
from tutor.grading.service_paths import (
    IDLE_ENV,
    MODE_ENV,
    RUNTIME_ENV,
    ServiceUnavailable,
    service_paths,
)
from tutor.grading.zygote_client import ZygoteClient

REPO = Path(__file__).resolve().parents[2]
CORRECT = "../faultpack/solutions/faults_basics/double.py"


def tutor(*args: str, env: dict[str, str] | None = None,
          cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd)


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="tutor-ws-"))  # short: AF_UNIX paths hold ~100 bytes


def worker_pids(folder: Path) -> list[int]:
    """Processes serving a worker socket in ``folder`` (read from /proc).

    A worker's forked runs (and their learner processes) carry its command line too; they
    are told apart by their parent, one of the others: a run killed a moment ago may not
    have been reaped yet.
    """
    found: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if b"tutor.grading.service" in command and fields[0] != b"Z" and \
                str(folder / "worker.sock").encode() in command:
            found[int(entry.name)] = int(fields[1])   # the parent's pid
    return sorted(pid for pid, parent in found.items() if parent not in found)


def wait_until(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return True
    return state == b"Z"


@pytest.fixture
def own_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A worker folder for this test alone; its worker is stopped afterwards."""
    folder = _folder()
    monkeypatch.setenv(RUNTIME_ENV, str(folder))
    yield folder
    stop_worker()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def module_folder() -> Iterator[Path]:
    """One worker folder for the tests of this module that may share a worker."""
    folder = _folder()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(RUNTIME_ENV, str(folder))
        yield folder
        stop_worker()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def shared(module_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(RUNTIME_ENV, str(module_folder))
    return module_folder


# -- many clients, one worker -------------------------------------------------------

@pytest.mark.slow
def test_two_terminals_grade_at_once_on_one_worker(shared):
    commands = [["check", "lesson04/broadcast_shape", "--solutions"],
                ["check", "lesson01", "--solutions"]]
    processes = [subprocess.Popen([sys.executable, "-m", "tutor", *args],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for args in commands]
    outputs = [process.communicate(timeout=300) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "exercises passed" in out and "failed" not in out
    assert len(worker_pids(shared)) == 1, "both terminals must share one worker"
    found = running_worker()
    assert found is not None
    assert found[0].pid == worker_pids(shared)[0]
    assert found[0].runs_served >= 3  # broadcast_shape + lesson01's exercises


@pytest.mark.slow
def test_faults_keep_their_statuses_and_spare_the_other_client(shared, fault_request):
    faulty, healthy = WarmGrader(), WarmGrader()  # two clients: two connections
    try:
        faulty.zygote.wait_ready()
        healthy.zygote.wait_ready()
        assert isinstance(faulty.zygote, SharedWorkerClient) and faulty.zygote.private is None
        assert faulty.zygote.info is not None and healthy.zygote.info is not None
        pid = faulty.zygote.info.pid
        assert healthy.zygote.info.pid == pid
        verdicts: list[str] = []

        def grade_healthy() -> None:
            for _ in range(4):
                verdicts.append(healthy.grade(fault_request(CORRECT)).status)

        other = threading.Thread(target=grade_healthy)
        other.start()
        results = {name: faulty.grade(fault_request(name, timeout_s=timeout))
                   for name, timeout in [("hang.py", 2.0), ("segfault.py", 5.0),
                                         ("exits.py", 5.0), ("memory.py", 10.0),
                                         ("flood.py", 10.0), ("syntax.py", 5.0)]}
        other.join(timeout=300)
        statuses = {name: [c.status for c in r.checks] for name, r in results.items()}
        assert statuses["hang.py"] == ["timeout"] * 3
        assert "hang.py" in results["hang.py"].checks[0].message
        assert statuses["segfault.py"][0] == "crashed"
        assert "SIGSEGV" in results["segfault.py"].checks[0].message
        assert statuses["exits.py"] == ["passed", "crashed", "crashed"]
        assert "os._exit" in results["exits.py"].checks[1].message
        assert statuses["memory.py"][0] == "memory"
        assert statuses["flood.py"] == ["error"] * 3
        assert "printed too much output" in results["flood.py"].checks[0].message
        assert set(statuses["syntax.py"]) == {"error"}
        assert "syntax error on line 1" in results["syntax.py"].checks[0].message
        assert verdicts == ["passed"] * 4, "the other client's runs were disturbed"
        assert healthy.grade(fault_request(CORRECT)).status == "passed"
        assert faulty.zygote.info.pid == pid and worker_pids(shared) == [pid]
    finally:
        faulty.close()
        healthy.close()


@pytest.mark.slow
def test_a_client_that_hangs_up_has_its_run_killed(shared, fault_request):
    client = SharedWorkerClient()
    client.wait_ready()
    events = client.submit(fault_request("hang.py", timeout_s=120.0))
    started = events.get(timeout=60)
    assert isinstance(started, Started)
    time.sleep(0.3)
    assert not gone(started.pid)
    client.close()
    assert wait_until(lambda: gone(started.pid), 20), "the run outlived its client"
    grader = WarmGrader()
    try:
        assert grader.grade(fault_request(CORRECT)).status == "passed"
    finally:
        grader.close()


@pytest.mark.slow
def test_socket_folder_and_files_are_owner_only(shared, fault_request):
    grader = WarmGrader()
    try:
        assert grader.grade(fault_request(CORRECT)).status == "passed"
    finally:
        grader.close()
    assert shared.stat().st_mode & 0o777 == 0o700
    for name in ("worker.sock", "worker.lock", "worker.log"):
        info = (shared / name).stat()
        assert info.st_mode & 0o777 == 0o600, name
        assert info.st_uid == os.getuid()


# -- lifecycle: stop, idle, stale ------------------------------------------------

@pytest.mark.slow
def test_worker_stop_and_status(own_folder):
    assert tutor("worker", "stop").stdout.strip() == "no shared worker was running"
    assert "no shared worker running" in tutor("worker", "status").stdout
    assert tutor("check", "lesson01/make_grid", "--solutions").returncode == 0
    status = tutor("worker", "status").stdout
    (pid,) = worker_pids(own_folder)
    for expected in (f"pid           {pid}", f"socket        {own_folder / 'worker.sock'}",
                     "uptime", "version       torch-tutor", "idle timeout", "runs served   1"):
        assert expected in status, status
    stopped = tutor("worker", "stop")
    assert stopped.stdout.strip() == f"stopped the shared worker (pid {pid})"
    assert gone(pid)
    assert not (own_folder / "worker.sock").exists()
    assert "no shared worker running" in tutor("worker", "status").stdout


@pytest.mark.slow
def test_an_idle_worker_leaves(own_folder, monkeypatch):
    monkeypatch.setenv(IDLE_ENV, "1")
    client = SharedWorkerClient()
    client.wait_ready()
    assert client.info is not None and client.private is None
    pid = client.info.pid
    time.sleep(1.5)
    assert not gone(pid), "a worker with a client connected must stay"
    client.close()
    assert wait_until(lambda: gone(pid), 30)
    assert not (own_folder / "worker.sock").exists()


@pytest.mark.slow
def test_an_upgraded_tutor_gets_a_fresh_worker(own_folder, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(REPO / "tutor", copy / "tutor",
                    ignore=shutil.ignore_patterns("__pycache__", "_course"))
    env = {**os.environ, "PYTHONPATH": str(copy)}
    check = ["check", "lesson01/make_grid", "--solutions", "--pack", str(REPO)]
    assert tutor(*check, env=env, cwd=tmp_path).returncode == 0
    (first,) = worker_pids(own_folder)
    assert tutor(*check, env=env, cwd=tmp_path).returncode == 0
    assert worker_pids(own_folder) == [first], "an unchanged tutor must reuse its worker"
    request_py = copy / "tutor" / "grading" / "request.py"
    request_py.write_text(request_py.read_text() + "\n# upgraded\n")
    assert "STALE" in tutor("worker", "status", env=env, cwd=tmp_path).stdout
    assert tutor(*check, env=env, cwd=tmp_path).returncode == 0
    assert wait_until(lambda: gone(first), 30), "the stale worker must leave"
    (second,) = worker_pids(own_folder)
    assert second != first


@pytest.mark.slow
def test_a_retired_worker_finishes_runs_in_flight_then_hands_over(own_folder, fault_request):
    """What an upgrade does to an open app: its run in flight ends normally, its next run
    goes to the fresh worker."""
    from tutor.grading.protocol import RetireOp, encode_op
    from tutor.grading.service_link import read_hello

    grader = WarmGrader()
    try:
        grader.zygote.wait_ready()
        assert grader.zygote.info is not None
        old = grader.zygote.info.pid
        results = []
        run = threading.Thread(target=lambda: results.append(
            grader.grade(fault_request("hang.py", timeout_s=3.0))))
        run.start()
        time.sleep(1.0)  # the hang is running
        with socket.socket(socket.AF_UNIX) as other:
            other.connect(str(own_folder / "worker.sock"))
            assert read_hello(other) is not None
            other.sendall(encode_op(RetireOp()))
        run.join(timeout=120)
        (hung,) = results
        assert [c.status for c in hung.checks] == ["timeout"] * 3 and not hung.grader_failed
        assert wait_until(lambda: gone(old), 30), "a retired worker leaves once idle"
        assert grader.grade(fault_request(CORRECT)).status == "passed"
        assert grader.zygote.info is not None and grader.zygote.info.pid != old
    finally:
        grader.close()


# -- falling back to a private worker ----------------------------------------------

def test_private_mode_is_honoured(monkeypatch):
    monkeypatch.setenv(MODE_ENV, "private")
    grader = WarmGrader()
    assert isinstance(grader.zygote, ZygoteClient)
    assert grader.worker_note == "grading on a private worker: TUTOR_WORKER=private"
    with pytest.raises(ServiceUnavailable, match="TUTOR_WORKER=private"):
        service_paths()


def test_unsafe_folders_are_refused(monkeypatch, tmp_path):
    short = _folder()
    try:
        not_a_folder = short / "file"
        not_a_folder.write_text("")
        monkeypatch.setenv(RUNTIME_ENV, str(not_a_folder))
        with pytest.raises(ServiceUnavailable, match="cannot create"):
            service_paths()
        monkeypatch.setenv(RUNTIME_ENV, str(short))
        (short / "worker.sock").write_text("not a socket")
        with pytest.raises(ServiceUnavailable, match="is not a socket"):
            service_paths()
        (short / "worker.sock").unlink()
        short.chmod(0o755)  # ours but open: closed again, never shared
        assert service_paths().socket == short / "worker.sock"
        assert short.stat().st_mode & 0o777 == 0o700
        link = short / "link"
        link.symlink_to(short)
        monkeypatch.setenv(RUNTIME_ENV, str(link))
        with pytest.raises(ServiceUnavailable, match="not a folder"):
            service_paths()
        monkeypatch.setenv(RUNTIME_ENV, str(tmp_path / ("x" * 120)))
        with pytest.raises(ServiceUnavailable, match="too long"):
            service_paths()
    finally:
        shutil.rmtree(short, ignore_errors=True)


@pytest.mark.skipif(os.getuid() != 0, reason="giving files to another user needs root")
def test_a_folder_or_socket_of_another_user_is_refused(monkeypatch):
    short = _folder()
    try:
        monkeypatch.setenv(RUNTIME_ENV, str(short))
        planted = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        planted.bind(str(short / "worker.sock"))
        os.chown(short / "worker.sock", 65534, 65534)
        with pytest.raises(ServiceUnavailable, match="worker.sock belongs to uid 65534"):
            service_paths()
        planted.close()
        os.chown(short, 65534, 65534)
        with pytest.raises(ServiceUnavailable, match="belongs to uid 65534, not to you"):
            service_paths()
    finally:
        shutil.rmtree(short, ignore_errors=True)


@pytest.mark.slow
def test_check_falls_back_with_a_note_and_still_grades(tmp_path):
    blocked = tmp_path / "runtime"
    blocked.write_text("a file where the worker folder should be")
    env = {**os.environ, RUNTIME_ENV: str(blocked)}
    done = tutor("check", "lesson01/make_grid", "--solutions", "-v", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "make_grid passed" in done.stdout
    notes = [line for line in done.stderr.splitlines() if "private worker" in line]
    assert len(notes) == 1 and "cannot create" in notes[0], done.stderr
    quiet = tutor("check", "lesson01/make_grid", "--solutions", env=env)
    assert "private worker" not in quiet.stderr
    assert "unavailable" in tutor("worker", "status", env=env).stdout

