"""The grading child: limits, environment, then ``pytest.main`` with the Collector.

Runs either in a process forked from the warm worker (``zygote``) or as a plain
subprocess (``python -m tutor.grading.child``, the fallback). Both call
:func:`run_checks`, so both report the same results.
"""

from __future__ import annotations

import argparse
import faulthandler
import importlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import IO, Any

from tutor.grading.request import GradeRequest

PYTEST_INI = Path(__file__).with_name("pytest.ini")
UNUSED_PLUGINS = ("cacheprovider", "unraisableexception", "pastebin", "junitxml", "doctest",
                  "setuponly", "setupplan", "stepwise", "debugging", "subtests")
"""pytest's builtin plugins a grading run never uses: each costs an import, a
registration and its options on every run. (No cache between runs, no doctests,
no --pdb with stdin on /dev/null, our own results instead of JUnit XML.
``unraisableexception`` is off because its per-test hooks add nothing here.)"""
KEPT_PLUGIN_MODULES = ("_pytest.faulthandler", "_pytest.helpconfig", "_pytest.skipping",
                       "_pytest.threadexception", "_pytest.tracemalloc", "_pytest.unittest",
                       "_pytest.warnings", "_pytest.logging", "_pytest.capture",
                       "_pytest.legacypath", "_pytest.tmpdir", "_pytest.monkeypatch",
                       "_pytest.recwarn", "_pytest._argcomplete")
"""What pytest imports on every run (the warm worker imports this module, so it
imports these once, before forking)."""
_STACK_DUMP_FILE: IO[str] | None = None  # must outlive registration (faulthandler keeps the fd)


for _module in KEPT_PLUGIN_MODULES:
    importlib.import_module(_module)
if sys.platform != "win32":
    import readline  # noqa: F401 - pytest's capture imports it in every run
    import resource  # noqa: F401 - apply_limits needs it in every run


def apply_limits(request: GradeRequest, cuda_possible: bool) -> None:
    """Core dumps off; CPU time, file size and (CPU runs only) address space capped."""
    if sys.platform == "win32":
        return
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # CPU seconds run faster than wall seconds with several threads; scale the
    # cap so it only ever catches what the wall-clock timeout missed.
    cpu = int((request.timeout_s + 2) * max(1, request.threads)) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    size = request.output_limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    # A write past the cap then fails with EFBIG instead of killing the child.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if not cuda_possible and request.memory_mb > 0:
        # CUDA reserves huge virtual ranges, so this cap is for CPU runs only.
        base = _vm_size_bytes()
        if base:
            limit = base + request.memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def cap_gpu_memory(gpu_memory_mb: int) -> None:
    """Cap the CUDA caching allocator once CUDA starts (an OOM past it raises in the child).

    ``torch.cuda._lazy_call`` defers the call to CUDA's lazy initialisation, so a run
    whose checks never touch the GPU does not pay for initialising it here.
    """
    import torch

    if gpu_memory_mb <= 0:
        return

    def apply() -> None:
        for index in range(torch.cuda.device_count()):
            total = torch.cuda.get_device_properties(index).total_memory
            fraction = min(1.0, gpu_memory_mb * 1024 * 1024 / total)
            torch.cuda.set_per_process_memory_fraction(fraction, index)

    lazy_call = getattr(torch.cuda, "_lazy_call", None)
    if lazy_call is not None:
        lazy_call(apply)


def _vm_size_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def preload(request: GradeRequest) -> None:
    """Work every run of ``request`` repeats, done once in the warm worker before it forks.

    Only what cannot run learner or check code and starts no thread: parsing the
    pack's manifest (cached on its bytes, so an edited pack is parsed again) and
    compiling the check files with pytest's assertion rewriting (rewrite_cache).
    """
    from tutor.grading import rewrite_cache
    from tutor.testing.loader import preload as preload_pack

    preload_pack(Path(request.checks_path))
    if request.isolation != "strict":  # see rewrite_cache: strict runs compile their own
        checks = [Path(p) for p in (request.checks_path, request.hidden_checks_path) if p]
        rewrite_cache.prepare(rewrite_cache.files_of(checks, Path(request.pack_root)))


def pytest_args(request: GradeRequest) -> list[str]:
    # -c points at our own ini so a pack's pyproject/pytest.ini (addopts, plugins)
    # cannot change how grading runs; --confcutdir keeps the pack's conftest.py.
    unused = [arg for name in UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]
    hidden = [request.hidden_checks_path] if request.hidden_checks_path else []
    return [
        request.checks_path, *hidden, "-q", "--no-header", *unused,
        "-c", str(PYTEST_INI), "--rootdir", request.pack_root,
        "--confcutdir", request.pack_root,
        "--device", request.device, *(["--require-gpu"] if request.require_gpu else []),
    ]


