"""The grading protocol: every message between client, warm worker and child, typed.

One JSON object per line. Each carries the protocol version ``v``, its ``event``
(or ``op`` for client → worker commands) and, once the worker relays it, the
``run`` it belongs to::

    client ──RunOp/ShutdownOp──► zygote ──fork──► child
    client ◄──Ready──────────── zygote
    client ◄──Started, relayed child events, Exited── zygote ◄──Collected,
                                          CheckReport×N, CollectError, Done── child

The subprocess fallback produces the same child events and fakes nothing: its
client side emits ``Started`` and ``Exited`` from the process it launched.
``GraderFailed`` is the client's own event for a worker that died or refused a
run. :class:`tutor.grading.assemble.RunAssembler` is the only interpreter of
the events; :func:`decode` the only parser. No torch here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from tutor.grading.request import GradeRequest
from tutor.grading.status import Status

PROTOCOL_VERSION = 1
OUTPUT_TAIL_BYTES = 4000
"""How much of a run's own output (its end) an ``Exited`` event carries."""


class ProtocolError(ValueError):
    """A line that is not a message of this protocol version."""


@dataclass(frozen=True)
class CollectedCheck:
    id: str
    name: str


@dataclass(frozen=True)
class Ready:
    """The warm worker imported torch and pytest and can fork runs."""

    kind: ClassVar[str] = "ready"
    pid: int
    threads: int
    import_s: float = 0.0
    warmup_s: float = 0.0
    # The shared worker (tutor.grading.service) also says who it is, so a client can
    # refuse a stale one and `tutor worker status` can report it.
    fingerprint: str = ""
    version: str = ""
    uptime_s: float = 0.0
    idle_timeout_s: float = 0.0
    runs_served: int = 0
    clients: int = 0


@dataclass(frozen=True)
class Started:
    """A run's process exists (the client needs its pid to dump its stack or kill it)."""

    kind: ClassVar[str] = "started"
    pid: int
    output: str = ""


@dataclass(frozen=True)
class Collected:
    """pytest collected these checks (in run order)."""

    kind: ClassVar[str] = "collected"
    checks: tuple[CollectedCheck, ...] = ()


@dataclass(frozen=True)
class CheckReport:
    """One check finished (setup, call and teardown together)."""

    kind: ClassVar[str] = "check"
    id: str
    name: str
    status: Status
    message: str = ""
    details: str = ""
    duration: float = 0.0
    device: str = ""
    diff: dict[str, Any] | None = None
    """A tensor mismatch's plain data (tutor.testing.tensor_diff), when the check had one."""
    trace: dict[str, Any] | None = None
    """A shape trace (tutor.testing.trace), when a failing check took one."""
    curves: dict[str, Any] | None = None
    """Loss curves, learner vs reference (tutor.testing.feedback), when a check sent them."""


@dataclass(frozen=True)
class CollectError:
    """A check file could not be collected (usually: the learner's file does not load)."""

    kind: ClassVar[str] = "collect_error"
    id: str
    message: str
    details: str = ""


@dataclass(frozen=True)
class Done:
    """pytest finished the session normally."""

    kind: ClassVar[str] = "done"
    exit_code: int


@dataclass(frozen=True)
class Exited:
    """The run's process is gone: its exit code or signal, and the tail of its output."""

    kind: ClassVar[str] = "exited"
    returncode: int | None = None
    signal: int | None = None
    output_tail: str = ""


@dataclass(frozen=True)
class GraderFailed:
    """The grader, not the learner's code, failed: the worker died or refused the run."""

    kind: ClassVar[str] = "grader_failed"
    message: str


Event = Ready | Started | Collected | CheckReport | CollectError | Done | Exited | GraderFailed


@dataclass(frozen=True)
class RunOp:
    """Client → worker: fork a run for ``request``."""

    kind: ClassVar[str] = "run"
    run: int
    request: GradeRequest
    cwd: str = ""
    """The client's working directory; the shared worker's child runs there (it has its own)."""


