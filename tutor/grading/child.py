"""The grading child: limits, environment, then ``pytest.main`` with the Collector.

Runs either in a process forked from the warm worker (``zygote``) or as a plain
subprocess (``python -m tutor.grading.child``, the fallback). Both call
:func:`run_checks`, so both report the same results.
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import signal
import sys
from pathlib import Path
from typing import IO

from tutor.grading.request import GradeRequest

PYTEST_INI = Path(__file__).with_name("pytest.ini")
_STACK_DUMP_FILE: IO[str] | None = None  # must outlive registration (faulthandler keeps the fd)


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


def pytest_args(request: GradeRequest) -> list[str]:
    # -c points at our own ini so a pack's pyproject/pytest.ini (addopts, plugins)
    # cannot change how grading runs; --confcutdir keeps the pack's conftest.py.
    return [
        request.checks_path, "-q", "--no-header", "-p", "no:cacheprovider",
        "-p", "no:unraisableexception", "-p", "tutor.testing.plugin",
        "-c", str(PYTEST_INI), "--rootdir", request.pack_root,
        "--confcutdir", request.pack_root,
        "--device", request.device, *(["--require-gpu"] if request.require_gpu else []),
    ]


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
    plugins: list[object] = [Collector(results, target=request.target_path)]
    if request.isolation == "strict":
        # Forked here, before pytest imports a check or the learner's file (tutor.isolation).
        from tutor.isolation.session import start

        plugins.append(start(request.target_path, request.pack_root))
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
