"""``tutor doctor``: what is installed, whether it works together, and how to fix it.

torch is imported in a child process so a broken install cannot crash the report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from importlib import metadata

PROBE = r"""
import json, os
os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")
info = {}
try:
    import torch
    info["torch"] = torch.__version__
    info["torch_cuda"] = torch.version.cuda
    info["cuda_built"] = torch.backends.cuda.is_built()
    info["cuda_available"] = torch.cuda.is_available()
    info["cuda_count"] = torch.cuda.device_count() if info["cuda_available"] else 0
    info["cuda_names"] = [torch.cuda.get_device_name(i) for i in range(info["cuda_count"])]
    mps = getattr(torch.backends, "mps", None)
    info["mps_available"] = bool(mps and mps.is_available())
except Exception as error:
    info["torch_error"] = f"{type(error).__name__}: {error}"
try:
    import torchvision
    info["torchvision"] = torchvision.__version__
except Exception as error:
    info["torchvision_error"] = f"{type(error).__name__}: {error}"
print(json.dumps(info))
"""

MISMATCH_FIX = (
    "torch and torchvision come from different builds (a CPU-only torch beside a CUDA "
    "torchvision, or the reverse): torchvision's compiled ops cannot load. Reinstall both from "
    "one source, e.g.\n      pip install --force-reinstall torch torchvision\n"
    "   or, for CPU-only wheels:\n      pip install --force-reinstall torch torchvision "
    "--index-url https://download.pytorch.org/whl/cpu\n"
    "   Do not pin torch to one exact version while leaving torchvision free.")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def probe_torch() -> dict[str, object]:
    try:
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                              timeout=120)
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as error:
        return {"torch_error": f"could not run the probe: {error}"}


def diagnose(info: dict[str, object]) -> list[str]:
    """Problems found, each with its fix."""
    problems = []
    if "torch_error" in info:
        problems.append(f"torch does not import: {info['torch_error']}\n   Fix: pip install "
                        "torch")
    error = str(info.get("torchvision_error", ""))
    if "torchvision::nms" in error or "does not exist" in error:
        problems.append(f"torchvision does not import: {error}\n   {MISMATCH_FIX}")
    elif error:
        problems.append(f"torchvision does not import: {error}\n   Fix: pip install torchvision "
                        "(from the same source as torch)")
    torch_version = str(info.get("torch", ""))
    vision = str(info.get("torchvision", ""))
    if "+cpu" in torch_version and vision and "+cu" in vision:
        problems.append(f"torch {torch_version} is CPU-only but torchvision {vision} is a CUDA "
                        f"build.\n   {MISMATCH_FIX}")
    return problems


def _cuda_line(info: dict[str, object]) -> str:
    if info.get("cuda_available"):
        names = info.get("cuda_names")
        return "available: " + ", ".join(str(n) for n in (names if isinstance(names, list)
                                                           else []))
    return "no CUDA device visible: GPU checks will be skipped"


def run(args: argparse.Namespace) -> int:
    info = probe_torch()
    lines = [
        f"Python       {platform.python_version()} ({sys.executable})",
        f"torch-tutor  {_version('torch-tutor')}",
        f"torch        {info.get('torch', 'not importable')}",
        f"  CUDA build {info.get('torch_cuda') or 'none (CPU-only build)'}",
        f"  CUDA       {_cuda_line(info)}",
        f"  MPS        {'available' if info.get('mps_available') else 'no'}",
        f"torchvision  {info.get('torchvision', 'not importable')}",
        f"numpy        {_version('numpy')}",
        f"textual      {_version('textual')}",
        f"pytest       {_version('pytest')}",
        f"watchfiles   {_version('watchfiles')}",
        f"grader       {'warm worker (fork)' if hasattr(os, 'fork') else 'subprocess per run'}",
    ]
    print("\n".join(lines))
    from tutor.commands.worker import summary

    print(f"worker       {summary()}")
    problems = diagnose(info)
    if problems:
        print("\nProblems found:")
        for problem in problems:
            print(f" - {problem}")
        return 1
    print("\nEverything needed is installed and imports.")
    return 0
