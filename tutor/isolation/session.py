"""The trusted side of strict isolation, inside the grading child.

:func:`start` forks the learner process before pytest loads anything of the
learner's, then routes every load of the learner's file (the ``exercise``
fixture, ``load_module``) to it. Checks get a module whose functions, classes
and objects are proxies; between checks both sides drop their handles.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import types
from pathlib import Path
from typing import Any

import pytest

from tutor.isolation.endpoint import Endpoint
from tutor.isolation.learner import UNPRIVILEGED_UID, fork_learner, pin_to, shared_cpu
from tutor.isolation.rules import patch_spec, patch_watch
from tutor.testing import loader, rules


class StrictSession:
    """One learner process serving one grading run."""

    def __init__(self, target: str, pack_root: str) -> None:
        self.target = target
        # The learner's scratch folder, and pytest's tmp_path base: the one place it may write.
        self.scratch = tempfile.mkdtemp(prefix="tutor-strict-")
        if _is_root():
            os.chown(self.scratch, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
        cpu = shared_cpu()
        self.pid, sock = fork_learner(target, pack_root, self.scratch, cpu)
        pin_to(cpu)  # the learner joins once it has started (in parallel with this one)
        self.endpoint = Endpoint(sock, target)
        self.endpoint.rules = active_rules
        self.endpoint.on_closed = self.mirror_exit
        self.endpoint.patches = self._patches
        self.monkeypatch: Any = None
        self.watch = patch_watch()
        self.watch.listen()  # after the fork: the learner's modules stay as they are
        loader.isolate_target(Path(target), self.load)
        _forward_stack_dumps(self.pid)
        _not_dumpable()

    def load(self, path: Path) -> types.ModuleType:
        try:
            source = path.read_bytes()
        except OSError as error:
            raise loader.ExerciseLoadError(f"cannot read {path}: {error.strerror}") from None
        text = source.decode("utf-8", errors="surrogateescape")
        reply = self.endpoint.request("load", None, path=str(path), source=text)
        module = LearnerModule(str(reply["name"]))
        module.__dict__.update(reply["names"])
        module.__file__ = str(path)
        module.__dict__["_tutor_remote"] = (self.endpoint, reply["module"])
        return module

    def mirror_exit(self) -> None:
        """The learner process died: end this process the same way, as the fast mode would."""
        _, status = os.waitpid(self.pid, 0)
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
        os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)

    def _patches(self) -> list[Any]:
        ruled = {name for names, _, _ in rules.ACTIVE_RULES for name in names}
        found = self.watch.changed(ruled)
        seen = {(m, q, a) for m, q, a, _ in found}
        for owner, name, _old in getattr(self.monkeypatch, "_setattr", []):
            spec = patch_spec(owner, name)
            if spec is not None and tuple(spec) not in seen:
                found.append([*spec, getattr(owner, name, None)])
        return found

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Any:
        self.monkeypatch = getattr(item, "funcargs", {}).get("monkeypatch")
        _lend_tmp_paths(item)
        try:
            return (yield)
        finally:
            self.monkeypatch = None

    def pytest_configure(self, config: pytest.Config) -> None:
        if not config.option.basetemp:
            # Checks' tmp_path under the learner's scratch folder, the one place it may
            # write (and, under root, a folder its uid owns).
            config.option.basetemp = os.path.join(self.scratch, "t")

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Any:
        try:
            return (yield)
        finally:
            self.endpoint.reset_both()


class LearnerModule(types.ModuleType):
    """The learner's module as the checks see it: its names are proxies, and a check that
    replaces one (``monkeypatch.setattr(exercise, "synchronize", fake)``) replaces it in
    the learner's real module too, where the learner's functions look it up."""

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        remote = self.__dict__.get("_tutor_remote")
        if remote is not None and not (name.startswith("__") and name.endswith("__")):
            remote[0].request("setattr", remote[1], name=name, value=value)

    def __delattr__(self, name: str) -> None:
        super().__delattr__(name)
        remote = self.__dict__.get("_tutor_remote")
        if remote is not None:
            remote[0].request("op", remote[1], name="delattr", args=(name,))


def active_rules() -> list[list[Any]]:
    """The check's open ``forbidden`` blocks, as each request carries them."""
    return [[list(names), rule, shown] for names, rule, shown in rules.ACTIVE_RULES]


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _lend_tmp_paths(item: pytest.Item) -> None:
    """As root: the check's own tmp_path belongs to the learner's uid (it writes files there)."""
    if not _is_root():
        return
    for value in getattr(item, "funcargs", {}).values():
        if isinstance(value, Path) and value.is_dir() and "tutor-strict-" in str(value):
            os.chown(value, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
            for parent in value.parents:
                if parent.name.startswith("tutor-strict-"):
                    break
                os.chmod(parent, 0o711)


def start(target: str, pack_root: str) -> StrictSession:
    return StrictSession(target, pack_root)


def _forward_stack_dumps(pid: int) -> None:
    """A timeout's SIGUSR1 also reaches the learner, whose stack shows the stuck line."""
    if not hasattr(signal, "SIGUSR1"):
        return

    def forward(signum: int, frame: Any) -> None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGUSR1)

    signal.signal(signal.SIGUSR1, forward)


def _not_dumpable() -> None:
    """Same uid: forbid the learner to ptrace us or open /proc/<our pid>/mem or fd/."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0)  # PR_SET_DUMPABLE = 0
