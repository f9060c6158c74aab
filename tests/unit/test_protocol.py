"""The grading protocol: every event survives encode → decode; bad lines are refused."""

from __future__ import annotations

import json

import pytest

from tutor.grading.protocol import (
    PROTOCOL_VERSION,
    CheckReport,
    Collected,
    CollectedCheck,
    CollectError,
    Done,
    Exited,
    GraderFailed,
    ProtocolError,
    Ready,
    RetireOp,
    RunOp,
    ShutdownOp,
    Started,
    decode,
    decode_op,
    encode,
    encode_op,
    split_events,
)
from tutor.grading.request import GradeRequest
from tutor.grading.status import Status

EVENTS = [
    Ready(pid=10, threads=1, import_s=1.5, warmup_s=0.2),
    Ready(pid=12, threads=1, fingerprint="ab12", version="0.1.0", uptime_s=3.5,
          idle_timeout_s=900.0, runs_served=4, clients=2),
    Started(pid=11, output="/tmp/x.log"),
    Collected((CollectedCheck("t.py::a", "a works"), CollectedCheck("t.py::b", "b [2]"))),
    CheckReport("t.py::a", "a works", Status.FAILED, "got 1", "trace", 0.25, "cpu"),
    CollectError("t.py", "SyntaxError", "details"),
    Done(exit_code=1),
    Exited(returncode=None, signal=9, output_tail="Stack ..."),
    GraderFailed("the worker exited with code -9"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.kind)
@pytest.mark.parametrize("run", [None, 7])
def test_every_event_round_trips(event, run):
    line = encode(event, run)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    envelope = decode(line)
    assert envelope.event == event
    assert envelope.run == run


def test_ops_round_trip():
    request = GradeRequest("faults/double", "Double", "c.py", "t.py", "/p", timeout_s=2.0)
    op = decode_op(encode_op(RunOp(3, request)))
    assert isinstance(op, RunOp) and op.run == 3 and op.request == request
    assert isinstance(decode_op(encode_op(ShutdownOp())), ShutdownOp)
    assert isinstance(decode_op(encode_op(RetireOp())), RetireOp)
    shared = decode_op(encode_op(RunOp(4, request, cwd="/home/me/ws")))
    assert isinstance(shared, RunOp) and shared.cwd == "/home/me/ws"


def test_a_malformed_run_op_is_a_protocol_error():
    with pytest.raises(ProtocolError, match="malformed run op"):
        decode_op(json.dumps({"v": PROTOCOL_VERSION, "op": "run", "run": 1}))


@pytest.mark.parametrize("line, problem", [
    (b"not json", "not JSON"),
    (b"[1, 2]", "not a JSON object"),
    (json.dumps({"v": PROTOCOL_VERSION + 1, "event": "done", "exit_code": 0}).encode(),
     "protocol version"),
    (json.dumps({"v": PROTOCOL_VERSION, "event": "bogus"}).encode(), "unknown event"),
    (json.dumps({"v": PROTOCOL_VERSION, "event": "done"}).encode(), "malformed done"),
])
def test_bad_lines_are_refused_with_the_reason(line, problem):
    with pytest.raises(ProtocolError, match=problem):
        decode(line)


def test_an_unknown_status_reads_as_error():
    line = json.dumps({"v": PROTOCOL_VERSION, "event": "check", "id": "a", "name": "a",
                       "status": "exploded"})
    event = decode(line).event
    assert isinstance(event, CheckReport) and event.status is Status.ERROR


def test_split_events_keeps_the_unfinished_line_and_skips_strays():
    whole, tail = encode(Done(exit_code=0)), encode(Done(exit_code=1))
    events, rest = split_events(whole + b"not json\n" + tail[:5])
    assert events == [Done(exit_code=0)] and rest == tail[:5]
    events, rest = split_events(rest + tail[5:])
    assert events == [Done(exit_code=1)] and rest == b""
