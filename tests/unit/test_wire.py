"""The learner channel's framing: whole messages out of a buffered socket, nothing else."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from tutor.isolation import wire


@pytest.fixture
def pair():
    left, right = socket.socketpair()
    yield left, right
    left.close()
    right.close()


def test_messages_sent_back_to_back_come_out_one_at_a_time(pair):
    left, right = pair
    for n in range(5):
        wire.send(left, {"op": "ok", "n": n}, [bytes([n]) * (n * 3)])
    reader = wire.Reader(right)
    for n in range(5):
        header, buffers = reader.receive()
        assert header == {"op": "ok", "n": n}
        assert buffers == [bytearray([n]) * (n * 3)]


def test_a_buffer_larger_than_a_chunk_arrives_whole(pair):
    left, right = pair
    big = bytes(range(256)) * 20_000  # 5 MB: several chunks, sent while it is read
    sender = threading.Thread(target=wire.send, args=(left, {"op": "t"}, [big, b"tail"]))
    sender.start()
    header, buffers = wire.Reader(right).receive()
    sender.join()
    assert header == {"op": "t"} and bytes(buffers[0]) == big and buffers[1] == b"tail"


def test_a_closed_channel_and_a_malformed_message_are_told_apart(pair):
    left, right = pair
    left.sendall(struct.pack("!II", 2, 0) + b"[]")
    with pytest.raises(wire.WireError, match="not an object"):
        wire.Reader(right).receive()
    left.sendall(struct.pack("!II", 5, 0) + b"{\xff\xfe}x")
    with pytest.raises(wire.WireError, match="unreadable header"):
        wire.Reader(right).receive()
    left.sendall(struct.pack("!II", wire.MAX_HEADER + 1, 0))
    with pytest.raises(wire.WireError, match="too large"):
        wire.Reader(right).receive()
    left.close()
    with pytest.raises(wire.ChannelClosed):
        wire.Reader(right).receive()