def reuse_pytest_parser() -> None:
    """Let pytest reuse its argparse parser while no option was added (grading child only).

    pytest builds a fresh argparse parser with all its ~140 options for each of the
    six parses of one start-up: a third of its configuration time. The parser is
    rebuilt whenever the number of option groups or options changed (plugins and
    conftests only ever add), so every parse sees every option. Anything unexpected
    in pytest's internals leaves its own method in charge.
    """
    from _pytest.config.argparsing import Parser

    original = getattr(Parser, "_getparser", None)
    if original is None or getattr(original, "tutor_reuses", False):
        return

    def getparser(self: Parser) -> Any:
        try:
            groups = [*self._groups, self._anonymous]
            key = (len(groups), sum(len(group.options) for group in groups))
        except AttributeError:
            return original(self)
        cached = self.__dict__.get("_tutor_parser")
        if cached is not None and cached[0] == key:
            return cached[1]
        parser = original(self)
        self.__dict__["_tutor_parser"] = (key, parser)
        return parser

    getparser.tutor_reuses = True  # type: ignore[attr-defined]
    Parser._getparser = getparser  # type: ignore[method-assign]


def prepare_environment(request: GradeRequest) -> None:
    # The device and --require-gpu travel as pytest options only (pytest_args).
    os.environ["TUTOR_TARGET"] = request.target_path
    os.environ["TUTOR_SEED"] = str(request.seed)
    if request.device in ("auto", "cuda"):
        # Kernels run synchronously, so a device-side assert is raised at the learner's
        # line instead of at some later sync point. Read when the child first touches
        # CUDA (never before: the worker does not initialise it).
        os.environ.setdefault("CUDA_LAUNCH_BLOCKING", "1")
    sys.dont_write_bytecode = True


def run_checks(request: GradeRequest, results: IO[bytes]) -> int:
    """Grade ``request`` and stream events to ``results``; returns pytest's exit code."""
    import pytest
    import torch

    import tutor.testing.plugin
    from tutor.grading import rewrite_cache
    from tutor.grading.collector import Collector

    prepare_environment(request)
    if hasattr(signal, "SIGUSR1"):
        # On timeout the client sends SIGUSR1 before the kill: the traceback dumped
        # into the output file tells the learner which line was stuck.
        # A duplicate of fd 2 taken now, because pytest's capture repoints fd 2 per test.
        global _STACK_DUMP_FILE
        _STACK_DUMP_FILE = os.fdopen(os.dup(2), "w")
        faulthandler.register(signal.SIGUSR1, file=_STACK_DUMP_FILE, all_threads=False)
    cuda_possible = request.device in ("auto", "cuda") and torch.cuda.is_available()
    apply_limits(request, cuda_possible)
    if cuda_possible:
        cap_gpu_memory(request.gpu_memory_mb)
    torch.set_num_threads(max(1, request.threads))
    reuse_pytest_parser()
    # The check API's plugin is registered as an object, not with ``-p``: pytest looks
    # a ``-p`` name up among every installed package's entry points first (~10 ms).
    plugins: list[object] = [tutor.testing.plugin, Collector(results, target=request.target_path)]
    if request.isolation == "strict":
        # Forked here, before pytest imports a check or the learner's file (tutor.isolation).
        # The learner's process drops the compiled checks it inherits (rewrite_cache.forget).
        from tutor.isolation.learner import preload
        from tutor.isolation.session import start

        preload()  # done already in the warm worker (then ~free); the subprocess path needs it
        plugins.append(start(request.target_path, request.pack_root))
    rewrite_cache.install()
    return int(pytest.main(pytest_args(request), plugins=plugins))


def main() -> None:
    """Subprocess fallback entry point: the request arrives as JSON on stdin."""
    parser = argparse.ArgumentParser(prog="python -m tutor.grading.child")
    parser.add_argument("--results-file", required=True)
    options = parser.parse_args()
    request = GradeRequest.from_dict(json.loads(sys.stdin.read()))
    sys.stdin = open(os.devnull)  # noqa: SIM115 - learner code must not read our request
    stream = open(options.results_file, "ab", buffering=0)  # noqa: SIM115
    code = run_checks(request, stream)
    stream.close()
    sys.stdout.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