@dataclass(frozen=True)
class ShutdownOp:
    """Client → worker: kill every run and exit."""

    kind: ClassVar[str] = "shutdown"


@dataclass(frozen=True)
class RetireOp:
    """Client → shared worker: you are stale; accept no one new, finish the runs in flight, exit."""

    kind: ClassVar[str] = "retire"


Op = RunOp | ShutdownOp | RetireOp

_EVENTS: dict[str, type[Event]] = {cls.kind: cls for cls in (
    Ready, Started, Collected, CheckReport, CollectError, Done, Exited, GraderFailed)}


@dataclass(frozen=True)
class Envelope:
    """An event and the run it belongs to (None before the worker relays it)."""

    event: Event
    run: int | None = field(default=None)


def encode(event: Event, run: int | None = None) -> bytes:
    """One protocol line (with its newline) for ``event``."""
    body: dict[str, Any] = {"v": PROTOCOL_VERSION, "event": event.kind}
    if run is not None:
        body["run"] = run
    body.update(asdict(event))
    return json.dumps(body).encode() + b"\n"


def decode(line: bytes | str) -> Envelope:
    """Parse one protocol line; :class:`ProtocolError` for anything else."""
    try:
        body = json.loads(line)
    except ValueError as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(body, dict):
        raise ProtocolError("not a JSON object")
    if body.get("v") != PROTOCOL_VERSION:
        raise ProtocolError(f"protocol version {body.get('v')!r}, expected {PROTOCOL_VERSION}")
    cls = _EVENTS.get(str(body.get("event")))
    if cls is None:
        raise ProtocolError(f"unknown event {body.get('event')!r}")
    run = body.get("run")
    values = {f.name: body[f.name] for f in fields(cls) if f.name in body}
    try:
        if cls is Collected:
            values["checks"] = tuple(CollectedCheck(str(c["id"]), str(c["name"]))
                                     for c in values.get("checks", ()))
        elif cls is CheckReport:
            values["status"] = Status.parse(str(values.get("status", "")))
        event = cls(**values)
    except (TypeError, KeyError) as error:
        raise ProtocolError(f"malformed {cls.kind} event: {error}") from None
    return Envelope(event, run if isinstance(run, int) else None)



def split_events(buffer: bytes) -> tuple[list[Event], bytes]:
    """The events of the complete lines in ``buffer`` and the unfinished rest.

    Lines that are not protocol events (a stray write to the results pipe) are skipped:
    the assembler decides from the events that did arrive.
    """
    *lines, rest = buffer.split(b"\n")
    events = []
    for line in lines:
        try:
            events.append(decode(line).event)
        except ProtocolError:
            continue
    return events, rest

def encode_op(op: Op) -> bytes:
    body: dict[str, Any] = {"v": PROTOCOL_VERSION, "op": op.kind}
    if isinstance(op, RunOp):
        body.update(run=op.run, request=op.request.to_dict(), cwd=op.cwd)
    return json.dumps(body).encode() + b"\n"


def decode_op(line: bytes | str) -> Op:
    try:
        body = json.loads(line)
    except ValueError as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(body, dict) or body.get("v") != PROTOCOL_VERSION:
        raise ProtocolError("not an op of this protocol version")
    if body.get("op") == "shutdown":
        return ShutdownOp()
    if body.get("op") == "retire":
        return RetireOp()
    if body.get("op") == "run":
        try:
            return RunOp(int(body["run"]), GradeRequest.from_dict(body["request"]),
                         str(body.get("cwd", "")))
        except (KeyError, TypeError, ValueError) as error:
            raise ProtocolError(f"malformed run op: {error}") from None
    raise ProtocolError(f"unknown op {body.get('op')!r}")


def read_output_tail(path: str | os.PathLike[str]) -> str:
    """The last :data:`OUTPUT_TAIL_BYTES` of a run's output file, for ``Exited``; "" if gone."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - OUTPUT_TAIL_BYTES))
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
