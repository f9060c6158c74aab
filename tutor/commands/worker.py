"""``tutor worker status|stop``: the shared warm worker every command grades on."""

from __future__ import annotations

import argparse

from tutor.commands.common import CliError


def describe() -> list[str]:
    """Lines saying where the shared worker is and how it is (or why it is not used)."""
    from tutor.grading.service_link import running_worker
    from tutor.grading.service_paths import ServiceUnavailable, idle_timeout_s, runtime_folder

    try:
        found = running_worker()
    except ServiceUnavailable as error:
        return [f"shared worker unavailable: {error}",
                "each command grades on a private worker of its own"]
    if found is None:
        return [f"no shared worker running (it starts with the next grading; socket "
                f"{runtime_folder() / 'worker.sock'}, idle timeout {idle_timeout_s():g} s)"]
    hello, paths = found
    from tutor.grading.fingerprint import fingerprint

    stale = "" if hello.fingerprint == fingerprint() else (
        "  STALE: the sources changed; the next grading starts a fresh worker")
    return [
        f"pid           {hello.pid}",
        f"socket        {paths.socket}",
        f"uptime        {_duration(hello.uptime_s)}",
        f"version       torch-tutor {hello.version} (sources {hello.fingerprint[:12]}){stale}",
        f"idle timeout  {_duration(hello.idle_timeout_s)}",
        f"runs served   {hello.runs_served}",
        f"clients       {hello.clients} connected (this one included)",
        f"log           {paths.log}",
    ]


def summary() -> str:
    """One line for `tutor doctor`."""
    lines = describe()
    if lines[0].startswith("pid"):
        pid, socket = (line.split(maxsplit=1)[1] for line in lines[:2])
        return f"shared, running (pid {pid}, socket {socket}); `tutor worker status`"
    return lines[0]


def status(args: argparse.Namespace) -> int:
    print("\n".join(describe()))
    return 0


def stop(args: argparse.Namespace) -> int:
    from tutor.grading.service_link import stop_worker
    from tutor.grading.service_paths import ServiceUnavailable

    try:
        pid = stop_worker()
    except ServiceUnavailable as error:
        raise CliError(f"cannot reach the shared worker: {error}") from None
    print("no shared worker was running" if pid is None else f"stopped the shared worker "
          f"(pid {pid})")
    return 0


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"
